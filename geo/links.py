"""Links that reproduce a view: the dashboard's state as URL query parameters and back.

Every parameter is optional; a value that cannot be used is ignored with a notice naming
it, never an error. The page itself is the URL's path (Streamlit's own routing).

    ?from=2023-01-01&to=2023-12-31&district=lachin&metric=area_reported_cleared
    &length=year&device=AP_mine&party=govt_azerbaijan&layers=districts,places,finds
    &headline=latest&asof=12&lang=az&lat=39.6374&lon=46.5498&zoom=10
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from geo.i18n import _

V = TypeVar("V")

PARAMETERS = ("from", "to", "district", "metric", "length", "device", "party", "layers",
              "headline", "asof", "lang", "lat", "lon", "zoom")
MAX_VALUES = 50  # per parameter: a link never makes the app do unbounded work
DISTRICT_PREFIX = "district:"


@dataclass(frozen=True)
class MapView:
    """Where the map looks: its centre and zoom level."""

    lat: float
    lon: float
    zoom: int


@dataclass(frozen=True)
class LinkChoices:
    """What a link may name: the values the dashboard offers right now."""

    bounds: tuple[dt.date, dt.date]
    districts: frozenset[str]
    metrics: frozenset[str]
    lengths: frozenset[str]
    devices: frozenset[str]
    parties: frozenset[str]
    layers: frozenset[str]  # layer codes
    headline_modes: frozenset[str]
    revisions: frozenset[int]
    languages: frozenset[str]
    zoom_range: tuple[int, int]


@dataclass(frozen=True)
class LinkState:
    """The state a link asks for; None (or empty) where it asks for nothing."""

    start: dt.date | None = None
    end: dt.date | None = None
    districts: tuple[str, ...] = ()
    metric: str | None = None
    period_length: str | None = None
    devices: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    layers: tuple[str, ...] | None = None  # codes of the layers shown
    headline: str | None = None
    as_of: int | None = None
    language: str | None = None
    view: MapView | None = None
    notices: tuple[str, ...] = field(default=(), compare=False)


def _values(params: Mapping[str, Sequence[str]], name: str) -> list[str]:
    """A parameter's values, repeated or comma-separated, blanks dropped."""
    found = [part.strip() for value in params.get(name, ()) for part in str(value).split(",")]
    return [value for value in found if value][:MAX_VALUES]


def _ignored(name: str, value: str, why: str) -> str:
    return _("Ignored “{name}={value}” in the link: {why}.").format(
        name=name, value=value[:80], why=why)


def _last(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = _values(params, name)
    return values[-1] if values else None


def _date(params: Mapping[str, Sequence[str]], name: str, notices: list[str]) -> dt.date | None:
    text = _last(params, name)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        notices.append(_ignored(name, text, _("not a date (YYYY-MM-DD)")))
        return None


def _among(params: Mapping[str, Sequence[str]], name: str, allowed: frozenset[str],
           notices: list[str]) -> tuple[str, ...]:
    chosen: list[str] = []
    for value in _values(params, name):
        if value in allowed:
            chosen.append(value)
        else:
            notices.append(_ignored(name, value, _("not one of the values offered")))
    return tuple(dict.fromkeys(chosen))


def _one_of(params: Mapping[str, Sequence[str]], name: str, allowed: frozenset[str],
            notices: list[str]) -> str | None:
    found = _among(params, name, allowed, notices)
    return found[-1] if found else None


def _period(params: Mapping[str, Sequence[str]], bounds: tuple[dt.date, dt.date],
            notices: list[str]) -> tuple[dt.date | None, dt.date | None]:
    start, end = _date(params, "from", notices), _date(params, "to", notices)
    first, last = bounds
    if start is not None and end is not None and start > end:
        notices.append(_ignored("from", start.isoformat(), _("it is after “to”")))
        start = None
    if start is not None:
        start = min(max(start, first), last)
    if end is not None:
        end = max(min(end, last), first)
    return start, end


def _districts(params: Mapping[str, Sequence[str]], allowed: frozenset[str],
               notices: list[str]) -> tuple[str, ...]:
    chosen: list[str] = []
    for value in _values(params, "district"):
        place_id = value if value.startswith(DISTRICT_PREFIX) else DISTRICT_PREFIX + value.lower()
        if place_id in allowed:
            chosen.append(place_id)
        else:
            notices.append(_ignored("district", value, _("no such district")))
    return tuple(dict.fromkeys(chosen))


def _layers(params: Mapping[str, Sequence[str]], codes: frozenset[str],
            notices: list[str]) -> tuple[str, ...] | None:
    if "layers" not in params:
        return None
    return tuple(_among(params, "layers", codes, notices))


def _as_of(params: Mapping[str, Sequence[str]], revisions: frozenset[int],
           notices: list[str]) -> int | None:
    text = _last(params, "asof")
    if text is None or text in ("", "now"):
        return None
    if not text.isdigit() or int(text) not in revisions:
        notices.append(_ignored("asof", text, _("no such revision")))
        return None
    return int(text)


def _number(text: str | None) -> float | None:
    try:
        value = float(text) if text is not None else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def _view(params: Mapping[str, Sequence[str]], zoom_range: tuple[int, int],
          notices: list[str]) -> MapView | None:
    given = [name for name in ("lat", "lon", "zoom") if name in params]
    if not given:
        return None
    lat, lon = _number(_last(params, "lat")), _number(_last(params, "lon"))
    zoom = _number(_last(params, "zoom"))
    if lat is None or lon is None or zoom is None or not -85 <= lat <= 85 or not -180 <= lon <= 180:
        text = "&".join(f"{name}={_last(params, name) or ''}" for name in given)
        notices.append(_("Ignored the map position “{text}” in the link: it needs a latitude, a "
                         "longitude and a zoom level.").format(text=text[:120]))
        return None
    low, high = zoom_range
    return MapView(round(lat, 5), round(lon, 5), int(min(max(round(zoom), low), high)))


def read_link(params: Mapping[str, Sequence[str]], choices: LinkChoices) -> LinkState:
    """The state a link asks for, with a notice for every parameter or value it ignored."""
    notices = [_("Ignored “{name}” in the link: the dashboard has no such setting.").format(
        name=name[:40]) for name in params if name not in PARAMETERS]
    start, end = _period(params, choices.bounds, notices)
    state = LinkState(
        start=start, end=end,
        districts=_districts(params, choices.districts, notices),
        metric=_one_of(params, "metric", choices.metrics, notices),
        period_length=_one_of(params, "length", choices.lengths, notices),
        devices=_among(params, "device", choices.devices, notices),
        parties=_among(params, "party", choices.parties, notices),
        layers=_layers(params, choices.layers, notices),
        headline=_one_of(params, "headline", choices.headline_modes, notices),
        as_of=_as_of(params, choices.revisions, notices),
        language=_one_of(params, "lang", choices.languages, notices),
        view=_view(params, choices.zoom_range, notices),
    )
    return replace(state, notices=tuple(notices))


@dataclass(frozen=True)
class LinkDefaults:
    """What the dashboard shows with no parameters: those values are left out of links."""

    bounds: tuple[dt.date, dt.date]
    metric: str
    period_length: str
    layers: tuple[str, ...]
    headline: str
    language: str


def link_params(state: LinkState, defaults: LinkDefaults) -> dict[str, str | list[str]]:
    """Query parameters for a state, leaving out what equals the defaults."""
    params: dict[str, str | list[str]] = {}
    if state.start is not None and state.start != defaults.bounds[0]:
        params["from"] = state.start.isoformat()
    if state.end is not None and state.end != defaults.bounds[1]:
        params["to"] = state.end.isoformat()
    if state.districts:
        params["district"] = ",".join(d.removeprefix(DISTRICT_PREFIX) for d in state.districts)
    if state.metric and state.metric != defaults.metric:
        params["metric"] = state.metric
    if state.period_length and state.period_length != defaults.period_length:
        params["length"] = state.period_length
    if state.devices:
        params["device"] = ",".join(state.devices)
    if state.parties:
        params["party"] = ",".join(state.parties)
    if state.layers is not None and set(state.layers) != set(defaults.layers):
        params["layers"] = ",".join(state.layers)
    if state.headline and state.headline != defaults.headline:
        params["headline"] = state.headline
    if state.as_of is not None:
        params["asof"] = str(state.as_of)
    if state.language and state.language != defaults.language:
        params["lang"] = state.language
    if state.view is not None:
        params.update(view_params(state.view))
    return params


def view_params(view: MapView) -> dict[str, str]:
    """The map position as query parameters (the map's script writes the same form)."""
    return {"lat": f"{view.lat:.4f}", "lon": f"{view.lon:.4f}", "zoom": str(view.zoom)}


@dataclass(frozen=True)
class MapReport:
    """What a session's map last reported: where it looks and, after a toggle in its own layer
    control, which layers it shows (codes) under which sidebar generation."""

    view: MapView
    layers: tuple[str, ...] | None = None
    generation: str = ""


class TokenTable(Generic[V]):
    """Values by session token, shared by threads; past `limit` tokens the oldest set goes."""

    def __init__(self, limit: int) -> None:
        self._values: OrderedDict[str, V] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()

    def put(self, token: str, value: V) -> None:
        with self._lock:
            self._values[token] = value
            self._values.move_to_end(token)
            while len(self._values) > self._limit:
                self._values.popitem(last=False)

    def get(self, token: str) -> V | None:
        with self._lock:
            return self._values.get(token)

    def pop_if(self, token: str, value: V) -> None:
        """Forget the token if it still holds this very value."""
        with self._lock:
            if self._values.get(token) is value:
                del self._values[token]


class ViewBoard:
    """What each session's map last reported, so the server can keep it in links.

    The map pans and toggles layers without Streamlit reruns and writes them into the
    browser's URL itself; it also tells the server, keyed by a random per-session token, so
    that the next rerun writes the same instead of an old state. Bounded: the oldest tokens go
    first.
    """

    def __init__(self, limit: int = 10_000) -> None:
        self._reports: TokenTable[MapReport] = TokenTable(limit)

    def report(self, token: str, report: MapReport) -> None:
        """Remember a session's latest map report."""
        self._reports.put(token, report)

    def latest(self, token: str) -> MapReport | None:
        """What the session's map last reported, if anything."""
        return self._reports.get(token)


class FirstDraws:
    """Which sessions' just-mounted maps have said that every layer they show is painted.

    In the browser, a page's charts compile on the same main thread as the map's frame, so a
    page that mounts a map writes its charts once the map says it is drawn (or after a
    timeout): the map, the page's main content, is not held up by charts beside and below it.
    Keyed by the session's view token; only an expected token is kept (a report nobody waits
    for is dropped), and at most `limit` of them, the oldest going first.
    """

    def __init__(self, limit: int = 10_000) -> None:
        self._waiting: TokenTable[threading.Event] = TokenTable(limit)
        self.served = False  # whether the server answers the maps' reports (server.py)

    def expect(self, token: str) -> None:
        """A map is being mounted for this session: its next report counts."""
        self._waiting.put(token, threading.Event())

    def report(self, token: str) -> bool:
        """The session's map is drawn; whether anybody expected it."""
        drawn = self._waiting.get(token)
        if drawn is not None:
            drawn.set()
        return drawn is not None

    def wait(self, token: str, timeout: float) -> bool:
        """Wait (at most `timeout` seconds) for the expected map's report; whether it came.
        The expectation is then forgotten; a token nobody expects does not wait."""
        drawn = self._waiting.get(token)
        if drawn is None:
            return False
        came = drawn.wait(timeout)
        self._waiting.pop_if(token, drawn)
        return came
