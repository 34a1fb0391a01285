"""Charts: lines join one originator's series only, qualifiers show, like is compared with like."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd
import pytest

from geo.charts import (
    EMPTY_WIDTH,
    area_over_time,
    by_district,
    casualties_over_time,
    finds_by_category,
    vega_lite,
)
from geo.derive import claims_view, flag_claims
from geo.figures import district_figures
from geo.filters import Filters, filter_claims
from geo.memo import BoundedMemo
from geo.overview import chart_spec, district_map_figures, overview_figures


def _spec(chart) -> dict:
    return chart.to_dict()  # validated against the Vega-Lite schema


def _rows(spec: dict) -> pd.DataFrame:
    return pd.DataFrame(spec["datasets"][spec["data"]["name"]])


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def _mark(layer: dict) -> dict:
    mark = layer["mark"]
    return mark if isinstance(mark, dict) else {"type": mark}


def test_a_line_never_runs_from_one_originator_into_another(claims) -> None:
    spec = _spec(area_over_time(claims))
    rows = _rows(spec).set_index("claim_id")
    assert rows.at["C037", "series"] != rows.at["C038", "series"]  # ANAMA >134,000 vs AzCBL
    assert rows.at["C036", "series"] == rows.at["C037", "series"]  # ANAMA's own running total
    per_series = _rows(spec).groupby("series")["originator"].nunique()
    assert (per_series == 1).all()
    line = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "line")
    assert line["encoding"]["detail"]["field"] == "series"
    assert line["encoding"]["color"]["field"] == "originator"
    assert line["encoding"]["color"]["title"] == "Source (who published it)"


def test_casualty_lines_are_one_per_source_too(claims) -> None:
    rows = _rows(_spec(casualties_over_time(claims)))
    assert (rows.groupby("series")["originator"].nunique() == 1).all()
    by_id = rows.set_index("claim_id")
    assert by_id.at["C056", "series"] != by_id.at["C057", "series"]  # Presidency vs ANAMA


def test_qualified_figures_are_drawn_open_with_their_word(claims) -> None:
    spec = _spec(area_over_time(claims))
    rows = _rows(spec).set_index("claim_id")
    assert rows.at["C037", "qualifier_word"] == "more than"
    assert rows.at["C014", "qualifier_word"] == "about"
    assert rows.at["C037", "qualifier_note"].startswith("more than")
    layers = _layers(spec)
    open_marks = next(layer for layer in layers if _mark(layer).get("filled") is False
                      and "shape" in layer["encoding"])
    shapes = dict(zip(open_marks["encoding"]["shape"]["scale"]["domain"],
                      open_marks["encoding"]["shape"]["scale"]["range"], strict=True))
    assert shapes["more than"] == "triangle-up"
    words = next(layer for layer in layers if _mark(layer)["type"] == "text")
    assert words["encoding"]["text"]["field"] == "qualifier_word"
    tooltip_fields = {t["field"] for t in open_marks["encoding"]["tooltip"]}
    assert "qualifier_note" in tooltip_fields


def test_several_districts_are_coloured_apart_and_sources_shaped(claims) -> None:
    two = claims[claims["district_id"].isin(["district:aghdam", "district:lachin"])]
    spec = _spec(area_over_time(two))
    bars = _layers(spec)[0]
    assert bars["encoding"]["color"]["field"] == "place_name"
    assert set(_rows(spec)["place_name"]) == {"Aghdam", "Lachin"}
    exact = next(layer for layer in _layers(spec) if _mark(layer).get("filled") is True)
    assert exact["encoding"]["shape"]["field"] == "originator"


def test_bars_of_other_period_lengths_stay_out(claims) -> None:
    annual = set(_rows(_spec(area_over_time(claims)))["claim_id"])
    assert "C069" not in annual and "C022" in annual  # a week of 2025 vs the year 2024
    weekly = set(_rows(_spec(area_over_time(claims, "week")))["claim_id"])
    assert "C069" in weekly and "C022" not in weekly


def test_finds_from_two_sources_for_one_period_get_their_own_rows(tables) -> None:
    restated = tables.claims[tables.claims["claim_id"] == "C019"].assign(
        claim_id="X19", source_id="REPORTAZ2024", value="3600")
    both = flag_claims(claims_view(dataclasses.replace(
        tables, claims=pd.concat([tables.claims, restated], ignore_index=True))))
    rows = _rows(_spec(finds_by_category(both))).set_index("claim_id")
    assert rows.at["C019", "row"] != rows.at["X19", "row"]
    assert "\n" in rows.at["C019", "row"]  # period and source on two label lines


def test_every_district_bar_is_labelled_and_names_its_figure(claims) -> None:
    spec = _spec(by_district(district_figures(claims, "area_reported_cleared"),
                             "area_reported_cleared"))
    bars = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "bar")
    y_axis = bars["encoding"]["y"]["axis"]
    assert y_axis["labelOverlap"] is False and y_axis["labelLimit"] == 0
    assert spec["height"] == {"step": 24}  # the chart grows with its bars
    text = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "text")
    assert text["encoding"]["text"]["field"] == "published_figure"
    assert "Annual figures" in " ".join(spec["title"]["subtitle"])


def test_every_chart_has_a_text_alternative(claims) -> None:
    for chart in (area_over_time(claims), casualties_over_time(claims), finds_by_category(claims),
                  by_district(district_figures(claims, "area_reported_cleared"),
                              "area_reported_cleared")):
        description = _spec(chart)["description"]
        assert (len(description) > 40 and "figures" in description) or ":" in description
    assert "218,262 ha" in _spec(area_over_time(claims))["description"]


def _area_values(spec: dict) -> list[float]:
    return sorted(pd.DataFrame(spec["datasets"][spec["data"]["name"]])["value"].dropna())


def test_an_overview_chart_follows_new_data_and_is_reused_for_the_same(claims) -> None:
    memo = BoundedMemo(8)
    first = chart_spec("area", claims, "year", "version 1", memo)
    assert chart_spec("area", claims, "year", "version 1", memo) is first  # same data: built once
    restated = claims.assign(value_base=claims["value_base"] * 2)  # a later revision, same rows
    second = chart_spec("area", restated, "year", "version 2", memo)
    assert _area_values(second) == sorted(2 * v for v in _area_values(first))


def test_a_device_filter_rebuilds_only_what_it_changes(claims) -> None:
    memo = BoundedMemo(64)
    everything = Filters(start=dt.date(2020, 11, 1), end=dt.date(2026, 11, 26))
    uxo = dataclasses.replace(everything, devices=("UXO",))
    shown = {f: overview_figures(filter_claims(claims, f), f, "latest", {}, "v1", memo)
             for f in (everything, uxo)}
    assert shown[uxo].charts["area"] is shown[everything].charts["area"]
    assert shown[uxo].charts["finds"] is not shown[everything].charts["finds"]
    cards = {f: {c.metric: c.figure for c in shown[f].cards if c} for f in shown}
    assert "ap_mines_found" in cards[everything] and "ap_mines_found" not in cards[uxo]
    assert cards[uxo]["area_reported_cleared"] == cards[everything]["area_reported_cleared"]
    figures = {f: district_map_figures(filter_claims(claims, f), "area_reported_cleared", "year",
                                       "v1", memo) for f in shown}
    assert figures[uxo] is figures[everything] and len(figures[uxo]) > 3
    later = district_map_figures(filter_claims(claims, everything), "area_reported_cleared",
                                 "year", "v2", memo)  # another data version: built again
    assert later is not figures[everything] and later.equals(figures[everything])


def test_the_memo_keeps_the_most_recently_used(claims) -> None:
    memo = BoundedMemo(2)
    built: list[str] = []
    for key in ("a", "b", "a", "c", "a", "b"):
        memo((key,), lambda k=key: built.append(k) or k)
    assert built == ["a", "b", "c", "b"]


SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
CHANNELS_SHOWN = ("x", "y", "x2", "y2", "color", "shape", "text", "size", "strokeDash")


def _mark_layers(spec: dict) -> list[dict]:
    """Every layer that draws marks, nested layers included."""
    found = []
    for layer in spec.get("layer", [spec]):
        found += _mark_layers(layer) if "layer" in layer else [layer] if "mark" in layer else []
    return found


def _hovered(spec: dict) -> list[tuple[str, str]]:
    """What hovering each mark of a chart shows: (what, title) per tooltip line.

    Streamlit's chart theme shows every encoded field of a mark without a tooltip of its own,
    titled by its field name (mark_at, qualifier_word), so each such layer counts too.
    """
    shown = []
    inherited = spec.get("encoding", {}).get("tooltip")
    for layer in _mark_layers(spec):
        encoding = {**spec.get("encoding", {}), **layer.get("encoding", {})}
        tooltip = encoding.get("tooltip", inherited)
        if tooltip is None:
            shown += [(channel, encoding[channel].get("title") or encoding[channel].get("field", ""))
                      for channel in CHANNELS_SHOWN if isinstance(encoding.get(channel), dict)
                      and "field" in encoding[channel]]
        elif isinstance(tooltip, list):
            shown += [(line["field"], line.get("title", line["field"])) for line in tooltip]
    return shown


def _every_chart(claims, code: str) -> list[dict]:
    from geo.charts import hazards as hazard_charts
    from geo.i18n import language

    empty = claims.iloc[:0]
    with language(code):
        figures = district_figures(claims, "area_reported_cleared")
        built = [area_over_time(claims), casualties_over_time(claims), finds_by_category(claims),
                 by_district(figures, "area_reported_cleared"), area_over_time(empty),
                 finds_by_category(empty), by_district(figures.iloc[:0], "area_reported_cleared"),
                 hazard_charts.remaining_by_district(pd.DataFrame(), False)]
        return [_spec(chart) for chart in built]


@pytest.mark.parametrize("code", ["en", "az", "ru"])
def test_hovering_any_mark_shows_worded_titles_not_field_names(claims, code: str) -> None:
    for spec in _every_chart(claims, code):
        for field, title in _hovered(spec):
            assert not SNAKE_CASE.search(title), (spec["title"], field, title)
    area = _spec(area_over_time(claims))
    words = next(layer for layer in _layers(area) if _mark(layer)["type"] == "text")
    assert [line["title"] for line in words["encoding"]["tooltip"]][:2] == [
        "Figure as published", "Source's wording"]  # hovering "more than" names the claim


def test_an_empty_chart_shows_its_whole_message_from_the_left(claims) -> None:
    from geo.i18n import language

    with language("en"):
        spec = _spec(area_over_time(claims.iloc[:0]))
    mark = _mark(spec)
    assert mark["align"] == "left" and mark["x"] == 0 and mark["lineBreak"] == "\n"
    lines = _rows(spec)["text"].iloc[0].split("\n")
    assert len(lines) > 1 and max(map(len, lines)) <= EMPTY_WIDTH
    assert " ".join(lines) == "No figures for area reported cleared of mines and UXO in this selection"
    assert spec["height"] >= 20 * len(lines)
    with language("ru"):
        russian = " ".join(_rows(_spec(area_over_time(claims.iloc[:0])))["text"].iloc[0].split("\n"))
    assert "НВБ" in russian and "нвб" not in russian  # an abbreviation keeps its capitals


def test_dates_in_azerbaijani_and_russian_charts_are_day_first(claims) -> None:
    from geo.i18n import language

    with language("az"):
        config = vega_lite(area_over_time(claims))["config"]
    assert config["timeFormat"] == "%d.%m.%Y" and config["axisTemporal"]["format"]["date"] == "%d.%m"
    assert config["locale"]["time"]["shortMonths"][4] == "may"
    with language("en"):
        assert "timeFormat" not in vega_lite(area_over_time(claims)).get("config", {})
