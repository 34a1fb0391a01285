"""Benchmark (run by `make bench`): sharing and reporting with 100,000 figures in the store.

Times, on 100,000 synthetic figures plus the seed: re-wording every figure for Azerbaijani
and Russian (done once per language and data version, then shared), the brief (content, the
map picture, the PDF with its charts), and the self-describing exports (XLSX with README and
dictionary, the CSV bundle). Numbers are measurements on this machine, not test assertions.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from bench.figures_scale import seconds
from geo.about import ViewInfo
from geo.brief import brief_pdf, build_brief, static_map
from geo.derive import claims_view, events_view, flag_claims
from geo.export import csv_bundle, figures_and_events_xlsx
from geo.figures import district_figures
from geo.filters import Filters, filter_claims, filter_events, period_bounds
from geo.i18n import language
from geo.localize import localize_claims
from geo.mapping import district_styles, legend_title
from geo.mapping.common import NameLookup
from geo.overview import overview_figures
from geo.place_names import localized_names
from tests.synthetic_figures import store_with_figures

FIGURES = 100_000


def main() -> None:
    """Print a Markdown table of the measurements."""
    with tempfile.TemporaryDirectory() as folder:
        tables = store_with_figures(Path(folder) / "bench.sqlite", FIGURES).snapshot()
    claims, events = flag_claims(claims_view(tables)), events_view(tables)
    bounds = period_bounds(claims, events)
    filters = Filters(start=bounds[0], end=bounds[1])
    rows: list[tuple[str, str]] = []
    for code in ("az", "ru"):
        names = localized_names(tables.places, tables.names, code)
        with language(code):
            rows.append((f"re-word {len(claims):,} figures for {code} (once per data version)",
                         f"{seconds(lambda n=names: localize_claims(claims, n)):.2f} s"))
    names = localized_names(tables.places, tables.names, "en")
    info = ViewInfo(filters, 2, False, dt.date.today(), names, bounds)
    shown = filter_claims(claims, filters)
    figures = district_figures(shown, filters.metric, filters.period_length)
    overview = overview_figures(shown, filters, "latest", names, "bench")
    brief = build_brief(shown, overview, figures, info)
    took = seconds(lambda: build_brief(shown, overview, figures, info))
    rows.append(("brief content and footnotes", f"{took:.2f} s ({len(brief.footnotes)} sources footnoted)"))
    styles, legend = district_styles(tables.places, NameLookup(tables.names), figures, filters.metric)

    def picture_of_map() -> bytes:
        return static_map(tables.places, styles, legend, legend_title(filters.metric),
                          filter_events(events, filters), names)

    picture = picture_of_map()
    rows.append(("brief map picture (matplotlib)", f"{seconds(picture_of_map):.2f} s"))
    pdf = brief_pdf(brief, picture, "today")
    rows.append(("brief PDF with four charts (fpdf2, vl-convert)",
                 f"{seconds(lambda: brief_pdf(brief, picture, 'today')):.2f} s, {len(pdf) / 1e6:.1f} MB"))
    rows.append(("XLSX export with README and dictionary",
                 f"{seconds(lambda: figures_and_events_xlsx(claims, events, ['README'])):.2f} s"))
    rows.append(("CSV bundle (ZIP) with dictionaries and README",
                 f"{seconds(lambda: csv_bundle(claims, events, info, hxl=True)):.2f} s"))
    print(f"\n### Sharing and reporting with {len(claims):,} figures\n")
    print("| measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
