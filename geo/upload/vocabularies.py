"""How people write the app's codes: scopes, figure types, parties, levels, metrics, statuses."""

from __future__ import annotations

from geo.parsing import header_key, synonym_parser
from geo.vocab import METRICS, PARTY_LABELS, STATUS_LABELS, Party, Status

SCOPE_SYNONYMS = {
    "all operators": "all_operators", "all_operators": "all_operators", "all": "all",
    "anama only": "ANAMA_only", "anama_only": "ANAMA_only", "anama": "ANAMA_only",
    "army": "MoD_only", "army only": "MoD_only", "mod": "MoD_only", "mod only": "MoD_only",
    "mod_only": "MoD_only", "ministry of defence": "MoD_only", "unknown": "unknown",
    "not stated": "unknown", "scope not stated": "unknown", "civilians": "civilians",
    "civilians only": "civilians", "n/a": "n/a", "all people": "all",
}
PERIOD_TYPE_SYNONYMS = {
    "cumulative": "cumulative", "running total": "cumulative", "total": "cumulative",
    "since": "cumulative", "period": "period", "for the period": "period", "weekly": "period",
    "monthly": "period", "annual": "period", "yearly": "period", "point": "point",
    "point in time": "point", "figure for the period": "period",
}
PARTY_SYNONYMS = {
    **{p.value: p.value for p in Party},
    **{header_key(label): code for code, label in PARTY_LABELS.items()},
    "government": "govt_azerbaijan", "azerbaijan": "govt_azerbaijan",
    "government of azerbaijan": "govt_azerbaijan", "armenia": "govt_armenia",
    "ngo": "national_ngo", "international ngo": "international_ngo",
    "monitor": "independent_monitor", "independent": "independent_monitor",
}
LEVEL_SYNONYMS = {
    "country": "country", "district": "district", "rayon": "district", "region": "district",
    "settlement": "settlement", "village": "settlement", "town": "settlement",
    "city": "settlement", "named_feature": "named_feature", "named feature": "named_feature",
    "feature": "named_feature", "height": "named_feature", "mountain": "named_feature",
    "adm0": "country", "adm2": "district", "rayonu": "district", "район": "district",
    "kənd": "settlement", "село": "settlement", "şəhər": "settlement", "город": "settlement",
    "economic_region": "economic_region", "economic region": "economic_region",
    "iqtisadi rayon": "economic_region", "экономический район": "economic_region",
}
METRIC_SYNONYMS = {
    **{header_key(m): m for m in METRICS}, **{m: m for m in METRICS},
    **{header_key(info.label): m for m, info in METRICS.items()},
    "area cleared": "area_reported_cleared", "hectares cleared": "area_reported_cleared",
    "area reported cleared": "area_reported_cleared", "land released": "land_released",
    "area cleared of mines and uxo": "area_reported_cleared",
    "minalardan temizlenmis erazi": "area_reported_cleared", "очищенная площадь": "area_reported_cleared",
    "phs": "uxo_found", "partlamamis herbi sursat": "uxo_found", "нвб": "uxo_found",
    "ap mines": "ap_mines_found", "anti personnel mines": "ap_mines_found",
    "at mines": "at_mines_found", "anti tank mines": "at_mines_found", "uxo": "uxo_found",
    "unexploded ordnance": "uxo_found", "deaths": "killed", "dead": "killed",
    "wounded": "injured", "victims": "casualties",
}
STATUS_SYNONYMS = {**{s.value: s.value for s in Status},
                   **{header_key(v): k for k, v in STATUS_LABELS.items()}}

parse_scope = synonym_parser(SCOPE_SYNONYMS, "scope (use all operators, ANAMA only, MoD only or "
                                             "not stated)")
parse_period_type = synonym_parser(PERIOD_TYPE_SYNONYMS, "type of figure (use cumulative, period "
                                                         "or point)")
parse_level = synonym_parser(LEVEL_SYNONYMS, "place level (use district, settlement or named "
                                             "feature)")
parse_metric = synonym_parser(METRIC_SYNONYMS, "metric (e.g. area reported cleared, AP mines "
                                               "found, casualties)")
parse_status = synonym_parser(STATUS_SYNONYMS, "status (use reported, disputed, inconsistent "
                                               "within source or superseded)")
