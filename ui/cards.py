"""Headline cards: each figure with its originator and date in plain sight, never truncated."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import streamlit as st

from geo.figures import HEADLINE_METRICS, Headline
from geo.i18n import _, short_date
from geo.text import md_literal
from geo.vocab import metric_label

FIGURE_STYLE = "font-size:1.9rem;font-weight:600;line-height:1.2;overflow-wrap:anywhere;margin:0"


def _figure(text: str, metric: str) -> None:
    """The figure in large type that wraps instead of being cut off."""
    st.markdown(f'<p class="headline-figure" data-metric="{html.escape(metric)}" '
                f'style="{FIGURE_STYLE}">{html.escape(text)}</p>', unsafe_allow_html=True)


def metric_heading(metric: str) -> None:
    """The metric's name in the interface language, its source's own wording on hover."""
    original = metric_label(metric)
    shown = _(original)
    st.markdown(f"**{md_literal(shown)}**",
                help=None if shown == original else _("Source's wording: {original}").format(
                    original=md_literal(original)))


def headline_card(item: Headline | None, metric: str) -> None:
    """One bordered card: metric, figure, who said it and when, period, scope and status."""
    with st.container(border=True):
        metric_heading(metric)
        if item is None:
            _figure("–", metric)
            st.markdown(_("No figure in this selection."))
            return
        _figure(item.figure, metric)
        stated = short_date(dt.date.fromisoformat(item.stated)) if item.stated[:1].isdigit() else item.stated
        st.markdown(_("**{source}**, as of **{date}**").format(source=md_literal(item.originator),
                                                              date=stated))
        st.caption(md_literal(f"{item.period} · {_(item.scope)} · {item.place}"))
        status = _(item.status)
        st.caption(md_literal(_("Source: {source}").format(source=item.attribution))
                   + ("" if item.status == "Reported" else f" · **{md_literal(status)}**"))
        for other in item.disagreeing:
            st.markdown(":material/warning: " + _("Same period, different figure: {figure}").format(
                figure=md_literal(other)))


def headline_cards(items: list[Headline | None]) -> None:
    """The four headline cards, two per row so long figures fit."""
    for first in range(0, len(HEADLINE_METRICS), 2):
        for column, position in zip(st.columns(2), (first, first + 1), strict=True):
            with column:
                headline_card(items[position], HEADLINE_METRICS[position])


def district_cards(tables: dict[str, pd.DataFrame]) -> None:
    """With several districts chosen: per headline metric, one row per district, named."""
    for first in range(0, len(HEADLINE_METRICS), 2):
        for column, metric in zip(st.columns(2), HEADLINE_METRICS[first:first + 2], strict=True):
            with column, st.container(border=True):
                metric_heading(metric)
                table = tables[metric]
                st.table(table.set_axis([_(c) for c in table.columns], axis=1).set_index(_("District")))
