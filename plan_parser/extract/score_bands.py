"""Bands that select a class and the targets' grammar does not read: a score's bands written
without a unit ("a) Xuất sắc: từ 9,0 đến 10", "Loại tốt: Tổng số điểm đạt được từ 85 đến 100")
the open band that ends such a scale ("đ) Loại yếu: dưới 5,0") and bands by rank ("Từ biên chế
thứ 30 đến dưới 50", "Từ người dân thứ 100.001 trở lên")
(``score_bands`` in rules/targets.yaml).

The target grammar reads a range with its unit; a classification by score names the unit
("điểm") and the class ("Loại khá", "Giỏi") before its bands and not in each of them. A band
with no unit at the end of its clause is read as a score when both stand shortly before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from plan_parser.extract.scan import WordScan, anchored_matches, lowered
from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class ScoreBand:
    """One bound of a score band."""

    op: str
    value: float
    unit: str
    start: int  # "từ" for the lower bound, the upper number for the upper one
    end: int


@dataclass(frozen=True, slots=True)
class _Grammar:
    ordinal: re.Pattern[str]
    band: re.Pattern[str]
    open: WordScan  # "Loại yếu: dưới 5,0"
    open_ops: dict[str, str]
    # an open band's words from its comparator on ("dưới 5,0"), tried where each comparator
    # stands (found by a literal scan): a text with none of them holds no open band
    open_tail: re.Pattern[str]
    open_words: tuple[regex.Pattern[str], ...]
    score: re.Pattern[str]
    classes: re.Pattern[str]
    window: int
    unit: str


@cache
def _grammar() -> _Grammar:
    data = load_rules("targets")["score_bands"]
    return _Grammar(re.compile(data["ordinal"], re.I),
                    re.compile(data["band"], re.I | re.M), WordScan(data["open"], re.I | re.M),
                    dict(data["open_ops"]),
                    re.compile(_from_group(data["open"], "word"), re.I | re.M),
                    tuple(regex.compile(regex.escape(word)) for word in data["open_ops"]),
                    re.compile(data["score"], re.I),
                    re.compile(data["classes"], re.I), int(data["window"]), data["unit"])


def _from_group(pattern: str, name: str) -> str:
    """The end of ``pattern`` from its group ``name`` on, which every match of it holds (the
    group standing at its top level, in no other group nor alternative)."""
    start = pattern.index(f"(?P<{name}>")
    head = re.sub(r"\\.|\[(?:\\.|[^\]])*\]", "", pattern[:start])  # (no escapes, no classes)
    depth, alternative = 0, False
    for ch in head:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        alternative = alternative or (ch == "|" and depth == 0)
    if depth != 0 or alternative:
        raise ValueError(f"group {name!r} is not at the top level of {pattern!r}")
    return pattern[start:]


def _may_hold_open_bands(low_text: str, start: int, end: int, g: _Grammar) -> bool:
    """False when no open band can stand in the lower-cased ``low_text[start:end]``: no
    comparator of one there (its ``word``, an ``open_ops`` key) goes on as the band does."""
    return any(g.open_tail.match(low_text, m.start(), end) is not None
               for word in g.open_words for m in word.finditer(low_text, start, end))


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".")) if re.fullmatch(
        r"\d{1,3}(?:\.\d{3})+", text) else float(text.replace(",", "."))


def find_score_bands(text: str, start: int, end: int) -> list[ScoreBand]:
    """Both bounds of every unitless score band of ``text[start:end]``, in order."""
    g = _grammar()
    low_text = lowered(text)
    found = []
    for m in anchored_matches(g.band, low_text, start, end, ("từ",)):
        low, high = _number(m.group("low")), _number(m.group("high"))
        if low >= high:
            continue
        before = low_text[max(start, m.start() - g.window):m.start()]
        if not (g.score.search(before) and g.classes.search(before)):
            continue
        found.append(ScoreBand(">=", low, g.unit, m.start(), m.end("low")))
        found.append(ScoreBand("<" if m.group("below") else "<=", high, g.unit,
                               m.start("high"), m.end("high")))
    lower_case = low_text is not text
    opens = g.open.finditer(low_text, start, end, lower_case=lower_case) \
        if not lower_case or _may_hold_open_bands(low_text, start, end, g) else ()
    for m in opens:
        before = low_text[max(start, m.start() - g.window):m.start()]
        if g.score.search(before):
            found.append(ScoreBand(g.open_ops[m.group("word")], _number(m.group("value")),
                                   g.unit, m.start("word"), m.end("value")))
    for m in anchored_matches(g.ordinal, low_text, start, end, ("từ",)):
        unit = " ".join(m.group("noun").split())
        low = _number(m.group("low"))
        if m.group("high") is None:
            found.append(ScoreBand(">=", low, unit, m.start(), m.end()))
            continue
        high = _number(m.group("high"))
        if low >= high:
            continue
        found.append(ScoreBand(">=", low, unit, m.start(), m.end("low")))
        found.append(ScoreBand("<" if m.group("below") else "<=", high, unit,
                               m.start("high"), m.end("high")))
    return sorted(found, key=lambda b: b.start)
