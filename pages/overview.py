"""Overview: headline figures, the map beside the cleared-area chart, then more charts."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.charts import area_over_time, by_district, casualties_over_time, finds_by_category
from geo.figures import (
    HEADLINE_MODES,
    LATEST,
    SAME_SOURCE,
    district_figures,
    district_headlines,
    headline_mismatch,
    headlines,
)
from geo.filters import filter_claims
from geo.mapping import build_map, legend_html
from geo.text import md_literal
from geo.vocab import metric_label
from ui.cache import payload, views
from ui.cards import district_cards, headline_cards
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

mode = st.segmented_control(
    "Headline figures", options=list(HEADLINE_MODES), format_func=HEADLINE_MODES.get,
    default=LATEST, required=True, key="headline_mode",
    help="“Latest figure of each” may mix sources and dates; “All from one statement” shows "
         "the latest statement that gives the most headline figures together.",
)
if len(filters.districts) > 1:
    names = dict(zip(data.tables.places["place_id"], data.tables.places["name"], strict=True))
    st.markdown("One figure per chosen district; districts are never added together.")
    district_cards(district_headlines(claims, list(filters.districts), names, mode))
else:
    items = headlines(claims, mode)
    if mismatch := headline_mismatch(items):
        st.warning(md_literal(mismatch), icon="⚠️")
    elif mode == SAME_SOURCE and any(items):
        st.info(md_literal(f"All figures below come from one statement: "
                           f"{next(i for i in items if i).attribution}."))
    headline_cards(items)

map_column, chart_column = st.columns([3, 2])
with map_column:
    layers_payload = payload(filters)
    fmap = build_map(layers_payload, layers, layer_memory_token())
    st_folium(fmap, height=560, use_container_width=True, returned_objects=[], key="overview_map")
    st.html(legend_html(layers_payload.legend, metric_label(filters.metric)))
with chart_column:
    area_chart = area_over_time(claims, filters.period_length)
    st.altair_chart(area_chart, width="stretch")
    district_chart = by_district(
        district_figures(claims, "area_reported_cleared", filters.period_length),
        "area_reported_cleared", filters.period_length)
    st.altair_chart(district_chart, width="stretch")

finds_column, casualties_column = st.columns(2)
with finds_column:
    finds_chart = finds_by_category(claims, filters.period_length)
    st.altair_chart(finds_chart, width="stretch")
with casualties_column:
    casualties_chart = casualties_over_time(claims, filters.period_length)
    st.altair_chart(casualties_chart, width="stretch")
