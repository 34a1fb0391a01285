"""History: every revision, the dashboard as of any of them, retract and restore."""

from __future__ import annotations

import streamlit as st

from geo.revisions import revision_log
from geo.store import RevisionStateError, StoreError
from ui.auth import require_editor, signed_in_editor
from ui.cache import get_store
from ui.entry import leave_old_style_pages_mode

leave_old_style_pages_mode()
store = get_store()
revisions = store.revisions()

st.title("History")
st.caption("Every upload is a revision. Retracting one stops its rows counting; nothing is "
           "deleted, and the retraction can itself be undone.")
st.dataframe(revision_log(revisions), hide_index=True, width="stretch")

st.subheader("View the dashboard as of a revision")
options = [0, *[int(r) for r in revisions["revision_id"]]]


def _remember_as_of() -> None:
    st.session_state["as_of"] = st.session_state["as_of_choice"] or None


st.selectbox(
    "As of", options, key="as_of_choice", on_change=_remember_as_of,
    index=options.index(st.session_state.get("as_of") or 0),
    format_func=lambda r: "Now (all current revisions)" if r == 0 else f"Revision {r}",
)

if signed_in_editor():
    st.subheader("Retract or restore a revision")
    chosen = st.selectbox("Revision", [int(r) for r in revisions["revision_id"]],
                          key="retract_choice")
    reason = st.text_input("Why", key="retract_note")
    retract_column, restore_column = st.columns(2)
    action = None
    if retract_column.button("Retract", key="retract"):
        action = store.retract
    if restore_column.button("Restore", key="restore"):
        action = store.restore
    if action is not None:
        editor = require_editor()
        try:
            action(chosen, editor, reason)
        except RevisionStateError as error:
            st.error(str(error))
        except StoreError as failure:
            st.error(f"**{failure.title}.** {failure}")
        else:
            st.rerun()
    actions = store.actions()
    if len(actions):
        st.caption("Retractions and restorations")
        st.dataframe(actions, hide_index=True, width="stretch")
else:
    st.caption("Editors can retract and restore revisions after signing in on the Upload page.")
