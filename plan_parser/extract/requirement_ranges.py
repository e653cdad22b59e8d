"""Technical requirements written as a range of two figures: "Công suất: (2 ÷ 3,5) kW", "Dài
(1200 ÷ 1800) mm", "Đường kính mũi: (4mm ÷ 30) mm", and a range standing alone, its unit the
column's or none: "2850÷3800" in a column of planned output, "Cỡ hạt 180 ÷ 1500", "pH: 12 ÷
13,5" (``requirement_ranges`` in rules/targets.yaml).

A range a requirement sets is a band, a limit on each side: two targets, at least the lower
figure and at most the upper (the fifth call of corpus/real/ANNOTATION.md). The target grammar
reads a quantity with its unit right after the number and a range only after a cue ("từ 2 đến
3,5 kW"), so it misses a bare range in brackets with one unit after them. A range in a catalogue
of goods is dropped later, as any bounded property of goods is (``specification``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.extract.band_cells import FIGURE
from plan_parser.extract.dimensions import DimensionBound
from plan_parser.extract.targets import parse_number
from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class _RangeGrammar:
    joiners: tuple[str, ...]
    pattern: re.Pattern[str]
    cell: re.Pattern[str]
    not_units: frozenset[str]
    not_after: re.Pattern[str]


@cache
def _grammar() -> _RangeGrammar:
    data = load_rules("targets")["requirement_ranges"]
    joiners = tuple(data["joiners"])
    joiner = "|".join(re.escape(j) for j in joiners)
    inner_unit = r"(?:[^\W\d_]{1,4}\s*)?"  # "(4mm ÷ 30) mm": the unit said once more inside
    pattern = (rf"\(\s*(?P<low>{FIGURE})\s*{inner_unit}(?:{joiner})\s*(?P<high>{FIGURE})\s*"
               rf"{inner_unit}\)[ \t]*(?P<unit>{data['unit']})")
    cell = (rf"(?m)(?<![^\s|*])(?P<low>{FIGURE})[ \t]*(?:{joiner})[ \t]*(?P<high>{FIGURE})"
            rf"(?={data['alone_before']})")
    not_after = "|".join(re.escape(w) for w in data["alone_not_after"])
    return _RangeGrammar(joiners, re.compile(pattern), re.compile(cell),
                         frozenset(w.lower() for w in data["not_units"]),
                         re.compile(rf"(?<![^\W\d_])(?:{not_after})[ \t:]*$", re.I))


def find_requirement_ranges(text: str, start: int, end: int) -> list[DimensionBound]:
    """Both bounds of every bracketed range with a unit, and of every range standing alone, in
    ``text[start:end]`` (each a bound on one figure, as a bounded size's dimensions are; the
    unit of a range alone, its column's, is not read here)."""
    g = _grammar()
    if all(text.find(j, start, end) == -1 for j in g.joiners):
        return []  # no joiner, no range (most texts: no scan)
    found: list[DimensionBound] = []
    for m in g.pattern.finditer(text, start, end):
        if m.group("unit").lower() not in g.not_units:
            found += _band(m, m.group("unit"))
    for m in g.cell.finditer(text, start, end):
        if not g.not_after.search(text, max(start, m.start() - 20), m.start()):
            found += _band(m, "")
    return sorted(found, key=lambda b: b.start)


def _band(m: re.Match[str], unit: str) -> list[DimensionBound]:
    low, high = parse_number(m.group("low"), {}), parse_number(m.group("high"), {})
    if low >= high:  # not a range ("(5 ÷ 5)"), or the figures are something else
        return []
    return [DimensionBound(">=", low, unit, m.start("low"), m.end("low")),
            DimensionBound("<=", high, unit, m.start("high"), m.end("high"))]
