"""Keep Streamlit out of its old-style multipage mode, which `pages/` would otherwise trigger.

Until some session has run app.py's `st.navigation`, Streamlit treats the `pages/` folder as
an old-style multipage app: the first run of the first session either runs a deep-linked
page file on its own (no shared sidebar) or runs app.py inside a wrapper whose widget state
does not carry over to the next run, so that session's first click is lost. Leaving that
mode and rerunning at once gives every session the same, navigation-driven runs.
"""

from __future__ import annotations

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager


def leave_old_style_pages_mode() -> None:
    """Called first by app.py and by every page; a no-op once navigation is in charge.

    Streamlit's AppTest resets the mode before each of its runs and replays widget
    events into them, which a rerun here would drop, so under AppTest this does nothing.
    """
    if PagesManager.uses_pages_directory and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False
        st.rerun()
