"""Upload what people actually send: each class of real-world file shape, generated in many
variants (titles, missing columns, other header and property names, other CRSs and formats)."""

from __future__ import annotations

import itertools
import json

import pytest
import shapely

from geo.changes import plan_changes
from geo.store import Store
from geo.upload import KIND_EVENTS, KIND_FIGURES, KIND_PLACES, UploadOptions, prepare_upload
from geo.upload.review import options_from_json, options_json
from tests.upload_files import feature_collection, geo_frame, messages, prepared, workbook, written

HEADER = ["District", "Period start", "Period end", "Hectares", "AP mines", "Originator", "Party",
          "Published"]
ROWS = [["Tərtər", "2025-01-01", "2025-12-31", 1999.5, 12, "ANAMA", "govt_azerbaijan", "2026-01-15"],
        ["Laçın", "2025-01-01", "2025-12-31", 2454.2, 7, "ANAMA", "govt_azerbaijan", "2026-01-15"]]
TITLES = [
    [],
    [["Mine action in the liberated territories"]],
    [["ANAMA"], ["Weekly report, 2025"], [None]],
    [["Table 3. Area cleared by district (ha)"], [None], ["Source: ANAMA, January 2026"], [None]],
]
FOOTERS = [
    [],
    [["Total", None, None, 4453.7, 19]],
    [[None], ["* Figures are provisional and may be revised."]],
    [["Cəmi", None, None, 4453.7, 19], ["Note: hectares as reported by ANAMA."]],
]


def _csv(rows: list[list[object]]) -> str:
    return "\n".join(";".join("" if c is None else str(c).replace(".", ",") if isinstance(c, float)
                              else str(c) for c in row) for row in rows) + "\n"


def _values(result) -> dict[tuple[str, str], float]:
    claims = result.tables.claims
    return {(p, m): v for p, m, v in zip(claims["place_id"], claims["metric"], claims["value"], strict=True)}


EXPECTED = {("district:tartar", "area_reported_cleared"): 1999.5,
            ("district:lachin", "area_reported_cleared"): 2454.2,
            ("district:tartar", "ap_mines_found"): 12, ("district:lachin", "ap_mines_found"): 7}


@pytest.mark.parametrize(("titles", "footer", "fmt"),
                         list(itertools.product(range(len(TITLES)), range(len(FOOTERS)), ["csv", "xlsx"])))
def test_the_table_is_found_below_titles_and_above_footnotes(tables, titles: int, footer: int,
                                                             fmt: str) -> None:
    rows = TITLES[titles] + [HEADER] + ROWS + FOOTERS[footer]
    data = _csv(rows) if fmt == "csv" else workbook({"Report": rows})
    result = prepared(tables, f"report.{fmt}", data)
    assert result.ok, messages(result)
    assert _values(result) == EXPECTED
    if TITLES[titles]:
        assert any("above the header" in n for n in result.notes)
    if any(any(c for c in r) for r in FOOTERS[footer]):
        assert any("total or footnote" in n for n in result.notes)


def test_merged_cells_and_a_two_row_header_are_unmerged(tables) -> None:
    rows = [["Clearance by district, 2025", None, None, None, None, None, None, None],
            ["District", "Period", None, "Area", "Mines found", "Originator", "Party", "Published"],
            [None, "start", "end", "ha", "AP", None, None, None], *ROWS]
    data = workbook({"Report": rows}, merged={"Report": ["A1:H1", "A2:A3", "B2:C2", "F2:F3", "G2:G3",
                                                        "H2:H3"]})
    result = prepared(tables, "merged.xlsx", data)
    assert result.ok, messages(result)
    assert _values(result) == EXPECTED


@pytest.mark.parametrize("headers", [
    ["Rayon", "From", "To", "Area (ha)", "AP mines", "Source", "Party", "Date published"],
    ["Район", "Начало", "Конец", "Площадь, га", "Противопехотные мины", "Источник", "party",
     "Дата публикации"],
    ["Rayonun adı", "Başlanğıc", "Son", "Sahə (ha)", "Piyada əleyhinə mina", "Mənbə", "Party",
     "Published"],
    ["district name", "start date", "end date", "area cleared ha", "anti-personnel mines",
     "publisher", "source party", "publication date"],
])
def test_headers_in_other_words_and_languages(tables, headers: list[str]) -> None:
    result = prepared(tables, "words.xlsx", workbook({"Data": [headers, *ROWS]}))
    assert result.ok, (messages(result), [(c.name, c.field) for c in result.columns])
    assert _values(result) == EXPECTED


# --- no publisher column ------------------------------------------------------------------------

def test_a_known_publisher_brings_its_party(tables) -> None:
    rows = [[*r[:6], r[7]] for r in ROWS]
    result = prepared(tables, "noparty.xlsx", workbook({"D": [[*HEADER[:6], "Published"], *rows]}))
    assert result.ok, messages(result)
    assert list(result.tables.sources["party"]) == ["govt_azerbaijan"]


def test_no_publisher_at_all_is_one_problem_set_once_for_the_file(tables) -> None:
    rows = [r[:5] for r in ROWS * 6]
    data = workbook({"D": [HEADER[:5], *rows]})
    result = prepared(tables, "nosource.xlsx", data)
    assert len(result.problems) == 1, messages(result)
    assert result.problems[0].row is None and "Publisher" in result.problems[0].column
    fixed = prepared(tables, "nosource.xlsx", data,
                     defaults=(("originator", "Ministry of Agriculture"), ("party", "govt_azerbaijan"),
                               ("published", "15.01.2026")))
    assert fixed.ok, messages(fixed)
    assert set(fixed.tables.sources["originator"]) == {"Ministry of Agriculture"}


def test_an_unknown_publisher_asks_for_its_party_once(tables) -> None:
    rows = [[*r[:5], "Qarabağ Dirçəliş Fondu", "2026-01-15"] for r in ROWS * 5]
    result = prepared(tables, "fund.xlsx", workbook({"D": [[*HEADER[:5], "Source", "Published"], *rows]}))
    assert [p.column for p in result.problems] == ["Publisher's party"]
    assert prepared(tables, "fund.xlsx", workbook({"D": [[*HEADER[:5], "Source", "Published"], *rows]}),
                    defaults=(("party", "national_ngo"),)).ok


def test_the_publisher_named_in_a_title_line_is_used(tables) -> None:
    rows = [["Source: ANAMA"], [None], [*HEADER[:5], "Published"], *[[*r[:5], r[7]] for r in ROWS]]
    result = prepared(tables, "titled.csv", _csv(rows))
    assert result.ok, messages(result)
    assert list(result.tables.sources["originator"]) == ["ANAMA"]


def test_n_bad_rows_give_n_plain_problems(tables) -> None:
    lines = ["place,metric,value,unit,period_end,source_id"]
    lines += [f"Lachin,killed,{v},count,2023-01-01,SEED" for v in ("-1", "x", "2.5.1", "-7")]
    lines += ["Lachin,killed,3,count,2023-01-01,SEED"]
    result = prepared(tables, "bad.csv", "\n".join(lines))
    assert [p.row for p in result.problems] == [2, 3, 4, 5]
    assert not any("Field required" in m or "validation error" in m.casefold() for m in messages(result))


# --- finds and incidents as geodata, in any CRS and format ------------------------------------------

FIND_PROPERTIES = [
    {"kind": "find", "device": "AP mine", "date": "2024-05-02", "quantity": 3, "village": "Sus"},
    {"type": "UXO", "date_found": "02.05.2024", "qty": "1", "place": "Zabux"},
    {"category": "anti-tank mine", "Tarix": "2024-05-02", "Miqdar": 2},
    {"item": "booby trap", "event_date": "2024-05-02", "count": 1, "location": "Laçın"},
]
POINTS = [shapely.Point(46.512, 39.627), shapely.Point(46.54, 39.59), shapely.Point(46.60, 39.70),
          shapely.Point(46.55, 39.65)]


def _finds(crs_props: list[dict]) -> list[tuple[dict, shapely.Point]]:
    publisher = {"originator": "ANAMA", "published": "2024-06-01"}
    return [({**p, **publisher}, point) for p, point in zip(crs_props, POINTS, strict=True)]


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:32638", "EPSG:3857", "EPSG:32639"])
@pytest.mark.parametrize("properties", range(len(FIND_PROPERTIES)))
def test_finds_as_geojson_in_any_declared_crs(tables, crs: str, properties: int) -> None:
    frame = geo_frame(_finds([FIND_PROPERTIES[properties]] * 4), crs)
    data = frame.to_json(drop_id=True).encode()
    if crs != "EPSG:4326":
        collection = json.loads(data)
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
        data = json.dumps(collection).encode()
    result = prepare_upload("finds.geojson", data, tables)
    assert result.kind == KIND_EVENTS and result.ok, messages(result)
    events = result.tables.events
    assert len(events) == 4 and events["device_category"].notna().all()
    assert events["lat"].between(39.58, 39.71).all() and events["lon"].between(46.5, 46.61).all()
    assert (crs == "EPSG:4326") != any(crs in note for note in result.notes)


@pytest.mark.parametrize(("driver", "suffix"), [("GPKG", ".gpkg"), ("ESRI Shapefile", ".zip"),
                                                ("KML", ".kml")])
def test_finds_as_geopackage_shapefile_and_kml(tables, driver: str, suffix: str) -> None:
    crs = "EPSG:4326" if driver == "KML" else "EPSG:32638"
    frame = geo_frame(_finds(FIND_PROPERTIES[:1] * 4), crs)
    result = prepare_upload(f"finds{suffix}", written(frame, driver, suffix), tables)
    assert result.kind == KIND_EVENTS and result.ok, messages(result)
    assert len(result.tables.events) == 4
    assert result.tables.events["lat"].between(39.58, 39.71).all()


def test_a_projected_layer_without_a_crs_is_refused_plainly(tables) -> None:
    frame = geo_frame(_finds(FIND_PROPERTIES), "EPSG:32638")
    collection = json.loads(frame.to_json(drop_id=True))
    collection.pop("crs", None)
    with pytest.raises(Exception, match="not longitude/latitude"):
        prepare_upload("noprj.geojson", json.dumps(collection).encode(), tables)


def test_incidents_as_points(tables) -> None:
    rows = [({"killed": 1, "injured": 0, "date": "2023-09-01", "originator": "ANAMA",
              "published": "2023-09-02"}, {"type": "Point", "coordinates": [46.51, 39.63]})]
    result = prepare_upload("incidents.geojson", feature_collection(rows), tables)
    assert result.ok, messages(result)
    assert list(result.tables.events["kind"]) == ["incident"]


# --- boundaries keyed by other property names ---------------------------------------------------------

@pytest.mark.parametrize("key", ["name", "district", "rayon", "NAME_2", "shapeName", "adm2_name", "ADM2_EN"])
@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_boundaries_keyed_by_any_usual_property(tables, key: str, fmt: str) -> None:
    square = shapely.box(46.3, 39.5, 46.7, 39.9)
    frame = geo_frame([({key: "Lachin", "source": "field survey"}, square)], "EPSG:4326")
    data = frame.to_json(drop_id=True).encode() if fmt == "geojson" else written(frame, "GPKG", ".gpkg")
    result = prepare_upload(f"lachin.{fmt}", data, tables)
    assert result.kind == KIND_PLACES and result.ok, messages(result)
    changes = plan_changes(result.tables, tables)
    assert list(changes.changed["places"]["place_id"]) == ["district:lachin"]


def test_every_layer_of_a_geopackage_is_offered(tables) -> None:
    import tempfile
    from pathlib import Path

    finds = geo_frame(_finds(FIND_PROPERTIES), "EPSG:4326")
    villages = geo_frame([({"name": "New hamlet", "district": "Lachin"}, shapely.Point(46.5, 39.6))])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "two.gpkg"
        finds.to_file(path, layer="finds", driver="GPKG", engine="pyogrio")
        villages.to_file(path, layer="villages", driver="GPKG", engine="pyogrio")
        data = path.read_bytes()
    both = prepare_upload("two.gpkg", data, tables)
    assert both.candidates == ["layer 'finds'", "layer 'villages'"]
    villages_only = prepare_upload("two.gpkg", data, tables, UploadOptions(tables=("layer 'villages'",)))
    assert villages_only.kind == KIND_PLACES and villages_only.ok, messages(villages_only)


# --- restatements -----------------------------------------------------------------------------------

def test_a_restated_figure_is_shown_as_already_stored(tables) -> None:
    stored = tables.claims.set_index("claim_id").loc["C049"]  # Lachin 2023, TREND3870489
    text = ("place,metric,value,unit,period_start,period_end,originator,party,outlet,published\n"
            f"Laçın,area_reported_cleared,\"1 454,2\",ha,{stored['period_start']},{stored['period_end']},"
            "Cabinet of Ministers of Azerbaijan,govt_azerbaijan,another agency's wording,2024-03-06\n")
    result = prepared(tables, "again.csv", text)
    assert result.ok, messages(result)
    changes = plan_changes(result.tables, tables)
    assert changes.added["claims"].empty and changes.is_empty()
    assert list(changes.restated["claims"]["stored_as"]) == ["C049"]
    separate = plan_changes(result.tables, tables, add_restatements=True)
    assert len(separate.added["claims"]) == 1 and len(separate.added["sources"]) == 1


def test_a_restated_event_is_shown_as_already_stored(store: Store) -> None:
    text = "kind,date,place,device,quantity,source_id\nfind,2023-03-01,Sus,UXO,2,SEED\n"
    first = prepare_upload("a.csv", text.encode(), store.snapshot())
    store.commit(first.tables, author="t", file_name="a.csv", sha256=first.sha256, kind=first.kind)
    again = text.replace("SEED", "SEED,extra").replace("source_id", "source_id,note")
    second = prepare_upload("b.csv", again.encode(), store.snapshot())
    changes = plan_changes(second.tables, store.snapshot())
    assert changes.is_empty() and len(changes.restated["events"]) == 1


# --- mapping profiles -------------------------------------------------------------------------------

ODD_HEADERS = ["Where", "Week ending", "What was cleared", "Reported by"]


def _odd_file(rows: list[list[object]]) -> bytes:
    return workbook({"Weekly": [ODD_HEADERS, *rows]})


def test_a_saved_mapping_reads_the_next_file_of_the_same_shape(store: Store) -> None:
    first = _odd_file([["Lachin", "2025-06-16", 120.5, "ANAMA"]])
    unmapped = prepare_upload("w1.xlsx", first, store.snapshot())
    assert not unmapped.ok
    options = UploadOptions(kind=KIND_FIGURES, mapping=(
        ("Where", "place"), ("Week ending", "period_end"),
        ("What was cleared", "figure:area_reported_cleared:ha"), ("Reported by", "originator")),
        defaults=(("published", "2025-06-17"), ("period_type", "period")))
    mapped = prepare_upload("w1.xlsx", first, store.snapshot(), options)
    assert mapped.ok, messages(mapped)
    store.profiles.save("ANAMA weekly", mapped.signature, mapped.kind, options_json(options), "editor")
    profiles = {row.signature: (row.name, options_from_json(row.options_json))
                for row in store.profiles.all().itertuples()}
    second = _odd_file([["Tartar", "2025-06-23", 98.0, "ANAMA"], ["Shusha", "2025-06-23", 40, "ANAMA"]])
    result = prepare_upload("w2.xlsx", second, store.snapshot(), UploadOptions(
        defaults=(("published", "2025-06-24"),)), profiles)
    assert result.profile == "ANAMA weekly" and result.ok, messages(result)
    assert sorted(result.tables.claims["value"]) == [40, 98.0]
    store.profiles.delete("ANAMA weekly")
    assert store.profiles.all().empty
