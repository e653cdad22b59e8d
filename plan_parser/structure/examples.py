"""Worked examples of a legal text ("Ví dụ 1: Bà Nguyễn Thị A …"): the paragraphs that
illustrate a rule with made-up people, dates and figures (``worked_examples`` of
rules/structure.yaml). Later stages read no targets or deadlines in them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Protocol, TypeVar

import regex

from plan_parser.rules_loader import load_rules
from plan_parser.spans import SpanSet

__all__ = ["outside_examples", "worked_examples"]


class _Spanned(Protocol):
    start: int
    end: int


_Item = TypeVar("_Item", bound=_Spanned)


@dataclass(frozen=True, slots=True)
class _ExampleRules:
    opener: regex.Pattern[str]
    ends_at: regex.Pattern[str]
    max_paragraphs: int


@cache
def _rules() -> _ExampleRules:
    data = load_rules("structure")["worked_examples"]
    return _ExampleRules(regex.compile(data["opener"], regex.I),
                         regex.compile(data["ends_at"], regex.I), int(data["max_paragraphs"]))


def worked_examples(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` (normalized: one paragraph per line) that are worked examples, each
    from its "Ví dụ" line to the end of its last paragraph."""
    rules = _rules()
    if "dụ" not in text and "DỤ" not in text:
        return []  # (no example: the common case, decided without reading the lines)
    spans: list[tuple[int, int]] = []
    start = end = None
    paragraphs = 0
    position = 0
    for line in text.split("\n"):
        line_end = position + len(line)
        if rules.opener.match(line):
            if start is not None:
                spans.append((start, end))
            start, end, paragraphs = position, line_end, 1
        elif start is not None:
            if rules.ends_at.match(line) or paragraphs >= rules.max_paragraphs:
                spans.append((start, end))
                start = None
            elif line.strip():
                end, paragraphs = line_end, paragraphs + 1
        position = line_end + 1
    if start is not None:
        spans.append((start, end))
    return spans


def outside_examples(items: list[_Item], examples: list[tuple[int, int]]) -> list[_Item]:
    """``items`` (targets, deadlines) less those inside one of the worked ``examples``: their
    figures and dates illustrate a rule, they set nothing."""
    if not examples:
        return items
    spans = SpanSet(examples)
    return [item for item in items if not spans.overlaps(item.start, item.end)]
