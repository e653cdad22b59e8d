"""Bare coefficients capped or floored by a comparator: "Hln được tính tối đa bằng 0,3",
"hệ số … không vượt quá 1,5;" (``coefficients`` in rules/targets.yaml).

The target grammar reads quantities with a unit; a number with no unit after a strong
comparator and right before the end of its clause is a coefficient (unit "").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.extract.scan import anchored_matches, lowered
from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class Coefficient:
    """One capped or floored bare number."""

    op: str
    value: float
    cue: str
    start: int  # the comparator's start
    end: int  # the number's end


@cache
def _grammar() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    """The comparator pattern and its ops, then the named-coefficient pattern ("hệ số 0,7 trở
    lên") and its ops."""
    data = load_rules("targets")["coefficients"]
    op_of = {" ".join(w.split()): op for op, words in data["comparators"].items() for w in words}
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                     for w in sorted(op_of, key=len, reverse=True))
    number = r"(?P<number>\d{1,3}(?:,\d{1,3})?)(?![.,]?\d)"  # not "70" of "70.000.000"
    pattern = re.compile(rf"(?<![^\W\d_])(?P<word>{words})\s+(?:{data['fillers']}\s+)?"
                         rf"{number}(?={data['after']})", re.I)
    return pattern, op_of, re.compile(data["named"], re.I), dict(data["named_ops"])


def find_coefficients(text: str, start: int, end: int) -> list[Coefficient]:
    """Every capped or floored bare number of ``text[start:end]``, in order (tried only where
    a comparator's first word, or "hệ số", stands)."""
    pattern, op_of, named, named_ops = _grammar()
    anchors = tuple({word.split()[0] for word in op_of})
    low = lowered(text)
    found = []
    for m in anchored_matches(pattern, low, start, end, anchors):
        word = " ".join(m.group("word").lower().split())
        found.append(Coefficient(op_of[word], float(m.group("number").replace(",", ".")), word,
                                 m.start(), m.end()))
    for m in anchored_matches(named, low, start, end, ("hệ số",)):
        word = m.group("before") or m.group("after")
        if word is None:
            continue  # "hệ số 0,7": a value set, not a bound
        word = " ".join(word.split())
        found.append(Coefficient(named_ops[word], float(m.group("number").replace(",", ".")),
                                 word, m.start("number") if m.group("after") else
                                 m.start("before"), m.end()))
    found.sort(key=lambda c: c.start)
    return found
