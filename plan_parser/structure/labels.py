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


_new_label = tuple.__new__  # a Label made without the Python-level __new__ of NamedTuple


def match_label(line: str) -> Label | None:
    """The section label opening ``line``, or None (a line is matched afresh each time: at
    about a microsecond, a cache of lines would save little and outlive its document)."""
    pattern, alternatives = _combined()
    m = pattern.match(line)
    return None if m is None else _label_of(m, alternatives)


def line_labels(text: str, lines: list[tuple[int, int]], first: int,
                stop: int) -> list[Label | None]:
    """The label of each of ``lines[first:stop]`` (None for a line without one): read once for
    the stages of one analysis that look at the same lines (closing, section tree). (The
    lines are matched here as :func:`match_label` matches one, without a call per line.)"""
    pattern, alternatives = _combined()
    match = pattern.match
    labels: list[Label | None] = []
    for start, end in lines[first:stop]:
        m = match(text[start:end])
        labels.append(None if m is None else _label_of(m, alternatives))
    return labels


def _label_of(m: re.Match[str] | regex.Match[str],
              alternatives: dict[str, tuple[str, float, int]]) -> Label:
    """The label of a match of the combined label patterns."""
    # the alternative's own group closes last, so it names the alternative that matched (a
    # rule with a group of its own at its end: the first alternative that took part)
    found = alternatives.get(m.lastgroup)  # type: ignore[arg-type]
    if found is None:
        found = next(value for name, value in alternatives.items() if m.group(name) is not None)
    kind, rank, label_group = found
    label = m.group(label_group)
    if kind == "arabic":
        rank += 0.1 * label.count(".")
    return _new_label(Label, (kind, label, rank, m.end()))


def title_length(text: str, start: int = 0, end: int | None = None) -> int:
    """Length of the title at the start of ``text[start:end]`` (the heading part of a line)."""
    rules = structure_rules()
    if end is None:
        end = len(text)
    # (the matches of finditer, each searched for: no iterator made for the one most lines need)
    m = rules.title_end.search(text, start, end)
    while m is not None:
        if m.group().startswith("."):
            word = text[start:m.start()].rsplit(" ", 1)[-1]
            if word in rules.abbreviations or (len(word) == 1 and word.isupper()):
                # "TP. Hà Nội", an initial (a match with a dot is not empty: go on after it)
                m = rules.title_end.search(text, m.end(), end)
                continue
        return len(text[start:m.start()].rstrip())
    return len(text[start:end].rstrip(" .:;"))
