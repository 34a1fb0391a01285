"""Upload as received, the rest of issue 22: hazard areas recorded as points with a stated area,
KML/KMZ of finds whose placemarks carry only a name, economic regions as places of their own,
and last surveys dated before the record. Every file is built by the test, in many shapes and in
English, Azerbaijani and Russian."""

from __future__ import annotations

import csv
import hashlib
import io
import random
import zipfile

import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.changes import plan_changes
from geo.model.tables import Tables
from geo.store import Store
from geo.upload import Prepared
from tests.upload_files import feature_collection, geo_frame, messages, prepared, workbook, written

SQUARE = "POLYGON (({x} 39.62, {x2} 39.62, {x2} 39.63, {x} 39.62))"
HAZARD_HEADERS = {  # id, type, status, source, published, latitude, longitude, geometry
    "en": ("Hazard ID", "Hazard Type", "Status", "Source", "Published", "Latitude", "Longitude",
           "Shape WKT"),
    "az": ("Hazard ID", "Tip", "Status", "Mənbə", "Dərc tarixi", "Enlik", "Uzunluq", "WKT"),
    "ru": ("ID", "Тип", "Статус", "Источник", "Дата публикации", "Широта", "Долгота", "Геометрия"),
}
AREA_HEADERS = {  # header -> square metres per unit
    "en": (("Area Size (m²)", 1.0), ("Area (ha)", 10_000.0), ("Area size (sqm)", 1.0)),
    "az": (("Sahə (m²)", 1.0), ("Sahə (ha)", 10_000.0), ("Sahə m2", 1.0)),
    "ru": (("Площадь (м²)", 1.0), ("Площадь (га)", 10_000.0), ("Площадь, м2", 1.0)),
}
TYPES = {"en": ("SHA", "Suspected"), "az": ("SHA", "Şübhəli təhlükəli ərazi"),
         "ru": ("SHA", "Подозрительный опасный район")}
STATUSES = {"en": ("Active", "Open"), "az": ("Aktiv", "Açıq"), "ru": ("Активный", "В работе")}
LACHIN = (39.62, 46.51)  # (lat, lon), in Lachin district


def _point_hazard_file(seed: int) -> tuple[str, bytes | str, list[float], str]:
    """A hazard export in one random shape whose rows are points with a stated area (and one
    polygon): the points as WKT or as latitude/longitude columns, areas in m² or ha, headers in
    one language, CSV or workbook, decimal comma or point. Returns the name, the data, the
    stated areas in m² (points first, in row order) and the language."""
    rng = random.Random(seed)
    language = ("en", "az", "ru")[seed % 3]
    ident, kind, status, source, published, lat, lon, wkt = HAZARD_HEADERS[language]
    area, per_unit = AREA_HEADERS[language][seed % 3]
    as_wkt = seed % 2 == 0
    comma = language != "en" and rng.random() < 0.5 and per_unit > 1
    header = [ident, kind, status, area, source, published, *([wkt] if as_wkt else [lat, lon, wkt])]
    rows, stated = [], []
    for n in range(rng.randint(2, 5)):
        m2 = rng.choice([2_500.0, 12_500.0, 40_000.0, 7_500.0])
        stated.append(m2)
        value = m2 / per_unit
        text = f"{value:g}".replace(".", ",") if comma else f"{value:g}"
        y, x = LACHIN[0] - n / 200, LACHIN[1] - n / 200
        where = [f"POINT ({x} {y})"] if as_wkt else (
            [f"{y}".replace(".", ",") if comma else y, f"{x}".replace(".", ",") if comma else x, ""])
        rows.append([f"AZ-LAC-P{n}", rng.choice(TYPES[language]), rng.choice(STATUSES[language]), text,
                     "ANAMA", "2024-05-01", *where])
    polygon = SQUARE.format(x=46.51, x2=46.52)
    rows.append(["AZ-LAC-Q", "CHA", STATUSES[language][0], "", "ANAMA", "2024-05-01",
                 *([polygon] if as_wkt else ["", "", polygon])])
    if seed % 4 in (1, 2):
        return "imsma.xlsx", workbook({"Hazards": [header, *rows]}), stated, language
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";" if comma else rng.choice([",", ";", "\t"]),
               lineterminator="\n").writerows([header, *rows])
    return "imsma.csv", buffer.getvalue(), stated, language


@pytest.mark.parametrize("seed", range(12))
def test_hazard_areas_recorded_as_points_with_a_stated_area_are_stored(tables: Tables, seed: int) -> None:
    name, data, stated, _language = _point_hazard_file(seed)
    result = prepared(tables, name, data)
    assert result.ok, messages(result)
    assert result.kind == "hazards"
    hazards = result.tables.hazards.set_index("hazard_id")
    points = hazards[hazards.geometry.geom_type == "Point"]
    assert len(points) == len(stated) and len(hazards) == len(stated) + 1
    assert list(points["area_m2"]) == pytest.approx(stated)
    assert set(hazards["district_id"]) == {"district:lachin"}
    assert all("Recorded as a point" in note for note in points["note"])
    assert hazards.loc["AZ-LAC-Q"].geometry.geom_type == "Polygon"
    assert any("recorded as" in note and "point" in note for note in result.notes), result.notes


@pytest.mark.parametrize("language", ["en", "az", "ru"])
@pytest.mark.parametrize("as_wkt", [True, False])
def test_a_point_without_a_stated_area_is_a_problem_naming_its_row_and_field(
        tables: Tables, language: str, as_wkt: bool) -> None:
    ident, kind, status, source, published, lat, lon, wkt = HAZARD_HEADERS[language]
    area = AREA_HEADERS[language][0][0]
    header = [ident, kind, status, area, source, published, *([wkt] if as_wkt else [lat, lon])]
    where = (["POINT (46.51 39.62)"], ["POINT (46.52 39.62)"]) if as_wkt else ([39.62, 46.51],
                                                                              [39.62, 46.52])
    rows = [["AZ-1", "SHA", STATUSES[language][0], 5000, "ANAMA", "2024-05-01", *where[0]],
            ["AZ-2", "SHA", STATUSES[language][0], "", "ANAMA", "2024-05-01", *where[1]]]
    result = prepared(tables, "imsma.xlsx", workbook({"Hazards": [header, *rows]}))
    assert not result.ok
    found = [p for p in result.problems if p.row == 3]
    assert len(found) == 1 and found[0].column == area, messages(result)
    assert "recorded as a point needs its stated area" in found[0].reason
    assert not [p for p in result.problems if p.row == 2], messages(result)


def test_a_geopackage_of_point_hazards_with_stated_hectares_is_read_as_hazard_areas(tables: Tables) -> None:
    rows = [({"hazard_id": f"P-{n}", "type": "SHA", "status": "open", "Area (ha)": 1.5 + n,
              "originator": "HALO Trust", "party": "international_ngo", "published": "2025-03-01"},
             shapely.Point(46.51 + n / 100, 39.62)) for n in range(3)]
    rows.append(({"hazard_id": "P-9", "type": "CHA", "status": "open", "Area (ha)": None,
                  "originator": "HALO Trust", "party": "international_ngo", "published": "2025-03-01"},
                 shapely.box(46.51, 39.62, 46.52, 39.63)))
    for suffix, driver, data in ((".gpkg", "GPKG", None), (".geojson", None, feature_collection(
            [(p, shapely.geometry.mapping(g)) for p, g in rows]))):
        data = data or written(geo_frame(rows), driver, suffix, layer="hazards")
        result = prepared(tables, f"halo{suffix}", data)
        assert result.ok, messages(result)
        assert result.kind == "hazards"
        hazards = result.tables.hazards.set_index("hazard_id")
        assert [hazards.at[f"P-{n}", "area_m2"] for n in range(3)] == pytest.approx([15_000, 25_000, 35_000])
        assert hazards.at["P-9", "area_m2"] > 900_000  # measured from the polygon


def test_a_point_layer_of_finds_is_still_read_as_finds(tables: Tables) -> None:
    rows = [({"type": "UXO", "date": "2024-05-01", "quantity": 2, "originator": "ANAMA",
              "published": "2024-05-02"}, shapely.Point(46.51, 39.62))]
    result = prepared(tables, "finds.geojson", feature_collection(
        [(p, shapely.geometry.mapping(g)) for p, g in rows]))
    assert result.kind == "events", messages(result)


def test_a_point_hazard_is_stored_shown_as_a_dot_and_said_to_be_as_stated(store: Store) -> None:
    from geo.derive.hazards import hazards_view, releases_view
    from geo.hazards.reliability import outside_shares
    from geo.mapping import BBox, HazardIndex

    name, data, stated, _language = _point_hazard_file(0)
    result = prepared(store.snapshot(), name, data)
    changes = plan_changes(result.tables, store.snapshot())
    store.commit(changes.to_store, author="test", file_name=name, kind=result.kind,
                 sha256=hashlib.sha256(name.encode()).hexdigest())
    tables = store.snapshot()
    hazards = tables.hazards.set_index("hazard_id")
    assert hazards.loc["AZ-LAC-P0"].geometry.geom_type == "Point"
    assert hazards.at["AZ-LAC-P0", "area_m2"] == pytest.approx(stated[0])
    index = HazardIndex(hazards_view(tables), releases_view(tables))
    for zoom in (8, 12, 18):
        view = index.view(zoom, BBox(46.4, 39.5, 46.7, 39.7))
        assert view["total"] == len(stated) + 1
        assert len(view["dots"]["id"]) >= len(stated)  # a point is always a dot
    found = index.at(46.51, 39.62, 14)  # the point, smallest first, then the polygon around it
    assert len(found) == 2
    assert "as stated" in index.popup(found[:1]) and "computed from the polygon" not in index.popup(found[:1])
    assert "computed from the polygon" in index.popup(found[1:])
    shares = outside_shares(tables.events, tables.hazards)
    assert all(share.hazard_areas == 1 for share in shares)  # a point holds no finds


def test_a_point_hazard_outside_the_region_names_its_coordinates(tables: Tables) -> None:
    rows = [["Hazard ID", "Hazard Type", "Status", "Area Size (m²)", "Latitude", "Longitude", "Source",
             "Published"], ["AZ-1", "SHA", "Active", 5000, 46.51, 39.62, "ANAMA", "2024-05-01"]]
    result = prepared(tables, "imsma.xlsx", workbook({"Hazards": rows}))
    assert not result.ok
    assert any(p.row == 2 and p.column == "Latitude" and "swapped" in p.reason for p in result.problems), \
        messages(result)



# KML/KMZ of finds whose placemarks carry only a name
def _name_only_kml(document: str, placemarks: list[tuple[str, tuple[float, float]]],
                   folder: str = "") -> bytes:
    """A KML as a phone app or Google Earth saves pins: a name and a point, nothing else."""
    marks = "".join(f"<Placemark><name>{name}</name><Point><coordinates>{lon},{lat},0</coordinates>"
                    f"</Point></Placemark>" for name, (lon, lat) in placemarks)
    body = f"<Folder><name>{folder}</name>{marks}</Folder>" if folder else marks
    return ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
            f"<name>{document}</name>{body}</Document></kml>").encode()


def _kmz(kml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.kml", kml)
    return buffer.getvalue()


TARTAR, LACHIN_POINT = (46.93, 40.33), (46.51, 39.62)  # (lon, lat)
FIND_NAMES = {  # placemark names that name the device (category, model)
    "en": [("TM-62M", "AT_mine", "TM-62M"), ("PMN-2", "AP_mine", "PMN-2"), ("UXO", "UXO", ""),
           ("Mortar round", "UXO", ""), ("Anti-tank mine", "AT_mine", "")],
    "az": [("PHS", "UXO", ""), ("Tank əleyhinə mina", "AT_mine", ""), ("PMN-4", "AP_mine", "PMN-4"),
           ("Qumbara", "UXO", ""), ("Piyada əleyhinə mina", "AP_mine", "")],
    "ru": [("ТМ-62", "AT_mine", "TM-62"), ("НВБ", "UXO", ""), ("Снаряд 122 мм", "UXO", ""),
           ("Противопехотная мина", "AP_mine", ""), ("ОЗМ-72", "AP_mine", "OZM-72")],
}
DOCUMENTS = {"en": ("Finds May 2024", "Points", "Mines found"), "az": ("Tapıntılar", "Nöqtələr", "Minalar"),
             "ru": ("Находки", "Точки", "Найденные мины")}
WHOLE_FILE = (("originator", "ANAMA"), ("published", "2024-05-12"), ("date_start", "2024-05-10"))


@pytest.mark.parametrize("seed", range(12))
def test_a_kmz_of_finds_with_only_names_is_read_as_finds_never_as_places(tables: Tables, seed: int) -> None:
    rng = random.Random(seed)
    language = ("en", "az", "ru")[seed % 3]
    names = rng.sample(FIND_NAMES[language], 4)
    points = [TARTAR, LACHIN_POINT, (46.52, 39.62), (46.50, 39.61)]
    document = DOCUMENTS[language][seed % 3]
    kml = _name_only_kml(document, [(n, p) for (n, _c, _m), p in zip(names, points, strict=True)],
                         folder=document if seed % 2 else "")
    data, file_name = (_kmz(kml), "doc.kmz") if seed % 4 < 2 else (kml, "pins.kml")
    result = prepared(tables, file_name, data, defaults=WHOLE_FILE)
    assert result.ok, messages(result)
    assert result.kind == "events"
    events = result.tables.events.set_index("note").loc[[n for n, _c, _m in names]]
    assert list(events["kind"]) == ["find"] * 4
    assert list(events["device_category"]) == [c for _n, c, _m in names]
    assert list(events["device_model"]) == [m for _n, _c, m in names]
    assert [(round(lon, 2), round(lat, 2)) for lon, lat in zip(events["lon"], events["lat"], strict=True)] \
        == points
    assert len(result.tables.places) == 0 and len(result.tables.names) == 0


@pytest.mark.parametrize("language", ["en", "az", "ru"])
@pytest.mark.parametrize("answer", [(("place", "Lachin"),), (("district", "Lachin"),),
                                    (("place", "Laçın"), ("district", "Лачин"))])
def test_a_one_time_district_answer_for_finds_never_makes_places_or_moves_them(
        tables: Tables, language: str, answer: tuple) -> None:
    """The issue's file: four pins named as a phone names them, one of them in Tartar."""
    from geo.places import districts_for_points

    pins = [(f"{DOCUMENTS[language][0]} {n}", p) for n, p in enumerate(
        [TARTAR, LACHIN_POINT, (46.52, 39.62), (46.50, 39.61)], start=1)]
    data = _kmz(_name_only_kml(DOCUMENTS[language][0], pins))
    result = prepared(tables, "finds.kmz", data, defaults=(*WHOLE_FILE, ("device_category", "UXO"),
                                                           *answer))
    assert result.ok, messages(result)
    assert result.kind == "events"
    assert len(result.tables.places) == 0
    events = result.tables.events.set_index("note").loc[[name for name, _p in pins]]
    assert events["place_id"].isna().all()  # a point is where it is, never the one-time answer
    assert list(districts_for_points(events, tables.places)) == [
        "district:tartar", "district:lachin", "district:lachin", "district:lachin"]


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_a_kmz_of_neutral_pins_said_to_hold_finds_becomes_finds(tables: Tables, language: str) -> None:
    pins = [(f"{DOCUMENTS[language][1]} {n}", p) for n, p in enumerate([TARTAR, LACHIN_POINT], start=1)]
    data = _kmz(_name_only_kml(DOCUMENTS[language][1], pins))
    assert prepared(tables, "pins.kmz", data).kind == "places"  # nothing says finds
    result = prepared(tables, "pins.kmz", data, kind="events",
                      defaults=(*WHOLE_FILE, ("kind", "find"), ("device_category", "AP mine")))
    assert result.ok, messages(result)
    assert list(result.tables.events["device_category"]) == ["AP_mine", "AP_mine"]
    assert sorted(result.tables.events["note"]) == sorted(name for name, _p in pins)
    assert len(result.tables.places) == 0


def test_a_find_named_by_its_model_keeps_it_before_a_category_set_once(tables: Tables) -> None:
    data = _kmz(_name_only_kml("Finds", [("TM-62", LACHIN_POINT), ("Find 2", (46.52, 39.62))]))
    result = prepared(tables, "finds.kmz", data, defaults=(*WHOLE_FILE, ("device_category", "UXO")))
    assert result.ok, messages(result)
    events = result.tables.events.set_index("note")
    assert (events.at["TM-62", "device_category"], events.at["TM-62", "device_model"]) == ("AT_mine", "TM-62")
    assert events.at["Find 2", "device_category"] == "UXO"


def test_a_name_only_find_without_a_device_asks_for_it_row_by_row(tables: Tables) -> None:
    data = _kmz(_name_only_kml("Finds", [("Find 1", LACHIN_POINT), ("PMN-2", (46.52, 39.62))]))
    result = prepared(tables, "finds.kmz", data, defaults=WHOLE_FILE)
    assert result.kind == "events" and not result.ok
    assert [(p.row, p.reason) for p in result.problems] == [(1, "a find needs a device category")]


def test_village_pins_with_a_one_time_district_take_the_district_their_point_lies_in(tables: Tables) -> None:
    data = _kmz(_name_only_kml("Villages", [("Newvillage One", TARTAR), ("Newvillage Two", LACHIN_POINT)]))
    result = prepared(tables, "villages.kmz", data, defaults=(("district", "Lachin"),))
    assert result.ok, messages(result)
    assert result.kind == "places"
    places = result.tables.places.set_index("name")
    assert places.at["Newvillage One", "district_id"] == "district:tartar"
    assert places.at["Newvillage Two", "district_id"] == "district:lachin"


@pytest.mark.parametrize("name", ["finds.csv", "events.csv"])
def test_a_table_of_finds_without_a_date_column_is_a_problem_not_a_crash(tables: Tables, name: str) -> None:
    result = prepared(tables, name, "Kind;Device;Place;Source;Published\nfind;UXO;Lachin;ANAMA;2024-05-02\n")
    assert not result.ok
    assert any(p.row is None and "not in the file" in p.reason for p in result.problems), messages(result)


# Economic regions
REGIONS = {
    "economic_region:karabakh": ("Karabakh", "Karabakh economic region", "Karabakh Economic Region",
                                 "Qarabağ", "Qarabağ iqtisadi rayonu", "Карабах",
                                 "Карабахский экономический район", "Garabagh"),
    "economic_region:east-zangezur": ("East Zangezur", "East Zangezur economic region", "Eastern Zangezur",
                                      "Şərqi Zəngəzur", "Şərqi Zəngəzur iqtisadi rayonu",
                                      "Восточный Зангезур", "Восточно-Зангезурский экономический район"),
}
REGION_HEADERS = {"en": ("Region", "Area cleared (ha)", "Period end", "Source", "Published"),
                  "az": ("Ərazi", "Minalardan təmizlənmiş ərazi (ha)", "Dövrün sonu", "Mənbə", "Dərc tarixi"),
                  "ru": ("Район", "Очищенная площадь (га)", "Период по", "Источник", "Дата публикации")}


@pytest.mark.parametrize(("place_id", "spellings"), list(REGIONS.items()))
def test_every_spelling_of_an_economic_region_is_the_region(index, place_id: str,
                                                            spellings: tuple[str, ...]) -> None:
    for spelling in spellings:
        match = index.resolve(spelling)
        assert match.place_id == place_id, (spelling, match)
        assert index.level_of(match.place_id) == "economic_region"


def test_an_economic_region_is_the_union_of_its_districts(tables: Tables) -> None:
    from geo.names import ECONOMIC_REGIONS, economic_region_id

    places = tables.places.set_index("place_id")
    for region, districts in ECONOMIC_REGIONS.items():
        shape = places.at[economic_region_id(region), "geometry"]
        assert pd.isna(places.at[economic_region_id(region), "district_id"])
        for district in districts:
            assert shape.covers(places.at[district, "geometry"].representative_point()), district


@pytest.mark.parametrize("seed", range(9))
def test_a_figure_for_an_economic_region_is_stored_against_the_region(tables: Tables, seed: int) -> None:
    rng = random.Random(seed)
    language = ("en", "az", "ru")[seed % 3]
    place_id = list(REGIONS)[seed % 2]
    spelling = rng.choice(REGIONS[place_id])
    rows = [list(REGION_HEADERS[language]), [spelling, "1250,5" if language != "en" else "1250.5",
                                             "2024-12-31", "ANAMA", "2025-01-10"],
            ["Laçın", "12", "2024-12-31", "ANAMA", "2025-01-10"]]
    if seed % 2:
        result = prepared(tables, "report.xlsx", workbook({"2024": rows}))
    else:
        result = prepared(tables, "report.csv", "\n".join(";".join(r) for r in rows))
    assert result.ok, messages(result)
    claims = result.tables.claims.sort_values("value")
    assert list(claims["place_id"]) == ["district:lachin", place_id]
    assert len(result.tables.places) == 0  # never a new village


def test_a_figure_for_a_region_is_at_the_region_level_in_the_views(store: Store) -> None:
    from geo.derive import claims_view

    result = prepared(store.snapshot(), "f.csv", "Region;Hectares;Period end;Source;Published\n"
                      "Qarabağ;900;2024-12-31;ANAMA;2025-01-10\n")
    changes = plan_changes(result.tables, store.snapshot())
    store.commit(changes.to_store, author="test", file_name="f.csv", kind=result.kind,
                 sha256=hashlib.sha256(b"f.csv").hexdigest())
    view = claims_view(store.snapshot())
    row = view[view["place_id"] == "economic_region:karabakh"].iloc[0]
    assert (row["place_level"], row["place_name"]) == ("economic_region", "Karabakh")
    assert pd.isna(row["district_id"])  # no district: the region holds several


def test_economic_regions_uploaded_as_polygons_need_no_district(tables: Tables) -> None:
    places = tables.places.set_index("place_id")
    data = feature_collection([({"name": "Qarabağ", "level": "iqtisadi rayon"},
                                shapely.geometry.mapping(places.at["economic_region:karabakh", "geometry"]))])
    result = prepared(tables, "regions.geojson", data)
    assert result.ok, messages(result)
    assert list(result.tables.places["place_id"]) == ["economic_region:karabakh"]
    assert list(result.tables.places["level"]) == ["economic_region"]


# A last survey dated before the record is accepted; after the publication, or implausible, it is not
SURVEY_HEADERS = {  # recorded, last survey
    "en": ("Date recorded", "Last survey date"), "az": ("Qeydiyyat tarixi", "Son tədqiqat tarixi"),
    "ru": ("Дата регистрации", "Дата последнего обследования"),
}
DATE_STYLES = (lambda d: d, lambda d: f"{d[8:10]}.{d[5:7]}.{d[:4]}")


def _surveyed(tables: Tables, language: str, recorded: str, surveyed: str, style: int = 0,
              as_workbook: bool = True) -> Prepared:
    ident, kind, status, source, published, *_rest = HAZARD_HEADERS[language]
    recorded_header, survey_header = SURVEY_HEADERS[language]
    write = DATE_STYLES[style]
    rows = [[ident, kind, status, recorded_header, survey_header, HAZARD_HEADERS[language][7], source,
             published],
            ["AZ-LAC-9", "SHA", STATUSES[language][0], write(recorded), write(surveyed),
             SQUARE.format(x=46.51, x2=46.52), "ANAMA", write("2024-05-01")]]
    if as_workbook:
        return prepared(tables, "imsma.xlsx", workbook({"Hazards": rows}))
    return prepared(tables, "imsma.csv", "\n".join(";".join(row) for row in rows))


@pytest.mark.parametrize("language", ["en", "az", "ru"])
@pytest.mark.parametrize(("style", "as_workbook"), [(0, True), (1, True), (1, False)])
@pytest.mark.parametrize("surveyed", ["2024-03-01", "2021-06-30", "2024-04-12", "2024-05-01"])
def test_a_last_survey_before_the_record_or_on_publication_day_is_accepted(
        tables: Tables, language: str, style: int, as_workbook: bool, surveyed: str) -> None:
    result = _surveyed(tables, language, "2024-04-12", surveyed, style, as_workbook)
    assert result.ok, messages(result)
    hazard = result.tables.hazards.iloc[0]
    assert (str(hazard["recorded_date"])[:10], str(hazard["last_survey_date"])[:10]) == ("2024-04-12",
                                                                                        surveyed)


@pytest.mark.parametrize("language", ["en", "az", "ru"])
@pytest.mark.parametrize(("style", "as_workbook"), [(0, True), (1, False)])
@pytest.mark.parametrize(("surveyed", "reason"), [
    ("2024-05-02", "after the source was published (2024-05-01)"),
    ("2024-11-30", "after the source was published (2024-05-01)"),
    ("1900-01-01", "outside the plausible range")])
def test_a_last_survey_after_publication_or_implausible_is_its_rows_problem(
        tables: Tables, language: str, style: int, as_workbook: bool, surveyed: str, reason: str) -> None:
    result = _surveyed(tables, language, "2024-04-12", surveyed, style, as_workbook)
    assert not result.ok
    assert [(p.row, p.column) for p in result.problems] == [(2, SURVEY_HEADERS[language][1])], \
        messages(result)
    assert reason in result.problems[0].reason


def test_a_last_survey_after_a_stored_sources_publication_is_a_problem(tables: Tables) -> None:
    published = str(tables.sources.set_index("source_id").at["SEED", "published"])[:10]
    rows = [["Hazard ID", "Hazard Type", "Status", "Survey date", "Shape WKT", "Source id"],
            ["AZ-1", "SHA", "Active", "2026-01-01", SQUARE.format(x=46.51, x2=46.52), "SEED"],
            ["AZ-2", "SHA", "Active", published, SQUARE.format(x=46.53, x2=46.54), "SEED"]]
    result = prepared(tables, "imsma.xlsx", workbook({"Hazards": rows}))
    assert [(p.row, p.column) for p in result.problems] == [(2, "Survey date")], messages(result)


def test_the_model_accepts_a_survey_before_the_record() -> None:
    from geo.model.hazards import HazardArea

    area = HazardArea.model_validate({"hazard_id": "A", "source_id": "S", "hazard_type": "SHA",
                                      "hazard_status": "open", "area_m2": 10.0,
                                      "recorded_date": "2024-04-12", "last_survey_date": "2022-12-31"})
    assert area.last_survey_date < area.recorded_date


def test_the_hazard_summary_says_which_areas_are_counted_as_stated() -> None:
    import geopandas as gpd

    from geo.overview.hazards import summary

    hazards = gpd.GeoDataFrame({"hazard_status": ["open", "open", "released"], "area_ha": [1.5, 2.0, 9.0]},
                               geometry=[shapely.Point(46.51, 39.62), shapely.box(46.5, 39.6, 46.51, 39.61),
                                         shapely.Point(46.52, 39.62)], crs="EPSG:4326")
    releases = pd.DataFrame({"area_ha": []})
    still = {label: (figure, how) for label, figure, how in summary(hazards, releases)}["Still hazardous"]
    assert "3.5" in still[0]
    assert "1 of them is recorded as a point" in still[1]
    polygons = hazards.iloc[1:2]
    assert "recorded as a point" not in {label: how for label, _f, how in summary(
        polygons, releases)}["Still hazardous"]


def test_a_store_seeded_before_the_economic_regions_gets_them_when_upgraded(store_url: str) -> None:
    import sqlalchemy as sa

    from geo.names import AliasIndex
    from geo.store import SCHEMA_VERSION, meta_table
    from geo.store.schema import place_names_table, places_table
    from tests.conftest import DATA

    Store(store_url).seed_if_empty(DATA)
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:  # as a store seeded before version 8 holds it
        conn.execute(sa.delete(place_names_table).where(place_names_table.c.place_id.like("economic_region:%")))
        conn.execute(sa.delete(places_table).where(places_table.c.level == "economic_region"))
        conn.execute(sa.text("UPDATE revisions SET rows_places = rows_places - 2 WHERE revision_id = 1"))
        conn.execute(sa.update(meta_table).where(meta_table.c.key == "schema_version").values(
            value=str(SCHEMA_VERSION - 1)))
    engine.dispose()
    for _twice in range(2):
        upgraded = Store(store_url)
        assert upgraded.schema_version() == SCHEMA_VERSION
        assert upgraded.integrity_problems() == []
        tables = upgraded.snapshot()
        regions = tables.places[tables.places["level"] == "economic_region"]
        assert sorted(regions["place_id"]) == ["economic_region:east-zangezur", "economic_region:karabakh"]
        index = AliasIndex(tables.places, tables.names)
        assert index.resolve("Qarabağ iqtisadi rayonu").place_id == "economic_region:karabakh"
        assert index.resolve("Восточный Зангезур").place_id == "economic_region:east-zangezur"
        with upgraded.engine.begin() as conn:  # a second run of the step adds nothing
            conn.execute(sa.update(meta_table).where(meta_table.c.key == "schema_version").values(
                value=str(SCHEMA_VERSION - 1)))
        upgraded.engine.dispose()
    assert len(Store(store_url).snapshot().places.query("level == 'economic_region'")) == 2


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_a_geojson_of_named_points_of_finds_is_read_as_finds(tables: Tables, language: str) -> None:
    names = [n for n, _c, _m in FIND_NAMES[language][:3]]
    data = feature_collection([({"name": name}, {"type": "Point", "coordinates": [46.51 - n / 100, 39.62]})
                               for n, name in enumerate(names)])
    result = prepared(tables, "layer.geojson", data, defaults=WHOLE_FILE)
    assert result.ok, messages(result)
    assert sorted(result.tables.events["note"]) == sorted(names)
    assert len(result.tables.places) == 0
    assert sum("say these are finds" in note for note in result.notes) == 1


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=600))
def test_any_text_is_read_for_find_words_in_bounded_work(text: str) -> None:
    from geo.upload.find_words import device_of_name, file_says_finds, says_finds

    assert isinstance(says_finds(text), bool)
    category, model = device_of_name(text)
    assert category is None or category.value in {"AP_mine", "AT_mine", "UXO", "IED_booby_trap"}
    assert len(model) <= 12
    assert isinstance(file_says_finds(text, [text], [text, None, 3]), bool)


def test_on_the_page_a_kmz_of_finds_is_committed_as_finds_not_places(app_db) -> None:
    """The issue's file on the Upload page: four pins of finds, one of them in Tartar; the page
    asks for what the file does not say, never for a district, and stores four finds."""
    from tests.test_upload_flow_pages import _key, _text, _upload
    from tests.test_upload_pages import _signed_in_upload_page

    pins = [("Find 1", TARTAR), ("TM-62", LACHIN_POINT), ("PMN-2", (46.52, 39.62)), ("UXO", (46.50, 39.61))]
    data = _kmz(_name_only_kml("Finds", pins))
    app = _upload(_signed_in_upload_page(), "finds.kmz", data, "application/vnd.google-earth.kmz")
    assert "say these are finds" in _text(app)
    for field, value in (("originator", "ANAMA"), ("published", "2024-05-12"), ("date_start", "2024-05-10"),
                         ("device_category", "UXO")):
        app.text_input(key=_key(data, f"default:{field}")).input(value).run()
    assert not app.error, [e.value for e in app.error]
    assert "adds 4 events" in _text(app), _text(app)
    app.button(key="commit_upload").click().run()
    assert any("Committed as revision 2" in s.value for s in app.success)
    stored = Store(f"sqlite:///{app_db}").snapshot()
    assert len(stored.places[stored.places["revision_id"] == 2]) == 0
    events = stored.events[stored.events["revision_id"] == 2].set_index("note")
    assert dict(events["device_category"]) == {"Find 1": "UXO", "TM-62": "AT_mine", "PMN-2": "AP_mine",
                                               "UXO": "UXO"}
    from geo.places import districts_for_points

    assert districts_for_points(events, stored.places)["Find 1"] == "district:tartar"


def test_point_hazards_are_exported_beside_polygons(store: Store) -> None:
    import tempfile
    from pathlib import Path

    import pyogrio

    from geo.derive.hazards import hazards_view, releases_view
    from geo.export.hazards import hazard_downloads

    name, data, stated, _language = _point_hazard_file(3)
    result = prepared(store.snapshot(), name, data)
    assert result.ok, messages(result)
    changes = plan_changes(result.tables, store.snapshot())
    store.commit(changes.to_store, author="test", file_name=name, kind=result.kind,
                 sha256=hashlib.sha256(name.encode()).hexdigest())
    tables = store.snapshot()
    downloads = {d.file_name: d for d in hazard_downloads(hazards_view(tables), releases_view(tables))}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        path.write_bytes(downloads["hazards-and-land-release.gpkg"].make())
        areas = pyogrio.read_dataframe(path, layer="hazard_areas")
    kinds = areas.set_index("hazard_id").geometry.geom_type
    assert sorted(set(kinds)) == ["Point", "Polygon"] or sorted(set(kinds)) == ["MultiPoint", "MultiPolygon"]
    assert len(areas) == len(stated) + 1
    assert b"POINT" in downloads["hazard-areas.csv"].make()
