"""Sets of spans with fast containment and overlap tests (merged, then bisected); shared by
the stages that must not read the same text twice."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable


def clause_start(text: str, floor: int, position: int, marks: str | tuple[str, ...]) -> int:
    """Where the clause of ``position`` starts: right after the last of ``marks`` in
    ``text[floor:position]``, or ``floor`` when none is there."""
    return max(floor, max(text.rfind(mark, floor, position) for mark in marks) + 1)


_ALNUM = re.compile(r"[^\W_]")  # a letter or a digit
_SPACE = re.compile(r"\s")


def run_start(text: str, floor: int, position: int, within: Callable[[str], bool]) -> int:
    """Where the run of characters ``within`` accepts that ends at ``position`` starts (not
    before ``floor``): ``position`` itself when the character before it is not one."""
    i = position
    while i > floor and within(text[i - 1]):
        i -= 1
    return i


def whole_word_start(text: str, start: int, end: int) -> int:
    """``start``, or past the part of a word that a cut at ``start`` halved (up to ``end``)."""
    if 0 < start < end and _ALNUM.match(text[start - 1]) and _ALNUM.match(text[start]):
        found = _SPACE.search(text, start, end)
        return found.start() if found else end
    return start


def whole_words_from(text: str, start: int, end: int) -> str:
    """``text[start:end]`` less the part of a word the start halved ("hời gian thử việc …")."""
    return text[whole_word_start(text, start, end):end]


def whole_words_to(text: str, start: int, end: int) -> str:
    """``text[start:end]`` less the part of a word the end halved ("… tiếp nhận hồ s")."""
    if end < len(text) and _ALNUM.match(text[end]) and _ALNUM.match(text[end - 1]):
        end = max(start, text.rfind(" ", start, end), text.rfind("\n", start, end))
    return text[start:end]


def open_condition(text: str, floor: int, position: int, marks: str | tuple[str, ...],
                   opener: re.Pattern[str], consequence: re.Pattern[str]) -> re.Match[str] | None:
    """The last condition ``opener`` ("Trường hợp", "nếu") in the clause of ``position`` (read
    back to ``floor`` and the last of ``marks``) when no ``consequence`` ("thì") follows it
    before ``position``: ``position`` lies inside the condition; else None."""
    start = clause_start(text, floor, position, marks)
    openers = list(opener.finditer(text, start, position))
    found = openers[-1] if openers else None
    if found is None or consequence.search(text, found.end(), position) is not None:
        return None
    return found


class SpanSet:
    """The union of some ``[start, end)`` spans."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def add(self, start: int, end: int) -> None:
        """Add ``[start, end)`` to the union (merged with the spans it touches)."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] >= start:
            start = self._starts[i]
        else:
            i += 1
        j = i
        while j < len(self._starts) and self._starts[j] <= end:
            end = max(end, self._ends[j])
            j += 1
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def contains(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside the union."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._ends[i] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares a position with the union."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end
