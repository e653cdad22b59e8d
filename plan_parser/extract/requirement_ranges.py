"""Technical requirements written as a range of two figures: "Công suất: (2 ÷ 3,5) kW", "Dài
(1200 ÷ 1800) mm", "Đường kính mũi: (4mm ÷ 30) mm" (``requirement_ranges`` in
rules/targets.yaml).

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
    not_units: frozenset[str]


@cache
def _grammar() -> _RangeGrammar:
    data = load_rules("targets")["requirement_ranges"]
    joiners = tuple(data["joiners"])
    joiner = "|".join(re.escape(j) for j in joiners)
    inner_unit = r"(?:[^\W\d_]{1,4}\s*)?"  # "(4mm ÷ 30) mm": the unit said once more inside
    pattern = (rf"\(\s*(?P<low>{FIGURE})\s*{inner_unit}(?:{joiner})\s*(?P<high>{FIGURE})\s*"
               rf"{inner_unit}\)[ \t]*(?P<unit>{data['unit']})")
    return _RangeGrammar(joiners, re.compile(pattern),
                         frozenset(w.lower() for w in data["not_units"]))


def find_requirement_ranges(text: str, start: int, end: int) -> list[DimensionBound]:
    """Both bounds of every bracketed range with a unit in ``text[start:end]`` (each a bound on
    one figure, as a bounded size's dimensions are)."""
    g = _grammar()
    if all(text.find(j, start, end) == -1 for j in g.joiners):
        return []  # no joiner, no range (most texts: no scan)
    found: list[DimensionBound] = []
    for m in g.pattern.finditer(text, start, end):
        unit = m.group("unit")
        if unit.lower() in g.not_units:
            continue
        low, high = parse_number(m.group("low"), {}), parse_number(m.group("high"), {})
        if low >= high:  # not a range ("(5 ÷ 5)"), or the figures are something else
            continue
        found.append(DimensionBound(">=", low, unit, m.start("low"), m.end("low")))
        found.append(DimensionBound("<=", high, unit, m.start("high"), m.end("high")))
    return found
