"""Statements: a published statement (pasted, or a text, web page, PDF or Word file) turned into
proposed figures that an editor accepts, changes or rejects, committed as one revision with
the statement kept as their evidence."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.changes import plan_changes, preview_claims
from geo.i18n import _
from geo.model.kinds import counted
from geo.statements.places import PlaceFinder
from geo.statements.review import KIND, figures_of, highlighted_html, reviewed_tables, statement_digest
from geo.store import DuplicateUpload, StoreError
from geo.store.inbox import COMMITTED
from geo.tables import claims_table
from geo.text import md_literal
from ui.auth import editor_or_sign_in, require_editor
from ui.cache import alias_index, ensure_warm, get_store, latest_views
from ui.entry import leave_old_style_pages_mode
from ui.language import use_language
from ui.statement_review import figures_table, proposed, received_statement, statement_settings

leave_old_style_pages_mode()
use_language()
st.title(_("Statements"))
st.markdown(_("Paste a published statement, or upload it as a text, saved web page, PDF or Word file. "
              "The app proposes every mine-action figure it states, with the words that state it; "
              "you accept, change or reject each one. Nothing is stored until you commit, and the "
              "commit is a revision that can be retracted."))
if "st_last_commit" in st.session_state:
    st.success(_("Committed as revision {revision}.").format(revision=st.session_state["st_last_commit"]))
editor_or_sign_in()

store = get_store()
received = received_statement(store.inbox)
left, right = st.columns(2)
published = left.date_input(_("Published on"), value=dt.date.today(), key="st_published",
                            max_value=dt.date.today())
url = right.text_input(_("Address (URL), if published online"), key="st_url", max_chars=1000)
if received is None:
    st.stop()
current = latest_views().tables
finder = PlaceFinder(current.places, current.names)
figures = proposed(received, published, url.strip(), finder)
if not figures:
    st.info(_("No mine-action figure was found in this statement."))
    st.stop()
st.subheader(_("The statement, with each proposed figure marked"))
st.html(highlighted_html(received.text, figures))
info = statement_settings(received, figures, current.sources, published, url.strip())

st.subheader(_("Proposed figures"))
edited = figures_table(figures, sorted(set(current.places["name"])))
accepted = figures_of(edited, figures)
if not info.party:
    st.warning(_("Choose the party the originator speaks for."))
    st.stop()
reviewed = reviewed_tables(accepted, info, alias_index())
if reviewed.problems:
    st.error(_("Some accepted figures cannot be stored yet:"))
    for row, column, reason in reviewed.problems:
        problem = _("Row {row}, {field}: {reason}").format(row=row, field=column, reason=reason)
        st.markdown(md_literal(problem))
    st.stop()
if reviewed.tables.claims.empty:
    st.info(_("No figure is accepted."))
    st.stop()
changes = plan_changes(reviewed.tables, current)
restated = changes.restated.get("claims")
if restated is not None and len(restated):
    st.info(_("{rows} already stored (same publisher, what, where, when and value): not added again.")
            .format(rows=counted(len(restated), "claims")))
    st.dataframe(restated.rename(columns={"stored_as": _("already stored as")}), hide_index=True)
if len(changes.contradictions):
    st.warning(_("Some figures disagree with figures already stored. Both will be kept and flagged."))
    st.dataframe(claims_table(changes.contradictions), hide_index=True, width="stretch")
new_figures = preview_claims(changes, current)
if changes.is_empty() or not len(new_figures):
    st.info(_("Everything in this statement is already stored. Nothing to commit."))
    st.stop()
st.caption(_("Figures as they will be shown"))
st.dataframe(claims_table(new_figures), hide_index=True, width="stretch")
note = st.text_input(_("Note for this revision"), key="st_note")
if st.button(_("Commit these figures"), type="primary", key="st_commit"):
    author = require_editor()
    title = (received.title or received.text.strip().splitlines()[0])[:120]
    try:
        revision = store.commit(changes.to_store, author=author, file_name=title,
                                sha256=statement_digest(received.text), kind=KIND, note=note)
    except DuplicateUpload as duplicate:
        st.warning(str(duplicate))
        st.stop()
    except StoreError as failure:
        st.error(f"**{failure.title}.** {md_literal(failure)}")
        st.stop()
    ensure_warm()
    if st.session_state.get("st_how") == "inbox":
        store.inbox.close(st.session_state["st_inbox_item"], COMMITTED, revision)
    for key in ("st_text", "st_digest", "st_figures", "st_table", "st_note", "st_inbox_loaded"):
        st.session_state.pop(key, None)
    st.session_state["st_last_commit"] = revision
    st.rerun()
