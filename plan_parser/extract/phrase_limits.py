"""Limits said by a whole phrase the counted grammar does not read (``phrase_limits`` in
rules/targets.yaml): a floor on how many of a list must hold, "đáp ứng ít nhất 01 trong 02 tiêu
chí sau", and a count something is only allowed, "nhà đầu tư chỉ được mở 01 tài khoản", "chỉ
được hỗ trợ một lần".

Each entry of the rules is one phrase: its comparator (``op``), the first words it may open with
(``anchors``, for the scan), and a pattern with groups ``word`` (the cue), ``number`` and
``noun`` (the unit). A new phrase is a new entry in the YAML, with examples; no code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.extract.scan import anchored_matches, lowered
from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class PhraseLimit:
    """``op`` ``value`` ``unit``, said by the phrase ``text[start:end]``."""

    op: str
    value: float
    unit: str
    cue: str
    start: int  # the comparator's start
    end: int  # the noun's end


@dataclass(frozen=True, slots=True)
class _Phrase:
    name: str
    op: str
    pattern: re.Pattern[str]
    anchors: tuple[str, ...]


@cache
def _phrases() -> tuple[tuple[_Phrase, ...], dict[str, float]]:
    data = load_rules("targets")
    values = {w: float(v) for w, v in data["numbers"]["values"].items()}
    phrases = tuple(_Phrase(p["name"], p["op"], re.compile(p["pattern"], re.I),
                            tuple(p["anchors"])) for p in data["phrase_limits"])
    return phrases, values


def find_phrase_limits(text: str, start: int, end: int) -> list[PhraseLimit]:
    """Every limit of ``text[start:end]`` said by one of the phrases, in order of position
    (where two phrases read the same words, the first in the rules wins)."""
    phrases, values = _phrases()
    low = lowered(text)
    found: list[PhraseLimit] = []
    taken: set[int] = set()
    for phrase in phrases:
        for m in anchored_matches(phrase.pattern, low, start, end, phrase.anchors):
            if m.start("number") in taken:
                continue
            number = m.group("number")
            value = values.get(number) if number in values else float(number)
            if value is None:
                continue
            taken.add(m.start("number"))
            found.append(PhraseLimit(phrase.op, value, " ".join(m.group("noun").split()),
                                     " ".join(m.group("word").split()), m.start(),
                                     m.end("noun")))
    return sorted(found, key=lambda f: f.start)
