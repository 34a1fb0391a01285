"""CSV files as people save them: any common encoding, separator and line ending."""

from __future__ import annotations

import codecs
import csv
import io

from geo.i18n import _
from geo.upload.limits import Limits
from geo.upload.problems import Problem, UploadRefused
from geo.upload.raw import RawTable

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
FALLBACK_ENCODINGS = {
    "cp1251": "Windows-1251 (Cyrillic)", "cp1254": "Windows-1254 (Turkish/Azerbaijani Latin)",
    "cp1252": "Windows-1252 (Western)", "koi8_r": "KOI8-R (Cyrillic)",
}
DELIMITERS = ",;\t|"


def decode_text(data: bytes) -> tuple[str, str | None]:
    """The text of a file and a note when it was not UTF-8; binary content is refused.

    UTF-8 (with or without BOM), UTF-16 and UTF-32 (with BOM, or UTF-16 recognised by its
    zero bytes) and the common Windows code pages are read; anything else is refused.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UploadRefused(_("the file starts as {encoding} but byte {byte} is not; save it "
                                      "as CSV UTF-8").format(encoding=encoding.upper(),
                                                             byte=error.start)) from error
            note = None if encoding.startswith("utf-8") else _("Read as {encoding} text.").format(
                encoding=encoding.upper())
            return _no_nul(text), note
    head = data[:4096]
    if len(head) >= 4 and head.count(b"\x00") * 3 >= len(head) // 2:
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        try:
            return _no_nul(data.decode(encoding)), _("Read as {encoding} text (no byte-order mark).").format(
                encoding=encoding.upper())
        except UnicodeDecodeError:
            pass
    try:
        return _no_nul(data.decode("utf-8")), None
    except UnicodeDecodeError as error:
        return _legacy(data, error.start)


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise UploadRefused(_("this is not a text file (it holds binary content)"))
    return text


def _legacy(data: bytes, bad_byte: int) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        raise UploadRefused(_("this is not a text file (it holds binary content)"))
    if (japanese := _as_shift_jis(data)) is not None:
        return _no_nul(japanese), _("The file is not UTF-8: it was read as {encoding}. Check that place "
                                    "names look right in the preview.").format(
            encoding="Shift-JIS (Japanese)")
    encoding = detect_legacy_encoding(data)
    if encoding is None:
        raise UploadRefused(_("the file is not UTF-8 text (byte {byte}) and its encoding could not "
                              "be recognised; save it as CSV UTF-8").format(byte=bad_byte))
    text = data.decode(encoding, errors="strict")
    return _no_nul(text), _("The file is not UTF-8: it was read as {encoding}. Check that place "
                            "names look right in the preview.").format(
        encoding=FALLBACK_ENCODINGS[encoding])


def _as_shift_jis(data: bytes) -> str | None:
    """The text of a Shift-JIS file, or None: it must decode as Windows Shift-JIS (cp932) and its
    non-ASCII letters be (nearly all) kana and kanji. Half-width katakana do not count, since a
    Windows-1251 capital letter reads as one."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None
    foreign = [char for char in text if ord(char) > 127]
    japanese = sum(1 for char in foreign if "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff")
    return text if japanese >= 2 and japanese >= 0.9 * len(foreign) else None


def detect_legacy_encoding(data: bytes, candidates: list[str] | None = None) -> str | None:
    """The code page (of `candidates`, by default FALLBACK_ENCODINGS) that non-UTF-8 text reads
    best in and decodes in without error, or None when none fits."""
    from charset_normalizer import from_bytes

    allowed = candidates or list(FALLBACK_ENCODINGS)
    best = from_bytes(data[:200_000], cp_isolation=allowed).best()
    if best is None or best.encoding not in allowed:
        return None
    try:
        data.decode(best.encoding)
    except UnicodeDecodeError:
        return None
    return best.encoding


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in DELIMITERS}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_csv(data: bytes, limits: Limits) -> RawTable:
    """Rows of a CSV (comma, semicolon, tab or pipe separated), every cell as text.

    A file that ends inside a quoted field is refused; a last row that is short and has no
    line break after it is reported as probably cut off.
    """
    text, note = decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = _delimiter(text[:50_000])
    csv.field_size_limit(limits.max_cell_chars)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    ended = 0  # the line the previous row ended on; a row starts on the next one
    try:
        for row in reader:
            if len(row) > limits.max_columns:
                raise UploadRefused(_("line {line} has {count} columns; the limit is {limit}").format(
                    line=reader.line_num, count=len(row), limit=limits.max_columns))
            rows.append(row)
            lines.append(ended + 1)
            ended = reader.line_num
    except csv.Error as error:
        raise UploadRefused(_csv_error(str(error), reader.line_num)) from error
    table = RawTable(label="", rows=list(rows), lines=lines, notes=[note] if note else [])
    _check_cut_off(table, text)
    return table


def _csv_error(message: str, line: int) -> str:
    if "unexpected end of data" in message or "EOF" in message:
        return (f"the file ends inside a quoted cell that starts at or before line {line}: it looks "
                "cut off or has an unclosed quote")
    if "field larger than field limit" in message:
        return f"line {line} has a cell that is far too long; the CSV cannot be read as a table"
    return f"line {line} cannot be read as CSV ({message})"


def _check_cut_off(table: RawTable, text: str) -> None:
    if text.endswith("\n") or len(table.rows) < 2:
        return
    widths = [len(r) for r in table.rows[:-1] if any(c.strip() for c in r)]
    last = table.rows[-1]
    if widths and len(last) < max(widths):
        table.problems.append(Problem(
            table.lines[-1], "whole row", ",".join(last)[:80],
            _("the row has {count} of {columns} columns and the file ends without a line break: it "
              "looks cut off. Send the whole file").format(count=len(last), columns=max(widths))))
