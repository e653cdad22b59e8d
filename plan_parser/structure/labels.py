"""Section labels (I., 1., 1.1., a), -, +) and the titles that follow them."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import regex

from plan_parser.structure.rules import structure_rules


class Label(NamedTuple):
    """A label at the start of a line."""

    kind: str
    label: str
    rank: float  # smaller is shallower; 1.1 ranks under 1
    end: int  # offset in the line where the label (and its spacing) ends


@cache
def _combined() -> tuple[re.Pattern[str] | regex.Pattern[str],
                         dict[str, tuple[str, float, int]]]:
    """All label patterns as one alternation (first match wins, in rule order), and for the
    name of each alternative's group: its kind, rank and the number of its label's group. The
    standard engine matches these patterns at a line's start in a fraction of `regex`'s time;
    a rule written in what only `regex` reads is matched by `regex`."""
    items = structure_rules().labels
    parts = [f"(?P<k{i}>{item.pattern.pattern.replace('(?P<label>', f'(?P<l{i}>')})"
             for i, item in enumerate(items)]
    source = "|".join(parts)
    try:
        pattern: re.Pattern[str] | regex.Pattern[str] = re.compile(source)
    except re.error:
        pattern = regex.compile(source)
    groups = pattern.groupindex
    return pattern, {f"k{i}": (item.kind, float(item.rank), groups[f"l{i}"])
                     for i, item in enumerate(items)}


def match_label(line: str) -> Label | None:
    """The section label opening ``line``, or None (a line is matched afresh each time: at
    about a microsecond, a cache of lines would save little and outlive its document)."""
    pattern, alternatives = _combined()
    m = pattern.match(line)
    if m is None:
        return None
    # the alternative's own group closes last, so it names the alternative that matched (a
    # rule with a group of its own at its end: the first alternative that took part)
    kind, rank, label_group = alternatives.get(m.lastgroup or "") or next(
        value for name, value in alternatives.items() if m.group(name) is not None)
    label = m.group(label_group)
    return Label(kind, label, rank + 0.1 * label.count(".") if kind == "arabic" else rank,
                 m.end())


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
