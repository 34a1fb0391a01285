"""Connecting to the store, writing one transaction at a time, and saying plainly what failed."""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ParamSpec, TypeVar

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, Engine

from geo.settings import setting

PROJECT = Path(__file__).resolve().parent.parent.parent
BUSY_TIMEOUT_MS = 60_000
WRITE_ATTEMPTS = 3
READ_ONLY_RETRY_SECONDS = 5.0  # a connection opened read-only is replaced after this, to retry writing
# SQLite's errors on opening a store whose disk is read-only or full (its WAL index cannot be made)
CANNOT_WRITE_TO_OPEN = ("disk i/o error", "unable to open", "readonly", "disk is full")


def database_url() -> str:
    """The store's URL: MINEDASH_DB_URL, else SQLite at MINEDASH_DB_PATH (a relative path is in
    the project's folder; var/minedash.sqlite by default)."""
    url = setting("MINEDASH_DB_URL")
    if url:
        return url
    return f"sqlite:///{PROJECT / setting('MINEDASH_DB_PATH')}"


class StoreError(RuntimeError):
    """The store could not do what was asked; the message says what happened and what to do."""

    title = "The data store has a problem"


class StoreUnavailable(StoreError):
    """The store cannot be opened or read."""

    title = "The data store cannot be opened"


class StoreDamaged(StoreError):
    """The store file is not a database any more (truncated or overwritten)."""

    title = "The data store is damaged"


class StoreReadOnly(StoreError):
    """Reading works; writing is refused."""

    title = "The data store is read-only"


class StoreFull(StoreError):
    """The disk (or database quota) is full."""

    title = "The disk holding the data store is full"


class StoreBusy(StoreError):
    """Other writes held the store for too long."""

    title = "The data store is busy"


def disk_is_full(folder: Path) -> bool:
    """Whether the file system holding a folder has no room left."""
    try:
        return os.statvfs(folder).f_bavail == 0
    except OSError:
        return False


LOST_CONNECTION = ("terminating connection", "server closed the connection", "connection is lost",
                   "consuming input failed", "the connection is closed", "connection already closed")


def describe(error: Exception, where: str) -> StoreError:
    """The plain-words error for a database failure (SQLAlchemy's, or the driver's own)."""
    original = getattr(error, "orig", None) or error
    text = str(original).casefold()
    full = any(s in text for s in ("disk is full", "no space left", "disk full",
                                   "could not write init file"))
    read_only = any(s in text for s in ("readonly", "read-only", "read only"))
    if read_only and not full and Path(where).is_absolute() and disk_is_full(Path(where).parent):
        full = True  # opened read-only because its disk is full: say so, not "make it writable"
    if read_only and not full:
        return StoreReadOnly(f"The store at {where} can be read but not written: nothing was stored. "
                             "Viewing works; ask the administrator to make it writable.")
    if full:
        return StoreFull(f"The disk holding the store ({where}) is full: nothing was stored and "
                         "nothing already stored was lost. Free some space, then try again.")
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return StoreDamaged(f"The store file at {where} is damaged (it is not a readable "
                            "database). Nothing was changed. Restore it from a backup, or move it "
                            "aside to start from the seed data.")
    if "locked" in text or "busy" in text:
        return StoreBusy("Other commits kept the store busy: nothing was stored. Try again in a "
                         "moment.")
    if "unable to open" in text or "could not connect" in text or "connection refused" in text:
        return StoreUnavailable(f"The store at {where} cannot be opened (missing folder, no "
                                "permission, or the database server is down).")
    if any(s in text for s in LOST_CONNECTION):
        return StoreUnavailable(f"The connection to the store at {where} was lost (the database "
                                "server stopped or ended it). Nothing half-done was kept; reload "
                                "the page to try again.")
    return StoreError(f"The store at {where} refused the operation ({type(original).__name__}); "
                      "nothing was stored.")


def _opened(connect: Callable[[], sqlite3.Connection]) -> sqlite3.Connection:
    """A new SQLite connection that has read the schema (which is when SQLite makes the WAL
    index beside the store, the step that fails on a read-only or full disk)."""
    connection = connect()
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _read_only_uris(path: Path) -> list[str]:
    """Ways to read a store file that cannot be written: read-only, then immutable (no WAL
    index needed), but only when no unfinished writes wait beside it (in its -wal file, or a
    rollback -journal), which an immutable reader would not see."""
    if not path.is_file():
        return []
    read_only = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"
    pending = (Path(f"{path}{suffix}") for suffix in ("-wal", "-journal"))
    if any(side.exists() and side.stat().st_size > 0 for side in pending):
        return [read_only]
    return [read_only, read_only + "&immutable=1"]


def _connect_or_read_only(dialect, record, cargs, cparams) -> sqlite3.Connection:
    """Open the store read-write; when its disk is read-only or full, open it for reading
    (viewing keeps working, writes are refused with a clear message)."""
    record.info.pop("read_only", None)
    try:
        return _opened(lambda: dialect.dbapi.connect(*cargs, **cparams))
    except sqlite3.OperationalError as error:
        if cparams.get("uri") or not any(s in str(error).casefold() for s in CANNOT_WRITE_TO_OPEN):
            raise
        for uri in _read_only_uris(Path(cargs[0])):
            with contextlib.suppress(sqlite3.OperationalError):
                connection = _opened(lambda u=uri: dialect.dbapi.connect(u, uri=True, **cparams))
                record.info["read_only"] = True
                return connection
        raise


def _sqlite_setup(engine: Engine) -> None:
    if engine.url.database and engine.url.database != ":memory:":
        event.listen(engine, "do_connect", _connect_or_read_only)

    @event.listens_for(engine, "checkout")
    def _retry_writing(_dbapi_connection, record, _proxy) -> None:
        if record.info.get("read_only") and time.time() - record.starttime > READ_ONLY_RETRY_SECONDS:
            raise exc.DisconnectionError("a read-only connection is replaced to retry writing")

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # BEGIN is emitted below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        with contextlib.suppress(Exception):  # a read-only store keeps its journal mode
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL, a busy timeout and writers that take the lock up front."""
    engine = sa.create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if engine.url.get_backend_name() == "sqlite":
        _sqlite_setup(engine)
    return engine


def where(engine: Engine) -> str:
    """The store's location for messages, without any password."""
    if engine.url.get_backend_name() == "sqlite":
        return str(engine.url.database)
    return engine.url.render_as_string(hide_password=True)


WRITER_LOCK = 727_301  # PostgreSQL advisory lock held by the one writer at a time


@contextlib.contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction at a time: writers queue instead of failing or interleaving.

    SQLite takes its write lock at BEGIN IMMEDIATE; PostgreSQL takes an advisory lock held to
    the end of the transaction, so revision numbers can be handed out without gaps.
    """
    with engine.connect() as conn:
        conn.info["write"] = True
        with conn.begin():
            if engine.url.get_backend_name() == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
            yield conn


P = ParamSpec("P")
R = TypeVar("R")


def translated(method: Callable[P, R]) -> Callable[P, R]:
    """Run a store method, retrying briefly when the store is busy; failures become StoreErrors."""
    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        store = args[0]
        for attempt in range(WRITE_ATTEMPTS):
            try:
                return method(*args, **kwargs)
            except Exception as error:
                engine = store.engine  # type: ignore[attr-defined]
                if not isinstance(error, (exc.DBAPIError, engine.dialect.loaded_dbapi.Error)):
                    raise  # not the database's: the caller's own error (say, DuplicateUpload)
                failure = describe(error, where(engine))
                if isinstance(failure, StoreBusy) and attempt + 1 < WRITE_ATTEMPTS:
                    time.sleep(0.5 * (attempt + 1))
                    continue
                raise failure from error
        raise AssertionError("unreachable")
    return run
