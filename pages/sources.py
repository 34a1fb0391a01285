"""Sources: every claim with its source and status, the contradictions, and downloads."""

from __future__ import annotations

import streamlit as st

from geo.derive import contradictions, falling_totals, implied_period_values, placement_conflicts
from geo.export import (
    claims_csv,
    claims_geodataframe,
    events_csv,
    events_geodataframe,
    figures_and_events_xlsx,
    to_geojson,
    to_geopackage,
)
from geo.filters import filter_claims, filter_events
from geo.tables import claims_table, deltas_table, search
from ui.cache import views
from ui.entry import ensure_entry

ensure_entry("pages/sources.py")
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
places = data.tables.places
col_csv, col_geojson, col_gpkg = st.columns(3)
col_csv.download_button("Figures (CSV)", claims_csv(claims), "figures.csv", "text/csv")
col_csv.download_button("Events (CSV)", events_csv(events), "events.csv", "text/csv")
col_csv.download_button(
    "Figures and events (XLSX)", figures_and_events_xlsx(claims, events), "minedash.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
col_geojson.download_button(
    "Figures (GeoJSON)", to_geojson(claims_geodataframe(claims, places)), "figures.geojson",
    "application/geo+json",
)
col_geojson.download_button(
    "Events (GeoJSON)", to_geojson(events_geodataframe(events, places)), "events.geojson",
    "application/geo+json",
)
col_gpkg.download_button(
    "Figures, events and places (GeoPackage)",
    to_geopackage({"figures": claims_geodataframe(claims, places),
                   "events": events_geodataframe(events, places),
                   "places": places.drop(columns=["revision_id"], errors="ignore")}),
    "minedash.gpkg", "application/geopackage+sqlite3",
)
