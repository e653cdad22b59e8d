"""Tone-mark placement styles (hoà/hòa, thuỷ/thủy): canonicalise for matching, count for reporting.

Driven by ``rules/normalize/tone_style.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from plan_parser.rules_loader import load_rules

TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng


def _with_tone(vowel: str, mark: str) -> str:
    return unicodedata.normalize("NFC", vowel + mark)


@dataclass(frozen=True, slots=True)
class ToneRules:
    """Compiled tone-style pattern and the swap tables it feeds."""

    candidates: re.Pattern[str]  # a nucleus of either style, syllable-final
    to_new: dict[str, str]  # old-style nucleus → new-style nucleus
    to_old: dict[str, str]
    not_after: dict[str, str]  # lower-case plain nucleus → letters it must not follow
    guards: dict[str, str]  # the same, by each styled nucleus as written (worked out once)

    def classify(self, text: str, start: int, nucleus: str) -> str | None:
        """"old", "new" or None for a candidate ``nucleus`` found at ``start`` in ``text``."""
        style = "old" if nucleus in self.to_new else "new" if nucleus in self.to_old else None
        if style is None:
            return None
        guard = self.guards.get(nucleus)
        if guard and start > 0 and text[start - 1].lower() in guard:
            return None
        return style

    def scan(self, text: str):
        """Yield ``(start, end, style)`` for every styled nucleus in ``text``."""
        classify = self.classify
        for m in self.candidates.finditer(text):
            style = classify(text, m.start(), m.group())
            if style:
                yield m.start(), m.end(), style


def _plain(text: str) -> str:
    return "".join(
        unicodedata.normalize("NFC", "".join(
            c for c in unicodedata.normalize("NFD", ch) if c not in TONE_MARKS))
        for ch in text
    )


@cache
def tone_rules() -> ToneRules:
    """Build the tone-style tables from the rule file (once per process)."""
    data = load_rules("normalize/tone_style")
    if data.get("canonical", "new") != "new":
        raise ValueError("tone_style.yaml: only canonical: new is supported")
    to_new: dict[str, str] = {}
    not_after: dict[str, str] = {}
    first_chars: set[str] = set()
    second_chars: set[str] = set()
    styled: list[str] = []  # per nucleus: its old style, then its new style, as a pair of classes
    for nucleus in data["nuclei"]:
        first, second = nucleus["first"], nucleus["second"]
        if nucleus.get("not_after"):
            not_after[first + second] = nucleus["not_after"].lower()
        firsts, seconds = (first, first.upper()), (second, second.upper())
        for f in firsts:
            for c in seconds:
                first_chars.add(f)
                second_chars.add(c)
                for mark in TONE_MARKS:
                    to_new[f + _with_tone(c, mark)] = _with_tone(f, mark) + c
                    first_chars.add(_with_tone(f, mark))
                    second_chars.add(_with_tone(c, mark))
        styled.append(_pair_class(firsts, [_with_tone(c, m) for c in seconds for m in TONE_MARKS]))
        styled.append(_pair_class([_with_tone(f, m) for f in firsts for m in TONE_MARKS], seconds))
    to_old = {new: old for old, new in to_new.items()}
    end_of_syllable = r"(?![^\W\d_]|[\u0300-\u036f])"  # no letter or combining mark follows
    # any first vowel and any second one (one scan of the text for the first's class), then
    # only a styled nucleus (one of the pairs behind them): the others are never classified
    pattern = f"[{''.join(sorted(first_chars))}][{''.join(sorted(second_chars))}]"
    if all(len(n) == 2 for n in [*to_new, *to_old]):
        pattern += f"(?<={'|'.join(styled)})"
    return ToneRules(
        candidates=re.compile(pattern + end_of_syllable),
        to_new=to_new,
        to_old=to_old,
        not_after=not_after,
        guards={n: not_after[_plain(n).lower()] for n in [*to_new, *to_old]
                if _plain(n).lower() in not_after},
    )


def _pair_class(firsts, seconds) -> str:
    """A pattern of two characters: one of ``firsts``, then one of ``seconds``."""
    return f"[{''.join(sorted(firsts))}][{''.join(sorted(seconds))}]"


def canonical_tone(text: str) -> str:
    """Rewrite ``text`` to the canonical (new) tone placement style."""
    if len(text) <= _SHORT:
        return _canonical_tone_short(text)  # names and phrases: asked for again and again
    return _canonical_tone(text)


_SHORT = 120


@lru_cache(maxsize=8192)
def _canonical_tone_short(text: str) -> str:
    return _canonical_tone(text)


def _canonical_tone(text: str) -> str:
    rules = tone_rules()
    pieces, pos = [], 0
    for start, end, style in rules.scan(text):
        if style == "old":
            pieces.append(text[pos:start])
            pieces.append(rules.to_new[text[start:end]])
            pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def tone_style_of(text: str) -> str | None:
    """"old", "new" or None for a word or phrase (the style of its first styled nucleus)."""
    for _start, _end, style in tone_rules().scan(text):
        return style
    return None
