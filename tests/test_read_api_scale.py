"""Paging through 200,000 finds by the API's next links returns every find exactly once."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from tests.browser.conftest import start_server
from tests.synthetic import store_with_finds

FINDS = 200_000


def test_paging_returns_each_of_200000_finds_exactly_once(tmp_path: Path) -> None:
    path = tmp_path / "big.sqlite"
    store_with_finds(path, FINDS)
    process, base = start_server(path)
    try:
        url, ids, pages = f"{base}/api/v1/finds?limit=1000", [], 0
        while url:
            with urllib.request.urlopen(url, timeout=120) as response:
                page = json.load(response)
            ids += [row["event_id"] for row in page["items"]]
            pages += 1
            url = next((link["href"] for link in page["links"] if link["rel"] == "next"), "")
    finally:
        process.terminate()
        process.wait(timeout=30)
    synthetic = [i for i in ids if i.startswith("S7-")]
    assert len(synthetic) == FINDS and len(set(ids)) == len(ids)
    assert ids == sorted(ids) and pages == -(-len(ids) // 1000)
