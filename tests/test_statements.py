"""Statement intake: figures proposed from published text in English, Russian and Azerbaijani."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from geo.places import load_gazetteer
from geo.statements import Statement, extract
from geo.statements.numbers import find_numbers
from geo.statements.periods import find_periods
from geo.statements.places import PlaceFinder
from geo.statements.sources import read_statement
from tests.conftest import DATA, ROOT

PUBLISHED = dt.date(2026, 2, 23)  # a Monday


@pytest.fixture(scope="module")
def finder() -> PlaceFinder:
    return PlaceFinder(*load_gazetteer(DATA / "geo"))


def figures(text: str, finder: PlaceFinder, published: dt.date = PUBLISHED, url: str = "") -> list[dict]:
    return [f.as_json() for f in extract(Statement(text, published, url), finder)]


def one(text: str, finder: PlaceFinder, **kwargs) -> dict:
    found = figures(text, finder, **kwargs)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("written, language, value", [
    ("1,616", "en", 1616), ("1 616", "ru", 1616), ("69 200", "az", 69200), ("8.086", "az", 8086),
    ("2.790,9", "ru", 2790.9), ("1,3 mln", "az", 1_300_000), ("1.3 million", "en", 1_300_000),
    ("1 258,7", "ru", 1258.7), ("39.5", "en", 39.5), ("218 262", "az", 218262), ("12,5 тыс.", "ru", 12500),
])
def test_every_number_form_is_read(written: str, language: str, value: float) -> None:
    assert [n.value for n in find_numbers(f"operations covered {written} hectares", language)] == [value]


@pytest.mark.parametrize("text, metric, value", [
    ("From February 16 through February 22, 175 anti-personnel mines were found.", "ap_mines_found", 175),
    ("Last week 28 anti-tank mines were neutralized.", "at_mines_found", 28),
    ("During the week 796 unexploded ordnance (UXO) were found.", "uxo_found", 796),
    ("Last week mine clearance operations covered 1,616 hectares.", "area_reported_cleared", 1616),
    ("За прошедшую неделю обнаружено 131 противопехотная мина.", "ap_mines_found", 131),
    ("За прошедшую неделю обнаружено 29 противотанковых мин.", "at_mines_found", 29),
    ("За прошедшую неделю обнаружено 528 неразорвавшихся боеприпасов.", "uxo_found", 528),
    ("За прошедшую неделю очищено 1 258,7 га территории.", "area_reported_cleared", 1258.7),
    ("Ötən həftə 175 piyada əleyhinə mina aşkarlanıb.", "ap_mines_found", 175),
    ("Ötən həftə 28 tank əleyhinə mina aşkarlanıb.", "at_mines_found", 28),
    ("Ötən həftə 796 partlamamış hərbi sursat aşkarlanıb.", "uxo_found", 796),
    ("Ötən həftə 1616 hektar ərazi minalardan təmizlənib.", "area_reported_cleared", 1616),
    ("Last week 1,200 mines and UXO were found.", "items_found", 1200),
    ("Over 12,000 square kilometres remain contaminated.", "area_contaminated", 12000),
])
def test_each_metric_in_each_language(finder, text: str, metric: str, value: float) -> None:
    figure = one(text, finder)
    assert (figure["metric"], figure["value"]) == (metric, value)


@pytest.mark.parametrize("text, expected", [
    ("Since the war 385 people were killed.", {"killed": 385}),
    ("Since the war 45 people were killed and 300 injured.", {"killed": 45, "injured": 300}),
    ("С 2020 года погибли 45 человек, ранены 300.", {"killed": 45, "injured": 300}),
    ("2020-ci ildən bəri 45 nəfər həlak olub, 300 nəfər yaralanıb.", {"killed": 45, "injured": 300}),
    ("419 nəfər mina qurbanı olub, onlardan 72 nəfər həlak olub.", {"casualties": 419, "killed": 72}),
    ("Since 2020, 385 people have become mine victims, of whom 70 were killed.",
     {"casualties": 385, "killed": 70}),
    ("С 2020 года жертвами мин стали 400 человек.", {"casualties": 400}),
])
def test_casualties_killed_and_injured_in_each_language(finder, text: str, expected: dict) -> None:
    assert {f["metric"]: f["value"] for f in figures(text, finder)} == expected


@pytest.mark.parametrize("text, qualifier", [
    ("Last week more than 1,616 hectares were cleared.", "more_than"),
    ("Last week over 1,616 hectares were cleared.", "more_than"),
    ("Last week about 1,616 hectares were cleared.", "about"),
    ("Last week nearly 1,616 hectares were cleared.", "nearly"),
    ("Last week up to 1,616 hectares were cleared.", "up_to"),
    ("Last week at least 1,616 hectares were cleared.", "at_least"),
    ("За прошедшую неделю очищено более 1616 га.", "more_than"),
    ("За прошедшую неделю очищено свыше 1616 га.", "more_than"),
    ("За прошедшую неделю очищено почти 1616 га.", "nearly"),
    ("За прошедшую неделю очищено около 1616 га.", "about"),
    ("За прошедшую неделю очищено до 1616 га.", "up_to"),
    ("Ötən həftə 1616 hektardan çox ərazi təmizlənib.", "more_than"),
    ("Ötən həftə təxminən 1616 hektar ərazi təmizlənib.", "about"),
    ("Ötən həftə 1616 hektaradək ərazi təmizlənib.", "up_to"),
    ("Ötən həftə 1616 hektara qədər ərazi təmizlənib.", "up_to"),
    ("Ötən həftə 1616 hektara yaxın ərazi təmizlənib.", "nearly"),
    ("Last week 1,616 hectares were cleared.", "exact"),
])
def test_qualifiers_in_each_language(finder, text: str, qualifier: str) -> None:
    assert one(text, finder)["qualifier"] == qualifier


@pytest.mark.parametrize("text, start, end, kind", [
    ("from June 10 through June 16", "2025-06-10", "2025-06-16", "period"),
    ("from 10 to 16 June 2025", "2025-06-10", "2025-06-16", "period"),
    ("с 10 по 16 июня", "2025-06-10", "2025-06-16", "period"),
    ("iyunun 10-dan 16-dək", "2025-06-10", "2025-06-16", "period"),
    ("16-22 fevral tarixlərində", "2026-02-16", "2026-02-22", "period"),
    ("last week", "2026-02-16", "2026-02-22", "period"),
    ("ötən həftə", "2026-02-16", "2026-02-22", "period"),
    ("за прошедшую неделю", "2026-02-16", "2026-02-22", "period"),
    ("in 2025", "2025-01-01", "2025-12-31", "period"),
    ("в 2025 году", "2025-01-01", "2025-12-31", "period"),
    ("2025-ci ildə", "2025-01-01", "2025-12-31", "period"),
    ("in January", "2026-01-01", "2026-01-31", "period"),
    ("since November 10, 2020", "2020-11-10", "2026-02-23", "cumulative"),
    ("с 10 ноября 2020 года по настоящее время", "2020-11-10", "2026-02-23", "cumulative"),
    ("2020-ci il noyabrın 10-dan bu günədək", "2020-11-10", "2026-02-23", "cumulative"),
    ("since the beginning of the year", "2026-01-01", "2026-02-23", "period"),
])
def test_periods_fixed_against_the_publication_date(text: str, start: str, end: str, kind: str) -> None:
    periods = find_periods(text, PUBLISHED)
    assert [(p.start.isoformat(), p.end.isoformat(), p.kind) for p in periods] == [(start, end, kind)]


@pytest.mark.parametrize("text, place", [
    ("Last week in Tərtər rayonunda 175 anti-personnel mines were found.", "Tartar"),
    ("Ötən həftə Füzulidə 175 piyada əleyhinə mina aşkarlanıb.", "Fuzuli"),
    ("За прошедшую неделю в Тертерском районе обнаружено 175 противопехотных мин.", "Tartar"),
    ("За прошедшую неделю в Лачинском районе обнаружено 175 противопехотных мин.", "Lachin"),
    ("За прошедшую неделю в Физулинском районе обнаружено 175 противопехотных мин.", "Fuzuli"),
    ("За прошедшую неделю в Агдаме обнаружено 175 противопехотных мин.", "Aghdam"),
    ("Last week 175 anti-personnel mines were found in Terter.", "Tartar"),
    ("Ötən həftə Kəlbəcər rayonunda 175 piyada əleyhinə mina aşkarlanıb.", "Kalbajar"),
    ("Last week 175 anti-personnel mines were found in the liberated territories.", "Azerbaijan"),
])
def test_places_in_any_spelling_and_grammatical_form(finder, text: str, place: str) -> None:
    assert one(text, finder)["place"] == place


def test_a_list_of_districts_means_the_figure_covers_them_together(finder) -> None:
    figure = one("Last week 175 anti-personnel mines were found in Tartar, Aghdam and Fuzuli.", finder)
    assert figure["place"] == ["Tartar", "Aghdam", "Fuzuli"]


ANAMA_WEEKLY = (
    "ANAMA: 175 anti-personnel mines found last week\n"
    "BAKU, Azerbaijan, February 23. From February 16 through February 22, 175 anti-personnel mines, "
    "28 anti-tank mines, and 796 unexploded ordnance were found and neutralized in the liberated "
    "territories, Trend reports, citing the Mine Action Agency (ANAMA). Mine clearance operations "
    "covered 1,616 hectares during the week."
)


def test_a_weekly_bulletin_gives_each_figure_once_with_its_attribution_and_quote(finder) -> None:
    found = figures(ANAMA_WEEKLY, finder)
    assert [(f["metric"], f["value"]) for f in found] == [
        ("ap_mines_found", 175), ("at_mines_found", 28), ("uxo_found", 796), ("area_reported_cleared", 1616)]
    for figure in found:
        assert (figure["period_start"], figure["period_end"], figure["period_type"]) == (
            "2026-02-16", "2026-02-22", "period")
        assert (figure["originator"], figure["outlet"], figure["place"]) == ("ANAMA", "Trend", "Azerbaijan")
        assert figure["quote"] in ANAMA_WEEKLY
        assert str(figure["value"])[:2] in figure["quote"].replace(",", "")
    assert found[0]["quote"] == "175 anti-personnel mines"


def test_dates_ages_and_distances_are_not_figures(finder) -> None:
    text = ("On February 22, 2026 a 45-year-old man was taken 12 km to hospital; the agency has 1,200 "
            "employees and 15% of the budget.")
    assert figures(text, finder) == []


def test_the_outlet_comes_from_the_address_when_given(finder) -> None:
    figure = one("Last week 175 anti-personnel mines were found.", finder,
                 url="https://en.trend.az/azerbaijan/society/1.html")
    assert figure["outlet"] == "Trend"


def test_a_saved_web_page_is_read_as_its_article_without_scripts_or_menus() -> None:
    page = (b"<html><head><title>ANAMA weekly</title><script>alert('175 anti-personnel mines')</script>"
            b"</head><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News menu</a></li></ul>"
            b"</nav><article><h1>ANAMA: 28 anti-tank mines found</h1><p>BAKU, February 23. Last week 28 "
            b"anti-tank mines were found in the liberated territories, Trend reports.</p><p>Mine clearance "
            b"operations covered 1,616 hectares during the week, the agency said.</p></article>"
            b"<footer>Copyright</footer></body></html>")
    received = read_statement("page.html", page)
    assert received.title == "ANAMA: 28 anti-tank mines found"
    assert "covered 1,616 hectares" in received.text
    assert not {"alert", "175", "menu", "Copyright"} & set(received.text.replace(".", " ").split())


def test_the_command_line_prints_the_figures_as_json(tmp_path) -> None:
    path = tmp_path / "bulletin.txt"
    path.write_text(ANAMA_WEEKLY, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "geo.statements", "extract", str(path), "--published",
                             "2026-02-23", "--json"], capture_output=True, text=True, cwd=ROOT, check=True)
    rows = json.loads(result.stdout)
    assert {r["metric"] for r in rows} == {"ap_mines_found", "at_mines_found", "uxo_found",
                                            "area_reported_cleared"}
    assert set(rows[0]) == {"metric", "value", "unit", "qualifier", "period_start", "period_end",
                            "period_type", "place", "originator", "outlet", "quote"}


# Issue 23, "Statement intake": forms the extractor missed, one test each, in all three languages.

@pytest.mark.parametrize("written, language, value", [
    ("129 min 831", "az", 129831), ("19 min 070", "az", 19070), ("3 milyon 813 min 674", "az", 3813674),
    ("5 тыс. 264,14", "ru", 5264.14), ("2 млн 300 тыс.", "ru", 2_300_000),
    ("1 million 200 thousand", "en", 1_200_000),
])
def test_numbers_written_in_parts_are_one_number(written: str, language: str, value: float) -> None:
    assert [n.value for n in find_numbers(f"operations covered {written} hectares", language)] == [value]


@pytest.mark.parametrize("text, start, end, kind", [
    ("С ноября по сегодняшний день", "2025-11-01", "2026-02-23", "cumulative"),
    ("2020-ci ilin noyabr ayından bu günədək", "2020-11-01", "2026-02-23", "cumulative"),
    ("2020-ci ilin müharibəsinin bitməsindən bəri", "2020-11-10", "2026-02-23", "cumulative"),
    ("с момента окончания 44-дневной войны", "2020-11-10", "2026-02-23", "cumulative"),
    ("в первом квартале 2023 года", "2023-01-01", "2023-03-31", "period"),
    ("in the first quarter of 2023", "2023-01-01", "2023-03-31", "period"),
    ("2023-cü ilin birinci rübündə", "2023-01-01", "2023-03-31", "period"),
    ("с 1-го по 31 августа", "2025-08-01", "2025-08-31", "period"),
    ("в течение августа", "2025-08-01", "2025-08-31", "period"),
    ("за последнюю неделю", "2026-02-16", "2026-02-22", "period"),
    ("son bir həftədə", "2026-02-16", "2026-02-22", "period"),
    ("за прошлый месяц", "2026-01-01", "2026-01-31", "period"),
    ("в 2026-2030 годах", "2026-01-01", "2030-12-31", "period"),
    ("since the end of the 2020 war", "2020-11-10", "2026-02-23", "cumulative"),
])
def test_more_period_forms_in_each_language(text: str, start: str, end: str, kind: str) -> None:
    periods = find_periods(text, PUBLISHED)
    assert [(p.start.isoformat(), p.end.isoformat(), p.kind) for p in periods] == [(start, end, kind)]


@pytest.mark.parametrize("text, end", [
    ("за последние пять лет", "2026-02-23"), ("over the last five years", "2026-02-23"),
    ("son beş ildə", "2026-02-23"), ("2024-cü ilin sonunadək", "2024-12-31"),
    ("до конца 2024 года", "2024-12-31"),
    ("by the end of 2024", "2024-12-31"),
])
def test_running_totals_with_no_start_of_their_own(text: str, end: str) -> None:
    periods = find_periods(text, PUBLISHED)
    assert [(p.start, p.end.isoformat(), p.kind) for p in periods] == [(None, end, "cumulative")]


def test_a_period_at_the_start_of_a_line_belongs_to_that_line(finder) -> None:
    text = ("Başlıq\n2021-ci ildə 19561 tank əleyhinə mina zərərsizləşdirilib.\n2020-2024-cü illər ərzində "
            "179791,9 hektar sahə təmizlənib.")
    area = [f for f in figures(text, finder, published=dt.date(2025, 12, 25)) if f["unit"] == "ha"]
    assert (area[0]["period_start"], area[0]["period_end"]) == ("2020-01-01", "2024-12-31")


@pytest.mark.parametrize("text, published, start", [
    ("XİN: 2020-ci ildən 72 nəfər həlak olub\nMüharibənin bitməsindən sonra 419 nəfər mina qurbanı olub.\n"
     "Bildirilib ki, mina qurbanlarından 347 nəfər ağır yaralanıb.", dt.date(2026, 3, 13), "2020-11-10"),
    ("MFA: 72 killed since 2020\nSince the end of the war 419 people have become mine victims.\n"
     "Of the victims, 347 people were seriously injured.", dt.date(2026, 3, 13), "2020-11-10"),
    ("МИД: с 2020 года погибли 72 человека\nС момента окончания войны жертвами мин стали 419 человек.\n"
     "Тяжелые ранения получили 347 человек.", dt.date(2026, 3, 13), "2020-11-10"),
])
def test_a_figure_without_a_period_takes_the_bodys_not_the_headlines(finder, text, published, start) -> None:
    injured = [f for f in figures(text, finder, published=published) if f["metric"] == "injured"]
    assert [(f["value"], f["period_start"]) for f in injured] == [(347, start)]


@pytest.mark.parametrize("text, metric, value", [
    ("Ümumilikdə tapıntıların sayı 237 min ədəd təşkil edib.", "items_found", 237000),
    ("Количество найденных мин и неразорвавшихся боеприпасов составляет 319 431.", "items_found", 319431),
    ("The number of unexploded ordnance found reached 2,000.", "uxo_found", 2000),
    ("Xocalıda 27993 ədəd digər partlayıcı sursatlar zərərsizləşdirilib.", "uxo_found", 27993),
    ("Обнаружено 300 других взрывоопасных предметов.", "uxo_found", 300),
    ("In addition, 300 other explosive items were found.", "uxo_found", 300),
    ("Обнаружено 1737 мин и НРБ.", "items_found", 1737),
])
def test_what_is_counted_named_before_the_number_or_as_other_ordnance(finder, text, metric, value) -> None:
    figure = one(text, finder)
    assert (figure["metric"], figure["value"]) == (metric, value)


@pytest.mark.parametrize("text, expected", [
    ("45 persons, including 35 civilians, were killed.", {"killed": 45}),
    ("Two members of the armed formations were seriously injured.", {"injured": 2}),
    ("More than 3,400 of our citizens have been affected by mines.", {"casualties": 3400}),
    ("102 civilians suffered, 32 people were killed.", {"casualties": 102, "killed": 32}),
    ("8 nəfər minaya düşdü, biri dünyasını dəyişdi.", {"casualties": 8, "killed": 1}),
])
def test_casualty_phrasings_and_breakdowns(finder, text: str, expected: dict) -> None:
    assert {f["metric"]: f["value"] for f in figures(text, finder)} == expected


@pytest.mark.parametrize("text, metric", [
    ("До 2026 года будет разминировано 280 тыс га.", "area_planned"),
    ("By 2026, 280,000 hectares will be cleared.", "area_planned"),
    ("2026-cı ilədək 280 min hektar ərazi təmizlənəcək.", "area_planned"),
    ("В 2022-2025 годах должна быть обеспечена разминирование 215 тыс. га.", "area_planned"),
])
def test_areas_in_the_future_tense_are_plans(finder, text: str, metric: str) -> None:
    assert one(text, finder)["metric"] == metric


@pytest.mark.parametrize("text, value", [
    ("Title\nЗа последнюю неделю более 500 га очистили от мин. За неделю очищено 508 га территории.", 508),
    ("Title\nLast week more than 500 hectares were cleared. Operations covered 508 hectares.", 508),
    ("Title\nÖtən həftə 500 hektardan çox ərazi təmizlənib. Məlumata əsasən, 508 hektar təmizlənib.", 508),
])
def test_a_rounded_lead_restating_the_body_is_one_figure(finder, text: str, value: float) -> None:
    assert [f["value"] for f in figures(text, finder)] == [value]


@pytest.mark.parametrize("text, value", [
    ("Nəticədə 62 855 782 kvadrat metr (6286 hektar) ərazi təmizlənib.", 6286),
    ("As a result, 2 436 776 m² (243 ha) were cleared.", 243),
    ("Очищено 1 398 384 кв. м (139,8 га) территории.", 139.8),
])
def test_an_area_given_in_both_units_is_one_figure_in_hectares(finder, text: str, value: float) -> None:
    figure = one(text, finder)
    assert (figure["value"], figure["unit"]) == (value, "ha")


@pytest.mark.parametrize("text, expected", [
    ("Xocalıda 27993 ədəd, Xocavənddə 15003 ədəd digər partlayıcı sursatlar zərərsizləşdirilib.",
     [(27993, "Khojaly"), (15003, "Khojavend")]),
])
def test_a_count_takes_the_place_it_stands_next_to(finder, text: str, expected: list) -> None:
    found = [(f["value"], f["place"]) for f in figures(text, finder)]
    assert [row for row in found if row[0] in dict(expected)] == expected


@pytest.mark.parametrize("text", [
    "Ötən həftə Tərtər, Ağdam, Füzuli, Şuşa ərazilərində, o cümlədən Qazax rayonunun Bağanıs Ayrım, Aşağı "
    "Əskipara kəndlərində 97 piyada əleyhinə mina aşkarlanıb.",
    "Last week 97 anti-personnel mines were found in Tartar, Aghdam, Fuzuli, Shusha, as well as the villages "
    "of Baganis Ayrim and Ashagi Eskipara in the Gazakh region.",
    "На прошлой неделе в Тертере, Агдаме, Физули, Шуше, а также в селах Баганис Айрум и Ашагы Эскипара "
    "Газахского района обнаружено 97 противопехотных мин.",
])
def test_a_district_named_only_as_home_of_listed_villages_gives_way_to_them(finder, text: str) -> None:
    assert one(text, finder)["place"] == ["Tartar", "Aghdam", "Fuzuli", "Shusha", "Baganis Ayrim",
                                          "Ashagi Eskipara"]


@pytest.mark.parametrize("text", [
    "Ötən həftə təxmini 168 min hektar sahə təmizlənib.",
    "Last week an estimated 168,000 hectares were cleared.",
    "За прошлую неделю очищено ориентировочно 168 тыс. га.",
])
def test_more_words_for_about(finder, text: str) -> None:
    assert one(text, finder)["qualifier"] == "about"


def test_russian_genitive_district_lists(finder) -> None:
    text = "На территориях Тертера, Агдере, Кяльбаджара и Лачына обнаружено 5 противопехотных мин."
    assert one(text, finder)["place"] == ["Tartar", "Aghdara", "Kalbajar", "Lachin"]


@pytest.mark.parametrize("text, published", [
    ("Title\nTo date, 168,000 hectares have been cleared. Since 1991, 3,400 people became mine victims.\n"
     "Approximately 25,000 anti-personnel mines were found.", dt.date(2024, 10, 24)),
    ("Заголовок\nНа сегодня очищено 168 тыс. га. С 1991 года жертвами мин стали 3400 человек. "
     "Обнаружено около 25 тыс. противопехотных мин.", dt.date(2024, 10, 24)),
    ("Başlıq\nBu günə qədər 168 min hektar sahə təmizlənib. 1991-ci ildən bəri 3400 nəfər qurban olub.\n"
     "Onların təxmini 25 mini piyada əleyhinə minalardır.", dt.date(2024, 10, 24)),
])
def test_to_date_in_the_lead_is_the_period_of_later_totals(finder, text: str, published: dt.date) -> None:
    mines = [f for f in figures(text, finder, published=published) if f["metric"] == "ap_mines_found"]
    assert [(f["value"], f["period_start"], f["period_end"], f["period_type"]) for f in mines] == [
        (25000, None, "2024-10-24", "cumulative")]


@pytest.mark.parametrize("text, start, end, kind", [
    ("2020-ci il 10 noyabr tarixindən 2022-ci il 14 aprel tarixinədək", "2020-11-10", "2022-04-14",
     "cumulative"),
    ("2024-cü il 27 aprel tarixində", "2024-04-27", "2024-04-27", "point"),
    ("10 noyabr 2020-ci il tarixindən bugünədək", "2020-11-10", "2026-02-23", "cumulative"),
])
def test_azerbaijani_official_date_forms(text: str, start: str, end: str, kind: str) -> None:
    periods = find_periods(text, PUBLISHED)
    assert [(p.start.isoformat(), p.end.isoformat(), p.kind) for p in periods] == [(start, end, kind)]


@pytest.mark.parametrize("text", [
    "Title\nTwo civilians have been killed in a mine blast in Aghdam. Since November 2020, 10 people have "
    "been killed. On March 16, the prosecutor's office received information about the blast.",
    "Başlıq\nAğdamda 2 nəfər minaya düşüb həlak olub. 2020-ci ilin noyabrından bəri 10 nəfər həlak olub. "
    "Hadisə martın 16-da baş verib.",
    "Заголовок\nДва человека погибли, подорвавшись на мине в Агдаме. С ноября 2020 года погибли 10 человек. "
    "Инцидент произошел 16 марта, при взрыве мины погибли двое.",
])
def test_people_hit_in_one_blast_take_its_day_not_the_running_total(finder, text: str) -> None:
    first = figures(text, finder, published=dt.date(2021, 3, 17))[0]
    assert (first["metric"], first["value"], first["period_start"], first["period_type"]) == (
        "killed", 2, "2021-03-16", "point")


@pytest.mark.parametrize("text, start, end", [
    ("Keçən il noyabrın 11-dən cari il noyabrın 22-dək", "2020-11-11", "2021-11-22"),
    ("с 10 ноября прошлого года по 22 ноября текущего года", "2020-11-10", "2021-11-22"),
    ("from November 11 last year to November 22 this year", "2020-11-11", "2021-11-22"),
])
def test_a_dates_year_said_relative_to_the_publication(text: str, start: str, end: str) -> None:
    periods = find_periods(text, dt.date(2021, 11, 23))
    assert [(p.start.isoformat(), p.end.isoformat()) for p in periods] == [(start, end)]


@pytest.mark.parametrize("text, start, end", [
    ("2025-ci ilin yanvar-iyun aylarında", "2025-01-01", "2025-06-30"),
    ("в январе-июне 2025 года", "2025-01-01", "2025-06-30"),
    ("January-June 2025", "2025-01-01", "2025-06-30"),
    ("noyabr-dekabr aylarında", "2025-11-01", "2025-12-31"),
])
def test_a_span_of_months_with_a_hyphen(text: str, start: str, end: str) -> None:
    periods = find_periods(text, PUBLISHED)
    assert [(p.start.isoformat(), p.end.isoformat(), p.kind) for p in periods] == [(start, end, "period")]


@pytest.mark.parametrize("text", [
    "in the first half of 2025", "в первом полугодии 2025 года", "2025-ci ilin birinci yarısında",
])
def test_half_years(text: str) -> None:
    periods = find_periods(text, PUBLISHED)
    assert [(p.start.isoformat(), p.end.isoformat(), p.kind) for p in periods] == [
        ("2025-01-01", "2025-06-30", "period")]


@pytest.mark.parametrize("text, place", [
    ("In 2024, 62,000 hectares were cleared in Fuzuli and Jabrayil, 3,000 hectares in Aghdam.",
     ["Fuzuli", "Jabrayil"]),
    ("2024-cü ildə 62 min hektar Füzuli və Cəbrayılda, 3 min hektar Ağdamda təmizlənib.",
     ["Fuzuli", "Jabrayil"]),
    ("В 2024 году очищено 62 тыс. га в Физули и Джебраиле, 3 тыс. га в Агдаме.", ["Fuzuli", "Jabrayil"]),
])
def test_a_figure_named_with_its_own_list_of_districts(finder, text: str, place: list) -> None:
    assert figures(text, finder)[0]["place"] == place


@pytest.mark.parametrize("text", [
    "Со дня окончания войны на минах подорвались 380 человек.",
    "После подписания трехстороннего заявления на минах подорвались 380 человек.",
    "Üçtərəfli bəyanatın imzalanmasından sonra 380 nəfər minaya düşüb.",
    "Müharibə bitdikdən sonra 380 nəfər minaya düşüb.",
    "Since the war ended, 380 people have become mine victims.",
])
def test_more_ways_to_say_since_the_war(finder, text: str) -> None:
    figure = one(text, finder)
    assert (figure["value"], figure["period_start"], figure["period_type"]) == (
        380, "2020-11-10", "cumulative")


def test_since_a_year_to_this_day_in_russian_is_no_single_day(finder) -> None:
    figure = one("С 1991 года по сегодняшний день от мин пострадали более 3400 человек.", finder)
    assert (figure["period_start"], figure["period_end"], figure["period_type"]) == (
        "1991-01-01", PUBLISHED.isoformat(), "cumulative")


@pytest.mark.parametrize("text, metric, value", [
    ("Two thousand anti-personnel mines were found.", "ap_mines_found", 2000),
    ("Iki min piyada əleyhinə mina aşkarlanıb.", "ap_mines_found", 2000),
    ("Обнаружено полторы тысячи противотанковых мин.", "at_mines_found", 1500),
    ("Также найдено около полутора тысяч боеприпасов.", "uxo_found", 1500),
    ("On min hektar ərazi təmizlənib.", "area_reported_cleared", 10000),
])
def test_number_words_with_a_scale_are_numbers(finder, text: str, metric: str, value: float) -> None:
    figure = one(text, finder)
    assert (figure["metric"], figure["value"]) == (metric, value)


@pytest.mark.parametrize("text, qualifier", [
    ("Ötən həftə 1 600-dən çox hektar ərazi təmizlənib.", "more_than"),
    ("Ötən həftə 1600-ə yaxın hektar ərazi təmizlənib.", "nearly"),
    ("Ötən həftə 1600-ədək hektar ərazi təmizlənib.", "up_to"),
    ("За неделю очищено более чем 1600 га.", "more_than"),
    ("За неделю очищено больше чем 1600 га.", "more_than"),
])
def test_a_qualifier_between_the_number_and_its_unit(finder, text: str, qualifier: str) -> None:
    figure = one(text, finder)
    assert (figure["value"], figure["unit"], figure["qualifier"]) == (1600, "ha", qualifier)


@pytest.mark.parametrize("text", [
    "In 2023, 7956.1 hectares fell to Aghdam district, 14016.7 hectares - Jabrayil district, 6025.1 "
    "hectares - Fuzuli district, 6400.2 hectares - Kalbajar district, 3570.8 hectares - Zangilan "
    "district.\n\nIn 2023, 6938.7 hectares were cleared by the Ministry of Defense.",
    "2023-cü ildə Ağdamda 7956,1 hektar, Cəbrayılda 14016,7 hektar, Füzulidə 6025,1 hektar, Kəlbəcərdə "
    "6400,2 hektar, Zəngilanda 3570,8 hektar ərazi təmizlənib.\n\n2023-cü ildə Müdafiə Nazirliyi "
    "6938,7 hektar ərazini təmizləyib.",
    "В 2023 году в Агдаме очищено 7956,1 га, в Джебраиле 14016,7 га, в Физули 6025,1 га, в Кяльбаджаре "
    "6400,2 га, в Зангилане 3570,8 га.\n\nВ 2023 году Министерство обороны очистило 6938,7 га.",
])
def test_a_breakdown_by_district_is_not_the_statements_list_of_districts(finder, text: str) -> None:
    national = [f for f in figures(text, finder) if f["value"] == 6938.7]
    assert [f["place"] for f in national] == ["Azerbaijan"]


@pytest.mark.parametrize("text", [
    "Since November 2020, 237,821.5 hectares have been cleared.\n\nLast month 406 anti-personnel "
    "mines were found in Tartar, Aghdam, Aghdara, Lachin, Fuzuli and Shusha.",
    "2020-ci ilin noyabr ayından bu günədək 237 821.5 ha ərazi təmizlənib.\n\nÖtən ay Tərtər, Ağdam, "
    "Ağdərə, Laçın, Füzuli və Şuşada aparılan əməliyyatlar zamanı 406 piyada əleyhinə mina aşkarlanıb.",
    "С ноября 2020 года по сегодняшний день очищено 237 821,5 га.\n\nЗа прошлый месяц в Тертере, "
    "Агдаме, Агдере, Лачине, Физули и Шуше обнаружено 406 противопехотных мин.",
])
def test_last_months_list_of_districts_is_not_a_running_totals_place(finder, text: str) -> None:
    found = {f["value"]: f["place"] for f in figures(text, finder)}
    assert found[237821.5] == "Azerbaijan"
    assert found[406] == ["Tartar", "Aghdam", "Aghdara", "Lachin", "Fuzuli", "Shusha"]


@pytest.mark.parametrize("text", [
    "В сентябре был зафиксирован один факт подрыва на мине, обезврежено 393 неразорвавшихся боеприпаса.",
    "В сентябре зарегистрировано 2 случая подрыва на минах, обезврежено 393 неразорвавшихся боеприпаса.",
])
def test_a_count_of_incidents_is_not_a_figure(finder, text: str) -> None:
    """(English and Azerbaijani counts of incidents were already passed over.)"""
    assert [(f["metric"], f["value"]) for f in figures(text, finder)] == [("uxo_found", 393)]


@pytest.mark.parametrize("text, killed, injured", [
    ("С сентября 2001 года в результате 86 случаев подрыва на минах погибло 53 человека, ранения "
     "получили 122 человека.", 53, 122),
])
def test_a_casualty_word_after_a_count_of_incidents_is_the_next_numbers(finder, text, killed, injured):
    found = {f["metric"]: f["value"] for f in figures(text, finder)}
    assert found == {"killed": killed, "injured": injured}


@pytest.mark.parametrize("text, metric", [
    ("In March, 1,541 unexploded ordnance and one anti-tank mine were disarmed.", "at_mines_found"),
    ("В августе обезврежено 928 неразорвавшихся боеприпасов и одна противопехотная мина.", "ap_mines_found"),
    ("Avqustda 928 partlamamış hərbi sursat və iki tank əleyhinə mina zərərsizləşdirilib.", "at_mines_found"),
])
def test_a_number_word_before_a_device_is_a_figure(finder, text: str, metric: str) -> None:
    found = {f["metric"]: f["value"] for f in figures(text, finder)}
    assert found[metric] in (1, 2) and len(found) == 2


@pytest.mark.parametrize("text", [
    "One anti-tank mine exploded under a truck in Aghdam.",
    "Bir tank əleyhinə mina aşkarlanıb.",
])
def test_a_number_word_before_a_device_that_went_off_or_bir_is_not(finder, text: str) -> None:
    assert figures(text, finder) == []


@pytest.mark.parametrize("text", [
    "Since 10 November 2020, 129,831 hectares have been cleared of mines.\nANAMA's chairman said this at "
    "a press conference on April 4. He said that 65,585 unexploded ordnance were found and neutralized.",
    "2020-ci il noyabrın 10-dan bu günədək 129 min 831 hektar ərazi təmizlənib.\nBu sözləri ANAMA-nın "
    "sədri aprelin 4-də keçirilən mətbuat konfransında söyləyib. O bildirib ki, 65 min 585 ədəd "
    "partlamamış hərbi sursat zərərsizləşdirilib.",
    "С 10 ноября 2020 года по сегодняшний день очищено 129 831 га.\nОб этом председатель ANAMA заявил "
    "на пресс-конференции 4 апреля. Он отметил, что обезврежено 65 585 неразорвавшихся боеприпасов.",
])
def test_a_first_line_that_ends_a_sentence_gives_the_running_total_not_a_days_date(finder, text) -> None:
    uxo = next(f for f in figures(text, finder) if f["metric"] == "uxo_found")
    assert (uxo["period_start"], uxo["period_type"]) == ("2020-11-10", "cumulative")


@pytest.mark.parametrize("text", [
    "ANAMA reports\n\nSince November 2020, 233,000 hectares have been cleared.\n\n"
    "From 6 to 12 October, 100 anti-tank "
    "mines were found. 1,497.5 hectares were cleared.",
    "ANAMA məlumat yayıb\n\n2020-ci ilin noyabrından bu günədək 233 min hektar ərazi təmizlənib.\n\n"
    "Oktyabrın 6-dan 12-dək 100 "
    "tank əleyhinə mina aşkarlanıb. 1497,5 hektar ərazi təmizlənib.",
    "ANAMA сообщает\n\nС ноября 2020 года по сегодняшний день очищено 233 тысяч гектаров.\n\n"
    "С 6 по 12 октября обнаружено "
    "100 противотанковых мин. Разминированы 1497,5 гектара земли.",
])
def test_the_next_sentence_of_a_paragraph_goes_on_with_its_span(finder, text: str) -> None:
    area = next(f for f in figures(text, finder) if f["value"] == 1497.5)
    assert (area["period_start"], area["period_end"], area["period_type"]) == (
        "2025-10-06", "2025-10-12", "period")


@pytest.mark.parametrize("text", [
    "From November 11 last year to November 22 this year, the number of mines found was disclosed.\n\n"
    "So far, 10,455 anti-personnel mines have been found.",
    "Keçən il noyabrın 11-dən cari il noyabrın 22-dək aşkarlanan minaların sayı açıqlanıb.\n\n"
    "Metbuat.az xəbər verir ki, indiyədək 10 455 piyada əleyhinə mina aşkarlanıb.",
    "С 11 ноября прошлого года по 22 ноября этого года обнаружено много мин.\n\n"
    "На сегодня обнаружено 10 455 противопехотных мин.",
])
def test_so_far_restates_the_leads_span_to_a_stated_day(finder, text: str) -> None:
    figure = next(f for f in figures(text, finder, published=dt.date(2021, 11, 23)) if f["value"] == 10455)
    assert (figure["period_start"], figure["period_end"]) == ("2020-11-11", "2021-11-22")


@pytest.mark.parametrize("text", [
    "In 2020, 8,799 items, in 2021, 19,561 items and in 2024, 6,658 items were neutralized.\n"
    "Day.Az reports this.\nOf them, 21,122 were anti-tank mines.",
    "2020-ci ildə 8799 ədəd, 2021-ci ildə 19561 ədəd, 2024-cü ildə isə 6658 ədəd tapıntı "
    "zərərsizləşdirilib.\nDay.Az xəbər verir.\nBunlardan 21122-si tank əleyhinə minalardır.",
    "В 2020 году обезврежено 8799 находок, в 2021 году 19561 находка, в 2024 году 6658 находок.\n"
    "Об этом сообщает Day.Az.\nИз них 21122 противотанковые мины.",
])
def test_a_part_of_totals_takes_their_whole_span(finder, text: str) -> None:
    part = next(f for f in figures(text, finder) if f["value"] == 21122)
    assert (part["metric"], part["period_start"], part["period_end"]) == (
        "at_mines_found", "2020-01-01", "2024-12-31")


@pytest.mark.parametrize("text", [
    "Addressing the OSCE Ministerial Council on December 2, 2022, the minister said:\n\n“Sadly, since "
    "the end of the war, 268 persons have become mine victims.”",
    "Nazir 2 dekabr 2022-ci ildə ATƏT-in Nazirlər Şurasında çıxış edərək bildirib:\n\n“Müharibə "
    "bitdikdən sonra 268 nəfər minaya düşüb.”",
    "Выступая 2 декабря 2022 года на Совете министров ОБСЕ, министр заявил:\n\n«Со дня окончания "
    "войны на минах подорвались 268 человек».",
])
def test_a_running_total_in_a_quoted_speech_runs_to_the_speech(finder, text: str) -> None:
    figure = one(text, finder, published=dt.date(2022, 12, 20))
    assert (figure["value"], figure["period_start"], figure["period_end"]) == (
        268, "2020-11-10", "2022-12-02")


@pytest.mark.parametrize("text", [
    "Over the past week, the mine-clearing operations covered 1,616.5\nhectares of land.",
    "ANAMA: weekly report\nOver the past week, the operations covered 1,616.5\nhectares of land.",
    "За прошедшую неделю от мин очищено 1 616,5\nгектара территории.",
    "Ötən həftə 1616,5\nhektar ərazi minalardan təmizlənib.",
])
def test_a_line_wrapped_between_the_number_and_its_unit(finder, text: str) -> None:
    figure = one(text, finder)
    assert (figure["metric"], figure["value"], figure["unit"]) == ("area_reported_cleared", 1616.5, "ha")


@pytest.mark.parametrize("text, metric, value", [
    ("Over the past week, twelve anti-personnel mines and twenty-five anti-tank mines were found.",
     "at_mines_found", 25),
    ("Since November 2020, three hundred people were injured by mines.", "injured", 300),
    ("Since November 2020, one hundred and five people were killed by mines.", "killed", 105),
    ("За прошедшую неделю обнаружено двенадцать противопехотных мин.", "ap_mines_found", 12),
    ("С ноября 2020 года от мин погибли сто двадцать пять человек.", "killed", 125),
    ("Ötən həftə on bir tank əleyhinə mina aşkarlanıb.", "at_mines_found", 11),
    ("2020-ci ilin noyabrından bəri iki yüz otuz beş nəfər minaya düşüb.", "casualties", 235),
])
def test_compound_number_words(finder, text: str, metric: str, value: float) -> None:
    found = {f["metric"]: f["value"] for f in figures(text, finder)}
    assert found[metric] == value


def test_an_area_cleared_is_not_a_plan_for_the_share_of_the_plan_after_it(finder) -> None:
    """(The Russian and English forms, '..., что составило 95% от плана', were already read so.)"""
    figure = one("Ötən il 65 min hektar ərazi təmizlənib, bu da planın 95 faizidir.", finder)
    assert (figure["metric"], figure["value"]) == ("area_reported_cleared", 65000)


@pytest.mark.parametrize("text", [
    "Over the past week, 1,616 hectares were cleared, including 300 ha in Aghdam.",
    "За прошедшую неделю очищено 1616 га, в том числе 300 га в Агдаме.",
    "Ötən həftə 1616 hektar ərazi təmizlənib, o cümlədən Ağdamda 300 hektar.",
])
def test_a_total_is_not_placed_in_the_one_district_of_its_part(finder, text: str) -> None:
    assert {f["value"]: f["place"] for f in figures(text, finder)} == {1616: "Azerbaijan", 300: "Aghdam"}


@pytest.mark.parametrize("text", [
    "In 2023, 22,600 mines and unexploded ordnance were neutralized by the agency, 2,400 by the Ministry "
    "of Defense.",
    "В 2023 году агентством обезврежено 22 600 мин и неразорвавшихся боеприпасов, 2 400 – Министерством "
    "обороны.",
    "2023-cü ildə 22 600 mina və partlamamış hərbi sursat Agentlik tərəfindən, 2 400-ü Müdafiə Nazirliyi "
    "tərəfindən zərərsizləşdirilib.",
])
def test_a_count_by_another_body_in_a_list_takes_the_metric_before(finder, text: str) -> None:
    assert {f["value"]: f["metric"] for f in figures(text, finder)} == {
        22600: "items_found", 2400: "items_found"}


@pytest.mark.parametrize("text", [
    "Last week over 1,600 (1,644.6) hectares were cleared.",
    "За прошедшую неделю очищено более 1600 (1644,6) га.",
    "Ötən həftə 1600-dən çox (1644,6) hektar ərazi təmizlənib.",
])
def test_the_exact_value_in_brackets_before_the_unit(finder, text: str) -> None:
    figure = one(text, finder)
    assert (figure["value"], figure["unit"], figure["qualifier"]) == (1644.6, "ha", "exact")


@pytest.mark.parametrize("text", [
    "In July, ANAMA cleared 1,398,384 sq m.\n\nSo far, ANAMA has cleared 71,978,787 sq m. The number of "
    "mines and UXO found is 319,431.",
    "В июле ANAMA очистила 1 398 384 кв. м.\n\nДо сих пор АNАМА произвела очистку территории в 71 978 787 "
    "кв. м. Количество найденных мин и неразорвавшихся боеприпасов составляет 319 431.",
    "İyulda ANAMA 1 398 384 kv.m ərazini təmizləyib.\n\nİndiyədək 71 978 787 kv.m ərazi təmizlənib. "
    "Aşkarlanan tapıntıların sayı 319 431-dir.",
])
def test_the_next_sentence_goes_on_with_a_running_total(finder, text: str) -> None:
    found = {f["value"]: (f["period_start"], f["period_end"], f["period_type"])
             for f in figures(text, finder, published=dt.date(2008, 8, 7))}
    assert found[319431] == (None, "2008-08-07", "cumulative")


@pytest.mark.parametrize("text, start, end", [
    ("İyul ayında 1 398 384 kv.m ərazi təmizlənib.", "2008-07-01", "2008-07-31"),
    ("Ötən ay, iyulda 1 398 384 kv.m ərazi təmizlənib.", "2008-07-01", "2008-07-31"),
    ("İyunun 1-dən 30-dək 1 398 384 kv.m ərazi təmizlənib.", "2008-06-01", "2008-06-30"),
    ("İyulda 2 tank əleyhinə mina aşkarlanıb.", "2008-07-01", "2008-07-31"),
])
def test_azerbaijani_months_with_a_capital_i_or_in_the_locative(text: str, start: str, end: str) -> None:
    periods = find_periods(text, dt.date(2008, 8, 7))
    assert [(p.start.isoformat(), p.end.isoformat()) for p in periods][-1:] == [(start, end)]
