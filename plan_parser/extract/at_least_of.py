"""A floor on how many of a list must hold: "đáp ứng ít nhất 01 trong 02 tiêu chí sau",
"có ít nhất một trong các hoạt động" (``at_least_of`` in rules/targets.yaml).

The counted grammar reads "ít nhất 01 tiêu chí"; here the number is followed by "trong" and the
size of the list before the noun, so the noun is read after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.extract.scan import anchored_matches, lowered
from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class AtLeastOf:
    """At least ``value`` of the ``unit`` listed."""

    op: str
    value: float
    unit: str
    cue: str
    start: int  # the comparator's start
    end: int  # the noun's end


@cache
def _grammar() -> tuple[re.Pattern[str], dict[str, float], tuple[str, ...]]:
    data = load_rules("targets")["at_least_of"]
    values = load_rules("targets")["numbers"]["values"]
    return (re.compile(data["pattern"], re.I), {w: float(values[w]) for w in data["words"]},
            tuple(data["anchors"]))


def find_at_least_of(text: str, start: int, end: int) -> list[AtLeastOf]:
    """Every "ít nhất N trong M …" of ``text[start:end]``, in order."""
    pattern, words, anchors = _grammar()
    low = lowered(text)
    found = []
    for m in anchored_matches(pattern, low, start, end, anchors):
        number = m.group("number")
        value = words.get(number) if number in words else float(number)
        cue = " ".join(m.group("word").split())
        found.append(AtLeastOf(">=", value, m.group("noun"), cue, m.start(), m.end("noun")))
    return found
