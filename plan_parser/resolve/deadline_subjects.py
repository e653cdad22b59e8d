"""What is due by a deadline, where its reading gave nothing: the words of its clause before it
("… có trách nhiệm hoàn thành khóa bồi dưỡng và cấp chứng chỉ cho học viên | trước ngày 31
tháng 12 năm 2025"), else those after it when the deadline opens the clause ("Trước ngày 31
tháng 10 hằng năm, | Bảo hiểm xã hội … cung cấp thông tin …"). A table row's task or a
report's name, set by the readers before this pass, is kept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from plan_parser.extract.deadlines import Deadline
from plan_parser.extract.targets import (
    content_words,
    last_words,
    subject_phrase,
)
from plan_parser.rules_loader import load_rules
from plan_parser.spans import whole_words_from, whole_words_to

_REACH = 300  # characters read on each side of the deadline
_ASIDE = re.compile(r"\([^()\n]*\)")
_CLAUSE_MARK = re.compile(r"[.;:\n](?=\s|$)|[;:\n]")
_MARKS = " ,;:.-–+•*()“”\"|"


@cache
def _words_of(key: str) -> str:
    """The words of the list ``key`` of rules/deadlines.yaml as a regex alternation, longest
    first, a space standing for any run of spaces."""
    words = sorted(load_rules("deadlines")[key], key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)


def _lead_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words that only introduce a date (rules/deadlines.yaml ``subject_lead``): at the
    end of the words before it, at the start of those after it."""
    lead = _words_of("subject_lead")
    run = rf"(?:{lead})(?![^\W\d_])(?:[\s,]+(?:{lead})(?![^\W\d_]))*"
    return (re.compile(rf"(?:^|(?<=\s))(?<![^\W\d_]){run}[\s,]*$", re.I),
            re.compile(rf"^[\s,]*{run}", re.I))


def with_subjects(deadlines: list[Deadline], text: str) -> list[Deadline]:
    """``deadlines``, each without a subject given one from its clause where it has words; a
    subject of words that only introduce a date ("định kỳ hằng năm") is none."""
    return [d if _says_something(d.subject)
            else replace(d, subject=_subject(text, d.start, d.end) or d.subject)
            for d in deadlines]


@cache
def _clause_words() -> int:
    """How many words of a deadline's clause say what is due (rules/deadlines.yaml
    ``subject_clause_words``)."""
    return int(load_rules("deadlines")["subject_clause_words"])


def _says_something(subject: str | None) -> bool:
    return bool(subject) and _lead_words()[1].sub("", subject).strip(_MARKS) != ""


@cache
def _item_lines() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """An item's attribute line, a list mark and a short label with its colon ("- Đơn vị chủ
    trì: Bộ Công an.", "+ Cơ quan phối hợp: …"); a date's line up to the date after a label of
    time (rules/deadlines.yaml ``item_time_labels``: "- Thời gian hoàn thành: Trong "); the
    list mark opening a line ("b)", "2.1.", "-", "+")."""
    labels = _words_of("item_time_labels")
    dash = r"^[ \t*_]*[-+•–][ \t*_]*"
    return (re.compile(rf"{dash}(?:[^\W\d_]+[ \t]+){{0,5}}[^\W\d_]+[ \t*_]*:"),
            re.compile(rf"{dash}(?:{labels})(?![^\W\d_])[^:\n]{{0,30}}:[\s*_]*"
                       rf"(?:[^\W\d_]+[ \t]+){{0,2}}$", re.I),
            re.compile(r"^[ \t*_]*(?P<mark>(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*)[).]|[-+•–])[ \t*_]*",
                       re.I))


_ITEM_LINES = 8  # lines read back over for the item an attribute line belongs to
_LINE_REACH = 1000  # characters a line is read over (a longer one is no cell nor label line)


def _line_start(text: str, position: int) -> int | None:
    """The start of the line of ``position``, or None when it lies more than ``_LINE_REACH``
    characters back (bounded, so that a text of one long line costs no quadratic time)."""
    floor = max(0, position - _LINE_REACH)
    found = text.rfind("\n", floor, position)
    return found + 1 if found != -1 or floor == 0 else None


def _lines_above(text: str, line_start: int, count: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the ``count`` lines above the line starting at ``line_start``,
    nearest first; no further than the text's start or a line longer than ``_LINE_REACH``."""
    end = line_start - 1
    for _ in range(count):
        if end <= 0:
            return
        start = _line_start(text, end)
        if start is None:
            return
        yield start, end
        end = start - 1


def _phrase(words: str) -> str | None:
    """``words`` as a subject: their first clause, at most ``SUBJECT_MAX_WORDS`` words, if at
    least two."""
    phrase = subject_phrase(words).strip(_MARKS)
    return phrase if len(phrase.split()) >= 2 else None


def _level(mark: str) -> int:
    """How high a list mark stands: "+" under "-" (or "•") under "b)" or "2.1."."""
    return 0 if mark == "+" else 1 if mark in "-•–" else 2


def _item_task(text: str, start: int) -> str | None:
    """For a date on an item's attribute line ("b) Sửa đổi, bổ sung Nghị định số 01/2018/NĐ-CP
    …" / "- Đơn vị chủ trì: Bộ Công an." / "- Thời gian hoàn thành: | Trong năm 2024"), the
    task the item names: the nearest line above with a list mark as high as the date's line's
    or higher that is no attribute line (wrapped lines, attribute lines and lower marks are read
    over; a heading ending with a colon ends the search), as a phrase."""
    attribute, label_before_date, list_mark = _item_lines()
    line_start = _line_start(text, start)
    if line_start is None or not label_before_date.match(text[line_start:start]):
        return None
    own = list_mark.match(text, line_start)
    level = _level(own.group("mark")) if own else 1
    for above_start, line_end in _lines_above(text, line_start, _ITEM_LINES):
        line = text[above_start:line_end]
        mark = list_mark.match(line)
        if mark is None:
            if line.rstrip(" \t*_").endswith(":"):
                return None  # the heading of a list of attributes ("Hướng dẫn lập biểu:")
            continue  # a wrapped line
        if attribute.match(line) or _level(mark.group("mark")) < level:
            continue
        # the item with its wrapped lines ("7. Xây dựng Quyết định của" / "Thủ tướng Chính phủ
        # ban hành Chương trình …"), up to the next line with a list mark
        words = [line[mark.end():]]
        for following in text[line_end + 1:line_start].split("\n"):
            if list_mark.match(following):
                break
            words.append(following)
        return _phrase(" ".join(words))
    return None


_ROW_NUMBER_AT_END = re.compile(r"(?:^|[ \t])(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.?)[ \t]*$")
_ROW_LINES = 12  # lines read back from a time cell for its row's number


def _row_task(text: str, start: int, end: int) -> str | None:
    """For a time alone in a cell of a table the text layer gives a line per cell ("Quý
    IV/2026", perhaps followed by the next row's number), the row's task: the line after the
    row's number, which ends a line above ("… 1.2" / "Nghiên cứu, xây dựng cơ chế tài chính,
    tín dụng khuyến khích" / "M&A doanh nghiệp …"), as a phrase."""
    line_start = _line_start(text, start)
    line_end = text.find("\n", end, end + _LINE_REACH)
    line_end = len(text) if line_end == -1 and end + _LINE_REACH >= len(text) else line_end
    if line_start is None or line_end == -1 or text[line_start:start].strip() \
            or not _ROW_NUMBER_AT_END.match(text[end:line_end]):
        return None
    for above_start, above_end in _lines_above(text, line_start, _ROW_LINES):
        if _ROW_NUMBER_AT_END.search(text, above_start, above_end):
            return _phrase(" ".join(text[above_end + 1:line_start].split("\n")[:3]))
    return None


@cache
def _time_words_before() -> re.Pattern[str]:
    """What stands right before a date when it only says when: a label of time after the task's
    sentence ("1. Kiện toàn Ban Chỉ huy … xã. | Thời gian hoàn thành: trước ngày"), or the words
    of completion after the task's clause ("2. Rà soát … theo cấp độ rủi ro; | hoàn thành trong
    quý") (rules/deadlines.yaml ``item_time_labels``, ``completion_words``, ``subject_lead``);
    searched in the last ``_TIME_WORDS_REACH`` characters before the date."""
    lead = rf"(?:\s*(?:{_words_of('subject_lead')})(?![^\W\d_]))*"
    return re.compile(
        rf"(?:[.;]\s*(?:{_words_of('item_time_labels')})(?![^\W\d_])[^:\n.;]{{0,30}}:"
        rf"|[;,]\s*(?:{_words_of('completion_words')})(?![^\W\d_])){lead}[\s*_]*$", re.I)


_TIME_WORDS_REACH = 80  # characters before a date read for the words that only say when


def _task_before_time(text: str, start: int) -> str | None:
    """The task's clause before the words that only say when it is due
    (:func:`_time_words_before`), on the date's line, as a phrase."""
    line_start = _line_start(text, start)
    if line_start is None:
        return None
    window = max(line_start, start - _TIME_WORDS_REACH)
    m = _time_words_before().search(text[window:start])
    if m is None:
        return None
    clause = re.split(r"[.;:](?:\s|$)", text[line_start:window + m.start()].strip())[-1]
    mark = _item_lines()[2].match(clause)
    return _phrase(clause[mark.end():] if mark else clause)


def _subject(text: str, start: int, end: int) -> str | None:
    task = _item_task(text, start) or _row_task(text, start, end) \
        or _task_before_time(text, start)
    if task is not None:
        return task
    at_end, at_start = _lead_words()
    # (an aside in brackets says nothing of what is due: "gửi báo cáo về Sở Nội vụ (qua Phòng
    # Công chức, viên chức) trước ngày …")
    clause = _ASIDE.sub(" ", _clause_before(text, start))
    before = at_end.sub("", " ".join(content_words(clause.split()))).split()
    if len(before) >= 2:
        return " ".join(last_words(before, _clause_words())).strip(_MARKS) or None
    after = at_start.sub("", " ".join(content_words(_clause_after(text, end).split()))).split()
    if len(after) >= 2:
        return " ".join(after[:_clause_words()]).strip(_MARKS) or None
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
