"""Text from files or users made literal before Streamlit renders it as Markdown."""

from __future__ import annotations

MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|<>~$:=")


def md_literal(text: object) -> str:
    """Backslash-escape Markdown (and Streamlit's :color[] and $math$) so text shows as typed."""
    return "".join(f"\\{char}" if char in MARKDOWN_SPECIALS else char for char in str(text))
