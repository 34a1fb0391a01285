"""Operations on the store at MINEDASH_DB_URL (see docs/deploy.md).

    python -m geo.store migrate          migrate (and seed an empty store); prints the schema
    python -m geo.store check            exit 0 when the store answers and is whole, else 1
    python -m geo.store grant-reader     let the minedash_reader role read the views
    python -m geo.store layers FILE      write the published layers into a GeoPackage
"""

from __future__ import annotations

import sys
from pathlib import Path

from geo.store.core import Store
from geo.store.engine import StoreError, write_transaction
from geo.store.views import READER_ROLE, grant_reader


def main(arguments: list[str]) -> int:
    """Run one command; returns the exit status."""
    command = arguments[0] if arguments else ""
    try:
        store = Store()
        if command == "migrate":
            seeded = store.seed_if_empty()
            print(f"schema {store.schema_version()}" + (", seeded" if seeded else ""))
        elif command == "check":
            problems = store.integrity_problems()
            revision, _ = store.version_stamp()
            print(f"schema {store.schema_version()}, latest revision {revision}")
            print("\n".join(problems) or "no problems found")
            return 1 if problems else 0
        elif command == "grant-reader":
            with write_transaction(store.engine) as conn:
                grant_reader(conn)
            print(f"{READER_ROLE} may read the views (if the role exists)")
        elif command == "layers" and len(arguments) == 2:
            store.layers.geopackage(Path(arguments[1]))
            print(f"wrote {arguments[1]}")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except StoreError as error:
        print(f"{error.title}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
