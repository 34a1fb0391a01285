"""Links that reproduce a view: read the URL's query parameters into the session, write the
session's state back, and the small endpoint the map reports its position to.

The URL is read when a session opens it and when the browser's back or forward buttons bring
another one (the query string Streamlit sends then differs from the one last written); a
page switch sends an empty query string, which keeps the session's state.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

import streamlit as st
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from geo.figures import HEADLINE_MODES, LATEST
from geo.filters import Filters
from geo.i18n import LANGUAGES
from geo.links import (
    FirstDraws,
    LinkChoices,
    LinkDefaults,
    LinkState,
    MapReport,
    MapView,
    ViewBoard,
    link_params,
    read_link,
    view_params,
)
from geo.mapping import DEFAULT_LAYERS, LAYERS
from geo.mapping.common import (
    MAX_ZOOM,
    MIN_ZOOM,
)
from geo.periods import DEFAULT_PERIOD_LENGTH
from geo.settings import setting
from geo.text import md_literal

VIEW_PATH = "/api/view"
DRAWN_PATH = "/api/view/drawn"
DEFAULT_METRIC = "area_reported_cleared"
WRITTEN_KEY = "_link_written"
NOTICES_KEY = "_link_notices"
TOKEN_KEY = "_view_token"
VIEWS = ViewBoard()  # the server's: maps report their positions here, pages read them
FIRST_DRAWS = FirstDraws()  # the server's: maps report their first draw, pages may wait for it
VIEW_KEY = "_link_view"
START_KEY = "_map_start"
PAGE_KEY = "_link_page"
HEADLINE_KEY = "headline"


def layer_key(code: str) -> str:
    """Session-state key of a layer's checkbox (by the layer's code, whatever the language)."""
    return f"layer:{code}"


def first_draw_wait() -> float:
    """Seconds a page holds its charts back for its just-mounted map at most: 3, or the
    deployment's MINEDASH_MAP_FIRST_WAIT (0: never; docs/deploy.md)."""
    return setting("MINEDASH_MAP_FIRST_WAIT")


def view_token() -> str:
    """A random token naming this session's map when it reports its position."""
    if TOKEN_KEY not in st.session_state:
        st.session_state[TOKEN_KEY] = secrets.token_urlsafe(12)
    return str(st.session_state[TOKEN_KEY])


def _incoming() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _as_written_then_moved(written: dict[str, list[str]]) -> list[dict[str, list[str]]]:
    """The query strings the session wrote, as the map's own script may since have changed them
    in the address bar (its position; its layers after a toggle in its layer control)."""
    report = VIEWS.latest(view_token())
    if report is None:
        return [written]
    moved = {**written, **{name: [value] for name, value in view_params(report.view).items()}}
    if report.layers is None:
        return [written, moved]
    toggled = dict(moved)
    toggled.pop("layers", None)
    defaults = [code for code in LAYERS if DEFAULT_LAYERS[code]]
    if list(report.layers) != defaults:
        toggled["layers"] = [",".join(report.layers)]
    return [written, moved, toggled]


def link_opened() -> bool:
    """Whether this run brings a query string the session did not write: a link, or the
    browser's back and forward buttons (a page switch brings none, or the address bar's own)."""
    incoming = _incoming()
    written = st.session_state.get(WRITTEN_KEY)
    return bool(incoming) and (written is None or incoming not in _as_written_then_moved(written))


def apply_link(choices: LinkChoices) -> LinkState:
    """Put what the URL asks for into the session's widgets; notices are shown once."""
    state = read_link(_incoming(), choices)
    session = st.session_state
    session[NOTICES_KEY] = list(state.notices)
    if state.start is not None or state.end is not None:
        first, last = choices.bounds
        session["f_period"] = (state.start or first, state.end or last)
        session["f_period_bounds"] = choices.bounds
    session["f_districts"] = list(state.districts)
    if state.metric:
        session["f_metric"] = state.metric
    if state.period_length:
        session["f_period_length"] = state.period_length
    session["f_devices"] = list(state.devices)
    session["f_parties"] = list(state.parties)
    if state.layers is not None:
        for code in LAYERS:
            session[layer_key(code)] = code in state.layers
    if state.headline:
        session[HEADLINE_KEY] = session["headline_mode"] = state.headline
    session["as_of"] = state.as_of
    if state.language:
        session["lang"] = state.language
    if state.view is not None:
        session[VIEW_KEY] = state.view
    return state


def link_choices(bounds, districts, metrics, lengths, devices, parties, revisions) -> LinkChoices:
    """What a link may name, from what the sidebar and History offer now."""
    return LinkChoices(
        bounds=bounds, districts=frozenset(districts), metrics=frozenset(metrics),
        lengths=frozenset(lengths), devices=frozenset(devices), parties=frozenset(parties),
        layers=frozenset(LAYERS), headline_modes=frozenset(HEADLINE_MODES),
        revisions=frozenset(int(r) for r in revisions), languages=frozenset(LANGUAGES),
        zoom_range=(MIN_ZOOM, MAX_ZOOM))


def show_notices() -> None:
    """The parameters the last link opened could not use, once."""
    for notice in st.session_state.pop(NOTICES_KEY, []):
        st.warning(md_literal(notice), icon=":material/link:")


def current_view() -> MapView | None:
    """Where this session's map looks: its latest report, else the position a link gave."""
    report = VIEWS.latest(view_token())
    return report.view if report else st.session_state.get(VIEW_KEY)


def shown_layers(sidebar: Mapping[str, bool], generation: str) -> tuple[str, ...]:
    """The layers the map shows: the sidebar's, unless the map's own layer control changed them
    since the sidebar last did (the map reports its toggles with the sidebar's generation)."""
    report = VIEWS.latest(view_token())
    if report is not None and report.layers is not None and report.generation == generation:
        return tuple(report.layers)
    return tuple(code for code, shown in sidebar.items() if shown)


def follow_map_toggles(generation: str) -> None:
    """Tick and untick the sidebar's layer boxes as the map's own layer control left them, when
    it reported toggles since the sidebar last changed them; call before the boxes are drawn."""
    report = VIEWS.latest(view_token())
    if report is None or report.layers is None or report.generation != generation:
        return
    for code in LAYERS:
        key, shown = layer_key(code), code in report.layers
        if st.session_state.get(key, DEFAULT_LAYERS[code]) != shown:
            st.session_state[key] = shown


def note_page(page: str) -> bool:
    """Remember the page of this run; entering a page lets its map start at the latest view.

    Returns whether the user switched to this page from another one.
    """
    previous = st.session_state.get(PAGE_KEY)
    if previous != page:
        st.session_state.pop(START_KEY, None)
    st.session_state[PAGE_KEY] = page
    return previous is not None and previous != page


def map_mounts_now() -> bool:
    """Whether this run mounts the page's map (the page was just entered, or the session is
    new); later runs of the page keep the mounted map. Ask before `map_start_view`."""
    return START_KEY not in st.session_state


def map_start_view() -> MapView | None:
    """Where the map starts: fixed while the page stays, so reruns never remount the map."""
    if START_KEY not in st.session_state:
        st.session_state[START_KEY] = current_view()
    return st.session_state[START_KEY]


def map_view_report(generation: str, mounting: bool = False) -> dict:
    """Where and under which token the map reports its position and layer toggles, the layer
    codes in link order, and which codes a link leaves out as the default. On the run that
    mounts the map (served by server.py), also where it says it is drawn (see
    `wait_for_first_draw`)."""
    report = {"url": VIEW_PATH, "token": view_token(), "generation": generation,
              "codes": list(LAYERS),
              "defaults": [code for code in LAYERS if DEFAULT_LAYERS[code]]}
    if mounting and FIRST_DRAWS.served and first_draw_wait() > 0:
        FIRST_DRAWS.expect(view_token())
        report["drawn"] = DRAWN_PATH
    return report


def wait_for_first_draw() -> bool:
    """Hold the rest of the page until the map this run mounts says every layer it shows is
    painted (at most `first_draw_wait()` seconds); whether it did. The page's charts compile
    on the browser's main thread, which the map's frame shares: written after, they no longer
    hold the map up. Returns at once when no map is being mounted."""
    return FIRST_DRAWS.wait(view_token(), first_draw_wait())


def write_link(filters: Filters, layers: Mapping[str, bool], language: str, browser_language: str,
               bounds, generation: str) -> None:
    """Keep the URL's query string in step with the session (only when it changes)."""
    headline = st.session_state.get("headline_mode", st.session_state.get(HEADLINE_KEY, LATEST))
    st.session_state[HEADLINE_KEY] = headline
    state = LinkState(
        start=filters.start, end=filters.end, districts=filters.districts, metric=filters.metric,
        period_length=filters.period_length, devices=filters.devices, parties=filters.parties,
        layers=shown_layers(layers, generation), headline=headline,
        as_of=st.session_state.get("as_of") or None, language=language, view=current_view())
    defaults = LinkDefaults(
        bounds=bounds, metric=DEFAULT_METRIC, period_length=DEFAULT_PERIOD_LENGTH,
        layers=tuple(name for name, shown in DEFAULT_LAYERS.items() if shown), headline=LATEST,
        language=browser_language)
    params = link_params(state, defaults)
    wanted = {name: value if isinstance(value, list) else [value] for name, value in params.items()}
    if wanted != _incoming():
        st.query_params.from_dict(params)
    st.session_state[WRITTEN_KEY] = wanted


def _token(request: Request) -> str:
    token = request.query_params.get("token", "")
    if not 8 <= len(token) <= 64 or not token.replace("-", "").replace("_", "").isalnum():
        raise ValueError("token")
    return token


def _reported(request: Request) -> tuple[str, MapReport]:
    query = request.query_params
    token = _token(request)
    lat, lon, zoom = float(query.get("lat", "")), float(query.get("lon", "")), int(query.get("zoom", ""))
    if not (-85 <= lat <= 85 and -180 <= lon <= 180 and MIN_ZOOM <= zoom <= MAX_ZOOM):
        raise ValueError("range")
    layers = None
    if "layers" in query:
        layers = tuple(code for code in query["layers"].split(",") if code)
        if not set(layers) <= set(LAYERS):
            raise ValueError("layers")
    generation = query.get("generation", "")[:20]
    return token, MapReport(MapView(round(lat, 5), round(lon, 5), zoom), layers, generation)


def report_view(request: Request) -> Response:
    """The map's position after a pan or zoom (and its layers after a toggle in its own
    control), so the next rerun keeps them in the URL."""
    try:
        token, report = _reported(request)
    except ValueError:
        return JSONResponse({"error": "token, lat, lon and zoom are needed"}, status_code=400)
    VIEWS.report(token, report)
    return Response(status_code=204)


def report_drawn(request: Request) -> Response:
    """A just-mounted map has painted every layer it shows: its page may write its charts."""
    try:
        token = _token(request)
    except ValueError:
        return JSONResponse({"error": "a token is needed"}, status_code=400)
    FIRST_DRAWS.report(token)
    return Response(status_code=204)


ROUTES = [Route(VIEW_PATH, report_view, methods=["POST"]),
          Route(DRAWN_PATH, report_drawn, methods=["POST"])]
