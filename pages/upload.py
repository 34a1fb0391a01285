"""Upload: bring in a statement's figures, finds, places, hazard areas or land release as received,
validated and versioned."""

from __future__ import annotations

import hashlib

import streamlit as st

from geo.changes import plan_changes, preview_claims
from geo.hazards.geometry import overlaps_table
from geo.i18n import N_, _, n_, number
from geo.model.kinds import KINDS, PLANNED, counted
from geo.store import DuplicateUpload, StoreError
from geo.tables import claims_table
from geo.templates import templates
from geo.text import md_literal
from geo.upload import ACCEPTED_SUFFIXES, KIND_LABELS, UploadRefused, limits, problems_table
from geo.upload.review import preview_table
from ui.auth import editor_or_sign_in, require_editor
from ui.cache import ensure_warm, get_store, latest_views, prepared_upload
from ui.entry import leave_old_style_pages_mode
from ui.language import use_language
from ui.upload_steps import (
    Choices,
    how_it_was_read,
    readings,
    saved_profiles,
    unknown_names,
    whole_file_values,
)

leave_old_style_pages_mode()
use_language()
st.title(_("Upload updated figures"))
st.markdown(_(
    "Upload a file **as you received it**: CSV, XLSX, GeoJSON, GeoPackage, a zipped Shapefile or "
    "KML/KMZ. The app finds the table below titles and notes, recognises published figures (one "
    "per row, or a column per metric such as *hectares*, *AP mines*, *UXO*), reported finds and "
    "incidents (by place name or coordinates, as a table or as points), places or district "
    "boundaries, hazard areas (SHA/CHA polygons) and land-release records. What it cannot "
    "recognise you map once, and the mapping is kept for the next file of the same shape. "
    "Nothing is stored until you confirm; every commit is a revision that can be retracted."
))
with st.expander(_("Templates: one per kind of file and format")):
    for label, (file_name, content, mime) in templates().items():
        st.download_button(_(label), content, file_name, mime, key=f"tpl_{file_name}")

if "last_commit" in st.session_state:
    st.success(_("Committed as revision {revision}. The map, charts and headline figures show it "
                 "now.").format(revision=st.session_state["last_commit"]))

editor_or_sign_in()
store = get_store()
saved_profiles(store)

uploaded = st.file_uploader(
    _("File (at most {megabytes} MB)").format(megabytes=limits().max_megabytes), key="upload_file",
    type=[suffix.lstrip(".") for suffix in ACCEPTED_SUFFIXES])
if uploaded is None:
    st.stop()

data = uploaded.getvalue()
choices = Choices(hashlib.sha256(data).hexdigest())
bar = st.progress(0.0, text=_("Reading the file"))
try:
    prepared = prepared_upload(uploaded.name, data, choices.options(),
                               lambda stage, fraction: bar.progress(fraction, text=_(stage)))
except UploadRefused as refusal:
    bar.empty()
    st.error(_("**{file}** was refused: {reason}. Nothing was stored.").format(
        file=md_literal(uploaded.name), reason=md_literal(refusal)))
    st.stop()
bar.empty()
choices.remember_kind(prepared.kind)
for note in prepared.notes:
    st.info(md_literal(note))
previous = store.revision_with_sha(prepared.sha256)
if previous is not None and previous == st.session_state.get("last_commit"):
    st.stop()
if previous is not None:
    st.warning(_("This exact file was already committed as revision {revision}. Nothing to do.").format(
        revision=previous))
    st.stop()

how_it_was_read(prepared, choices, store)
if prepared.kind:
    whole_file_values(prepared, choices)
    readings(prepared, choices)
if not prepared.ok:
    count = len(prepared.problems)
    st.error(n_("**{file}**: {count} problem. Nothing was stored; fix it above (mapping, values for "
                "the whole file, place names) or in the file.",
                "**{file}**: {count} problems. Nothing was stored; fix them above (mapping, values "
                "for the whole file, place names) or in the file.", count).format(
        file=md_literal(uploaded.name), count=number(count)))
    st.dataframe(problems_table(prepared.problems), hide_index=True, width="stretch")
    unknown_names(prepared, latest_views().tables.places, store, choices)
    st.stop()

current = latest_views().tables
add_restated = bool(st.session_state.get(choices.key("add_restated")))
changes = plan_changes(prepared.tables, current, add_restatements=add_restated)
st.header(_("Preview"))
st.write(_("**{file}** ({kind}, {rows} rows read): {changes}").format(
    file=md_literal(uploaded.name), kind=md_literal(_(KIND_LABELS[prepared.kind]).lower()),
    rows=number(prepared.data_rows), changes="; ".join(changes.summary()) or _("no rows")))
place_names = {**dict(zip(current.places["place_id"], current.places["name"], strict=True)),
               **dict(zip(prepared.tables.places["place_id"], prepared.tables.places["name"], strict=True))}
figures = preview_claims(changes, current)
if len(figures):
    st.caption(_("Figures as they will be shown (check how each value was read)"))
    st.dataframe(claims_table(figures), hide_index=True, width="stretch")
for name, restated in changes.restated.items():
    if len(restated):
        st.info(_("{rows} already stored under another id (same publisher, what, where, when and "
                  "value): not added again.").format(rows=counted(len(restated), name)))
        shown = preview_table(restated, place_names)
        shown.insert(0, _("already stored as"), list(restated["stored_as"]))
        st.dataframe(shown, hide_index=True, width="stretch")
if any(len(r) for r in changes.restated.values()):
    st.checkbox(_("Add them anyway, as separate statements"), key=choices.key("add_restated"))
for name in PLANNED:
    if name == "claims":
        continue
    plural = KINDS[name].plural
    for verb, frames in ((N_("New: {what}"), changes.added), (N_("Changed: {what}"), changes.changed)):
        frame = frames[name]
        if len(frame):
            st.caption(_(verb).format(what=_(plural)))
            st.dataframe(preview_table(frame.head(1000), place_names), hide_index=True, width="stretch")
if len(prepared.overlaps):
    st.warning(n_("{count} pair of hazard areas overlaps (in this file, or with areas already "
                  "stored). It can be committed as it is; check whether the two describe the same "
                  "ground twice.",
                  "{count} pairs of hazard areas overlap (in this file, or with areas already "
                  "stored). They can be committed as they are; check whether they describe the same "
                  "ground twice.", len(prepared.overlaps)).format(count=number(len(prepared.overlaps))))
    st.dataframe(overlaps_table(prepared.overlaps.head(1000)), hide_index=True, width="stretch")
if len(changes.contradictions):
    st.warning(_("Some new figures disagree with figures already stored. Both will be kept and "
                 "flagged."))
    st.dataframe(claims_table(changes.contradictions), hide_index=True, width="stretch")
if changes.is_empty():
    st.info(_("Everything in this file is already stored. Nothing to commit."))
    st.stop()
note = st.text_input(_("Note for this revision"), key="upload_note",
                     placeholder=_("e.g. ANAMA weekly statement of 2026-01-15"))
if st.button(_("Commit this upload"), type="primary", key="commit_upload"):
    author = require_editor()
    saving = st.progress(0.0, text=_("Storing"))
    try:
        revision = store.commit(changes.to_store, author=author, file_name=uploaded.name,
                                sha256=prepared.sha256, kind=prepared.kind, note=note,
                                progress=lambda fraction: saving.progress(fraction, text=_("Storing")))
    except DuplicateUpload as duplicate:
        st.warning(str(duplicate))
        st.stop()
    except StoreError as failure:
        saving.empty()
        st.error(f"**{failure.title}.** {md_literal(failure)}")
        st.stop()
    st.session_state["last_commit"] = revision
    ensure_warm()  # the next pages' views of the new revision start building now
    st.rerun()
