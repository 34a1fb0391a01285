"""Uploads as people send them: reading files, finding their tables, mapping columns to
fields, and turning rows into validated records or a report of every problem.

Nothing in this package writes to the store.
"""

from geo.upload.fields import KIND_EVENTS, KIND_FIGURES, KIND_LABELS, KIND_PLACES
from geo.upload.limits import limits
from geo.upload.options import UploadOptions
from geo.upload.prepare import ACCEPTED_SUFFIXES, ColumnInfo, Prepared, prepare_upload
from geo.upload.problems import Problem, UploadRefused, problems_table

__all__ = [
    "ACCEPTED_SUFFIXES", "KIND_EVENTS", "KIND_FIGURES", "KIND_LABELS", "KIND_PLACES", "ColumnInfo",
    "Prepared", "Problem", "UploadOptions", "UploadRefused", "limits", "prepare_upload",
    "problems_table",
]
