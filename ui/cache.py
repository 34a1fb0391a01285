"""The one module that owns Streamlit caching: the store, its views and map payloads."""

from __future__ import annotations

from dataclasses import astuple, dataclass

import pandas as pd
import streamlit as st

from geo.derive import claims_view, events_view, flag_claims
from geo.filters import Filters, filter_claims, filter_events
from geo.mapping import MapPayload, map_payload
from geo.seed import Tables
from geo.store import Store


@dataclass(frozen=True)
class Views:
    """The store's current (or as-of) tables and their joined, flagged views."""

    tables: Tables
    claims: pd.DataFrame
    events: pd.DataFrame


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """The store, migrated and seeded once per process."""
    store = Store()
    store.seed_if_empty()
    return store


def data_version() -> tuple[int, int]:
    """Changes whenever a revision is committed, retracted or restored."""
    return get_store().version_stamp()


@st.cache_data(show_spinner=False, max_entries=16)
def _views(version: tuple[int, int], as_of: int | None) -> Views:
    tables = get_store().snapshot(as_of)
    return Views(tables, flag_claims(claims_view(tables)), events_view(tables))


def current_as_of() -> int | None:
    """The revision the user chose to view the dashboard as of, or None for now."""
    value = st.session_state.get("as_of")
    return int(value) if value else None


def views() -> Views:
    """Views for the data version and as-of revision in force."""
    return _views(data_version(), current_as_of())


def latest_views() -> Views:
    """Views of the data as it stands now, whatever as-of revision is being viewed."""
    return _views(data_version(), None)


@st.cache_data(show_spinner=False, max_entries=64)
def _payload(version: tuple[int, int], as_of: int | None, filter_key: tuple) -> MapPayload:
    filters = Filters(*filter_key)
    data = _views(version, as_of)
    return map_payload(
        data.tables.places, data.tables.names, filter_claims(data.claims, filters),
        filter_events(data.events, filters), filters.metric,
    )


def payload(filters: Filters) -> MapPayload:
    """Pre-serialised map layers for the filters (cached; the folium map is built each run)."""
    return _payload(data_version(), current_as_of(), astuple(filters))


def clear_after_write() -> None:
    """Drop cached views so a commit or retraction shows at once."""
    _views.clear()
    _payload.clear()
