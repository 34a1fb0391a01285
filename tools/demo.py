"""Load a synthetic demonstration set of hazard areas, land release, finds and incidents into
the store as one revision of its own (retract it on the History page to remove it):

    python -m tools.demo [--per-district 300] [--finds 3000] [--incidents 60]

The rows go through the same upload checks as any file (polygon repair, areas in an
equal-area projection, districts by polygon), and every one of them names the source
'Synthetic demonstration data (not real)'.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib

import pandas as pd

from geo.export import to_geopackage
from geo.hazards.synthetic import (
    ORIGINATOR,
    SOURCE,
    synthetic_events,
    synthetic_hazards,
    synthetic_releases,
)
from geo.model.tables import Tables, empty_tables
from geo.store import Store
from geo.upload import UploadOptions, prepare_upload
from geo.upload.problems import UploadRefused

SOURCE_DEFAULTS = tuple((k, v) for k, v in SOURCE.items() if k != "source_id")
NOTE = (f"SYNTHETIC demonstration data ({ORIGINATOR}): made-up hazard areas, land release, finds "
        "and incidents. Retract this revision to remove them.")


def _prepared(name: str, data: bytes, stored: Tables, kind: str) -> Tables:
    prepared = prepare_upload(name, data, stored, UploadOptions(kind=kind, defaults=SOURCE_DEFAULTS))
    if not prepared.ok:
        raise UploadRefused("; ".join(p.message() for p in prepared.problems[:5]))
    return prepared.tables


def demonstration_tables(stored: Tables, per_district: int, finds: int, incidents: int,
                         seed: int = 11) -> Tables:
    """The synthetic set as one upload's tables, checked like any uploaded file."""
    layer = synthetic_hazards(stored.places, per_district, seed=seed)
    hazards = _prepared("synthetic-hazards.gpkg", to_geopackage({"hazards": layer}), stored,
                        "hazards").hazards
    with_hazards = dataclasses.replace(stored, hazards=hazards)
    releases = synthetic_releases(layer, seed=seed + 1).to_csv(index=False).encode()
    upload = empty_tables()
    upload.hazards = hazards
    upload.releases = _prepared("synthetic-releases.csv", releases, with_hazards, "releases").releases
    if finds + incidents:
        events = synthetic_events(layer, finds, incidents, seed=seed + 2).to_csv(index=False).encode()
        upload.events = _prepared("synthetic-events.csv", events, with_hazards, "events").events
    upload.sources = pd.DataFrame([{**SOURCE, "url": "", "note": NOTE}], columns=upload.sources.columns)
    return upload


def load_demonstration(store: Store, per_district: int = 300, finds: int = 3000,
                       incidents: int = 60, author: str = "demonstration") -> int:
    """Commit the synthetic set as one revision; returns its number."""
    store.seed_if_empty()
    tables = demonstration_tables(store.snapshot(), per_district, finds, incidents)
    digest = hashlib.sha256(f"synthetic demonstration|{per_district}|{finds}|{incidents}".encode())
    return store.commit(tables, author=author, file_name="synthetic demonstration set",
                        sha256=digest.hexdigest(), kind="demo", note=NOTE)


def main() -> None:
    """Parse the command line and load the set into the configured store."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-district", type=int, default=300)
    parser.add_argument("--finds", type=int, default=3000)
    parser.add_argument("--incidents", type=int, default=60)
    arguments = parser.parse_args()
    revision = load_demonstration(Store(), arguments.per_district, arguments.finds, arguments.incidents)
    print(f"Committed the synthetic demonstration set as revision {revision}. {NOTE}")


if __name__ == "__main__":
    main()
