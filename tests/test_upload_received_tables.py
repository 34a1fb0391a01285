"""Files of several sheets or layers on the Upload page: each table's columns mapped apart,
the whole file previewed and committed (no widget of one table taking another's key)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo.store import Store
from tests.test_upload_flow_pages import XLSX, _key, _text, _upload
from tests.test_upload_pages import _signed_in_upload_page
from tests.upload_files import geo_frame, workbook, written

HEADERS = ["District", "Period end", "Hectares", "Originator", "Published"]
TWO_SHEETS = workbook({
    "Lachin": [HEADERS, ["Lachin", "2025-06-16", 120.5, "ANAMA", "2025-06-17"]],
    "Tartar": [HEADERS, ["Tartar", "2025-06-16", 99.5, "ANAMA", "2025-06-17"],
               ["Shusha", "2025-06-16", 10.25, "ANAMA", "2025-06-17"]]})


def _finds(count: int, east: float) -> list[tuple[dict, shapely.Geometry]]:
    return [({"device": "AT mine", "date": "2024-07-01", "qty": 2, "originator": "ANAMA",
              "published": "2024-07-02"}, shapely.Point(46.51 + east + i / 1000, 39.62))
            for i in range(count)]


def _two_layer_geopackage() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "finds.gpkg"
        geo_frame(_finds(2, 0)).to_file(path, layer="north", driver="GPKG", engine="pyogrio")
        geo_frame(_finds(3, 0.01)).to_file(path, layer="south", driver="GPKG", engine="pyogrio")
        return path.read_bytes()


def _two_shapefiles() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for stem, rows in (("north", _finds(2, 0)), ("south", _finds(3, 0.01))):
            with zipfile.ZipFile(io.BytesIO(written(geo_frame(rows), "ESRI Shapefile", ".shp"))) as one:
                for info in one.infolist():
                    out.writestr(f"{stem}{Path(info.filename).suffix}", one.read(info))
    return buffer.getvalue()


def _two_folder_kml() -> bytes:
    def placemark(lon: float) -> str:
        fields = "".join(f'<Data name="{k}"><value>{v}</value></Data>' for k, v in (
            ("device", "AT mine"), ("date", "2024-07-01"), ("qty", "2"), ("originator", "ANAMA"),
            ("published", "2024-07-02")))
        return (f"<Placemark><ExtendedData>{fields}</ExtendedData>"
                f"<Point><coordinates>{lon},39.62</coordinates></Point></Placemark>")

    folders = "".join(f"<Folder><name>{name}</name>{''.join(placemark(46.51 + i / 1000) for i in range(n))}"
                      "</Folder>" for name, n in (("north", 2), ("south", 3)))
    return ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
            f"<Document>{folders}</Document></kml>").encode()


def _commit(app: AppTest) -> None:
    app.button(key="commit_upload").click().run()
    assert not app.exception, app.exception
    assert any("Committed as revision 2" in s.value for s in app.success)


def test_a_workbook_of_two_sheets_with_the_same_headers_is_mapped_sheet_by_sheet(app_db) -> None:
    app = _upload(_signed_in_upload_page(), "two-sheets.xlsx", TWO_SHEETS, XLSX)
    assert "adds 3 figures" in _text(app)
    boxes = [s.key for s in app.selectbox if s.key and "_map:figures:" in s.key]
    assert len(boxes) == len(set(boxes)) == 2 * len(HEADERS)
    # the second sheet's column is the editor's to remap without touching the first sheet's
    app.selectbox(key=_key(TWO_SHEETS, "map:figures:sheet 'Tartar'\x1fHectares")).set_value(
        "figure:area_reported_cleared:m2").run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert app.selectbox(key=_key(TWO_SHEETS, "map:figures:sheet 'Lachin'\x1fHectares")).value \
        == "figure:area_reported_cleared:ha"
    assert "adds 3 figures" in _text(app)
    _commit(app)
    claims = Store(f"sqlite:///{app_db}").snapshot().claims
    added = claims.loc[claims["revision_id"] == 2]
    assert dict(zip(added["value"], added["unit"], strict=True)) == {120.5: "ha", 99.5: "m2",
                                                                     10.25: "m2"}


def test_a_mapping_saved_from_a_two_sheet_workbook_applies_to_every_sheet(app_db) -> None:
    app = _upload(_signed_in_upload_page(), "two-sheets.xlsx", TWO_SHEETS, XLSX)
    app.text_input(key=_key(TWO_SHEETS, "profile_name")).input("Two districts").run()
    app.button(key=_key(TWO_SHEETS, "save_profile")).click().run()
    assert not app.exception, app.exception
    profiles = Store(f"sqlite:///{app_db}").profiles.all()
    assert list(profiles["name"]) == ["Two districts"]
    assert "\x1f" not in profiles.iloc[0]["options_json"]  # kept by column name, not by sheet


@pytest.mark.parametrize(("name", "data"), [
    ("finds.gpkg", _two_layer_geopackage()),
    ("finds.zip", _two_shapefiles()),
    ("finds.kml", _two_folder_kml()),
], ids=["geopackage", "shapefiles", "kml"])
def test_geodata_of_two_layers_is_previewed_and_committed(app_db, name: str, data: bytes) -> None:
    app = _upload(_signed_in_upload_page(), name, data, "application/octet-stream")
    assert "adds 5 events" in _text(app), _text(app)
    boxes = [s.key for s in app.selectbox if s.key and "_map:events:" in s.key]
    assert len(boxes) == len(set(boxes)) >= 10
    _commit(app)
    events = Store(f"sqlite:///{app_db}").snapshot().events
    assert (events["revision_id"] == 2).sum() == 5
