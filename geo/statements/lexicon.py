"""The words statements use for mine-action figures, in English, Russian and Azerbaijani.

Each pattern is matched on lower-cased text. Device and unit words follow their number in all
three languages ('175 anti-personnel mines', '175 противопехотных мин', '175 piyada əleyhinə
mina'); casualty words may stand before ('погибли 45 человек') or after ('45 nəfər həlak olub').
"""

from __future__ import annotations

import re

AREA_UNITS: list[tuple[str, re.Pattern[str]]] = [
    ("km2", re.compile(r"km2|km²|км²|км2|кв\.?\s?км|квадратн\w* километр|square kilomet\w*|sq\.? ?km|"
                       r"kv\.? ?km|"
                       r"kvadrat kilometr\w*")),
    ("m2", re.compile(r"m2\b|m²|кв\.?\s?м\b|кв\.?\s?метр\w*|квадратн\w* метр\w*|square met\w*|sq\.? ?m\b|"
                      r"kvadrat ?metr\w*|"
                      r"kv\.? ?m\b")),
    ("ha", re.compile(r"hectares?|\bha\b|гектар\w*|\bга\b|hektar\w*")),
]
# Several devices together come first: 'mines and UXO' is items in total, not UXO.
DEVICE_NOUNS: list[tuple[str, re.Pattern[str]]] = [
    ("items_found", re.compile(
        r"^\s*(?:[\w-]+\s+){0,2}(?:mines? and (?:other )?(?:uxos?|unexploded|explosive|munitions|ordnance|"
        r"phs)|"
        r"(?:unexploded ordnances?|uxos?) and mines|неразорвавш\w* боеприпас\w* и мин|"
        r"partlamamış hərbi sursat\w* və mina|"
        r"мин\w* и (?:нвб|нрб|неразорв\w*|"
        r"боеприпас|взрыво)|mina (?:və|,) (?:phs|partlamamış|partlayıcı))")),
    ("ap_mines_found", re.compile(r"anti-?\s?personnel|\bap mines?|противопехотн|piyada(?:lar)?(?:a)?\s+"
                                  r"(?:əleyhinə|qarşı)")),
    ("at_mines_found", re.compile(r"anti-?\s?tank|\bat mines?|противотанков|tank(?:lar)?(?:a)?\s+"
                                  r"(?:əleyhinə|qarşı)")),
    ("uxo_found", re.compile(r"боеприпас\w*|unexploded|\buxos?\b|неразорвавш|\bнвб\b|\bнвп\b|\bнрб\b|"
                             r"partlamamış|"
                             r"digər partlayıcı sursat|other explosive (?:ordnance|items|devices|objects)|"
                             r"(?:друг|проч)\w+ взрывоопасн\w+|"
                             r"\bphs\b|"
                             r"hərbi sursat|cluster (?:munition|bomb|submunition)|кассетн\w*|kaset\w*|"
                             r"(?:artillery |mortar |tank )?shells?\b|снаряд\w*|mərmi\w*|grenades?|гранат\w*|"
                             r"qumbara\w*")),
    ("items_found", re.compile(r"explosive (?:item|object|device|remnant|ordnance)|взрывоопасн|взрывн\w+ "
                               r"предмет|единиц\w* (?:взрыв|боеприпас)|partlayıcı (?:qurğu|predmet|əşya)|"
                               r"mines? and (?:munitions|ordnance|ammunition)|explosive items|tapıntı\w*|"
                               r"находк\w*|\bfinds\b")),
]
COUNT_BEFORE = re.compile(  # the thing counted, then the word for its count, then the number
    r"(?P<noun>[^.,;:!?\d]{3,90}?)\s+(?:sayı|miqdarı|cəmi)\s*$|"
    r"(?:количеств\w*|числ[оа]|общ\w+ числ\w*|итого)\s+(?P<noun2>[^.;:!?\d]{3,90}?)\s+"
    r"(?:составля\w*|составил\w*|достиг\w*|равн\w*)?\s*[:\-–—]?\s*$|"
    r"(?:number|total|count) of\s+(?P<noun3>[^.;:!?\d]{3,90}?)\s+(?:is|was|stands? at|stood at|reached|"
    r"totall?ed|amounts? to|amounted to)\s*[:\-–—]?\s*$")
PERSON_CASUALTY = re.compile(r"^[^.;]{0,40}?\b(?:affected by (?:the )?(?:land)?mines?|suffered|zərər görüb)")
PERSON_NOUNS = re.compile(
    r"^\s*(?:-?\w{0,3}\s+)?(?:[\w-]+\s+)?(?:people|persons?|civilians?|"
    r"(?:others|другие|других|digər)(?!\s+(?:partlay|sursat|mina|hərbi|взрыв|боеприпас|мин|нераз|explosive|"
    r"ordnance|unexploded|munition|items|devices|objects))|residents?|citizens?|servicem[ae]n|soldiers?|"
    r"members?|workers?|employees?|shepherds?|drivers?|farmers?|işçi\w*|əməkdaş\w*|сотрудник\w*|рабоч\w*|"
    r"children|deminers?|sappers?|men|women|individuals|of them|человек\w*|граждан\w*|мирн\w+|жител\w*|"
    r"военнослужащ\w*|сапер\w*|сапёр\w*|детей|ребен\w*|нəфəр|nəfər|mülki|sakin\w*|hərbçi\w*|uşaq\w*|"
    r"minaaxtaran\w*|vətəndaş\w*|şəxs\w*|hərbi qulluqçu\w*)")
KILLED = re.compile(r"killed|died|dead\b|deaths?|(?:lost|losing) (?:their|his|her) li|"
                    r"claimed (?:the )?li(?:fe|ves)|fatalit|погиб\w*|скончал\w*|"
                    r"лишил\w* жизни|dünyasını dəyiş\w*|vəfat ed\w*|"
                    r"убит\w*|гибел\w*|həlak|öl(?:üb|dü|müş|ən)|həyatını itir|şəhid")
INJURED = re.compile(r"injur\w*|wounded|hurt|maimed|ранен\w*|ранени\w*|травм\w*|покалечен\w*|yaralan\w*|"
                     r"x[əa]s[əa]r[əa]t|şikəst")
CASUALTIES = re.compile(r"victims?|casualt\w*|harmed by|жертв\w*|пострада\w*|подорвал\w*|подорвавш\w*|"
                        r"qurban\w*|zərər çək\w*|"
                        r"partlayışı nəticəsində|blown up|fell victim|mine accidents?|(?:were|was) hit by|"
                        r"struck by|stepped on|minaya düş\w*|minaya rast gəl\w*|подрыв\w*")
LAID = re.compile(r"^\W*(?:[\w-]+\s+){0,3}?(?:tank və piyada|piyada və tank|anti-tank and anti-personnel|"
                  r"anti-personnel and anti-tank|противотанковых и противопехотных|противопехотных и "
                  r"противотанковых|planted|laid|buried|заложен\w*|установлен\w*|basdırıl\w*|"
                  r"yerləşdiril\w*|əkil\w*)")
AREA_CONTEXT: list[tuple[str, re.Pattern[str]]] = [
    ("area_planned", re.compile(r"plan\w*|target\w*|to be cleared|nəzərdə tut\w*|planlaşdır\w*|планир\w*|"
                                r"предстоит|запланир\w*|\bwill be\b|\bis to be\b|\bбуд(?:ет|ут)\b|\bдолжн\w*|"
                                r"\w+(?:acaq|əcək)\b")),
    ("area_contaminated", re.compile(r"contaminat\w*|polluted|mined area|\b(?:were|was|is|are) mined\b|"
                                     r"hazardous area|опасн\w+ (?:территор|участк)\w*|təhlükəli ərazi|"
                                     r"suspected|çirklən\w*|"
                                     r"çirkləndiril\w*|minalanmış|загрязн\w*|заминирован\w*")),
    ("area_reported_cleared", re.compile(r"clear\w*|demin\w*|releas\w*|surveyed|inspected|covered|"
                                         r"təmizlən\w*|yoxlanıl\w*|"
                                         r"zərərsizləşdir\w*|очищ\w*|очист\w*|расчищ\w*|расчист\w*|разминир\w*|обследован\w*|охвачен\w*")),
]
QUALIFIER_BEFORE: list[tuple[str, re.Pattern[str]]] = [
    ("more_than", re.compile(r"(?:more than|over|above|in excess of|upwards of|exceeding|exceeded|более|"
                             r"свыше|больше|превысил\w*|более чем|больше чем|свыше чем)\s*$")),
    ("at_least", re.compile(r"(?:at least|no fewer than|not less than|не менее|не меньше|как минимум|"
                            r"минимум|ən azı|azı)\s*$")),
    ("nearly", re.compile(r"(?:nearly|almost|close to|почти|около\s+почти|чуть менее)\s*$")),
    ("about", re.compile(r"(?:about|around|approximately|approx\.?|roughly|some|an estimated|estimated at|"
                         r"circa|порядка|около|примерно|"
                         r"приблизительно|ориентировочно|təxminən|təqribən|təxmini|təqribi)\s*$")),
    ("up_to", re.compile(r"(?:up to|до)\s*$")),
]
QUALIFIER_AFTER: list[tuple[str, re.Pattern[str]]] = [  # Azerbaijani postpositions
    ("more_than", re.compile(r"^[-\w\s]{0,24}?(?:dan|dən|tan|tən)\s+(?:çox|artıq|yuxarı)\b")),
    ("nearly", re.compile(r"^(?:[-\w\s]{0,24}?(?:a|ə|ya|yə))?\s+yaxın\b")),
    ("up_to", re.compile(r"^[-\w\s]{0,24}?(?:dək|dak|(?:a|ə|ya|yə)\s+qədər)\b")),
]
INCIDENTS = (r"(?:(?:land)?mines?(?:/uxo)?\s+|mina\s+|мин\w*\s+)?(?:incidents?|accidents?|explosions?|"
             r"cases? of|hadisə\w*|partlayış\w*|insident\w*|инцидент\w*|случа\w*|факт\w* подрыв\w*|"
             r"подрыв\w* на мин)")
NOT_A_FIGURE_AFTER = re.compile(r"^\s*(?:" + INCIDENTS + r"|%|percent|per cent|процент\w*|faiz|-?year|"
                                r"months?\b|месяц\w*|aydır|ay\s+(?:ərzində|müddətində)|"
                                r"-?летн|yaş|years? old|лет\b|km\b(?!2|²)|км\b(?!2|²)|"
                                r"kilomet(?!\w*\s+square)|metres?\b|meters?\b|mm\b|мм\b|-?mm-lik|"
                                r"метр\w*|manat|azn|\$|dollar|доллар|манат)")
