"""The brief: the current view as a printable document with numbered source footnotes."""

from geo.brief.content import (
    BriefContent,
    Chart,
    Figure,
    Footnote,
    build_brief,
    chart_claims,
    map_description,
)
from geo.brief.pdf import brief_pdf, chart_png
from geo.brief.staticmap import static_map, view_bounds

__all__ = ["BriefContent", "Chart", "Figure", "Footnote", "brief_pdf", "build_brief",
           "chart_claims", "chart_png", "map_description", "static_map", "view_bounds"]
