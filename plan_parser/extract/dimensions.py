"""Sizes bounded by a comparator: "≥ (1800 x 1800) mm", "Kích thước: ≥ 1200mm x 2400mm",
"tối thiểu (200 x 100 x 50) mm", and a size closed by "trở lên": "từ khổ 10 cm x 15 cm trở lên"
(``dimensions`` in rules/targets.yaml).

A technical requirement on a size is a limit on each of its dimensions: one target per
dimension, two equal ones too (the fourth call of corpus/real/ANNOTATION.md). The target grammar
reads a quantity with its unit right after the number, so it misses the dimensions of a size
written "a x b" with one unit at the end, or in brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.extract.band_cells import FIGURE
from plan_parser.extract.scan import anchored_matches, lowered
from plan_parser.extract.targets import parse_number
from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class DimensionBound:
    """One dimension of a bounded size: its number's span, the comparator, value and unit."""

    op: str
    value: float
    unit: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _DimensionGrammar:
    size: re.Pattern[str]
    suffixed: re.Pattern[str]
    suffixed_anchors: tuple[str, ...]
    number: re.Pattern[str]
    unit: re.Pattern[str]
    op_of: dict[str, str]
    suffix_op: dict[str, str]


@cache
def _grammar() -> _DimensionGrammar:
    data = load_rules("targets")["dimensions"]
    op_of = {" ".join(k.split()): v for k, v in data["comparators"].items()}
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                     for w in sorted(op_of, key=len, reverse=True))
    units = "|".join(re.escape(u) for u in data["units"])
    times = "[" + "".join(re.escape(t) for t in data["times"]) + "]"
    unit = rf"(?:{units})(?![^\W\d_])"
    # "≥ (a x b [x c]) unit" or "≥ a [unit] x b [unit] [x c [unit]]" (the last unit is needed)
    number = f"(?:{FIGURE})"
    bracketed = rf"\(\s*(?P<inner>{number}(?:\s*{times}\s*{number}){{1,2}})\s*\)\s*(?P<unit>{unit})"
    plain = rf"(?P<plain>{number}\s*(?:{unit})?(?:\s*{times}\s*{number}\s*(?:{unit})?){{1,2}})"
    size = rf"(?P<op>{words})\s*:?\s*(?:{bracketed}|{plain})"
    closed = data["suffixed"]
    suffix_op = {" ".join(k.split()): v for k, v in closed["suffixes"].items()}
    suffixes = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in suffix_op)
    openers = "|".join(re.escape(w) for w in closed["openers"])
    suffixed = (rf"(?:{openers})\s+(?:{closed['lead']})?{plain}\s*(?P<suffix>{suffixes})"
                r"(?![^\W\d_])")
    return _DimensionGrammar(re.compile(size), re.compile(suffixed), tuple(closed["openers"]),
                             re.compile(FIGURE), re.compile(rf"(?<![^\W\d_]){unit}"), op_of,
                             suffix_op)


def find_dimension_bounds(text: str, start: int, end: int) -> list[DimensionBound]:
    """Every dimension of a size bounded by a comparator in ``text[start:end]``."""
    low = lowered(text)
    g = _grammar()
    found: list[DimensionBound] = []
    for m in anchored_matches(g.size, low, start, end, tuple(g.op_of)):
        found += _bounds(low, m, g)
    for m in anchored_matches(g.suffixed, low, start, end, g.suffixed_anchors):
        found += _bounds(low, m, g)
    return found


def _bounds(low: str, m: re.Match[str], g: _DimensionGrammar) -> list[DimensionBound]:
    closed = m.re is g.suffixed  # "từ … trở lên": the comparator comes after the size
    op = g.suffix_op[" ".join(m.group("suffix").split())] if closed else \
        g.op_of[" ".join(m.group("op").split())]
    if not closed and m.group("inner") is not None:
        unit, first, last = m.group("unit"), m.start("inner"), m.end("inner")
    else:
        units = g.unit.findall(m.group("plain"))
        if not units:
            return []  # "≥ 3 x 4": no unit, no size
        unit, first, last = units[-1], m.start("plain"), m.end("plain")
    return [DimensionBound(op, parse_number(n.group(), {}), unit, n.start(), n.end())
            for n in g.number.finditer(low, first, last)]
