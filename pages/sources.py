"""Sources: every claim with its source and status, the contradictions, and downloads."""

from __future__ import annotations

import streamlit as st

from geo.derive import contradictions, falling_totals, implied_period_values, placement_conflicts
from geo.export import downloads
from geo.filters import filter_claims, filter_events
from geo.tables import claims_table, deltas_table, search
from ui.cache import views
from ui.entry import leave_old_style_pages_mode

leave_old_style_pages_mode()
filters = st.session_state["filters"]
data = views()
claims = filter_claims(data.claims, filters)
events = filter_events(data.events, filters)

st.title("Sources and contradictions")
st.caption("Every figure as published, with who published it, when, and its status.")

query = st.text_input("Search figures", key="sources_search",
                      placeholder="metric, place, source, status, note…")
table = search(claims_table(claims), query)
st.dataframe(
    table, hide_index=True, width="stretch",
    column_config={"Address": st.column_config.LinkColumn("Address")},
)
st.caption(f"{len(table)} of {len(data.claims)} figures shown.")

st.header("Figures that disagree")
st.subheader("Different figures for the same metric, place and period")
st.dataframe(claims_table(contradictions(claims)), hide_index=True, width="stretch")
st.subheader("Running totals that fell between statements")
deltas = implied_period_values(claims)
st.dataframe(deltas_table(falling_totals(deltas), claims), hide_index=True, width="stretch")
st.subheader("Places that sources put in different districts")
st.dataframe(
    placement_conflicts(data.tables)[["place", "district", "originator", "outlet", "published", "note"]],
    hide_index=True, width="stretch",
)
with st.expander("Implied figures between successive running totals"):
    st.dataframe(deltas_table(deltas, claims), hide_index=True, width="stretch")

st.header("Download")
st.caption("The figures and events shown above, with their source columns. Cells that a "
           "spreadsheet would run as formulas are neutralised.")
for column, export in zip(st.columns(3) * 2, downloads(claims, events, data.tables.places),
                          strict=True):
    column.download_button(export.label, export.make, export.file_name, export.mime,
                           on_click="ignore")
