"""How long a news feed of 100 real statements takes into the inbox, and to extract.

`python -m bench.statements_intake` serves an RSS feed of 100 items (the evaluation set's real
statements, repeated) on 127.0.0.1, reads it into the inbox of a new SQLite store as the page's
"Read the news feeds now" does, then proposes the figures of every queued statement. Target:
the feed into the inbox in at most 30 s. Writes docs/statements-intake.json.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import tempfile
import time
from pathlib import Path

from geo.places import load_gazetteer
from geo.statements import Statement, extract
from geo.statements.intake import feed_items, fetch_feed
from geo.statements.places import PlaceFinder
from geo.store import Store
from tests.local_feed import served

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "statements"
OUT = ROOT / "docs" / "statements-intake.json"
ITEMS = 100


def feed() -> bytes:
    """An RSS feed of ITEMS real statements (a number added to each so none repeats)."""
    annotations = json.loads((FIXTURES / "annotations.json").read_text(encoding="utf-8"))
    items = []
    for number in range(ITEMS):
        entry = annotations[number % len(annotations)]
        text = (FIXTURES / f"{entry['id']}.txt").read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        published = dt.date.fromisoformat(entry["published"]).strftime("%a, %d %b %Y 09:00:00 +0400")
        items.append(f"<item><title>({number}) {html.escape(title)}</title><link>{html.escape(entry['url'])}"
                     f"#{number}</link><pubDate>{published}</pubDate><description>"
                     f"{html.escape(body)}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench</title>'
            f"{''.join(items)}</channel></rss>").encode()


def main() -> None:
    """Serve the feed, read it into a new inbox, extract every statement; print the times."""
    body = feed()
    with served(body) as url, tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'store.sqlite'}")
        started = time.perf_counter()
        items, refused = feed_items(fetch_feed(url), url)
        queued = store.inbox.queue(items)
        into_inbox = time.perf_counter() - started
        finder = PlaceFinder(*load_gazetteer(ROOT / "data" / "geo"))
        started = time.perf_counter()
        figures = sum(len(extract(Statement(i.text, i.published or dt.date.today(), i.url), finder))
                      for i in items)
        extracting = time.perf_counter() - started
    result = {"measured": dt.date.today().isoformat(), "items": ITEMS, "feed_bytes": len(body),
              "queued": queued, "refused": len(refused), "seconds_into_inbox": round(into_inbox, 2),
              "seconds_to_extract_all": round(extracting, 2), "figures_proposed": figures}
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
