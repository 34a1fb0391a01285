"""The one module that owns Streamlit caching: the store, its views and the map's index."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo.derive import claims_view, events_view, flag_claims
from geo.ingest import Prepared, prepare_upload
from geo.mapping import EventIndex, MapBase, map_base
from geo.seed import Tables
from geo.store import Store, database_url


@dataclass(frozen=True)
class Views:
    """The store's current (or as-of) tables and their joined, flagged views."""

    tables: Tables
    claims: pd.DataFrame
    events: pd.DataFrame


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = Store(url)
    store.seed_if_empty()
    return store


def get_store() -> Store:
    """The store at the configured URL, migrated and seeded once per process."""
    return _store(database_url())


def data_version() -> tuple[int, int]:
    """Changes whenever a revision is committed, retracted or restored."""
    return get_store().version_stamp()


@st.cache_resource(show_spinner=False, max_entries=3)
def _views(url: str, version: tuple[int, int], as_of: int | None) -> Views:
    """Shared, not copied: unpickling 200,000 events on every call cost ~0.2 s each time.

    Callers treat the frames as read-only (pandas' copy-on-write keeps derived frames apart).
    """
    tables = _store(url).snapshot(as_of)
    return Views(tables, flag_claims(claims_view(tables)), events_view(tables))


def current_as_of() -> int | None:
    """The revision the user chose to view the dashboard as of, or None for now."""
    value = st.session_state.get("as_of")
    return int(value) if value else None


def views() -> Views:
    """Views for the data version and as-of revision in force."""
    return _views(database_url(), data_version(), current_as_of())


def latest_views() -> Views:
    """Views of the data as it stands now, whatever as-of revision is being viewed."""
    return _views(database_url(), data_version(), None)


@st.cache_resource(show_spinner=False, max_entries=3)
def _event_index(url: str, version: tuple[int, int], as_of: int | None) -> EventIndex:
    data = _views(url, version, as_of)
    return EventIndex(data.events, data.tables.places, data.tables.names)


def event_index(as_of: int | None = None, *, session: bool = True) -> EventIndex:
    """Finds and incidents indexed for map queries, once per data version and as-of revision.

    Shared read-only by every session and by the map's endpoint; `session=False` takes the
    given as-of revision instead of the session's.
    """
    chosen = current_as_of() if session else as_of
    return _event_index(database_url(), data_version(), chosen)


@st.cache_resource(show_spinner=False, max_entries=3)
def _map_base(url: str, version: tuple[int, int], as_of: int | None) -> MapBase:
    index = _event_index(url, version, as_of)
    return map_base(_views(url, version, as_of).tables.places, index.names)


def map_base_now() -> MapBase:
    """The map's filter-independent layers for the data in force (shared read-only)."""
    return _map_base(database_url(), data_version(), current_as_of())


def map_data_key() -> str:
    """Names the data version and as-of revision the mounted map shows."""
    revision, actions = data_version()
    return f"{revision}.{actions}"


@st.cache_data(show_spinner="Reading the file…", max_entries=8)
def _prepared(url: str, version: tuple[int, int], file_name: str, data: bytes) -> Prepared:
    return prepare_upload(file_name, data, _views(url, version, None).tables)


def prepared_upload(file_name: str, data: bytes) -> Prepared:
    """The upload parsed against the current data (cached, so widget reruns do not re-read it).

    Raises UploadRefused for a file refused as a whole.
    """
    return _prepared(database_url(), data_version(), file_name, data)
