"""Brief: the current view as a printable document with numbered source footnotes, and its PDF."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.about import file_name
from geo.brief import Figure, brief_pdf, map_description
from geo.export import Download
from geo.i18n import _, long_date
from geo.text import md_link, md_literal
from ui.cache import brief
from ui.entry import leave_old_style_pages_mode
from ui.language import use_language
from ui.links import HEADLINE_KEY, current_view
from ui.view import view_info

leave_old_style_pages_mode()
use_language()
info = view_info()
content, map_png = brief(info, st.session_state.get(HEADLINE_KEY, "latest"), current_view())


def _figures(figures: list[Figure]) -> pd.DataFrame:
    return pd.DataFrame({
        _("Metric"): [f.named for f in figures], _("Figure as published"): [f.figure for f in figures],
        _("Period"): [f.period for f in figures], _("Place"): [f.place for f in figures],
        _("Source"): [f"[{f.note}]" for f in figures]})


with st.container(key="brief_controls"):
    pdf = Download(_("Download the brief (PDF, A4)"), file_name("brief", info, "pdf"), "application/pdf",
                   lambda: brief_pdf(content, map_png, long_date(info.produced)))
    st.download_button(pdf.label, pdf.build, pdf.file_name, pdf.mime, on_click="ignore", type="primary")
    st.caption(_("Or print this page from the browser: the sidebar and controls are left out. "
                 "The brief shows the filters, map position and headline mode chosen elsewhere."))

st.title(content.title)
st.caption(_("Brief produced {date}").format(date=long_date(info.produced)))
st.table(pd.DataFrame(content.settings, columns=[_("Setting"), _("Value")]).set_index(_("Setting")))
st.caption(_("Every figure is a claim by the source named in its footnote; figures from different "
             "sources are never combined, and metrics keep their source's own wording."))

st.header(_("Headline figures"))
if content.mismatch:
    st.markdown(md_literal(content.mismatch))
if content.headlines:
    st.table(_figures(content.headlines).set_index(_("Metric")))
if content.missing:
    st.markdown(md_literal(_("No figure in this selection: {metrics}.").format(
        metrics=", ".join(content.missing))))

st.header(_("Map: {metric}").format(metric=content.map_title))
st.image(map_png, width="stretch", alt=map_description(content))
if content.districts:
    st.table(_figures(content.districts).set_index(_("Metric")))

for chart in content.charts:
    st.vega_lite_chart(chart.spec, width="stretch")
    if chart.notes:
        st.caption(_("Sources of the figures in this chart: {notes}").format(
            notes=", ".join(f"[{n}]" for n in chart.notes)))

st.header(_("Sources"))
st.markdown("\n".join(
    f"{note.number}. " + md_literal(", ".join(p for p in (note.originator, note.outlet, note.published) if p))
    + " " + md_link(note.url) for note in content.footnotes) or _("No figures in this selection."))
