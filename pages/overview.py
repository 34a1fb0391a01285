"""Overview: headline figures, the map beside the cleared-area chart, then more charts."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.charts import area_over_time, by_district, casualties_over_time, finds_by_category
from geo.figures import district_figures, headlines
from geo.filters import filter_claims
from geo.mapping import build_map, legend_html, legend_title, map_state, state_layer
from geo.text import md_literal
from ui.cache import current_as_of, event_index, map_base_now, map_data_key, views
from ui.entry import leave_old_style_pages_mode
from ui.sidebar import layer_memory_token

leave_old_style_pages_mode()
filters = st.session_state["filters"]
layers = st.session_state["layers"]
data = views()
claims = filter_claims(data.claims, filters)

st.title("Mine action in Azerbaijan's formerly conflict-affected districts")
st.caption("Every figure is a claim by the source named beside it; figures are never combined "
           "across sources. Metrics keep the source's own wording.")

for column, item in zip(st.columns(4), headlines(claims), strict=True):
    with column:
        if item is None:
            st.metric("No figure", "–")
            continue
        st.metric(item.label, item.figure,
                  help=md_literal(f"{item.place}; {item.period}; {item.scope}"))
        st.caption(md_literal(f"{item.attribution} · {item.period} · {item.scope}")
                   + ("" if item.status == "Reported" else f" · **{md_literal(item.status)}**"))
        for other in item.disagreeing:
            st.caption(f"⚠️ Same period, different figure: {md_literal(other)}")

map_column, chart_column = st.columns([3, 2])
with map_column:
    state, legend = map_state(data.tables.places, event_index(),
                              district_figures(claims, filters.metric), filters, layers,
                              layer_memory_token())
    st_folium(build_map(map_base_now(), map_data_key(), current_as_of()), height=560,
              use_container_width=True, returned_objects=[], key="overview_map",
              feature_group_to_add=state_layer(state))
    st.html(legend_html(legend, legend_title(filters.metric)))
with chart_column:
    st.altair_chart(area_over_time(claims), width="stretch")
    st.altair_chart(by_district(district_figures(claims, "area_reported_cleared"),
                                "area_reported_cleared"), width="stretch")

finds_column, casualties_column = st.columns(2)
with finds_column:
    st.altair_chart(finds_by_category(claims), width="stretch")
with casualties_column:
    st.altair_chart(casualties_over_time(claims), width="stretch")
