"""Uploaded files wait on disk, not in server memory, until their session closes.

Streamlit's MemoryUploadedFileManager keeps every uploaded file's bytes in a dict until the
session ends. The spooling manager writes each file to a private temporary folder as it
arrives and reads it back only when a script run asks for it; a removed file, or every file
of a closed session, is deleted at once. server.py turns the runtime's manager into this one
at start, before any upload can arrive.
"""

from __future__ import annotations

import atexit
import gc
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec


@dataclass(frozen=True)
class _Spooled:
    path: Path
    name: str
    type: str
    size: int


class SpoolingUploadedFileManager(MemoryUploadedFileManager):
    """MemoryUploadedFileManager whose files live in a temporary folder (thread-safe)."""

    folder: Path
    spooled: dict[str, dict[str, _Spooled]]

    def start_spooling(self, folder: Path) -> None:
        """Keep new files in `folder` (private to this process's user)."""
        self.folder = folder
        self.spooled = {}

    def add_file(self, session_id: str, file: UploadedFileRec) -> None:
        """Write the file to disk and forget its bytes."""
        handle, name = tempfile.mkstemp(dir=self.folder, prefix="upload-")
        with os.fdopen(handle, "wb") as output:
            output.write(file.data)
        entry = _Spooled(Path(name), file.name, file.type, len(file.data))
        with self._lock:
            files = self.spooled.setdefault(session_id, {})
            old = files.get(file.file_id)
            if old is not None:
                self._forget(old)
            files[file.file_id] = entry
            self._total_bytes += entry.size
            self._file_count += 1

    def get_files(self, session_id: str, file_ids: Sequence[str]) -> list[UploadedFileRec]:
        """The files' records, their bytes read back from disk for this run."""
        with self._lock:
            files = self.spooled.get(session_id, {})
            wanted = [(file_id, files[file_id]) for file_id in file_ids if file_id in files]
        records = []
        for file_id, entry in wanted:
            try:
                data = entry.path.read_bytes()
            except FileNotFoundError:  # removed meanwhile
                continue
            records.append(UploadedFileRec(file_id=file_id, name=entry.name, type=entry.type, data=data))
        return records

    def remove_file(self, session_id: str, file_id: str) -> None:
        """Delete one file."""
        with self._lock:
            entry = self.spooled.get(session_id, {}).pop(file_id, None)
            if entry is not None:
                self._forget(entry)

    def remove_session_files(self, session_id: str) -> set[str]:
        """Delete every file of a closed session; returns their ids."""
        with self._lock:
            files = self.spooled.pop(session_id, {})
            for entry in files.values():
                self._forget(entry)
        return set(files)

    def _forget(self, entry: _Spooled) -> None:
        """Delete a file and its share of the stats (the lock is held)."""
        entry.path.unlink(missing_ok=True)
        self._total_bytes -= entry.size
        self._file_count -= 1


_INSTALLED = threading.Lock()


def spool_uploads(manager: object) -> Path | None:
    """Turn the runtime's in-memory manager into the spooling one; returns its folder."""
    with _INSTALLED:
        if isinstance(manager, SpoolingUploadedFileManager):
            return manager.folder
        if type(manager) is not MemoryUploadedFileManager:
            return None
        folder = Path(tempfile.mkdtemp(prefix="minedash-uploads-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        manager.__class__ = SpoolingUploadedFileManager
        manager.start_spooling(folder)  # type: ignore[attr-defined]
        return folder


def sweep_closed_sessions(manager: object, session_ids: Callable[[], set[str]]) -> set[str]:
    """Delete the files of sessions the runtime no longer holds; returns the files' ids.

    Streamlit drops a closed tab's session from its reconnect storage once the storage is
    next touched after disconnectedSessionTTL, without shutting it down, so its uploads
    were never removed (they stayed in memory for good)."""
    if not isinstance(manager, SpoolingUploadedFileManager):
        return set()
    known = session_ids()
    with manager._lock:
        gone = [session for session in manager.spooled if session not in known]
    removed: set[str] = set()
    for session in gone:
        removed |= manager.remove_session_files(session)
    return removed


def release_closed_files(file_ids: set[str]) -> int:
    """Empty the in-memory copies of closed sessions' files; returns how many.

    A script run holds each uploaded file as an UploadedFile (its bytes in memory) in the
    session's widget state, and a closed session's state outlives it: Streamlit's runtime
    loop keeps the last session it served in a local variable, and with runner.postScriptGC
    off the rest sit in reference cycles. Measured: 4 closed sessions of 40 MB uploads still
    held 120 MB after their files were deleted and a full collection had run."""
    released = 0
    for thing in gc.get_objects():
        if isinstance(thing, UploadedFile) and thing.file_id in file_ids and not thing.closed:
            thing.close()
            released += 1
    gc.collect()
    return released


def start_sweeping(runtime: object, every_seconds: float = 10.0) -> threading.Thread:
    """Every few seconds, let the runtime expire closed sessions, delete their files and free
    their copies in memory."""

    def known() -> set[str]:
        return {info.session.id for info in runtime._session_mgr.list_sessions()}  # type: ignore[attr-defined]

    def loop() -> None:
        while True:
            time.sleep(every_seconds)
            removed = sweep_closed_sessions(runtime.uploaded_file_mgr, known)  # type: ignore[attr-defined]
            if removed:
                release_closed_files(removed)

    thread = threading.Thread(target=loop, name="minedash-upload-sweep", daemon=True)
    thread.start()
    return thread
