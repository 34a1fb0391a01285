"""Property-based tests of every reader and row parser: generated files never raise anything
but a clear refusal, numbers come back exactly (or are reported as ambiguous and then read as
the editor says), and every data row is either stored or has a problem."""

from __future__ import annotations

import io
import json
import os

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.parsing import DecimalMark
from geo.upload import Prepared, UploadOptions, UploadRefused, prepare_upload

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.register_profile("bench", max_examples=600, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

HEADERS = ["kind", "date", "place", "lat", "lon", "device", "quantity", "killed", "district",
           "hectares", "metric", "value", "unit", "period_end", "period start", "source_id",
           "originator", "party", "published", "name", "note", "x", "Тип", "Sahə (ha)"]
CELLS = st.one_of(
    st.text(max_size=30), st.sampled_from(["find", "incident", "UXO", "AP mine", "Sus", "Laçın", "SEED",
                                           "2023-01-01", "31.12.2023", "1,286", "1 286,5", "more than 5",
                                           "=SUM(A1)", "<b>x</b>", "", "\u202eevil", "9" * 40]),
    st.integers(-10**20, 10**20).map(str), st.floats(allow_nan=True, allow_infinity=True).map(str))


def outcome(name: str, data: bytes, stored, options: UploadOptions | None = None) -> Prepared | None:
    """The parse, or None for a clear refusal; any other exception fails the test."""
    try:
        return prepare_upload(name, data, stored, options)
    except UploadRefused as refusal:
        assert str(refusal), "a refusal must say why"
        return None


@given(st.binary(max_size=3000), st.sampled_from(["f.csv", "f.xlsx", "f.geojson", "f.gpkg", "f.kml",
                                                   "f.zip", "f.txt"]))
def test_any_bytes_are_read_or_refused_clearly(tables, data: bytes, name: str) -> None:
    outcome(name, data, tables)


@given(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8, unique=True),
       st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=12),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["\n", "\r\n", "\r"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_generated_csv_is_read_or_refused_clearly(tables, header, rows, separator, newline,
                                                  encoding) -> None:
    text = newline.join(separator.join(c.replace(separator, " ").replace('"', "'") for c in row)
                        for row in [header, *rows])
    outcome("gen.csv", text.encode(encoding, errors="replace"), tables)


@given(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8, unique=True),
       st.lists(st.lists(st.one_of(CELLS, st.floats(allow_nan=False, allow_infinity=False),
                                   st.integers(-10**9, 10**9), st.none()), max_size=9), max_size=10),
       st.integers(0, 3))
def test_generated_workbooks_are_read_or_refused_clearly(tables, header, rows, titles) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for number in range(titles):
        sheet.append([f"Title line {number}"])
    for row in [header, *rows]:
        sheet.append([c if not isinstance(c, str) else c[:200].translate({i: None for i in range(32)})
                      for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome("gen.xlsx", buffer.getvalue(), tables)


JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                                     st.floats(-200, 200), st.text(max_size=10)),
                           lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=20)
GEOMETRIES = st.one_of(
    JSON_VALUES,
    st.fixed_dictionaries({"type": st.sampled_from(["Point", "Polygon", "LineString", "MultiPoint",
                                                    "GeometryCollection", "Circle"]),
                           "coordinates": JSON_VALUES}),
    st.tuples(st.floats(43, 51), st.floats(38, 42)).map(
        lambda p: {"type": "Point", "coordinates": list(p)}))


@given(st.lists(st.fixed_dictionaries({"type": st.just("Feature"),
                                       "properties": st.one_of(st.none(), st.dictionaries(
                                           st.sampled_from(HEADERS), JSON_VALUES, max_size=6)),
                                       "geometry": GEOMETRIES}), max_size=6),
       st.one_of(st.none(), st.sampled_from(["EPSG:4326", "EPSG:32638", "EPSG:99999", "nonsense"])))
def test_generated_geojson_is_read_or_refused_clearly(tables, features, crs) -> None:
    collection: dict = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    outcome("gen.geojson", json.dumps(collection).encode(), tables)


AREAS = st.decimals(min_value=0, max_value=999_999, places=3, allow_nan=False, allow_infinity=False)


def _styled(value, decimal: str, thousands: str) -> str:
    whole, _, fraction = f"{value:.3f}".partition(".")
    fraction = fraction.rstrip("0")
    groups = f"{int(whole):,}".replace(",", thousands)
    return groups + (decimal + fraction if fraction else "")


@given(st.lists(AREAS, min_size=1, max_size=15),
       st.sampled_from([(".", ","), (",", "."), (",", " "), (".", ""), (",", "")]))
def test_every_written_area_is_read_back_exactly_or_reported(tables, values, style) -> None:
    decimal, thousands = style
    separator = ";" if decimal == "," or thousands == "," else ","
    lines = [separator.join(["district", "period_end", "hectares", "source_id"])]
    lines += [separator.join(["Lachin", f"2024-01-{day % 28 + 1:02d}", _styled(v, decimal, thousands),
                              "SEED"]) for day, v in enumerate(values)]
    data = ("\n".join(lines) + "\n").encode()
    first = prepare_upload("areas.csv", data, tables)
    assert first.ok, [p.message() for p in first.problems]
    read = list(first.tables.claims["value"])
    wrong = [i for i, (v, r) in enumerate(zip(values, read, strict=True)) if abs(float(v) - r) > 1e-9]
    if wrong:  # a misread is only allowed where the preview says the value was ambiguous
        ambiguous_lines = {a.line for a in first.ambiguities}
        assert {i + 2 for i in wrong} <= ambiguous_lines
    chosen = DecimalMark.COMMA if decimal == "," else DecimalMark.POINT
    again = prepare_upload("areas.csv", data, tables, UploadOptions(decimal_mark=chosen.value))
    assert [round(r, 6) for r in again.tables.claims["value"]] == [round(float(v), 6) for v in values]


EXCEL_NUMBERS = st.one_of(st.floats(0, 1e9, allow_nan=False).map(lambda v: float(f"{v:.15g}")),
                          st.integers(0, 10**9))  # a workbook keeps 15 significant digits


@given(st.lists(EXCEL_NUMBERS, min_size=1, max_size=15), st.booleans())
def test_workbook_numbers_are_read_exactly_as_numbers_or_text(tables, values, as_text) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["district", "period_end", "hectares", "source_id"])
    for value in values:
        sheet.append(["Lachin", "2024-01-31", repr(float(value)) if as_text else value, "SEED"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = prepare_upload("n.xlsx", buffer.getvalue(), tables,
                            UploadOptions(decimal_mark="point" if as_text else ""))
    assert result.ok, [p.message() for p in result.problems]
    assert list(result.tables.claims["value"]) == [float(v) for v in values]


ROW = st.tuples(st.sampled_from(["find", "incident", "", "lost"]),
                st.sampled_from(["2023-01-01", "31.12.2023", "", "3023-01-01", "yesterday"]),
                st.sampled_from(["Sus", "Zabukh", "Tartr", "", "Laçın"]),
                st.sampled_from(["UXO", "AP mine", "", "grenade"]),
                st.sampled_from(["1", "2", "", "-3", "2.5", "many"]))


@given(st.lists(ROW, min_size=1, max_size=25))
def test_every_data_row_is_stored_or_has_a_problem(tables, rows) -> None:
    text = "kind,date,place,device,quantity,source_id\n" + "".join(
        f"{k},{d},{p},{dev},{q},SEED\n" for k, d, p, dev, q in rows)
    result = outcome("rows.csv", text.encode(), tables)
    if result is None:
        return
    stored = len(result.tables.events)
    with_problems = {p.row for p in result.problems if p.row is not None}
    assert stored + len(with_problems) == len(rows) or (
        any(p.row is None for p in result.problems) and stored == 0)
