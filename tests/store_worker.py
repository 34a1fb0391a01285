"""A separate process that commits uploads to a store, for the concurrency and kill tests.

    python -m tests.store_worker commit URL NAME ROUNDS BARRIER_DIR
        commits ROUNDS different uploads, each after all workers reached the round's barrier
    python -m tests.store_worker big URL NAME ROWS READY_FILE
        prepares a large upload, writes READY_FILE, then commits it (to be killed midway)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from geo.store import Store
from geo.upload import prepare_upload


def finds(name: str, round_number: int, rows: int) -> bytes:
    """A finds file unique to this worker and round."""
    lines = ["kind,date,lat,lon,device,quantity,note,source_id"]
    lines += [f"find,2023-05-{round_number % 28 + 1:02d},{39.3 + i / (rows * 2):.7f},46.6,UXO,"
              f"{i % 50 + 1},{name}-{round_number},SEED" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def _barrier(folder: Path, name: str, round_number: int, workers: int) -> None:
    (folder / f"{round_number}-{name}").touch()
    deadline = time.monotonic() + 120
    while len(list(folder.glob(f"{round_number}-*"))) < workers:
        if time.monotonic() > deadline:
            raise SystemExit("barrier timed out")
        time.sleep(0.005)


def commit_rounds(url: str, name: str, rounds: int, folder: Path, workers: int) -> None:
    """Commit one upload per round, starting each round together with the other workers."""
    store = Store(url)
    for round_number in range(rounds):
        data = finds(name, round_number, 300)
        prepared = prepare_upload(f"{name}-{round_number}.csv", data, store.snapshot())
        _barrier(folder, name, round_number, workers)
        store.commit(prepared.tables, author=name, file_name=prepared.file_name,
                     sha256=prepared.sha256, kind=prepared.kind)


def big_commit(url: str, name: str, rows: int, ready: Path) -> None:
    """Prepare a large upload, say so, then commit it."""
    store = Store(url)
    prepared = prepare_upload(f"{name}.csv", finds(name, 0, rows), store.snapshot())
    ready.touch()
    store.commit(prepared.tables, author=name, file_name=prepared.file_name, sha256=prepared.sha256,
                 kind=prepared.kind)


if __name__ == "__main__":
    command, url, name = sys.argv[1:4]
    if command == "commit":
        commit_rounds(url, name, int(sys.argv[4]), Path(sys.argv[5]), int(sys.argv[6]))
    else:
        big_commit(url, name, int(sys.argv[4]), Path(sys.argv[5]))
