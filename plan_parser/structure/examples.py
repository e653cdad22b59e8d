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
    opener: regex.Pattern[str]  # at a line's start (MULTILINE)
    ends_at: regex.Pattern[str]
    max_paragraphs: int
    words: tuple[str, ...]  # what every opener holds (a plain substring test first)


@cache
def _rules() -> _ExampleRules:
    data = load_rules("structure")["worked_examples"]
    return _ExampleRules(regex.compile(data["opener"], regex.I | regex.M),
                         regex.compile(data["ends_at"], regex.I), int(data["max_paragraphs"]),
                         tuple(data["words"]))


def worked_examples(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` (normalized: one paragraph per line) that are worked examples, each
    from its "Ví dụ" line to the end of its last paragraph (found by one scan for openers: most
    texts have none)."""
    rules = _rules()
    if not any(word in text for word in rules.words):
        return []  # (a plain substring test: the opener pattern costs more than the rest)
    spans: list[tuple[int, int]] = []
    for opener in rules.opener.finditer(text):
        start = opener.start()
        if spans and start < spans[-1][1]:
            continue  # (read already: inside the example before)
        end = _line_end(text, start)
        paragraphs = 1
        while end < len(text) and paragraphs < rules.max_paragraphs:
            line_end = _line_end(text, end + 1)
            line = text[end + 1:line_end]
            if rules.ends_at.match(line) or rules.opener.match(line):
                break
            paragraphs += bool(line.strip())
            end = line_end
        spans.append((start, _trimmed_end(text, start, end)))
    return spans


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end == -1 else end


def _trimmed_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over blank lines and spaces at the end of an example."""
    return start + len(text[start:end].rstrip(" \t\n"))


def outside_examples(items: list[_Item], examples: list[tuple[int, int]]) -> list[_Item]:
    """``items`` (targets, deadlines) less those inside one of the worked ``examples``: their
    figures and dates illustrate a rule, they set nothing."""
    if not examples:
        return items
    spans = SpanSet(examples)
    return [item for item in items if not spans.overlaps(item.start, item.end)]
