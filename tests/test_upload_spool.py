"""Uploaded files wait on disk, not in memory, and are deleted when their session closes."""

from __future__ import annotations

from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

from ui.upload_spool import release_closed_files, spool_uploads, sweep_closed_sessions


def test_files_wait_on_disk_and_go_with_their_session() -> None:
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    folder = spool_uploads(manager)
    assert folder is not None and spool_uploads(manager) == folder
    data = b"district,hectares\n" * 50_000
    manager.add_file("s1", UploadedFileRec("f1", "a.csv", "text/csv", data))
    manager.add_file("s2", UploadedFileRec("f2", "b.csv", "text/csv", b"x"))
    assert manager.file_storage == {}
    assert [p.stat().st_size for p in sorted(folder.iterdir())] in ([len(data), 1], [1, len(data)])
    assert manager.get_files("s1", ["f1"])[0].data == data
    assert manager.get_files("s1", ["f2"]) == []
    manager.remove_session_files("s1")
    assert manager.get_files("s1", ["f1"]) == [] and len(list(folder.iterdir())) == 1
    manager.remove_file("s2", "f2")
    assert list(folder.iterdir()) == [] and manager.get_stats() == {}


def test_files_of_sessions_the_runtime_dropped_are_swept() -> None:
    """Streamlit drops an expired closed session without shutting it down."""
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    folder = spool_uploads(manager)
    manager.add_file("open", UploadedFileRec("f1", "a.csv", "text/csv", b"a"))
    manager.add_file("dropped", UploadedFileRec("f2", "b.csv", "text/csv", b"b"))
    assert sweep_closed_sessions(manager, lambda: {"open"}) == {"f2"}
    assert manager.get_files("open", ["f1"]) and not manager.get_files("dropped", ["f2"])
    assert folder is not None and len(list(folder.iterdir())) == 1


def test_a_closed_sessions_file_left_in_memory_is_emptied() -> None:
    """A closed session's state outlives it; its files' in-memory copies must not."""
    kept = {"state": UploadedFile(UploadedFileRec("f1", "a.csv", "text/csv", b"x" * 1_000_000), None)}
    open_one = UploadedFile(UploadedFileRec("f2", "b.csv", "text/csv", b"y"), None)
    assert release_closed_files({"f1"}) == 1
    assert kept["state"].closed and not open_one.closed and open_one.getvalue() == b"y"
