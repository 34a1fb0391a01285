"""History: every revision, the dashboard as of any of them, retract and restore."""

from __future__ import annotations

import streamlit as st

from geo.i18n import _
from geo.revisions import confirmation, is_seed, refusal, revision_log, seed_refusal
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
    st.success(md_literal(outcome), icon=":material/check_circle:")
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

PENDING_KEY = "history_pending"  # (action, revision, reason) waiting for the editor's confirmation


def _revision_label(revision_id: int) -> str:
    row = revisions.set_index("revision_id").loc[revision_id]
    label = _("Revision {revision}: {file}").format(revision=revision_id, file=row["file_name"])
    return label + (" " + _("(seed data)") if is_seed(revisions, revision_id) else "")


def _ask(action: str, chosen: int | None, reason: str) -> None:
    """Check the request; when it may go ahead, hold it for confirmation."""
    st.session_state.pop(PENDING_KEY, None)
    if problem := refusal(revisions, chosen, action, reason):
        st.error(problem)
        return
    st.session_state[PENDING_KEY] = (action, chosen, reason.strip())


def _confirm(action: str, chosen: int, reason: str) -> None:
    """Show what the change will do; carry it out only on the editor's second click."""
    st.warning(md_literal(confirmation(revisions, chosen, action)), icon=":material/warning:")
    typed = ""
    if action == "retract" and is_seed(revisions, chosen):
        typed = st.text_input(_("Type {revision} to retract the seed data").format(revision=chosen),
                              key="retract_seed_number")
    yes_column, no_column = st.columns(2)
    if no_column.button(_("Cancel"), key="history_cancel"):
        st.session_state.pop(PENDING_KEY, None)
        st.rerun()
    label = _("Yes, retract it") if action == "retract" else _("Yes, restore it")
    if not yes_column.button(label, key="history_confirm", type="primary"):
        return
    if problem := seed_refusal(revisions, chosen, action, typed):
        st.error(problem)
        return
    editor = require_editor()
    try:
        (store.retract if action == "retract" else store.restore)(chosen, editor, reason)
    except RevisionStateError as error:
        st.error(str(error))
    except StoreError as failure:
        st.error(f"**{failure.title}.** {md_literal(failure)}")
    else:
        st.session_state.pop(PENDING_KEY, None)
        st.session_state["history_outcome"] = revision_outcome(revisions, chosen, action)
        st.rerun()


if signed_in_editor():
    st.header(_("Retract or restore a revision"))
    chosen = st.selectbox(_("Revision"), [int(r) for r in revisions["revision_id"]], index=None,
                          placeholder=_("Choose a revision"), key="retract_choice",
                          format_func=_revision_label)
    reason = st.text_input(_("Why (kept in the log)"), key="retract_note", max_chars=2000)
    retract_column, restore_column = st.columns(2)
    if retract_column.button(_("Retract…"), key="retract"):
        _ask("retract", chosen, reason)
    if restore_column.button(_("Restore…"), key="restore"):
        _ask("restore", chosen, reason)
    pending = st.session_state.get(PENDING_KEY)
    if pending and (pending[1] != chosen or pending[2] != reason.strip()):
        st.session_state.pop(PENDING_KEY, None)  # the choice changed: ask again
    elif pending:
        _confirm(*pending)
    actions = store.actions()
    if len(actions):
        st.subheader(_("Retractions and restorations"))
        st.dataframe(actions_table(actions), hide_index=True, width="stretch")
else:
    st.caption(_("Editors can retract and restore revisions after signing in on the Upload page."))
