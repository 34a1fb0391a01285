"""The view in force as the domain describes it (filters, revision, date) for exports and briefs."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.about import ViewInfo
from ui.cache import current_as_of, data_period_bounds, get_store, place_names


def view_info() -> ViewInfo:
    """The filters in force, the revision the data stands at, today, and district names."""
    as_of = current_as_of()
    revision = as_of or int(get_store().revisions()["revision_id"].max())
    bounds = st.session_state.get("f_period_bounds") or data_period_bounds()
    return ViewInfo(filters=st.session_state["filters"], revision=revision, as_of=bool(as_of),
                    produced=dt.date.today(), district_names=place_names(),
                    full_period=tuple(bounds))
