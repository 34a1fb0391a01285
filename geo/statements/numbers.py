"""Numbers as statements write them: '1,616', '1 616', '8.086', '2.790,9', '1,3 mln', 'two'."""

from __future__ import annotations

import re
from dataclasses import dataclass

SPACES = "\u00a0\u202f\u2009 "
NUMBER = re.compile(
    r"(?<![\w.,])(?<![^\W\d_]-)(?P<digits>\d{1,3}(?:(?:[" + SPACES + r"]\d{3})+|(?:[.,]\d{3})+)(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?P<suffix>-?(?:[a-zəğıöüşç]{1,3}(?![\w]))?)"
    r"(?:\s*(?P<scale>million|mln\.?|млн\.?|миллион\w*|milyon|thousand|тыс\.?|тысяч[аи]?|min(?:i|ə|dən|dan|lərlə)?|bin|billion|млрд\.?|milyard))?"
    r"(?!\w)",
    re.IGNORECASE,
)
# a decimal comma with a stray space before an area unit: '453, 90 hektar', '1454, 2 hectares'
STRAY_SPACE = re.compile(r"\d{1,5},[ \u00a0]\d{1,2}(?=\s*(?:hektar|hectares?|ha\b|гектар|га\b))",
                         re.IGNORECASE)
SCALES = {"million": 1e6, "миллион": 1e6, "mln": 1e6, "млн": 1e6, "milyon": 1e6, "thousand": 1e3, "тыс": 1e3,
          "тысяч": 1e3, "тысяча": 1e3, "тысячи": 1e3, "min": 1e3, "bin": 1e3, "billion": 1e9,
          "млрд": 1e9, "milyard": 1e9}
WORD_NUMBERS = {
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12},
    "ru": {"один": 1, "одна": 1, "одного": 1, "два": 2, "две": 2, "двое": 2, "двух": 2, "три": 3,
           "трое": 3, "трех": 3, "трёх": 3, "четыре": 4, "четверо": 4, "пять": 5, "пятеро": 5,
           "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10},
    "az": {"bir": 1, "biri": 1, "ikisi": 2, "üçü": 3,
           "iki": 2, "üç": 3, "dörd": 4, "beş": 5, "altı": 6, "yeddi": 7, "səkkiz": 8,
           "doqquz": 9, "on": 10},
}


TENS = {
    "en": {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
           "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
           "seventy": 70, "eighty": 80, "ninety": 90},
    "ru": {"одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
           "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20,
           "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
           "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300,
           "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
           "девятьсот": 900},
    "az": {"iyirmi": 20, "otuz": 30, "qırx": 40, "əlli": 50, "altmış": 60, "yetmiş": 70, "səksən": 80,
           "doxsan": 90},
}
HUNDRED = {"en": "hundred", "ru": "", "az": "yüz"}
WORD_JOIN = re.compile(r"(?:[ \t]+|[ \t]*-[ \t]*|[ \t]+and[ \t]+)")  # 'twenty-five', 'one hundred and five'


def _word_value(word: str, language: str) -> float | None:
    return WORD_NUMBERS.get(language, {}).get(word, TENS.get(language, {}).get(word))


def _goes_on(previous: str, word: str, gap: str, language: str) -> bool:
    """Whether a number word continues the one before ('twenty-five', 'three hundred', 'on bir',
    'сто двадцать'), not a second number ('two and three', 'пять шесть')."""
    hundred = HUNDRED.get(language, "")
    if hundred and word == hundred:
        return "and" not in gap and (_word_value(previous, language) or 0) < 10
    before = 100.0 if previous == hundred else (_word_value(previous, language) or 0)
    after = _word_value(word, language) or 0
    if "and" in gap and previous != hundred:
        return False
    return before >= 10 and before % 10 == 0 and after < (10 if before < 100 else 100)


def _word_runs(text: str, language: str) -> list[tuple[float, int, int, bool]]:
    """Number words, a compound read as one ('twenty-five', 'on bir', 'триста двадцать', 'three
    hundred'): value, start, end and whether it is more than one word."""
    runs: list[tuple[float, int, int, bool]] = []
    hundred = HUNDRED.get(language, "")
    current: list[tuple[str, int, int]] = []

    def close() -> None:
        if not current:
            return
        total, compound = 0.0, len(current) > 1
        for word, _start, _end in current:
            is_hundred = bool(hundred) and word == hundred
            total = (total or 1.0) * 100 if is_hundred else total + (_word_value(word, language) or 0)
        runs.append((total, current[0][1], current[-1][2], compound))
        current.clear()

    for match in re.finditer(r"(?<!\w)([^\W\d_]+)(?!\w)", text):
        word = match.group(1).casefold()
        if word == "and" and current:
            continue  # 'one hundred and five' (the gap is checked with the next word)
        known = _word_value(word, language) is not None or (hundred and word == hundred)
        if known and current and WORD_JOIN.fullmatch(text[current[-1][2]:match.start()]) \
                and _goes_on(current[-1][0], word, text[current[-1][2]:match.start()], language):
            current.append((word, match.start(), match.end()))
            continue
        close()
        if known:
            current.append((word, match.start(), match.end()))
    close()
    return runs


WORD_SCALE = re.compile(r"\s+(thousand|million|тысяч\w*|тыс\.?|миллион\w*|млн\.?|min(?:i|ə|dən|dan)?|"
                        r"milyon\w*)"
                        r"(?!\w)", re.IGNORECASE)
HALVES = {"полтора": 1.5, "полторы": 1.5, "полутора": 1.5}  # said only before a scale
HALF_MILLION = {"полмиллиона", "полумиллиона"}


@dataclass(frozen=True)
class NumberToken:
    """A number found in text: its value, where it stands, and whether it is whole."""

    value: float
    start: int
    end: int
    text: str
    grouped: bool
    word: bool = False
    scale: float = 1.0


def _value(digits: str, language: str, scaled: bool) -> tuple[float, bool]:
    """The number a digit string means (thousands separators and decimal marks resolved)."""
    compact = re.sub(f"[{SPACES}]", "", digits)
    if "," in compact and "." in compact:
        decimal = "," if compact.rfind(",") > compact.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(compact.replace(thousands, "").replace(decimal, ".")), True
    for mark in ",.":
        if mark not in compact:
            continue
        parts = compact.split(mark)
        three = all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3  # not '1628.626 ha'
        if len(parts) > 2 and three:
            return float(compact.replace(mark, "")), True
        if three and not scaled and not (mark == "," and language in ("ru", "az") and parts[0] == "0"):
            # '1,616', '8.086', '69.200': thousands, as agencies and translators write them
            return float(compact.replace(mark, "")), True
        return float(compact.replace(mark, ".")), False
    return float(compact), compact != digits


def find_numbers(text: str, language: str) -> list[NumberToken]:
    """Every number in the text with its span (the scale word included)."""
    found: list[NumberToken] = []
    for match in NUMBER.finditer(text):
        scale_word = re.sub(r"^(min|миллион)\w+", r"\1", (match.group("scale") or "").casefold().rstrip("."))
        value, grouped = _value(match.group("digits"), language, bool(scale_word))
        if scale_word:
            value *= SCALES.get(scale_word, 1.0)
        end = match.end("scale") if scale_word else match.end("digits")
        scale = SCALES.get(scale_word, 1.0)
        previous = found[-1] if found else None
        parts = previous and previous.scale > 1 and value < previous.scale
        if parts and not text[previous.end:match.start()].strip():
            # '129 min 831 hektar', '3 milyon 813 min 674', '5 тыс. 264,14 га': one number in parts
            found[-1] = NumberToken(previous.value + value, previous.start, end, text[previous.start:end],
                                    True, scale=scale)
            continue
        if previous and not previous.grouped and previous.value.is_integer() \
                and (stray := STRAY_SPACE.match(text, previous.start)) and stray.end() == end:
            joined = float(f"{int(previous.value)}.{match.group('digits')}")  # '453, 90 hektar': one number
            found[-1] = NumberToken(joined, previous.start, end, text[previous.start:end], True)
            continue
        found.append(NumberToken(value, match.start(), end, text[match.start():end], grouped, scale=scale))
    for match in re.finditer(r"(?<!\w)([^\W\d_]+)(?!\w)", text):
        word = match.group(1).casefold()
        if word in HALF_MILLION:
            found.append(NumberToken(5e5, match.start(), match.end(), match.group(1), True, scale=1e6))
        elif word in HALVES and (scaled := WORD_SCALE.match(text, match.end())):
            found.append(_scaled(HALVES[word], match.start(), scaled, text))
    for value, start, end, _compound in _word_runs(text, language):
        scaled = WORD_SCALE.match(text, end)
        if scaled:  # 'two thousand', 'iki min', 'полутора тысяч': a number, not a word for people
            found.append(_scaled(value, start, scaled, text))
        else:
            found.append(NumberToken(value, start, end, text[start:end], False, word=True))
    return sorted(found, key=lambda token: token.start)


def _scaled(value: float, start: int, scaled: re.Match[str], text: str) -> NumberToken:
    scale = 1e3 if re.match(r"th|тыс|min", scaled.group(1), re.IGNORECASE) else 1e6
    return NumberToken(value * scale, start, scaled.end(), text[start:scaled.end()], True, scale=scale)
