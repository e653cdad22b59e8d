"""Group unit mentions into units with one canonical name, and spot likely typos.

Variants merge when they differ only by "&"/"và", abbreviations (HĐND, UBND, MTTQ), hyphen spacing,
tone style, the case of the first letter, or a trailing level word ("Phòng Văn hóa - Xã hội xã").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from plan_parser.extract.units import UnitMention, unit_grammar
from plan_parser.gazetteer import name_key
from plan_parser.normalize import NormalizedText
from plan_parser.rules_loader import load_rules

_DASH = re.compile(r"\s*[-–—]\s*")


@dataclass(slots=True)
class Unit:
    """A distinct unit and its mentions."""

    key: str
    name: str
    kind: str
    variants: list[str] = field(default_factory=list)
    mentions: list[UnitMention] = field(default_factory=list)
    typo_of: str | None = None  # the name of the unit this one probably misspells


@cache
def _abbreviations() -> list[tuple[re.Pattern[str], str]]:
    """Abbreviation → full form, from the agency heads (longest first)."""
    pairs: dict[str, str] = {}
    for entry in load_rules("agencies")["heads"]:
        for abbreviation in entry.get("abbreviations", []):
            words = abbreviation.split()
            full = entry["name"].split()
            # "Ủy ban MTTQ" → the differing tail: MTTQ → Mặt trận Tổ quốc (Việt Nam)
            if len(words) == 1:
                pairs[abbreviation] = entry["name"]
            elif words[-1].isupper() and len(words[-1]) > 1:
                common = len(words) - 1
                pairs[words[-1]] = " ".join(full[common:])
    ordered = sorted(pairs.items(), key=lambda kv: len(kv[0]), reverse=True)
    return [(re.compile(rf"(?<![^\W\d_]){re.escape(a)}(?![^\W\d_])"), full) for a, full in ordered]


@lru_cache(maxsize=4096)
def unit_key(name: str, kind: str = "named") -> str:
    """Comparison key of a unit name."""
    text = " ".join(name.split())
    for pattern, full in _abbreviations():
        text = pattern.sub(full, text)
    text = text.replace("&", " và ")
    text = _DASH.sub("-", text)
    key = name_key(text)
    if kind == "group_head":
        key = key.replace(" các ", " ")  # "người đứng đầu (các) cơ quan, đơn vị"
    if kind in ("named", "group"):
        for level in _commune_levels():
            if key.endswith(" " + level) and not key.endswith(("ủy ban nhân dân " + level,
                                                               "hội đồng nhân dân " + level)):
                key = key[: -len(level) - 1]
                break
    for written, same in load_rules("units").get("same_name_parts", {}).items():
        key = key.replace(written, same)
    return _same_units().get(key, key)


@cache
def _same_units() -> dict[str, str]:
    """Other names of one unit → its key ("mặt trận tổ quốc" → "ủy ban mặt trận tổ quốc")."""
    pairs = {}
    for names in load_rules("units").get("same_units", []):
        target = name_key(names[-1])
        for name in names[:-1]:
            pairs[name_key(name)] = target
    return pairs


def display_name(variant: str) -> str:
    """Tidy a written form: "&" → "và", one space around a dash, capital first letter."""
    text = " ".join(variant.replace("&", "và").split())
    text = _DASH.sub(" - ", text)
    return text[0].upper() + text[1:] if text else text


def resolve_units(mentions: list[UnitMention], norm: NormalizedText) -> list[Unit]:
    """Distinct units, in order of first mention."""
    units: dict[str, Unit] = {}
    for mention in mentions:
        written = norm.display(mention.start, mention.end)
        key = unit_key(written, mention.kind)
        unit = units.get(key)
        if unit is None:
            unit = units[key] = Unit(key, "", mention.kind)
        unit.mentions.append(mention)
        if written not in unit.variants:
            unit.variants.append(written)
    _merge_bare_heads(units)
    _merge_named_places(units)
    _drop_singular_of_groups(units)
    for unit in units.values():
        unit.name = display_name(_best_variant(unit, norm))
    _mark_typos(list(units.values()))
    return list(units.values())


def _best_variant(unit: Unit, norm: NormalizedText) -> str:
    """The unit's most written full form (a level word and then length break ties)."""
    counts: dict[str, int] = {}
    for m in unit.mentions:
        written = norm.display(m.start, m.end)
        counts[written] = counts.get(written, 0) + 1
    full = [v for v in unit.variants if unit_key(v, unit.kind) == unit.key] or unit.variants
    if len(full) == 1:
        return full[0]
    return max(full, key=lambda v: (counts.get(v, 0), -_has_level(v), len(v)))


def _drop_singular_of_groups(units: dict[str, Unit]) -> None:
    """"Phòng Nghiệp vụ" beside the group "các Phòng Nghiệp vụ" means any one of them: a role."""
    groups = {u.key for u in units.values() if u.kind == "group"}
    for key in list(units):
        if units[key].kind == "named" and "các " + key in groups:
            del units[key]


@cache
def _commune_levels() -> tuple[str, ...]:
    """Xã, phường, đặc khu, thị trấn (rules/units.yaml)."""
    return tuple(load_rules("units")["commune_level_words"])


@cache
def _level_endings() -> tuple[str, ...]:
    """" xã", " phường" …: the endings of a name with a commune level word."""
    return tuple(" " + level for level in _commune_levels())


def _has_level(variant: str) -> int:
    return int(variant.endswith(_level_endings()))


def _merge_bare_heads(units: dict[str, Unit]) -> None:
    """"Văn phòng" alone is the plan's only "Văn phòng …" when there is exactly one."""
    for key in list(units):
        unit = units[key]
        if unit.kind != "named" or key != name_key(unit.mentions[0].head):
            continue
        fuller = [u for k, u in units.items() if k.startswith(key + " ") and u.kind == "named"]
        if len(fuller) == 1:
            fuller[0].mentions.extend(unit.mentions)
            fuller[0].mentions.sort(key=lambda m: m.start)
            fuller[0].variants.extend(v for v in unit.variants if v not in fuller[0].variants)
            del units[key]


def _merge_named_places(units: dict[str, Unit]) -> None:
    """"Thanh tra tỉnh Bắc Ninh" is the plan's "Thanh tra tỉnh" when no other place is named."""
    longer = _Prefixes(units)
    for key in list(units):
        unit = units[key]
        agency = next((m.agency for m in unit.mentions if m.agency is not None), None)
        if unit.kind != "agency" or agency is None or not agency.locality_name:
            continue
        bare_key = key[: -len(name_key(agency.locality_name))].rstrip()
        same_level = longer.count(bare_key) - key.startswith(bare_key + " ")
        if bare_key in units and not same_level:
            target = units[bare_key]
            target.mentions.extend(unit.mentions)
            target.mentions.sort(key=lambda m: m.start)
            target.variants.extend(v for v in unit.variants if v not in target.variants)
            del units[key]
            longer.remove(key)


class _Prefixes:
    """How many keys start with a given key and a space, kept as keys are removed (instead of
    a look at every key for every key): the keys in order, where those that start with
    ``head + " "`` lie together, before ``head + "!"`` (the character after the space)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._sorted = sorted(keys)

    def count(self, head: str) -> int:
        """The keys that start with ``head + " "``."""
        return bisect_left(self._sorted, head + "!") - bisect_left(self._sorted, head + " ")

    def remove(self, key: str) -> None:
        """Forget ``key``."""
        i = bisect_left(self._sorted, key)
        if i < len(self._sorted) and self._sorted[i] == key:
            del self._sorted[i]


# a unit is compared with at most this many units of its head (the most mentioned ones) for
# typos: a plan names a few dozen units, a hostile text thousands
_TYPO_CANDIDATES = 64


def _typo_candidates(units: list[Unit]) -> dict[str, list[Unit]]:
    """The named units each named unit may be a misspelling of, by head, in order."""
    by_head: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.kind == "named":
            by_head.setdefault(unit.mentions[0].head, []).append(unit)
    for head, group in by_head.items():
        if len(group) > _TYPO_CANDIDATES:
            order = {id(u): i for i, u in enumerate(group)}
            most = sorted(group, key=lambda u: -len(u.mentions))[:_TYPO_CANDIDATES]
            by_head[head] = sorted(most, key=lambda u: order[id(u)])
    return by_head


def _mark_typos(units: list[Unit]) -> None:
    """A rarely written unit whose name is nearly another's is probably a misspelling of it."""
    from rapidfuzz import fuzz

    threshold = unit_grammar_threshold()
    candidates = _typo_candidates(units)
    for unit in units:
        if unit.kind != "named":
            continue
        for other in candidates[unit.mentions[0].head]:
            if other is unit or len(other.mentions) < len(unit.mentions) or \
                    unit.mentions[0].head != other.mentions[0].head or unit.kind != "named" or \
                    other.kind != "named":
                continue
            if _differs_only_in_digits(unit.key, other.key):
                continue
            similar = fuzz.ratio(unit.key, other.key) >= threshold or _one_word_apart(unit, other)
            alike = _swapped_words_alike(unit.variants[0].lower(), other.variants[0].lower())
            if similar and alike and (len(other.mentions) > len(unit.mentions)
                                      or other.key < unit.key):
                unit.typo_of = other.name
                break


def _differs_only_in_digits(a: str, b: str) -> bool:
    """"phòng nghiệp vụ 1" / "phòng nghiệp vụ 2" / "phòng nghiệp vụ": members, not typos."""
    def strip(key: str) -> str:
        return re.sub(r"\s*\d+", "", key)
    return strip(a) == strip(b)


def _swapped_words_alike(a: str, b: str) -> bool:
    """A typo changes a word into a similar one ("UBND"/"HĐND", "Thiên"/"Thiện"); two names
    that differ by unlike words are two units ("Nghiệp vụ Y" / "Nghiệp vụ Dược")."""
    from rapidfuzz import fuzz

    x, y = a.split(), b.split()
    if len(x) != len(y):
        return True
    return all(fuzz.ratio(p, q) >= 50 for p, q in zip(x, y, strict=True) if p != q)


def _one_word_apart(unit: Unit, other: Unit) -> bool:
    """"Văn phòng UBND và UBND xã" vs "Văn phòng HĐND và UBND xã": one word swapped."""
    a, b = unit.variants[0].split(), other.variants[0].split()
    return len(a) == len(b) >= 4 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


@cache
def unit_grammar_threshold() -> int:
    """The typo similarity threshold of ``rules/units.yaml``."""
    unit_grammar()
    return int(load_rules("units")["typo_similarity"])
