"""What the upload page offers the editor: field choices, whole-file values, saved profiles,
and plain summaries of how the file was read."""

from __future__ import annotations

import json
from dataclasses import dataclass

from geo.i18n import N_, _, n_
from geo.upload.fields import (
    BY_NAME,
    IGNORE,
    KIND_FIGURES,
    Field,
    column_of,
    field_label,
    fields_for,
    wide_fields,
)
from geo.upload.options import UploadOptions
from geo.upload.prepare import Prepared
from geo.vocab import PARTY_LABELS

IGNORE_LABEL = N_("(ignore this column)")
PER_PAGE = 20


def field_choices(kind: str) -> dict[str, str]:
    """Field -> label for mapping a column, 'ignore' first."""
    choices = {IGNORE: _(IGNORE_LABEL)}
    choices.update({f.name: _(f.label) for f in fields_for(kind)})
    if kind == KIND_FIGURES:
        choices.update(wide_fields())
    return choices


def whole_file_fields(prepared: Prepared) -> list[Field]:
    """Fields the editor may set once for the whole file: those no column gives, missing first."""
    mapped = {c.field for c in prepared.columns if c.field}
    candidates = [f for f in fields_for(prepared.kind) if f.whole_file and f.name not in mapped]
    missing = set(prepared.missing_whole_file())
    return sorted(candidates, key=lambda f: f.label not in missing)


PARTY_CHOICES = {"": N_("(from the file, or known for this publisher)"), **PARTY_LABELS}
PROFILE_DEFAULTS = ("originator", "party", "outlet", "scope", "unit", "status", "period_type",
                    "hazard_type", "hazard_status", "contamination", "operator", "method", "land_use")


def options_json(options: UploadOptions) -> str:
    """A profile's stored form: kind, mapping and the whole-file values worth keeping."""
    kept = [(k, v) for k, v in options.defaults if k in PROFILE_DEFAULTS]
    mapping: dict[str, str] = {}  # by column name, the first sheet's choice: sheet names change
    for key, field in options.mapping:
        mapping.setdefault(column_of(key), field)
    return json.dumps({"kind": options.kind, "mapping": [list(item) for item in sorted(mapping.items())],
                       "defaults": list(map(list, kept))}, ensure_ascii=False)


def options_from_json(text: str) -> UploadOptions:
    """The options a stored profile holds."""
    data = json.loads(text)
    return UploadOptions(kind=data.get("kind", ""),
                         mapping=tuple((str(c), str(f)) for c, f in data.get("mapping", [])),
                         defaults=tuple((str(k), str(v)) for k, v in data.get("defaults", [])))


@dataclass(frozen=True)
class Reading:
    """One line telling the editor how something ambiguous was read."""

    message: str
    examples: tuple[str, ...]


def number_reading(prepared: Prepared) -> Reading | None:
    """'3 values such as "1,286" were read with , as a thousands separator (1,286)'."""
    if not prepared.ambiguities:
        return None
    first = prepared.ambiguities[0]
    how = _("a decimal point") if prepared.decimal_mark == "point" else _("a decimal comma")
    examples = tuple(_('"{value}" read as {reading} ({where}row {line})').format(
        value=a.value, reading=a.read_as, where=a.label + ", " if a.label else "", line=a.line)
        for a in prepared.ambiguities[:5])
    count = len(prepared.ambiguities)
    return Reading(n_('{count} value such as "{value}" could be read two ways; the file was read '
                      'as using {how}.', '{count} values such as "{value}" could be read two ways; '
                      'the file was read as using {how}.', count).format(
        count=count, value=first.value, how=how), examples)


def date_reading(prepared: Prepared) -> Reading | None:
    """How dates such as 03/04/2023 were read, when the file has any."""
    if not prepared.ambiguous_dates:
        return None
    how = _("day first (3 April)") if prepared.date_order == "day_first" else _("month first (4 March)")
    return Reading(_("Dates such as {date} could be read two ways; they were read {how}.").format(
        date=prepared.ambiguous_dates[0], how=how), tuple(prepared.ambiguous_dates[:5]))


def copies_summary(prepared: Prepared) -> str:
    """'2 rows repeat an earlier row exactly (row 7 = row 3; …)'."""
    pairs = list(dict.fromkeys((c.label, c.line, c.first_line) for c in prepared.copies))
    shown = "; ".join(_("row {line} = row {first}").format(line=line, first=first)
                      for _label, line, first in pairs[:5])
    more = "…" if len(pairs) > 5 else ""
    return n_("{count} row repeats an earlier row exactly ({rows}).",
              "{count} rows repeat an earlier row exactly ({rows}).", len(pairs)).format(
        count=len(pairs), rows=shown + more)


def page_of(items: list, page: int) -> list:
    """One page of a long list (pages count from 1)."""
    start = (max(page, 1) - 1) * PER_PAGE
    return items[start:start + PER_PAGE]


def pages(count: int) -> int:
    """How many pages a list of `count` items needs."""
    return max(1, -(-count // PER_PAGE))


def label_of(field: str) -> str:
    """The label of a field or a metric column."""
    return _(BY_NAME[field].label) if field in BY_NAME else field_label(field)
