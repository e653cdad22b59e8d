"""Section labels (I., 1., 1.1., a), -, +) and the titles that follow them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from plan_parser.structure.rules import structure_rules


@dataclass(frozen=True, slots=True)
class Label:
    """A label at the start of a line."""

    kind: str
    label: str
    rank: float  # smaller is shallower; 1.1 ranks under 1
    end: int  # offset in the line where the label (and its spacing) ends


@cache
def _combined() -> tuple[regex.Pattern[str], list[tuple[str, int]]]:
    """All label patterns as one alternation (first match wins, in rule order)."""
    items = structure_rules().labels
    parts = [f"(?P<k{i}>{item.pattern.pattern.replace('(?P<label>', f'(?P<l{i}>')})"
             for i, item in enumerate(items)]
    return regex.compile("|".join(parts)), [(item.kind, item.rank) for item in items]


@lru_cache(maxsize=8192)
def match_label(line: str) -> Label | None:
    """The section label opening ``line``, or None."""
    pattern, kinds = _combined()
    m = pattern.match(line)
    if m is None:
        return None
    index = int(m.lastgroup[1:]) if m.lastgroup and m.lastgroup[0] == "k" else next(
        i for i in range(len(kinds)) if m.group(f"k{i}") is not None)
    kind, rank = kinds[index]
    label = m.group(f"l{index}")
    value = float(rank) + (0.1 * label.count(".") if kind == "arabic" else 0.0)
    return Label(kind, label, value, m.end())


def title_length(text: str) -> int:
    """Length of the title at the start of ``text`` (the heading part of a line)."""
    rules = structure_rules()
    for m in rules.title_end.finditer(text):
        if m.group().startswith("."):
            word = text[:m.start()].rsplit(" ", 1)[-1]
            if word in rules.abbreviations or (len(word) == 1 and word.isupper()):
                continue  # "TP. Hà Nội", an initial
        return len(text[:m.start()].rstrip())
    return len(text.rstrip(" .:;"))
