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
from plan_parser.extract.targets import SUBJECT_MAX_WORDS, content_words
from plan_parser.rules_loader import load_rules
from plan_parser.spans import whole_words_from, whole_words_to

_REACH = 300  # characters read on each side of the deadline
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
    before = at_end.sub("", " ".join(content_words(_clause_before(text, start).split()))).split()
    if len(before) >= 2:
        return " ".join(before[-SUBJECT_MAX_WORDS:]).strip(_MARKS) or None
    after = at_start.sub("", " ".join(content_words(_clause_after(text, end).split()))).split()
    if len(after) >= 2:
        return " ".join(after[:SUBJECT_MAX_WORDS]).strip(_MARKS) or None
    return None


def _clause_before(text: str, start: int) -> str:
    """The deadline's clause before it: back to a clause's mark, else ``_REACH`` characters."""
    low = max(0, start - _REACH)
    marks = list(_CLAUSE_MARK.finditer(text, low, start))
    return text[marks[-1].end():start] if marks else whole_words_from(text, low, start)


def _clause_after(text: str, end: int) -> str:
    """The deadline's clause after it: up to a clause's mark, else ``_REACH`` characters."""
    high = min(len(text), end + _REACH)
    found = _CLAUSE_MARK.search(text, end + 1, high) if end < high else None
    return text[end:found.start()] if found else whole_words_to(text, end, high)
