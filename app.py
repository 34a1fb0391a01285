"""Entry point: page config, language, links, the shared sidebar and navigation over pages/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.assets import missing_assets
from geo.i18n import _
from geo.store import StoreError
from ui.cache import current_as_of, data_period_bounds, get_store, latest_views, views
from ui.entry import leave_old_style_pages_mode
from ui.failures import stop_with
from ui.language import browser_language, use_language
from ui.links import apply_link, link_opened, note_page, show_notices, write_link
from ui.run_times import run_finished, run_started
from ui.sidebar import (
    layer_memory_token,
    link_choices_for,
    render_filters,
    render_language,
    render_layers,
)
from ui.style import close_sidebar_on_narrow_screens, phone_style, uploader_in_language

# Drawn, not an emoji (no emoji font on offline field laptops) nor a Material icon (which the
# browser would fetch from fonts.gstatic.com for the tab).
APP_ICON = Path(__file__).resolve().parent / "static" / "app_icon.png"

started = run_started()
leave_old_style_pages_mode()
use_language()
try:
    if link_opened():
        apply_link(link_choices_for(latest_views(), list(get_store().revisions()["revision_id"])))
        use_language()
    st.set_page_config(page_title=_("Mine-clearance dashboard: Azerbaijan"), page_icon=APP_ICON,
                       layout="wide")
    data = views()
except StoreError as failure:
    stop_with(failure)
language = render_language(browser_language())
bounds = data_period_bounds()
st.session_state["filters"] = filters = render_filters(data, bounds)
st.session_state["layers"] = layers = render_layers()
phone_style()
uploader_in_language()
show_notices()
if current_as_of():
    st.sidebar.warning(_("Viewing the data as of revision {revision} (see History).").format(
        revision=current_as_of()))
    st.warning(_("You are viewing the data as it stood after revision {revision}, not the current "
                 "data. Choose “Now” under History to return to the current data.").format(
        revision=current_as_of()), icon=":material/history:")
if missing_assets():
    st.sidebar.error(_("Offline map assets are missing: run `make assets`."))

navigation = st.navigation([
    st.Page("pages/overview.py", title=_("Overview"), icon=":material/map:", default=True),
    st.Page("pages/sources.py", title=_("Sources and contradictions"), icon=":material/fact_check:",
            url_path="sources"),
    st.Page("pages/hazards.py", title=_("Hazard areas and land release"), icon=":material/warning:",
            url_path="hazards"),
    st.Page("pages/brief.py", title=_("Brief"), icon=":material/print:", url_path="brief"),
    st.Page("pages/upload.py", title=_("Upload"), icon=":material/upload:", url_path="upload"),
    st.Page("pages/statements.py", title=_("Statements"), icon=":material/article:", url_path="statements"),
    st.Page("pages/history.py", title=_("History"), icon=":material/history:", url_path="history"),
])
if note_page(navigation.url_path):
    close_sidebar_on_narrow_screens(navigation.url_path)
write_link(filters, layers, language, browser_language(), bounds, layer_memory_token())
navigation.run()
run_finished(started, navigation.url_path)
