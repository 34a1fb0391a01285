"""Uploads are read in a separate worker process: time-limited, memory-limited, no network,
and with GDAL able to open only the formats the app accepts.

GDAL reads its driver list and configuration when it loads, so the worker is a fresh Python
(spawned, never forked from the server) whose environment already says GDAL_SKIP (every
driver but GeoPackage, Shapefile, KML, FlatGeobuf and GeoJSON), no /vsicurl/ and no HTTP,
before pyogrio is imported. Where the kernel allows it the worker also leaves the network
altogether (a network namespace of its own). Its address space is capped (RLIMIT_AS) and its
CPU time too (RLIMIT_CPU, so a stray worker can never spin for good); the server stops it
when a read runs over the wall-time limit and tells the editor so.

A worker is reused for later uploads (its imports take over a second; `warm_up` starts one
ahead); one that overran, crashed or served MAX_JOBS uploads is stopped, and a new one is
started when next needed.
"""

from __future__ import annotations

import atexit
import ctypes
import functools
import gc
import io
import logging
import math
import os
import pickle
import resource
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any, BinaryIO

from geo.i18n import _, current_language
from geo.upload.limits import Limits
from geo.upload.problems import UploadRefused
from geo.upload.raw import RawTable

ROOT = Path(__file__).resolve().parent.parent.parent
MAX_JOBS = 200
MAX_IDLE = 1  # an idle worker holds about 190 MB
START_SECONDS = 120.0
HEADER = struct.Struct(">Q")
NO_ADDRESS = "http://127.0.0.1:9"  # the discard port: a proxy that never answers
NETWORK_OFF = {
    "CPL_VSIL_CURL_ALLOWED_FILENAME": "/minedash/network/is/off",
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".minedash-network-is-off",
    "CPL_VSIL_CURL_USE_HEAD": "NO",
    "GDAL_HTTP_PROXY": NO_ADDRESS, "GDAL_HTTPS_PROXY": NO_ADDRESS,
    "GDAL_HTTP_TIMEOUT": "1", "GDAL_HTTP_CONNECTTIMEOUT": "1", "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_ALLOW_REMOTE_RESOURCE_TO_ACCESS_LOCAL_FILE": "NO",
    "http_proxy": NO_ADDRESS, "https_proxy": NO_ADDRESS, "all_proxy": NO_ADDRESS,
    "HTTP_PROXY": NO_ADDRESS, "HTTPS_PROXY": NO_ADDRESS, "ALL_PROXY": NO_ADDRESS,
    "no_proxy": "", "NO_PROXY": "",
    "PROJ_NETWORK": "OFF",
    "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
}
# Drivers that must never open an upload even if the server's own GDAL lists none of them.
ALWAYS_SKIPPED = ("OGR_VRT", "VRT", "GDALG", "CSV", "SQLite", "GML", "OAPIF", "OGCAPI", "WFS", "HTTP",
                  "ESRIJSON", "TopoJSON", "GeoJSONSeq", "JSONFG", "PGDUMP", "PostgreSQL", "MySQL",
                  "ODBC", "PDF", "netCDF", "HDF5", "OSM", "DXF", "GPX", "MapInfo File", "XLSX", "ODS")
log = logging.getLogger(__name__)


class ReadStopped(UploadRefused):
    """The read ran over its time or memory limit and the worker was stopped."""


class ReaderFailed(UploadRefused):
    """The reader failed on the file (an error not foreseen, or the worker crashed)."""


class _Died(Exception):
    """The worker exited (or closed its pipe) before it answered."""


@functools.lru_cache(maxsize=1)
def skipped_drivers() -> str:
    """GDAL_SKIP for the worker: every driver this GDAL has but the accepted ones."""
    import pyogrio

    from geo.upload.sniff import ACCEPTED_DRIVERS

    already = os.environ.get("GDAL_SKIP", "").replace(" ", ",").split(",")
    names = set(pyogrio.list_drivers()) | set(ALWAYS_SKIPPED) | {n for n in already if n}
    return ",".join(sorted(names - set(ACCEPTED_DRIVERS)))


def worker_environment() -> dict[str, str]:
    """The worker's environment: the server's, with GDAL's drivers and network switched off."""
    env = {**os.environ, **NETWORK_OFF, "GDAL_SKIP": skipped_drivers(), "OGR_SKIP": skipped_drivers()}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return env


class _Worker:
    """One worker process and its two pipes."""

    def __init__(self, megabytes: int) -> None:
        self.megabytes = megabytes
        self.jobs = 0
        self.ready = False
        self.folder = tempfile.mkdtemp(prefix="minedash-reader-")  # its temp files: removed with it
        self.process = subprocess.Popen(
            [sys.executable, "-m", "geo.upload.worker", str(megabytes)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env={**worker_environment(), "TMPDIR": self.folder}, cwd=ROOT, close_fds=True,
            start_new_session=True)

    def run(self, job: tuple, seconds: float) -> tuple:
        """The worker's reply to one job; TimeoutError when it overran, _Died if it died."""
        assert self.process.stdin is not None and self.process.stdout is not None
        if not self.ready:
            if _read_frame(self.process.stdout, time.monotonic() + START_SECONDS) != ("ready",):
                raise _Died
            self.ready = True
        self.jobs += 1
        try:
            _write_frame(self.process.stdin, job)
        except (BrokenPipeError, OSError) as error:
            raise _Died from error
        return _read_frame(self.process.stdout, time.monotonic() + seconds)

    def stop(self) -> None:
        """Kill the process (and wait for it, so no zombie is left)."""
        with _quietly():
            self.process.kill()
        with _quietly():
            self.process.wait(timeout=10)
        for pipe in (self.process.stdin, self.process.stdout):
            with _quietly():
                pipe.close()  # type: ignore[union-attr]
        shutil.rmtree(self.folder, ignore_errors=True)  # what a killed read left behind

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process.poll() is None


class _quietly:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


_lock = threading.Lock()
_idle: list[_Worker] = []
_owner = os.getpid()


def _checked_out(megabytes: int) -> _Worker:
    """An idle worker with this memory limit, or a new one."""
    global _owner
    with _lock:
        if _owner != os.getpid():  # a forked copy of the server must not share the workers
            _idle.clear()
            _owner = os.getpid()
        for worker in [w for w in _idle if not w.alive()]:
            _idle.remove(worker)
        worker = next((w for w in _idle if w.megabytes == megabytes), None)
        if worker is not None:
            _idle.remove(worker)
            return worker
    return _Worker(megabytes)


def warm_up(limit: Limits) -> None:
    """Start a worker ahead of the first upload (its imports take over a second)."""
    with _lock:
        if not _idle:
            _idle.append(_Worker(limit.read_megabytes))


def _returned(worker: _Worker) -> None:
    with _lock:
        if worker.jobs < MAX_JOBS and worker.alive() and len(_idle) < MAX_IDLE:
            _idle.append(worker)
            return
    worker.stop()


@atexit.register
def stop_workers() -> None:
    """Stop the idle workers (at exit; tests may call it too)."""
    with _lock:
        workers = list(_idle)
        _idle.clear()
    for worker in workers:
        worker.stop()


def _too_slow(limit: Limits) -> ReadStopped:
    return ReadStopped(_("the file took longer than {seconds} s to read and was stopped: it may be "
                         "built to stall the reader, or too large; simplify or split it").format(
        seconds=f"{limit.read_seconds:g}"))


def read_isolated(file_name: str, data: bytes, limit: Limits) -> list[RawTable]:
    """geo.upload.prepare.read_tables run in a worker; ReadStopped when it runs over its limits,
    ReaderFailed when the reader fails in a way no refusal foresaw."""
    job = ("read", file_name, data, limit, current_language())
    worker = _checked_out(limit.read_megabytes)
    try:
        reply = worker.run(job, limit.read_seconds)
    except TimeoutError:
        worker.stop()
        raise _too_slow(limit) from None
    except _Died:
        code = worker.process.poll()
        worker.stop()
        if code == -signal.SIGXCPU:
            raise _too_slow(limit) from None
        log.warning("upload reader for %r exited with code %s", file_name[:80], code)
        raise ReaderFailed(_("the file could not be read: the reader stopped unexpectedly (it may "
                             "need more than {megabytes} MB of memory)").format(
            megabytes=limit.read_megabytes)) from None
    except BaseException:
        worker.stop()  # interrupted half-way: the pipe's state is unknown
        raise
    _returned(worker)
    status = reply[0]
    if status == "ok":
        return _with_geometries(reply[1], reply[2])
    if status == "refused":
        raise UploadRefused(reply[1])
    if status == "memory":
        raise ReadStopped(_("the file needed more than {megabytes} MB of memory to read and was "
                            "stopped").format(megabytes=limit.read_megabytes))
    log.error("upload reader failed on %r:\n%s", file_name[:80], reply[2])
    raise ReaderFailed(_("the file could not be read: the reader failed ({error})").format(error=reply[1]))


def _without_geometries(tables: list[RawTable]) -> tuple[list[RawTable], list]:
    """The tables with their geometries taken out as WKB, one array per table: pickling
    shapely geometries one by one takes ten times as long."""
    import numpy as np
    import shapely

    geometries = []
    for table in tables:
        if table.geometries is None:
            geometries.append(None)
        else:
            geometries.append(shapely.to_wkb(np.array(table.geometries, dtype=object)))
            table.geometries = []
    return tables, geometries


def _with_geometries(tables: list[RawTable], geometries: list) -> list[RawTable]:
    import shapely

    for table, wkb in zip(tables, geometries, strict=True):
        if wkb is not None:
            table.geometries = list(shapely.from_wkb(wkb))
    return tables


def _write_frame(pipe: BinaryIO, message: object) -> None:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: 15 times faster for rows of cells, and they hold no cycles
    pickler.dump(message)
    body = buffer.getbuffer()
    pipe.write(HEADER.pack(len(body)))
    pipe.write(body)
    pipe.flush()


def _read_frame(pipe: BinaryIO, deadline: float) -> Any:
    size = HEADER.unpack(_read_exactly(pipe.fileno(), HEADER.size, deadline))[0]
    return pickle.loads(_read_exactly(pipe.fileno(), size, deadline))  # only ever our own worker's frames


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise TimeoutError
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise _Died
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# --- the worker's side ---------------------------------------------------------------------

def _leave_the_network() -> bool:
    """Move this (still single-threaded) process into a network namespace of its own, with no
    interface but a downed loopback; False where the kernel does not allow it."""
    libc = ctypes.CDLL(None, use_errno=True)
    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    if libc.unshare(clone_newnet) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(clone_newuser | clone_newnet) != 0:
        return False
    try:
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    except OSError:
        return False
    return True


def _serve(megabytes: int) -> None:
    """Read jobs from stdin and answer on stdout until stdin closes."""
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, never into the replies
    jobs = sys.stdin.buffer
    _leave_the_network()
    resource.setrlimit(resource.RLIMIT_AS, (megabytes * 1024 * 1024, resource.RLIM_INFINITY))
    from geo.i18n import language
    from geo.upload.prepare import read_tables

    _write_frame(replies, ("ready",))
    while True:
        try:
            header = jobs.read(HEADER.size)
            if len(header) < HEADER.size:
                return
            _kind, file_name, data, limit, code = pickle.loads(jobs.read(HEADER.unpack(header)[0]))
        except (EOFError, pickle.UnpicklingError):
            return
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = used.ru_utime + used.ru_stime
        resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(cpu + limit.read_seconds) + 2,
                                                 resource.RLIM_INFINITY))
        gc.disable()  # as in prepare_upload: millions of small objects, no cycles to find
        try:
            with language(code):
                reply: tuple = ("ok", *_without_geometries(read_tables(file_name, data, limit,
                                                                       isolated=False)))
        except UploadRefused as refusal:
            reply = ("refused", str(refusal))
        except MemoryError:
            reply = ("memory",)
        except Exception as error:  # reported to the server as a reader failure
            reply = ("failed", type(error).__name__, traceback.format_exc())
        del data
        try:
            _write_frame(replies, reply)
        except MemoryError:
            _write_frame(replies, ("memory",))
        del reply
        gc.enable()


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
