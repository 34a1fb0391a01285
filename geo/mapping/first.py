"""First views: what the map's endpoint would answer for a view of the whole region at the zoom
the map opens at, sent with the state of a map being mounted so its first draw needs no
request (the same bytes the request would fetch, one round trip sooner)."""

from __future__ import annotations

import json
from collections.abc import Callable

from geo.bbox import BBox

FIRST_VIEW_CHARACTERS = 256_000  # the largest answer sent with a mounting map's state
NOWHERE = BBox(0.0, 0.0, 0.0, 0.0)


def first_view(covering: BBox | None, zoom: int, answer: Callable[[BBox], dict]) -> dict | None:
    """`answer(box)` for a box around everything the layer holds (`covering`; None when it holds
    nothing located, so every view gets the same empty answer), with that box as `extent`
    ([w, s, e, n] or None) and the zoom. None when the answer is longer than
    FIRST_VIEW_CHARACTERS: it then stays with the endpoint."""
    data = answer(covering or NOWHERE)
    if len(json.dumps(data)) > FIRST_VIEW_CHARACTERS:
        return None
    extent = None if covering is None else [covering.west, covering.south, covering.east,
                                            covering.north]
    return {"zoom": zoom, "extent": extent, "data": data}
