"""Upload limits: enforced in code, configurable by environment, mirrored in Streamlit's config."""

from __future__ import annotations

from dataclasses import dataclass

from geo.settings import setting


@dataclass(frozen=True)
class Limits:
    """What one upload may hold; a file over a limit is refused with a message, never cut."""

    max_megabytes: int
    max_rows: int
    max_columns: int = 100
    max_cell_chars: int = 100_000
    max_unpacked_megabytes: int = 600
    max_unpack_ratio: int = 200
    max_json_depth: int = 40
    read_seconds: float = 90.0  # as MINEDASH_UPLOAD_READ_SECONDS's default
    read_megabytes: int = 4096  # as MINEDASH_UPLOAD_READ_MB's default

    @property
    def max_bytes(self) -> int:
        """The file-size limit in bytes."""
        return self.max_megabytes * 1024 * 1024


def limits() -> Limits:
    """The limits in force (MINEDASH_UPLOAD_MAX_MB, MINEDASH_UPLOAD_MAX_ROWS,
    MINEDASH_UPLOAD_READ_SECONDS and MINEDASH_UPLOAD_READ_MB; geo/settings.py)."""
    return Limits(max_megabytes=setting("MINEDASH_UPLOAD_MAX_MB"),
                  max_rows=setting("MINEDASH_UPLOAD_MAX_ROWS"),
                  read_seconds=setting("MINEDASH_UPLOAD_READ_SECONDS"),
                  read_megabytes=setting("MINEDASH_UPLOAD_READ_MB"))
