"""Deep links on a fresh server: make sure app.py (sidebar, navigation) runs before a page.

Until some session has run app.py's `st.navigation`, Streamlit treats the `pages/` folder as
an old-style multipage app and runs a deep-linked page file on its own, without the shared
sidebar. A page that finds itself run that way hands over to app.py, which then opens it.
"""

from __future__ import annotations

import streamlit as st

ENTRY_RAN = "entry_ran"
PENDING_PAGE = "pending_page"


def mark_entry_ran() -> None:
    """Called by app.py on every run, before the page runs."""
    st.session_state[ENTRY_RAN] = True


def ensure_entry(page: str) -> None:
    """Run app.py first if it has not run in this session, then come back to `page`."""
    if not st.session_state.get(ENTRY_RAN):
        st.session_state[PENDING_PAGE] = page
        st.switch_page("app.py")


def open_pending_page() -> None:
    """In app.py after st.navigation: open the page a deep link asked for."""
    pending = st.session_state.pop(PENDING_PAGE, None)
    if pending:
        st.switch_page(pending)
