"""The sign-in log: every attempt (never the password), read back to throttle guessing."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from geo.store.engine import translated, write_transaction
from geo.store.schema import signin_attempts_table as attempts


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class SignInLog:
    """Sign-in attempts in the store, so back-off holds across sessions and app instances."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @translated
    def record(self, username: str, client: str, ok: bool, at: dt.datetime | None = None) -> None:
        """Log one attempt: who tried, from which client, when, and whether it worked."""
        with write_transaction(self.engine) as conn:
            conn.execute(sa.insert(attempts).values(
                at=at or _now(), username=username[:200], client=client[:200], ok=ok))

    @translated
    def failures_since_success(self, column: str, value: str, since: dt.datetime) -> list[dt.datetime]:
        """Times of failed attempts for a username or client after its last success (and `since`)."""
        field = attempts.c[column]
        with self.engine.connect() as conn:
            last_ok = conn.execute(sa.select(sa.func.max(attempts.c.at))
                                   .where(field == value[:200], attempts.c.ok.is_(True))).scalar()
            start = max(since, last_ok) if last_ok else since
            rows = conn.execute(sa.select(attempts.c.at).where(
                field == value[:200], attempts.c.ok.is_(False), attempts.c.at > start,
            ).order_by(attempts.c.at)).scalars().all()
        return list(rows)

    @translated
    def pair_failures_since_success(self, username: str, client: str,
                                    since: dt.datetime) -> list[dt.datetime]:
        """Times of failed attempts at one name from one client after that pair's last success."""
        match = sa.and_(attempts.c.username == username[:200], attempts.c.client == client[:200])
        with self.engine.connect() as conn:
            last_ok = conn.execute(sa.select(sa.func.max(attempts.c.at))
                                   .where(match, attempts.c.ok.is_(True))).scalar()
            start = max(since, last_ok) if last_ok else since
            rows = conn.execute(sa.select(attempts.c.at).where(
                match, attempts.c.ok.is_(False), attempts.c.at > start,
            ).order_by(attempts.c.at)).scalars().all()
        return list(rows)

    @translated
    def failures_since(self, since: dt.datetime, client: str | None = None) -> list[dt.datetime]:
        """Times of failed attempts after `since`, from one client or from anyone."""
        match = [attempts.c.ok.is_(False), attempts.c.at > since]
        if client is not None:
            match.append(attempts.c.client == client[:200])
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(attempts.c.at).where(*match)
                                     .order_by(attempts.c.at)).scalars().all())

    @translated
    def succeeded_since(self, client: str, since: dt.datetime, username: str | None = None) -> bool:
        """Whether some editor (or this one) signed in from this client after `since`."""
        match = [attempts.c.client == client[:200], attempts.c.ok.is_(True), attempts.c.at > since]
        if username is not None:
            match.append(attempts.c.username == username[:200])
        with self.engine.connect() as conn:
            return conn.execute(sa.select(attempts.c.attempt_id).where(*match).limit(1)).first() \
                is not None

    @translated
    def recent(self, limit: int = 200) -> list[dict]:
        """The latest attempts, newest first (for the administrator)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(attempts).order_by(attempts.c.at.desc()).limit(limit))
            return [dict(r._mapping) for r in rows]
