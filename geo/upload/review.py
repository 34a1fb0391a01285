"""What the upload page offers the editor: field choices, whole-file values, saved profiles,
and plain summaries of how the file was read."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from geo.i18n import N_, _, n_, translated
from geo.units import format_number
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
from geo.vocab import (
    DEVICE_LABELS,
    METRICS,
    PARTY_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    UNIT_LABELS,
)
from geo.vocab.hazards import (
    CONTAMINATION_LABELS,
    HAZARD_STATUS_LABELS,
    HAZARD_TYPE_LABELS,
    LAND_USE_LABELS,
    RELEASE_METHOD_LABELS,
)

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


LEVEL_LABELS = {"country": N_("Country"), "economic_region": N_("Economic region"),
                "district": N_("District"), "settlement": N_("Settlement"),
                "named_feature": N_("Named feature")}
EVENT_KIND_LABELS = {"find": N_("find"), "incident": N_("incident")}
VALUE_LABELS: dict[str, dict[str, str]] = {
    "kind": EVENT_KIND_LABELS, "device_category": DEVICE_LABELS, "status": STATUS_LABELS,
    "party": PARTY_LABELS, "level": LEVEL_LABELS, "location_precision": LEVEL_LABELS,
    "hazard_type": HAZARD_TYPE_LABELS, "hazard_status": HAZARD_STATUS_LABELS,
    "contamination": CONTAMINATION_LABELS, "method": RELEASE_METHOD_LABELS,
    "land_use": LAND_USE_LABELS, "metric": {m: info.label for m, info in METRICS.items()},
    "unit": {**{unit.value: label for unit, label in UNIT_LABELS.items()}, "count": N_("count")},
    "qualifier": {"exact": N_("exact"), "more_than": N_("more than"), "about": N_("about"),
                  "up_to": N_("up to")},
    "period_type": {"cumulative": N_("running total"), "period": N_("figure for the period"),
                    "point": N_("point in time")},
    "scope": SCOPE_LABELS,
}
# Store columns the preview shows, with their headings (fields' own labels where they have one).
PREVIEW_HEADINGS = {
    "claim_id": N_("Claim"), "metric": N_("Metric"), "value": N_("Value"), "unit": N_("Unit"),
    "qualifier": N_("Qualifier"), "period_type": N_("Type of figure"), "scope": N_("Scope"),
    "source_id": N_("Source id"), "originator": N_("Source"), "party": N_("Party"),
    "outlet": N_("Outlet"), "published": N_("Published"), "url": N_("Address"), "note": N_("Note"),
    "event_id": N_("Record id"), "kind": N_("Find or incident"), "date_start": N_("Date"),
    "date_end": N_("End date (for a period)"), "place": N_("Place"),
    "place_id": N_("Read as place"),
    "lat": N_("Latitude"), "lon": N_("Longitude"), "location_precision": N_("Place level"),
    "device_category": N_("Device category"), "device_model": N_("Device model"),
    "quantity": N_("Quantity"), "killed": N_("Killed"), "injured": N_("Injured"),
    "status": N_("Status"), "placement_id": N_("Id"), "district": N_("District (as written)"),
    "district_id": N_("District"), "level": N_("Place level"), "name": N_("Name"),
    "name_az": N_("Azerbaijani name"), "precision": N_("Location precision note"),
    "is_proxy": N_("Approximate (proxy) location"), "source": N_("Where the location comes from"),
    "license": N_("Licence"), "usage": N_("Used as"), "hazard_id": N_("Hazard area id"),
    "hazard_type": N_("Hazard type (SHA or CHA)"), "hazard_status": N_("Hazard status"),
    "contamination": N_("Contamination (devices)"), "area_m2": N_("Area (m²)"),
    "recorded_date": N_("Date recorded"), "last_survey_date": N_("Last survey date"),
    "operator": N_("Operator"), "release_id": N_("Land-release record id"),
    "method": N_("Release method"), "period_start": N_("Period start"),
    "period_end": N_("Period end (or 'as of' date)"), "ap_mines": N_("AP mines found"),
    "at_mines": N_("AT mines found"), "uxo": N_("UXO found"), "ied": N_("IEDs / booby traps found"),
    "land_use": N_("Land use after release"),
}


def _shown_value(value: object, labels: dict[str, str] | None) -> str:
    """One cell as the editor reads it: a label for a code, nothing for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return labels.get(text, text) if labels else text


def preview_table(frame: pd.DataFrame, place_names: Mapping[str, str]) -> pd.DataFrame:
    """Rows an upload adds or changes as the editor reads them: headings and labels in the
    interface language, places by name, never store codes or 'None'."""
    columns = [c for c in frame.columns if c in PREVIEW_HEADINGS]
    shown = {}
    for column in columns:
        labels = translated(VALUE_LABELS[column]) if column in VALUE_LABELS else None
        if column in ("place_id", "district_id"):
            labels = dict(place_names)
        shown[_(PREVIEW_HEADINGS[column])] = [_shown_value(v, labels) for v in frame[column]]
    return pd.DataFrame(shown, columns=list(shown))
