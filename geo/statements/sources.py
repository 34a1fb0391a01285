"""A statement's text from what was received: plain text or a saved web page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import PurePath

from geo.upload.text_files import decode_text

MAX_STATEMENT_BYTES = 5 * 1024 * 1024
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "footer", "header", "form"}
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
              "blockquote", "title"}


class _TextOfPage(HTMLParser):
    """The visible text of a page, one block a line; scripts and styles are never kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The readable text of an HTML page."""
    parser = _TextOfPage()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def read_statement_file(name: str, data: bytes) -> str:
    """The text of a received statement file (.txt or .html), or ValueError saying why not."""
    if len(data) > MAX_STATEMENT_BYTES:
        raise ValueError(f"the file is over {MAX_STATEMENT_BYTES // (1024 * 1024)} MB")
    suffix = PurePath(name.casefold()).suffix
    text, _note = decode_text(data)
    if suffix in (".html", ".htm"):
        return html_text(text)
    if suffix in (".txt", ".text", ""):
        return text
    raise ValueError("statements are read from .txt and .html files")
