"""The one module that owns Streamlit caching: the store, its views and the map's index."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import threading
from collections.abc import Callable
from dataclasses import astuple, dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.about import ViewInfo
from geo.api.collections import ApiData, Collection, api_data
from geo.api.query import ApiQuery, selected
from geo.brief import BriefContent, build_brief, static_map
from geo.derive import claims_view, events_view, flag_claims, place_districts
from geo.derive.hazards import hazards_view, releases_view
from geo.figures import district_figures
from geo.figures.hazards import Selection
from geo.filters import Filters, filter_claims, filter_events, period_bounds
from geo.i18n import ENGLISH, _, current_language, language
from geo.links import MapView
from geo.localize import localize_claims, localize_events
from geo.mapping import EventIndex, HazardIndex, MapBase, district_styles, legend_title, map_base
from geo.mapping.common import NameLookup
from geo.memo import BoundedMemo
from geo.model.tables import Tables
from geo.names import AliasIndex
from geo.overview import OverviewFigures, district_map_figures, overview_figures
from geo.overview.hazards import HazardFigures, hazard_figures
from geo.place_names import localized_names
from geo.search import search_text
from geo.store import Store, StoreError, database_url
from geo.upload import Prepared, UploadOptions, prepare_upload
from geo.upload.review import options_from_json


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
    store = _store(url)
    tables = store.snapshot(as_of)
    point_districts = store.spatial.event_districts(tables.events, tables.places)
    with language(ENGLISH):  # shared by every session: English, re-worded per language below
        return Views(tables, flag_claims(claims_view(tables)), events_view(tables, point_districts))


@st.cache_resource(show_spinner=False, max_entries=6)
def _localized(url: str, version: tuple[int, int], as_of: int | None, code: str) -> Views:
    """The views with figures, periods, attributions and place names in a language (shared)."""
    base = _views(url, version, as_of)
    if code == ENGLISH:
        return base
    with language(code):
        names = localized_names(base.tables.places, base.tables.names, code)
        return Views(base.tables, localize_claims(base.claims, names), localize_events(base.events, names))


@st.cache_data(show_spinner=False, max_entries=6)
def _period_bounds(url: str, version: tuple[int, int], as_of: int | None,
                   today: dt.date) -> tuple[dt.date, dt.date]:
    data = _views(url, version, as_of)
    return period_bounds(data.claims, data.events, today)


def data_period_bounds() -> tuple[dt.date, dt.date]:
    """The period the data in force covers (once per data version and day: with 200,000 finds
    reading every date took about 40 ms, twice per run)."""
    return _period_bounds(database_url(), data_version(), current_as_of(), dt.date.today())


def current_as_of() -> int | None:
    """The revision the user chose to view the dashboard as of, or None for now."""
    value = st.session_state.get("as_of")
    return int(value) if value else None


def views() -> Views:
    """Views for the data version, as-of revision and interface language in force."""
    return _localized(database_url(), data_version(), current_as_of(), current_language())


def latest_views() -> Views:
    """Views of the data as it stands now, whatever as-of revision is being viewed."""
    return _views(database_url(), data_version(), None)


@st.cache_resource(show_spinner=False, max_entries=3)
def _event_index(url: str, version: tuple[int, int], as_of: int | None) -> EventIndex:
    data = _views(url, version, as_of)
    box_query = functools.partial(_store(url).spatial.events_in_box, as_of=as_of)
    return EventIndex(data.events, data.tables.places, data.tables.names, box_query)


def event_index(as_of: int | None = None, *, session: bool = True) -> EventIndex:
    """Finds and incidents indexed for map queries, once per data version and as-of revision.

    Shared read-only by every session and by the map's endpoint; `session=False` takes the
    given as-of revision instead of the session's.
    """
    chosen = current_as_of() if session else as_of
    return _event_index(database_url(), data_version(), chosen)


@st.cache_resource(show_spinner=False, max_entries=6)
def _localized_places(url: str, version: tuple[int, int], as_of: int | None, code: str) -> gpd.GeoDataFrame:
    tables = _views(url, version, as_of).tables
    names = localized_names(tables.places, tables.names, code)
    return tables.places.assign(name=tables.places["place_id"].map(names).fillna(tables.places["name"]))


def localized_places() -> gpd.GeoDataFrame:
    """The gazetteer's places with names in the interface language (shared read-only)."""
    return _localized_places(database_url(), data_version(), current_as_of(), current_language())


@st.cache_resource(show_spinner=False, max_entries=6)
def _map_base(url: str, version: tuple[int, int], as_of: int | None, code: str) -> MapBase:
    index = _event_index(url, version, as_of)
    with language(code):
        return map_base(_localized_places(url, version, as_of, code), index.names)


def map_base_now() -> MapBase:
    """The map's filter-independent layers for the data and language in force (shared read-only)."""
    return _map_base(database_url(), data_version(), current_as_of(), current_language())


def map_data_key() -> str:
    """Names the data version and as-of revision the mounted map shows."""
    revision, actions = data_version()
    return f"{revision}.{actions}"


def _profiles(store: Store) -> tuple[tuple[str, tuple[str, UploadOptions]], ...]:
    frame = store.profiles.all()
    return tuple((row.signature, (row.name, options_from_json(row.options_json)))
                 for row in frame.itertuples())


PREPARED_KEY = "_prepared_upload"


def prepared_upload(file_name: str, data: bytes, options: UploadOptions,
                    progress: Callable[[str, float], None]) -> Prepared:
    """The upload parsed against the current data with the editor's choices.

    Kept in this session only (an editor's file is never shared with other sessions), one
    parse at a time, so widget reruns do not read the file again and memory stays bounded.
    Raises UploadRefused for a file refused as a whole.
    """
    store = get_store()
    profiles = _profiles(store)
    key = (database_url(), data_version(), current_language(), file_name,
           hashlib.sha256(data).hexdigest(), options, profiles)
    cached = st.session_state.get(PREPARED_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    st.session_state.pop(PREPARED_KEY, None)
    prepared = prepare_upload(file_name, data, latest_views().tables, options, dict(profiles), progress)
    st.session_state[PREPARED_KEY] = (key, prepared)
    return prepared


@st.cache_resource(show_spinner=False, max_entries=8)
def _alias_index(url: str, version: tuple[int, int], as_of: int | None) -> AliasIndex:
    tables = _views(url, version, as_of).tables
    return AliasIndex(tables.places, tables.names)


def alias_index() -> AliasIndex:
    """Every known spelling of every place, for the data in force (built once per version)."""
    return _alias_index(database_url(), data_version(), current_as_of())


@st.cache_data(show_spinner=False, max_entries=8)
def _search_text(url: str, version: tuple[int, int], as_of: int | None) -> pd.Series:
    return search_text(_views(url, version, as_of).claims)


def claims_search_text() -> pd.Series:
    """The searchable text of every claim in force (built once per data version)."""
    return _search_text(database_url(), data_version(), current_as_of())


@st.cache_resource(show_spinner=False)
def _memo() -> BoundedMemo:
    """The Overview's charts, headline cards and map figures by the claims they show: keyed by
    data version, language and which rows, so a filter change rebuilds only what it changes."""
    return BoundedMemo(512)


def _data_key(url: str, version: tuple[int, int], as_of: int | None, code: str) -> str:
    """Names the shared claims frame of a store, data version, as-of revision and language."""
    return repr((url, version, as_of, code))


@st.cache_data(show_spinner=False, max_entries=16)
def _overview(url: str, version: tuple[int, int], as_of: int | None, filter_key: tuple,
              mode: str, code: str) -> OverviewFigures:
    data = _localized(url, version, as_of, code)
    names = _place_names(url, version, as_of, code)
    with language(code):
        return overview_figures(filter_claims(data.claims, Filters(*filter_key)), Filters(*filter_key),
                                mode, names, _data_key(url, version, as_of, code), _memo())


def overview(filters: Filters, mode: str) -> OverviewFigures:
    """Headline cards and chart specs for the filters (built once per filter choice and language)."""
    return _overview(database_url(), data_version(), current_as_of(), astuple(filters), mode,
                     current_language())


def map_district_figures(filters: Filters) -> pd.DataFrame:
    """Each district's figure for the map metric and period length (built once per set of
    claims; shared read-only)."""
    url, version, as_of, code = database_url(), data_version(), current_as_of(), current_language()
    claims = filter_claims(_localized(url, version, as_of, code).claims, filters)
    return district_map_figures(claims, filters.metric, filters.period_length,
                                _data_key(url, version, as_of, code), _memo())


@st.cache_data(show_spinner=False, max_entries=12)
def _place_names(url: str, version: tuple[int, int], as_of: int | None, code: str) -> dict[str, str]:
    tables = _views(url, version, as_of).tables
    return localized_names(tables.places, tables.names, code)


def place_names() -> dict[str, str]:
    """Place id -> name in the interface language (for the data in force)."""
    return _place_names(database_url(), data_version(), current_as_of(), current_language())


@st.cache_data(show_spinner=False, max_entries=8)
def _brief(url: str, version: tuple[int, int], as_of: int | None, info: ViewInfo, mode: str,
           view: MapView | None, code: str) -> tuple[BriefContent, bytes]:
    data = _localized(url, version, as_of, code)
    filters = info.filters
    claims = filter_claims(data.claims, filters)
    places = _localized_places(url, version, as_of, code)
    with language(code):
        figures = district_figures(claims, filters.metric, filters.period_length)
        shown = overview_figures(claims, filters, mode, dict(info.district_names),
                                 _data_key(url, version, as_of, code))
        styles, legend = district_styles(places, NameLookup(data.tables.names), figures,
                                         filters.metric, filters.districts)
        picture = static_map(places, styles, legend, legend_title(filters.metric),
                             filter_events(data.events, filters), _place_names(url, version, as_of, code),
                             filters.districts, view)
        return build_brief(claims, shown, figures, info), picture


def brief(info: ViewInfo, mode: str, view: MapView | None) -> tuple[BriefContent, bytes]:
    """The brief of the view in force and its map picture (built once per view and language)."""
    return _brief(database_url(), data_version(), current_as_of(), info, mode, view,
                  current_language())



@dataclass(frozen=True)
class HazardViews:
    """Hazard areas and land release joined to sources and districts (shared read-only)."""

    hazards: pd.DataFrame
    releases: pd.DataFrame


@st.cache_resource(show_spinner=False, max_entries=6)
def _hazard_views(url: str, version: tuple[int, int], as_of: int | None, code: str) -> HazardViews:
    """Labels, attributions and district names in the language `code` (shared read-only)."""
    tables = _views(url, version, as_of).tables
    names = _place_names(url, version, as_of, code)
    with language(code):
        return HazardViews(hazards_view(tables, names), releases_view(tables, names))


def hazard_views() -> HazardViews:
    """Hazard areas and land release for the data version, as-of revision and language in force."""
    return _hazard_views(database_url(), data_version(), current_as_of(), current_language())


@st.cache_resource(show_spinner=False, max_entries=3)
def _hazard_index(url: str, version: tuple[int, int], as_of: int | None) -> HazardIndex:
    data = _hazard_views(url, version, as_of, ENGLISH)  # one index; popups worded per request
    return HazardIndex(data.hazards, data.releases)


def hazard_index(as_of: int | None = None, *, session: bool = True) -> HazardIndex:
    """Hazard areas indexed for the map's endpoint, once per data version and as-of revision."""
    chosen = current_as_of() if session else as_of
    return _hazard_index(database_url(), data_version(), chosen)


def popup_place_names(as_of: int | None, code: str) -> dict[str, str]:
    """Place and district names in a language for the popups the map's endpoint words."""
    return _place_names(database_url(), data_version(), as_of, code)


@st.cache_data(show_spinner=False, max_entries=16)
def _hazard_page(url: str, version: tuple[int, int], as_of: int | None, filter_key: tuple,
                 bounds: tuple | None, year: int | None, code: str) -> HazardFigures:
    data, hazards = _localized(url, version, as_of, code), _hazard_views(url, version, as_of, code)
    filters = Filters(*filter_key)
    with language(code):
        when = (_("as of revision {revision}").format(revision=as_of) if as_of
                else _("as of the latest revision ({revision})").format(revision=version[0]))
        return hazard_figures(hazards.hazards, hazards.releases, data.tables.breakdowns,
                              data.tables.sources, data.claims, filter_events(data.events, filters),
                              Selection.of(filters, bounds), year, when)


def hazard_page(filters: Filters, year: int | None) -> HazardFigures:
    """The hazard page's figures for the filters and year (built once per choice)."""
    bounds = st.session_state.get("f_period_bounds")
    return _hazard_page(database_url(), data_version(), current_as_of(), astuple(filters),
                        tuple(bounds) if bounds else None, year, current_language())


_WARMED: dict[str, tuple[int, int]] = {}  # store URL -> data version whose views are built
_WARMING = threading.Lock()  # held while a warm-up runs


@dataclass(frozen=True)
class ApiState:
    """What the read API answers from: the collections' frames, when the data last changed,
    the revision log and the retract/restore log (for the feed), and which districts and
    metrics each revision's rows are about."""

    data: ApiData
    version: tuple[int, int]
    changed_at: pd.Timestamp
    revisions: pd.DataFrame
    actions: pd.DataFrame
    footprint: pd.DataFrame


@st.cache_resource(show_spinner=False, max_entries=3)
def _api_state(url: str, version: tuple[int, int], as_of: int | None) -> ApiState:
    store = _store(url)
    base = _views(url, version, as_of)
    hazards = _hazard_views(url, version, as_of, ENGLISH)
    revisions, actions = store.revisions(), store.actions()
    data = api_data(base.tables, base.claims, base.events, hazards.hazards, hazards.releases,
                    revisions, as_of)
    if as_of is not None:
        created = revisions.loc[revisions["revision_id"] == as_of, "created_at"]
        actions = actions[actions["at"] < created.iloc[0]] if len(created) else actions.iloc[:0]
    times = pd.to_datetime(pd.concat([data.frames["revisions"]["created_at"], actions["at"]]))
    changed_at = times.max() if len(times) else pd.Timestamp("2020-11-10")
    places = place_districts(base.tables.places)
    stored = store.revision_footprint()
    footprint = pd.concat([
        stored.assign(district_id=stored["place_id"].map(places)),
        base.claims[["revision_id", "metric", "district_id"]],
        base.events[["revision_id", "district_id"]].drop_duplicates().assign(metric=""),
    ], ignore_index=True)[["revision_id", "metric", "district_id"]]
    return ApiState(data, version, changed_at, revisions, actions, footprint)


def alias_index_of(state: ApiState) -> AliasIndex:
    """The name index of the data the API reads (district filters in any spelling)."""
    return _alias_index(database_url(), state.version, state.data.as_of)


def api_state(as_of: int | None, version: tuple[int, int] | None = None) -> ApiState:
    """The read API's data as it stands now or as of a revision (shared, read-only), for the
    data version given (asked of the store when not: once per request is enough)."""
    return _api_state(database_url(), version or data_version(), as_of)


@st.cache_resource(show_spinner=False, max_entries=64)
def _api_selection(url: str, version: tuple[int, int], as_of: int | None, code: str, key: tuple,
                   _data: ApiData, _collection: Collection, _query: ApiQuery):
    return selected(_data, _collection, _query)


def api_selection(state: ApiState, collection: Collection, query: ApiQuery):
    """Positions of the rows a query selects, kept for the next pages of the same query."""
    return _api_selection(database_url(), state.version, state.data.as_of, collection.code,
                          query.key(), state.data, collection, query)


def warm_up() -> None:
    """Build what every first page needs of the data in force (the shared views, the finds and
    hazard indexes, the map's layers in English), as the map's endpoint does outside any script
    run, and note the data version it was built for. A failing store is left for the page to
    report in plain words."""
    try:
        url, version = database_url(), data_version()
        _map_base(url, version, None, ENGLISH)
        _hazard_index(url, version, None)
        _period_bounds(url, version, None, dt.date.today())
        _api_state(url, version, None)
        _WARMED[url] = version
    except StoreError:
        return


def _warm_up_once() -> None:
    try:
        warm_up()
    finally:
        _WARMING.release()


def start_warm_up() -> None:
    """Start building the views of the data in force in the background, unless that is under
    way; the caller does no store work (the server calls this as it starts)."""
    if _WARMING.acquire(blocking=False):
        threading.Thread(target=_warm_up_once, name="minedash-warm-up", daemon=True).start()


def ensure_warm(version: tuple[int, int] | None = None) -> bool:
    """Whether this instance has the views of the data in force (`version`, asked of the store
    when not given) built: it is ready, no page waits on reading the store. When not, starts
    building them (`start_warm_up`). Called after a commit and by the health check, so an
    instance also catches up with a revision another instance committed."""
    try:
        if _WARMED.get(database_url()) == (version or data_version()):
            return True
    except StoreError:
        return False
    start_warm_up()
    return False
