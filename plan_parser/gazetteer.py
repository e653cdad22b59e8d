"""The 2025 list of provinces and communes (``rules/gazetteer/vn_admin_2025.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from plan_parser.normalize.tone import canonical_tone
from plan_parser.rules_loader import load_rules


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Comparison key of a place name: lower case, canonical tone placement, single spaces."""
    return " ".join(canonical_tone(name).lower().split())


@dataclass(frozen=True, slots=True)
class Place:
    """A province or commune-level unit."""

    kind: str  # "tỉnh", "thành phố", "xã", "phường", "đặc khu"
    name: str  # "Bắc Ninh"
    province: str | None = None  # for communes: the province's name


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lookup tables keyed by :func:`name_key`."""

    provinces: dict[str, Place]
    communes: dict[str, list[Place]]  # the same commune name can exist in several provinces
    longest_name: int  # in syllables

    def province(self, name: str) -> Place | None:
        """The province called ``name`` (any case or tone style), if there is one."""
        return self.provinces.get(name_key(name))

    def communes_named(self, name: str) -> list[Place]:
        """All communes called ``name``."""
        return self.communes.get(name_key(name), [])


@cache
def gazetteer() -> Gazetteer:
    """Load the gazetteer once per process."""
    data = load_rules("gazetteer/vn_admin_2025")
    provinces: dict[str, Place] = {}
    communes: dict[str, list[Place]] = {}
    longest = 1
    for province in data["provinces"]:
        provinces[name_key(province["name"])] = Place(province["kind"], province["name"])
        longest = max(longest, len(province["name"].split()))
        for kind, name in province["communes"]:
            communes.setdefault(name_key(name), []).append(Place(kind, name, province["name"]))
            longest = max(longest, len(name.split()))
    return Gazetteer(provinces, communes, longest)
