"""History: every revision, the dashboard as of any of them, retract and restore."""

from __future__ import annotations

import streamlit as st

from geo.i18n import _
from geo.revisions import revision_log
from geo.store import RevisionStateError, StoreError
from geo.tables import actions_table, revision_outcome, revisions_table
from geo.text import md_literal
from ui.auth import require_editor, signed_in_editor
from ui.cache import get_store
from ui.entry import leave_old_style_pages_mode
from ui.language import use_language

leave_old_style_pages_mode()
use_language()
store = get_store()
revisions = store.revisions()

st.title(_("History"))
st.caption(_("Every upload is a revision. Retracting one stops its rows counting; nothing is "
             "deleted, and the retraction can itself be undone."))
if outcome := st.session_state.pop("history_outcome", None):
    st.success(md_literal(outcome), icon="✅")
st.dataframe(revisions_table(revision_log(revisions)), hide_index=True, width="stretch")

st.header(_("View the dashboard as of a revision"))
options = [0, *[int(r) for r in revisions["revision_id"]]]


def _remember_as_of() -> None:
    st.session_state["as_of"] = st.session_state["as_of_choice"] or None


st.selectbox(
    _("As of"), options, key="as_of_choice", on_change=_remember_as_of,
    index=options.index(st.session_state.get("as_of") or 0),
    format_func={r: _("Now (all current revisions)") if r == 0 else _("Revision {revision}").format(
        revision=r) for r in options}.get,
)

if signed_in_editor():
    st.header(_("Retract or restore a revision"))
    chosen = st.selectbox(_("Revision"), [int(r) for r in revisions["revision_id"]],
                          key="retract_choice")
    reason = st.text_input(_("Why"), key="retract_note")
    retract_column, restore_column = st.columns(2)
    action, done = None, ""
    if retract_column.button(_("Retract"), key="retract"):
        action, done = store.retract, "retract"
    if restore_column.button(_("Restore"), key="restore"):
        action, done = store.restore, "restore"
    if action is not None:
        editor = require_editor()
        try:
            action(chosen, editor, reason)
        except RevisionStateError as error:
            st.error(str(error))
        except StoreError as failure:
            st.error(f"**{failure.title}.** {failure}")
        else:
            st.session_state["history_outcome"] = revision_outcome(revisions, chosen, done)
            st.rerun()
    actions = store.actions()
    if len(actions):
        st.subheader(_("Retractions and restorations"))
        st.dataframe(actions_table(actions), hide_index=True, width="stretch")
else:
    st.caption(_("Editors can retract and restore revisions after signing in on the Upload page."))
