"""Keep Streamlit out of its old-style multipage mode, which `pages/` would otherwise trigger.

Until some session has run app.py's `st.navigation`, Streamlit treats the `pages/` folder as
an old-style multipage app: the first run of the first session either runs a deep-linked
page file on its own (no shared sidebar) or runs app.py inside a wrapper whose widget state
does not carry over to the next run, so that session's first click is lost. Leaving that
mode and rerunning at once gives every session the same, navigation-driven runs.

Upstream: `PagesManager.uses_pages_directory` is kept as "a relic of v1 of Multipage apps"
(streamlit/streamlit#10276, which made st.navigation the default) and is cleared only once an
`st.navigation` call has run; Streamlit has no public option to start without it. The layout
keeps `pages/` (the design calls for it), so this stays until upstream drops the flag;
tests/browser/test_first_session.py fails without it (the first session's first click lost).
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
