"""The language a statement is written in. Who states it and who carries it ('ANAMA said',
'..., Trend reports', 'сообщает Report') is read by geo.publishers, as for uploads."""

from __future__ import annotations

import re


def language_of(text: str) -> str:
    """'ru' for Cyrillic text, 'az' where Azerbaijani letters or words show, else 'en'."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if cyrillic / len(letters) > 0.3:
        return "ru"
    lowered = text.casefold()
    azerbaijani = sum(lowered.count(c) for c in "əğış") + 3 * len(re.findall(
        r"\b(?:və|ilə|üçün|ərazi\w*|rayon\w*|olunub|edilib|bildirilib)\b", lowered))
    return "az" if azerbaijani / len(letters) > 0.01 else "en"
