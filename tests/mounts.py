"""Real read-only and full disks for fault tests: a read-only bind mount of a folder, and a small
tmpfs filled to the last byte. Both need root (as the sessions and CI run); a test skips only
where the kernel refuses the mount."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*arguments: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a read-only or full disk needs root")
    done = subprocess.run(["mount", *arguments], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        pytest.skip(f"this machine refuses the mount: {done.stderr.strip()}")


def _unmount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=30)


@contextlib.contextmanager
def read_only_view(folder: Path) -> Iterator[Path]:
    """The folder seen through a read-only bind mount (writes fail with EROFS, even for root)."""
    point = folder.with_name(folder.name + "-ro")
    point.mkdir()
    _mount("--bind", str(folder), str(point))
    try:
        _mount("-o", "remount,bind,ro", str(point))
        probe = point / ".write-probe"
        with pytest.raises(OSError):
            probe.write_bytes(b"x")
        yield point
    finally:
        _unmount(point)


@contextlib.contextmanager
def small_disk(point: Path, size: str = "16m") -> Iterator[Path]:
    """A fresh tmpfs of the given size mounted at `point`."""
    point.mkdir(exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point))
    try:
        yield point
    finally:
        _unmount(point)


def fill(folder: Path) -> Path:
    """Fill the disk holding `folder` to 100% with one file; returns that file."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for block in (1 << 20, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(descriptor, b"\0" * block)
    finally:
        os.close(descriptor)
    assert os.statvfs(folder).f_bavail == 0
    return filler
