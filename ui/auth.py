"""Signing editors in; every write checks it again on the server."""

from __future__ import annotations

import os

import streamlit as st

from geo.auth import editors_from, throttled_sign_in
from geo.i18n import _
from ui.cache import get_store

EDITOR_KEY = "editor"


def _editors() -> dict[str, str]:
    try:
        configured = st.secrets.get("editors")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        configured = None
    return editors_from(configured, os.environ)


def signed_in_editor() -> str | None:
    """The signed-in editor's name, if the name is still a configured editor."""
    name = st.session_state.get(EDITOR_KEY)
    return name if name and name in _editors() else None


def require_editor() -> str:
    """The editor's name, or stop the script: the server refuses writes from viewers."""
    name = signed_in_editor()
    if name is None:
        st.error(_("Only a signed-in editor can do this."))
        st.stop()
    return name


def client_id() -> str:
    """Where the browser connects from: the first forwarded address behind a proxy, else the IP."""
    forwarded = st.context.headers.get("X-Forwarded-For", "") if st.context.headers else ""
    address = st.context.ip_address
    first_hop = forwarded.split(",")[0].strip() if isinstance(forwarded, str) else ""
    return (first_hop or (address if isinstance(address, str) else "") or "unknown")[:200]


def sign_in_form() -> None:
    """Editor sign-in; viewers can keep reading without it."""
    editors = _editors()
    if not editors:
        st.info(_("No editors are configured on this server (see README: Editors)."))
        return
    with st.form("sign_in"):
        st.caption(_("Editors sign in to upload figures or retract revisions."))
        username = st.text_input(_("Editor name"), key="signin_user")
        password = st.text_input(_("Password"), type="password", key="signin_password")
        if st.form_submit_button(_("Sign in")):
            log = get_store().signins
            result = throttled_sign_in(username, password, client_id(), editors,
                                       log.failures_since_success, log.record)
            if result.ok:
                st.session_state[EDITOR_KEY] = username.strip()
                st.rerun()
            if result.wait_seconds:
                st.error(_("Too many failed sign-ins for this name or from this computer. Try again "
                           "in {seconds} seconds.").format(seconds=f"{result.wait_seconds:.0f}"))
            else:
                st.error(_("Wrong name or password."))


def sign_out_button() -> None:
    """Sign the editor out."""
    if st.button(_("Sign out"), key="sign_out"):
        st.session_state.pop(EDITOR_KEY, None)
        st.rerun()
