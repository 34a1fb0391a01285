"""The extractor on text made of statement fragments in any order: it never fails, every quote is
a span of the text, and every figure is a positive number with a known metric and period type."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.places import load_gazetteer
from geo.statements import Statement, extract
from geo.statements.places import PlaceFinder
from tests.conftest import DATA

FINDER = PlaceFinder(*load_gazetteer(DATA / "geo"))
METRICS = {"area_reported_cleared", "ap_mines_found", "at_mines_found", "uxo_found", "items_found",
           "casualties", "killed", "injured", "area_contaminated", "area_planned"}
FRAGMENTS = [
    "1,616", "1 616", "8.086", "2.790,9", "1,3 mln", "5 тыс. 264,14", "453, 90", "129 min 831", "(", ")", ",",
    ".", "\n", "\n\n", ":", ";", " - ", "-dan çox", "more than", "около", "hectares", "hektar", "га", "kv.m",
    "anti-personnel mines", "противотанковых мин", "partlamamış hərbi sursat", "mines and UXO", "(cəmi:",
    "in total)", "killed", "injured", "погибли или покалечены", "həlak olub və ya yaralanıb", "of whom died",
    "(civilian: 49; military: 13)", "from June 10 through June 16", "с ноября 2020 года по 1 сентября",
    "2020-ci il noyabrından bu ilin sentyabrın 1-nə qədər", "14.08.2023 - 20.08.2023", "so far in 2024",
    "с 1990-х годов", "1990-cı illərdən", "since the end of last year's war", "ötən həftə", "в 2025 году",
    "2025-ci ildə", "AGHDAM, Azerbaijan, May 25.", "АГДАМ, 25 мая /Trend/ -", "Tərtər rayonunda", "Füzulidə",
    "в Лачинском районе", "Tartar, Aghdam, Lachin, Fuzuli and Zangilan", "Karabakh",
    "Qarabağ iqtisadi rayonu",
    "Nəticədə", "Таким образом", "A total of", "ümumilikdə isə", "told Trend on May 19", "1977 года рождения",
    "2019-cu ildə istehsal olunan", "125 mm-lik", "over the past 32 months", "two", "один", "iki",
    "Скончался",
    "ilk dörd ayında", "2022-ci ilin", "twenty-five", "сто двадцать", "%", "year", "manat",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40),
       st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2027, 12, 31)))
def test_any_mix_of_statement_fragments_gives_well_formed_figures(parts: list[str],
                                                                 published: dt.date) -> None:
    text = " ".join(parts)
    for figure in extract(Statement(text, published), FINDER):
        assert figure.metric in METRICS
        assert figure.value > 0
        assert figure.period_type in (None, "period", "cumulative", "point")
        assert figure.quote and figure.quote in text
