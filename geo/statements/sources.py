"""A statement's text from what was received: plain text, a saved web page (trafilatura, with
its title, date and site), a PDF (pdfplumber) or a Word file (python-docx). Anything that
cannot be read safely is refused with a plain reason; nothing is ever fetched."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePath

from geo.i18n import _
from geo.upload.archives import check_members, open_archive
from geo.upload.limits import limits
from geo.upload.problems import UploadRefused
from geo.upload.text_files import decode_text

MAX_STATEMENT_BYTES = 20 * 1024 * 1024
MAX_STATEMENT_CHARS = 200_000
MAX_PDF_PAGES = 200
STATEMENT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "footer", "header", "form",
                "iframe", "object"}
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
              "blockquote", "title"}


class StatementRefused(ValueError):
    """A statement that cannot be read, with the reason to show the editor."""


@dataclass(frozen=True)
class Received:
    """The text of a received statement and what the file itself says about it."""

    text: str
    title: str = ""
    published: dt.date | None = None
    url: str = ""
    site: str = ""


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


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def html_text(html: str) -> str:
    """The visible text of an HTML page (every block, navigation and scripts left out)."""
    parser = _TextOfPage()
    parser.feed(html)
    parser.close()
    return _tidy("".join(parser.parts))


def _web_page(html: str) -> Received:
    """The article of a saved web page and its metadata; the whole visible text if no article."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=True, fast=True)
    document = extracted.as_dict() if extracted is not None else None
    text = _tidy(document.get("text") or "") if document else ""
    if not text:
        return Received(html_text(html))
    title = str(document.get("title") or "")
    published = None
    if document.get("date"):
        try:
            published = dt.date.fromisoformat(str(document["date"])[:10])
        except ValueError:
            published = None
    body = text if not title or text.startswith(title) else f"{title}\n{text}"
    return Received(body, title, published, str(document.get("url") or ""),
                    str(document.get("sitename") or ""))


def _pdf(data: bytes) -> Received:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise StatementRefused(_("the PDF has {count} pages; statements of up to {limit} pages are "
                                         "read").format(count=len(pdf.pages), limit=MAX_PDF_PAGES))
            parts, total = [], 0
            for page in pdf.pages:
                part = page.extract_text() or ""
                total += len(part)
                if total > MAX_STATEMENT_CHARS:
                    raise StatementRefused(_("the text is longer than {limit} characters").format(
                        limit=f"{MAX_STATEMENT_CHARS:,}"))
                parts.append(part)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise StatementRefused(_("the PDF is encrypted: send it without a password")) from error
    except StatementRefused:
        raise
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError,
            RecursionError, OSError, AssertionError) as error:
        cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
        locked = isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError)
        if locked or "password" in str(cause).casefold():
            raise StatementRefused(_("the PDF is encrypted: send it without a password")) from error
        raise StatementRefused(_("the PDF cannot be read ({reason})").format(
            reason=type(error).__name__)) from error
    text = _tidy("\n".join(parts))
    if not text:
        raise StatementRefused(_("the PDF holds no text (only images?): paste the statement's text "
                                 "instead"))
    return Received(text)


def _docx(data: bytes) -> Received:
    import docx

    try:
        check_members(open_archive(data, "Word"), limits())
        document = docx.Document(io.BytesIO(data))
    except UploadRefused as error:
        raise StatementRefused(str(error)) from error
    except (ValueError, KeyError, TypeError, OSError) as error:
        raise StatementRefused(_("the Word file cannot be read ({reason})").format(
            reason=type(error).__name__)) from error
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        paragraphs += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    title = str(document.core_properties.title or "")
    return Received(_tidy("\n".join(paragraphs)), title)


def read_statement(name: str, data: bytes) -> Received:
    """The text of a received statement file, or StatementRefused saying why not."""
    if len(data) > MAX_STATEMENT_BYTES:
        raise StatementRefused(_("the file is over {limit} MB").format(limit=MAX_STATEMENT_BYTES // 2**20))
    suffix = PurePath(name.casefold()).suffix
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        received = _pdf(data)
    elif suffix == ".docx":
        received = _docx(data)
    elif suffix in (".txt", ".html", ".htm", ""):
        try:
            text, _note = decode_text(data)
        except UploadRefused as error:
            raise StatementRefused(str(error)) from error
        looks_html = suffix in (".html", ".htm") or text.lstrip()[:15].casefold().startswith(
            ("<!doctype html", "<html"))
        received = _web_page(text) if looks_html else Received(_tidy(text))
    else:
        raise StatementRefused(_("statements are read from text, web pages (.html), PDF and Word "
                                 "(.docx) files"))
    return check_text(received)


def check_text(received: Received) -> Received:
    """The statement if its text can be used: not empty, not over the size limit."""
    if not received.text.strip():
        raise StatementRefused(_("the statement holds no text"))
    if len(received.text) > MAX_STATEMENT_CHARS:
        raise StatementRefused(_("the text is longer than {limit} characters").format(
            limit=f"{MAX_STATEMENT_CHARS:,}"))
    return received
