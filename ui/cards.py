"""Headline cards: each figure with its originator and date in plain sight, never truncated."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from geo.figures import HEADLINE_METRICS, Headline
from geo.text import md_literal
from geo.vocab import metric_label

FIGURE_STYLE = "font-size:1.9rem;font-weight:600;line-height:1.2;overflow-wrap:anywhere;margin:0"


def _figure(text: str, metric: str) -> None:
    """The figure in large type that wraps instead of being cut off."""
    st.markdown(f'<p class="headline-figure" data-metric="{html.escape(metric)}" '
                f'style="{FIGURE_STYLE}">{html.escape(text)}</p>', unsafe_allow_html=True)


def headline_card(item: Headline | None, metric: str) -> None:
    """One bordered card: metric, figure, who said it and when, period, scope and status."""
    with st.container(border=True):
        st.markdown(f"**{md_literal(metric_label(metric))}**")
        if item is None:
            _figure("–", metric)
            st.markdown("No figure in this selection.")
            return
        _figure(item.figure, metric)
        st.markdown(f"**{md_literal(item.originator)}**, as of **{item.stated}**")
        st.caption(md_literal(f"{item.period} · {item.scope} · {item.place}"))
        st.caption(md_literal(f"Source: {item.attribution}")
                   + ("" if item.status == "Reported" else f" · **{md_literal(item.status)}**"))
        for other in item.disagreeing:
            st.markdown(f"⚠️ Same period, different figure: {md_literal(other)}")


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
                st.markdown(f"**{md_literal(metric_label(metric))}**")
                st.table(tables[metric].set_index("District"))
