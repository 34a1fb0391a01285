"""Store faults reach people as a clear message, reading keeps working where it can, and
nothing already stored is lost: a full disk, a read-only store, a damaged or truncated file,
a folder that cannot be made (SQLite's own faults), and writers queueing instead of failing
(on both backends). Read-only and full disks are real ones (tests/mounts.py): a read-only bind
mount and a small tmpfs filled to 100%. PostgreSQL's faults: tests/test_store_postgres_faults.py."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from geo.store import (
    Store,
    StoreDamaged,
    StoreFull,
    StoreReadOnly,
    StoreUnavailable,
)
from geo.store import engine as store_engine
from geo.upload import prepare_upload
from tests.conftest import DATA, ROOT
from tests.mounts import fill, read_only_view, small_disk
from tests.page_walk import editor_retracts_the_seed, editor_signs_in, open_app, walk_every_page

FINDS = "kind,date,place,device,quantity,source_id\n" + "".join(
    f"find,2023-03-{day:02d},Sus,UXO,{day},SEED\n" for day in range(1, 29))


def _upload(store: Store, text: str = FINDS, name: str = "finds.csv"):
    return prepare_upload(name, text.encode(), store.snapshot())


def _seeded(path: Path) -> Store:
    store = Store(f"sqlite:///{path}")
    store.seed_if_empty(DATA)
    return store


def test_a_full_disk_refuses_the_commit_and_loses_nothing(tmp_path: Path) -> None:
    store = _seeded(tmp_path / "full.sqlite")
    before = len(store.snapshot().events)
    big = "kind,date,place,device,quantity,note,source_id\n" + "".join(
        f"find,2023-03-01,Sus,UXO,{i},{'x' * 900},SEED\n" for i in range(3000))
    prepared = _upload(store, big, "big.csv")
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    store.engine.dispose()
    sa.event.listen(store.engine, "connect",
                    lambda dbapi, _: dbapi.execute(f"PRAGMA max_page_count={pages + 20}"))
    with pytest.raises(StoreFull, match=r"disk holding the store .* is full: nothing was stored"):
        store.commit(prepared.tables, author="t", file_name="big.csv", sha256=prepared.sha256,
                     kind=prepared.kind)
    assert len(store.snapshot().events) == before
    assert store.integrity_problems() == []


def test_a_read_only_store_can_be_viewed_but_not_written(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "ro.sqlite"
    seeded = _seeded(path)
    prepared = _upload(seeded)
    seeded.engine.dispose()
    monkeypatch.chdir(tmp_path / "..")
    store = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert not Path("file:").exists()  # the URI is not taken for a folder to create
    assert len(store.snapshot().claims) > 0
    with pytest.raises(StoreReadOnly, match="can be read but not written"):
        store.commit(prepared.tables, author="t", file_name="f.csv", sha256=prepared.sha256,
                     kind=prepared.kind)


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_store_file_is_named_as_damaged(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "bad.sqlite"
    if damage == "garbage":
        path.write_bytes(b"this is not a database at all" * 100)
    else:
        _seeded(path).engine.dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    with pytest.raises(StoreDamaged, match="damaged"):
        Store(f"sqlite:///{path}").snapshot()


def test_a_store_folder_that_cannot_be_made_is_explained() -> None:
    with pytest.raises(StoreUnavailable, match="cannot be created"):
        Store("sqlite:////proc/minedash-cannot-exist/store.sqlite")


def test_four_large_commits_at_once_queue_instead_of_failing(store_url: str) -> None:
    store = Store(store_url)
    store.seed_if_empty(DATA)
    uploads = []
    for writer in range(4):
        text = "kind,date,lat,lon,device,quantity,source_id\n" + "".join(
            f"find,2023-04-01,{39.5 + i / 1e5:.5f},46.5,UXO,{writer + 1},SEED\n" for i in range(8000))
        uploads.append(_upload(store, text, f"w{writer}.csv"))
    errors: list[BaseException] = []

    def commit(prepared) -> None:
        try:
            Store(store_url).commit(
                prepared.tables, author="t", file_name=prepared.file_name, sha256=prepared.sha256,
                kind=prepared.kind)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=commit, args=(u,)) for u in uploads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(store.revisions()["revision_id"]) == [1, 2, 3, 4, 5]
    assert store.integrity_problems() == []


def _first_run(monkeypatch: pytest.MonkeyPatch, path: Path) -> AppTest:
    monkeypatch.setenv("MINEDASH_DB_PATH", str(path))
    monkeypatch.delenv("MINEDASH_DB_URL", raising=False)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    return app


def test_the_app_shows_a_clear_page_for_a_damaged_store(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"\x00garbage" * 500)
    app = _first_run(monkeypatch, path)
    assert not app.exception
    assert any("The data store is damaged" in e.value for e in app.error)


def test_the_app_still_shows_a_read_only_store(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "ro.sqlite"
    _seeded(path).engine.dispose()
    monkeypatch.setenv("MINEDASH_DB_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    assert not app.exception and not app.error
    assert any("218,262 ha" in m.value for m in app.markdown), "headline figures should show"


def test_warming_up_on_a_damaged_store_leaves_the_page_to_explain(tmp_path: Path, monkeypatch) -> None:
    from ui.cache import warm_up

    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"\x00garbage" * 500)
    monkeypatch.setenv("MINEDASH_DB_PATH", str(path))
    monkeypatch.delenv("MINEDASH_DB_URL", raising=False)
    warm_up()  # the instance's start-up work: no exception escapes into the server's start
    app = _first_run(monkeypatch, path)
    assert any("The data store is damaged" in e.value for e in app.error)


def _seeded_then_closed(path: Path) -> int:
    """Seed a store, close it cleanly (no -wal or -shm left) and return its figure count."""
    store = _seeded(path)
    count = len(store.snapshot().claims)
    store.engine.dispose()
    return count


def test_a_store_on_a_read_only_disk_opens_for_reading(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    figures = _seeded_then_closed(folder / "store.sqlite")
    with read_only_view(folder) as read_only:
        store = Store(f"sqlite:///{read_only / 'store.sqlite'}")
        assert len(store.snapshot().claims) == figures
        assert list(store.revisions()["revision_id"]) == [1]
        with pytest.raises(StoreReadOnly, match="can be read but not written: nothing was stored"):
            store.retract(1, by="t", note="x")
        store.engine.dispose()
    assert sorted(p.name for p in folder.iterdir()) == ["store.sqlite"]


def test_a_read_only_disk_with_unfinished_writes_is_read_whole(tmp_path: Path) -> None:
    """A store whose latest commit is still in its -wal file (the writer is running): a
    reader on a read-only mount sees that commit too."""
    folder = tmp_path / "data"
    folder.mkdir()
    writer = _seeded(folder / "store.sqlite")
    prepared = _upload(writer)
    writer.commit(prepared.tables, author="t", file_name="f.csv", sha256=prepared.sha256,
                  kind=prepared.kind)
    assert (folder / "store.sqlite-wal").stat().st_size > 0
    with read_only_view(folder) as read_only:
        reader = Store(f"sqlite:///{read_only / 'store.sqlite'}")
        assert list(reader.revisions()["revision_id"]) == [1, 2]
        assert len(reader.snapshot().events) == len(writer.snapshot().events)
        reader.engine.dispose()
    writer.engine.dispose()


def test_unfinished_writes_on_a_read_only_disk_are_never_read_past(tmp_path: Path) -> None:
    """A -wal file holding the latest commit but no -shm beside it (copied off a running
    server): SQLite cannot read it read-only, and reading the file as if immutable would lose
    that commit, so the store is refused instead of shown without it."""
    running, folder = tmp_path / "running", tmp_path / "copy"
    running.mkdir()
    folder.mkdir()
    writer = _seeded(running / "store.sqlite")
    prepared = _upload(writer)
    writer.commit(prepared.tables, author="t", file_name="f.csv", sha256=prepared.sha256,
                  kind=prepared.kind)
    for suffix in ("", "-wal"):
        shutil.copyfile(running / f"store.sqlite{suffix}", folder / f"store.sqlite{suffix}")
    writer.engine.dispose()
    with read_only_view(folder) as read_only, pytest.raises(StoreUnavailable,
                                                            match="cannot be opened"):
        Store(f"sqlite:///{read_only / 'store.sqlite'}").revisions()


def test_a_full_disk_still_shows_the_data_and_writes_again_once_freed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_engine, "READ_ONLY_RETRY_SECONDS", 0.05)
    with small_disk(tmp_path / "disk") as disk:
        figures = _seeded_then_closed(disk / "store.sqlite")
        filler = fill(disk)
        store = Store(f"sqlite:///{disk / 'store.sqlite'}")
        assert len(store.snapshot().claims) == figures
        with pytest.raises(StoreFull, match="is full: nothing was stored"):
            store.retract(1, by="t", note="x")
        filler.unlink()
        time.sleep(0.1)  # past READ_ONLY_RETRY_SECONDS: the next connection tries writing again
        store.retract(1, by="t", note="space freed")
        assert list(store.actions()["note"]) == ["space freed"]
        store.engine.dispose()


def test_every_page_shows_the_data_from_a_read_only_disk(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    _seeded_then_closed(folder / "store.sqlite")
    with read_only_view(folder) as read_only:
        app = open_app(monkeypatch, path=str(read_only / "store.sqlite"))
        walk_every_page(app)
        [no_sign_in] = editor_signs_in(app)
        [refused] = editor_retracts_the_seed(app)
    assert no_sign_in.startswith("**The data store is read-only.**")
    assert refused.startswith("**The data store is read-only.**") and "nothing was stored" in refused


def test_every_page_shows_the_data_from_a_full_disk(tmp_path: Path, monkeypatch) -> None:
    with small_disk(tmp_path / "disk") as disk:
        _seeded_then_closed(disk / "store.sqlite")
        fill(disk)
        app = open_app(monkeypatch, path=str(disk / "store.sqlite"))
        walk_every_page(app)
        [no_sign_in] = editor_signs_in(app)
        [refused] = editor_retracts_the_seed(app)
    assert no_sign_in.startswith("**The disk holding the data store is full.**")
    assert refused.startswith("**The disk holding the data store is full.**")
    assert "nothing was stored and nothing already stored was lost" in refused
