"""Statements into the inbox: a news feed served by the test itself, a folder, and bad input
(entities, malformed XML, 10,000 items, encrypted, image-only and oversized files)."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Iterator

import pytest
from fpdf import FPDF

from geo.statements.intake import MAX_FEED_ITEMS, feed_items, fetch_feed, folder_items
from geo.statements.sources import MAX_STATEMENT_CHARS, StatementRefused, read_statement
from geo.store import Store
from tests.conftest import ROOT
from tests.local_feed import served

ITEM = ("<item><title>ANAMA: {n} anti-personnel mines found last week</title><link>https://example.org/{n}"
        "</link><pubDate>Mon, 23 Feb 2026 10:00:00 +0400</pubDate><description>&lt;p&gt;Last week {n} "
        "anti-personnel mines were found, ANAMA said.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
        "</description></item>")


def rss(count: int) -> bytes:
    items = "".join(ITEM.format(n=n) for n in range(1, count + 1))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ANAMA news</title>'
            f"{items}</channel></rss>").encode()


@pytest.fixture
def feed_server() -> Iterator[str]:
    """A feed of three items served on 127.0.0.1 by the test (never the internet)."""
    with served(rss(3)) as url:
        yield url


def test_a_local_feed_is_read_into_the_inbox_once(feed_server, tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    items, refused = feed_items(fetch_feed(feed_server), feed_server)
    assert refused == [] and len(items) == 3
    first = items[0]
    assert first.title == "ANAMA: 1 anti-personnel mines found last week" and first.url == "https://example.org/1"
    assert str(first.published) == "2026-02-23" and "alert" not in first.text
    assert store.inbox.queue(items) == 3
    assert store.inbox.queue(items) == 0  # reading the feed again adds nothing
    assert len(store.inbox.waiting()) == 3


def test_a_feed_with_entities_is_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b"<rss><channel><title>&lol2;</title></channel></rss>")
    with pytest.raises(StatementRefused, match="entities or a DTD"):
        feed_items(bomb, "bomb")


def test_a_malformed_feed_is_refused() -> None:
    with pytest.raises(StatementRefused, match="not well-formed"):
        feed_items(b"<rss><channel><item><title>cut", "cut")


def test_a_feed_of_ten_thousand_items_is_read_up_to_its_limit() -> None:
    items, refused = feed_items(rss(10_000), "big")
    assert len(items) == MAX_FEED_ITEMS
    assert refused and "10000 items" in refused[0][1]


def test_a_feed_address_must_be_http() -> None:
    with pytest.raises(StatementRefused, match="http"):
        fetch_feed("file:///etc/passwd")


def _pdf(text: str | None, password: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    if password:
        pdf.set_encryption(owner_password=password, user_password=password)
    if text:
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, text)
    else:
        pdf.rect(10, 10, 50, 50, style="F")
    return bytes(pdf.output())


def test_a_pdf_statement_is_read() -> None:
    received = read_statement("bulletin.pdf", _pdf("Last week 28 anti-tank mines were found."))
    assert "28 anti-tank mines" in received.text


def test_an_encrypted_pdf_is_refused() -> None:
    with pytest.raises(StatementRefused, match="encrypted"):
        read_statement("secret.pdf", _pdf("Last week 28 anti-tank mines were found.", password="x"))


def test_an_image_only_pdf_is_refused() -> None:
    with pytest.raises(StatementRefused, match="no text"):
        read_statement("scan.pdf", _pdf(None))


def test_a_word_statement_is_read_and_a_word_bomb_refused() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Last week 28 anti-tank mines were found, ANAMA said.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert "28 anti-tank mines" in read_statement("bulletin.docx", buffer.getvalue()).text
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (700 * 1024 * 1024) + b"</a>")
    with pytest.raises(StatementRefused, match="unpacks to more than"):
        read_statement("bomb.docx", bomb.getvalue())


def test_a_text_over_the_limit_is_refused() -> None:
    with pytest.raises(StatementRefused, match="longer than"):
        read_statement("long.txt", ("mines " * (MAX_STATEMENT_CHARS // 5)).encode())


def test_a_folder_is_queued_from_the_command_line(tmp_path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a.txt").write_text("Last week 28 anti-tank mines were found, ANAMA said.", encoding="utf-8")
    (folder / "b.html").write_text("<html><body><article><p>Last week 1,616 hectares were cleared, "
                                   "ANAMA said in its weekly statement on mine clearance.</p></article>"
                                   "</body></html>", encoding="utf-8")
    (folder / "c.pdf").write_bytes(_pdf(None))
    (folder / "notes.csv").write_text("not a statement", encoding="utf-8")
    items, refused = folder_items(folder)
    assert [i.origin for i in items] == ["a.txt", "b.html"] and [r[0] for r in refused] == ["c.pdf"]
    database = tmp_path / "store.sqlite"
    result = subprocess.run([sys.executable, "-m", "geo.statements", "inbox", str(folder)], cwd=ROOT,
                            capture_output=True, text=True, env={"MINEDASH_DB_PATH": str(database),
                                                                  "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "2 queued for review" in result.stdout and "c.pdf" in result.stderr
    assert len(Store(f"sqlite:///{database}").inbox.waiting()) == 2
