"""Signing editors in; every write checks it again on the server.

A sign-in lasts for MINEDASH_SIGNIN_HOURS in this browser (ui/session_cookie.py), across
reloads and tabs, until the editor signs out; the upload guard accepts files only from a
session whose editor and nonce match the cookie sent with the upload (ui/upload_guard.py).
"""

from __future__ import annotations

import logging

import streamlit as st

from geo.auth import Throttle, editors_from, throttled_sign_in
from geo.i18n import _
from geo.signin_cookie import COOKIE_NAME
from geo.store import StoreError
from geo.text import md_literal
from ui.cache import get_store
from ui.failures import stop_with
from ui.session_cookie import change_cookie, send_pending_cookie, settings, tokens

EDITOR_KEY = "editor"
NONCE_KEY = "_signin_nonce"
LOG = logging.getLogger("minedash.signin")


def configured_editors() -> dict[str, str]:
    """Editor name -> password hash, from secrets and MINEDASH_EDITORS."""
    try:
        configured = st.secrets.get("editors")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        configured = None
    return editors_from(configured)


def signed_in_editor() -> str | None:
    """The signed-in editor's name, if the name is still a configured editor: signed in in
    this tab, or earlier in this browser (the sign-in cookie, for the configured hours)."""
    editors = configured_editors()
    name = st.session_state.get(EDITOR_KEY)
    nonce = st.session_state.get(NONCE_KEY)
    if name and (name not in editors or (nonce and tokens().revoked(nonce))):
        _forget()
        name = None
    if not name and editors:
        grant = tokens().verify(st.context.cookies.get(COOKIE_NAME), editors)
        if grant is not None:
            st.session_state[EDITOR_KEY], st.session_state[NONCE_KEY] = grant.editor, grant.nonce
            LOG.info("signed in by cookie: user=%r client=%r", grant.editor, client_id())
            name = grant.editor
    return name or None


def require_editor() -> str:
    """The editor's name, or stop the script: the server refuses writes from viewers."""
    name = signed_in_editor()
    if name is None:
        st.error(_("Only a signed-in editor can do this."))
        st.stop()
    return name


def client_id() -> str:
    """The address the browser connects from. Behind a proxy listed in
    MINEDASH_TRUSTED_PROXIES the server takes it from X-Forwarded-For (ui/proxies.py);
    otherwise forwarded headers are ignored. Streamlit reports no address for this machine."""
    address = st.context.ip_address
    return address[:200] if isinstance(address, str) and address else "local"


def _forget() -> None:
    st.session_state.pop(EDITOR_KEY, None)
    st.session_state.pop(NONCE_KEY, None)


def sign_in_form() -> None:
    """Editor sign-in; viewers can keep reading without it."""
    send_pending_cookie()
    editors = configured_editors()
    if not editors:
        st.info(_("No editors are configured on this server (see README: Editors)."))
        return
    with st.form("sign_in"):
        st.caption(_("Editors sign in to upload figures or retract revisions."))
        username = st.text_input(_("Editor name"), key="signin_user")
        password = st.text_input(_("Password"), type="password", key="signin_password")
        if st.form_submit_button(_("Sign in")):
            throttle = Throttle(failures_per_minute=settings().failures_per_minute)
            try:  # every attempt is logged: a store that cannot be written refuses sign-in plainly
                result = throttled_sign_in(username, password, client_id(), editors,
                                           get_store().signins, throttle)
            except StoreError as failure:
                stop_with(failure)
            if result.ok:
                token, grant = tokens().issue(username.strip(), editors)
                st.session_state[EDITOR_KEY], st.session_state[NONCE_KEY] = grant.editor, grant.nonce
                change_cookie(token)
                st.rerun()
            if result.wait_seconds:
                st.error(_("Too many failed sign-ins for this name or from this computer. Try again "
                           "in {seconds} seconds.").format(seconds=f"{result.wait_seconds:.0f}"))
            else:
                st.error(_("Wrong name or password."))


def sign_out_button() -> None:
    """Sign the editor out, in this tab and (by the cookie) in this browser."""
    send_pending_cookie()
    if st.button(_("Sign out"), key="sign_out"):
        if nonce := st.session_state.get(NONCE_KEY):
            tokens().revoke(nonce)
        LOG.info("signed out: user=%r client=%r", st.session_state.get(EDITOR_KEY), client_id())
        _forget()
        change_cookie(None)
        st.rerun()


def editor_or_sign_in() -> str:
    """The signed-in editor's name, shown with a sign-out button; otherwise the sign-in form,
    and the page stops there (for the pages only editors use)."""
    editor = signed_in_editor()
    if editor is None:
        st.header(_("Editors only"))
        sign_in_form()
        st.stop()
    st.caption(_("Signed in as **{editor}**.").format(editor=md_literal(editor)))
    sign_out_button()
    return editor
