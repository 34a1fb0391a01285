"""The statement inbox: statements read from news feeds or folders, waiting for review.

Each statement is queued once (its id is the digest of its text), so reading a feed again adds
only what is new; committing or dismissing it takes it out of the waiting list, not the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from geo.store.engine import translated, write_transaction
from geo.store.schema import statement_inbox_table as inbox

WAITING, COMMITTED, DISMISSED = "waiting", "committed", "dismissed"


@dataclass(frozen=True)
class InboxItem:
    """A statement as it arrived, before anyone reviewed it."""

    item_id: str
    origin: str
    text: str
    title: str = ""
    url: str = ""
    published: dt.date | None = None
    site: str = ""


class Inbox:
    """Statements waiting for review, in the store (shared by every instance)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @translated
    def queue(self, items: list[InboxItem]) -> int:
        """Add the statements not queued before; how many were new."""
        if not items:
            return 0
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with write_transaction(self.engine) as conn:
            known = set(conn.execute(sa.select(inbox.c.item_id).where(
                inbox.c.item_id.in_([i.item_id for i in items]))).scalars())
            fresh = {i.item_id: i for i in items if i.item_id not in known}
            if fresh:
                conn.execute(sa.insert(inbox), [{
                    "item_id": i.item_id, "received_at": now, "origin": i.origin[:300],
                    "title": i.title[:300], "url": i.url[:1000],
                    "published": i.published.isoformat() if i.published else None,
                    "site": i.site[:200], "text": i.text, "status": WAITING} for i in fresh.values()])
        return len(fresh)

    @translated
    def waiting(self) -> pd.DataFrame:
        """The statements waiting for review, newest first (without their text)."""
        columns = [c for c in inbox.c if c.name != "text"]
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(*columns).where(inbox.c.status == WAITING)
                               .order_by(inbox.c.received_at.desc(), inbox.c.item_id), conn)

    @translated
    def item(self, item_id: str) -> InboxItem | None:
        """One queued statement with its text."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(inbox).where(inbox.c.item_id == item_id)).mappings().first()
        if row is None:
            return None
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        return InboxItem(row["item_id"], row["origin"], row["text"], row["title"], row["url"], published,
                         row["site"])

    @translated
    def close(self, item_id: str, status: str, revision_id: int | None = None) -> None:
        """Take a statement out of the waiting list: committed (as a revision) or dismissed."""
        with write_transaction(self.engine) as conn:
            conn.execute(sa.update(inbox).where(inbox.c.item_id == item_id)
                         .values(status=status, revision_id=revision_id))
