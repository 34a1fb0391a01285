"""The brief: every figure it shows is footnoted with its source; the PDF is A4 and complete."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess

import pytest
import vl_convert
from PIL import Image

from geo.about import ViewInfo
from geo.brief import brief_pdf, build_brief, chart_claims, static_map, view_bounds
from geo.brief.pdf import FONT_DIR, printable_spec
from geo.brief.staticmap import map_figure, map_labels
from geo.figures import district_figures
from geo.filters import Filters, filter_claims, filter_events, period_bounds
from geo.links import MapView
from geo.mapping import district_styles, legend_title
from geo.mapping.common import NameLookup
from geo.overview import overview_figures
from tests.test_pages import run_app

NAMES = {"district:lachin": "Lachin", "district:tartar": "Tartar", "district:shusha": "Shusha"}


def _brief(claims, events, tables, **chosen):
    bounds = period_bounds(claims, events)
    filters = Filters(start=bounds[0], end=bounds[1], **chosen)
    shown = filter_claims(claims, filters)
    figures = district_figures(shown, filters.metric, filters.period_length)
    info = ViewInfo(filters, 80, False, dt.date(2026, 11, 26), NAMES, bounds)
    content = build_brief(shown, overview_figures(shown, filters, "latest", NAMES, "seed"), figures, info)
    styles, legend = district_styles(tables.places, NameLookup(tables.names), figures,
                                     filters.metric, filters.districts)
    picture = static_map(tables.places, styles, legend, legend_title(filters.metric),
                         filter_events(events, filters), NAMES, filters.districts)
    return content, picture, shown


def test_every_figure_shown_has_a_footnote_and_every_footnote_is_used(claims, events, tables) -> None:
    content, _, shown = _brief(claims, events, tables)
    numbers = {note.number for note in content.footnotes}
    assert numbers == set(range(1, len(numbers) + 1))
    cited = {f.note for f in content.headlines + content.districts}
    cited |= {n for chart in content.charts for n in chart.notes}
    assert cited == numbers
    for chart in content.charts:
        sources = set(shown.loc[shown["claim_id"].isin(chart_claims(chart.spec)), "source_id"])
        assert len(chart.notes) == len(sources), chart.title


def test_headline_footnote_names_the_card_source(claims, events, tables) -> None:
    content, _, _ = _brief(claims, events, tables)
    area = content.headlines[0]
    note = content.footnotes[area.note - 1]
    assert area.figure == "218,262 ha" and note.originator == "ANAMA"
    assert note.url.startswith("https://")


def test_two_districts_each_get_their_own_footnoted_row(claims, events, tables) -> None:
    content, _, _ = _brief(claims, events, tables, districts=("district:lachin", "district:tartar"))
    places = {f.place for f in content.districts}
    assert places == {"Lachin", "Tartar"}
    assert {f.place for f in content.headlines} >= {"Lachin", "Tartar"}


def test_map_picture_follows_the_view(claims, events, tables) -> None:
    west, south, east, north = view_bounds(MapView(39.64, 46.55, 10))
    assert west < 46.55 < east and south < 39.64 < north
    assert east - west == pytest.approx(2 * (east - 46.55))
    _, picture, _ = _brief(claims, events, tables)
    assert picture.startswith(b"\x89PNG")


def test_pdf_is_a4_with_footnotes_and_no_controls(claims, events, tables, tmp_path) -> None:
    assert shutil.which("pdftotext"), "pdftotext is missing: run `make system-packages` (poppler-utils)"
    content, picture, _ = _brief(claims, events, tables)
    path = tmp_path / "brief.pdf"
    path.write_bytes(brief_pdf(content, picture, "26 November 2026"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "595.28 x 841.89 pts (A4)" in info
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "26 November 2026" in text and "218,262 ha" in text
    for note in content.footnotes:
        assert f"[{note.number}] {note.originator}" in text
    assert "Download" not in text and "Filters" not in text


def test_brief_page_shows_the_view_with_numbered_sources(app_db) -> None:
    app = run_app({"f_districts": ["district:lachin"]})
    app.switch_page("pages/brief.py").run()
    assert not app.exception
    assert "Lachin" in app.table[0].value.to_string()
    sources = app.markdown[-1].value
    assert sources.startswith("1. ") and "](https://" in sources
    assert "[1]" in app.table[1].value.to_string()
    assert app.get("download_button")[0].label == "Download the brief (PDF, A4)"


def test_brief_page_with_nothing_selected_still_renders(app_db) -> None:
    app = run_app({"f_parties": ["media"], "f_devices": ["UXO"]})
    app.switch_page("pages/brief.py").run()
    assert not app.exception


def _map_figure(claims, events, tables, **chosen):
    """The brief's map as a matplotlib figure (drawn), for checking where its names went."""
    bounds = period_bounds(claims, events)
    filters = Filters(start=bounds[0], end=bounds[1], **chosen)
    figures = district_figures(filter_claims(claims, filters), filters.metric, filters.period_length)
    styles, legend = district_styles(tables.places, NameLookup(tables.names), figures,
                                     filters.metric, filters.districts)
    figure = map_figure(tables.places, styles, legend, legend_title(filters.metric),
                        filter_events(events, filters), NAMES, filters.districts)
    figure.canvas.draw()
    return figure


@pytest.mark.parametrize("chosen", [{}, {"districts": ("district:lachin",)},
                                    {"districts": ("district:shusha", "district:khojaly")}])
def test_map_names_never_overlap_and_lie_inside_the_frame(claims, events, tables, chosen) -> None:
    figure = _map_figure(claims, events, tables, **chosen)
    renderer = figure.canvas.get_renderer()
    frame = figure.axes[0].get_window_extent(renderer)
    labels = [(label.get_text(), label.get_window_extent(renderer)) for label in map_labels(figure)]
    assert len(labels) >= 5
    for name, box in labels:
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, name
    for i, (name, box) in enumerate(labels):
        for other, other_box in labels[i + 1:]:
            assert not box.overlaps(other_box), (name, other)
    page = figure.bbox
    legend = figure.axes[0].get_legend().get_window_extent(renderer)
    assert page.x0 <= legend.x0 and legend.x1 <= page.x1 and legend.y0 >= page.y0  # not cut off


def test_map_draws_the_finds_its_legend_lists_and_lists_only_what_it_draws(claims, events,
                                                                           tables) -> None:
    figure = _map_figure(claims, events, tables, districts=("district:lachin",))
    ax = figure.axes[0]
    listed = [text.get_text() for text in ax.get_legend().get_texts()]
    finds = ax.collections[-2].get_offsets()  # finds, then incidents, are the last scatters
    assert len(finds) == 3  # Sus and Zabukh (2), drawn at their places
    assert "IED / booby trap" in listed and "Anti-tank mine" not in listed
    assert "Mine incident" not in listed  # none in Lachin
    assert "Lachin" in [label.get_text() for label in map_labels(figure)]
    assert "No figure published" not in listed  # every district in the frame has a figure or is not selected


def test_printed_number_axes_have_few_labels_that_do_not_touch(claims, events, tables) -> None:
    content, _, _ = _brief(claims, events, tables, districts=("district:lachin",))
    by_district = next(chart for chart in content.charts if chart.title == "By district")
    vl_convert.register_font_directory(str(FONT_DIR))
    svg = vl_convert.vegalite_to_svg(printable_spec(by_district.spec))
    axis = re.search(r'role-axis-label.*?</g>', svg.split('aria-label="X-axis')[1], re.S).group(0)
    ticks = [(float(x), text) for x, text in
             re.findall(r'<text[^>]*translate\(([-\d.]+),[^>]*>([^<]+)</text>', axis)]
    assert 3 <= len(ticks) <= 8, ticks
    for (x, text), (next_x, next_text) in itertools.pairwise(ticks):
        half_widths = 0.62 * 10 * (len(text) + len(next_text)) / 2  # DejaVu at 10 px
        assert next_x - x > half_widths + 6, (text, next_text)


@pytest.mark.parametrize("chosen", [{}, {"districts": ("district:lachin",)}])
def test_the_printed_brief_shows_the_map_with_its_finds(claims, events, tables, tmp_path,
                                                        chosen) -> None:
    """The PDF as a reader sees it: each page rendered to an image (pdftoppm); the map's page
    holds the finds' colour and the district colours."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: install poppler-utils"
    content, picture, _ = _brief(claims, events, tables, **chosen)
    path = tmp_path / "brief.pdf"
    path.write_bytes(brief_pdf(content, picture, "7 December 2026"))
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    colours = set()
    for page in pages:
        with Image.open(page) as image:
            colours |= {rgb for _count, rgb in image.convert("RGB").getcolors(2**20)}
    ied = (0xE0, 0x82, 0x14)
    assert any(sum(abs(a - b) for a, b in zip(rgb, ied, strict=True)) < 20 for rgb in colours)


def test_the_brief_map_picture_has_alternative_text(app_db) -> None:
    app = run_app({"f_districts": ["district:lachin"]})
    app.switch_page("pages/brief.py").run()
    picture = app.get("image")[0].proto.imgs[0]
    assert picture.alt.startswith("Map of Area reported cleared of mines and UXO by district")
    assert "Lachin: 1,454.2 ha" in picture.alt
