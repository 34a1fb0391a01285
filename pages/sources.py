"""Sources: every claim with its source and status, the contradictions, and downloads."""

from __future__ import annotations

import streamlit as st

from geo.derive import contradictions, falling_totals, implied_period_values, placement_conflicts
from geo.export import downloads
from geo.filters import filter_claims, filter_events
from geo.i18n import _, n_, number
from geo.search import search
from geo.tables import claims_table, compact_claims_html, deltas_table, odd_dates_table, placements_table
from ui.cache import alias_index, claims_search_text, views
from ui.entry import leave_old_style_pages_mode
from ui.language import use_language
from ui.paging import paged_table
from ui.view import view_info

leave_old_style_pages_mode()
use_language()
filters = st.session_state["filters"]
data = views()
claims = filter_claims(data.claims, filters)
events = filter_events(data.events, filters)

st.title(_("Sources and contradictions"))
st.caption(_("Every figure as published, with who published it, when, and its status."))


def _first_page() -> None:
    st.session_state["sources_page"] = 1


query = st.text_input(
    _("Search figures"), key="sources_search", on_change=_first_page,
    placeholder=_("metric, place (any spelling), source, number, status, note…"))
found = search(claims, claims_search_text(), query, alias_index()) if query.strip() else claims
paged_table(found, claims_table, "sources", narrow=compact_claims_html,
            column_config={_("Address"): st.column_config.LinkColumn(_("Address"))})
st.caption(n_("{count} of {total} figure match the filters and search.",
              "{count} of {total} figures match the filters and search.", len(data.claims)).format(
    count=number(len(found)), total=number(len(data.claims))))

st.header(_("Figures that disagree"))
st.subheader(_("Different figures for the same metric, place and period"))
paged_table(contradictions(claims), claims_table, "contradictions")
st.subheader(_("Running totals that fell between statements"))
deltas = implied_period_values(claims)
paged_table(falling_totals(deltas), lambda rows: deltas_table(rows, claims), "falling")
st.subheader(_("Places that sources put in different districts"))
st.dataframe(placements_table(placement_conflicts(data.tables)), hide_index=True, width="stretch")
with st.expander(_("Implied figures between successive running totals")):
    paged_table(deltas, lambda rows: deltas_table(rows, claims), "deltas")

odd = odd_dates_table(data.tables.claims, data.tables.events, data.claims, data.events)
if len(odd):
    st.header(_("Figures and events with dates that cannot be right"))
    st.markdown(_("These rows carry dates before 1988, after next year, or that cannot be read. "
                  "They are left out of every chart, filter and download; an editor can correct "
                  "or retract their revision on the History page."))
    st.dataframe(odd, hide_index=True, width="stretch")

st.header(_("Download"))
st.caption(_("The figures and events that match the filters above, with their source columns. "
             "Each file carries a data dictionary, the filters and revision used, the export "
             "date, the citation line and licences, and is named after what it holds. Cells that "
             "a spreadsheet would run as formulas are neutralised."))
hxl = st.checkbox(_("Add HXL hashtags as a second header row in CSV (for HDX)"), key="export_hxl")
for column, export in zip(st.columns(3) * 3, downloads(claims, events, data.tables.places,
                                                       view_info(), hxl), strict=False):
    column.download_button(export.label, export.build, export.file_name, export.mime,
                           on_click="ignore")
st.caption(_("Scripts and GIS read the same data: the API at {api} (described at {spec}), OGC "
             "API - Features at {ogc} for QGIS, and a feed of new figures at {feed}.").format(
    api="`/api/v1`", spec="`/api/v1/openapi.json`", ogc="`/ogc`", feed="`/api/v1/feed.atom`"))
