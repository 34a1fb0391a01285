"""What a brief holds: the view's settings, headline figures, the map's district figures and
the charts, each figure tied to a numbered footnote naming its source."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from geo.about import ViewInfo, describe
from geo.figures import HEADLINE_METRICS, Headline
from geo.i18n import _
from geo.overview import OverviewFigures
from geo.vocab import metric_label

CHARTS = ("area", "districts", "finds", "casualties")


@dataclass(frozen=True)
class Footnote:
    """One source: who published it, where, when, at which address."""

    number: int
    originator: str
    outlet: str
    published: str
    url: str


@dataclass(frozen=True)
class Figure:
    """A figure shown in the brief, with what it is and its footnote number."""

    label: str
    original: str  # the metric in its source's own wording (English)

    @property
    def named(self) -> str:
        """The metric in the interface language, with the source's wording when it differs."""
        return self.label if self.label == self.original else f"{self.label} ({self.original})"
    figure: str
    place: str
    period: str
    note: int


@dataclass(frozen=True)
class Chart:
    """A chart's Vega-Lite spec, its title and the footnotes of the figures it draws."""

    title: str
    spec: dict
    notes: tuple[int, ...]


@dataclass
class Footnotes:
    """Sources numbered in the order the brief first cites them."""

    claims: pd.DataFrame
    listed: dict[str, Footnote] = field(default_factory=dict)

    def for_source(self, source_id: str) -> int:
        """The footnote number of a source (numbered on first use)."""
        if source_id not in self.listed:
            row = self.claims.loc[self.claims["source_id"] == source_id].iloc[0]
            published = row["published"]
            self.listed[source_id] = Footnote(
                number=len(self.listed) + 1, originator=_text(row["originator"]) or source_id,
                outlet=_text(row["outlet"]),
                published=published.date().isoformat() if pd.notna(published) else "",
                url=_text(row["source_url"]))
        return self.listed[source_id].number

    def for_claims(self, claim_ids: list[str]) -> tuple[int, ...]:
        """Footnote numbers of the sources of these claims, in order."""
        by_claim = self.claims.drop_duplicates("claim_id").set_index("claim_id")["source_id"]
        sources = dict.fromkeys(by_claim.get(c) for c in claim_ids if c in by_claim.index)
        return tuple(sorted({self.for_source(s) for s in sources if isinstance(s, str)}))

    def for_attribution(self, metric: str, figure: str, attribution: str) -> int | None:
        """The footnote of the claim a card or table row shows (matched on what it shows)."""
        rows = self.claims[(self.claims["metric"] == metric) & (self.claims["attribution"] == attribution)
                           & (self.claims["published_figure"] == figure)]
        return self.for_source(str(rows["source_id"].iloc[0])) if len(rows) else None


@dataclass(frozen=True)
class BriefContent:
    """Everything a brief shows, in order, ready for the page and the PDF."""

    title: str
    settings: list[tuple[str, str]]
    headlines: list[Figure]
    missing: list[str]  # headline metrics with no figure in the selection
    mismatch: str
    districts: list[Figure]  # the map's figure per district
    map_title: str
    charts: list[Chart]
    footnotes: list[Footnote]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _rows(spec: object) -> Iterator[dict]:
    """Every data row in a Vega-Lite spec that names a claim (inline `values` or `datasets`)."""
    if isinstance(spec, dict):
        if "claim_id" in spec:
            yield spec
            return
        for value in spec.values():
            yield from _rows(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _rows(item)


def chart_claims(spec: dict) -> list[str]:
    """The claim ids a chart draws."""
    return list(dict.fromkeys(str(row["claim_id"]) for row in _rows(spec) if row.get("claim_id")))


def _headline(item: Headline, notes: Footnotes) -> Figure | None:
    note = notes.for_attribution(item.metric, item.figure, item.attribution)
    if note is None:
        return None
    return Figure(_(item.label), item.label, item.figure, item.place, item.period, note)


def chart_title(spec: dict) -> str:
    """The title a chart spec carries."""
    title = spec.get("title", "")
    return str(title.get("text", "") if isinstance(title, dict) else title)


def build_brief(claims: pd.DataFrame, overview: OverviewFigures, district_figures: pd.DataFrame,
                info: ViewInfo) -> BriefContent:
    """The brief of a view from the same figures the Overview shows."""
    notes = Footnotes(claims)
    headlines: list[Figure] = []
    missing: list[str] = []
    if overview.per_district:
        for metric in HEADLINE_METRICS:
            for row in overview.per_district[metric].itertuples(index=False):
                note = notes.for_attribution(metric, row[1], row[3]) if row[3] else None
                if note is not None:
                    headlines.append(Figure(_(metric_label(metric)), metric_label(metric), row[1],
                                            row[0], row[2], note))
    else:
        for metric, item in zip(HEADLINE_METRICS, overview.cards, strict=True):
            shown = _headline(item, notes) if item is not None else None
            if shown is None:
                missing.append(_(metric_label(metric)))
            else:
                headlines.append(shown)
    districts = [
        Figure(_(metric_label(info.filters.metric)), metric_label(info.filters.metric),
               row.published_figure, info.district_names.get(row.district_id, row.district_name),
               row.period, notes.for_claims([row.claim_id])[0])
        for row in district_figures.sort_values("district_name").itertuples()
        if not info.filters.districts or row.district_id in info.filters.districts
    ]
    charts = [Chart(chart_title(overview.charts[key]), overview.charts[key],
                    notes.for_claims(chart_claims(overview.charts[key])))
              for key in CHARTS if key in overview.charts]
    return BriefContent(
        title=_("Mine action in Azerbaijan's formerly conflict-affected districts"),
        settings=describe(info), headlines=headlines, missing=missing, mismatch=overview.mismatch,
        districts=districts, map_title=_(metric_label(info.filters.metric)), charts=charts,
        footnotes=sorted(notes.listed.values(), key=lambda note: note.number))


def map_description(brief: BriefContent) -> str:
    """The map picture in words (its alternative text): what it shades and each district's
    figure."""
    figures = "; ".join(f"{item.place}: {item.figure}" for item in brief.districts)
    return _("Map of {metric} by district, with places, reported finds and incidents. {figures}").format(
        metric=brief.map_title, figures=figures or _("No district has a figure in this selection."))
