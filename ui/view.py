"""The view in force as the domain describes it (filters, revision, date) for exports and briefs."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.about import ViewInfo
from geo.filters import period_bounds
from ui.cache import current_as_of, get_store, place_names, views


def view_info() -> ViewInfo:
    """The filters in force, the revision the data stands at, today, and district names."""
    data = views()
    as_of = current_as_of()
    revision = as_of or int(get_store().revisions()["revision_id"].max())
    bounds = st.session_state.get("f_period_bounds") or period_bounds(data.claims, data.events)
    return ViewInfo(filters=st.session_state["filters"], revision=revision, as_of=bool(as_of),
                    produced=dt.date.today(), district_names=place_names(),
                    full_period=tuple(bounds))
