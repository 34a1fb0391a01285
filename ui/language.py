"""The interface language of this run: the one chosen in the sidebar, else the browser's."""

from __future__ import annotations

import streamlit as st

from geo.i18n import language_from_locale, set_language


def browser_language() -> str:
    """The browser's language when the app offers it, else English."""
    return language_from_locale(st.context.locale)


def use_language() -> str:
    """Put the session's language in force for this run (app.py and every page call it first)."""
    code = st.session_state.get("lang") or browser_language()
    set_language(code)
    return code
