"""The upload page as an editor uses it on files nobody tuned: whole-file values, column
mapping, saved profiles, ambiguous numbers, copies, restatements, many unknown names."""

from __future__ import annotations

import hashlib

from streamlit.testing.v1 import AppTest

from geo.store import Store
from tests.test_upload_pages import _signed_in_upload_page
from tests.upload_files import workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(app: AppTest, name: str, data: bytes, mime: str = "text/csv") -> AppTest:
    app.file_uploader(key="upload_file").set_value((name, data, mime)).run()
    assert not app.exception, app.exception
    return app


def _key(data: bytes, name: str) -> str:
    return f"up_{hashlib.sha256(data).hexdigest()[:16]}_{name}"


def _text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [e.value for e in app.error] + [w.value for w in app.warning]
    return " ".join(parts + [i.value for i in app.info] + [c.value for c in app.caption])


REPORT = workbook({"Report": [
    ["Area cleared by district, 2025 (ha)"], [None],
    ["District", "Period start", "Period end", "Hectares"],
    ["Tərtər", "2025-01-01", "2025-12-31", 1999.5], ["Laçın", "2025-01-01", "2025-12-31", 2454.2],
    ["Total", None, None, 4453.7]]})


def test_a_report_without_a_publisher_is_completed_once_and_committed(app_db) -> None:
    app = _upload(_signed_in_upload_page(), "report.xlsx", REPORT, XLSX)
    problems = app.dataframe[0].value
    assert len(problems) == 1 and "Publisher" in problems.iloc[0]["Column"]
    assert "above the header" in _text(app)
    app.text_input(key=_key(REPORT, "default:originator")).input("ANAMA").run()
    app.text_input(key=_key(REPORT, "default:published")).input("15.01.2026").run()
    assert not app.error, [e.value for e in app.error]
    assert "adds 2 figures" in _text(app)
    app.button(key="commit_upload").click().run()
    assert any("Committed as revision 2" in s.value for s in app.success)
    stored = Store(f"sqlite:///{app_db}").snapshot()
    assert {"district:tartar", "district:lachin"} <= set(stored.claims.loc[
        stored.claims["revision_id"] == 2, "place_id"])


ODD = workbook({"Weekly": [["Where", "Week ending", "What was cleared", "Reported by"],
                           ["Lachin", "2025-06-16", 120.5, "ANAMA"]]})
ODD_2 = workbook({"Weekly": [["Where", "Week ending", "What was cleared", "Reported by"],
                             ["Tartar", "2025-06-23", 98.0, "ANAMA"]]})


def test_columns_are_mapped_in_the_browser_and_the_mapping_is_kept(app_db) -> None:
    app = _upload(_signed_in_upload_page(), "weekly.xlsx", ODD, XLSX)
    assert any("cannot tell what this file holds" in str(v) for v in app.dataframe[0].value["Problem"])
    app.selectbox(key=_key(ODD, "kind")).set_value("figures").run()
    for column, field in (("Where", "place"), ("Week ending", "period_end"),
                          ("What was cleared", "figure:area_reported_cleared:ha"),
                          ("Reported by", "originator")):
        app.selectbox(key=_key(ODD, f"map:figures:sheet 'Weekly'\x1f{column}")).set_value(field).run()
    app.text_input(key=_key(ODD, "default:published")).input("2025-06-17").run()
    assert not app.error, [e.value for e in app.error]
    assert "adds 1 figure" in _text(app)
    app.text_input(key=_key(ODD, "profile_name")).input("ANAMA weekly").run()
    app.button(key=_key(ODD, "save_profile")).click().run()
    assert list(Store(f"sqlite:///{app_db}").profiles.all()["name"]) == ["ANAMA weekly"]
    _upload(app, "weekly-2.xlsx", ODD_2, XLSX)
    assert "Applied the saved column mapping 'ANAMA weekly'" in _text(app)
    app.text_input(key=_key(ODD_2, "default:published")).input("2025-06-24").run()
    assert "adds 1 figure" in _text(app), _text(app)


def test_an_ambiguous_area_is_shown_and_the_editor_s_reading_applies(app_db) -> None:
    text = b"district;period_end;hectares;source_id\nLachin;2024-12-31;1,286;SEED\n"
    app = _upload(_signed_in_upload_page(), "ambiguous.csv", text)
    assert "could be read two ways" in _text(app)
    figures = next(d.value for d in app.dataframe if "Figure as published" in d.value.columns)
    assert list(figures["Figure as published"]) == ["1,286 ha"]
    app.radio(key=_key(text, "decimal_mark")).set_value("comma").run()
    figures = next(d.value for d in app.dataframe if "Figure as published" in d.value.columns)
    assert list(figures["Figure as published"]) == ["1.29 ha"]


def test_repeated_rows_are_shown_and_can_be_dropped(app_db) -> None:
    text = b"kind,date,place,device,source_id\nfind,2023-03-01,Sus,UXO,SEED\nfind,2023-03-01,Sus,UXO,SEED\n"
    app = _upload(_signed_in_upload_page(), "copies.csv", text)
    assert "1 row repeats an earlier row exactly (row 3 = row 2)" in _text(app)
    assert "adds 2 events" in _text(app)
    app.radio(key=_key(text, "copies")).set_value("drop").run()
    assert "adds 1 event" in _text(app)


def test_a_restated_figure_is_not_added_unless_asked(app_db) -> None:
    text = (b"place,metric,value,unit,period_start,period_end,originator,party,outlet,published\n"
            b"Lachin,area_reported_cleared,1454.2,ha,2023-01-01,2023-12-31,"
            b"Cabinet of Ministers of Azerbaijan,govt_azerbaijan,a reprint,2024-03-07\n")
    app = _upload(_signed_in_upload_page(), "reprint.csv", text)
    assert "1 figure already stored under another id" in _text(app)
    assert "Everything in this file is already stored" in _text(app)
    app.checkbox(key=_key(text, "add_restated")).check().run()
    assert "adds 1 figure" in _text(app)


def test_many_unknown_names_are_grouped_and_paged(app_db) -> None:
    rows = "".join(f"find,2023-01-01,Nowhere-{n % 30},UXO,SEED\n" for n in range(120))
    text = ("kind,date,place,device,source_id\n" + rows).encode()
    app = _upload(_signed_in_upload_page(), "unknown.csv", text)
    assert "30 distinct names" in _text(app)
    name_boxes = [s for s in app.selectbox if s.key and "_alias:" in s.key]
    assert len(name_boxes) == 20
    app.number_input(key=_key(text, "names_page")).set_value(2).run()
    assert len([s for s in app.selectbox if s.key and "_alias:" in s.key]) == 10


def _expanded(app: AppTest, label: str) -> bool:
    return next(e for e in app.expander if e.label == label).proto.expanded


def test_values_for_the_whole_file_stay_open_while_the_editor_fills_them(app_db) -> None:
    app = _upload(_signed_in_upload_page(), "report.xlsx", REPORT, XLSX)
    assert _expanded(app, "Values for the whole file")  # the publisher is needed
    app.text_input(key=_key(REPORT, "default:originator")).input("ANAMA").run()
    app.text_input(key=_key(REPORT, "default:published")).input("15.01.2026").run()
    assert "adds 2 figures" in _text(app)  # nothing is needed any more…
    assert _expanded(app, "Values for the whole file")  # …and the outlet and scope are still at hand
    app.text_input(key=_key(REPORT, "default:outlet")).input("Trend").run()
    assert _expanded(app, "Values for the whole file")


def test_a_complete_file_s_whole_file_values_open_once_one_is_set(app_db) -> None:
    text = (b"district;period_end;hectares;originator;published\n"
            b"Lachin;2024-12-31;12;ANAMA;2025-01-02\n")
    app = _upload(_signed_in_upload_page(), "complete.csv", text)
    assert not _expanded(app, "Values for the whole file")
    app.text_input(key=_key(text, "default:outlet")).input("Trend").run()
    assert _expanded(app, "Values for the whole file")


def test_each_column_s_samples_are_plain_text_not_markup(app_db) -> None:
    text = b"district;period_end;hectares;source_id\nLachin;2024-12-31;<b>12</b>;SEED\n"
    app = _upload(_signed_in_upload_page(), "samples.csv", text)
    shown = " ".join([m.value for m in app.markdown] + [c.value for c in app.caption])
    assert "mc-sample" not in shown and "<span" not in shown
    captions = [c.value for c in app.caption]
    assert r"e\.g\. Lachin" in captions and r"e\.g\. \<b\>12\</b\>" in captions


def test_the_events_preview_shows_labels_not_codes(app_db) -> None:
    text = (b"kind,date,place,device,quantity,originator,published\n"
            b"find,2023-03-01,Lachin,AP mine,2,ANAMA,2023-03-02\n"
            b"incident,2023-03-04,Lachin,,,ANAMA,2023-03-05\n")
    app = _upload(_signed_in_upload_page(), "events.csv", text)
    assert "adds 2 events" in _text(app)
    events = next(d.value for d in app.dataframe if "Device category" in d.value.columns)
    assert list(events["Device category"]) == ["Anti-personnel mine", ""]
    assert list(events["Read as place"]) == ["Lachin", "Lachin"]
    cells = {str(v) for d in app.dataframe for v in d.value.to_numpy().ravel()}
    assert not cells & {"AP_mine", "None", "nan", "district:lachin", "govt_azerbaijan"}, cells
    assert not any("_" in str(c) for d in app.dataframe for c in d.value.columns)


def test_a_mapping_name_of_only_spaces_is_refused_on_the_page(app_db) -> None:
    text = b"district;period_end;hectares;originator;published\nLachin;2024-12-31;12;ANAMA;2025-01-02\n"
    app = _upload(_signed_in_upload_page(), "complete.csv", text)
    app.text_input(key=_key(text, "profile_name")).input("   ").run()
    app.button(key=_key(text, "save_profile")).click().run()
    assert not app.exception, app.exception
    assert any("The mapping was not saved: give the mapping a name" in e.value for e in app.error)
    assert Store(f"sqlite:///{app_db}").profiles.all().empty
