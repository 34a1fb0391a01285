"""How well the statement extractor does on real statements annotated by hand.

`python -m bench.statements_eval` reads tests/fixtures/statements/ (328 real public statements,
each annotated before the extractor was run on it; see its README and docs/statements-eval.md),
runs the extractor on each and prints recall, precision, period and qualifier accuracy per
language, for the statements the extractor was tuned on ('dev': annotations.json and
batch3-*.json to batch8-*.json) and for those it was not ('held out': batch9-*.json), plus the
time to extract a 2,000-word statement. Writes docs/statements-eval.json.

Scoring: a gold figure is found when a proposed figure has its metric, value and place (places
compared by normalised name, a list as a set; a gold place of null matches any). A proposed
figure is real when it has the metric and value of a gold figure (each gold figure counted
once). The period is right when both bounds equal the annotation's; for a running total, a
start of 1 or 10 November 2020 counts as the same (the annotation's rule for "since November
2020" and "since the end of the war" is mechanical, see the fixtures' README).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from geo.names import normalise
from geo.places import load_gazetteer
from geo.statements import Statement, extract
from geo.statements.places import PlaceFinder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "statements"
OUT = ROOT / "docs" / "statements-eval.json"
WAR_END_STARTS = {"2020-11-01", "2020-11-10"}


DEV_FILES = ("annotations.json", *(f"batch{n}-{lang}.json" for n in range(3, 9) for lang in ("ru", "az")))
HELD_OUT_FILES = ("batch9-ru.json", "batch9-az.json")  # annotated and committed before any run on them


def load_set() -> list[tuple[dict, bool]]:
    """Every annotated statement, and whether it is held out (never looked at while tuning)."""
    def read(name: str) -> list[dict]:
        return json.loads((FIXTURES / name).read_text(encoding="utf-8"))

    return [(entry, name in HELD_OUT_FILES) for name in DEV_FILES + HELD_OUT_FILES for entry in read(name)]


def _places(place: object) -> frozenset[str] | None:
    if place is None:
        return None
    names = place if isinstance(place, list) else [place]
    return frozenset(normalise(str(n)).key for n in names)


def _same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _period_right(gold: dict, found: dict) -> bool:
    if gold["period_end"] != found["period_end"]:
        return False
    if gold["period_start"] == found["period_start"]:
        return True
    starts = {gold["period_start"], found["period_start"]}
    return gold["period_type"] == "cumulative" and starts <= WAR_END_STARTS


def score(gold: list[dict], found: list[dict]) -> dict[str, int]:
    """Counts for one statement: gold, proposed, found, real, periods and qualifiers checked."""
    counts = defaultdict(int, gold=len(gold), proposed=len(found))
    unused = list(range(len(found)))
    for figure in gold:
        match = next((i for i in unused if found[i]["metric"] == figure["metric"]
                      and _same_value(found[i]["value"], figure["value"])
                      and (_places(figure["place"]) is None
                           or _places(figure["place"]) == _places(found[i]["place"]))), None)
        if match is None:
            continue
        unused.remove(match)
        counts["found"] += 1
        candidate = found[match]
        if figure["period_end"] is not None:
            counts["periods"] += 1
            counts["periods_right"] += _period_right(figure, candidate)
        counts["qualifiers_right"] += figure["qualifier"] == candidate["qualifier"]
    unmatched = list(range(len(gold)))
    for candidate in found:
        match = next((i for i in unmatched if gold[i]["metric"] == candidate["metric"]
                      and _same_value(gold[i]["value"], candidate["value"])), None)
        if match is not None:
            unmatched.remove(match)
            counts["real"] += 1
    return dict(counts)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _summary(counts: dict[str, int]) -> dict[str, float | int | None]:
    return {"statements": counts.get("statements", 0), "figures": counts.get("gold", 0),
            "recall": _ratio(counts.get("found", 0), counts.get("gold", 0)),
            "precision": _ratio(counts.get("real", 0), counts.get("proposed", 0)),
            "period": _ratio(counts.get("periods_right", 0), counts.get("periods", 0)),
            "qualifier": _ratio(counts.get("qualifiers_right", 0), counts.get("found", 0))}


def _two_thousand_words(texts: list[str]) -> str:
    words: list[str] = []
    while len(words) < 2000:
        for text in texts:
            words.extend(text.split())
    return " ".join(words[:2000])


def main() -> None:
    """Run the evaluation and print its table."""
    finder = PlaceFinder(*load_gazetteer(ROOT / "data" / "geo"))
    totals: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    english: list[str] = []
    for entry, unseen in load_set():
        text = (FIXTURES / f"{entry['id']}.txt").read_text(encoding="utf-8")
        if entry["language"] == "en":
            english.append(text)
        found = [f.as_json() for f in extract(
            Statement(text, dt.date.fromisoformat(entry["published"]), entry.get("url", "")), finder)]
        counts = score(entry["figures"], found)
        split = "held out" if unseen else "dev"
        for key in ((split, entry["language"]), (split, "all"), ("all", entry["language"]), ("all", "all")):
            totals[key]["statements"] += 1
            for name, value in counts.items():
                totals[key][name] += value
        if split == "dev" and (counts.get("found", 0) < len(entry["figures"])
                               or counts.get("real", 0) < len(found)):
            misses.append(f"{entry['id']}: {counts.get('found', 0)}/{len(entry['figures'])} found, "
                          f"{counts.get('real', 0)}/{len(found)} real")
    sample = _two_thousand_words(english)
    timings = []
    places, names = load_gazetteer(ROOT / "data" / "geo")
    for _ in range(5):
        started = time.perf_counter()  # a new finder each time: no name is remembered from before
        extract(Statement(sample, dt.date(2026, 2, 23)), PlaceFinder(places, names))
        timings.append(time.perf_counter() - started)
    result = {"measured": dt.date.today().isoformat(),
              "splits": {f"{split} / {language}": _summary(counts)
                         for (split, language), counts in sorted(totals.items())},
              "seconds_for_2000_words": round(statistics.median(timings), 3)}
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("| split / language | statements | figures | recall | precision | period | qualifier |")
    print("|---|---|---|---|---|---|---|")
    for name, row in result["splits"].items():
        cells = [str(row[k]) for k in ("statements", "figures", "recall", "precision", "period", "qualifier")]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"2,000-word statement: {result['seconds_for_2000_words']} s (median of 5)")
    if misses:
        print("dev statements with a miss:\n  " + "\n  ".join(misses))


if __name__ == "__main__":
    main()
