"""Page styles the theme cannot set: phone-width tweaks and printing without controls."""

from __future__ import annotations

import html

import streamlit as st

from geo.i18n import _

STYLE = """
<style>
@media (max-width: 640px) {
  .headline-figure { font-size: 1.5rem !important; }
  h1 { font-size: 1.9rem !important; }
  [class*="st-key-wide_table"] { display: none !important; }
  /* tables wrap within the screen instead of scrolling sideways (a scrolling region would
     have to be reachable by keyboard) */
  [data-testid="stTable"] table { table-layout: fixed; width: 100% !important; }
  [data-testid="stTable"] th, [data-testid="stTable"] td {
    overflow-wrap: anywhere; white-space: normal !important; }
}
@media (min-width: 641px) {
  [class*="st-key-narrow_table"] { display: none !important; }
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


UPLOADER = """
<style>
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-has-shortcut]::after { content: %s; }
</style>
"""


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end the string, the rule or the style element."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-" else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'


def uploader_in_language() -> None:
    """Streamlit's file box speaks only English: its size line is hidden (each box's label says
    the limit and the kinds of file) and its button reads in the language in force."""
    st.html(UPLOADER % _css_string(_("Choose a file")))


CLOSE_SIDEBAR = """
<script>
(function () {
  /* page: %s. Streamlit closes the sidebar after a page is chosen only on phones it
     recognises by their user agent; a narrow window gets the same. */
  if (window.innerWidth > 768) { return; }
  var button = document.querySelector(
    '[data-testid="stSidebarCollapseButton"] button[aria-expanded="true"]');
  if (button) { button.click(); }
})();
</script>
"""


def close_sidebar_on_narrow_screens(page: str) -> None:
    """After a page is chosen, close the sidebar on a narrow screen (it covers the page)."""
    st.html(CLOSE_SIDEBAR % html.escape(page), unsafe_allow_javascript=True)
