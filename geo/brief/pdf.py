"""The brief as an A4 portrait PDF: no sidebar, no controls, numbered source footnotes.

Text is set in DejaVu Sans (shipped with matplotlib), which has Azerbaijani and Cyrillic
letters; charts are drawn from the same Vega-Lite specs as on screen by vl-convert.
"""

from __future__ import annotations

import copy
import functools
import io
from pathlib import Path

import matplotlib
import vl_convert
from fpdf import FPDF
from fpdf.fonts import FontFace

from geo.brief.content import BriefContent, Figure, map_description
from geo.i18n import _

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
CHART_WIDTH_PX = 620
PRINT_TICKS = 6  # about this many ticks on a number axis, 100 px apart at the print width
PAGE_WIDTH_MM = 180  # A4 (210 mm) less 15 mm margins


def printable_spec(spec: dict) -> dict:
    """A chart spec as the brief prints it: its width, the brief's font, no title (set as text
    above) and a few round ticks on number axes, whose labels then never run into each other
    (the printing renderer does not measure DejaVu's labels as it sets them)."""
    printable = copy.deepcopy(spec)
    printable["width"] = CHART_WIDTH_PX
    if isinstance(printable.get("title"), dict):
        printable["title"]["text"] = " "
    config = printable.setdefault("config", {})
    config["font"] = "DejaVu Sans"
    config["axisQuantitative"] = {**config.get("axisQuantitative", {}), "tickCount": PRINT_TICKS}
    return printable


def chart_png(spec: dict) -> bytes:
    """A chart spec drawn as a PNG at print resolution, in the brief's font."""
    _register_fonts()
    return vl_convert.vegalite_to_png(printable_spec(spec), scale=2)


@functools.cache
def _register_fonts() -> None:
    """Tell the chart renderer where the brief's font is (once per process)."""
    vl_convert.register_font_directory(str(FONT_DIR))


class BriefPDF(FPDF):
    """A4 portrait with the brief's title and page numbers in the footer."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.add_font(FONT, "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=7)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, _("{title} · page {page} of {pages}").format(
            title=self.footer_text, page=self.page_no(), pages="{nb}"), align="C")
        self.set_text_color(0, 0, 0)


def _heading(pdf: FPDF, text: str, size: float = 12) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=9)
    pdf.ln(1)


def _paragraph(pdf: FPDF, text: str, size: float = 9, style: str = "") -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _figures_table(pdf: FPDF, figures: list[Figure], first: str) -> None:
    headings = (first, _("Figure as published"), _("Period"), _("Place"), _("Source"))
    pdf.set_font(FONT, size=8)
    with pdf.table(col_widths=(58, 34, 44, 28, 16), text_align="LEFT", line_height=4.2,
                   headings_style=FontFace(emphasis="BOLD"), padding=1) as table:
        table.row(headings)
        for item in figures:
            table.row((item.named, item.figure, item.period, item.place, f"[{item.note}]"))


def _png_ratio(png: bytes) -> float:
    """Height over width of a PNG (from its header)."""
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return height / width if width else 1.0


def _keep_together(pdf: FPDF, height: float) -> None:
    """Start a new page unless `height` mm still fit on this one."""
    if pdf.get_y() + height > pdf.h - pdf.b_margin:
        pdf.add_page()
    else:
        pdf.ln(3)


def _image(pdf: FPDF, png: bytes, width: float = PAGE_WIDTH_MM, alt: str | None = None) -> None:
    pdf.image(io.BytesIO(png), w=width, alt_text=alt)
    pdf.ln(2)


def brief_pdf(brief: BriefContent, map_png: bytes, produced: str) -> bytes:
    """The brief as PDF bytes."""
    pdf = BriefPDF(brief.title)
    pdf.set_title(brief.title)
    pdf.set_creator("Mine-clearance dashboard: Azerbaijan")
    pdf.add_page()
    _paragraph(pdf, brief.title, 15, "B")
    _paragraph(pdf, _("Brief produced {date}").format(date=produced), 9, "I")
    pdf.ln(2)
    pdf.set_font(FONT, size=8.5)
    with pdf.table(col_widths=(45, 135), text_align="LEFT", line_height=4.2, padding=1,
                   first_row_as_headings=False) as table:
        for setting, value in brief.settings:
            table.row((setting, value))
    _paragraph(pdf, _("Every figure is a claim by the source named in its footnote; figures from "
                      "different sources are never combined, and metrics keep their source's own "
                      "wording."), 8, "I")
    _heading(pdf, _("Headline figures"))
    if brief.mismatch:
        _paragraph(pdf, brief.mismatch, 8)
    if brief.headlines:
        _figures_table(pdf, brief.headlines, _("Metric"))
    if brief.missing:
        _paragraph(pdf, _("No figure in this selection: {metrics}.").format(
            metrics=", ".join(brief.missing)), 8)
    _keep_together(pdf, 150)
    _heading(pdf, _("Map: {metric}").format(metric=brief.map_title))
    _image(pdf, map_png, alt=map_description(brief))
    if brief.districts:
        _figures_table(pdf, brief.districts, _("Metric"))
    for chart in brief.charts:
        png = chart_png(chart.spec)
        height = 170 * _png_ratio(png)
        _keep_together(pdf, height + 15)
        _heading(pdf, chart.title, 11)
        _image(pdf, png, 170 if height < 230 else 170 * 230 / height)
        if chart.notes:
            _paragraph(pdf, _("Sources of the figures in this chart: {notes}").format(
                notes=", ".join(f"[{n}]" for n in chart.notes)), 8)
    _heading(pdf, _("Sources"))
    for note in brief.footnotes:
        if pdf.get_y() + 9 > pdf.h - pdf.b_margin:
            pdf.add_page()
        parts = [note.originator, note.outlet, note.published]
        _paragraph(pdf, f"[{note.number}] " + ", ".join(p for p in parts if p), 8)
        if note.url:
            pdf.set_font(FONT, size=7.5)
            pdf.set_text_color(20, 60, 160)
            pdf.multi_cell(0, 3.8, note.url, link=note.url, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
    return bytes(pdf.output())
