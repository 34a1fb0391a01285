"""Statements from the command line, without the browser:

- `python -m geo.statements extract PATH --published YYYY-MM-DD [--url URL] --json`: the figures
  a statement gives, as a JSON array; the store is not touched.
- `python -m geo.statements inbox FOLDER`: queue every statement file of a folder for review.
- `python -m geo.statements feeds [URL ...]`: read news feeds (by default those in MINEDASH_FEEDS)
  into the inbox; run it from cron or a systemd timer to read them on a schedule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from geo.places import load_gazetteer
from geo.statements.extract import Statement, extract
from geo.statements.intake import configured_feeds, feed_items, fetch_feed, folder_items
from geo.statements.places import PlaceFinder
from geo.statements.sources import StatementRefused, read_statement
from geo.store import Store, StoreError

DATA = Path(__file__).resolve().parent.parent.parent / "data"


def _extract(arguments: argparse.Namespace) -> int:
    try:
        received = read_statement(arguments.path.name, arguments.path.read_bytes())
    except (OSError, StatementRefused) as error:
        print(f"{arguments.path}: {error}", file=sys.stderr)
        return 2
    places, names = load_gazetteer(DATA / "geo")
    statement = Statement(received.text, arguments.published, arguments.url or received.url)
    figures = extract(statement, PlaceFinder(places, names))
    json.dump([f.as_json() for f in figures], sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _queue(items: list, refused: list[tuple[str, str]], what: str) -> int:
    try:
        added = Store().inbox.queue(items)
    except StoreError as failure:
        print(f"{failure.title}: {failure}", file=sys.stderr)
        return 2
    for name, reason in refused:
        print(f"{name}: {reason}", file=sys.stderr)
    print(f"{what}: {added} queued for review, {len(items) - added} already queued, {len(refused)} refused")
    return 0


def _inbox(arguments: argparse.Namespace) -> int:
    if not arguments.folder.is_dir():
        print(f"{arguments.folder}: not a folder", file=sys.stderr)
        return 2
    items, refused = folder_items(arguments.folder)
    return _queue(items, refused, str(arguments.folder))


def _feeds(arguments: argparse.Namespace) -> int:
    urls = arguments.urls or configured_feeds()
    if not urls:
        print("no feeds given and none in MINEDASH_FEEDS", file=sys.stderr)
        return 2
    status = 0
    for url in urls:
        try:
            items, refused = feed_items(fetch_feed(url), url)
        except StatementRefused as error:
            print(f"{url}: {error}", file=sys.stderr)
            status = 2
            continue
        status = max(status, _queue(items, refused, url))
    return status


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m geo.statements")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("extract", help="print the figures a statement gives")
    command.add_argument("path", type=Path)
    command.add_argument("--published", required=True, type=dt.date.fromisoformat)
    command.add_argument("--url", default="")
    command.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    command.set_defaults(run=_extract)
    command = commands.add_parser("inbox", help="queue every statement file of a folder for review")
    command.add_argument("folder", type=Path)
    command.set_defaults(run=_inbox)
    command = commands.add_parser("feeds", help="read news feeds (default: MINEDASH_FEEDS) into the inbox")
    command.add_argument("urls", nargs="*")
    command.set_defaults(run=_feeds)
    arguments = parser.parse_args(argv)
    return arguments.run(arguments)


if __name__ == "__main__":
    sys.exit(main())
