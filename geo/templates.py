"""Downloadable templates for each kind of upload, with real rows as examples."""

from __future__ import annotations

import json

FIGURES_WIDE = (
    "district;period_start;period_end;hectares;AP mines;AT mines;UXO;scope;originator;party;"
    "outlet;published;url\n"
    "Tərtər;01.01.2023;31.12.2023;1 286,9;;;;all operators;Cabinet of Ministers of Azerbaijan;"
    "govt_azerbaijan;Trend;05.03.2024;https://en.trend.az/azerbaijan/society/3870489.html\n"
)
FIGURES_LONG = (
    "place,metric,value,unit,qualifier,period_start,period_end,period_type,scope,source_id,"
    "originator,party,outlet,published,url,note\n"
    "Azerbaijan,area_reported_cleared,\"54,841\",ha,exact,2020-11-20,2022-10-06,cumulative,"
    "unknown,SEED,,,,,,\n"
    "Lachin,ap_mines_found,\"more than 1,400\",count,,2022-08-01,2022-10-25,period,unknown,"
    "SEED,,,,,,Model E-001M\n"
)
EVENTS = (
    "kind,date_start,date_end,place,lat,lon,device_category,device_model,quantity,killed,"
    "injured,source_id,originator,party,outlet,published,note\n"
    "find,2022-08-15,2022-08-15,Sarybaba height,,,AP mine,PMN-E,991,,,TREND3633489,,,,,\n"
    "incident,2022-10-22,2022-10-23,Tartar,,,,,,0,1,SEED,,,,,Civilian injured\n"
)
PLACES = json.dumps({
    "type": "FeatureCollection",
    "features": [{
        "type": "Feature",
        "properties": {"name": "Sus", "name_az": "Sus", "alt_names": ["Սուս", "Сус"],
                       "level": "settlement", "district": "Lachin",
                       "source": "where the coordinates come from", "license": "CC BY 4.0"},
        "geometry": {"type": "Point", "coordinates": [46.51278, 39.62694]},
    }],
}, ensure_ascii=False, indent=2)

TEMPLATES: dict[str, tuple[str, str, str]] = {
    "Figures, one row per place and period (CSV)": ("figures-wide.csv", FIGURES_WIDE, "text/csv"),
    "Figures, one figure per row (CSV)": ("figures-long.csv", FIGURES_LONG, "text/csv"),
    "Finds and incidents (CSV)": ("events.csv", EVENTS, "text/csv"),
    "Places and boundaries (GeoJSON)": ("places.geojson", PLACES, "application/geo+json"),
}
