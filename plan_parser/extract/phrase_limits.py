"""Limits said by a whole phrase the counted grammar does not read (``phrase_limits`` in
rules/targets.yaml): a floor on how many of a list must hold, "đáp ứng ít nhất 01 trong 02 tiêu
chí sau", and a count something is only allowed, "nhà đầu tư chỉ được mở 01 tài khoản", "chỉ
được hỗ trợ một lần"; and a band written as a chain of inequalities around a variable, "0,700 ≤
HDI < 0,800", "lấy số tuyệt đối 5 ≤ m ≤ 30" (two limits), or one bound of a variable, "HDI <
0,550", "I ≥ 1,3A".

Each entry of the rules is one phrase: its comparator (``op``), the first words it may open with
(``anchors``, for the scan), and a pattern with groups ``word`` (the cue), ``number`` and
``noun`` (the unit); a ``chain`` entry instead has groups ``low``, ``low_op``, ``high_op`` and
``high`` (and ``unit``, if it reads one) and no anchors; without ``low`` and ``low_op`` it reads
one bound. A new phrase is a new entry in the YAML, with examples; no code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.extract.scan import anchored_matches, lowered
from plan_parser.extract.spelled_numbers import number_word_value
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
    words: str = ""  # the words between the cue and the figure ("yêu cầu sửa đổi, bổ sung")


@dataclass(frozen=True, slots=True)
class _Phrase:
    name: str
    op: str
    pattern: re.Pattern[str]
    anchors: tuple[str, ...]
    chain: dict[str, dict[str, str]] | None  # symbol → op, for the (low and) high bound
    signs: tuple[str, ...]  # a chain's signs that hold no other one: where none stands, no chain


@cache
def _phrases() -> tuple[_Phrase, ...]:
    data = load_rules("targets")
    phrases = tuple(_Phrase(p["name"], p.get("op", ""),
                            re.compile(p["pattern"], 0 if p.get("chain") else re.I),
                            tuple(p.get("anchors", ())), p.get("chain"),
                            _shortest({**p["chain"].get("low", {}), **p["chain"]["high"]})
                            if p.get("chain") else ())
                    for p in data["phrase_limits"])
    return phrases


def find_phrase_limits(text: str, start: int, end: int) -> list[PhraseLimit]:
    """Every limit of ``text[start:end]`` said by one of the phrases, in order of position
    (where two phrases read the same words, the first in the rules wins)."""
    phrases = _phrases()
    low = lowered(text)
    found: list[PhraseLimit] = []
    taken: set[int] = set()
    for phrase in phrases:
        if phrase.chain is not None:
            found.extend(_chains(phrase, text, start, end, taken))  # (case matters)
            continue
        for m in anchored_matches(phrase.pattern, low, start, end, phrase.anchors):
            if m.start("number") in taken:
                continue
            number = m.group("number")
            # (a number word by the numeral grammar: "hai", "mười")
            value = number_word_value(number)
            if value is None:
                value = _value(number)
            if value is None:
                continue
            taken.add(m.start("number"))
            found.append(PhraseLimit(phrase.op, value, " ".join(m.group("noun").split()),
                                     " ".join(m.group("word").split()), m.start(),
                                     m.end("noun"), text[m.end("word"):m.start("number")]))
    return sorted(found, key=lambda f: f.start)


def _chains(phrase: _Phrase, text: str, start: int, end: int,
            taken: set[int]) -> list[PhraseLimit]:
    """Both bounds of every "a ≤ x < b" of ``text[start:end]``, or the one bound of "x > b"
    where the entry has no low side."""
    found: list[PhraseLimit] = []
    if all(text.find(sign, start, end) == -1 for sign in phrase.signs):
        return found  # no inequality sign, no chain (most texts: no whole-text scan)
    two_sided = "low" in phrase.pattern.groupindex
    for m in phrase.pattern.finditer(text, start, end):
        first = m.start("low") if two_sided else m.start("high")
        if first in taken or m.start("high") in taken:
            continue
        taken.update((first, m.start("high")))
        unit = m.groupdict().get("unit") or ("%" if "%" in m.group(0) else "")
        cue = " ".join(m.group(0).split())
        if two_sided:
            found.append(PhraseLimit(phrase.chain["low"][m.group("low_op")],
                                     _value(m.group("low")), unit, cue, m.start("low"),
                                     m.end("low")))
        found.append(PhraseLimit(phrase.chain["high"][m.group("high_op")],
                                 _value(m.group("high")), unit, cue, m.start("high_op"),
                                 m.end("high")))
    return found


def _shortest(symbols: dict[str, str]) -> tuple[str, ...]:
    """The symbols that hold no other one ("<", not "<="): where none of them stands, no symbol
    does (and a search for one character is the quickest)."""
    return tuple(symbol for symbol in symbols
                 if not any(other != symbol and other in symbol for other in symbols))


def _value(number: str) -> float:
    """"0,700" → 0.7, "1.000" → 1000, "2.8" → 2.8."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        return float(number.replace(".", ""))
    return float(number.replace(",", "."))
