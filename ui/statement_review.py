"""The statement page's steps: the statement as received, what the whole statement settles, and
the table of proposed figures an editor accepts, changes or rejects."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from geo.export import PERIOD_TYPE_LABELS, QUALIFIER_LABELS
from geo.i18n import _
from geo.publishers import known_parties
from geo.sources import party_label
from geo.statements import Statement, extract
from geo.statements.attribution import language_of
from geo.statements.extract import Figure
from geo.statements.intake import configured_feeds, feed_items, fetch_feed
from geo.statements.places import PlaceFinder
from geo.statements.review import EDITABLE, StatementInfo, current_party, frame_of
from geo.statements.sources import STATEMENT_SUFFIXES, Received, StatementRefused, check_text, read_statement
from geo.store.inbox import DISMISSED, Inbox
from geo.vocab import METRICS, PARTY_LABELS, SCOPE_LABELS, Scope, Unit, metric_label

LANGUAGE_NAMES = {"en": "English", "az": "Azərbaycan dili", "ru": "Русский"}
STATEMENT_CHOICES = ("st_table", "st_originator", "st_outlet", "st_party", "st_scope", "st_period_start",
                     "st_period_end")
STATEMENT_UNITS = [Unit.HA.value, Unit.KM2.value, Unit.M2.value, Unit.COUNT.value]


def _from_inbox(inbox: Inbox) -> Received | None:
    """A statement waiting in the inbox, chosen by the editor; feeds are read on request."""
    feeds = configured_feeds()
    if feeds and st.button(_("Read the news feeds now"), key="st_read_feeds"):
        for url in feeds:
            try:
                items, refused = feed_items(fetch_feed(url), url)
            except StatementRefused as error:
                st.error(_("{feed}: {reason}").format(feed=url, reason=str(error)))
                continue
            added = inbox.queue(items)
            st.info(_("{feed}: {added} new statements queued, {refused} refused").format(
                feed=url, added=added, refused=len(refused)))
    waiting = inbox.waiting()
    if waiting.empty:
        st.info(_("No statement is waiting for review."))
        return None
    labels = {row.item_id: f"{row.published or ''} {row.title or row.origin}".strip()
              for row in waiting.itertuples()}
    chosen = st.selectbox(_("Statements waiting for review"), list(labels), key="st_inbox_item",
                          format_func=labels.get)
    item = inbox.item(chosen)
    if item is None:
        return None
    if st.session_state.get("st_inbox_loaded") != chosen:
        st.session_state["st_inbox_loaded"] = chosen
        st.session_state["st_published"] = item.published or dt.date.today()
        st.session_state["st_url"] = item.url
    if st.button(_("Dismiss this statement"), key="st_dismiss"):
        inbox.close(chosen, DISMISSED)
        st.rerun()
    return Received(item.text, item.title, item.published, item.url, item.site)


def received_statement(inbox: Inbox) -> Received | None:
    """The statement pasted, uploaded or taken from the inbox (None until there is one); a
    refusal is shown and stops the page."""
    how = st.radio(_("The statement"), ["paste", "file", "inbox"], key="st_how", horizontal=True,
                   format_func={"paste": _("Paste its text"), "file": _("Upload a file"),
                                "inbox": _("From the inbox")}.get)
    if how == "inbox":
        return _from_inbox(inbox)
    st.session_state.pop("st_inbox_loaded", None)
    try:
        if how == "paste":
            text = st.text_area(_("Text of the statement (headline first, as published)"), key="st_text",
                                height=220)
            return check_text(Received(text)) if text.strip() else None
        uploaded = st.file_uploader(_("Statement file: text, saved web page, PDF or Word"),
                                    type=[s.lstrip(".") for s in STATEMENT_SUFFIXES], key="st_file")
        return read_statement(uploaded.name, uploaded.getvalue()) if uploaded else None
    except StatementRefused as refused:
        st.error(_("This statement cannot be read: {reason}").format(reason=str(refused)))
        st.stop()


def proposed(received: Received, published: dt.date, url: str, finder: PlaceFinder) -> list[Figure]:
    """The extractor's proposals, kept per statement so edits survive reruns."""
    digest = hashlib.sha1(f"{received.text}|{published}|{url}".encode()).hexdigest()[:16]
    if st.session_state.get("st_digest") != digest:  # a new statement: nothing carried over
        st.session_state["st_digest"] = digest
        st.session_state["st_figures"] = extract(Statement(received.text, published, url), finder)
        for key in STATEMENT_CHOICES:
            st.session_state.pop(key, None)
    return st.session_state["st_figures"]


def statement_settings(received: Received, figures: list[Figure], sources: pd.DataFrame,
                       published: dt.date, url: str) -> StatementInfo:
    """What the editor settles once for the statement: who, via whom, for whom, and the period
    when the text does not give one."""
    detected = next((f.originator for f in figures if f.originator), "")
    outlet_found = next((f.outlet for f in figures if f.outlet), received.site)
    language = language_of(received.text)
    st.caption(_("Language of the statement: {language}").format(language=LANGUAGE_NAMES[language]))
    left, right = st.columns(2)
    originator = left.text_input(_("Who states the figures (originator)"), value=detected,
                                 key="st_originator")
    outlet = right.text_input(_("Who published it (outlet)"), value=outlet_found, key="st_outlet")
    known = current_party(originator, known_parties(sources)) if originator else ""
    parties = list(PARTY_LABELS)
    party = left.selectbox(_("Party the originator speaks for"), parties, key="st_party",
                           index=parties.index(known) if known in parties else None,
                           format_func=party_label, placeholder=_("Choose"))
    scopes = list(SCOPE_LABELS)
    scope = right.selectbox(_("Whom the figures cover"), scopes, key="st_scope",
                            index=scopes.index(Scope.UNKNOWN.value),
                            format_func=lambda code: _(SCOPE_LABELS[code]))
    start = end = None
    if any(f.period_end is None for f in figures):
        st.info(_("The text does not say which period some figures cover: give the statement's period."))
        left, right = st.columns(2)
        start = left.date_input(_("Period from"), value=None, key="st_period_start")
        end = right.date_input(_("Period to"), value=None, key="st_period_end")
    return StatementInfo(text=received.text, published=published, originator=originator,
                         party=party or "", outlet=outlet, url=url or received.url, title=received.title,
                         language=language, scope=scope, period_start=start, period_end=end)


def figures_table(figures: list[Figure], places: list[str]) -> pd.DataFrame:
    """The proposed figures, one row each, for the editor to accept, change or reject."""
    base = st.session_state.get("st_table")
    if base is None:
        base = st.session_state["st_table"] = frame_of(figures)
    config = {
        "accept": st.column_config.CheckboxColumn(_("Accept")),
        "metric": st.column_config.SelectboxColumn(_("What"), options=list(METRICS), required=True,
                                                   format_func=lambda m: _(metric_label(m))),
        "value": st.column_config.NumberColumn(_("Value"), min_value=0.0, required=True),
        "unit": st.column_config.SelectboxColumn(_("Unit"), options=STATEMENT_UNITS, required=True,
                                                 format_func=lambda u: _("count") if u == "count" else u),
        "qualifier": st.column_config.SelectboxColumn(_("Qualifier"), options=list(QUALIFIER_LABELS),
                                                      format_func=lambda q: _(QUALIFIER_LABELS[q])),
        "period_start": st.column_config.DateColumn(_("From")),
        "period_end": st.column_config.DateColumn(_("To")),
        "period_type": st.column_config.SelectboxColumn(_("Kind of figure"), options=list(PERIOD_TYPE_LABELS),
                                                        format_func=lambda k: _(PERIOD_TYPE_LABELS[k])),
        "place": st.column_config.TextColumn(_("Place (several: separated by commas)")),
        "quote": st.column_config.TextColumn(_("Words of the statement"), disabled=True, width="large"),
    }
    st.caption(_("Known places: {places}").format(places=", ".join(sorted(places))))
    return st.data_editor(base, key="st_editor", hide_index=True, column_config=config,
                          column_order=EDITABLE, width="stretch", num_rows="fixed")
