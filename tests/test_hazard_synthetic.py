"""The synthetic hazard data that tests, the benchmark and the demonstration set use: realistic
(hundreds of areas in a large district, some overlapping, some invalid), reproducible, and
marked as synthetic in every row."""

from __future__ import annotations

import numpy as np
import shapely

from geo.hazards.areas import areas_m2
from geo.hazards.geometry import check_polygons, overlaps
from geo.hazards.synthetic import ORIGINATOR, SOURCE_ID, synthetic_hazards, synthetic_releases
from geo.store import Store
from geo.upload import UploadOptions, prepare_upload
from geo.upload.context import geometry_in_region
from geo.vocab.hazards import is_synthetic
from tests.upload_files import geo_frame, written
from tools.demo import demonstration_tables, load_demonstration


def test_areas_are_spread_by_district_size_with_some_overlapping_and_some_invalid(tables) -> None:
    layer = synthetic_hazards(tables.places, 60, seed=5, repairable_share=0.03, refused_share=0.02)
    districts = tables.places[tables.places["level"] == "district"]
    inside = shapely.STRtree(districts.geometry.values).query(layer.geometry.values, "intersects")
    assert set(inside[0]) == set(range(len(layer)))  # every area lies in some district
    counts = layer["hazard_id"].str.rsplit("-", n=1).str[0].value_counts()
    assert counts.max() > 100 and counts.min() >= 5  # Kalbajar holds hundreds, Khankendi a few
    assert len(layer) == 60 * 12 and layer["hazard_id"].is_unique
    assert all(geometry_in_region(g) for g in layer.geometry)
    checks = check_polygons(list(layer.geometry))
    repaired = sum(bool(c.repair) for c in checks)
    refused = sum(bool(c.problem) for c in checks)
    assert repaired > 5 and refused > 5
    valid = layer[[c.geometry is not None for c in checks]]
    assert len(overlaps(valid)) > 20
    sizes = areas_m2(valid.geometry.values) / 10_000
    assert 0.3 < np.median(sizes) < 15 and sizes.max() < 200  # hectares, as minefields are
    again = synthetic_hazards(tables.places, 60, seed=5, repairable_share=0.03, refused_share=0.02)
    assert all(a.equals(b) for a, b in zip(layer.geometry, again.geometry, strict=True))


def test_an_upload_of_them_repairs_some_and_refuses_the_others_by_row(tables) -> None:
    layer = synthetic_hazards(tables.places, 20, seed=8, repairable_share=0.05, refused_share=0.05)
    package = written(geo_frame(list(zip(layer.drop(columns="geometry").to_dict("records"),
                                         layer.geometry, strict=True))), "GPKG", ".gpkg", "hazards")
    prepared = prepare_upload("synthetic.gpkg", package, tables, UploadOptions(defaults=(
        ("originator", ORIGINATOR), ("party", "national_ngo"), ("published", "2026-01-01"))))
    assert prepared.kind == "hazards"
    checks = check_polygons(list(layer.geometry))
    refused_rows = {i + 1 for i, c in enumerate(checks) if c.problem}
    assert {p.row for p in prepared.problems} == refused_rows
    assert any(note.startswith("Repaired") for note in prepared.notes)


def test_release_records_follow_released_and_in_progress_areas(tables) -> None:
    layer = synthetic_hazards(tables.places, 20, seed=9)
    releases = synthetic_releases(layer, seed=9)
    statuses = layer.set_index("hazard_id")["status"]
    assert set(statuses[releases["hazard id"]]) == {"released", "in progress"}
    full = releases[statuses[releases["hazard id"]].to_numpy() == "released"]
    hectares = layer.set_index("hazard_id").geometry[full["hazard id"]]
    assert np.allclose(full["hectares"], areas_m2(hectares.values) / 10_000, atol=1e-3)
    assert (releases["period end"] >= releases["period start"]).all()
    assert set(releases.loc[releases["method"] == "cleared", "hazard id"].map(
        layer.set_index("hazard_id")["type"])) == {"CHA"}


def test_the_demonstration_set_is_one_revision_marked_synthetic_in_every_row(store: Store) -> None:
    revision = load_demonstration(store, per_district=5, finds=50, incidents=5)
    current = store.snapshot()
    added = {name: frame[frame["revision_id"] == revision]
             for name, frame in (("hazards", current.hazards), ("releases", current.releases),
                                 ("events", current.events))}
    assert {name: len(frame) > 0 for name, frame in added.items()} == dict.fromkeys(added, True)
    assert all(frame["source_id"].map(is_synthetic).all() for frame in added.values())
    source = current.sources.set_index("source_id").loc[SOURCE_ID]
    assert source["originator"] == ORIGINATOR
    assert "SYNTHETIC" in store.revisions().set_index("revision_id").at[revision, "note"]
    store.retract(revision, by="test")
    assert store.snapshot().hazards.empty
    tables = demonstration_tables(store.snapshot(), 5, 0, 0)
    assert tables.events.empty and len(tables.hazards) == 60
