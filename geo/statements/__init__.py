"""Statement intake: figures proposed from published statements (text, web pages) for review."""

from geo.statements.extract import Figure, Statement, extract

__all__ = ["Figure", "Statement", "extract"]
