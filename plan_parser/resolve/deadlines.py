"""Deadlines in context: a date that lies wholly before the document's own date reports a fact
("đến ngày 19/11/2025 đã có 15 bộ …", "từ tháng 4/2011 đến tháng 8/2011"), it sets nothing to
do — unless the words before it order something done by then ("hoàn thành trước ngày …"),
which in a plan is a deadline already missed, kept for the checks to flag."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from functools import cache

from plan_parser.extract.deadlines import Deadline
from plan_parser.resolve.legal_texts import is_legal_text
from plan_parser.resolve.references import ReferencedDocument
from plan_parser.rules_loader import load_rules
from plan_parser.spans import clause_start, open_condition
from plan_parser.structure.examples import outside_examples
from plan_parser.structure.model import DocumentStructure


@cache
def _pattern(key: str) -> re.Pattern[str]:
    """The pattern ``key`` of rules/deadlines.yaml, compiled once (case-insensitive)."""
    return re.compile(load_rules("deadlines")[key], re.I)


def complete_deadlines(deadlines: list[Deadline], structure: DocumentStructure,
                       text: str, cited_floor: date | None = None) -> list[Deadline]:
    """The deadlines less the past dates that only report facts, and less the dates standing
    alone in the text (``event``) unless they fall after the document's own date.

    ``cited_floor`` (see :func:`cited_floor`) stands in for the document's date when its header
    gives none: the document is no older than the documents it cites."""
    deadlines = outside_examples(deadlines, structure.examples)
    if is_legal_text(structure):
        # a legal normative text sets rules: its dates say when a rule applies, what a
        # condition covers or how an example counts; only those it orders something done by
        # are deadlines ("Thời hạn gửi báo cáo: Trước ngày 20 tháng 4 năm 2022")
        # a weekday "hằng tuần" there is mostly a working schedule ("8 giờ vào thứ bảy hằng
        # tuần"), due only when the clause orders something ("báo cáo vào thứ Sáu hằng tuần")
        kept: list[Deadline] = []
        effective = _effective_dates(text)
        for d in sorted(deadlines, key=lambda d: (d.start, d.end)):
            if (d.day, d.month, d.year) in effective and _due_by(d, text) \
                    and not _ordered(d, text):
                continue  # "giao kết trước ngày <the day this text takes effect>": a cutoff
            # (a date that recurs is a duty's schedule: "Định kỳ vào ngày 25 hằng tháng cập nhật")
            if not d.event and (((d.kind == "recurring" or d.recurrence is not None)
                                 and d.weekday is None)
                                or (_due_by(d, text) and not _cutoff(d, text))
                                or _ordered(d, text) or _continues(d, kept, text)
                                or _opens_clause(d, text)):
                kept.append(d)
            elif d.event and _ordered(d, text):
                # a date alone that an order before it sets ("Chủ tịch … tổ chức triển khai thủ
                # tục hành chính này từ ngày 01 tháng 8 năm 2026"): kept if after the text's date
                kept.append(d)
        deadlines = kept
    deadlines = [d for d in deadlines if not _in_condition(d, text)]
    issued = issued_on(structure)
    # a consolidated text reproduces provisions issued before its own date: a task time opening
    # its clause there is no reported fact, however old ("c) Quý IV năm 2020 tổng kết …")
    reproducing = structure.header.doc_type_name in load_rules("deadlines")["reproducing_kinds"]
    def reports_a_fact(d: Deadline, before: date) -> bool:
        """Wholly before ``before`` and not a task the text orders done by then."""
        return wholly_before(d, before) and not _ordered(d, text) \
            and not _orders_after(d, text) \
            and not (reproducing and _opens_clause(d, text))

    if issued is None:
        # no date of its own: what lies wholly before the latest cited year is past all the same
        # (a floor, so a date alone in the text stays unknown to be after it)
        return [d for d in deadlines if not d.event
                and not (cited_floor is not None and reports_a_fact(d, cited_floor))]
    return [d for d in deadlines
            if not reports_a_fact(d, issued)
            and not (d.event and not _after(d, issued))
            and not _current_year_scope(d, issued, text)]


@cache
def _current_year_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rules = load_rules("deadlines")["current_year"]
    return re.compile(rules["period"], re.I), re.compile(rules["completion_before"], re.I)


def _current_year_scope(deadline: Deadline, issued: date, text: str) -> bool:
    """True for "trong năm 2025" in a document of 2025 that names the year it speaks of ("các
    nhiệm vụ được giao trong năm 2025", "tin tưởng trong năm 2025 sẽ …") rather than the time
    a task is to be completed by ("hoàn thành trong năm 2025")."""
    if deadline.kind != "period" or deadline.year != issued.year or deadline.month is not None \
            or deadline.quarter is not None:
        return False
    period, completion = _current_year_rules()
    if not period.match(text, deadline.start, deadline.end):
        return False
    # (read without the brackets between, which name the work: "thông xe tuyến chính (Dự án
    # thành phần 2 thuộc Dự án cao tốc …) trong năm 2025")
    line_start = text.rfind("\n", max(0, deadline.start - _SCOPE_READ), deadline.start) + 1
    before = _BRACKETED.sub("", text[line_start:deadline.start])[-80:]
    return completion.search(before) is None


_SCOPE_READ = 240  # characters read back on the line for a completion verb, brackets included


def _in_condition(deadline: Deadline, text: str) -> bool:
    """True for a date inside a condition whose consequence follows it in the sentence ("Trường
    hợp … sinh con trước ngày 15 của tháng, thì …"): it bounds a case, it sets no task (unless
    the date's clause orders something done by it)."""
    consequence = _pattern("condition_consequence")
    opener = open_condition(text, max(0, deadline.start - _CONDITION_REACH), deadline.start,
                            (".", ";"), _pattern("condition_before"), consequence)
    if opener is None:
        return False  # (no condition, or the date is in its consequence: "… thì trước ngày …")
    ends = [i for i in (text.find(".", deadline.end), text.find(";", deadline.end)) if i != -1]
    rest = text[deadline.end:min([*ends, deadline.end + _CONDITION_REACH])]
    return consequence.search(rest) is not None \
        and not _pattern("obligation_before").search(text, opener.end(), deadline.end)


_CONDITION_REACH = 300  # characters read on each side of a date for its condition


def _continues(deadline: Deadline, kept: list[Deadline], text: str) -> bool:
    """A date listed after one that is due ("trước ngày 25 tháng cuối của quý, ngày 25 tháng
    6 và ngày 25 tháng 12 hằng năm") is due as well."""
    if not kept or deadline.start < kept[-1].end:
        return False
    return _pattern("date_list_joiner").fullmatch(text, kept[-1].end, deadline.start) is not None


def _effective_dates(text: str) -> set[tuple[int, int, int]]:
    """The days the text says it (or a part of it) takes effect on ("có hiệu lực thi hành từ
    ngày 01 tháng 7 năm 2026")."""
    return {(int(m.group("day")), int(m.group("month")), int(m.group("year")))
            for m in _pattern("effective_date").finditer(text)}


def _due_by(deadline: Deadline, text: str) -> bool:
    """True when the deadline's own words set a time limit ("trước ngày …", "chậm nhất …",
    "hằng năm (trước ngày 30 tháng 10)")."""
    return bool(_pattern("due_by").search(text, deadline.start, deadline.end))


def _after(deadline: Deadline, issued: date) -> bool:
    try:
        return date(deadline.year, deadline.month, deadline.day) > issued
    except (TypeError, ValueError):
        return False


def cited_floor(references: Iterable[ReferencedDocument]) -> date | None:
    """The first day of the latest year that at least two of the cited documents (not the
    document itself) carry in their symbol or date: a document is issued no earlier than what
    it cites. Two, so that one misread year ("2052") cannot move the floor."""
    years: list[int] = []
    for document in references:
        if document.role == "self":
            continue
        found = {int(iso[:4]) for iso in document.dates if iso[:4].isdigit()}
        symbol = document.symbol
        if symbol is not None and symbol.year:
            found.add(symbol.year)
        if found:
            years.append(max(found))
    if len(years) < 2:
        return None
    return date(sorted(years)[-2], 1, 1)


def issued_on(structure: DocumentStructure) -> date | None:
    """The document's own date, when its header gives a whole one."""
    iso = structure.header.date_iso
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def wholly_before(deadline: Deadline, issued: date) -> bool:
    """True when the last day the deadline can mean is before ``issued``."""
    if deadline.kind in ("recurring", "relative") or deadline.year is None:
        return False
    month = deadline.month or (3 * deadline.quarter if deadline.quarter else 12)
    if not 1 <= month <= 12:
        return False
    day = deadline.day or calendar.monthrange(deadline.year, month)[1]
    try:
        return date(deadline.year, month, day) < issued
    except ValueError:
        return False


def _opens_clause(deadline: Deadline, text: str) -> bool:
    """True for a dated task time opening its line after nothing but a list label ("c) Quý IV
    năm 2020 tổng kết …"); read back over the line's start only."""
    if deadline.kind not in ("before_date", "period", "on_date"):
        return False
    line_start = text.rfind("\n", max(0, deadline.start - 16), deadline.start)
    if line_start == -1 and deadline.start > 16:
        return False
    return _pattern("clause_label").search(text, max(0, line_start), deadline.start) is not None


def _orders_after(deadline: Deadline, text: str) -> bool:
    """True for a due date opening its sentence whose clause then orders the task ("Trước
    ngày 15 tháng 8 năm 2014, các cơ sở hỗ trợ nạn nhân phải làm thủ tục …"): a task's
    deadline, however old, not a reported fact."""
    if not _due_by(deadline, text):
        return False
    if text[clause_start(text, max(0, deadline.start - 4), deadline.start, ".\n"):
            deadline.start].strip():
        return False  # (words before it in its sentence: not the sentence's opening)
    return _pattern("order_after").match(text, deadline.end) is not None


def _cutoff(deadline: Deadline, text: str) -> bool:
    """True when the clause before "trước ngày X" states a fact the date bounds ("gói thầu đã
    phát hành … trước ngày …"): a condition's cutoff, unless an order follows the state."""
    if _pattern("cutoff_after").match(text, deadline.end):
        return True
    # (a state in brackets describes something else: "(không bao gồm các ngân hàng đang được
    # kiểm soát đặc biệt) trước ngày 10 tháng 01 hằng năm")
    # (read from ``_LOOK_BACK`` characters before the clause's cut, so that the patterns'
    # look-behinds see the words the cut halved: "phải | được cấp" is a duty, not a state)
    clause_from = deadline.start - len(_clause_before(deadline, text))
    context_from = max(0, clause_from - _LOOK_BACK)
    clause = _BRACKETED.sub(lambda m: " " * len(m.group()), text[context_from:deadline.start])
    states = list(_pattern("cutoff_before").finditer(clause, clause_from - context_from))
    if not states or _pattern("obligation_before").match(text, deadline.start, deadline.end):
        return False  # (the deadline's own "hoàn thành trước ngày …" orders it done)
    after_state = states[-1].end()
    return not _pattern("obligation_before").search(clause, after_state) and \
        not _pattern("cutoff_ended_by").search(clause, after_state)


_BRACKETED = re.compile(r"\([^()]*\)")
_LOOK_BACK = 12  # characters before a cut that look-behinds may read


_CLAUSE_REACH = 80  # characters of a clause read back from a date


def _clause_before(deadline: Deadline, text: str,
                   marks: tuple[str, ...] = (".", ";", ":"), reach: int = _CLAUSE_REACH) -> str:
    """The last ``reach`` characters of the clause before the deadline, back to the last of
    ``marks`` (by default a line break is no limit: legal texts are often wrapped line by
    line)."""
    start = clause_start(text, max(0, deadline.start - reach), deadline.start, marks)
    return text[start:deadline.start]


def _ordered(deadline: Deadline, text: str) -> bool:
    """True when the clause before the date (back to a line break) orders something done by
    then."""
    sentence = _clause_before(deadline, text, (".", ";", "\n"), _SENTENCE_REACH)
    # the clause's last ``_ORDER_REACH`` characters (both stop at the same last mark), read in
    # the text itself so that the pattern's look-behinds see the words before the cut: "chương
    # trình" halved to " trình, dự án …" is no order to submit
    clause_from = deadline.start - min(len(sentence), _ORDER_REACH)
    # the words right after the date too: "đến ngày 19/11/2025 đã có 15 bộ …"; and the whole
    # sentence before it for what was done or ordered already ("Trong đó, Chủ tịch … đã chỉ đạo
    # các cơ quan, đơn vị khẩn trương hoàn thành việc cập nhật … trước ngày 30/10/2025")
    said = sentence + text[deadline.start:deadline.end + 30]
    return bool(_pattern("obligation_before").search(text, clause_from, deadline.end)) and \
        not _pattern("reported_before").search(said)


_SENTENCE_REACH = 240  # characters read back for what a sentence reports as done
_ORDER_REACH = 120  # characters of the clause read back for an order
