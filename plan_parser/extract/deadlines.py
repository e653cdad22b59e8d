"""Deadlines: dated ("trước ngày 01/6"), recurring ("định kỳ 6 tháng"), relative ("trong thời hạn
01 tháng kể từ …") and period ("trong năm 2026") — and report obligations with a vague time.

Grammar in ``rules/deadlines.yaml``. A recurrence is a deadline only next to a deliverable
(báo cáo, tổng hợp, giao ban …): "tinh giản 10% số lượng hội nghị hằng năm" is a target's period.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from plan_parser.extract.scan import (
    anchored_matches,
    breaks_between,
    leading_literal,
    lowered,
    word_start_matches,
)
from plan_parser.rules_loader import load_rules

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
    subject: str | None = None


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
    period_of: list[tuple[re.Pattern[str], str]]
    deliverable: re.Pattern[str]
    deliverable_list: tuple[re.Pattern[str], ...]
    exclusion: re.Pattern[str]
    window: int
    dated: re.Pattern[str]
    relative: re.Pattern[str]
    number_words: dict[str, int]
    period: re.Pattern[str]
    vague: re.Pattern[str]
    report: re.Pattern[str]
    report_exclusion: re.Pattern[str]
    anchors: dict[str, tuple[str, ...]]  # literal first words of the scanned patterns


@cache
def deadline_grammar() -> DeadlineGrammar:
    """Compile the deadline grammar once per process."""
    data = load_rules("deadlines")
    period_items = [(p, name) for name, patterns in data["periods"].items() for p in patterns]
    period = "(?:" + "|".join(p for p, _ in period_items) + ")"
    markers = "|".join(data["markers"])
    alts = "|".join(data["deliverables"])
    before = "|".join(data["before_words"])
    on = "|".join(data["on_words"])
    word_end = r"(?![^\W\d_])"
    # all patterns run on the lower-cased text (scan.lowered) and carry no leading lookbehind:
    # both keep whole-text scans fast; word starts are checked by scan.word_start_matches
    return DeadlineGrammar(
        recurrence=re.compile(
            rf"(?:{markers})\s+(?P<list>{period}(?:\s*,\s*{period})*"
            rf"(?:\s+và\s+{period})?){word_end}(?!\s*\d)"),
        deliverable_period=re.compile(
            rf"(?:{'|'.join(data['deliverable_period'])})\s+(?P<list>{period})"
            rf"{word_end}(?!\s*\d)"),
        period_of=[(re.compile(p + "$"), name) for p, name in period_items],
        deliverable=re.compile(rf"(?:{alts}){word_end}"),
        deliverable_list=tuple(re.compile(p) for p in data["deliverables"]),
        exclusion=re.compile(rf"(?:{'|'.join(data['exclusions'])}){word_end}"),
        window=int(data["window"]),
        dated=re.compile(rf"(?:(?P<before>{before})|(?P<on>{on}))\s*(?:{data['date']})"),
        relative=re.compile(data["relative"]),
        number_words={k: int(v) for k, v in data["number_words"].items()},
        period=re.compile(data["period"]),
        vague=re.compile(rf"(?:(?P<strong>{'|'.join(data['vague_words']['strong'])})"
                         rf"|{'|'.join(data['vague_words']['weak'])}){word_end}"),
        report=re.compile(rf"(?:{'|'.join(data['report_words'])}){word_end}"),
        report_exclusion=re.compile("|".join(data["report_exclusions"])),
        anchors={
            "recurrence": _anchors(data["markers"]),
            "deliverable_period": _anchors(data["deliverable_period"]),
            "dated": _anchors(data["before_words"] + data["on_words"]),
            "relative": _anchors([data["relative"]]),
            "period": _anchors([data["period"]]),
            "report": _anchors(data["report_words"]),
        },
    )


def _anchors(patterns: list[str]) -> tuple[str, ...]:
    """First literal words of patterns (a leading optional group is skipped)."""
    words = set()
    for pattern in patterns:
        body = re.sub(r"^\(\?:[^()]*\)\?", "", pattern)  # "(?:ngay\s+)?trong…" → "trong…"
        words.add(leading_literal(body))
    return tuple(w for w in words if w)


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


def _near_deliverable(text: str, m_start: int, m_end: int, clause: tuple[int, int],
                      g: DeadlineGrammar) -> re.Match[str] | None:
    """The deliverable next to a recurrence (within the window, no quantity in between)."""
    best = None
    for d in word_start_matches(g.deliverable, text, clause[0], clause[1]):
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
    deadlines: list[Deadline] = []
    dated = list(anchored_matches(g.dated, text, start, end, g.anchors["dated"]))
    merged_dates: set[int] = set()
    recurrences = sorted(
        [*anchored_matches(g.recurrence, text, start, end, g.anchors["recurrence"]),
         *anchored_matches(g.deliverable_period, text, start, end,
                           g.anchors["deliverable_period"])],
        key=lambda m: m.start())
    for m in recurrences:
        clause = _clause_of(breaks, m.start(), start, end)
        deliverable = _near_deliverable(text, m.start(), m.end(), clause, g)
        if deliverable is None:
            continue
        around = (max(clause[0], min(m.start(), deliverable.start()) - 40),
                  min(clause[1], max(m.end(), deliverable.end()) + 40))
        if any(word_start_matches(g.exclusion, text, *around)):
            continue
        date = next((d for d in dated if 0 <= d.start() - m.end() <= 3
                     and text[m.end():d.start()].strip() in ("(", "")), None)
        subject = _subject(original, deliverable, m)
        for recurrence in _periods(m.group("list"), g):
            if date is not None:
                merged_dates.add(date.start())
                deadlines.append(_dated(text, date, m.start(), recurrence, subject))
            else:
                deadlines.append(Deadline("recurring", m.start(), m.end(), recurrence=recurrence,
                                          subject=subject))
    for d in dated:
        if d.start() not in merged_dates:
            deadlines.append(_dated(text, d, d.start(), None, None))
    for m in anchored_matches(g.relative, text, start, end, g.anchors["relative"]):
        amount_text = m.group("amount")
        amount = int(amount_text) if amount_text.isdigit() else g.number_words[amount_text]
        unit = {"ngày": "day", "ngày làm việc": "working_day", "tuần": "week", "tháng": "month",
                "năm": "year"}[" ".join(m.group("unit").split())]
        anchor = original[m.start("anchor"):m.end("anchor")].strip()
        deadlines.append(Deadline("relative", m.start(), m.end(), relative=(amount, unit, anchor)))
    for m in anchored_matches(g.period, text, start, end, g.anchors["period"]):
        begin = m.start()
        if text[max(0, begin - 5):begin] == "ngay ":
            begin -= 5  # "ngay trong năm 2026"
        deadlines.append(Deadline("period", begin, m.end(), year=int(m.group("year"))))
    deadlines.sort(key=lambda d: (d.start, d.end))
    return deadlines


def _dated(text: str, d: re.Match[str], start: int, recurrence: str | None,
           subject: str | None) -> Deadline:
    day = d.group("day") or d.group("day2")
    month = d.group("month") or d.group("month2")
    year = d.group("year") or d.group("year2")
    end = d.end() + (1 if text[d.end():d.end() + 1] == ")" else 0)
    return Deadline("before_date" if d.group("before") else "on_date", start, end, int(day),
                    int(month), int(year) if year else None, recurrence, subject=subject)


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
    for report in anchored_matches(g.report, text, start, end, g.anchors["report"]):
        clause = _clause_of(breaks, report.start(), start, end)
        if clause in seen or _any_in(timed_starts, *clause):
            continue
        if g.report_exclusion.search(text, clause[0], clause[1]):
            continue
        vague = [v for v in word_start_matches(g.vague, text, clause[0], clause[1])
                 if abs(v.start() - report.start()) <= 60]
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
