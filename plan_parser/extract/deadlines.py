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
    return DeadlineGrammar(
        recurrence=re.compile(
            rf"(?<![^\W\d_])(?:{markers})\s+(?P<list>{period}(?:\s*,\s*{period})*"
            rf"(?:\s+và\s+{period})?){word_end}(?!\s*\d)", re.I),
        deliverable_period=re.compile(
            rf"(?<![^\W\d_])(?:{'|'.join(data['deliverable_period'])})\s+(?P<list>{period})"
            rf"{word_end}(?!\s*\d)", re.I),
        period_of=[(re.compile(p + "$", re.I), name) for p, name in period_items],
        deliverable=re.compile(rf"(?<![^\W\d_])(?:{alts}){word_end}", re.I),
        deliverable_list=tuple(re.compile(p, re.I) for p in data["deliverables"]),
        exclusion=re.compile(rf"(?<![^\W\d_])(?:{'|'.join(data['exclusions'])}){word_end}", re.I),
        window=int(data["window"]),
        dated=re.compile(
            rf"(?<![^\W\d_])(?:(?P<before>{before})|(?P<on>{on}))\s*(?:{data['date']})", re.I),
        relative=re.compile(data["relative"], re.I),
        number_words={k: int(v) for k, v in data["number_words"].items()},
        period=re.compile(data["period"], re.I),
        vague=re.compile(rf"(?<![^\W\d_])(?:(?P<strong>{'|'.join(data['vague_words']['strong'])})"
                         rf"|{'|'.join(data['vague_words']['weak'])}){word_end}", re.I),
        report=re.compile(rf"(?<![^\W\d_])(?:{'|'.join(data['report_words'])}){word_end}", re.I),
        report_exclusion=re.compile("|".join(data["report_exclusions"]), re.I),
    )


def _periods(text: str, g: DeadlineGrammar) -> list[str]:
    """"tháng, quý và năm" → ["monthly", "quarterly", "yearly"]."""
    names = []
    for part in re.split(r"\s*,\s*|\s+và\s+", text.strip()):
        for pattern, name in g.period_of:
            if pattern.fullmatch(part.strip()):
                names.append(name)
                break
    return names


def _clauses(text: str, start: int, end: int) -> list[int]:
    return [m.start() for m in _CLAUSE_BREAK.finditer(text, start, end)]


def _clause_of(breaks: list[int], position: int, start: int, end: int) -> tuple[int, int]:
    i = bisect_right(breaks, position)
    left = breaks[i - 1] + 1 if i > 0 else start
    j = bisect_left(breaks, position)
    right = breaks[j] if j < len(breaks) else end
    return left, right


_PARENTHESES = re.compile(r"\([^()]*\)")


def _words_between(text: str) -> int:
    """Words between a recurrence and its deliverable; "(trước ngày …)" asides do not count."""
    return len(_PARENTHESES.sub(" ", text).split())


def _near_deliverable(text: str, m_start: int, m_end: int, clause: tuple[int, int],
                      g: DeadlineGrammar) -> re.Match[str] | None:
    """The deliverable next to a recurrence (within the window, no quantity in between)."""
    best = None
    for d in g.deliverable.finditer(text, clause[0], clause[1]):
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
    breaks = _clauses(text, start, end)
    deadlines: list[Deadline] = []
    dated = list(g.dated.finditer(text, start, end))
    merged_dates: set[int] = set()
    recurrences = sorted([*g.recurrence.finditer(text, start, end),
                          *g.deliverable_period.finditer(text, start, end)],
                         key=lambda m: m.start())
    for m in recurrences:
        clause = _clause_of(breaks, m.start(), start, end)
        deliverable = _near_deliverable(text, m.start(), m.end(), clause, g)
        if deliverable is None:
            continue
        around = (max(clause[0], min(m.start(), deliverable.start()) - 40),
                  min(clause[1], max(m.end(), deliverable.end()) + 40))
        if g.exclusion.search(text, *around):
            continue
        date = next((d for d in dated if 0 <= d.start() - m.end() <= 3
                     and text[m.end():d.start()].strip() in ("(", "")), None)
        subject = _subject(text, deliverable, m)
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
    for m in g.relative.finditer(text, start, end):
        amount_text = m.group("amount").lower()
        amount = int(amount_text) if amount_text.isdigit() else g.number_words[amount_text]
        unit = {"ngày": "day", "ngày làm việc": "working_day", "tuần": "week", "tháng": "month",
                "năm": "year"}[" ".join(m.group("unit").lower().split())]
        deadlines.append(Deadline("relative", m.start(), m.end(),
                                  relative=(amount, unit, m.group("anchor").strip())))
    for m in g.period.finditer(text, start, end):
        deadlines.append(Deadline("period", m.start(), m.end(), year=int(m.group("year"))))
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
    """"báo cáo" + "định kỳ 6 tháng" → "báo cáo định kỳ 6 tháng"."""
    word = " ".join(deliverable.group().split())
    period = " ".join(recurrence.group().split())
    if deliverable.start() <= recurrence.start() < deliverable.end() + 2:
        return period  # "báo cáo năm": the match already holds the deliverable
    return f"{word} {period}"


def find_vague_reports(text: str, start: int, end: int,
                       deadlines: list[Deadline]) -> list[VagueReport]:
    """Report obligations whose only time is "định kỳ", "kịp thời", "theo quy định" …"""
    g = deadline_grammar()
    breaks = _clauses(text, start, end)
    sentence_breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text, start, end)]
    timed = [d for d in deadlines if d.kind != "period"]
    dated_reports = [d.start for d in timed
                     if d.kind in ("before_date", "on_date") or (d.subject and g.report.search(d.subject))]
    found: list[VagueReport] = []
    seen: set[tuple[int, int]] = set()
    for report in g.report.finditer(text, start, end):
        clause = _clause_of(breaks, report.start(), start, end)
        if clause in seen or any(clause[0] <= d.start < clause[1] for d in timed):
            continue
        if g.report_exclusion.search(text, clause[0], clause[1]):
            continue
        vague = [v for v in g.vague.finditer(text, clause[0], clause[1])
                 if abs(v.start() - report.start()) <= 60]
        if not vague:
            continue
        sentence = _clause_of(sentence_breaks, report.start(), start, end)
        if not any(v.group("strong") for v in vague) and any(
                sentence[0] <= s < sentence[1] for s in dated_reports):
            continue  # "theo quy định" after dated reports in the same sentence
        seen.add(clause)
        first = min(report.start(), vague[0].start())
        last = max(report.end(), vague[-1].end())
        found.append(VagueReport(first, last, vague[0].group()))
    return found
