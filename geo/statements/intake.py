"""Statements into the inbox: every file of a folder, or the items of news feeds (RSS/Atom).

A feed is parsed only after defusedxml has checked it (no entity expansion, no external
entities, no DTD), is read with a size and item limit, and is fetched only by a deployment
that configured feeds; tests serve their own feed on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geo.i18n import _
from geo.settings import setting
from geo.statements.review import statement_digest
from geo.statements.sources import (
    STATEMENT_SUFFIXES,
    Received,
    StatementRefused,
    check_text,
    html_text,
    read_statement,
)
from geo.store.inbox import InboxItem

MAX_FEED_BYTES = 5 * 1024 * 1024
MAX_FEED_ITEMS = 500
FEED_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class IntakeReport:
    """What one intake found: statements queued, already queued, and refused (with reasons)."""

    queued: int
    known: int
    refused: list[tuple[str, str]]


def item_of(received: Received, origin: str) -> InboxItem:
    """A read statement as an inbox item, keyed by its text."""
    return InboxItem(statement_digest(received.text), origin, received.text, received.title, received.url,
                     received.published, received.site)


def folder_items(folder: Path) -> tuple[list[InboxItem], list[tuple[str, str]]]:
    """Every statement file of a folder (not its subfolders), and the files refused with why."""
    items, refused = [], []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.casefold() not in STATEMENT_SUFFIXES or path.is_symlink():
            continue
        try:
            items.append(item_of(read_statement(path.name, path.read_bytes()), path.name))
        except (StatementRefused, OSError) as error:
            refused.append((path.name, str(error)))
    return items, refused


def _checked_xml(data: bytes) -> None:
    """Refuse XML that declares entities or a DTD (billion laughs, external entities)."""
    import defusedxml.ElementTree
    from defusedxml import DefusedXmlException

    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise StatementRefused(_("the feed declares entities or a DTD, which are not read")) from error
    except defusedxml.ElementTree.ParseError as error:
        reason = _("the feed is not well-formed XML ({reason})").format(reason=str(error)[:120])
        raise StatementRefused(reason) from error


def feed_items(data: bytes, origin: str) -> tuple[list[InboxItem], list[tuple[str, str]]]:
    """The statements of an RSS or Atom feed's items (at most MAX_FEED_ITEMS, newest first)."""
    import feedparser

    if len(data) > MAX_FEED_BYTES:
        raise StatementRefused(_("the feed is over {limit} MB").format(limit=MAX_FEED_BYTES // 2**20))
    _checked_xml(data)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.entries
    refused: list[tuple[str, str]] = []
    if len(entries) > MAX_FEED_ITEMS:
        refused.append((origin, _("the feed has {count} items; the newest {limit} were read").format(
            count=len(entries), limit=MAX_FEED_ITEMS)))
        entries = entries[:MAX_FEED_ITEMS]
    items = []
    for entry in entries:
        body = " ".join(c.get("value", "") for c in entry.get("content", [])) or entry.get("summary", "")
        title = str(entry.get("title", ""))[:300]
        text = "\n".join(part for part in (title, html_text(body)) if part)
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = dt.date(*time.struct_time(stamp)[:3])
        try:
            received = check_text(Received(text, title, published, str(entry.get("link", ""))[:1000],
                                           str(parsed.feed.get("title", ""))[:200]))
        except StatementRefused as error:
            refused.append((title or origin, str(error)))
            continue
        items.append(item_of(received, origin))
    return items, refused


def fetch_feed(url: str) -> bytes:
    """A feed's bytes (at most MAX_FEED_BYTES), for deployments that configured feeds."""
    if not url.startswith(("http://", "https://")):
        raise StatementRefused(_("a feed address starts with http:// or https://"))
    request = urllib.request.Request(url, headers={"User-Agent": "minedash-feed-reader"})
    try:
        with urllib.request.urlopen(request, timeout=FEED_TIMEOUT_SECONDS) as response:
            data = response.read(MAX_FEED_BYTES + 1)
    except OSError as error:
        raise StatementRefused(_("the feed could not be read ({reason})").format(reason=str(error)[:120])) \
            from error
    if len(data) > MAX_FEED_BYTES:
        raise StatementRefused(_("the feed is over {limit} MB").format(limit=MAX_FEED_BYTES // 2**20))
    return data


def configured_feeds(environ: Mapping[str, str] | None = None) -> list[str]:
    """The news feeds a deployment reads (MINEDASH_FEEDS: addresses separated by spaces or ';')."""
    return list(setting("MINEDASH_FEEDS", environ))
