"""`python -m geo.statements extract PATH --published YYYY-MM-DD [--url URL] --json`: the figures a
statement gives, as a JSON array, without touching the store."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from geo.places import load_gazetteer
from geo.statements.extract import Statement, extract
from geo.statements.places import PlaceFinder
from geo.statements.sources import StatementRefused, read_statement

DATA = Path(__file__).resolve().parent.parent.parent / "data"


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m geo.statements")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("extract", help="print the figures a statement gives")
    command.add_argument("path", type=Path)
    command.add_argument("--published", required=True, type=dt.date.fromisoformat)
    command.add_argument("--url", default="")
    command.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    arguments = parser.parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
