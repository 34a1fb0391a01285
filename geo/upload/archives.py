"""Zip archives as uploaded (zipped Shapefiles, KMZ, XLSX): every member checked while it is
unpacked, its bytes counted as they come out, never trusting the sizes the archive declares.

A member that is encrypted, compressed by a method this app does not read, corrupt (wrong
CRC, cut off) or larger than it says is refused with a message naming it.
"""

from __future__ import annotations

import copy
import io
import lzma
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from geo.i18n import _
from geo.upload.limits import Limits
from geo.upload.problems import UploadRefused

CHUNK = 1024 * 1024
READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError,
                 RuntimeError, NotImplementedError)


def open_archive(data: bytes, what: str) -> zipfile.ZipFile:
    """The zip archive of an upload, refused in plain words when it is not one."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError) as error:
        raise UploadRefused(_("this is not a valid {what} archive").format(what=what)) from error


def member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """The unpacked bytes of one member, chunk by chunk; refused when it is encrypted, uses an
    unknown compression, is corrupt, differs from its declared size or exceeds `budget` bytes."""
    name = info.filename[:120]
    if info.flag_bits & 0x1:
        raise UploadRefused(_("{member} in the archive is encrypted: send it without a "
                              "password").format(member=name))
    if info.compress_type not in READABLE_METHODS:
        raise UploadRefused(_("{member} in the archive is compressed by a method this app cannot "
                              "read (method {method}): zip it again with ordinary "
                              "compression").format(member=name, method=info.compress_type))
    uncapped = copy.copy(info)  # read to the real end of the data, not to the declared size
    uncapped.file_size = budget + CHUNK + 1
    counted = 0
    try:
        with archive.open(uncapped) as stream:
            while chunk := stream.read(CHUNK):
                counted += len(chunk)
                if counted > budget:
                    raise UploadRefused(_("the archive unpacks to more than {limit} MB (at "
                                          "{member})").format(limit=budget // (1024 * 1024) or 1,
                                                              member=name))
                yield chunk
    except UploadRefused:
        raise
    except MEMBER_ERRORS as error:
        raise UploadRefused(_("{member} in the archive is damaged ({reason}): zip the files "
                              "again").format(member=name, reason=_reason(error))) from error
    if counted != info.file_size:
        raise UploadRefused(_("{member} in the archive holds {real} bytes but declares {declared}: "
                              "the archive is damaged or forged; zip the files again").format(
            member=name, real=f"{counted:,}", declared=f"{info.file_size:,}"))


def _reason(error: Exception) -> str:
    if isinstance(error, zipfile.BadZipFile) and "CRC" in str(error):
        return _("its checksum does not match")
    if isinstance(error, EOFError):
        return _("it is cut off")
    return type(error).__name__


def check_members(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Unpack every member once without keeping it: refused on the first bad one."""
    budget = limits.max_unpacked_megabytes * 1024 * 1024
    for info in archive.infolist():
        if info.is_dir():
            continue
        for chunk in member_chunks(archive, info, budget):
            budget -= len(chunk)


def extract_members(archive: zipfile.ZipFile, wanted: Callable[[zipfile.ZipInfo], Path | None],
                    limits: Limits) -> None:
    """Write each wanted member to the path `wanted` gives it, counting every byte unpacked."""
    budget = limits.max_unpacked_megabytes * 1024 * 1024
    for info in archive.infolist():
        target = None if info.is_dir() else wanted(info)
        if target is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            for chunk in member_chunks(archive, info, budget):
                budget -= len(chunk)
                out.write(chunk)


def member_folder(info: zipfile.ZipInfo) -> str:
    """The folder of a member inside the archive ('' at the top)."""
    parent = PurePosixPath(info.filename.replace("\\", "/")).parent
    return "" if str(parent) == "." else str(parent)
