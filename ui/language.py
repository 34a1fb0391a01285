"""The interface language of this run: the one chosen in the sidebar, else the browser's."""

from __future__ import annotations

from enum import Enum

import streamlit as st

from geo.i18n import language_from_locale, set_language

LANGUAGE_KEY = "lang"


def browser_language() -> str:
    """The browser's language when the app offers it, else English."""
    return language_from_locale(st.context.locale)


def use_language() -> str:
    """Put the session's language in force for this run (app.py and every page call it first)."""
    code = st.session_state.get(LANGUAGE_KEY) or browser_language()
    set_language(code)
    return code


def _is_code(value: object) -> bool:
    """A value a choice widget holds: a code (text, whole number, enum member) or a list of them."""
    if isinstance(value, list | tuple):
        return all(_is_code(item) for item in value)
    return isinstance(value, str | Enum) or (isinstance(value, int) and not isinstance(value, bool))


def keep_choices_across_languages() -> None:
    """Called when the language changes, before the run in the new language: store every choice
    again as its code.

    A choice widget (radio, selectbox, multiselect) sends the browser its option's label and
    reads the label the browser sends back; after a language change that label is in the old
    language and matches no option, so the choice would be lost (or read as the label itself).
    Here the widgets still read with the old labels, so each yields its code, and writing the
    code back makes the next run show it under its label in the new language. Buttons, file
    uploads and other values that are not codes are left alone.
    """
    for key in list(st.session_state):
        if key == LANGUAGE_KEY:
            continue
        value = st.session_state[key]
        if _is_code(value):
            st.session_state[key] = value
