"""Places: the issuing commune (or province) and the parent's province, checked against the
2025 administrative-unit list; a misspelt commune gets the nearest real name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from plan_parser.extract.agencies import AgencyMatch, find_agency
from plan_parser.gazetteer import Place, gazetteer, name_key
from plan_parser.normalize import NormalizedText
from plan_parser.rules_loader import load_rules
from plan_parser.structure.model import DocumentStructure

_LEVEL = re.compile(r"(?<![^\W\d_])(xã|phường|đặc\s+khu|thị\s+trấn|tỉnh|thành\s+phố)(?![^\W\d_])",
                    re.I)
_PROVINCE_MENTION = re.compile(r"(?<![^\W\d_])(?:tỉnh|thành\s+phố)\s+(?=\w)")
COMMUNE_LEVELS = tuple(load_rules("units")["commune_level_words"])  # xã, phường, đặc khu …


@dataclass(slots=True)
class PlaceCheck:
    """One place named by the plan and what the 2025 list says of it."""

    role: str  # "issuer" | "parent_province"
    level: str | None  # "xã", "phường", "tỉnh" …
    name: str
    start: int  # normalized span of the name as written
    end: int
    known: bool
    province: str | None = None  # the province the plan belongs to (for a commune)
    in_province: bool | None = None  # None when the province is unknown
    suggestion: str | None = None  # nearest real name, for an unknown commune
    provinces_with_name: tuple[str, ...] = ()


def parent_province(structure: DocumentStructure,
                    norm: NormalizedText) -> tuple[str, int, int] | None:
    """The province of the plan: the parent's issuer's, else the one the plan names most."""
    parent = structure.parent
    if parent is not None and parent.issuer is not None:
        province = _province_of(parent.issuer)
        if province is not None:
            return province
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    text = norm.text
    for m in _PROVINCE_MENTION.finditer(text):
        agency = find_agency("Ủy ban nhân dân " + text[m.start():m.start() + 60], 0)
        if agency and agency.locality_name and agency.place_known:
            offset = m.start() - len("Ủy ban nhân dân ")
            counts[agency.locality_name] += 1
            first.setdefault(agency.locality_name, (offset + agency.start + len("Ủy ban nhân dân "),
                                                    offset + agency.end))
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return name, *first[name]


def _province_of(agency: AgencyMatch) -> tuple[str, int, int] | None:
    province_level = agency.locality_kind in ("tỉnh", "thành phố")
    if province_level and agency.locality_name and agency.place_known:
        return agency.locality_name, agency.end - len(agency.locality_name), agency.end
    return None


def check_places(structure: DocumentStructure, norm: NormalizedText) -> list[PlaceCheck]:
    """Checks of the issuing locality and of the parent's province."""
    checks: list[PlaceCheck] = []
    gaz = gazetteer()
    province = parent_province(structure, norm)
    province_name = province[0] if province else None
    header = structure.header
    if province is not None:
        known = gaz.province(province[0])
        checks.append(PlaceCheck("parent_province", known.kind if known else "tỉnh", province[0],
                                 province[1], province[2], known is not None))
    if header.place is None:
        return checks
    level = _issuer_level(structure, norm)
    place = header.place
    name = place.text
    if level in COMMUNE_LEVELS:
        named = gaz.communes_named(name)
        check = PlaceCheck("issuer", level, name, place.start, place.end, bool(named),
                           province_name, provinces_with_name=tuple(p.province for p in named))
        if named and province_name:
            check.in_province = any(name_key(p.province) == name_key(province_name) for p in named)
        if not named:
            check.suggestion = _nearest(name, level, province_name)
        checks.append(check)
    elif level in ("tỉnh", "thành phố"):
        known = gaz.province(name) is not None
        checks.append(PlaceCheck("issuer", level, name, place.start, place.end, known,
                                 name if known else None))
    return checks


def _issuer_level(structure: DocumentStructure, norm: NormalizedText) -> str | None:
    issuer = structure.header.issuer
    if issuer is None:
        return None
    m = _LEVEL.search(issuer.text)
    return " ".join(m.group(1).lower().split()) if m else None


def _nearest(name: str, level: str, province: str | None) -> str | None:
    """The real commune name closest to a misspelt one (same province when known)."""
    from rapidfuzz import fuzz, process

    pool: list[Place] = [p for places in gazetteer().communes.values() for p in places]
    if province is not None:
        in_province = [p for p in pool if name_key(p.province) == name_key(province)]
        pool = in_province or pool
    same_level = [p for p in pool if p.kind == level] or pool
    choices = {p.name: name_key(p.name) for p in same_level}
    best = process.extractOne(name_key(name), choices, scorer=fuzz.ratio, score_cutoff=70)
    return best[2] if best else None
