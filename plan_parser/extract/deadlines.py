"""Deadlines: dated ("trước ngày 01/6"), recurring ("định kỳ 6 tháng"), relative ("trong thời hạn
01 tháng kể từ …") and period ("trong năm 2026") — and report obligations with a vague time.

Grammar in ``rules/deadlines.yaml``. A recurrence is a deadline only next to a deliverable
(báo cáo, tổng hợp, giao ban …): "tinh giản 10% số lượng hội nghị hằng năm" is a target's period.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from plan_parser.extract.scan import (
    _NOT_AFTER_A_LETTER,
    WordScan,
    anchored_matches,
    breaks_between,
    is_letter,
    leading_literals,
    lowered,
    word_start_matches,
    word_starts_at_anchors,
)
from plan_parser.extract.spelled_numbers import number_word_value, spelled_numbers
from plan_parser.rules_loader import filled, load_rules
from plan_parser.spans import SpanSet, clause_start

_QUANTITY = re.compile(r"\d+(?:[.,]\d+)?\s*%")
_CLAUSE_BREAK = re.compile(r"[;\n]|\.(?=\s|$)")
_SENTENCE_BREAK = re.compile(r"\n|\.(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline (normalized offsets)."""

    kind: str  # before_date | on_date | recurring | relative | period
    start: int
    end: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    recurrence: str | None = None
    relative: tuple[int, str, str] | None = None  # (amount, unit, anchor)
    quarter: int | None = None  # "Quý IV/2025", "Quý I hằng năm": 1-4
    weekday: int | None = None  # "thứ Sáu hằng tuần": ISO 1 (Monday) to 7 (Sunday)
    last_day: bool = False  # "ngày cuối cùng của tháng": the last (working) day, day is None
    # "ngày làm việc đầu tiên của tháng": the first working day, day is None
    first_working_day: bool = False
    subject: str | None = None
    event: bool = False  # a full date with no cue word: a deadline only if after the document's


@dataclass(frozen=True, slots=True)
class VagueReport:
    """A report obligation with no period or date (normalized offsets)."""

    start: int
    end: int
    word: str  # the vague time word as written


@dataclass(frozen=True, slots=True)
class DeadlineGrammar:
    """Compiled deadline grammar."""

    recurrence: re.Pattern[str]
    deliverable_period: re.Pattern[str]
    dated_period: re.Pattern[str]
    continued_period: re.Pattern[str]
    coordinated_date: re.Pattern[str]
    period_of: list[tuple[re.Pattern[str], str]]
    deliverable: re.Pattern[str]
    deliverable_list: tuple[re.Pattern[str], ...]
    exclusion: re.Pattern[str]
    window: int
    dated: re.Pattern[str]
    relative: re.Pattern[str]
    period: re.Pattern[str]
    time_periods: tuple[re.Pattern[str], ...]
    year_periods: tuple[re.Pattern[str], ...]  # "(2025 - 2026)", "(2027 trở đi)"
    named_period_before: re.Pattern[str]  # "Giai đoạn 1 (2026 - 2028)": the years name a phase
    event_date: re.Pattern[str]  # "ngày 23/11/2025" standing alone
    event_not_after: re.Pattern[str]  # a cited document's symbol, "kể từ"
    by_year: re.Pattern[str]  # "Đến năm 2030, … được hoàn thiện"
    completed_by_year: re.Pattern[str]  # "trước năm 2025" after "hoàn thành" in its clause
    completion_before: re.Pattern[str]  # "hoàn thành …" ending where a year follows
    span_before: re.Pattern[str]  # "từ ngày 16 " before "đến ngày 22/11": a period
    dated_span_before: re.Pattern[str]  # "từ ngày 01/10/2025 đến hết " before a date alone
    period_end_before: re.Pattern[str]  # "kết thúc " before "vào ngày 31/12": a period's end
    span_end_after: re.Pattern[str]  # " đến hết ngày" after the date opening such a span
    span_start_before: re.Pattern[str]  # "từ " before that date
    span_due_before: re.Pattern[str]  # "gửi báo cáo … từ ngày 10 ": a window, due at its end
    span_opens_due: tuple[re.Pattern[str], re.Pattern[str]]  # "Từ ngày 10 " … ", … gửi báo cáo"
    anchored_recurrences: re.Pattern[str]  # "thứ sáu hằng tuần", "quý i hằng năm" (one pass)
    day_of_month: re.Pattern[str]  # "trước ngày 20" with no month: a day of each month …
    monthly: re.Pattern[str]  # … when "hằng tháng" stands before it in its sentence
    commemoration: re.Pattern[str]  # "Ngày Môi trường thế giới (05/6)": a day held each year
    weekdays: dict[str, int]  # "sáu" → 5 (ISO)
    period_not_with: re.Pattern[str]  # a figure beside "trong năm 2025": a target's period
    by_year_not_with: re.Pattern[str]  # a figure in the clause: the year is a target's period
    relative_units: dict[str, str]  # "ngày làm việc" → "working_day"
    validity: re.Pattern[str]  # "hiệu lực", "áp dụng": a date of validity, not a deadline
    validity_ordered: re.Pattern[str]  # "bảo đảm có hiệu lực " before "trước ngày …": a deadline
    validity_span_end: re.Pattern[str]  # "đến " before "trước ngày …": a span's end
    validity_clause_reach: int  # characters back to look for the span's validity words
    listed_month: re.Pattern[str]  # "tháng 6 và " before "tháng 12 hằng năm"
    listed_day: re.Pattern[str]  # "ngày 05 và " before "ngày 20 hằng tháng"
    vague: re.Pattern[str]
    report: re.Pattern[str]
    report_exclusion: re.Pattern[str]
    relative_year: re.Pattern[str]  # " năm hiện hành" after a day and month: each year
    report_due_label: WordScan  # "Ngày nhận báo cáo": the dates after it are due dates
    report_due_anchors: tuple[re.Pattern[str], tuple[str, ...]] | None  # (label w/o look-behind,
    # the words it starts with): the label looked for only where those words start
    report_due_date: re.Pattern[str]  # "Ngày 22 tháng 3", "Ngày 15 của tháng thứ 2 quý …"
    report_due_reach: int  # characters after a label (or its last date) where dates are read
    report_due_next_period: re.Pattern[str]  # "năm kế tiếp" after a date: read beyond the reach
    report_due_kind_joiner: re.Pattern[str]  # ": " (or ": Ngày báo cáo là ") after "Báo cáo năm"
    anchors: dict[str, tuple[str, ...]]  # literal first words of the scanned patterns


@cache
def deadline_grammar() -> DeadlineGrammar:
    """Compile the deadline grammar once per process."""
    data = load_rules("deadlines")
    period_items = [(p, name) for name, patterns in data["periods"].items() for p in patterns]
    period = "(?:" + "|".join(p for p, _ in period_items) + ")"
    period_list = rf"{period}(?:\s*,\s*{period})*(?:\s+và\s+{period})?"
    markers = "|".join(data["markers"])
    alts = "|".join(data["deliverables"])
    before = "|".join(data["before_words"])
    on = "|".join(data["on_words"])
    word_end = r"(?![^\W\d_])"
    # all patterns run on the lower-cased text (scan.lowered) and carry no leading lookbehind:
    # both keep whole-text scans fast; word starts are checked by scan.word_start_matches
    return DeadlineGrammar(
        recurrence=re.compile(
            rf"(?:{markers})\s+(?P<list>{period_list}){word_end}(?!\s*\d)"),
        deliverable_period=re.compile(
            rf"(?:{'|'.join(data['deliverable_period'])})\s+(?P<list>{period_list})"
            rf"{word_end}(?!\s*\d)"),
        dated_period=re.compile(
            rf"(?:{'|'.join(data['dated_period'])})\s+(?P<list>{period_list})"
            rf"{word_end}(?!\s*\d)"),
        continued_period=re.compile(rf"\s*(?:,\s*|\s+)(?:và\s+)?(?P<list>{period})\s*(?=\()"),
        # "trước ngày 15/01 và 15/7 hằng năm": "ngày" may be left out before the second date
        coordinated_date=re.compile(
            rf"{data['date_list_joiner']}(?P<at>(?:ngày\s+)?(?:{data['date']}))"),
        period_of=[(re.compile(p + "$"), name) for p, name in period_items],
        deliverable=re.compile(rf"(?:{alts}){word_end}"),
        deliverable_list=tuple(re.compile(p) for p in data["deliverables"]),
        exclusion=re.compile(rf"(?:{'|'.join(data['exclusions'])}){word_end}"),
        window=int(data["window"]),
        dated=re.compile(rf"(?:(?P<before>{before})|(?P<on>{on}))\s*(?:{data['clock_time']})?"
                         rf"(?:{data['date']})"),
        relative=re.compile(filled(data["relative"], spelled=spelled_numbers().pattern)),
        relative_year=re.compile(data["relative_year"]),
        report_due_label=WordScan(data["report_due"]["label"]),
        report_due_anchors=_label_anchors(data["report_due"]["label"]),
        report_due_date=re.compile(data["report_due"]["date"], re.M),
        report_due_reach=int(data["report_due"]["reach"]),
        report_due_next_period=re.compile(data["report_due"]["next_period"]),
        report_due_kind_joiner=re.compile(data["report_due"]["kind_joiner"]),
        period=re.compile(data["period"]),
        time_periods=tuple(re.compile(p) for p in data["time_periods"]),
        year_periods=tuple(re.compile(p) for p in data["year_periods"]),
        named_period_before=re.compile(data["named_period_before"]),
        event_date=re.compile(data["event_date"]),
        event_not_after=re.compile(data["event_not_after"]),
        by_year=re.compile(data["by_year"]),
        completed_by_year=re.compile(data["completed_by_year"]),
        completion_before=re.compile(data["current_year"]["completion_before"]),
        span_before=re.compile(data["span_before"]),
        dated_span_before=re.compile(data["dated_span_before"]),
        period_end_before=re.compile(data["period_end_before"], re.I),
        span_end_after=re.compile(data["span_start"]["after"]),
        span_start_before=re.compile(data["span_start"]["before"]),
        span_due_before=re.compile(data["span_due_before"]),
        span_opens_due=(re.compile(data["span_opens_due"]["before"]),
                        re.compile(data["span_opens_due"]["after"])),
        anchored_recurrences=re.compile("|".join(f"(?:{p})" for p in data["anchored_recurrences"])),
        day_of_month=re.compile(data["day_of_month"]["day"]),
        monthly=re.compile(data["day_of_month"]["monthly"]),
        commemoration=re.compile(data["commemoration"]["pattern"]),
        weekdays={" ".join(k.split()): int(v) for k, v in data["weekdays"].items()},
        period_not_with=re.compile(data["period_not_with"]),
        by_year_not_with=re.compile(data["by_year_not_with"]),
        relative_units=dict(data["relative_units"]),
        validity=re.compile("|".join(data["validity_words"])),
        validity_ordered=re.compile(data["validity_ordered"]),
        validity_span_end=re.compile(data["validity_span_end"]),
        validity_clause_reach=int(data["validity_clause_reach"]),
        listed_month=re.compile(data["listed_month"], re.I),
        listed_day=re.compile(data["listed_day"], re.I),
        vague=re.compile(rf"(?:(?P<strong>{'|'.join(data['vague_words']['strong'])})"
                         rf"|{'|'.join(data['vague_words']['weak'])}){word_end}"),
        report=re.compile(rf"(?:{'|'.join(data['report_words'])}){word_end}"),
        report_exclusion=re.compile("|".join(data["report_exclusions"])),
        anchors={
            "recurrence": _anchors(data["markers"]),
            "deliverable_period": _anchors(data["deliverable_period"]),
            "dated_period": _anchors(data["dated_period"]),
            "dated": _anchors(data["before_words"] + data["on_words"]),
            "completed_by_year": _anchors([data["completed_by_year"]]),
            "relative": _anchors([data["relative"]]),
            "day_of_month": _anchors([data["day_of_month"]["day"]]),
            "period": _anchors([data["period"]]),
            "time_period": ("quý", "tháng"),
            "anchored": tuple(data["anchored_recurrence_anchors"]),
            "commemoration": tuple(data["commemoration"]["anchors"]),
            "year_period": tuple(data["year_period_anchors"]),
            "report": _anchors(data["report_words"]),
        },
    )


def _label_anchors(label: str) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """The report-due label without its leading "not after a letter" and the literal words
    every match starts with, or None when it has no such look-behind or no such words (then
    the whole text is scanned)."""
    if not label.startswith(_NOT_AFTER_A_LETTER):
        return None
    bare = label[len(_NOT_AFTER_A_LETTER):]
    try:
        return re.compile(bare), leading_literals(bare)
    except ValueError:  # an alternative opening with no literal
        return None


def _anchors(patterns: list[str]) -> tuple[str, ...]:
    """The literal words every match of one of ``patterns`` starts with (scan.leading_literals:
    every alternative, an optional leading group and what follows it)."""
    return tuple(dict.fromkeys(w for p in patterns for w in leading_literals(p)))


def _periods(text: str, g: DeadlineGrammar) -> list[str]:
    """"tháng, quý và năm" → ["monthly", "quarterly", "yearly"]."""
    names = []
    for part in re.split(r"\s*,\s*|\s+và\s+", text.strip()):
        for pattern, name in g.period_of:
            if pattern.fullmatch(part.strip()):
                names.append(name)
                break
    return names


def _clauses(text: str, start: int, end: int, hard: str = ";\n") -> list[int]:
    """Clause (or, with ``hard="\\n"``, sentence) break offsets within ``[start, end)``."""
    return breaks_between(text, start, end, hard)


def _clause_of(breaks: list[int], position: int, start: int, end: int) -> tuple[int, int]:
    i = bisect_right(breaks, position)
    left = breaks[i - 1] + 1 if i > 0 else start
    j = bisect_left(breaks, position)
    right = breaks[j] if j < len(breaks) else end
    return left, right


_PARENTHESES = re.compile(r"\([^()]*\)")


def _any_in(sorted_positions: list[int], start: int, end: int) -> bool:
    """True when some position lies in ``[start, end)``."""
    i = bisect_left(sorted_positions, start)
    return i < len(sorted_positions) and sorted_positions[i] < end


def _words_between(text: str) -> int:
    """Words between a recurrence and its deliverable; "(trước ngày …)" asides do not count."""
    return len(_PARENTHESES.sub(" ", text).split())


class _ClauseMatches:
    """The matches of a pattern in each clause, found once a clause, with their starts."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.text, self.pattern = text, pattern
        self._found: dict[tuple[int, int], tuple[list[re.Match[str]], list[int]]] = {}

    def near(self, clause: tuple[int, int], start: int, end: int) -> list[re.Match[str]]:
        """The matches of ``clause`` that start in ``[start, end]``."""
        if clause not in self._found:
            matches = list(word_start_matches(self.pattern, self.text, *clause))
            self._found[clause] = (matches, [m.start() for m in matches])
        matches, starts = self._found[clause]
        return matches[bisect_left(starts, start):bisect_right(starts, end)]


# how far from a recurrence its deliverable is looked for: the window is counted in words
# (asides in brackets not counted); this bounds the text read for one recurrence
_DELIVERABLE_REACH = 400


def _near_deliverable(text: str, m_start: int, m_end: int, clause: tuple[int, int],
                      g: DeadlineGrammar, deliverables: _ClauseMatches) -> re.Match[str] | None:
    """The deliverable next to a recurrence (within the window, no quantity in between)."""
    best = None
    for d in deliverables.near(clause, m_start - _DELIVERABLE_REACH, m_end + _DELIVERABLE_REACH):
        if d.end() <= m_start:
            between = text[d.end():m_start]
        elif d.start() >= m_end:
            between = text[m_end:d.start()]
        else:
            between = ""
        if _words_between(between) > g.window or _QUANTITY.search(_PARENTHESES.sub(" ", between)):
            continue
        rank = (_priority(d.group(), g), abs(d.start() - m_start))
        if best is None or rank < best[0]:
            best = (rank, d)
    return best[1] if best else None


def _priority(word: str, g: DeadlineGrammar) -> int:
    """Deliverables listed earlier in the rule file name the subject better ("báo cáo")."""
    for index, pattern in enumerate(g.deliverable_list):
        if pattern.fullmatch(word):
            return index
    return len(g.deliverable_list)


def find_deadlines(text: str, start: int = 0, end: int | None = None) -> list[Deadline]:
    """All deadlines in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    g = deadline_grammar()
    original = text
    text = lowered(text)  # positions are the same; the patterns are lower case
    breaks = _clauses(text, start, end)
    dated = _dated_matches(text, start, end, g)
    phrases = _period_phrases(text, original, start, end, breaks, g, dated)
    # dated index → (recurrence, subject, start of the phrase when it opens the deadline)
    recurrence_of: dict[int, tuple[str, str | None, int | None]] = {}
    consumed: set[int] = set()  # period phrases that became a date's recurrence
    trailer_of: dict[int, int] = {}  # dated index → the phrase right after it ("… hằng năm")
    index = _DatedIndex(dated)
    for pi, p in enumerate(phrases):
        di = _dated_just_before(dated, p.start, text, index)
        if di is not None and not p.only_with_date and len(p.periods) == 1:
            trailer_of.setdefault(di, pi)
            consumed.add(pi)
    for pi, p in enumerate(phrases):
        if pi in consumed:
            continue
        group = _dated_group_after(dated, phrases, pi, text, breaks, start, end, g, index)
        if not group:
            continue
        aside = text[p.end:dated[group[0]].start()].strip()
        if not (p.deliverable or p.only_with_date) and aside not in ("(", ""):
            continue  # without a deliverable only "hằng năm (trước ngày …)" is a deadline
        if len(p.periods) == len(group):
            pairs = list(zip(group, p.periods, strict=True))
        elif len(p.periods) == 1:
            pairs = [(group[0], p.periods[0])]
        else:
            continue
        for di, recurrence in pairs:
            # "định kỳ 6 tháng (trước ngày 01/6)": phrase and date are one span
            joined = p.start if dated[di].start() - p.end <= 3 else None
            recurrence_of.setdefault(di, (recurrence, p.subject, joined))
        consumed.add(pi)
    # "Hằng quý, … gửi … trước ngày 20 của tháng cuối quý": the date already says "quarterly"
    phrase_starts = [p.start for p in phrases]  # phrases are in text order
    marked: dict[tuple[int, str], int] = {}  # (clause, recurrence) → phrases looked at so far
    for d in dated:
        implied = _implied_recurrence(d)
        if implied is None:
            continue
        clause = _clause_of(breaks, d.start(), start, end)
        first = max(bisect_left(phrase_starts, clause[0]), marked.get((clause[0], implied), 0))
        last = bisect_left(phrase_starts, d.start())
        for pi in range(first, last):  # each phrase of a clause looked at once
            if phrases[pi].periods == (implied,):
                consumed.add(pi)
        marked[(clause[0], implied)] = max(last, marked.get((clause[0], implied), 0))
    for di, pi in trailer_of.items():
        if di not in recurrence_of:
            recurrence_of[di] = (phrases[pi].periods[0], None, None)
        # "trước ngày 15/6 và 15/12 hằng năm": the dates of the list before recur alike
        # (not a date of its own year: "trước ngày 30/6/2026 và ngày 15/12 hằng năm")
        k = di
        while dated[k].coordinated and k > 0:
            k -= 1
            if dated[k].match.group("year") or dated[k].match.group("year2"):
                break
            recurrence_of.setdefault(k, (phrases[pi].periods[0], None, None))
    deadlines: list[Deadline] = []
    for pi, p in enumerate(phrases):
        if pi in consumed or p.only_with_date or not p.deliverable:
            continue
        deadlines.extend(Deadline("recurring", p.start, p.end, recurrence=r, subject=p.subject)
                         for r in p.periods)
    for di, d in enumerate(dated):
        recurrence, subject, joined = recurrence_of.get(di, (None, None, None))
        deadlines.append(_dated(text, d, d.date_start() if joined is None else joined, recurrence,
                                subject, g))
    for m in anchored_matches(g.relative, text, start, end, g.anchors["relative"]):
        amount_text = m.group("amount")
        amount = int(amount_text) if amount_text.isdigit() else \
            int(number_word_value(amount_text) or 0)
        unit = g.relative_units[" ".join(m.group("unit").split())]
        anchor = original[m.start("anchor"):m.end("anchor")].strip()
        deadlines.append(Deadline("relative", m.start(), m.end(), relative=(amount, unit, anchor)))
    figures = _FirstInClause(text, g.period_not_with)
    colons: list[int] | None = None
    for m in anchored_matches(g.period, text, start, end, g.anchors["period"]):
        clause = _clause_of(breaks, m.start(), start, end)
        if colons is None:  # the colons of the text, found once
            colons = [c.start() for c in _COLON.finditer(text, start, end)]
        i = bisect_left(colons, m.end())
        colon = colons[i] if i < len(colons) and colons[i] < clause[1] else -1
        if figures.before(clause, colon if colon != -1 else clause[1]):
            continue  # "tăng trưởng 8% trong năm 2025": the target's period (not a list after ":")
        begin = m.start()
        if text[max(0, begin - 5):begin] == "ngay ":
            begin -= 5  # "ngay trong năm 2026"
        deadlines.append(Deadline("period", begin, m.end(), year=int(m.group("year"))))
    anchored = _anchored_recurrences(text, start, end, g)
    if anchored:  # "thứ Sáu hằng tuần" rather than the "hằng tuần" read above
        dated_spans = SpanSet((d.start, d.end) for d in deadlines if d.kind != "recurring")
        anchored = [d for d in anchored  # "trước ngày 25 hằng tháng" is read as a date
                    if not dated_spans.overlaps(d.start, d.end)]
        spans = SpanSet((d.start, d.end) for d in anchored)
        anchored_starts = sorted(d.start for d in anchored)
        deadlines = [d for d in deadlines
                     if not (d.kind == "recurring" and spans.overlaps(d.start, d.end))
                     and not (_dateless(d) and _dated_after(d, anchored_starts, text))]
        deadlines.extend(anchored)
    deadlines = _monthly_days(text, start, end, g, deadlines)
    deadlines.extend(_time_periods(text, start, end, g, deadlines))
    deadlines.extend(_years_and_events(text, start, end, g, deadlines))
    deadlines.extend(_commemorations(text, original, start, end, g, deadlines))
    due = _report_due_dates(text, start, end, g, deadlines)
    if due:  # "Báo cáo năm: Ngày 15 tháng 02 …": the dated due day, not also "Báo cáo năm"
        due_starts = sorted(d.start for d in due)
        deadlines = [d for d in deadlines
                     if not (_dateless(d) and _labels_due(d, due_starts, text, g))]
        deadlines.extend(due)
    deadlines.sort(key=lambda d: (d.start, d.end))
    return deadlines


def _dated_after(deadline: Deadline, starts: list[int], text: str) -> bool:
    """True when a recurring day of its own (``starts``: theirs, sorted) follows ``deadline``
    in its clause: "lịch công tác tuần vào thứ Sáu hằng tuần" is one duty, due on Fridays, not
    also a bare weekly one (the nearest day after it is the one to look at)."""
    i = bisect_left(starts, deadline.end)
    return i < len(starts) and starts[i] - deadline.end <= _DATED_AFTER_REACH \
        and not _CLAUSE_BREAK.search(text, deadline.end, starts[i])


_DATED_AFTER_REACH = 60


def _labels_due(deadline: Deadline, due_starts: list[int], text: str,
                g: DeadlineGrammar) -> bool:
    """True when a colon (``report_due.kind_joiner``) is all that stands between ``deadline``
    and a due date after it."""
    i = bisect_left(due_starts, deadline.end)
    return i < len(due_starts) and \
        g.report_due_kind_joiner.fullmatch(text, deadline.end, due_starts[i]) is not None


def _dateless(deadline: Deadline) -> bool:
    """A recurrence with no day, month, quarter or weekday of its own ("Báo cáo năm")."""
    return deadline.kind == "recurring" and not deadline.last_day \
        and not deadline.first_working_day and all(
        v is None for v in (deadline.day, deadline.month, deadline.quarter, deadline.weekday))


_COLON = re.compile(":")


class _FirstInClause:
    """Whether a pattern occurs in a clause before a position: the clause is searched once
    however many matches it holds (exact for a pattern without lookarounds)."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.text, self.pattern = text, pattern
        self._first_end: dict[tuple[int, int], int | None] = {}

    def before(self, clause: tuple[int, int], position: int) -> bool:
        """True when a match lies in ``[clause[0], position)``."""
        if clause not in self._first_end:
            m = self.pattern.search(self.text, *clause)
            self._first_end[clause] = m.end() if m else None
        first = self._first_end[clause]
        return first is not None and first <= position


class _DatedIndex:
    """Positions of the dated matches for bisection (they are in text order, save for a
    coordinated date that may run past the next match)."""

    def __init__(self, dated: list[_Dated]) -> None:
        self.order = sorted(range(len(dated)), key=lambda i: dated[i].start())
        self.starts = [dated[i].start() for i in self.order]
        self.longest = max((d.end() - d.start() for d in dated), default=0)
        highest = -1
        self.highest_start: list[int] = []  # the highest start among dated[:i + 1]
        for d in dated:
            highest = max(highest, d.start())
            self.highest_start.append(highest)


def _years_and_events(text: str, start: int, end: int, g: DeadlineGrammar,
                      found: list[Deadline]) -> list[Deadline]:
    """Years as the time of a task ("(2025 - 2026)", "từ năm 2027": from the first year) and
    full dates standing alone (an event's day, marked so that the resolve stage keeps only
    those after the document's own date)."""
    spans = [(d.start, d.end) for d in found]
    taken = SpanSet(spans)
    result: list[Deadline] = []

    def free(m: re.Match[str]) -> bool:
        # the spans of this pass come in text order: only the last can overlap a new match
        return not taken.overlaps(m.start(), m.end()) and not (
            added and added[-1][1] > m.start())

    def end_of_pass() -> SpanSet:
        spans.extend(added)  # one rebuild per pass: inserting span by span is quadratic
        added.clear()
        return SpanSet(spans)

    added: list[tuple[int, int]] = []
    for pattern in g.year_periods:
        for m in anchored_matches(pattern, text, start, end, g.anchors["year_period"]):
            if free(m) and not (text[m.start()] == "(" and g.named_period_before.search(
                    text, max(start, m.start() - 40), m.start())):
                result.append(Deadline("period", m.start(), m.end(), year=int(m.group("year"))))
                added.append(m.span())
        taken = end_of_pass()
    marks: list[int] | None = None
    figures: dict[tuple[int, int], bool] = {}  # a figure in the clause, looked up once a clause
    for m in anchored_matches(g.by_year, text, start, end, ("đến",)):
        if marks is None:  # the clause marks of the text, found once
            marks = [c.start() for c in _CLAUSE_MARK.finditer(text, start, end)]
        i = bisect_left(marks, m.end())
        clause_end = marks[i] if i < len(marks) else end
        j = bisect_left(marks, m.start())
        clause = (max(start, marks[j - 1] + 1 if j > 0 else 0), clause_end)
        if not free(m):
            continue
        if clause not in figures:
            figures[clause] = g.by_year_not_with.search(text, *clause) is not None
        if figures[clause]:
            continue
        result.append(Deadline("before_date", m.start(), m.end(), year=int(m.group("year"))))
        added.append(m.span())
    taken = end_of_pass()
    for m in anchored_matches(g.completed_by_year, text, start, end,
                              g.anchors["completed_by_year"]):
        line_start = text.rfind("\n", max(start, m.start() - 80), m.start()) + 1
        if free(m) and g.completion_before.search(text, max(line_start, m.start() - 80),
                                                  m.start()):
            result.append(Deadline("before_date", m.start(), m.end(),
                                   year=int(m.group("year"))))
            added.append(m.span())
    taken = end_of_pass()
    for m in anchored_matches(g.event_date, text, start, end, ("ngày",)):
        if not free(m):
            continue
        line_start = text.rfind("\n", max(0, m.start() - 60), m.start()) + 1
        floor = _sentence_floor(text, max(line_start, m.start() - 60), m.start())
        if g.validity.search(text, floor, m.start()) or \
                g.event_not_after.search(text, max(start, m.start() - 40), m.start()):
            continue  # "có hiệu lực từ ngày …", "Nghị quyết số 163/2024/QH15 ngày …"
        if g.dated_span_before.search(text, max(line_start, m.start() - 80), m.start()) \
                and not g.span_due_before.search(text, max(start, m.start() - 200), m.start()):
            continue  # "từ ngày 01 tháng 10 năm 2025 đến hết ngày 31 …": the end of a period
        if g.span_start_before.search(text, max(start, m.start() - 8), m.start()) \
                and g.span_end_after.match(text, m.end()):
            continue  # … and its start
        day = m.group("day") or m.group("day2")
        month = m.group("month") or m.group("month2")
        year = m.group("year") or m.group("year2")
        result.append(Deadline("on_date", m.start(), m.end(), int(day), int(month), int(year),
                               event=True))
        added.append(m.span())
    return result


_CLAUSE_MARK = re.compile(r"[;.\n]")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# "ngày 17 tháng 10 năm 2025", and a date whose day is left blank ("Quyết định số /QĐ-UBND ngày
# tháng 11 năm 2025", "ngày …. tháng 11"): a date, not a period
_FULL_DATE_BEFORE = re.compile(r"ngày[\s.…_]*(?:\d{1,2}[\s.…_]*)?$")
# the days listed before a month ("các ngày 08 và 09 " before "tháng 11 năm 2025")
_DAY_LIST_BEFORE = re.compile(
    r"ngày\s+\d{1,2}(?:\s*(?:,|và|-|–)\s*\d{1,2})*\s*(?:,|và|-|–)\s*(?P<last>\d{1,2})\s+$")


def _monthly_days(text: str, start: int, end: int, g: DeadlineGrammar,
                  found: list[Deadline]) -> list[Deadline]:
    """``found`` with the days of the month named alone after a monthly duty in their sentence
    ("Định kỳ hằng tháng, các xã gửi báo cáo về Sở trước ngày 20": the 20th of each month), the
    bare "hằng tháng" of that sentence then read into the day rather than kept on its own."""
    if text.find("tháng", start, end) == -1:  # (no monthly duty: no scan at all)
        return found
    taken: SpanSet | None = None
    sentences: list[int] | None = None
    days: list[Deadline] = []
    read: list[tuple[int, int]] = []  # the sentences' spans before a day, where "hằng tháng" is
    for m in anchored_matches(g.day_of_month, text, start, end, g.anchors["day_of_month"]):
        day = int(m.group("day"))
        if taken is None:
            taken = SpanSet((d.start, d.end) for d in found)
            sentences = _clauses(text, start, end, hard="\n")
        if not 1 <= day <= 31 or taken.overlaps(m.start(), m.end()):
            continue
        sentence_start = _clause_of(sentences, m.start(), start, end)[0]
        if g.monthly.search(text, sentence_start, m.start()) is None:
            continue
        days.append(Deadline("recurring", m.start(), m.end(), recurrence="monthly", day=day))
        read.append((sentence_start, m.start()))
    if not days:
        return found
    before = SpanSet(read)
    kept = [d for d in found if not (d.kind == "recurring" and d.day is None
                                     and d.recurrence == "monthly"
                                     and before.overlaps(d.start, d.end))]
    return [*kept, *days]


def _anchored_recurrences(text: str, start: int, end: int,
                          g: DeadlineGrammar) -> list[Deadline]:
    """Recurring due days, months and quarters: "vào thứ Sáu hằng tuần", "Quý I hằng năm",
    "ngày 25 hằng tháng", "tháng 5 hằng năm"."""
    found: list[Deadline] = []
    for m in anchored_matches(g.anchored_recurrences, text, start, end, g.anchors["anchored"]):
        groups = m.groupdict()
        day_name = groups.get("weekday") or groups.get("weekday2")
        if day_name:
            found.append(Deadline("recurring", m.start(), m.end(), recurrence="weekly",
                                  weekday=g.weekdays[" ".join(day_name.split())]))
        elif groups.get("first_days_month"):  # "15 ngày đầu của tháng 01 hằng năm"
            found.append(Deadline("recurring", m.start(), m.end(), recurrence="yearly",
                                  day=int(groups["first_days"]),
                                  month=int(groups["first_days_month"])))
        elif groups.get("first_days"):  # "trong thời hạn 15 ngày đầu mỗi quý": by day 15
            found.append(Deadline("recurring", m.start(), m.end(), recurrence=(
                "quarterly" if groups["each"] == "quý" else "monthly"),
                day=int(groups["first_days"])))
        elif groups.get("quarter_day"):  # "ngày 17 các tháng 3, 6, 9 và 12"
            months = [int(x) for x in re.findall(r"\d+", groups["quarter_months"])]
            if all(b - a == 3 for a, b in pairwise(months)) and months[-1] <= 12:
                found.append(Deadline("recurring", m.start(), m.end(), recurrence="quarterly",
                                      day=int(groups["quarter_day"])))
        elif groups.get("day"):  # "ngày 25 hằng tháng"
            # ("ngày 05 và ngày 20 hằng tháng": the days listed before share the month)
            for listed in _listed_before(g.listed_day, "day", 31, text, 0, m.start(), 20):
                found.append(Deadline("recurring", listed.start(), listed.end(),
                                      recurrence="monthly", day=int(listed["day"])))
            found.append(Deadline("recurring", m.start(), m.end(), recurrence="monthly",
                                  day=int(groups["day"])))
        elif groups.get("first_of_quarter") or groups.get("first_of_month"):
            # "ngày làm việc đầu tiên của tháng (đầu quý)": the first working day of each
            found.append(Deadline("recurring", m.start(), m.end(), recurrence=(
                "quarterly" if groups.get("first_of_quarter") else "monthly"),
                first_working_day=True))
        elif groups.get("quarter") is None and groups.get("month") is None:
            # "ngày cuối cùng của tháng (đầu mỗi quý)": the last day of each month or quarter
            found.append(Deadline("recurring", m.start(), m.end(), recurrence=(
                "quarterly" if groups.get("of_quarter") else "monthly"), last_day=True))
        elif groups.get("month"):  # "chậm nhất tháng 5 hằng năm"
            if _FULL_DATE_BEFORE.search(text, max(start, m.start() - 12), m.start()):
                continue  # "ngày 31 tháng 12 hằng năm": a day's date, read as one (or not)
            # ("cuối tháng 6 và cuối tháng 12 hàng năm": the months listed before recur too)
            for listed in _listed_before(g.listed_month, "month", 12, text,
                                         max(start, m.start() - 60), m.start(), 60):
                found.append(Deadline("recurring", listed.start(), listed.end("month"),
                                      recurrence="yearly", month=int(listed["month"])))
            found.append(Deadline("recurring", m.start(), m.end(), recurrence="yearly",
                                  month=int(groups["month"])))
        else:
            found.append(Deadline("recurring", m.start(), m.end(), recurrence="yearly",
                                  quarter=_QUARTERS[groups["quarter"]]))
    return found


def _listed_before(pattern: re.Pattern[str], group: str, highest: int, text: str, floor: int,
                   position: int, reach: int) -> list[re.Match[str]]:
    """The items of a list right before a recurring one, read back from ``position`` (each
    looked for within ``reach`` characters, not before ``floor``) while its number ``group``
    is 1..``highest``: "ngày 05 và " before "ngày 20 hằng tháng", "tháng 6 và " before "tháng
    12 hằng năm"; in order."""
    items = []
    while (m := pattern.search(text, max(floor, position - reach), position)) is not None \
            and 1 <= int(m[group]) <= highest:
        items.append(m)
        position = m.start()
    return items[::-1]


def _report_due_dates(text: str, start: int, end: int, g: DeadlineGrammar,
                      found: list[Deadline]) -> list[Deadline]:
    """The due dates of a statistical reporting regime: after "Ngày nhận báo cáo" (a form's
    header or a column of its list), each "Ngày 22 tháng 3", "Ngày 15 tháng 7 năm kế tiếp"
    (yearly) or "Ngày 15 của tháng thứ 2 quý kế tiếp" (quarterly) opening a line or following a
    colon, while no more than ``report_due_reach`` characters lie since the label or the last
    such date, or farther when the date names the period after the one reported ("… năm kế
    tiếp")."""
    labels = [m.end() for m in _report_due_labels(text, start, end, g)]
    if not labels:
        return []
    taken = SpanSet((d.start, d.end) for d in found)
    due: list[Deadline] = []
    last = -1  # the end of the last due date read
    for m in g.report_due_date.finditer(text, labels[0], end):
        i = bisect_left(labels, m.start() + 1) - 1  # the last label before the date
        if m.start() - max(labels[i], last) > g.report_due_reach \
                and not g.report_due_next_period.match(text, m.end()):
            continue
        last = m.end()
        day_start = m.start("date")
        if taken.overlaps(day_start, m.end()):
            continue
        if m.group("month"):
            due.append(Deadline("recurring", day_start, m.end(), recurrence="yearly",
                                day=int(m.group("day")), month=int(m.group("month"))))
        elif m.group("next_month"):  # "ngày 02 tháng sau": a day of every month
            due.append(Deadline("recurring", day_start, m.end(), recurrence="monthly",
                                day=int(m.group("day"))))
        else:
            due.append(Deadline("recurring", day_start, m.end(), recurrence="quarterly",
                                day=int(m.group("day"))))
    return due


def _report_due_labels(text: str, start: int, end: int,
                       g: DeadlineGrammar) -> Iterator[re.Match[str]]:
    """The report-due labels of ``text[start:end]`` (not right after a letter), looked for
    where their first words are (a few: "ngày", "thời") rather than by a scan of the text."""
    if g.report_due_anchors is None:
        return g.report_due_label.finditer(text, start, end)
    bare, anchors = g.report_due_anchors
    return word_starts_at_anchors(bare, text, start, end, anchors, is_inside=is_letter)


def _commemorations(text: str, original: str, start: int, end: int, g: DeadlineGrammar,
                    found: list[Deadline]) -> list[Deadline]:
    """Days held each year, named with a capital and dated without a year: "Ngày Môi trường
    thế giới (05/6)", "Tuần lễ Biển và Hải đảo Việt Nam (01 - 08/6)" (its first day)."""
    taken = SpanSet((d.start, d.end) for d in found)
    days: list[Deadline] = []
    for m in anchored_matches(g.commemoration, text, start, end, g.anchors["commemoration"]):
        if not original[m.start("name")].isupper() or taken.overlaps(m.start(), m.end()):
            continue
        day, month = int(m.group("first") or m.group("day")), int(m.group("month"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            days.append(Deadline("recurring", m.start(), m.end(), day=day, month=month,
                                 recurrence="yearly"))
    return days


def _time_periods(text: str, start: int, end: int, g: DeadlineGrammar,
                  found: list[Deadline]) -> list[Deadline]:
    """Months and quarters as the time of a task ("Quý IV/2025", "tháng 12 hằng năm")."""
    spans = [(d.start, d.end) for d in found]
    taken = SpanSet(spans)
    result: list[Deadline] = []
    for pattern in g.time_periods:
        added: list[tuple[int, int]] = []  # this pattern's spans, in text order
        for m in anchored_matches(pattern, text, start, end, g.anchors["time_period"]):
            if _FULL_DATE_BEFORE.search(text, max(start, m.start() - 12), m.start()):
                continue  # "ngày 17 tháng 10 năm 2025": a full date, not a period
            if taken.overlaps(m.start(), m.end()) or (added and added[-1][1] > m.start()):
                continue
            groups = m.groupdict()
            days = _DAY_LIST_BEFORE.search(text, max(start, m.start() - 30), m.start())
            if days and groups.get("month") and groups.get("year") and not groups.get("month2"):
                # "Trong các ngày 08 và 09 tháng 11 năm 2025, … đã dự": dated days (the last
                # one), not the month; a deadline only if after the document's own date
                result.append(Deadline("on_date", days.start("last"), m.end(),
                                       int(days.group("last")), int(groups["month"]),
                                       int(groups["year"]), event=True))
                added.append((days.start("last"), m.end()))
                continue
            year = int(groups["year"]) if groups.get("year") else None
            month = int(groups["month"]) if groups.get("month") else None
            quarter = _QUARTERS.get(groups["quarter"]) if groups.get("quarter") else None
            if groups.get("yearly"):
                result.append(Deadline("recurring", m.start(), m.end(), month=month,
                                       recurrence="yearly", quarter=quarter))
            elif quarter is not None:
                result.append(Deadline("period", m.start(), m.end(), year=year, quarter=quarter))
            else:
                result.append(Deadline("period", m.start(), m.end(), month=month, year=year))
                if groups.get("month2"):  # "tháng 4 và tháng 8 năm 2026": both months
                    result.append(Deadline("period", m.start(), m.end(),
                                           month=int(groups["month2"]), year=year))
            added.append(m.span())
        spans.extend(added)  # one rebuild per pattern: inserting span by span is quadratic
        taken = SpanSet(spans)
    return result


@dataclass(frozen=True, slots=True)
class _PeriodPhrase:
    """A recurrence ("định kỳ 6 tháng", "hằng năm") or a report's period ("báo cáo quý")."""

    start: int
    end: int
    periods: tuple[str, ...]
    deliverable: bool  # a deliverable is close: the phrase is a deadline even without a date
    subject: str | None
    only_with_date: bool  # "kết quả thực hiện 6 tháng": a period only for a date that follows


def _period_phrases(text: str, original: str, start: int, end: int, breaks: list[int],
                    g: DeadlineGrammar, dated: list[_Dated]) -> list[_PeriodPhrase]:
    """The period phrases of ``text[start:end]``, in text order (``dated``: its
    :func:`_dated_matches`)."""
    found: list[_PeriodPhrase] = []
    deliverables = _ClauseMatches(text, g.deliverable)
    scans = [
        (anchored_matches(g.recurrence, text, start, end, g.anchors["recurrence"]), False),
        (anchored_matches(g.deliverable_period, text, start, end,
                          g.anchors["deliverable_period"]), False),
        (anchored_matches(g.dated_period, text, start, end, g.anchors["dated_period"]), True),
    ]
    for matches, only_with_date in scans:
        for m in matches:
            periods = tuple(_periods(m.group("list"), g))
            if not periods:
                continue
            subject = None
            deliverable = False
            if not only_with_date:
                clause = _clause_of(breaks, m.start(), start, end)
                near = _near_deliverable(text, m.start(), m.end(), clause, g, deliverables)
                if near is not None:
                    around = (max(clause[0], min(m.start(), near.start()) - 40),
                              min(clause[1], max(m.end(), near.end()) + 40))
                    deliverable = not any(word_start_matches(g.exclusion, text, *around))
                    subject = _subject(original, near, m) if deliverable else None
            found.append(_PeriodPhrase(m.start(), m.end(), periods, deliverable, subject,
                                       only_with_date))
    # "… 6 tháng (trước ngày 10/6) và năm (trước ngày 10/11)": the period after a dated aside
    for d in dated:
        if text[d.end():d.end() + 1] == ")":
            more = g.continued_period.match(text, d.end() + 1, end)
            if more is not None and (periods := tuple(_periods(more.group("list"), g))):
                found.append(_PeriodPhrase(more.start("list"), more.end("list"), periods, False,
                                           None, True))
    found.sort(key=lambda p: p.start)
    # a phrase inside another ("báo cáo năm" inside "… hằng năm"?) is kept once
    kept: list[_PeriodPhrase] = []
    for p in found:
        if kept and p.start < kept[-1].end:
            if p.end - p.start > kept[-1].end - kept[-1].start:
                kept[-1] = p
            continue
        kept.append(p)
    return kept


@dataclass(frozen=True, slots=True)
class _Dated:
    """A date a task is due by ("trước ngày 05/6") or on; ``coordinated``: "… và ngày 05/11"."""

    match: re.Match[str]
    before: bool
    coordinated: bool

    def start(self) -> int:
        return self.match.start()

    def date_start(self) -> int:
        """Where the date itself starts (a coordinated one's match opens with ", " or an
        aside in brackets)."""
        return self.match.start("at") if self.coordinated else self.match.start()

    def end(self) -> int:
        return self.match.end()


_SENTENCE_END = re.compile(r"[.;](?=\s)")


def _sentence_floor(text: str, floor: int, position: int) -> int:
    """``floor``, or past the last full stop or semicolon before ``position``: the words of the
    sentence before cannot say what a date of the next one is ("… có hiệu lực được phép tiếp
    tục hoạt động. Trước ngày 15 tháng 8 năm 2014, các cơ sở … phải …")."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, floor, position)]
    return ends[-1] if ends else floor


def _ends_validity_span(text: str, start: int, position: int, g: DeadlineGrammar) -> bool:
    """True when "đến" right before the date at ``position`` closes a span whose clause (back
    to a full stop or semicolon) says what has validity: "… có hiệu lực thi hành kể từ thời
    điểm … đến trước ngày 01 tháng 3 năm 2027"."""
    if not g.validity_span_end.search(text, max(start, position - 8), position):
        return False
    reach = max(start, position - g.validity_clause_reach)
    return g.validity.search(text, clause_start(text, reach, position, ".;"),
                             position) is not None


def _window_opens_due(text: str, start: int, d: re.Match[str], g: DeadlineGrammar) -> bool:
    """True for the last day of a window that opens its sentence, whose clause then sends or
    compiles a report ("Từ ngày 10 đến ngày 15 tháng 12, các đơn vị gửi báo cáo …")."""
    opens, due_after = g.span_opens_due
    return opens.search(text, max(start, d.start() - 80), d.start()) is not None \
        and due_after.match(text, d.end()) is not None


def _dated_matches(text: str, start: int, end: int, g: DeadlineGrammar) -> list[_Dated]:
    """Dates after "trước ngày" …, and the dates coordinated with them ("và ngày 05/11")."""
    out: list[_Dated] = []
    for d in anchored_matches(g.dated, text, start, end, g.anchors["dated"]):
        # the line's start matters only within the 80 characters looked at
        line_start = text.rfind("\n", max(start, d.start() - 80), d.start()) + 1
        before = d.group("before") is not None
        floor = _sentence_floor(text, max(line_start, d.start() - 60), d.start())
        if g.validity.search(text, floor, d.start()) and not (
                before and g.validity_ordered.search(text, floor, d.start())):
            continue  # "có hiệu lực đến hết ngày …": when a rule applies, not a task's deadline
        if before and _ends_validity_span(text, start, d.start(), g):
            continue  # "có hiệu lực thi hành kể từ thời điểm … đến trước ngày …"
        if not before and g.span_before.search(text, max(line_start, d.start() - 80),
                                                d.start()) \
                and not g.span_due_before.search(text, max(start, d.start() - 200), d.start()) \
                and not _window_opens_due(text, start, d, g):
            continue  # "từ ngày 16 đến ngày 22/11/2025", "tính đến ngày …": a period
        if not before and g.period_end_before.search(text, max(line_start, d.start() - 20),
                                                      d.start()):
            continue  # "năm tài chính … kết thúc vào ngày 31/12": when a period ends
        out.append(_Dated(d, before, False))
        position = d.end()
        while (more := g.coordinated_date.match(text, position, end)) is not None:
            out.append(_Dated(more, before, True))
            position = more.end()
    return out


def _dated_just_before(dated: list[_Dated], position: int, text: str,
                       index: _DatedIndex) -> int | None:
    """The dated match that ends right before (or contains) ``position`` (the first one in
    ``dated``); only the matches starting close enough are looked at."""
    found = None
    k = bisect_right(index.starts, position) - 1
    while k >= 0 and index.starts[k] >= position - index.longest - 3:
        i = index.order[k]
        d = dated[i]
        if d.start() <= position <= d.end() + 3 and text[d.end():position].strip(" )") == "" \
                and (found is None or i < found):
            found = i
        k -= 1
    return found


def _dated_group_after(dated: list[_Dated], phrases: list[_PeriodPhrase], pi: int,
                       text: str, breaks: list[int], start: int, end: int,
                       g: DeadlineGrammar, index: _DatedIndex) -> list[int]:
    """The dates a period phrase gives its period to: the first date after it in its clause
    (within the window, no other period phrase between) and the dates coordinated with it."""
    p = phrases[pi]
    clause = _clause_of(breaks, p.start, start, end)
    next_phrase = phrases[pi + 1].start if pi + 1 < len(phrases) else end
    # the first date (in list order) starting after the phrase
    first = bisect_left(index.highest_start, p.end)
    if first == len(dated):
        return []
    d = dated[first]
    if d.start() >= min(clause[1], next_phrase) or \
            _words_between(text[p.end:d.start()]) > g.window:
        return []
    group = [first]
    while (first + len(group) < len(dated)
           and dated[first + len(group)].coordinated
           and dated[first + len(group)].start() - dated[first + len(group) - 1].end() <= 12):
        group.append(first + len(group))
    return group


def _implied_recurrence(dated: _Dated) -> str | None:
    """A day of a recurring month carries its recurrence: "ngày 20 của tháng cuối quý",
    "ngày 10 của tháng sau"."""
    if dated.match.group("day3") is None:
        return None
    written = dated.match.group()
    if "quý" in written:
        return "quarterly"
    return "monthly"  # (a period named beside it wins: "Định kỳ hằng quý, trước ngày 10 của
    # tháng tiếp theo" is quarterly)


def _dated(text: str, dated: _Dated, start: int, recurrence: str | None,
           subject: str | None, g: DeadlineGrammar) -> Deadline:
    recurrence = recurrence or _implied_recurrence(dated)
    d = dated.match
    day = d.group("day") or d.group("day2") or d.group("day3")
    month = d.group("month") or d.group("month2")
    year = d.group("year") or d.group("year2")
    # "(trước ngày 01/6)" after its recurrence: the span closes the aside
    end = d.end() + (1 if start < d.start() and text[d.end():d.end() + 1] == ")" else 0)
    if month and not year and (of_year := g.relative_year.match(text, d.end())):
        # "… năm hiện hành", "ngày 10/02 năm sau": a day of a named month is due once a year
        # (even coordinated with a monthly one: "ngày 10 tháng sau …, ngày 10/02 năm sau")
        recurrence = "yearly" if recurrence in (None, "monthly", "quarterly") else recurrence
        end = of_year.end()
    return Deadline("before_date" if dated.before else "on_date", start, end, int(day),
                    int(month) if month else None, int(year) if year else None, recurrence,
                    subject=subject)


def _subject(text: str, deliverable: re.Match[str], recurrence: re.Match[str]) -> str:
    """"báo cáo" + "định kỳ 6 tháng" → "báo cáo định kỳ 6 tháng" (as written in ``text``)."""
    word = " ".join(text[deliverable.start():deliverable.end()].split())
    period = " ".join(text[recurrence.start():recurrence.end()].split())
    if deliverable.start() > recurrence.start():
        # "Định kỳ 6 tháng … tổng hợp" → "tổng hợp định kỳ …"
        period = period[0].lower() + period[1:]
    if deliverable.start() <= recurrence.start() < deliverable.end() + 2:
        return period  # "báo cáo năm": the match already holds the deliverable
    return f"{word} {period}"


def find_vague_reports(text: str, start: int, end: int,
                       deadlines: list[Deadline]) -> list[VagueReport]:
    """Report obligations whose only time is "định kỳ", "kịp thời", "theo quy định" …"""
    g = deadline_grammar()
    original = text
    text = lowered(text)
    breaks = _clauses(text, start, end)
    sentence_breaks = _clauses(text, start, end, hard="\n")
    timed = [d for d in deadlines if d.kind != "period"]
    dated_reports = [d.start for d in timed
                     if d.kind in ("before_date", "on_date")
                     or (d.subject and g.report.search(d.subject.lower()))]
    found: list[VagueReport] = []
    seen: set[tuple[int, int]] = set()
    timed_starts = sorted(d.start for d in timed)
    dated_reports.sort()
    excluded: dict[tuple[int, int], bool] = {}  # each clause searched once
    vague_words = _ClauseMatches(text, g.vague)
    for report in anchored_matches(g.report, text, start, end, g.anchors["report"]):
        clause = _clause_of(breaks, report.start(), start, end)
        if clause in seen or _any_in(timed_starts, *clause):
            continue
        if clause not in excluded:
            excluded[clause] = g.report_exclusion.search(text, clause[0], clause[1]) is not None
        if excluded[clause]:
            continue
        vague = vague_words.near(clause, report.start() - 60, report.start() + 60)
        if not vague:
            continue
        sentence = _clause_of(sentence_breaks, report.start(), start, end)
        if not any(v.group("strong") for v in vague) and _any_in(dated_reports, *sentence):
            continue  # "theo quy định" after dated reports in the same sentence
        seen.add(clause)
        first = min(report.start(), vague[0].start())
        last = max(report.end(), vague[-1].end())
        found.append(VagueReport(first, last, original[vague[0].start():vague[0].end()]))
    return found
