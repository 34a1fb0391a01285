"""Statement forms found in real statements this round, each in English, Russian and Azerbaijani
where the form exists in all three: spans from a month to a day, running totals told from an
event, breakdowns by population, totals in brackets, places and the years a text only mentions."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.places import load_gazetteer
from geo.statements import Statement, extract
from geo.statements.numbers import find_numbers
from geo.statements.periods import find_periods
from geo.statements.places import PlaceFinder
from tests.conftest import DATA

PUBLISHED = dt.date(2023, 9, 26)


@pytest.fixture(scope="module")
def finder() -> PlaceFinder:
    return PlaceFinder(*load_gazetteer(DATA / "geo"))


def figures(text: str, finder: PlaceFinder, published: dt.date = PUBLISHED) -> list[dict]:
    return [f.as_json() for f in extract(Statement(text, published), finder)]


def spans(text: str, published: dt.date = PUBLISHED) -> list[tuple[str | None, str | None, str]]:
    return [(p.start and p.start.isoformat(), p.end and p.end.isoformat(), p.kind)
            for p in find_periods(text, published)]


@pytest.mark.parametrize("text", [
    "From November 2020 to September 1, 2023, 95,318 hectares were cleared.",
    "С ноября 2020 года по 1 сентября текущего года очищено 95 318 га.",
    "2020-ci il noyabrından bu ilin sentyabrın 1-nə qədər 95 318 hektar ərazi təmizlənib.",
])
def test_a_span_from_a_month_to_a_day_is_one_running_total(finder, text: str) -> None:
    figure = figures(text, finder)[0]
    assert (figure["value"], figure["period_type"], figure["period_start"], figure["period_end"]) == (
        95318, "cumulative", "2020-11-01", "2023-09-01")


def test_a_span_between_two_months_of_a_year_is_not_read_as_a_day() -> None:
    assert spans("between January and July 2025") == [("2025-01-01", "2025-07-31", "period")]


@pytest.mark.parametrize("text", [
    "Since the end of the Patriotic War on November 10th, 2020 nearly 300 citizens have been killed or "
    "wounded.",
    "После окончания 44-дневной Отечественной войны 300 человек стали жертвами мин.",
    "2020-ci ilin 10 noyabr razılaşması ilə döyüş əməliyyatları dayandırılandan bu günə qədər 300 nəfər "
    "mina qurbanı olub.",
    "İkinci Qarabağ müharibəsindən bu günədək 300 nəfər minadan zərər çəkib.",
    "During the period following the signing of the Tripartite Declaration on November 10, 2020, up to 300 "
    "people became victims of mines.",
])
def test_a_running_total_since_the_war_whatever_words_date_it(finder, text: str) -> None:
    figure = figures(text, finder)[0]
    assert (figure["value"], figure["period_type"], figure["period_start"], figure["period_end"]) == (
        300, "cumulative", "2020-11-10", PUBLISHED.isoformat())


@pytest.mark.parametrize("text", [
    "2020-ci ilin noyabr ayından hazırki vaxtadək isə ümumilikdə 417 şəxs bu hadisələrin qurbanı olub.",
    "Since November 2020, 417 people have been victims of these blasts.",
    "С ноября 2020 года по настоящее время жертвами стали 417 человек.",
])
def test_a_running_total_from_a_month_to_now(finder, text: str) -> None:
    figure = figures(text, finder)[0]
    assert (figure["period_type"], figure["period_start"], figure["period_end"]) == (
        "cumulative", "2020-11-01", PUBLISHED.isoformat())


@pytest.mark.parametrize("text, killed", [
    ("Since the war, 302 citizens fell victim to mines, 57 of whom died, and 245 were injured.", 57),
    ("Nearly 3400 citizens suffered from mines, with 587 losing their lives.", 587),
    ("In 2024 mine explosions claimed the lives of five people.", 5),
    ("Скончался один из подорвавшихся накануне на мине в Лачине.\nАгентство сообщило об этом.", 1),
])
def test_words_for_dying_around_the_number(finder, text: str, killed: int) -> None:
    assert [f["value"] for f in figures(text, finder) if f["metric"] == "killed"] == [killed]


@pytest.mark.parametrize("text, metric", [
    ("36 nəfər mülki şəxs isə azad olunmuş ərazilərdə minaya düşmələri nəticəsində müxtəlif dərəcəli bədən "
     "xəsarətləri alıblar.", "injured"),
    ("36 nəfər minaya düşərək həlak olub.", "killed"),
    ("36 nəfər minaya düşüb.", "casualties"),
])
def test_the_azerbaijani_clause_ends_by_saying_what_befell_them(finder, text: str, metric: str) -> None:
    assert [(f["metric"], f["value"]) for f in figures(text, finder)] == [(metric, 36)]


@pytest.mark.parametrize("text, expected", [
    ("В результате взрыва мин 65 человек погибли, еще 291 человек получил травмы (126 гражданских лиц, "
     "165 военнослужащих).", [("killed", 65), ("injured", 291)]),
    ("С 10 ноября 2020 года 70 человек погибли и 312 получили ранения. Среди погибших 55 человек это "
     "гражданские лица, 15 - военные, среди раненных - 143 гражданских и 169 военных.",
     [("killed", 70), ("injured", 312)]),
    ("Since 2020, 65 people were killed and 291 injured (126 civilians, 165 servicemen).",
     [("killed", 65), ("injured", 291)]),
    ("2020-ci ildən 65 nəfər həlak olub, 291 nəfər yaralanıb (126 mülki, 165 hərbçi).",
     [("killed", 65), ("injured", 291)]),
])
def test_a_breakdown_by_population_is_not_a_figure(finder, text: str, expected: list) -> None:
    assert [(f["metric"], f["value"]) for f in figures(text, finder)] == expected


@pytest.mark.parametrize("text, total", [
    ("In March, 1,541 unexploded ordnance and one anti-tank mine (1,542 in total) were found.", 1542),
    ("65 min 585 ədəd partlamamış hərbi sursat və 19 min 070 ədəd tank əleyhinə mina (cəmi: 84 655 ədəd) "
     "aşkar edilib.", 84655),
    ("Обнаружено 1541 неразорвавшийся боеприпас и одна противотанковая мина (всего 1542).", 1542),
])
def test_a_total_in_brackets_after_a_list_of_devices_is_items_in_total(finder, text: str, total: int) -> None:
    assert [f["value"] for f in figures(text, finder) if f["metric"] == "items_found"] == [total]


@pytest.mark.parametrize("text, value", [
    ("Очищена территория площадью 5 тыс. 264,14 га.", 5264.14),
    ("1628.626 ha ərazi təmizlənib.", 1628.626),
    ("12.014 ha ərazi təmizlənib.", 12014),
    ("Очищено 226 338 258 кв. метров территории.", 226338258),
])
def test_area_number_forms(finder, text: str, value: float) -> None:
    assert [f["value"] for f in figures(text, finder)] == [value]


def test_a_decimal_with_four_digits_before_the_point_is_no_thousands_group() -> None:
    assert [n.value for n in find_numbers("1628.626 ha", "az")] == [1628.626]


@pytest.mark.parametrize("text", [
    "ANAMA ötən həftə aşkarlanan minaların sayını açıqlayıb.\n\nFevralın 14-dən 19-dək Tərtərdə 27 piyada "
    "əleyhinə mina aşkarlanıb.\n\nNəticədə 115,8 hektar ərazi təmizlənib.",
    "ANAMA сообщило данные за прошлую неделю.\n\nС 14 по 19 февраля в Тертере обнаружено 27 противопехотных "
    "мин.\n\nТаким образом, очищено 115,8 га.",
    "ANAMA released its figures for last week.\n\nFrom February 14 to 19, 27 anti-personnel mines were found "
    "in Tartar.\n\nAs a result, 115.8 hectares were cleared.",
])
def test_as_a_result_carries_the_span_across_a_paragraph(finder, text: str) -> None:
    found = figures(text, finder, dt.date(2022, 2, 21))
    area = next(f for f in found if f["metric"] == "area_reported_cleared")
    assert (area["period_start"], area["period_end"]) == ("2022-02-14", "2022-02-19")


@pytest.mark.parametrize("text", [
    "2024-cü ildə 62 min hektar, ümumilikdə isə 180 min hektara yaxın ərazi minalardan təmizlənib.",
    "In 2024, 62,000 hectares were cleared, in total about 180,000 hectares.",
    "В 2024 году очищено 62 тыс. га, всего около 180 тыс. га.",
])
def test_a_total_after_a_years_figure_is_a_running_total(finder, text: str) -> None:
    found = {f["value"]: f for f in figures(text, finder, dt.date(2025, 3, 14))}
    assert (found[62000]["period_start"], found[62000]["period_end"]) == ("2024-01-01", "2024-12-31")
    assert (found[180000]["period_type"], found[180000]["period_start"], found[180000]["period_end"]) == (
        "cumulative", None, "2025-03-14")


@pytest.mark.parametrize("text", [
    "В течение года обнаружено 2 372 противотанковые мины.",
    "During the year 2,372 anti-tank mines were found.",
    "В 2024 году обнаружено 2 372 противотанковые мины.",
])
def test_a_years_report_in_its_last_days_covers_the_whole_year(finder, text: str) -> None:
    figure = figures(text, finder, dt.date(2024, 12, 30))[0]
    assert (figure["period_start"], figure["period_end"]) == ("2024-01-01", "2024-12-31")


def test_the_day_a_source_spoke_is_not_the_figures_period(finder) -> None:
    figure = figures("Farmlands on an area of 3,177 hectares were cleared in Aghdam, a source told Trend on "
                     "May 19.", finder, dt.date(2021, 5, 19))[0]
    assert (figure["period_type"], figure["period_start"], figure["period_end"]) == (
        "cumulative", None, "2021-05-19")


@pytest.mark.parametrize("text", [
    "72 ədəd 2019-cu ildə Ermənistanda istehsal olunan piyada əleyhinə mina aşkarlanıb.",
    "Обнаружено 72 противопехотные мины, произведенные в Армении в 2019 году.",
    "72 anti-personnel mines produced in Armenia in 2019 were found.",
])
def test_the_year_a_mine_was_made_is_no_period(finder, text: str) -> None:
    assert find_periods(text, PUBLISHED) == []


def test_a_birth_year_is_no_period() -> None:
    assert spans("Гамидов (1977 года рождения) погиб.") == []


@pytest.mark.parametrize("text, place", [
    ("Since the Second Karabakh War, 302 citizens in liberated Karabakh fell victim to mines.", "Azerbaijan"),
    ("In the Karabakh economic region 302 hectares were cleared.", "Karabakh"),
    ("Qarabağ iqtisadi rayonunda 302 hektar ərazi təmizlənib.", "Karabakh"),
])
def test_karabakh_alone_is_the_liberated_lands_not_the_economic_region(finder, text: str, place: str) -> None:
    assert figures(text, finder)[0]["place"] == place


@pytest.mark.parametrize("text", [
    "В октябре обезврежено 80 неразорвавшихся боеприпасов. Работы по разминированию продолжаются в "
    "Агдамском, Физулинском, Тертерском, Ходжавендском и Газахском районах.",
    "In October 80 UXO were defused. Demining continues in Aghdam, Fuzuli, Tartar, Khojavend and Gazakh.",
    "Oktyabrda 80 partlamamış hərbi sursat zərərsizləşdirilib. Minatəmizləmə Ağdam, Füzuli, Tərtər, Xocavənd "
    "və Qazax rayonlarında davam edir.",
])
def test_where_work_goes_on_is_not_where_the_figures_were_found(finder, text: str) -> None:
    assert figures(text, finder, dt.date(2014, 11, 7))[0]["place"] == "Azerbaijan"


def test_a_years_totals_after_the_weeks_list_of_districts_are_the_countrys(finder) -> None:
    found = figures("From February 20 to 26, 61 anti-personnel mines were found in Tartar, Kalbajar, Aghdam, "
                    "Lachin, Shusha and Fuzuli. Meanwhile, in 2022 ANAMA cleared 8,780 anti-personnel mines.",
                    finder, dt.date(2023, 2, 28))
    assert [(f["value"], f["place"]) for f in found] == [
        (61, ["Tartar", "Kalbajar", "Aghdam", "Lachin", "Shusha", "Fuzuli"]), (8780, "Azerbaijan")]


@pytest.mark.parametrize("text", [
    "Обнаружено 265 противопехотных мин в Зангелане, Хейрымлы и Гызылгаджылы.",
])
def test_russian_spellings_of_zangilan_and_the_gazakh_villages(finder, text: str) -> None:
    assert figures(text, finder)[0]["place"] == ["Zangilan", "Xeyrimli", "Gizilhajili"]


@pytest.mark.parametrize("text, metric", [
    ("Some 109,552 mines and other explosive objects were neutralized.", "items_found"),
    ("About 9,000 square kilometers of territory were mined.", "area_contaminated"),
    ("684 000 kv.m (68,4 ha) ərazi yoxlanılıb.", "area_reported_cleared"),
])
def test_metric_words(finder, text: str, metric: str) -> None:
    assert figures(text, finder)[0]["metric"] == metric


@pytest.mark.parametrize("text", [
    "За неделю очищены почти 3 тыс га.\nС 30 сентября по 6 октября от мин очищено более 2,9 тыс га "
    "территорий.",
    "Nearly 3,000 ha cleared in a week.\nFrom September 30 to October 6 more than 2,900 hectares were "
    "cleared.",
    "Bir həftədə 3 min hektara yaxın ərazi təmizlənib.\nSentyabrın 30-dan oktyabrın 6-dək 2,9 min hektardan "
    "çox ərazi təmizlənib.",
])
def test_a_rounder_headline_restating_a_qualified_figure_is_one_figure(finder, text: str) -> None:
    assert [f["value"] for f in figures(text, finder, dt.date(2024, 10, 7))] == [2900]


@pytest.mark.parametrize("text", [
    "С окончания войны погибли или покалечены более 400 человек.",
    "Müharibə bitəndən bəri 400 Azərbaycan vətəndaşı həlak olub və ya yaralanıb.",
    "The total number of deaths and injuries since the war amounted to 400 people.",
    "Since the war 400 people have been killed or injured.",
])
def test_killed_or_injured_together_are_casualties(finder, text: str) -> None:
    assert [(f["metric"], f["value"]) for f in figures(text, finder)] == [("casualties", 400)]


@pytest.mark.parametrize("text", [
    "Азербайджан очистил свыше 240 тыс. гектаров заминированных территорий.",
    "240 min hektardan çox çirklənmiş ərazi təmizlənib.",
    "Azerbaijan has cleared over 240,000 hectares of contaminated land.",
])
def test_land_that_was_mined_and_is_now_cleared_is_cleared(finder, text: str) -> None:
    assert figures(text, finder)[0]["metric"] == "area_reported_cleared"


@pytest.mark.parametrize("text, value", [
    ("Bildirilib ki, 453, 90 hektar ərazi mina və PHS-lərdən təmizlənib.", 453.9),
    ("1454, 2 hectares were cleared in Lachin.", 1454.2),
    ("Очищено 516, 46 га.", 516.46),
])
def test_a_decimal_comma_with_a_stray_space_before_hectares(finder, text: str, value: float) -> None:
    assert [f["value"] for f in figures(text, finder)] == [value]


def test_a_list_of_numbers_with_commas_stays_apart() -> None:
    assert [n.value for n in find_numbers("45, 6 in Aghdara", "en")] == [45, 6]


@pytest.mark.parametrize("text, start, end", [
    ("Həftəlik məlumat (14.08.2023 - 20.08.2023) açıqlanıb.", "2023-08-14", "2023-08-20"),
    ("So far in 2023, 36 people became victims.", "2023-01-01", PUBLISHED.isoformat()),
    ("С начала 2023 года 36 человек стали жертвами мин.", "2023-01-01", PUBLISHED.isoformat()),
    ("2022-ci ilin ilk dörd ayında 18 nəfər zərər çəkib.", "2022-01-01", "2022-04-30"),
    ("In the first four months of 2022, 18 people were hurt.", "2022-01-01", "2022-04-30"),
])
def test_more_spans(text: str, start: str, end: str) -> None:
    assert spans(text)[0][:2] == (start, end)


@pytest.mark.parametrize("text", [
    "с 1990-х годов жертвами мин стали более 3 400 человек",
    "1990-cı illərdən indiyədək qurbanların ümumi sayı 3400-dən çox olub",
    "since the 1990s more than 3,400 people have become victims",
])
def test_since_a_decade_is_a_running_total_with_no_start(finder, text: str) -> None:
    figure = figures(text, finder)[0]
    assert (figure["period_type"], figure["period_start"], figure["period_end"]) == (
        "cumulative", None, PUBLISHED.isoformat())


@pytest.mark.parametrize("text", [
    "AGHDAM, Azerbaijan, May 25. Some 302 citizens have become victims of mines over the past 32 months.",
    "АГДАМ, 25 мая /Trend/ - За последние 32 месяца жертвами мин стали 302 человека.",
])
def test_a_datelines_town_and_day_are_not_the_figures(finder, text: str) -> None:
    found = figures(text, finder, dt.date(2023, 5, 25))
    assert [(f["value"], f["place"], f["period_type"], f["period_start"]) for f in found] == [
        (302, "Azerbaijan", "cumulative", None)]


@pytest.mark.parametrize("text", [
    "During operations in Tartar, Kalbajar, Aghdam, Lachin, Fuzuli and Zangilan, 437 anti-personnel mines "
    "were found.",
    "Тертер, Кельбаджар, Агдам, Лачин, Физули и Зангилан, 437 противопехотных мин обнаружено.",
])
def test_the_last_place_of_a_list_is_not_the_figures_own(finder, text: str) -> None:
    listed = ["Tartar", "Kalbajar", "Aghdam", "Lachin", "Fuzuli", "Zangilan"]
    assert figures(text, finder)[0]["place"] == listed


@pytest.mark.parametrize("text, expected", [
    ("Since 2020, 62 people (civilian: 49; military: 13) were killed and 253 (civilian: 101; military: 152) "
     "were injured.", [("killed", 62), ("injured", 253)]),
    ("He noted that 336 people (65 killed, 271 injured) became victims since the war.",
     [("casualties", 336), ("killed", 65), ("injured", 271)]),
    ("2020-ci ildən 62 nəfər (mülki: 49, hərbçi: 13) həlak olub.", [("killed", 62)]),
])
def test_a_bracket_breaking_people_down(finder, text: str, expected: list) -> None:
    assert [(f["metric"], f["value"]) for f in figures(text, finder)] == expected


@pytest.mark.parametrize("text", [
    "Çirklənmiş ərazi o qədər çoxdur ki, yalnız bu qədər ərazi təmizlənib: 38 726 hektar.",
    "Only 38,726 hectares have been cleared.",
    "Очищено лишь 38 726 гектаров.",
])
def test_an_area_with_no_span_said_is_what_was_done_so_far(finder, text: str) -> None:
    figure = figures(text, finder)[0]
    assert (figure["value"], figure["period_type"], figure["period_end"]) == (
        38726, "cumulative", PUBLISHED.isoformat())


def test_a_total_of_goes_on_with_the_span_before(finder) -> None:
    found = figures("He said since November 2020 an area of 81,386 hectares has been cleared. A total of "
                    "28,259 anti-personnel mines were defused.", finder, dt.date(2023, 5, 25))
    assert [(f["value"], f["period_start"]) for f in found] == [(81386, "2020-11-01"), (28259, "2020-11-01")]


@pytest.mark.parametrize("text", [
    "Since 2020, the number of mine victims has grown to 300.",
    "С 2020 года число жертв мин выросло до 300.",
])
def test_a_year_after_since_is_not_a_figure(finder, text: str) -> None:
    assert [f["value"] for f in figures(text, finder)] == [300]


@pytest.mark.parametrize("text, language, metric, value", [
    ("Laçında tank əleyhinə beş mina aşkar olunub.", "az", "at_mines_found", 5),
    ("Qırx partlamamış hərbi sursat aşkarlanıb.", "az", "uxo_found", 40),
    ("Two unexploded ordnance were found.", "en", "uxo_found", 2),
    ("Обнаружены две противотанковые мины.", "ru", "at_mines_found", 2),
])
def test_number_words_with_devices(finder, text: str, language: str, metric: str, value: int) -> None:
    found = [f.as_json() for f in extract(Statement(text, PUBLISHED, language=language), finder)]
    assert [(f["metric"], f["value"]) for f in found] == [(metric, value)]


@pytest.mark.parametrize("text", [
    "122 ədəd Э-001 М tipli piyada əleyhinə mina aşkarlanıb.",
    "122 anti-personnel mines of the PMN-2 type were found.",
    "Обнаружено 122 противопехотные мины ПМН-2.",
])
def test_a_devices_model_code_is_no_figure(finder, text: str) -> None:
    assert [f["value"] for f in figures(text, finder)] == [122]


@pytest.mark.parametrize("text, value", [
    ("В Губадлы от мин очищена территория площадью 3,167 миллиона квадратных метров.", 3_167_000),
    ("In Gubadli 3.167 million square meters were cleared.", 3_167_000),
    ("Qubadlıda 3,167 milyon kvadrat metr ərazi təmizlənib.", 3_167_000),
])
def test_an_area_in_millions_of_square_metres(finder, text: str, value: int) -> None:
    assert [(f["value"], f["unit"]) for f in figures(text, finder)] == [(value, "m2")]


@pytest.mark.parametrize("text", [
    "More than 82,700 unexploded ordnances and mines were neutralized.",
    "Обезврежено более 82 700 неразорвавшихся боеприпасов и мин.",
    "82 700-dən çox partlamamış hərbi sursat və mina zərərsizləşdirilib.",
])
def test_uxo_and_mines_together_are_items(finder, text: str) -> None:
    assert [(f["metric"], f["value"]) for f in figures(text, finder)] == [("items_found", 82700)]


@pytest.mark.parametrize("text", [
    "С окончания войны погибли или получили тяжелые ранения более 400 азербайджанских граждан.",
    "Since the war more than 400 people were killed or seriously injured.",
    "Müharibədən sonra 400-dən çox insan həlak olub və ya ağır yaralanıb.",
])
def test_killed_or_seriously_injured_are_casualties(finder, text: str) -> None:
    assert [(f["metric"], f["value"]) for f in figures(text, finder)] == [("casualties", 400)]


@pytest.mark.parametrize("text", [
    "Since the 2020 war, 257 people have become victims.",
    "Since the war 257 persons have been harmed by mines.",
])
def test_since_the_war_and_harmed_by_mines(finder, text: str) -> None:
    assert [(f["metric"], f["value"], f["period_start"]) for f in figures(text, finder)] == [
        ("casualties", 257, "2020-11-10")]


@pytest.mark.parametrize("text", [
    "The hazardous areas cover nearly 1 million 167 thousand hectares.",
    "Опасные территории занимают почти 1 млн 167 тыс. гектаров.",
    "Təhlükəli ərazilər 1 milyon 167 min hektara yaxındır.",
])
def test_hazardous_areas_are_contamination(finder, text: str) -> None:
    assert [(f["metric"], f["value"]) for f in figures(text, finder)] == [("area_contaminated", 1_167_000)]


def test_a_birth_year_in_brackets_is_no_figure(finder) -> None:
    assert [f["value"] for f in figures("Two soldiers (born 1998) were killed.", finder)] == [2]


@pytest.mark.parametrize("text", [
    "He said the total number of landmine victims in Azerbaijan since 10 November 2020 has reached 308.",
    "Число жертв противопехотных мин в Азербайджане достигло 308.",
    "Mina qurbanlarının ümumi sayı 308 nəfərə çatıb.",
])
def test_the_number_of_victims_told_before_the_number(finder, text: str) -> None:
    assert [(f["metric"], f["value"]) for f in figures(text, finder)] == [("casualties", 308)]


def test_the_last_place_of_a_list_in_the_locative_is_the_lists(finder) -> None:
    found = figures("Tərtər, Ağdam, Laçın, Füzuli, Cəbrayıl və Zəngilanda 60 piyada əleyhinə mina "
                    "aşkarlanıb.", finder)
    assert found[0]["place"] == ["Tartar", "Aghdam", "Lachin", "Fuzuli", "Jabrayil", "Zangilan"]


@pytest.mark.parametrize("text, value, unit", [
    ("Разминированы 2 427 км² территории.", 2427, "km2"),
    ("Проинспектировано 13 890 780 квадратных метров (1389 га).", 1389, "ha"),
    ("За 5 лет удалось расчистить от мин почти 238 тыс га земель.", 238000, "ha"),
])
def test_more_russian_area_forms(finder, text: str, value: int, unit: str) -> None:
    assert [(f["value"], f["unit"], f["metric"]) for f in figures(text, finder)] == [
        (value, unit, "area_reported_cleared")]


@pytest.mark.parametrize("text", [
    "From November 10, 2020 to October 28, an area of 5,917 hectares was cleared.",
    "С 10 ноября 2020 года по 28 октября очищено 5 917 га.",
])
def test_a_span_whose_end_names_no_year_ends_after_its_start(finder, text: str) -> None:
    figure = figures(text, finder, dt.date(2021, 10, 28))[0]
    assert (figure["period_start"], figure["period_end"]) == ("2020-11-10", "2021-10-28")
