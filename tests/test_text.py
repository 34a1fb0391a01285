"""Markdown from files is shown literally."""

from __future__ import annotations

from geo.text import md_literal


def test_links_emphasis_colour_and_math_are_escaped() -> None:
    assert md_literal("[click](http://evil.example)") == r"\[click\]\(http\:\/\/evil\.example\)".replace(
        r"\/", "/")
    assert md_literal("**bold** :red[x] $x$") == r"\*\*bold\*\* \:red\[x\] \$x\$"
    assert md_literal("ANAMA, via Trend, 2023") == "ANAMA, via Trend, 2023"
