"""Published figures from a table: one figure per row (metric, value), or a column per metric."""

from __future__ import annotations

import re

from pydantic import TypeAdapter

from geo.claims import Claim
from geo.i18n import N_, _
from geo.parsing import (
    ParseError,
    is_ambiguous_number,
    parse_qualifier,
    parse_quantity,
    parse_unit,
)
from geo.units import format_number
from geo.upload.columns import Columns, plain_text
from geo.upload.context import Ambiguity, Context, resolve_places
from geo.upload.fields import wide_target
from geo.upload.validation import validated_records
from geo.upload.vocabularies import parse_metric, parse_period_type, parse_scope, parse_status
from geo.vocab import METRICS, Dimension, Unit, unit_fits_metric

ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
CLAIMS = TypeAdapter(list[Claim])
DIMENSION_UNITS = {Dimension.COUNT: Unit.COUNT, Dimension.SHARE: Unit.PCT}


def parse_id(cell: object) -> str:
    """An id a person gave: letters, digits and . _ : - only."""
    text = plain_text(cell)
    if not ID_PATTERN.match(text):
        raise ParseError("an id may only hold letters, digits and . _ : - (at most 64)")
    return text


class FigureValues:
    """Values of figures, each distinct cell read once, ambiguous ones remembered."""

    def __init__(self, ctx: Context, cols: Columns) -> None:
        self.ctx, self.cols = ctx, cols
        self.memo: dict[tuple, tuple[float, str] | str] = {}

    def read(self, index: int, field: str, cell: object, whole: bool) -> tuple[float, str] | None:
        """(value, qualifier), or None with a problem recorded.

        For a count (`whole`), '1,400' can only mean 1400; for an area the file's decimal mark decides,
        and the reading is remembered so the preview can show it.
        """
        key = (type(cell).__name__, cell, whole)
        if key not in self.memo:
            try:
                value, qualifier = parse_quantity(cell, self.ctx.mark, whole)
                self.memo[key] = (value, qualifier.value)
            except ParseError as error:
                self.memo[key] = str(error)
        result = self.memo[key]
        if isinstance(result, str):
            self.cols.problem(index, field, cell, result)
            return None
        if not whole and isinstance(cell, str) and is_ambiguous_number(cell.split()[-1]):
            self.ctx.ambiguities.append(Ambiguity(
                self.cols.table.label, self.cols.line(index), self.cols.column_name(field),
                cell.strip(), format_number(result[0])))
        return result


def _unit_for(metric: str, unit: str | None) -> str | None:
    if unit:
        return unit
    info = METRICS.get(metric)
    return DIMENSION_UNITS.get(info.dimension) if info else None


def build_figures(cols: Columns, ctx: Context) -> list[tuple[int, dict]]:
    """(row index, claim record) for every figure in the table; problems go to `cols`."""
    wide = [(field, target) for field in cols.positions if (target := wide_target(field))]
    long_form = cols.has("value")
    if not wide and not long_form:
        cols.missing_from_file("value", "no column holds the figures: map a column to 'Value' "
                               "(with a 'Metric' column), or a column to a metric such as "
                               "'Figure: Area reported cleared'")
        return []
    no_points = [None] * len(cols)
    names, place_ids = resolve_places(cols, ctx, no_points, required=True)
    starts = cols.parse("period_start", ctx.date)
    ends = cols.parse("period_end", ctx.date, required=True)
    types = cols.parse("period_type", parse_period_type)
    scopes = cols.parse("scope", parse_scope)
    statuses = cols.parse("status", parse_status)
    qualifiers = cols.parse("qualifier", parse_qualifier)
    metrics = cols.parse("metric", parse_metric, required=long_form)
    units = cols.parse("unit", parse_unit)
    notes = cols.text("note")
    given_ids = cols.parse("claim_id", parse_id)
    sources = ctx.sources.resolve(cols)
    values = FigureValues(ctx, cols)
    value_cells = cols.raw("value") if long_form else []
    unit_missing_reported = False
    built: list[tuple[int, dict]] = []
    for index in range(len(cols)):
        start, end = starts[index], ends[index]
        if start and end and end < start:
            cols.problem(index, "period_end", end.isoformat(),
                         _("end date is before the start date ({date})").format(date=start.isoformat()))
        items: list[tuple[str | None, str | None, str, object]] = []
        if long_form:
            items.append((metrics[index], units[index], "value", value_cells[index]))
        items += [(metric, unit.value, field, cols.table.rows[index][cols.positions[field]])
                  for field, (metric, unit) in wide]
        figures: list[dict] = []
        for metric, unit, field, cell in items:
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                if field == "value":
                    cols.problem(index, "value", "", N_("missing value"))
                continue
            if metric is None:
                continue
            read = values.read(index, field, cell, whole=METRICS[metric].dimension != Dimension.AREA)
            if read is None:
                continue
            value, qualifier = read
            if field == "value" and qualifiers[index] and qualifier == "exact":
                qualifier = qualifiers[index].value
            unit = _unit_for(metric, unit)
            if unit is None:
                if not cols.has("unit") and not unit_missing_reported:
                    cols.missing_from_file("unit", N_("the unit of these areas is not in the file: set "
                                              "'Unit' (ha, m2 or km2) once for the whole upload below"))
                    unit_missing_reported = True
                elif cols.has("unit"):
                    cols.problem(index, "unit", "", N_("missing value"))
                cols.bad_rows.add(index)
                continue
            if value < 0:
                cols.problem(index, field, cell, N_("negative value: a figure cannot be below zero"))
            if not unit_fits_metric(Unit(unit), metric):
                cols.problem(index, "unit" if field == "value" else field, unit,
                             _("the unit {unit} does not fit the metric '{metric}'").format(
                                 unit=unit, metric=_(METRICS[metric].label)))
            if unit == Unit.PCT and value > 100:
                cols.problem(index, field, cell, N_("a percentage cannot exceed 100"))
            figures.append({
                "claim_id": given_ids[index], "source_id": sources[index], "metric": metric,
                "value": value, "unit": str(unit), "qualifier": str(qualifier),
                "period_start": start.isoformat() if start else None,
                "period_end": end.isoformat() if end else None,
                "period_type": types[index] or ("period" if start else "cumulative"),
                "scope": scopes[index] or "unknown", "place": names[index],
                "place_id": place_ids[index],
                "location_precision": ctx.index.level_of(place_ids[index]) if place_ids[index] else None,
                "status": statuses[index] or "reported", "note": notes[index],
            })
        if index not in cols.bad_rows:
            built += [(index, figure) for figure in figures]
    return validated_records(cols, built, CLAIMS, "claim_id")
