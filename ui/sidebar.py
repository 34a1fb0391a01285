"""The shared sidebar: filters and map layers, kept in session state across pages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geo.filters import Filters, follow_bounds, period_bounds, resolve_districts
from geo.i18n import LANGUAGES, _, current_language, translated
from geo.links import LinkChoices
from geo.mapping import DEFAULT_LAYERS, LAYER_LABELS
from geo.periods import DEFAULT_PERIOD_LENGTH, PERIOD_LENGTH_LABELS, PeriodLength
from geo.sources import party_label
from geo.text import md_literal
from geo.vocab import DEVICE_LABELS, METRICS, metric_label
from ui.cache import Views, alias_index, place_names
from ui.language import LANGUAGE_KEY, keep_choices_across_languages
from ui.links import DEFAULT_METRIC, follow_map_toggles, layer_key, link_choices


def _period_state(first: dt.date, last: dt.date) -> None:
    """Start at the whole range; afterwards follow the data's bounds as uploads move them."""
    chosen = st.session_state.get("f_period")
    bounds = (first, last)
    st.session_state["f_period"] = (
        bounds if chosen is None
        else follow_bounds(chosen, st.session_state.get("f_period_bounds"), bounds)
    )
    st.session_state["f_period_bounds"] = bounds


def _district_labels(places: pd.DataFrame) -> dict[str, str]:
    """District id -> 'Lachin (Laçın)' / 'Laçın (Lachin)' / 'Лачин (Lachin)': the name in the
    interface language with the other usual form if it differs."""
    districts = places[places["level"] == "district"]
    local = place_names()
    beside_english = current_language() != "en"
    labels = {}
    for place_id, name, official in zip(districts["place_id"], districts["name"],
                                        districts["name_az"], strict=True):
        shown = local.get(place_id, name)
        other = name if beside_english else official
        plain = not isinstance(other, str) or other in ("", shown)
        labels[place_id] = shown if plain else f"{shown} ({other})"
    return dict(sorted(labels.items(), key=lambda item: item[1]))


def _resolve_typed_districts(places: pd.DataFrame) -> None:
    """Turn spellings typed into the district filter (Berdzor, Лачин) into their districts."""
    chosen, unknown = resolve_districts(st.session_state.get("f_districts", []), places, alias_index())
    st.session_state["f_districts"] = list(chosen)
    st.session_state["f_districts_unknown"] = unknown


def period_length_options(claims: pd.DataFrame) -> list[str]:
    """Period lengths the figures have (annual always offered)."""
    present = set(claims["period_length"]) - {PeriodLength.POINT.value}
    return [length for length in PERIOD_LENGTH_LABELS
            if length == DEFAULT_PERIOD_LENGTH or length in present]


def metric_options(claims: pd.DataFrame) -> list[str]:
    """The metrics the map can show: those with figures, in vocabulary order."""
    return [m for m in METRICS if m in set(claims["metric"])] or [DEFAULT_METRIC]


def link_choices_for(data: Views, revisions: list[int]) -> LinkChoices:
    """What a link may ask for, from the data in force."""
    places = data.tables.places
    return link_choices(
        period_bounds(data.claims, data.events), places.loc[places["level"] == "district", "place_id"],
        metric_options(data.claims), period_length_options(data.claims), DEVICE_LABELS,
        set(data.tables.sources["party"]), revisions)


def _keep_offered(key: str, options: list[str]) -> None:
    """Drop a choice (kept in the session or brought by a link) that the data in force does not
    offer, e.g. a metric absent from an earlier revision, instead of failing on it."""
    chosen = st.session_state.get(key)
    if isinstance(chosen, list):
        st.session_state[key] = [value for value in chosen if value in options]
    elif chosen is not None and chosen not in options:
        del st.session_state[key]


def render_filters(data: Views, bounds: tuple[dt.date, dt.date]) -> Filters:
    """Period, district, metric, device, party and period-length filters; returns the choice."""
    st.sidebar.header(_("Filters"))
    first, last = bounds
    _period_state(first, last)
    start, end = st.sidebar.slider(
        _("Period"), min_value=first, max_value=last,
        format="YYYY-MM-DD", key="f_period",
        help=_("Figures whose period overlaps this range are shown."),
    )
    places = data.tables.places
    district_names = _district_labels(places)
    typed = st.sidebar.multiselect(
        _("District"), options=list(district_names), format_func=lambda d: district_names.get(d, d),
        key="f_districts", placeholder=_("All districts"), accept_new_options=True,
        on_change=_resolve_typed_districts, args=(places,),
        help=_("Type any spelling (Laçın, Лачин, Berdzor, Tərtər) and press Enter."),
    )
    chosen_districts, unknown = resolve_districts(typed, places, alias_index())
    unknown = tuple(dict.fromkeys((*unknown, *st.session_state.pop("f_districts_unknown", ()))))
    if unknown:
        st.sidebar.warning(_("No district is known by the name {names}.").format(names=", ".join(
            f"“{md_literal(name)}”" for name in unknown)))
    present = metric_options(data.claims)
    _keep_offered("f_metric", present)
    metric = st.sidebar.selectbox(
        _("Map metric"), options=present,
        index=present.index(DEFAULT_METRIC) if DEFAULT_METRIC in present else 0,
        format_func={m: _(metric_label(m)) for m in present}.get, key="f_metric",
        help=_("Metrics keep their source's own wording: “{original}”.").format(
            original=metric_label(st.session_state.get("f_metric", DEFAULT_METRIC))),
    )
    lengths = period_length_options(data.claims)
    _keep_offered("f_period_length", lengths)
    period_length = st.sidebar.selectbox(
        _("Compare figures for"), options=lengths, index=lengths.index(DEFAULT_PERIOD_LENGTH),
        format_func=translated(PERIOD_LENGTH_LABELS).get, key="f_period_length",
        help=_("The map, the by-district chart and the bar charts compare figures of one period "
               "length at a time, so a week's figure never stands beside a year's."),
    )
    devices = st.sidebar.multiselect(
        _("Device category"), options=list(DEVICE_LABELS),
        format_func=translated(DEVICE_LABELS).get, key="f_devices",
        placeholder=_("All categories"),
    )
    offered = sorted(set(data.tables.sources["party"]))
    _keep_offered("f_parties", offered)
    parties = st.sidebar.multiselect(
        _("Source party"), options=(parties := offered),
        format_func={party: party_label(party) for party in parties}.get, key="f_parties",
        placeholder=_("All parties"),
    )
    return Filters(start=start, end=end, metric=metric, districts=chosen_districts,
                   devices=tuple(devices), parties=tuple(parties), period_length=period_length)


LAYER_GENERATION = "layer_generation"


def _sidebar_layers_changed() -> None:
    st.session_state[LAYER_GENERATION] = st.session_state.get(LAYER_GENERATION, 0) + 1


def layer_memory_token() -> str:
    """Changes whenever a sidebar layer box is ticked, so the map forgets in-map toggles."""
    return str(st.session_state.get(LAYER_GENERATION, 0))


def render_language(browser_language: str) -> str:
    """The interface language, chosen at the top of the sidebar (the browser's by default)."""
    if not st.session_state.get(LANGUAGE_KEY):
        st.session_state[LANGUAGE_KEY] = browser_language
    return str(st.sidebar.selectbox("Language · Dil · Язык", options=list(LANGUAGES),
                                    format_func=LANGUAGES.get, key=LANGUAGE_KEY,
                                    on_change=keep_choices_across_languages))


def render_layers() -> dict[str, bool]:
    """Which map layers start visible; the map's own layer control can toggle them too."""
    st.sidebar.header(_("Map layers"))
    follow_map_toggles(layer_memory_token())
    return {
        code: st.sidebar.checkbox(_(label), value=DEFAULT_LAYERS[code], key=layer_key(code),
                                  on_change=_sidebar_layers_changed)
        for code, label in LAYER_LABELS.items()
    }
