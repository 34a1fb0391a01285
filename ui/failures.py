"""A clear page instead of a traceback when the store cannot do what a page needs."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from geo.i18n import _
from geo.store import StoreError
from geo.text import md_literal


def stop_with(failure: StoreError) -> NoReturn:
    """Say what happened and what to do, then stop this run (other pages stay reachable)."""
    st.error(f"**{failure.title}.** {md_literal(failure)}")
    st.caption(_("Nothing stored has been changed. An administrator can find the store's location "
                 "in MINEDASH_DB_PATH or MINEDASH_DB_URL (see the README)."))
    st.stop()
