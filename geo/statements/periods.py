"""Periods as statements word them, in English, Russian and Azerbaijani, fixed against the
publication date: 'from June 10 through June 16', 'с 10 по 16 июня', 'iyunun 10-dan 16-dək',
'last week' / 'ötən həftə' / 'за прошедшую неделю', 'in 2025' / 'в 2025 году' / '2025-ci ildə',
'since November 10, 2020' (a running total), 'in February', 'yesterday'."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PERIOD = "period"
CUMULATIVE = "cumulative"
POINT = "point"
CEASEFIRE = dt.date(2020, 11, 10)
CONTEXT_WORDS = re.compile(r"liberat\w*|occup\w*|işğal\w*|azad ed\w*|азад|оккупац\w*|освобожд\w*|"
                           r"(?:the|44-day|patriotic) war|vətən müharibə\w*|войн\w*")
MONTH_STEMS = [
    ("jan", "январ", "yanvar"), ("feb", "феврал", "fevral"), ("mar", "март", "mart"),
    ("apr", "апрел", "aprel"), ("may", "ма[йяюе]", "may"), ("jun", "июн", "iyun"),
    ("jul", "июл", "iyul"), ("aug", "август", "avqust"), ("sep", "сентябр", "sentyabr"),
    ("oct", "октябр", "oktyabr"), ("nov", "ноябр", "noyabr"), ("dec", "декабр", "dekabr"),
]
MONTH = r"(?<!\w)(?P<{name}>" + "|".join(
    f"{en}[a-z]*\\.?|{ru}[а-я]*|{az}[a-zəığöüşç]*" for en, ru, az in MONTH_STEMS) + ")"
DAY = (r"(?P<{name}>[0-3]?\d)(?!\d)(?:st|nd|rd|th|"
       r"-?(?:ci|cı|cu|cü|dan|dən|ndan|ndən|da|də|nda|ndə|dək|dak|na|nə|a|ə|ya|yə|i|ı|u|ü)|-?(?:го|ого|е|ое))?")
YEAR = r"(?P<{name}>(?:19|20)\d\d)"
YEAR_WORD = r"(?:\s*(?:-?(?:ci|cı|cu|cü)\s+il\w*|год\w*|г\.|year))?"
YEAR_END_DAYS = 10
# since a decade ('с 1990-х годов', '1990-cı illərdən indiyədək', 'since the early 90s'): a running
# total whose start no day fixes
DECADE = re.compile(r"(?:(?:since|from|с|от)\s+(?:the\s+)?(?:(?:early|late|начала|конца)\s+)?)?"
                    r"(?<!\d)(?:19|20)?\d0(?:-?(?:х|е|ые)\s+годов|-?(?:х|е)\s+гг\.?|['’]?s\b|-?(?:cı|ci|cu|cü)\s+illər\w*)")
MADE = re.compile(r"istehsal|produced in|manufactured|made in|производств\w*|произведен\w*|изготовлен\w*|"
                  r"выпуск\w*")  # '2019-cu ildə Ermənistanda istehsal olunan': when a mine was made
RUNNING = re.compile(r"since|с\s+\d|с\s+момента|bəri|etibarən|indiyədək|bu\s+günədək|to date|so far|"
                     r"post-conflict|after the (?:war|conflict)|müharibədən sonra|"
                     r"после\s+(?:войны|окончания)|"
                     r"по настоящее время|по сей день|до сих пор")


def _pattern(template: str, **names: str) -> str:
    for key, value in names.items():
        template = template.replace("{" + key + "}", value.replace("{name}", key))
    return template


def _month_number(word: str) -> int:
    word = word.casefold()
    for number, stems in enumerate(MONTH_STEMS, start=1):
        if any(re.match(stem, word) for stem in stems):
            return number
    raise ValueError(word)


@dataclass(frozen=True)
class Period:
    """A period a text names: its bounds, its type and where it stands in the text."""

    start: dt.date | None
    end: dt.date | None
    kind: str
    position: int
    length: int = 0


def lower_same_length(text: str) -> str:
    """Lower-case the text without changing its length (so positions stay those of the text)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # 'İyul', 'İndiyədək': the dotted capital lowers to two characters
    return "".join(c.lower() if len(c.lower()) == 1 else "i" if c == "İ" else c for c in text)


def _year_for(month: int, published: dt.date) -> int:
    """The year of a month named without one: the latest not after the publication."""
    return published.year if month <= published.month else published.year - 1


def _date(day: str, month: str, year: str | None, published: dt.date) -> dt.date:
    number = _month_number(month)
    return dt.date(int(year) if year else _year_for(number, published), number, int(day))


RANGE_SAME_MONTH = [  # two days of one month
    _pattern(r"(?:from\s+|с\s+|between\s+)?{m}\s+{d1}\s*(?:-|–|—|to|through|till|until|and)\s*{d2}"
             r"(?:,?\s+{y})?", m=MONTH, d1=DAY, d2=DAY, y=YEAR),
    _pattern(r"(?:from\s+|с\s+|between\s+)?{d1}\s*(?:-|–|—|to|through|till|until|and|по|до)\s*{d2}\s+{m}"
             r"(?:,?\s+{y}{yw})?", m=MONTH, d1=DAY, d2=DAY, y=YEAR, yw=YEAR_WORD),
    _pattern(r"(?:{y}{yw}\s+)?{m}\s+{d1}(?:\s*(?:-|–|—)\s*|\s+)(?:dək|dan|dən)?\s*{d2}(?!\d)",
             m=MONTH, d1=DAY, d2=DAY, y=YEAR, yw=YEAR_WORD),
]
RANGE_YEAR_FIRST = _pattern(r"(?:{y1}{yw}\s+)?{m1}\s+(?P<d1>[0-3]?\d)-?n?d[əa]n\s+(?:{y2}{yw}\s+)?{m2}\s+"
                            r"{d2}", m1=MONTH, y1=YEAR, m2=MONTH, d2=DAY, y2=YEAR, yw=YEAR_WORD)
# the Azerbaijani official order first: '2020-ci il 10 noyabr tarixindən 2022-ci il 14 aprel tarixinədək'
RANGE_TWO_MONTHS = [
    RANGE_YEAR_FIRST,
    _pattern(r"(?:{y1}{yw}\s+)?{d1}\s+{m1}\s+tarix\w*\s+(?:{y2}{yw}\s+)?{d2}\s+{m2}(?:\s+tarix\w*)?",
             m1=MONTH, d1=DAY, y1=YEAR, m2=MONTH, d2=DAY, y2=YEAR, yw=YEAR_WORD),
    _pattern(r"(?:from\s+|с\s+|between\s+)?{m1}\s+{d1}(?:,?\s+{y1})?,?\s*(?:-|–|—|to|through|till|until|and)\s*"
             r"{m2}\s+{d2}(?:,?\s+{y2})?", m1=MONTH, d1=DAY, y1=YEAR, m2=MONTH, d2=DAY, y2=YEAR),
    _pattern(r"(?:from\s+|с\s+|between\s+)?{d1}\s+{m1}(?:\s+{y1}{yw})?,?\s*(?:-|–|—|to|through|till|until|and|по|до)"
             r"\s*{d2}\s+{m2}(?:\s+{y2}{yw})?", m1=MONTH, d1=DAY, y1=YEAR, m2=MONTH, d2=DAY, y2=YEAR,
             yw=YEAR_WORD),
]
YEAR_SO_FAR = _pattern(r"so far in {y}|(?:in|during) {y2} so far|"
                       r"{y3}-?(?:ci|cı|cu|cü)\s+il(?:in)?\s+(?:əvvəlindən\s+)?(?:indiyədək|bu günədək)|"
                       r"с начала {y4} года",
                       y=YEAR, y2=YEAR, y3=YEAR, y4=YEAR)
# '(14.08.2023 - 20.08.2023)'
NUMERIC_RANGE = re.compile(r"(?<!\d)(?P<d1>[0-3]?\d)\.(?P<mo1>[01]?\d)(?:\.(?P<y1>(?:19|20)\d\d))?"
                           r"\s*[-–—]\s*"
                           r"(?P<d2>[0-3]?\d)\.(?P<mo2>[01]?\d)\.(?P<y2>(?:19|20)\d\d)")
MONTH_TO_DAY = [  # from a month to a day: 'с ноября 2020 года по 1 сентября', 'from November 2020 to May 5'
    _pattern(r"(?:с|от|from|since|between)\s+{m1}(?:\s+{y1}{yw})?\s+(?:по|до|to|through|till|until|and)\s+"
             r"(?:(?P<d2>[0-3]?\d)(?!\d)(?:st|nd|rd|th|-?(?:го|ого|е))?\s+{m2}|{m3}\s+(?P<d3>[0-3]?\d)(?!\d)"
             r"(?:st|nd|rd|th)?,?)"
             r"(?:\s+{y2}{yw})?", m1=MONTH, y1=YEAR, m2=MONTH, m3=MONTH, y2=YEAR, yw=YEAR_WORD),
    _pattern(r"(?:{y1}{yw}\s+(?:ilin\s+)?)?(?P<m1>(?:" + "|".join(az for _en, _ru, az in MONTH_STEMS) +
             r")[a-zəığöüşç]*?(?:ından|indən|undan|ündən|dan|dən))(?:\s+ayından)?\s+(?:isə\s+)?"
             r"(?:{y2}{yw}\s+(?:ilin\s+)?)?{m2}\s+(?P<d2>[0-3]?\d)(?!\d)-?(?:[a-zəığöüşç]{0,3})?\s*(?:qədər|dək|tarixinədək)?",
             y1=YEAR, y2=YEAR, m2=MONTH, yw=YEAR_WORD),
]
SINGLE_DATE = [
    _pattern(r"{y}{yw}\s+{d}\s+{m}", m=MONTH, d=DAY, y=YEAR, yw=YEAR_WORD),  # '2024-cü il 27 aprel'
    _pattern(r"{y}{yw}\s+{m}\s+{d}", m=MONTH, d=DAY, y=YEAR, yw=YEAR_WORD),
    _pattern(r"{m}(?<!da|də|ta|tə)\s+{d}(?:,?\s+{y})?(?!\d)", m=MONTH, d=DAY, y=YEAR),  # not 'iyulda 2 mina'
    _pattern(r"(?<!\d){d}\s+{m}(?:\s+{y}{yw})?", m=MONTH, d=DAY, y=YEAR, yw=YEAR_WORD),
    r"(?P<y>(?:19|20)\d\d)-(?P<mo>\d\d)-(?P<d>\d\d)",
    r"(?<!\d)(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?P<y>(?:19|20)\d\d)",
]
YEAR_RANGE = _pattern(r"(?:between|from|с|in|в)?\s*{y1}\s*(?:-|–|—|to|and|по|до)\s*{y2}"
                      r"(?:{yw}|\s*-?(?:cü|ci|cı|cu)?\s*ill\w*|\s+годах|\s+годы|\s+гг\.?)?",
                      y1=YEAR, y2=YEAR, yw=YEAR_WORD)
AZ_COUNTS = "iki|üç|dörd|beş|altı|yeddi|səkkiz|doqquz|on|on bir"
FIRST_MONTHS = _pattern(r"(?:first|первые|ilk)\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|"
                        r"eleven|"
                        r"два|три|четыре|пять|шесть|семь|восемь|девять|десять|одиннадцать|" + AZ_COUNTS +
                        r")\s+"
                        r"(?:months?|месяц\w*|"
                        r"ay\w*)(?:\s+(?:of\s+)?{y}{yw})?", y=YEAR, yw=YEAR_WORD)
YEAR_FIRST_MONTHS = _pattern(r"{y}{yw}\s+(?:ilin\s+)?(?:ilk\s+)?(?P<n>\d{1,2}|" + AZ_COUNTS + r")\s+ay\w*",
                             y=YEAR, yw=YEAR_WORD)
QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                 "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
                 "перв": 1, "втор": 2, "трет": 3, "четверт": 4,
                 "birinci": 1, "ikinci": 2, "üçüncü": 3, "dördüncü": 4}
QUARTER = _pattern(
    r"(?<!\w)(?P<q>first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter(?:\s+of)?(?:\s+{y}|\s+(?:this|the)\s+year)?|"
    r"(?<!\w)q(?P<qn>[1-4])\s+{y2}|"
    r"(?<!\w)(?P<qr>перв|втор|трет|четверт|i{1,3}|iv)\w*\s+квартал\w*(?:\s+{y3}{yw}|\s+(?:этого|текущего)\s+года)?|"
    r"(?:{y4}{yw}\s+(?:ilin\s+)?)?(?P<qa>birinci|ikinci|üçüncü|dördüncü|i{1,3}|iv|[1-4]-?(?:ci|cı|cu|cü))\s+rüb\w*",
    y=YEAR, y2=YEAR.replace("{name}", "y2"), y3=YEAR.replace("{name}", "y3"), y4=YEAR.replace("{name}", "y4"),
    yw=YEAR_WORD)
HALF = _pattern(  # 'first half of 2025', 'в первом полугодии 2025 года', '2025-ci ilin birinci yarısında'
    r"(?<!\w)(?P<h>first|second|1st|2nd)\s+half(?:\s+of)?(?:\s+{y}|\s+(?:this|the)\s+year)?|"
    r"(?<!\w)(?P<hr>перв|втор)\w*\s+(?:полугоди\w*|половин\w*)(?:\s+{y2}{yw}|\s+(?:этого|текущего)\s+года)?|"
    r"(?:{y3}{yw}\s+(?:ilin\s+)?)?(?P<ha>birinci|ikinci|i|ii|1-?ci|2-?ci)\s+(?:yarı\w*|yarımil\w*)",
    y=YEAR, y2=YEAR.replace("{name}", "y2"), y3=YEAR.replace("{name}", "y3"), yw=YEAR_WORD)
HALF_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "перв": 1, "втор": 2, "birinci": 1, "ikinci": 2,
              "i": 1, "ii": 2, "1-ci": 1, "1ci": 1, "2-ci": 2, "2ci": 2}
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
               "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "iki": 2, "üç": 3, "dörd": 4,
               "beş": 5, "altı": 6, "yeddi": 7, "səkkiz": 8, "doqquz": 9, "on": 10, "on bir": 11}
MONTH_RANGE = _pattern(r"(?:between|from|с|в период с)\s+{m1}(?:\s+{y1}{yw})?\s*"
                       r"(?:and|to|through|till|until|-|–|по|до)"
                       r"\s*{m2}(?:\s+{y2}{yw})?", m1=MONTH, y1=YEAR, m2=MONTH, y2=YEAR, yw=YEAR_WORD)
MONTH_SPAN = _pattern(  # 'yanvar-iyun aylarında', 'в январе-июне 2025 года', 'January-June 2025'
    r"(?:{y0}{yw}\s+(?:ilin\s+)?)?(?:(?:in|during|for|в|за)\s+)?{m1}\s*[-–—]\s*{m2}(?:,?\s+{y}{yw})?(?:\s+ay\w*)?",
    y0=YEAR.replace("{name}", "y0"), m1=MONTH, m2=MONTH, y=YEAR, yw=YEAR_WORD)
MONTH_ALONE = _pattern(r"(?:in|during|for|throughout|в течение|на протяжении|в|за|ayında|ərzində)?\s*{m}"
                       r"(?:\s+{y}{yw})?(?:\s+ayı\w*)?",
                       m=MONTH, y=YEAR, yw=YEAR_WORD)
YEAR_ALONE = _pattern(r"(?<![\d.,])(?:(?:in|during|for|since|from|в|за|с|до)\s+{y}(?P<yw>{yw})|"
                      r"{y2}(?P<yw2>\s*(?:-?(?:ci|cı|cu|cü)\s+il\w*|год\w*|г\.)))(?!\d|[.,]\d)"
                      r"(?!\w)(?!\s*(?:рожд|р\.|təvəllüd|doğum|doğul))",  # '1977 года рождения': a birth year
                      y=YEAR, y2=YEAR.replace("{name}", "y2"), yw=YEAR_WORD)
# 'с ноября (2020 года) по сегодняшний день', 'since November 2020', '2020-ci ilin noyabr ayından bu günədək'
MONTH_SINCE = [
    _pattern(r"(?<!\w)(?:since|starting from|starting in|с|начиная с)\s+{m}(?:\s+{y}{yw})?(?!\s*[0-3]?\d\b)",
             m=MONTH, y=YEAR, yw=YEAR_WORD),
    _pattern(r"(?:{y}{yw}\s+)?{m}\s+ayından(?=\s*(?:isə\s+)?(?:bəri|etibarən|başlayaraq|bu\s*günədək|"
             r"bu\s+günə\s+qədər|indiyədək|indiyə\s+qədər|(?:hazırkı|hazırki|indiki|bu)\s+vaxta(?:dək|\s+qədər)))",
             m=MONTH, y=YEAR, yw=YEAR_WORD),
]
AZ_MONTH_LOCATIVE = re.compile(  # 'iyulda', 'oktyabrda': in July, in October
    "(?:" + "|".join(az for _en, _ru, az in MONTH_STEMS) + ")(?:da|də|ta|tə)")
RUNNING_AFTER_MONTH = re.compile(r"\s*(?:года\s+)?(?:по\s+(?:сегодняшний|настоящий|нынешний)\s+"
                                 r"(?:день|момент)|по\s+настоящее\s+время|по\s+сей\s+день|до\s+сих\s+пор|до\s+настоящего|to\s+date|"
                                 r"to\s+this\s+day|until\s+now|so\s+far|bəri|etibarən|bu\s*günədək|indiyədək)")
RANGE_FOLLOWS = re.compile(r"\s*(?:года\s+)?(?:по|до|to|through|till|until|and|-|–|—)\s")
POSTWAR_WITH_YEAR = re.compile(  # before the years: '2020-ci ilin müharibəsinin bitməsindən bəri'
    r"(?:(?:19|20)\d\d-?(?:ci|cı|cu|cü)\s+ilin\s+)?(?:vətən\s+|44\s+günlük\s+)?müharibə(?:si)?nin\s+"
    r"(?:bitməsindən|başa\s+çatmasından|sonundan|bitdiyi\s+vaxtdan)\s+(?:bəri|sonra|etibarən)|"
    r"(?:since|after)\s+the\s+end\s+of\s+the\s+(?:(?:19|20)\d\d\s+)?(?:44-day\s+|second\s+karabakh\s+|patriotic\s+)?"
    r"war(?:\s+in\s+(?:19|20)\d\d)?|"
    r"(?:с\s+(?:момента\s+)?|после\s+)(?:окончания|конца|завершения)\s+(?:(?:44-дневной|второй|карабахской|"
    r"отечественной)\s+){0,3}войны(?:\s+(?:в\s+)?(?:19|20)\d\d\s+года)?|"
    r"с\s+(?:44-дневной|второй\s+карабахской|отечественной)\s+(?:отечественной\s+)?войны")
YEAR_END = _pattern(r"{y}{yw}\s+(?:ilin\s+)?(?:sonunadək|sonuna\s+qədər|sonuna\s+kimi)|"
                    r"(?:до|к)\s+конц[ау]\s+{y2}\s+года|(?:by|until|till|to)\s+the\s+end\s+of\s+{y3}",
                    y=YEAR, y2=YEAR.replace("{name}", "y2"), y3=YEAR.replace("{name}", "y3"), yw=YEAR_WORD)
LAST_YEARS = re.compile(r"(?:over|in|during|for)\s+the\s+(?:last|past)\s+(?:\d+|two|three|four|five|six|"
                        r"seven|eight|nine|ten)\s+(?:years|months)|за\s+последние\s+(?:\d+|два|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+"
                        r"(?:лет|года|месяц\w*)|son\s+(?:\d+|iki|üç|dörd|beş|altı|yeddi|səkkiz|doqquz|on)\s+"
                        r"(?:il|ay)(?:da|də|\s+ərzində)")
RELATIVE = [
    # first: 'since the end of last year's war' is the war's end, not last year
    (r"(?:since|after|following) the (?:signing of the )?(?:peace deal|ceasefire|(?:trilateral|tripartite) "
     r"(?:peace )?(?:statement|declaration|agreement))|"
     r"since the end of (?:the|last year's) (?:44-day )?(?:war|conflict|hostilities)|"
     r"after the (?:44-day |second karabakh |patriotic )?war\b(?! of)|post-(?:war|conflict)|"
     r"since the (?:2020 |44-day |patriotic |second karabakh )?war\b(?! of)(?: ended)?|"
     r"müharibədən sonra|vətən müharibəsindən sonra|"
     r"после (?:окончания )?(?:44-дневной |отечественной )?войны|с момента окончания войны|"
     r"со дня окончания (?:44-дневной |отечественной |второй карабахской )?войны|"
     r"(?:после|с момента|со дня) подписания трехсторонне\w+ (?:заявлени|соглашени)\w*|"
     r"üçtərəfli bəyanatın imzalanmasından (?:sonra|bəri)|müharibə(?:nin)? bitdikdən sonra|"
     r"(?:44 günlük |vətən )?müharibədən bəri|44 günlük müharibədən sonra|"
     r"(?:ikinci qarabağ|vətən|44 günlük) müharibəsindən (?:bu\s*günədək|bu günə qədər|bəri|sonra|indiyədək)|"
     r"müharibə bitəndən (?:bəri|sonra)",
     "postwar"),
    (r"last week|past week|previous week|this week|the week|weekly|ötən həftə|keçən həftə|son həftə|"
     r"həftə ərzində|прошедшую неделю|прошлую неделю|прошлой неделе|минувшую неделю|минувшей неделе|"
     r"за неделю|(?:за|в течение)\s+последнюю неделю|на этой неделе|за истекшую неделю|son bir həftədə|"
     r"bir həftə ərzində|in the last week|over the last seven days|son yeddi gündə|за последние семь дней",
     "week"),
    (r"last month|past month|previous month|ötən ay|keçən ay|прошлом месяце|прошедший месяц|минувший месяц|"
     r"прошлый месяц|минувшем месяце|истекший месяц|истекшем месяце|son bir ayda|bir ay ərzində",
     "month"),
    (r"this year|since the (?:start|beginning) of (?:the|this) year|so far this year|year to date|"
     r"ilin əvvəlindən|bu il|с начала (?:этого |текущего )?года|в этом году|в текущем году", "year"),
    (r"last year|past year|ötən il|keçən il|в прошлом году|в минувшем году|за прошлый год|за минувший год",
     "last_year"),
    (r"за год|в течение года|bu il ərzində|over the year|during the year", "the_year"),
    (r"yesterday|dünən|вчера|накануне(?!\s+(?:дня|праздник|нов\w+ год))", "yesterday"),
    (r"(?:по состоянию на|as of)(?!\s+\d)|на сегодняшний день|на сегодня|на данный момент|на текущий момент|"
     r"as of today|to this day|to date|so far|thus far|up to now|until now|до сих пор|по настоящее время|"
     r"по сей день|по сегодняшний день|по нынешний день|по текущий день|bu günə qədər|bu günədək|bugünədək|"
     r"indiyədək|indiyə qədər|(?:hazırkı|hazırki|indiki|bu) vaxtadək|(?:hazırkı|hazırki|indiki) vaxta qədər|"
     r"до сегодняшнего дня|до настоящего времени|during the years of its (?:activity|operation)|"
     r"since (?:its|the agency's) (?:establishment|foundation|creation)|за годы (?:своей )?деятельности|"
     r"с момента (?:своего )?(?:создания|основания)|fəaliyyəti (?:dövründə|ərzində)|"
     r"yarandığı (?:gündən|vaxtdan)",
     "to_date"),
    (r"today|bu gün(?!ə)|сегодня(?!шн)", "today"),
]


def _safe(build) -> Period | None:
    try:
        return build()
    except (ValueError, KeyError, IndexError, TypeError, StopIteration):
        return None


ANY_MONTH = MONTH.replace("(?P<{name}>", "(?:")
MONTH_AHEAD = "(?=\\s+" + ANY_MONTH + ")"
RELATIVE_YEAR_DATES = [  # a date's year said relative to the publication: 'keçən il noyabrın 11-dən'
    (re.compile(r"(?<!\w)(?:keçən|ötən)\s+il(?:in)?" + MONTH_AHEAD), -1),
    (re.compile(r"(?<!\w)(?:cari|bu)\s+il(?:in)?" + MONTH_AHEAD), 0),
    (re.compile(r"(?<!\w)(?:last|previous)\s+year'?s?" + MONTH_AHEAD), -1),
    (re.compile(r"(?<!\w)this\s+year'?s?" + MONTH_AHEAD), 0),
    (re.compile(ANY_MONTH + r"\s+(?:\d{1,2}\s+)?(?P<rel>last year|of last year)"), -1),
    (re.compile(ANY_MONTH + r"\s+(?:\d{1,2}\s+)?(?P<rel>this year|of this year)"), 0),
    (re.compile(ANY_MONTH + r"\s+(?P<rel>прошлого\s+года)"), -1),
    (re.compile(ANY_MONTH + r"\s+(?P<rel>(?:текущего|этого|нынешнего|сего)\s+года)"), 0),
]


def _absolute_years(lowered: str, published: dt.date) -> str:
    """The text with a date's relative year ('keçən il', 'прошлого года', 'last year') written as
    the year it means, padded to the same length so that positions stay those of the text."""
    for pattern, offset in RELATIVE_YEAR_DATES:
        def absolute(match: re.Match, offset: int = offset) -> str:
            span = match.span("rel") if "rel" in match.re.groupindex else match.span()
            said = match.group(0)
            start, end = span[0] - match.start(), span[1] - match.start()
            year = str(published.year + offset)
            if end - start < len(year):
                return said
            return said[:start] + year.ljust(end - start) + said[end:]
        lowered = pattern.sub(absolute, lowered)
    return lowered


def find_periods(text: str, published: dt.date) -> list[Period]:
    """Every period the text names, in text order, with bounds fixed against `published`."""
    lowered = _absolute_years(lower_same_length(text), published)
    found: list[Period] = []
    taken: list[tuple[int, int]] = []

    def add(period: Period | None, match: re.Match) -> None:
        said = match.group(0)
        start = match.start() + len(said) - len(said.lstrip())  # not the line break before it
        if period is None or any(s < match.end() and start < e for s, e in taken):
            return
        taken.append((start, match.end()))
        found.append(Period(period.start, period.end, period.kind, start, match.end() - start))

    for m in re.finditer(DECADE, lowered):
        add(Period(None, published, CUMULATIVE, 0), m)
    for m in re.finditer(YEAR_SO_FAR, lowered):
        def so_far(m=m) -> Period:
            year = int(next(y for y in m.group("y", "y2", "y3", "y4") if y))
            return Period(dt.date(year, 1, 1), min(dt.date(year, 12, 31), published), PERIOD, 0)
        add(_safe(so_far), m)
    for m in re.finditer(NUMERIC_RANGE, lowered):
        def numeric(m=m) -> Period:
            start = dt.date(int(m.group("y1") or m.group("y2")), int(m.group("mo1")), int(m.group("d1")))
            end = dt.date(int(m.group("y2")), int(m.group("mo2")), int(m.group("d2")))
            return Period(start, end, PERIOD, 0) if start <= end else None
        add(_safe(numeric), m)
    for pattern in MONTH_TO_DAY:
        for m in re.finditer(pattern, lowered):
            def month_to_day(m=m) -> Period:
                groups = m.groupdict()
                said = ("d2", "m2") if groups.get("d2") else ("d3", "m3")
                day, month = groups[said[0]], groups[said[1]]
                end = _date(day, month, groups.get("y2"), published)
                first = _month_number(groups["m1"])
                inferred = end.year if first <= end.month else end.year - 1
                year = int(groups["y1"]) if groups.get("y1") else inferred
                return Period(dt.date(year, first, 1), end, PERIOD, 0)
            add(_safe(month_to_day), m)
    for pattern in RANGE_TWO_MONTHS:
        for m in re.finditer(pattern, lowered):
            def two(m=m) -> Period:
                year2 = m.group("y2") or m.group("y1")
                end = _date(m.group("d2"), m.group("m2"), year2, published)
                start = _date(m.group("d1"), m.group("m1"), m.group("y1") or str(
                    end.year if _month_number(m.group("m1")) <= end.month else end.year - 1), published)
                if end < start and not m.group("y2"):  # 'from November 10, 2020 to October 28': the next year
                    end = end.replace(year=start.year + 1)
                return Period(start, end, PERIOD, 0)
            add(_safe(two), m)
    for pattern in RANGE_SAME_MONTH:
        for m in re.finditer(pattern, lowered):
            def same(m=m) -> Period:
                start = _date(m.group("d1"), m.group("m"), m.group("y"), published)
                end = _date(m.group("d2"), m.group("m"), m.group("y"), published)
                return Period(start, end, PERIOD, 0) if start <= end else None
            add(_safe(same), m)
    for pattern in SINGLE_DATE:
        for m in re.finditer(pattern, lowered):
            def single(m=m) -> Period:
                groups = m.groupdict()
                if "mo" in groups:
                    day = dt.date(int(groups["y"]), int(groups["mo"]), int(groups["d"]))
                else:
                    day = _date(groups["d"], groups["m"], groups.get("y"), published)
                return Period(day, day, POINT, 0)
            add(_safe(single), m)
    for m in re.finditer(YEAR_RANGE, lowered):
        def years(m=m) -> Period:
            first, last = int(m.group("y1")), int(m.group("y2"))
            if not first < last:
                raise ValueError(m.group(0))
            end = dt.date(last, 12, 31)  # a plan's years to come run to their end
            return Period(dt.date(first, 1, 1), end if last > published.year else min(end, published),
                          PERIOD, 0)
        add(_safe(years), m)
    for pattern in (YEAR_FIRST_MONTHS, FIRST_MONTHS):  # '2022-ci ilin ilk dörd ayında' names its year
        for m in re.finditer(pattern, lowered):
            def first_months(m=m) -> Period:
                count = int(m.group("n")) if m.group("n").isdigit() else COUNT_WORDS[m.group("n")]
                year = int(m.group("y")) if m.group("y") else published.year
                if not 1 <= count <= 12:
                    raise ValueError(m.group(0))
                return Period(dt.date(year, 1, 1), dt.date(year, count, calendar.monthrange(year, count)[1]),
                              PERIOD, 0)
            add(_safe(first_months), m)
    for m in re.finditer(HALF, lowered):
        def half(m=m) -> Period:
            number = HALF_WORDS[next(w for w in (m.group("h"), m.group("hr"), m.group("ha")) if w)]
            year = int(next((y for y in (m.group("y"), m.group("y2"), m.group("y3")) if y), published.year))
            end = dt.date(year, 6, 30) if number == 1 else dt.date(year, 12, 31)
            start = dt.date(year, 1, 1) if number == 1 else dt.date(year, 7, 1)
            return Period(start, min(end, published), PERIOD, 0)
        add(_safe(half), m)
    for m in re.finditer(QUARTER, lowered):
        def quarter(m=m) -> Period:
            word = next(w for w in (m.group("q"), m.group("qn"), m.group("qr"), m.group("qa")) if w)
            number = QUARTER_WORDS[re.sub(r"(?<=\d)-?(?:ci|cı|cu|cü)$", "", word)]
            year = int(next((y for y in (m.group("y"), m.group("y2"), m.group("y3"), m.group("y4")) if y),
                            published.year))
            last = dt.date(year, 3 * number, calendar.monthrange(year, 3 * number)[1])
            end = min(last, published) if year == published.year else last
            return Period(dt.date(year, 3 * number - 2, 1), end, PERIOD, 0)
        add(_safe(quarter), m)
    for m in re.finditer(MONTH_RANGE, lowered):
        def months(m=m) -> Period:
            first, last = _month_number(m.group("m1")), _month_number(m.group("m2"))
            year2 = int(m.group("y2")) if m.group("y2") else _year_for(last, published)
            year1 = int(m.group("y1")) if m.group("y1") else (year2 if first <= last else year2 - 1)
            end = dt.date(year2, last, calendar.monthrange(year2, last)[1])
            if end.replace(day=1) <= published < end:  # 'по октябрь 2022' said in October 2022
                end = published
            return Period(dt.date(year1, first, 1), end, PERIOD, 0)
        add(_safe(months), m)
    for m in re.finditer(MONTH_SPAN, lowered):
        def span(m=m) -> Period:
            first, last = _month_number(m.group("m1")), _month_number(m.group("m2"))
            said = m.group("y") or m.group("y0")
            year2 = int(said) if said else _year_for(last, published)
            year1 = year2 if first <= last else year2 - 1
            end = dt.date(year2, last, calendar.monthrange(year2, last)[1])
            return Period(dt.date(year1, first, 1), min(end, published), PERIOD, 0)
        add(_safe(span), m)
    for m in re.finditer(POSTWAR_WITH_YEAR, lowered):
        add(Period(CEASEFIRE, published, CUMULATIVE, 0), m)
    for pattern in MONTH_SINCE:
        for m in re.finditer(pattern, lowered):
            if pattern is MONTH_SINCE[0] and not RUNNING_AFTER_MONTH.match(lowered, m.end()) \
                    and RANGE_FOLLOWS.match(lowered, m.end()):
                continue  # 'с ноября по март' is a range; 'с ноября по сегодняшний день' a running total

            def since_month(m=m) -> Period:
                number = _month_number(m.group("m"))
                year = int(m.group("y")) if m.group("y") else _year_for(number, published)
                return Period(dt.date(year, number, 1), published, CUMULATIVE, 0)
            add(_safe(since_month), m)
            if running := RUNNING_AFTER_MONTH.match(lowered, m.end()):  # 'по сегодняшний день': no day
                taken.append((m.end(), running.end()))
    for m in re.finditer(YEAR_END, lowered):
        def year_end(m=m) -> Period:
            number = int(m.group("y") or m.group("y2") or m.group("y3"))
            end = dt.date(number, 12, 31)
            return Period(None, end, CUMULATIVE if end <= published else PERIOD, 0)
        add(_safe(year_end), m)
    for m in re.finditer(LAST_YEARS, lowered):
        add(Period(None, published, CUMULATIVE, 0), m)
    for m in re.finditer(MONTH_ALONE, lowered):
        said = m.group(0).strip() + " "
        if not re.match(r"(?:in|during|for|throughout|в течение|на протяжении|в|за)\s", said) \
                and not re.search(r"\say\w*$", m.group(0)) and not m.group("y") \
                and not AZ_MONTH_LOCATIVE.fullmatch(m.group("m")):
            continue

        def month(m=m) -> Period:
            number = _month_number(m.group("m"))
            year = int(m.group("y")) if m.group("y") else _year_for(number, published)
            last = calendar.monthrange(year, number)[1]
            return Period(dt.date(year, number, 1), dt.date(year, number, last), PERIOD, 0)
        add(_safe(month), m)
    for m in re.finditer(YEAR_ALONE, lowered):
        def year(m=m) -> Period:
            number = int(m.group("y") or m.group("y2"))
            if re.match(r"до\s", m.group(0).strip()):  # 'до 2026 года': a plan's deadline
                return Period(None, dt.date(number, 12, 31), PERIOD, 0)
            last = dt.date(number, 12, 31)
            end = last if number > published.year or (last - published).days <= YEAR_END_DAYS \
                else min(last, published)  # a year's report published in its last days covers all of it
            return Period(dt.date(number, 1, 1), end, PERIOD, 0)
        add(_safe(year), m)
    for pattern, what in RELATIVE:
        for m in re.finditer(pattern, lowered):
            ends = [p.position + p.length for p in found if 0 <= m.start() - p.position - p.length <= 14]
            if what == "to_date" and any(re.fullmatch(r"[^\d.,;:!?]*", lowered[e:m.start()]) for e in ends):
                continue  # '10 noyabr 2020-ci il tarixindən bu günədək': the end of that date's running total
            if what == "to_date" and (since := _day_since(found, lowered, m.start())):
                found[found.index(since)] = Period(since.start, published, CUMULATIVE, since.position,
                                                   m.end() - since.position)
                taken.append((m.start(), m.end()))
                continue  # '2020-ci ilin 10 noyabr razılaşması ilə ... dayandırılandan bu günə qədər'
            add(_relative(what, published), m)
    found = [p for p in found
             if not MADE.search(lowered, max(0, p.position - 30), p.position + p.length + 40)]
    found.sort(key=lambda p: p.position)
    periods = [_since_the_war(_running(p, lowered, published), published) for p in found]
    return [p for p in periods
            if not _context_year(p, periods, lowered) and not _dates_the_start(p, periods, lowered)]


def _day_since(found: list[Period], lowered: str, position: int) -> Period | None:
    """A day a running total starts from, told as an event ending in '-dan/-dən' before 'bu günə
    qədər': '2020-ci ilin 10 noyabr razılaşması ilə döyüş əməliyyatları dayandırılandan bu günə qədər'."""
    for period in sorted(found, key=lambda p: -p.position):
        end = period.position + period.length
        if period.kind == POINT and 0 <= position - end <= 110 \
                and re.fullmatch(r"[^\d.;:!?]*?\w+(?:dan|dən)\s+", lowered[end:position]):
            return period
    return None


def _dates_the_start(period: Period, periods: list[Period], lowered: str) -> bool:
    """A day right after a running total's words that only dates its start ('since the end of
    the Patriotic War on November 10th, 2020'), not a period of its own."""
    if period.kind != POINT or period.start is None:
        return False
    return any(p.kind == CUMULATIVE and p.start is not None and abs((period.start - p.start).days) <= 31
               and 0 <= period.position - (p.position + p.length) <= 6
               and re.fullmatch(r"\s*(?:on|of|in|,|—|-|–)?\s*",
                                lowered[p.position + p.length:period.position])
               for p in periods)


def _context_year(period: Period, periods: list[Period], lowered: str) -> bool:
    """A year that only dates the war or the liberation ('liberated from occupation in 2020',
    'since the end of the war in 2020') is context, not the period of a figure."""
    if period.kind != PERIOD or not period.start or period.start.day != 1:
        return False
    after_running = any(p.kind == CUMULATIVE and 0 <= period.position - (p.position + p.length) <= 6
                        for p in periods)  # 'after the signing of the trilateral statement in November 2020'
    if period.start.month != 1:
        return after_running and period.end is not None and (period.end + dt.timedelta(days=1)).day == 1
    before = lowered[max(0, period.position - 40):period.position]
    if re.match(r"\s*\d", lowered[period.position + period.length:]):  # '2020-ci ildə 8799 ədəd'
        return after_running
    return bool(CONTEXT_WORDS.search(before)) or after_running


def _since_the_war(period: Period, published: dt.date) -> Period:
    """A total from the ceasefire month (November 2020) on, over more than half a year, or over
    years up to the day of publication, is a running total, not a period's figure."""
    if period.kind != PERIOD or not period.start or not period.end:
        return period
    from_the_war = period.start.year == CEASEFIRE.year and period.start.month == CEASEFIRE.month
    to_the_day = period.end == published and (period.end - period.start).days > 366
    if (from_the_war and (period.end - period.start).days > 183) or to_the_day:
        return Period(period.start, period.end, CUMULATIVE, period.position, period.length)
    return period


def _relative(what: str, published: dt.date) -> Period:
    if what == "week":  # the Monday-to-Sunday week before the publication's week
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return Period(monday, monday + dt.timedelta(days=6), PERIOD, 0)
    if what == "month":
        last = published.replace(day=1) - dt.timedelta(days=1)
        return Period(last.replace(day=1), last, PERIOD, 0)
    year_end = dt.date(published.year, 12, 31)
    so_far = year_end if (year_end - published).days <= YEAR_END_DAYS else published
    if what == "year":
        return Period(dt.date(published.year, 1, 1), so_far, PERIOD, 0)
    if what == "the_year":  # said early in a year, the year just ended; later, this year so far
        if published.month <= 2:
            return Period(dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31), PERIOD, 0)
        return Period(dt.date(published.year, 1, 1), so_far, PERIOD, 0)
    if what == "last_year":
        return Period(dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31), PERIOD, 0)
    if what == "postwar":  # the ceasefire of 10 November 2020
        return Period(CEASEFIRE, published, CUMULATIVE, 0)
    if what == "to_date":
        return Period(None, published, CUMULATIVE, 0)
    if what == "yesterday":
        day = published - dt.timedelta(days=1)
        return Period(day, day, POINT, 0)
    return Period(published, published, POINT, 0)


def _running(period: Period, lowered: str, published: dt.date) -> Period:
    """A start date after 'since' (or before '-dan bəri') is the start of a running total."""
    before = lowered[max(0, period.position - 30):period.position]
    after = lowered[period.position + period.length:period.position + period.length + 30]
    since_before = re.search(r"(?:since|starting from|from|с|начиная с|от)\s*(?:the\s+)?$", before)
    since_after = re.match(r"\s*(?:-?(?:dan|dən|ndan|ndən|tan|tən)?\s*(?:tarix(?:in)?d[əa]n\s+)?(?:bəri|"
                           r"etibarən|başlayaraq|bu\s*günədək|bu\s+günə\s+qədər|indiyədək|indiyə\s+qədər))",
                           after)
    said = lowered[period.position:period.position + period.length]
    from_year = re.search(r"(?:il|year)(?:dən|dan)$", said)
    since_said = (period.kind != CUMULATIVE and re.match(r"(?:since|с)\s+\D{0,12}\d", said)
                  and not re.search(r"\s(?:по|до|to|through|and|till|until)\s|[-–—]", said))
    if (since_before and not re.match(r"\s*(?:to|through|till|until|по|до|-|–)\s*\d", after)) or since_after \
            or from_year or since_said:
        return Period(period.start, published, CUMULATIVE, period.position, period.length)
    return period


def is_running_total(context: str) -> bool:
    """Whether words near a figure make it a running total ('since', 'in total', 'bu günədək')."""
    return bool(RUNNING.search(lower_same_length(context)))
