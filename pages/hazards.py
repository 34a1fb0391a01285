"""Hazard areas and land release: what is still contaminated, what was released and how, by
whom, and how reliable the recorded maps are."""

from __future__ import annotations

import streamlit as st

from geo.export.hazards import hazard_downloads
from geo.figures.hazards import Selection, chosen_hazards, chosen_releases, years
from geo.i18n import _
from geo.overview.hazards import default_year
from ui.cache import hazard_page, hazard_views, views
from ui.entry import leave_old_style_pages_mode
from ui.language import use_language

leave_old_style_pages_mode()
use_language()
filters = st.session_state["filters"]
hazards = hazard_views()
tables = views().tables

st.title(_("Hazard areas and land release"))
st.caption(_("Suspected (SHA) and confirmed (CHA) hazardous areas and the land released from them, "
             "from uploaded records; published breakdowns beside them, each labelled. Areas of "
             "polygons are computed in an equal-area projection."))
available = years(hazards.releases, tables.breakdowns)
year = st.session_state.get("hazard_year") or default_year(available, tables.breakdowns)
page = hazard_page(filters, year)
if page.synthetic:
    st.warning(_("This view includes **synthetic demonstration data (not real)**: made-up hazard "
                 "areas, land release, finds and incidents loaded with `python -m tools.demo`. "
                 "Retract that revision on the History page to remove them."), icon=":material/science:")

for column, (label, figure, how) in zip(st.columns(len(page.summary)), page.summary, strict=True):
    column.metric(label, figure, help=how)


def chart(key: str) -> None:
    """One chart with its table under it."""
    st.vega_lite_chart(page.charts[key], width="stretch")
    with st.expander(_("Table")):
        st.dataframe(page.tables[key], hide_index=True, width="stretch")


st.header(_("Remaining contamination"))
chart("remaining")
st.header(_("Land released"))
left, right = st.columns(2)
with left:
    chart("over_time")
with right:
    chart("by_district")

st.header(_("By operator and by land use"))
if available:
    st.selectbox(_("Year"), available, index=available.index(year) if year in available else 0,
                 key="hazard_year", help=_("Published breakdowns are for calendar years; figures "
                                           "computed from records are shown for the same year."))
for key in ("operator_area", "operator_items", "land_use"):
    chart(key)

st.header(_("How reliable are the recorded hazard maps?"))
st.caption(_("Computed: the share of incidents and of finds with coordinates that lie outside every "
             "recorded hazard area (any status), as of the revision shown, for the sidebar's "
             "filters. Claimed: what sources said about the minefield maps handed over. The two "
             "measure different things and are not combined."))
st.table(page.reliability.set_index(page.reliability.columns[0]))  # computed or claimed

st.header(_("Download"))
st.caption(_("The hazard areas and land-release records in the sidebar's districts and parties, "
             "with their source columns; areas in hectares, EPSG:4326."))
selection = Selection.of(filters)
shown_hazards = chosen_hazards(hazards.hazards, selection)
shown_releases = chosen_releases(hazards.releases, selection, in_period=False)
for column, export in zip(st.columns(3) * 2, hazard_downloads(shown_hazards, shown_releases),
                          strict=True):
    column.download_button(export.label, export.build, export.file_name, export.mime,
                           on_click="ignore")
