"""Page styles the theme cannot set: phone-width tweaks and printing without controls."""

from __future__ import annotations

import streamlit as st

STYLE = """
<style>
@media (max-width: 640px) {
  .headline-figure { font-size: 1.5rem !important; }
  .st-key-wide_table { display: none; }
}
@media (min-width: 641px) {
  .st-key-narrow_table { display: none; }
}
.compact-table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 0.85rem; }
.compact-table th, .compact-table td { text-align: left; vertical-align: top; padding: 4px 6px;
  border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }
.compact-table td small { color: #444; display: block; }
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], .st-key-brief_controls, [data-testid="stDecoration"] {
    display: none !important;
  }
  .stMain, [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
}
</style>
"""


def phone_style() -> None:
    """Styles for narrow screens and for printing (sidebar, header and controls hidden)."""
    st.html(STYLE)
