"""Hazard areas (SHA/CHA polygons) and land release: model, areas, checks, charts, exports.

Submodules are imported by name (`geo.model.hazards`, `geo.hazards.areas`…): the store and
the seed import the model, so this package itself imports nothing.
"""
