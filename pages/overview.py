"""Overview: headline figures, the map beside the cleared-area chart, then more charts."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.figures import HEADLINE_MODES, LATEST
from geo.i18n import _, translated
from geo.mapping import LAYER_HAZARDS, build_map, legend_html, legend_title, map_state, state_layer
from geo.mapping.common import DEFAULT_ZOOM
from geo.mapping.hazards import legend_html as hazard_legend_html
from geo.text import md_literal
from geo.vocab.hazards import has_synthetic
from ui.cache import (
    current_as_of,
    event_index,
    hazard_index,
    localized_places,
    map_base_now,
    map_data_key,
    map_district_figures,
    overview,
    views,
)
from ui.cards import district_cards, headline_cards
from ui.entry import leave_old_style_pages_mode
from ui.language import use_language
from ui.links import (
    HEADLINE_KEY,
    map_mounts_now,
    map_start_view,
    map_view_report,
    wait_for_first_draw,
)
from ui.sidebar import layer_memory_token

leave_old_style_pages_mode()
use_language()
filters = st.session_state["filters"]
layers = st.session_state["layers"]

st.title(_("Mine action in Azerbaijan's formerly conflict-affected districts"))
st.caption(_("Every figure is a claim by the source named beside it; figures are never combined "
             "across sources. Metrics keep the source's own wording."))

mode = st.radio(
    _("Headline figures"), options=list(HEADLINE_MODES), format_func=translated(HEADLINE_MODES).get,
    index=list(HEADLINE_MODES).index(st.session_state.get(HEADLINE_KEY, LATEST)), horizontal=True,
    key="headline_mode",
    help=_("“Latest figure of each” may mix sources and dates; “All from one statement” shows "
           "the latest statement that gives the most headline figures together."),
)
# The map is written first, into its place below the headline figures (the layout is
# unchanged): its frame starts loading before the headline figures and charts are computed
# and sent.
headline_box = st.container()
map_column, chart_column = st.columns([3, 2])
finds_column, casualties_column = st.columns(2)
with map_column:
    mounting = map_mounts_now()  # only then does the first view travel with the state
    start = map_start_view()
    state, legend = map_state(localized_places(), event_index(), map_district_figures(filters),
                              filters, layers, layer_memory_token(),
                              first_zoom=(start.zoom if start else DEFAULT_ZOOM) if mounting else None,
                              hazards=hazard_index() if mounting and layers.get(LAYER_HAZARDS) else None)
    state["view"] = map_view_report(layer_memory_token(), mounting)  # where the map reports
    st_folium(build_map(map_base_now(), map_data_key(), current_as_of(),
                        start=(start.lat, start.lon, start.zoom) if start else None), height=560,
              use_container_width=True, returned_objects=[], key="overview_map",
              feature_group_to_add=state_layer(state))
    st.html(legend_html(legend, legend_title(filters.metric)))
    if layers.get(LAYER_HAZARDS):
        st.html(hazard_legend_html())
    if has_synthetic(views().tables.sources):
        st.warning(_("The map includes synthetic demonstration data (not real): hazard areas, "
                     "finds and incidents whose popups name that source. Retract its revision on "
                     "the History page to remove them."), icon=":material/science:")

with headline_box:
    figures = overview(filters, mode)
    if figures.per_district:
        st.markdown(_("One figure per chosen district; districts are never added together."))
        district_cards(figures.per_district)
    else:
        if figures.mismatch:
            st.warning(md_literal(figures.mismatch), icon=":material/warning:")
        elif figures.one_statement:
            st.info(md_literal(figures.one_statement))
        headline_cards(figures.cards)
# The charts are written once the map just mounted says it is drawn: compiled in the browser on
# the main thread the map's frame shares, they would otherwise hold the map up.
wait_for_first_draw()
with chart_column:
    st.vega_lite_chart(figures.charts["area"], width="stretch")
    st.vega_lite_chart(figures.charts["districts"], width="stretch")
with finds_column:
    st.vega_lite_chart(figures.charts["finds"], width="stretch")
with casualties_column:
    st.vega_lite_chart(figures.charts["casualties"], width="stretch")
