"""What a view or an export holds, in words: filters, as-of revision, date, citation, licences,
and file names that say what a file holds and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from geo.filters import Filters
from geo.i18n import N_, _, long_date
from geo.periods import PERIOD_LENGTH_LABELS
from geo.places import slug
from geo.sources import party_label
from geo.vocab import DEVICE_LABELS, metric_label

DATASET_TITLE = N_("Mine-action figures for Azerbaijan's formerly conflict-affected districts, "
                   "as sourced claims")
LICENCES = (
    N_("Figures, finds and incidents: facts, each attributed to the source named in its row "
       "(originator, outlet, date, address); quote them with that source."),
    N_("District boundaries and country outlines: Natural Earth (public domain)."),
    N_("Place points: GeoNames (CC BY 4.0) and Wikipedia (CC BY-SA 4.0), as named per place."),
    N_("The dashboard's code: MIT licence."),
)


@dataclass(frozen=True)
class ViewInfo:
    """The filters in force, the revision the data stands at, and when this was produced."""

    filters: Filters
    revision: int  # the latest revision counted: the as-of revision, or the newest
    as_of: bool  # True when viewing the data as of an earlier revision
    produced: dt.date
    district_names: Mapping[str, str]
    full_period: tuple[dt.date, dt.date]


def _listed(values: tuple[str, ...], labels: Mapping[str, str], everything: str) -> str:
    return ", ".join(labels.get(v, v) for v in values) if values else everything


def describe(info: ViewInfo) -> list[tuple[str, str]]:
    """(setting, value) pairs a reader needs to know what was shown or exported."""
    f = info.filters
    revision = (_("as of revision {revision} (an earlier state of the data)") if info.as_of
                else _("current data, up to revision {revision}")).format(revision=info.revision)
    return [
        (_("Period"), _("{start} to {end}").format(start=long_date(f.start), end=long_date(f.end))),
        (_("Districts"), _listed(f.districts, info.district_names, _("all districts"))),
        (_("Map metric"), _(metric_label(f.metric))),
        (_("Figures compared"), _(PERIOD_LENGTH_LABELS.get(f.period_length, f.period_length))),
        (_("Device categories"), _listed(f.devices, {k: _(v) for k, v in DEVICE_LABELS.items()},
                                         _("all categories"))),
        (_("Source parties"), _listed(f.parties, {p: _(party_label(p)) for p in f.parties},
                                      _("all parties"))),
        (_("Data"), revision),
        (_("Produced"), long_date(info.produced)),
    ]


def citation(info: ViewInfo) -> str:
    """The dataset's citation line."""
    return _("Mine-clearance dashboard: Azerbaijan. {title}. Revision {revision}, retrieved "
             "{date}. Each figure: cite its own source.").format(
        title=_(DATASET_TITLE), revision=info.revision, date=info.produced.isoformat())


def licences() -> list[str]:
    """The licences of what an export holds."""
    return [_(text) for text in LICENCES]


def _period_part(f: Filters, full: tuple[dt.date, dt.date]) -> str:
    if (f.start, f.end) == full:
        return "all-dates"
    whole_years = f.start.month == 1 and f.start.day == 1 and f.end.month == 12 and f.end.day == 31
    if whole_years:
        return str(f.start.year) if f.start.year == f.end.year else f"{f.start.year}-{f.end.year}"
    return f"{f.start.isoformat()}_{f.end.isoformat()}"


def file_name(what: str, info: ViewInfo, extension: str) -> str:
    """'figures_lachin_2023_asof-r12_2026-11-26.csv': what, where, when, which data, produced."""
    districts = "-".join(slug(info.district_names.get(d, d.split(":")[-1]))
                         for d in info.filters.districts[:3]) or "all-districts"
    if len(info.filters.districts) > 3:
        districts += f"-and-{len(info.filters.districts) - 3}-more"
    return (f"{what}_{districts}_{_period_part(info.filters, info.full_period)}"
            f"_asof-r{info.revision}_{info.produced.isoformat()}.{extension}")


def readme_lines(what: str, info: ViewInfo, rows: Mapping[str, int]) -> list[str]:
    """A README: what the file holds, the filters and revision, date, citation, licences."""
    lines = [_(DATASET_TITLE), "", what, ""]
    lines += [_("Rows: {counts}").format(counts=", ".join(
        f"{name} {count:,}" for name, count in rows.items())), ""]
    lines += [f"{setting}: {value}" for setting, value in describe(info)]
    lines += ["", _("Citation"), citation(info), "", _("Licences"), *licences(), "",
              _("Every figure is a claim by the source named in its row, never a verified fact. "
                "Figures from different sources are not combined; metrics keep the source's own "
                "wording. The dictionary lists every field, its meaning, unit and allowed values.")]
    return lines
