"""Upload: bring in a new statement's figures, events or places, validated and versioned."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.changes import TABLE_LABELS, plan_changes, preview_claims
from geo.ingest import UploadRefused, problems_table
from geo.store import DuplicateUpload
from geo.tables import claims_table
from geo.templates import TEMPLATES
from geo.text import md_literal
from ui.auth import require_editor, sign_in_form, sign_out_button, signed_in_editor
from ui.cache import get_store, latest_views, prepared_upload
from ui.entry import leave_old_style_pages_mode

leave_old_style_pages_mode()
st.title("Upload updated figures")
st.markdown(
    "Upload a **CSV**, **XLSX** or **GeoJSON** file as you received it. The app recognises "
    "figures (one figure per row, or one row per place and period with a column per metric "
    "such as *hectares*, *AP mines*, *AT mines*, *UXO*), reported finds and incidents (by place "
    "name or coordinates), and places or boundaries (GeoJSON). Place names may be in any "
    "spelling the gazetteer knows; decimal commas, thousands separators, *more than 1,400* and "
    "dates as 2023-12-31 or 31.12.2023 are understood. Nothing is stored until you confirm, "
    "and every commit is a revision that can be retracted and restored."
)
with st.expander("Templates"):
    for label, (file_name, content, mime) in TEMPLATES.items():
        st.download_button(label, content.encode("utf-8"), file_name, mime, key=f"tpl_{file_name}")

if "last_commit" in st.session_state:
    st.success(f"Committed as revision {st.session_state['last_commit']}. The map, charts and "
               "headline figures show it now.")

editor = signed_in_editor()
if editor is None:
    st.subheader("Editors only")
    sign_in_form()
    st.stop()
st.caption(f"Signed in as **{md_literal(editor)}**.")
sign_out_button()

uploaded = st.file_uploader("File", type=["csv", "xlsx", "geojson", "json"], key="upload_file")
if uploaded is None:
    st.stop()

store = get_store()
current = latest_views().tables
data = uploaded.getvalue()
try:
    prepared = prepared_upload(uploaded.name, data)
except UploadRefused as refusal:
    st.error(f"**{md_literal(uploaded.name)}** was refused: {md_literal(refusal)}. "
             "Nothing was stored.")
    st.stop()
for note in prepared.notes:
    st.info(note)
previous = store.revision_with_sha(prepared.sha256)
if previous is not None and previous == st.session_state.get("last_commit"):
    st.stop()
if previous is not None:
    st.warning(f"This exact file was already committed as revision {previous}. Nothing to do.")
    st.stop()
if not prepared.ok:
    st.error(f"**{md_literal(uploaded.name)}**: {len(prepared.problems)} problem(s). Nothing was stored; "
             "fix the file and upload it again.")
    st.dataframe(problems_table(prepared.problems), hide_index=True, width="stretch")
    unknown = prepared.unknown_places()
    if unknown:
        st.subheader("Unknown place names")
        st.caption("Map a spelling to a place and it is kept for every later upload.")
        places = current.places.set_index("place_id")
        for number, (name, suggestions) in enumerate(unknown.items()):
            options = list(dict.fromkeys([s.place_id for s in suggestions] + sorted(places.index)))
            choice = st.selectbox(
                md_literal(f"'{name}' is"), options, index=None, key=f"alias_{number}",
                format_func=lambda pid: f"{places.at[pid, 'name']} ({places.at[pid, 'level']})",
                placeholder="choose a place",
            )
            if choice is None:
                continue
            label = md_literal(f"Keep '{name}' as a name of {places.at[choice, 'name']}")
            if st.button(label, key=f"alias_save_{number}"):
                store.add_alias(name, choice, require_editor())
                st.rerun()
    st.stop()

changes = plan_changes(prepared.tables, current)
st.subheader("Preview")
st.write(f"**{md_literal(uploaded.name)}** ({prepared.kind}): "
         + ("; ".join(changes.summary()) or "no rows"))
figures = preview_claims(changes, current)
if len(figures):
    st.caption("Figures as they will be shown (check how each value was read)")
    st.dataframe(claims_table(figures), hide_index=True, width="stretch")
for name, label in TABLE_LABELS.items():
    if name == "claims":
        continue
    for verb, frames in (("New", changes.added), ("Changed", changes.changed)):
        frame = frames[name]
        if len(frame):
            st.caption(f"{verb} {label}")
            shown = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
            st.dataframe(shown, hide_index=True, width="stretch")
if len(changes.contradictions):
    st.warning("Some new figures disagree with figures already stored. Both will be kept and "
               "flagged.")
    st.dataframe(claims_table(changes.contradictions), hide_index=True, width="stretch")
if changes.is_empty():
    st.info("Everything in this file is already stored. Nothing to commit.")
    st.stop()
note = st.text_input("Note for this revision", key="upload_note",
                     placeholder="e.g. ANAMA weekly statement of 2026-01-15")
if st.button("Commit this upload", type="primary", key="commit_upload"):
    author = require_editor()
    try:
        revision = store.commit(changes.to_store, author=author, file_name=uploaded.name,
                                sha256=prepared.sha256, kind=prepared.kind, note=note)
    except DuplicateUpload as duplicate:
        st.warning(str(duplicate))
        st.stop()
    st.session_state["last_commit"] = revision
    st.rerun()
