"""Sources: every claim with its source and status, the contradictions, and downloads."""

from __future__ import annotations

import streamlit as st

from geo.derive import contradictions, falling_totals, implied_period_values, placement_conflicts
from geo.export import downloads
from geo.filters import filter_claims, filter_events
from geo.search import search
from geo.tables import claims_table, compact_claims_html, deltas_table, odd_dates_table, placements_table
from ui.cache import alias_index, claims_search_text, views
from ui.entry import leave_old_style_pages_mode
from ui.paging import paged_table
from ui.view import view_info

leave_old_style_pages_mode()
filters = st.session_state["filters"]
data = views()
claims = filter_claims(data.claims, filters)
events = filter_events(data.events, filters)

st.title("Sources and contradictions")
st.caption("Every figure as published, with who published it, when, and its status.")


def _first_page() -> None:
    st.session_state["sources_page"] = 1


query = st.text_input(
    "Search figures", key="sources_search", on_change=_first_page,
    placeholder="metric, place (any spelling), source, number, status, note…")
found = search(claims, claims_search_text(), query, alias_index()) if query.strip() else claims
paged_table(found, claims_table, "sources", "figures", narrow=compact_claims_html,
            column_config={"Address": st.column_config.LinkColumn("Address")})
st.caption(f"{len(found):,} of {len(data.claims):,} figures match the filters and search.")

st.header("Figures that disagree")
st.subheader("Different figures for the same metric, place and period")
paged_table(contradictions(claims), claims_table, "contradictions", "figures")
st.subheader("Running totals that fell between statements")
deltas = implied_period_values(claims)
paged_table(falling_totals(deltas), lambda rows: deltas_table(rows, claims), "falling", "steps")
st.subheader("Places that sources put in different districts")
st.dataframe(placements_table(placement_conflicts(data.tables)), hide_index=True, width="stretch")
with st.expander("Implied figures between successive running totals"):
    paged_table(deltas, lambda rows: deltas_table(rows, claims), "deltas", "steps")

odd = odd_dates_table(data.tables.claims, data.tables.events, data.claims, data.events)
if len(odd):
    st.header("Figures and events with dates that cannot be right")
    st.markdown("These rows carry dates before 1988, after next year, or that cannot be read. "
                "They are left out of every chart, filter and download; an editor can correct "
                "or retract their revision on the History page.")
    st.dataframe(odd, hide_index=True, width="stretch")

st.header("Download")
st.caption("The figures and events that match the filters above, with their source columns. "
           "Each file carries a data dictionary, the filters and revision used, the export date, "
           "the citation line and licences, and is named after what it holds. Cells that a "
           "spreadsheet would run as formulas are neutralised.")
hxl = st.checkbox("Add HXL hashtags as a second header row in CSV (for HDX)", key="export_hxl")
for column, export in zip(st.columns(3) * 3, downloads(claims, events, data.tables.places,
                                                       view_info(), hxl), strict=False):
    column.download_button(export.label, export.make, export.file_name, export.mime,
                           on_click="ignore")
