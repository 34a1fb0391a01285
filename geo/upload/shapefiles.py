"""Shapefile parts checked before GDAL reads them: the .dbf must describe the same features
as the .shp, and its text encoding is settled (the .cpg if it fits the text, else detected)
so that names are never stored as mojibake."""

from __future__ import annotations

import codecs
import struct
from pathlib import Path

from geo.i18n import _, n_
from geo.upload.problems import UploadRefused
from geo.upload.text_files import FALLBACK_ENCODINGS, detect_legacy_encoding

SAMPLE_BYTES = 200_000
_NOTES: dict[Path, str] = {}  # each checked Shapefile's encoding note, until its layer is read
GDAL_NAMES = {"utf-8": "UTF-8", "koi8-r": "KOI8-R"}
# The code page a .dbf's language driver byte names (read when there is no .cpg), as GDAL reads it.
LANGUAGE_DRIVERS = {0x01: "cp437", 0x02: "cp850", 0x03: "cp1252", 0x26: "cp866", 0x57: "cp1252",
                    0x64: "cp852", 0x65: "cp866", 0xC8: "cp1250", 0xC9: "cp1251", 0xCA: "cp1254",
                    0xCB: "cp1253"}


def check_shapefile(shp: Path, label: str) -> None:
    """Refuse a .dbf that belongs to another file; settle its encoding in a .cpg GDAL reads.

    Run before GDAL opens the Shapefile at all (field names are text too); the note saying
    which encoding was used, when the file did not say it rightly, is kept for `encoding_note`.
    """
    dbf, shx = shp.with_suffix(".dbf"), shp.with_suffix(".shx")
    if not dbf.exists() or not shx.exists():
        return
    with dbf.open("rb") as stream:
        header = stream.read(32)
    if len(header) < 32:
        return
    records = struct.unpack("<I", header[4:8])[0]
    shapes = max(0, (shx.stat().st_size - 100) // 8)
    if shapes != records:
        raise UploadRefused(n_(
            "the Shapefile {name} has {shapes} shapes but its .dbf has {records} record: the parts "
            "come from different files; zip the .shp, .shx and .dbf of one Shapefile together",
            "the Shapefile {name} has {shapes} shapes but its .dbf has {records} records: the parts "
            "come from different files; zip the .shp, .shx and .dbf of one Shapefile together",
            records).format(name=label, shapes=f"{shapes:,}", records=f"{records:,}"))
    if note := _settle_encoding(shp, label):
        _NOTES[shp] = note


def encoding_note(shp: Path) -> str | None:
    """The note `check_shapefile` left on the encoding it chose for this Shapefile (given once)."""
    return _NOTES.pop(shp, None)


def _codec(name: str) -> str | None:
    """The Python codec a .cpg names ('1251', 'ANSI 1251', 'CP1251', 'UTF-8', '8859-5'), or None."""
    word = name.strip().removeprefix("ANSI ").strip()
    if word.isdigit():
        word = f"cp{word}"
    elif word.startswith("8859"):
        word = f"iso{word}"
    try:
        return codecs.lookup(word).name
    except (LookupError, ValueError):
        return None


def _text_bytes(dbf: Path) -> tuple[int, bytes]:
    """The .dbf's language driver byte and its non-ASCII text (field names, then the values of
    character fields, up to SAMPLE_BYTES), read record by record: the text whose encoding matters."""
    with dbf.open("rb") as stream:
        head = stream.read(32)
        header_length, record_length = struct.unpack("<HH", head[8:12])
        descriptors = stream.read(max(0, header_length - 32))
        fields: list[tuple[int, int]] = []  # (offset in the record, length) of each C field
        found = bytearray()
        offset = 1  # the deletion flag
        for start in range(0, len(descriptors) - 31, 32):
            if descriptors[start] == 0x0D:
                break
            name = descriptors[start:start + 11].split(b"\x00")[0]
            if not name.isascii():
                found += name + b"\n"
            kind, length = descriptors[start + 11:start + 12], descriptors[start + 16]
            if kind == b"C":
                fields.append((offset, length))
            offset += length
        while record_length > 0 and len(found) < SAMPLE_BYTES:
            block = stream.read(record_length * max(1, 1024 * 1024 // record_length))
            if len(block) < record_length:
                break
            for position in range(0, len(block) - record_length + 1, record_length):
                for start, length in fields:
                    value = block[position + start:position + start + length].rstrip(b" \x00")
                    if not value.isascii():
                        found += value + b"\n"
    return head[29], bytes(found)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _settle_encoding(shp: Path, label: str) -> str | None:
    cpg = shp.with_suffix(".cpg")
    declared_text = cpg.read_bytes()[:40].decode("ascii", errors="replace").strip() if cpg.exists() else ""
    language_driver, text = _text_bytes(shp.with_suffix(".dbf"))
    declared = _codec(declared_text) if declared_text else LANGUAGE_DRIVERS.get(language_driver)
    if text.isascii():
        if declared_text and declared is None:
            cpg.write_text("UTF-8")
        return None
    if declared == "utf-8" and _decodes(text, "utf-8"):
        return None
    if _decodes(text, "utf-8"):
        chosen = "utf-8"
    else:
        candidates = list(FALLBACK_ENCODINGS)
        if declared and declared != "utf-8" and declared not in candidates:
            candidates.append(declared)
        chosen = detect_legacy_encoding(text, candidates) or ""
        if not chosen:
            raise UploadRefused(_("the text in the .dbf of {name} is not UTF-8 and its encoding could "
                                  "not be recognised: add a .cpg file that names it (such as "
                                  "1251)").format(name=label))
    cpg.write_text(GDAL_NAMES.get(chosen, chosen.upper().replace("_", "-")))
    if chosen == declared:
        return None
    shown = FALLBACK_ENCODINGS.get(chosen, chosen.upper())
    if not declared_text:
        return _("The .dbf of {name} does not say its encoding (no .cpg file): its text was read as "
                 "{encoding}. Check that names look right in the preview.").format(
            name=label, encoding=shown)
    return _("The .cpg of {name} says {declared}, but its text does not read that way: it was read as "
             "{encoding}. Check that names look right in the preview.").format(
        name=label, declared=repr(declared_text[:20]), encoding=shown)
