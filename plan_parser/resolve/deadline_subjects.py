"""What is due by a deadline, where its reading gave nothing: the words of its clause before it
("… có trách nhiệm hoàn thành khóa bồi dưỡng và cấp chứng chỉ cho học viên | trước ngày 31
tháng 12 năm 2025"), else those after it when the deadline opens the clause ("Trước ngày 31
tháng 10 hằng năm, | Bảo hiểm xã hội … cung cấp thông tin …"). A table row's task or a
report's name, set by the readers before this pass, is kept."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from plan_parser.extract.deadlines import Deadline
from plan_parser.extract.targets import SUBJECT_MAX_WORDS
from plan_parser.rules_loader import load_rules

_REACH = 300  # characters read on each side of the deadline
_LETTER = re.compile(r"[^\W\d_]")
_CLAUSE_MARK = re.compile(r"[.;:\n](?=\s|$)|[;:\n]")
_MARKS = " ,;:.-–+•*()“”\"|"


@cache
def _lead_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words that only introduce a date (rules/deadlines.yaml ``subject_lead``): at the
    end of the words before it, at the start of those after it."""
    words = sorted(load_rules("deadlines")["subject_lead"], key=len, reverse=True)
    lead = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    run = rf"(?:{lead})(?![^\W\d_])(?:[\s,]+(?:{lead})(?![^\W\d_]))*"
    return (re.compile(rf"(?:^|(?<=\s))(?<![^\W\d_]){run}[\s,]*$", re.I),
            re.compile(rf"^[\s,]*{run}", re.I))


def with_subjects(deadlines: list[Deadline], text: str) -> list[Deadline]:
    """``deadlines``, each without a subject given one from its clause where it has words; a
    subject of words that only introduce a date ("định kỳ hằng năm") is none."""
    return [d if _says_something(d.subject)
            else replace(d, subject=_subject(text, d.start, d.end) or d.subject)
            for d in deadlines]


def _says_something(subject: str | None) -> bool:
    return bool(subject) and _lead_words()[1].sub("", subject).strip(_MARKS) != ""


def _subject(text: str, start: int, end: int) -> str | None:
    at_end, at_start = _lead_words()
    before = at_end.sub("", " ".join(_words(_clause_before(text, start)))).split()
    if _lettered(before) >= 2:
        return " ".join(before[-SUBJECT_MAX_WORDS:]).strip(_MARKS) or None
    after = at_start.sub("", " ".join(_words(_clause_after(text, end)))).split()
    if _lettered(after) >= 2:
        return " ".join(after[:SUBJECT_MAX_WORDS]).strip(_MARKS) or None
    return None


def _clause_before(text: str, start: int) -> str:
    low = max(0, start - _REACH)
    marks = list(_CLAUSE_MARK.finditer(text, low, start))
    if marks:
        low = marks[-1].end()
    elif low and not text[low - 1].isspace():
        space = text.find(" ", low, start)  # (not half a word)
        low = space if space != -1 else start
    return text[low:start]


def _clause_after(text: str, end: int) -> str:
    high = min(len(text), end + _REACH)
    found = _CLAUSE_MARK.search(text, end + 1, high) if end < high else None
    if found:
        high = found.start()
    elif high < len(text) and not text[high].isspace():
        high = max(end, text.rfind(" ", end, high))
    return text[end:high]


def _words(part: str) -> list[str]:
    """The words of ``part`` with a letter, as written (figures, list marks such as "b)" and
    table borders left out)."""
    return [w for w in part.split() if _LETTER.search(w) and not _LIST_MARK.fullmatch(w)]


_LIST_MARK = re.compile(r"[a-zđ]\)", re.I)


def _lettered(words: list[str]) -> int:
    return sum(1 for w in words if _LETTER.search(w))
