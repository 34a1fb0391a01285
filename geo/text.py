"""Text from files or users made literal before Streamlit renders it as Markdown."""

from __future__ import annotations

from urllib.parse import quote

MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|<>~$:=")


def md_literal(text: object) -> str:
    """Backslash-escape Markdown (and Streamlit's :color[] and $math$) so text shows as typed."""
    return "".join(f"\\{char}" if char in MARKDOWN_SPECIALS else char for char in str(text))


def md_link(url: object) -> str:
    """A web address as a Markdown link (http and https only; anything else as plain text)."""
    text = str(url or "").strip()
    if not text.lower().startswith(("http://", "https://")):
        return md_literal(text)
    return f"[{md_literal(text)}]({quote(text, safe=':/?&=#%+@,;~.-_!$*')})"
