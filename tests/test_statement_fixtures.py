"""The hand-annotated evaluation set is well formed: every statement's text is there, every quote
is a span of it, and every code is one the extractor can propose."""

from __future__ import annotations

from bench.statements_eval import FIXTURES, load_set

METRICS = {"area_reported_cleared", "ap_mines_found", "at_mines_found", "uxo_found", "items_found",
           "casualties", "killed", "injured", "area_contaminated", "area_planned"}


def test_every_annotated_figure_quotes_its_statement_and_uses_known_codes() -> None:
    entries = load_set()
    assert len(entries) >= 328 and sum(unseen for _entry, unseen in entries) >= 34
    ids = [entry["id"] for entry, _unseen in entries]
    assert len(ids) == len(set(ids))
    for entry, _unseen in entries:
        text = (FIXTURES / f"{entry['id']}.txt").read_text(encoding="utf-8")
        assert entry["language"] in ("en", "az", "ru"), entry["id"]
        for figure in entry["figures"]:
            assert figure["quote"] in text, (entry["id"], figure["quote"])
            assert figure["metric"] in METRICS, (entry["id"], figure["metric"])
            assert figure["period_type"] in ("period", "cumulative", "point"), entry["id"]
            assert float(figure["value"]) > 0, entry["id"]
