"""Upload limits: enforced in code, configurable by environment, mirrored in Streamlit's config."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


def _env_seconds(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if 0 < value < 86_400 else default


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
    read_seconds: float = 90.0  # DEFAULT_READ_SECONDS
    read_megabytes: int = 4096  # DEFAULT_READ_MB

    @property
    def max_bytes(self) -> int:
        """The file-size limit in bytes."""
        return self.max_megabytes * 1024 * 1024


MAX_MB_ENV = "MINEDASH_UPLOAD_MAX_MB"
MAX_ROWS_ENV = "MINEDASH_UPLOAD_MAX_ROWS"
DEFAULT_MAX_MB = 60  # also Streamlit's server.maxUploadSize in .streamlit/config.toml
DEFAULT_MAX_ROWS = 300_000
READ_SECONDS_ENV = "MINEDASH_UPLOAD_READ_SECONDS"  # wall time the reading worker gets per file
READ_MB_ENV = "MINEDASH_UPLOAD_READ_MB"  # the reading worker's address-space limit
DEFAULT_READ_SECONDS = 90.0
DEFAULT_READ_MB = 4096


def limits() -> Limits:
    """The limits in force (MINEDASH_UPLOAD_MAX_MB, MINEDASH_UPLOAD_MAX_ROWS,
    MINEDASH_UPLOAD_READ_SECONDS and MINEDASH_UPLOAD_READ_MB override)."""
    return Limits(max_megabytes=_env_int(MAX_MB_ENV, DEFAULT_MAX_MB),
                  max_rows=_env_int(MAX_ROWS_ENV, DEFAULT_MAX_ROWS),
                  read_seconds=_env_seconds(READ_SECONDS_ENV, DEFAULT_READ_SECONDS),
                  read_megabytes=_env_int(READ_MB_ENV, DEFAULT_READ_MB))
