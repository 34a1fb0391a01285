"""Long tables shown a page at a time, so a page stays quick with 100,000 figures."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from geo.i18n import _, number
from geo.tables import PAGE_SIZE, page_count, page_of


def paged_table(rows: pd.DataFrame, readable: Callable[[pd.DataFrame], pd.DataFrame], key: str,
                narrow: Callable[[pd.DataFrame], str] | None = None,
                **dataframe_options: object) -> pd.DataFrame:
    """Show one page of `rows` (made readable only for that page) and a page chooser.

    With `narrow` (readable rows -> HTML), phones get that compact table instead of the wide
    one (ui/style.py switches on the screen's width). Returns the readable rows shown.
    """
    pages = page_count(len(rows))
    page = 1
    if pages > 1:
        if int(st.session_state.get(f"{key}_page", 1)) > pages:
            st.session_state[f"{key}_page"] = pages
        page = int(st.number_input(
            _("Page (1 to {pages})").format(pages=number(pages)), min_value=1, max_value=pages,
            step=1, key=f"{key}_page"))
    shown = readable(page_of(rows, page))
    if narrow is None:
        st.dataframe(shown, hide_index=True, width="stretch", **dataframe_options)
        return shown
    with st.container(key=f"wide_table_{key}"):
        st.dataframe(shown, hide_index=True, width="stretch", **dataframe_options)
    with st.container(key=f"narrow_table_{key}"):
        st.html(narrow(shown))
    first = (page - 1) * PAGE_SIZE + 1 if len(rows) else 0
    last = first + len(shown) - 1 if len(shown) else 0
    st.caption(_("Rows {first}–{last} of {total}.").format(
        first=number(first), last=number(last), total=number(len(rows))))
    return shown
