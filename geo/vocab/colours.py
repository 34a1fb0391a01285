"""The colours that mean something, declared once, so the map, the charts and the brief agree:
a device category, an incident, a hazard area's type, released land."""

DEVICE_COLOURS = {
    "AP_mine": "#c0392b", "AT_mine": "#6a3d9a", "UXO": "#1f78b4", "IED_booby_trap": "#e08214",
}
OTHER_DEVICE_COLOUR = "#555555"
INCIDENT_COLOUR = "#111111"
HAZARD_TYPE_COLOURS = {"SHA": "#f1b6da", "CHA": "#c51b7d"}
RELEASED_COLOUR = "#1a9850"
