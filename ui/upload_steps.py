"""The upload page's steps: the editor's choices kept per file in session state, and the
widgets that show how the file was read and let the editor change it."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.i18n import _, n_, number, translated
from geo.store import Store
from geo.store.profiles import NAME_LIMIT, ProfileNameRefused, profile_name
from geo.text import md_literal
from geo.upload import KIND_LABELS, Prepared, UploadOptions
from geo.upload.fields import UNANSWERED, table_column
from geo.upload.review import (
    PARTY_CHOICES,
    copies_summary,
    date_reading,
    field_choices,
    number_reading,
    options_json,
    page_of,
    pages,
    whole_file_fields,
)
from ui.auth import require_editor


class Choices:
    """The editor's choices for one file, kept in session state under keys of that file."""

    def __init__(self, sha256: str) -> None:
        self.prefix = f"up_{sha256[:16]}_"

    def key(self, name: str) -> str:
        """The session-state key of one choice."""
        return self.prefix + name

    def get(self, name: str, default: object = None) -> object:
        """A choice's current value."""
        return st.session_state.get(self.key(name), default)

    def remember_kind(self, kind: str) -> None:
        """The kind the file was last read as (mappings chosen for another kind do not apply)."""
        st.session_state[self.key("read_kind")] = kind

    def touch(self, name: str) -> None:
        """Remember that the editor changed this choice (untouched mappings follow the file)."""
        st.session_state[self.key("touched")] = {*self.get("touched", set()), name}

    def options(self) -> UploadOptions:
        """Everything chosen so far, as the parser's options."""
        mapping, defaults = [], []
        touched = self.get("touched", set())
        for key, value in st.session_state.items():
            if not isinstance(key, str) or not key.startswith(self.prefix):
                continue
            name = key.removeprefix(self.prefix)
            if name.startswith("map:") and value is not None and name in touched:
                _, kind, column = name.split(":", 2)
                if kind == self.get("read_kind"):
                    mapping.append((column, str(value)))
            elif name.startswith("default:") and value:
                defaults.append((name.removeprefix("default:"), str(value)))
        tables = self.get("tables")
        return UploadOptions(
            kind=str(self.get("kind") or ""), tables=tuple(tables) if tables else None,
            mapping=tuple(sorted(mapping)), defaults=tuple(sorted(defaults)),
            decimal_mark=str(self.get("decimal_mark") or ""),
            date_order=str(self.get("date_order") or ""),
            drop_copies=self.get("copies") == "drop")


def _kept_open(label: str, key: str, needed: bool) -> DeltaGenerator:
    """An expander that stays as the editor left it across reruns (a choice inside it does not
    close it), and opens by itself while something in it needs the editor."""
    if needed and not st.session_state.get(f"{key}:needed"):
        st.session_state[key] = True
    st.session_state[f"{key}:needed"] = needed
    return st.expander(label, key=key, on_change="rerun")


def how_it_was_read(prepared: Prepared, choices: Choices, store: Store) -> None:
    """Sheets, kind and column mapping, with saving and forgetting mapping profiles."""
    open_it = not prepared.ok or bool(prepared.profile) or not prepared.kind
    with _kept_open(_("How the file was read: sheets, kind, columns"), choices.key("read_open"), open_it):
        if len(prepared.candidates) > 1:
            st.multiselect(_("Sheets or layers to read"), prepared.candidates, key=choices.key("tables"),
                           default=prepared.chosen,
                           help=_("Every sheet or layer that holds a table; untick any you do not want."))
        kinds = ["", *KIND_LABELS]
        recognised = _(KIND_LABELS[prepared.kind]) if prepared.kind in KIND_LABELS else _("not recognised")
        kind_names = {k: _(KIND_LABELS[k]) if k in KIND_LABELS
                      else _("(as recognised: {kind})").format(kind=recognised) for k in kinds}
        st.selectbox(_("This file holds"), kinds, key=choices.key("kind"), format_func=kind_names.get)
        if not prepared.kind:
            return
        options = field_choices(prepared.kind)
        st.markdown(_("**Columns**: what each column of the file holds."))
        for column in prepared.columns:
            left, right = st.columns([3, 2])
            samples = ", ".join(column.samples) or _("(empty)")
            where = f"{column.table}: " if column.table else ""
            left.markdown(md_literal(where + column.name))
            left.caption(md_literal(_("e.g. {samples}").format(samples=samples)))
            name = f"map:{prepared.kind}:{table_column(column.table, column.name)}"
            offered = ({UNANSWERED: _("(not read yet: choose a field, or ignore the column)"), **options}
                       if column.field == UNANSWERED else options)
            right.selectbox(_("Field for column {column}").format(column=where + column.name),
                            list(offered),
                            index=list(offered).index(column.field) if column.field in offered else 0,
                            format_func=offered.get, key=choices.key(name),
                            label_visibility="collapsed", on_change=choices.touch, args=(name,))
        name = st.text_input(_("Save this mapping as"), key=choices.key("profile_name"),
                             placeholder=_("e.g. ANAMA weekly table"), max_chars=NAME_LIMIT,
                             help=_("Next time a file with the same columns arrives, it is read this "
                                    "way without asking."))
        if st.button(_("Save mapping"), key=choices.key("save_profile"), disabled=not name):
            try:
                store.profiles.save(name, prepared.signature, prepared.kind,
                                    options_json(choices.options()), require_editor())
            except ProfileNameRefused as refusal:
                st.error(_("The mapping was not saved: {reason}.").format(reason=md_literal(refusal)))
            else:
                st.success(_("Saved the mapping '{name}'.").format(name=md_literal(profile_name(name))))


def saved_profiles(store: Store) -> None:
    """The saved mappings, each deletable."""
    frame = store.profiles.all()
    with st.expander(_("Saved column mappings ({count})").format(count=len(frame))):
        if frame.empty:
            st.caption(_("None yet: map a file's columns and save the mapping."))
        for row in frame.itertuples():
            left, right = st.columns([4, 1])
            kind = _(KIND_LABELS[row.kind]) if row.kind in KIND_LABELS else row.kind
            left.write(_("**{name}**: {kind}, saved by {editor}").format(
                name=md_literal(row.name), kind=md_literal(kind), editor=md_literal(row.created_by)))
            if right.button(_("Delete"), key=f"delete_profile_{row.profile_id}"):
                require_editor()
                store.profiles.delete(row.name)
                st.rerun()


def whole_file_values(prepared: Prepared, choices: Choices) -> None:
    """Inputs for values that hold for the whole file (publisher, party, dates, unit…)."""
    fields = whole_file_fields(prepared)
    if not fields:
        return
    missing = set(prepared.missing_whole_file())
    chosen = any(choices.get(f"default:{field.name}") for field in fields)
    with _kept_open(_("Values for the whole file"), choices.key("whole_file_open"), bool(missing) or chosen):
        st.caption(_("Set what the file does not say, once: it applies to every row (and fills "
                     "empty cells of a column)."))
        for field in fields:
            label = _(field.label) + (_(" (needed)") if field.label in missing else "")
            if field.name == "party":
                st.selectbox(label, list(PARTY_CHOICES), format_func=translated(PARTY_CHOICES).get,
                             key=choices.key("default:party"))
            else:
                st.text_input(label, key=choices.key(f"default:{field.name}"),
                              placeholder=_(field.accepted))


def readings(prepared: Prepared, choices: Choices) -> None:
    """How ambiguous numbers and dates were read, and what to do with repeated rows."""
    numbers = number_reading(prepared)
    if numbers:
        st.warning(numbers.message + " " + _("Check: {examples}").format(
            examples="; ".join(numbers.examples)))
        st.radio(_("This file's decimal mark is"), ["point", "comma"],
                 index=0 if prepared.decimal_mark == "point" else 1, horizontal=True,
                 key=choices.key("decimal_mark"),
                 format_func={"point": _("a point (1,286 = 1286 and 1.286 = 1.286)"),
                              "comma": _("a comma (1,286 = 1.286 and 1.286 = 1286)")}.get)
    dates = date_reading(prepared)
    if dates:
        st.warning(dates.message)
        st.radio(_("Dates such as 03/04/2023 are"), ["day_first", "month_first"], horizontal=True,
                 index=0 if prepared.date_order == "day_first" else 1, key=choices.key("date_order"),
                 format_func={"day_first": _("day first (3 April)"),
                              "month_first": _("month first (4 March)")}.get)
    if prepared.copies:
        st.warning(copies_summary(prepared))
        st.radio(_("Rows that repeat another row"), ["keep", "drop"], horizontal=True,
                 key=choices.key("copies"),
                 format_func={"keep": _("keep each as its own record (separate finds)"),
                              "drop": _("drop the copies")}.get)


def unknown_names(prepared: Prepared, places: pd.DataFrame, store: Store, choices: Choices) -> None:
    """One row per distinct unknown name, a page at a time, each mappable to a place."""
    unknown = list(prepared.unknown_places().items())
    if not unknown:
        return
    st.subheader(_("Unknown place names"))
    st.caption(n_("{count} distinct name. Map a spelling to a place and it is kept for every later "
                  "upload.", "{count} distinct names. Map a spelling to a place and it is kept for "
                  "every later upload.", len(unknown)).format(count=number(len(unknown))))
    page = 1
    if len(unknown) > 20:
        page = int(st.number_input(_("Page (of {pages})").format(pages=pages(len(unknown))), 1,
                                   pages(len(unknown)), 1, key=choices.key("names_page")))
    by_id = places.set_index("place_id")
    ids = sorted(by_id.index)
    for position, (name, suggestions) in enumerate(page_of(unknown, page)):
        options = list(dict.fromkeys([s.place_id for s in suggestions] + ids))
        left, right = st.columns([3, 1])
        choice = left.selectbox(
            md_literal(_("'{name}' is").format(name=name)), options, index=None,
            key=choices.key(f"alias:{page}:{position}"),
            format_func=lambda pid: f"{by_id.at[pid, 'name']} ({by_id.at[pid, 'level']})",
            placeholder=_("choose a place"),
        )
        if right.button(_("Keep"), key=choices.key(f"alias_save:{page}:{position}"), disabled=choice is None):
            store.add_alias(name, str(choice), require_editor())
            st.rerun()
