"""The exports' data dictionary: what each field means, its unit, its allowed values, and
its HXL hashtag (the Humanitarian Exchange Language, for data going to HDX)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from geo.i18n import N_, _


@dataclass(frozen=True)
class Field:
    """One exported column: meaning, unit, HXL hashtag."""

    meaning: str
    unit: str = ""
    hxl: str = ""


FIELDS: dict[str, Field] = {
    "claim_id": Field(N_("Identifier of the published figure in this dataset"), hxl="#meta+id"),
    "metric": Field(N_("What the figure counts or measures, in its source's own wording"),
                    hxl="#indicator+name"),
    "metric_code": Field(N_("Code of the metric"), hxl="#indicator+code"),
    "value": Field(N_("The figure as a number, in the unit published"), N_("see unit"),
                   "#indicator+num"),
    "unit": Field(N_("Unit the source published the figure in (ha, m2, km2, count, pct)"),
                  hxl="#indicator+unit"),
    "qualifier": Field(N_("How exact the source says the figure is"), hxl="#indicator+qualifier"),
    "qualifier_code": Field(N_("Code of the qualifier"), hxl="#indicator+qualifier+code"),
    "published_figure": Field(N_("The figure as published, with qualifier and unit"),
                              hxl="#indicator+text"),
    "period": Field(N_("The period the figure covers, in words"), hxl="#date+period"),
    "period_start": Field(N_("First day the figure covers (empty for a running total from an "
                             "unstated start)"), N_("date (YYYY-MM-DD)"), "#date+start"),
    "period_end": Field(N_("Last day the figure covers, or the day it was stated as of"),
                        N_("date (YYYY-MM-DD)"), "#date+end"),
    "period_type": Field(N_("Whether the figure is a running total, a figure for its period, or "
                            "a point-in-time share"), hxl="#meta+period"),
    "period_type_code": Field(N_("Code of the period type"), hxl="#meta+period+code"),
    "scope": Field(N_("Which operators or people the figure covers"), hxl="#meta+scope"),
    "scope_code": Field(N_("Code of the scope"), hxl="#meta+scope+code"),
    "place": Field(N_("The place as the source named it"), hxl="#loc+name+source"),
    "place_id": Field(N_("Gazetteer identifier of the place"), hxl="#loc+code"),
    "place_name": Field(N_("The place's name in the gazetteer"), hxl="#loc+name"),
    "district_id": Field(N_("Gazetteer identifier of the district (rayon) the place is in"),
                         hxl="#adm1+code"),
    "district_name": Field(N_("Name of the district (rayon)"), hxl="#adm1+name"),
    "status": Field(N_("Standing of the figure or event"), hxl="#status"),
    "status_code": Field(N_("Code of the status"), hxl="#status+code"),
    "flag": Field(N_("Why the figure is flagged: it disagrees with another figure, or a running "
                     "total fell"), hxl="#meta+flag"),
    "note": Field(N_("Note: the source's own words where they matter, and editors' remarks"),
                  hxl="#description"),
    "quote": Field(N_("The words of the statement that state the figure, in its own language"),
                   hxl="#description+quote"),
    "source_id": Field(N_("Identifier of the publication or statement"), hxl="#meta+source+id"),
    "originator": Field(N_("Who published the figure"), hxl="#org+source+name"),
    "party": Field(N_("Whom the originator speaks for"), hxl="#org+source+type"),
    "party_code": Field(N_("Code of the party"), hxl="#org+source+type+code"),
    "outlet": Field(N_("Where it was published (news agency, report, website)"),
                    hxl="#meta+source+outlet"),
    "published": Field(N_("Date of publication"), N_("date (YYYY-MM-DD)"), "#date+reported"),
    "source_url": Field(N_("Address of the publication"), hxl="#meta+source+url"),
    "revision_id": Field(N_("Revision (upload) that added the row; see History"),
                         hxl="#meta+revision"),
    "event_id": Field(N_("Identifier of the find or incident in this dataset"), hxl="#event+id"),
    "kind": Field(N_("Whether the event is a reported find of explosive ordnance or a mine "
                     "incident"), hxl="#event+type"),
    "kind_code": Field(N_("Code of the kind of event"), hxl="#event+type+code"),
    "date_start": Field(N_("First day of the event or of the period it was reported for"),
                        N_("date (YYYY-MM-DD)"), "#date+start"),
    "date_end": Field(N_("Last day of that period (empty for a single day)"),
                      N_("date (YYYY-MM-DD)"), "#date+end"),
    "lat": Field(N_("Latitude, where the source gave a location"), N_("degrees (WGS 84)"),
                 "#geo+lat"),
    "lon": Field(N_("Longitude, where the source gave a location"), N_("degrees (WGS 84)"),
                 "#geo+lon"),
    "device_category": Field(N_("Category of the device found"), hxl="#item+type"),
    "device_category_code": Field(N_("Code of the device category"), hxl="#item+type+code"),
    "device_model": Field(N_("Model of the device, as the source gave it"), hxl="#item+name"),
    "quantity": Field(N_("Number of items found, as reported"), N_("items"), "#item+num"),
    "killed": Field(N_("People killed, as reported"), N_("people"), "#affected+killed"),
    "injured": Field(N_("People injured, as reported"), N_("people"), "#affected+injured"),
}


def allowed_values(codes: Mapping[str, str]) -> str:
    """'code = label' pairs, separated by semicolons."""
    return "; ".join(f"{code} = {_(label)}" for code, label in codes.items())


def data_dictionary(columns: list[str], labels: Mapping[str, Mapping[str, str]]) -> pd.DataFrame:
    """One row per exported column: field, meaning, unit, allowed values, HXL hashtag.

    A label column and its `<column>_code` column both list the codes and their labels.
    """
    rows = []
    for column in columns:
        info = FIELDS.get(column, Field(""))
        codes = labels.get(column.removesuffix("_code"))
        rows.append({
            _("field"): column, _("meaning"): _(info.meaning), _("unit"): _(info.unit),
            _("allowed values"): allowed_values(codes) if codes else "",
            _("HXL hashtag"): info.hxl,
        })
    return pd.DataFrame(rows)


def hxl_row(columns: list[str]) -> list[str]:
    """The HXL hashtag of each column, for a second header row."""
    return [FIELDS.get(column, Field("")).hxl for column in columns]
