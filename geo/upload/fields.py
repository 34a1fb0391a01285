"""What an upload can hold: kinds of file, their fields, and the headers people give them.

A column is mapped to a field by its header (any of the field's synonyms, in English,
Azerbaijani or Russian, compared after folding case, accents and punctuation). Headers that
could mean two fields ('type': event kind or device) are settled by the column's values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geo.i18n import N_, _
from geo.model.kinds import KINDS, UPLOADS
from geo.parsing import (
    ParseError,
    header_key,
    parse_date,
    parse_device,
    parse_event_kind,
    parse_number,
)
from geo.upload.hazard_terms import (
    parse_contamination,
    parse_hazard_status,
    parse_hazard_type,
    parse_land_use,
    parse_method,
)
from geo.upload.raw import Cell
from geo.vocab import METRICS, Unit, metric_label

# The upload kinds, as geo/model/kinds.py declares them (named here for the fields below).
KIND_FIGURES, KIND_EVENTS, KIND_PLACES, KIND_HAZARDS, KIND_RELEASES = (
    KINDS[table].upload for table in ("claims", "events", "places", "hazards", "releases"))
KIND_LABELS = {code: kind.upload_label for code, kind in UPLOADS.items()}
IGNORE = ""
UNANSWERED = "?"  # a column that holds values and is not read yet: the editor maps or ignores it
TABLE_COLUMN = "\x1f"  # joins a sheet's or layer's label and a column name in a mapping key


def table_column(table: str, column: str) -> str:
    """The mapping key of one sheet's or layer's column (a bare column name maps that column in
    every table, as a saved profile does)."""
    return f"{table}{TABLE_COLUMN}{column}" if table else column


def column_of(key: str) -> str:
    """The column name of a mapping key, without its sheet or layer."""
    return key.rpartition(TABLE_COLUMN)[2]


@dataclass(frozen=True)
class Field:
    """A field an upload can fill, with its label and the headers that mean it."""

    name: str
    label: str
    kinds: tuple[str, ...]
    synonyms: tuple[str, ...] = ()
    accepted: str = ""
    whole_file: bool = False


PUBLISHER_WORDS = ("originator", "source", "publisher", "published by", "issued by", "reported by",
                   "agency", "menbe", "источник", "derc eden", "издатель")
SOURCE_KINDS = (KIND_FIGURES, KIND_EVENTS)
RECORD_KINDS = (KIND_HAZARDS, KIND_RELEASES)
SOURCED_KINDS = SOURCE_KINDS + RECORD_KINDS  # every kind whose rows name their source
ALL_KINDS = tuple(UPLOADS)

FIELDS: tuple[Field, ...] = (
    # where
    Field("place", N_("Place name"), SOURCE_KINDS, (
        "place", "place name", "location", "locality", "settlement", "village", "town", "city",
        "site", "area name", "rayon", "district", "region", "rayon name", "district name",
        "adm2 name", "adm2 en", "adm2 az", "admin2", "admin2 name", "shapename", "rayonlar", "районы",
        "rayonun adi", "kend", "yasayis menteqesi", "erazi", "район", "населенный пункт", "село",
        "место", "местоположение"), N_("a place name in any spelling the gazetteer knows")),
    Field("level", N_("Place level"), ALL_KINDS, (
        "level", "location precision", "location_precision", "place level", "place type",
        "admin level"), N_("district, settlement (village, town) or named feature (a height)")),
    Field("lat", N_("Latitude"), ALL_KINDS, ("lat", "latitude", "широта", "enlik", "y coordinate"),
          N_("decimal degrees, e.g. 39.62")),
    Field("lon", N_("Longitude"), ALL_KINDS, ("lon", "lng", "long", "longitude", "долгота", "uzunluq",
                                          "x coordinate"), N_("decimal degrees, e.g. 46.51")),
    Field("status", N_("Status"), SOURCE_KINDS, ("status", "статус"),
          N_("reported, disputed, inconsistent within source or superseded"), whole_file=True),
    Field("note", N_("Note"), SOURCED_KINDS, (
        "note", "notes", "comment", "comments", "remarks", "remark", "qeyd", "примечание", "заметка",
        "комментарий"), N_("any text (no HTML or formulas)")),
    # who said it
    Field("source_id", N_("Source id (already stored)"), SOURCED_KINDS, (
        "source id", "source_id", "source ref", "source code"), N_("an id of a stored source")),
    Field("originator", N_("Publisher (who said it)"), SOURCE_KINDS, (
        *PUBLISHER_WORDS, "organisation", "organization", "организация", "teskilat"),
          N_("e.g. ANAMA, Ministry of Defence, HALO Trust"), whole_file=True),
    # in an operator's export (IMSMA) the 'Organisation' is the operator, not the publisher
    Field("originator", N_("Publisher (who said it)"), RECORD_KINDS, PUBLISHER_WORDS,
          N_("e.g. ANAMA, Ministry of Defence, HALO Trust"), whole_file=True),
    Field("party", N_("Publisher's party"), SOURCED_KINDS, ("party", "source party", "source type"),
          N_("Government of Azerbaijan, Government of Armenia, national NGO, international NGO, "
          "independent monitor, media"), whole_file=True),
    Field("outlet", N_("Outlet (where it was published)"), SOURCED_KINDS, (
        "outlet", "media", "publication", "channel", "news agency", "via"),
          N_("e.g. Trend, AzerNews, a report's title"), whole_file=True),
    Field("published", N_("Publication date"), SOURCED_KINDS, (
        "published", "publication date", "date published", "statement date", "issued",
        "release date", "report date", "date of publication", "дата публикации", "publication",
        "date of issue", "derc tarixi", "nesr tarixi", "derc olunub", "buraxilis tarixi", "дата выпуска",
        "опубликовано"),
          N_("a date such as 2025-06-17 or 17.06.2025"), whole_file=True),
    Field("url", N_("Web address"), SOURCED_KINDS, ("url", "link", "address", "web address", "ссылка"),
          N_("an http(s) address"), whole_file=True),
    # figures
    Field("claim_id", N_("Figure id (to correct a stored figure)"), (KIND_FIGURES,), (
        "claim id", "claim_id", "figure id"), N_("an id such as C049")),
    Field("metric", N_("Metric"), (KIND_FIGURES,), ("metric", "indicator", "measure", "variable",
                                                "показатель", "gosterici"),
          N_("e.g. area reported cleared, AP mines found, casualties"), whole_file=True),
    Field("value", N_("Value"), (KIND_FIGURES,), ("value", "figure", "amount", "total", "значение",
                                              "deyer"), N_("a number, optionally 'more than 1,400'")),
    Field("unit", N_("Unit"), (KIND_FIGURES,), ("unit", "units", "olcu vahidi", "единица"),
          N_("ha, m2, km2, count or %"), whole_file=True),
    Field("qualifier", N_("Qualifier"), (KIND_FIGURES,), ("qualifier",),
          N_("exact, more than, about or up to")),
    Field("period_start", N_("Period start"), (KIND_FIGURES, KIND_RELEASES), (
        "period start", "period_start", "start", "from", "start date", "date from", "since",
        "beginning", "baslangic", "начало", "с", "период с", "period from", "dovrun evveli",
        "dovr baslangici", "начало периода"), N_("a date"), whole_file=True),
    Field("period_end", N_("Period end (or 'as of' date)"), (KIND_FIGURES, KIND_RELEASES), (
        "period end", "period_end", "end", "to", "end date", "date to", "as of", "as at",
        "date", "until", "tarix", "дата", "по", "конец", "son", "completion date", "completed",
        "date completed", "date of completion", "период по", "period to", "dovrun sonu", "dovr sonu",
        "конец периода", "reporting date", "hesabat tarixi", "отчетная дата", "на дату"),
          N_("a date"), whole_file=True),
    Field("period_type", N_("Type of figure"), (KIND_FIGURES,), (
        "period type", "period_type", "type of figure", "figure type"),
          N_("running total (cumulative), figure for the period, or point in time"), whole_file=True),
    Field("scope", N_("Scope (whose work)"), (KIND_FIGURES,), (
        "scope", "operators", "operator scope", "operator"),
          N_("all operators, ANAMA only, MoD only, not stated"), whole_file=True),
    # events
    Field("event_id", N_("Record id"), (KIND_EVENTS,), (
        "event id", "event_id", "id", "record id", "find id", "incident id", "fid"), N_("any id")),
    Field("kind", N_("Find or incident"), (KIND_EVENTS,), (
        "kind", "event", "event type", "type of event", "record type", "type"),
          N_("find or incident"), whole_file=True),
    Field("date_start", N_("Date"), (KIND_EVENTS,), (
        "date", "date start", "date_start", "start date", "date found", "found on", "date of find",
        "date of incident", "incident date", "event date", "from", "tarix", "дата"),
          N_("a date"), whole_file=True),
    # a placemark's name in a file of finds is kept with the find, never taken as a new place
    Field("note", N_("Note"), (KIND_EVENTS,), ("name", "title", "label", "placemark", "ad", "название")),
    Field("date_end", N_("End date (for a period)"), (KIND_EVENTS,), (
        "date end", "date_end", "end date", "to", "until"), N_("a date")),
    Field("device_category", N_("Device category"), (KIND_EVENTS,), (
        "device category", "device_category", "device", "category", "device type", "ordnance",
        "ordnance type", "type of ordnance", "item", "item type", "munition", "munition type",
        "eo type", "eo category", "type", "sursat novu", "тип боеприпаса", "тип"),
          N_("AP mine, AT mine, UXO or booby trap"), whole_file=True),
    Field("device_model", N_("Device model"), (KIND_EVENTS,), (
        "device model", "device_model", "model", "munition model", "eo model", "designation",
        "модель"), N_("e.g. PMN-2")),
    Field("quantity", N_("Quantity"), (KIND_EVENTS,), (
        "quantity", "qty", "number found", "count", "number", "items found", "amount", "miqdar",
        "say", "количество", "кол во"), N_("a whole number")),
    Field("killed", N_("Killed"), (KIND_EVENTS,), (
        "killed", "dead", "deaths", "fatalities", "died", "olen", "helak olan", "погибло",
        "погибшие"), N_("a whole number")),
    Field("injured", N_("Injured"), (KIND_EVENTS,), (
        "injured", "wounded", "yaralanan", "ранено", "раненые"), N_("a whole number")),
    # places and boundaries
    Field("name", N_("Name"), (KIND_PLACES,), (
        "name", "place", "place name", "name en", "name_en", "english name", "title", "label",
        "settlement", "village", "town", "shapename", "adm2 name", "adm2_name", "adm2 en",
        "name 2", "name_2", "ad", "название"), N_("the place's name")),
    Field("name_az", N_("Azerbaijani name"), (KIND_PLACES,), ("name az", "name_az", "azerbaijani name",
                                                         "azerbaijani")),
    Field("alt_names", N_("Other names"), (KIND_PLACES,), (
        "alt names", "alt_names", "alternative names", "other names", "aliases", "variants",
        "also known as"), N_("names separated by ; or |")),
    Field("district", N_("District (of a village or feature)"), (KIND_PLACES,), (
        "district", "rayon", "region", "parent", "adm2", "district name", "район"),
          N_("a district's name"), whole_file=True),
    Field("precision", N_("Location precision note"), (KIND_PLACES,), ("precision",)),
    Field("is_proxy", N_("Approximate (proxy) location"), (KIND_PLACES,), ("is proxy", "is_proxy", "proxy"),
          N_("yes or no")),
    Field("source", N_("Where the location comes from"), (KIND_PLACES,), ("source", "data source"),
          whole_file=True),
    Field("license", N_("Licence"), (KIND_PLACES,), ("license", "licence"), whole_file=True),
)
HAZARD_ID_WORDS = ("hazard id", "hazard_id", "hazard ref", "hazard reference", "hazard code",
                   "sha id", "cha id", "sha cha id", "imsma id", "imsma hazard id", "hazard")
AREA_HA_WORDS = ("area ha", "area_ha", "hectares", "ha", "area released ha", "released ha",
                 "area hectares", "sahe ha", "площадь га", "area size ha", "size ha", "erazi ha")
AREA_M2_WORDS = ("area m2", "area_m2", "m2", "area released m2", "released m2", "square metres",
                 "sqm", "area sqm", "площадь м2", "area size m2", "area size", "size m2", "area size sqm",
                 "erazi m2", "sahe m2", "площадь кв м")
FIELDS += (
    # hazard areas and land release
    Field("hazard_id", N_("Hazard area id"), (KIND_HAZARDS,), (*HAZARD_ID_WORDS, "id", "reference",
                                                           "ref"),
          N_("the hazard's id in the national database, e.g. AZ-LAC-0012")),
    Field("hazard_type", N_("Hazard type (SHA or CHA)"), (KIND_HAZARDS,), (
        "type", "hazard type", "hazard_type", "sha cha", "classification", "hazard class",
        "area type", "tip", "тип"), N_("SHA (suspected) or CHA (confirmed)"), whole_file=True),
    Field("hazard_status", N_("Hazard status"), (KIND_HAZARDS,), (
        "status", "hazard status", "hazard_status", "state", "progress", "статус"),
          N_("open, in progress or released"), whole_file=True),
    Field("contamination", N_("Contamination (devices)"), (KIND_HAZARDS,), (
        "contamination", "contamination type", "devices", "device type", "devices suspected",
        "threat", "threat type", "contaminant", "munition type", "ordnance", "hazard contamination"),
          N_("AP mines, AT mines, UXO, mixed or cluster munitions"), whole_file=True),
    Field("recorded_date", N_("Date recorded"), (KIND_HAZARDS,), (
        "recorded", "recorded date", "recorded_date", "date recorded", "date", "created",
        "registration date", "date of record", "tarix", "дата", "qeydiyyat tarixi", "qeyd tarixi",
        "qeydə alınma tarixi", "дата регистрации", "дата записи", "дата внесения"), N_("a date")),
    Field("last_survey_date", N_("Last survey date"), (KIND_HAZARDS,), (
        "last survey", "last survey date", "last_survey_date", "survey date", "surveyed",
        "date of survey", "last surveyed", "tədqiqat tarixi", "son tədqiqat tarixi", "son tədqiqat",
        "дата обследования", "последнее обследование", "дата последнего обследования"), N_("a date")),
    Field("operator", N_("Operator"), RECORD_KINDS, (
        "operator", "operator name", "clearance operator", "survey operator", "implementing partner",
        "implementing organisation", "implementing organization", "performed by", "team",
        "organisation", "organization", "организация", "teskilat",
        "operator_name", "icraci", "оператор"), N_("e.g. ANAMA, Ministry of Defence, a company"),
          whole_file=True),
    Field("stated_area_m2", N_("Stated area (m²)"), (KIND_HAZARDS,), AREA_M2_WORDS,
          N_("square metres as the export states them (the polygon's own area is what counts)")),
    Field("stated_area_ha", N_("Stated area (ha)"), (KIND_HAZARDS,), AREA_HA_WORDS,
          N_("hectares as the export states them (the polygon's own area is what counts)")),
    Field("name", N_("Hazard area name"), (KIND_HAZARDS,), (
        "name", "hazard name", "local name", "area name", "title", "label"), N_("any text")),
    Field("geometry", N_("geometry"), (KIND_HAZARDS,), (
        "geometry", "wkt", "geom", "the geom", "shape", "polygon", "wkt geometry", "shape wkt",
        "geometry wkt", "wkt shape", "polygon wkt", "геометрия", "həndəsə"),
          N_("the polygon as WKT, e.g. POLYGON ((46.51 39.62, 46.52 39.62, 46.52 39.63, 46.51 39.62))")),
    Field("release_id", N_("Land-release record id"), (KIND_RELEASES,), (
        "release id", "release_id", "id", "record id", "task id", "activity id", "completion id", "task",
        "task number", "task no"),
          N_("any id")),
    Field("hazard_id", N_("Hazard area id"), (KIND_RELEASES,), HAZARD_ID_WORDS,
          N_("the id of a stored hazard area (leave empty when the hazard is not recorded)")),
    Field("method", N_("Release method"), (KIND_RELEASES,), (
        "method", "release method", "land release method", "how released", "activity",
        "activity type", "release type"), N_("cancelled, reduced or cleared"), whole_file=True),
    Field("area_ha", N_("Area released (ha)"), (KIND_RELEASES,), AREA_HA_WORDS, N_("hectares, e.g. 12.5")),
    Field("area_m2", N_("Area released (m²)"), (KIND_RELEASES,), AREA_M2_WORDS,
          N_("square metres, e.g. 125000")),
    Field("land_use", N_("Land use after release"), (KIND_RELEASES,), (
        "land use", "land_use", "land use after release", "use after release", "use", "intended use",
        "landuse", "torpaqdan istifade", "использование земли"),
          N_("agriculture, residential, transport, energy or other"), whole_file=True),
    Field("ap_mines", N_("AP mines found"), (KIND_RELEASES,), (
        "ap mines", "ap mines found", "anti personnel mines", "apm", "ap"), N_("a whole number")),
    Field("at_mines", N_("AT mines found"), (KIND_RELEASES,), (
        "at mines", "at mines found", "anti tank mines", "atm", "at"), N_("a whole number")),
    Field("uxo", N_("UXO found"), (KIND_RELEASES,), ("uxo", "uxo found", "unexploded ordnance", "erw",
                                                     "phs", "partlamamis herbi sursat", "нвб"),
          N_("a whole number")),
    Field("ied", N_("IEDs / booby traps found"), (KIND_RELEASES,), (
        "ied", "ieds", "booby traps", "ied booby traps", "booby trap"), N_("a whole number")),
    Field("release_district", N_("District (when no hazard id)"), (KIND_RELEASES,), (
        "district", "rayon", "region", "district name", "район"), N_("a district's name"),
          whole_file=True),
)
BY_NAME = {f.name: f for f in FIELDS}

# A column per metric ('Hectares', 'AP mines'): the header names the metric and its unit.
WIDE_HEADERS: dict[str, tuple[str, Unit]] = {
    **{h: ("area_reported_cleared", Unit.HA) for h in (
        "hectares", "ha", "area ha", "area_ha", "area reported cleared", "area reported cleared ha",
        "cleared ha", "area cleared ha", "area cleared", "cleared area ha", "sahe ha", "sahe",
        "площадь га", "очищено га", "hektar", "temizlenmis sahe ha", "area cleared of mines and uxo",
        "area cleared of mines and uxo ha", "minalardan temizlenmis erazi",
        "minalardan temizlenmis erazi ha", "temizlenmis erazi ha", "очищенная площадь га",
        "очищенная площадь", "площадь очищенная от мин и нвб га")},
    **{h: ("area_reported_cleared", Unit.M2) for h in ("area m2", "m2", "cleared m2", "площадь м2",
                                                        "area cleared m2", "minalardan temizlenmis erazi m2",
                                                        "temizlenmis erazi m2", "очищенная площадь м2")},
    **{h: ("area_reported_cleared", Unit.KM2) for h in ("area km2", "km2", "cleared km2")},
    **{h: ("ap_mines_found", Unit.COUNT) for h in (
        "ap mines", "ap mines found", "anti personnel mines", "ap", "apm", "anti personnel mines found",
        "piyada eleyhine mina", "противопехотные мины", "piyada eleyhine minalar", "ap mine")},
    **{h: ("at_mines_found", Unit.COUNT) for h in (
        "at mines", "at mines found", "anti tank mines", "at", "atm", "anti tank mines found",
        "tank eleyhine mina", "противотанковые мины", "tank eleyhine minalar", "at mine")},
    **{h: ("uxo_found", Unit.COUNT) for h in (
        "uxo", "uxo found", "unexploded ordnance", "partlamamis herbi sursat", "нвб", "phs",
        "phs askar edilib", "askar edilmis phs", "неразорвавшиеся боеприпасы", "обнаружено нвб",
        "uxo items", "eo items", "explosive items")},
    "casualties": ("casualties", Unit.COUNT), "killed": ("killed", Unit.COUNT),
    "injured": ("injured", Unit.COUNT),
}
WIDE_PREFIX = "figure:"


def wide_field(metric: str, unit: Unit | str) -> str:
    """The pseudo-field of a column holding one metric in one unit."""
    return f"{WIDE_PREFIX}{metric}:{Unit(unit).value}"


def wide_target(field_name: str) -> tuple[str, Unit] | None:
    """(metric, unit) of a wide pseudo-field, or None for an ordinary field."""
    if not field_name.startswith(WIDE_PREFIX):
        return None
    metric, _colon, unit = field_name.removeprefix(WIDE_PREFIX).partition(":")
    return metric, Unit(unit)


def wide_fields() -> dict[str, str]:
    """Every metric column an editor can map to, with its label."""
    units = {"area": (Unit.HA, Unit.M2, Unit.KM2), "count": (Unit.COUNT,), "share": (Unit.PCT,)}
    out: dict[str, str] = {}
    for metric, info in METRICS.items():
        for unit in units[info.dimension.value]:
            suffix = "" if unit == Unit.COUNT else f" ({unit.value})"
            out[wide_field(metric, unit)] = _("Figure: {metric}").format(
                metric=_(metric_label(metric))) + suffix
    return out


def field_label(name: str) -> str:
    """A field's label for people."""
    if name in BY_NAME:
        return _(BY_NAME[name].label)
    return wide_fields().get(name, name)


def fields_for(kind: str) -> list[Field]:
    """The fields of one kind of upload."""
    return [f for f in FIELDS if kind in f.kinds]


def _synonym_index(kind: str) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for field in fields_for(kind):
        for synonym in (field.name, *field.synonyms):
            names = index.setdefault(header_key(synonym), [])
            if field.name not in names:
                names.append(field.name)
    if kind == KIND_FIGURES:
        for header, (metric, unit) in WIDE_HEADERS.items():
            index.setdefault(header_key(header), []).insert(0, wide_field(metric, unit))
    return index


SYNONYMS = {kind: _synonym_index(kind) for kind in ALL_KINDS}
VALUE_CHECKS: dict[str, Callable[[Cell], object]] = {
    "kind": parse_event_kind, "device_category": parse_device, "date_start": parse_date,
    "period_end": parse_date, "period_start": parse_date, "quantity": parse_number,
    "hazard_type": parse_hazard_type, "hazard_status": parse_hazard_status,
    "contamination": parse_contamination, "method": parse_method, "land_use": parse_land_use,
    "recorded_date": parse_date, "last_survey_date": parse_date,
}
FITTING_MARKERS = ("hazard_type", "hazard_status", "contamination", "method", "land_use")


def _fits(field_name: str, samples: Sequence[Cell]) -> float:
    """Share of sample values the field's parser accepts (1.0 when it has no parser)."""
    check = VALUE_CHECKS.get(field_name)
    present = [s for s in samples if s not in (None, "")]
    if check is None or not present:
        return 1.0
    good = 0
    for sample in present:
        try:
            check(sample)
            good += 1
        except (ParseError, ValueError, TypeError):
            continue
    return good / len(present)


def auto_mapping(columns: Sequence[str], samples: Sequence[Sequence[Cell]], kind: str) -> dict[int, str]:
    """Column position -> field, from headers; a field goes to the first column that fits it."""
    index = SYNONYMS[kind]
    taken: set[str] = set()
    mapping: dict[int, str] = {}
    for position, column in enumerate(columns):
        candidates = [c for c in index.get(header_key(column), []) if c not in taken]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: (_fits(c, samples[position]), -candidates.index(c)))
        if len(candidates) > 1 and _fits(best, samples[position]) < 0.5:
            continue
        mapping[position] = best
        taken.add(best)
    return mapping


MARKERS = {
    KIND_FIGURES: {"metric": 2, "value": 2, "unit": 1, "period_end": 1, "period_start": 1,
                   "period_type": 2, "scope": 1, "qualifier": 2, "claim_id": 3},
    KIND_EVENTS: {"device_category": 3, "kind": 2, "quantity": 2, "killed": 3, "injured": 3,
                  "device_model": 3, "date_start": 1, "event_id": 1},
    KIND_PLACES: {"name": 1, "name_az": 3, "alt_names": 3, "district": 1, "level": 1,
                  "is_proxy": 3, "license": 2},
    # A column of SHA/CHA, or of cancelled/reduced/cleared, is what defines these two kinds.
    KIND_HAZARDS: {"hazard_type": 6, "contamination": 3, "hazard_status": 1, "last_survey_date": 3,
                   "hazard_id": 2, "geometry": 1},
    KIND_RELEASES: {"method": 10, "land_use": 3, "release_id": 1, "hazard_id": 2, "area_ha": 1,
                    "area_m2": 1},
}


def _only_for(kind: str, header: str) -> bool:
    """Whether a header means a field of this kind of upload and of no other ('Method' is land
    release whatever its values: an unknown method is that row's problem, not another kind)."""
    key = header_key(header)
    return key in SYNONYMS[kind] and not any(key in SYNONYMS[k] for k in ALL_KINDS if k != kind)


def kind_scores(columns: Sequence[str], samples: Sequence[Sequence[Cell]]) -> dict[str, int]:
    """How strongly the columns point at each kind of upload (0: not at all)."""
    scores: dict[str, int] = {}
    for kind in ALL_KINDS:
        mapping = auto_mapping(columns, samples, kind)
        score = sum(MARKERS[kind].get(f, 0) for position, f in mapping.items()
                    if f not in FITTING_MARKERS or _fits(f, samples[position]) >= 0.5
                    or _only_for(kind, columns[position]))
        score += sum(3 for f in mapping.values() if f.startswith(WIDE_PREFIX))
        scores[kind] = score
    return scores


def header_score(cells: Sequence[Cell]) -> int:
    """How many cells of a row are headers some kind of upload knows."""
    known = set().union(*(SYNONYMS[k] for k in ALL_KINDS))
    return sum(1 for c in cells if isinstance(c, str) and header_key(c) in known)
