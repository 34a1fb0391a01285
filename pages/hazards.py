"""Hazard areas and land release: what is still contaminated, what was released and how, by
whom, and how reliable the recorded maps are."""

from __future__ import annotations

import streamlit as st

from geo.hazards.export import hazard_downloads
from geo.hazards.figures import Selection, chosen_hazards, chosen_releases, years
from geo.hazards.overview import default_year
from ui.cache import hazard_page, hazard_views, views
from ui.entry import leave_old_style_pages_mode

TEXT = {
    "title": "Hazard areas and land release",
    "caption": "Suspected (SHA) and confirmed (CHA) hazardous areas and the land released from "
               "them, from uploaded records; published breakdowns beside them, each labelled. "
               "Areas of polygons are computed in an equal-area projection.",
    "synthetic": "This view includes **synthetic demonstration data (not real)**: made-up hazard "
                 "areas, land release, finds and incidents loaded with `python -m geo.hazards.demo`. "
                 "Retract that revision on the History page to remove them.",
    "remaining": "Remaining contamination",
    "released": "Land released",
    "breakdowns": "By operator and by land use",
    "year": "Year",
    "year_help": "Published breakdowns are for calendar years; figures computed from records are "
                 "shown for the same year.",
    "reliability": "How reliable are the recorded hazard maps?",
    "reliability_note": "Computed: the share of incidents and of finds with coordinates that lie "
                        "outside every recorded hazard area (any status), as of the revision "
                        "shown, for the sidebar's filters. Claimed: what sources said about the "
                        "minefield maps handed over. The two measure different things and are "
                        "not combined.",
    "download": "Download",
    "download_note": "The hazard areas and land-release records in the sidebar's districts and "
                     "parties, with their source columns; areas in hectares, EPSG:4326.",
    "table": "Table",
}

leave_old_style_pages_mode()
filters = st.session_state["filters"]
hazards = hazard_views()
tables = views().tables

st.title(TEXT["title"])
st.caption(TEXT["caption"])
available = years(hazards.releases, tables.breakdowns)
year = st.session_state.get("hazard_year") or default_year(available, tables.breakdowns)
page = hazard_page(filters, year)
if page.synthetic:
    st.warning(TEXT["synthetic"], icon="🧪")

for column, (label, figure, how) in zip(st.columns(len(page.summary)), page.summary, strict=True):
    column.metric(label, figure, help=how)


def chart(key: str) -> None:
    """One chart with its table under it."""
    st.vega_lite_chart(page.charts[key], width="stretch")
    with st.expander(TEXT["table"]):
        st.dataframe(page.tables[key], hide_index=True, width="stretch")


st.header(TEXT["remaining"])
chart("remaining")
st.header(TEXT["released"])
left, right = st.columns(2)
with left:
    chart("over_time")
with right:
    chart("by_district")

st.header(TEXT["breakdowns"])
if available:
    st.selectbox(TEXT["year"], available, index=available.index(year) if year in available else 0,
                 key="hazard_year", help=TEXT["year_help"])
for key in ("operator_area", "operator_items", "land_use"):
    chart(key)

st.header(TEXT["reliability"])
st.caption(TEXT["reliability_note"])
st.table(page.reliability.set_index("Kind"))

st.header(TEXT["download"])
st.caption(TEXT["download_note"])
selection = Selection.of(filters)
shown_hazards = chosen_hazards(hazards.hazards, selection)
shown_releases = chosen_releases(hazards.releases, selection, in_period=False)
for column, export in zip(st.columns(3) * 2, hazard_downloads(shown_hazards, shown_releases),
                          strict=True):
    column.download_button(export.label, export.make, export.file_name, export.mime,
                           on_click="ignore")
