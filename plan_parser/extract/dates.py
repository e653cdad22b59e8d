"""Vietnamese dates: "ngày 11/12/2025", "ngày 11 tháng 12 năm 2025", "ngày  tháng 5 năm 2026"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date as written; parts left blank for the signing day are None."""

    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None

    @property
    def iso(self) -> str | None:
        """``YYYY-MM-DD`` when all parts are present and form a real date, else None."""
        if None in (self.day, self.month, self.year):
            return None
        try:
            return dt.date(self.year, self.month, self.day).isoformat()  # type: ignore[arg-type]
        except ValueError:
            return None


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_rules("dates")
    return re.compile(data["numeric"], re.I), re.compile(data["spelled"], re.I)


def _int_or_none(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def match_date(text: str, pos: int = 0) -> DateMatch | None:
    """A date starting exactly at ``pos`` (with the word "ngày"), or None."""
    for pattern in _patterns():
        m = pattern.match(text, pos)
        if m:
            return DateMatch(m.start(), m.end(), _int_or_none(m.group("day")),
                             _int_or_none(m.group("month")), _int_or_none(m.group("year")))
    return None


@cache
def _bare_numeric() -> re.Pattern[str]:
    """The numeric form without its "ngày" (a table cell "18/10/2025"), whole numbers only."""
    numeric = load_rules("dates")["numeric"].removeprefix(r"ngày\s*")
    return re.compile(rf"(?<![\d/.]){numeric}(?!\d)")


def find_bare_date(text: str, start: int, end: int) -> DateMatch | None:
    """The first real date written in numbers without "ngày" in ``text[start:end]``, or None."""
    m = _bare_numeric().search(text, start, end)
    if m is None:
        return None
    date = DateMatch(m.start(), m.end(), int(m["day"]), int(m["month"]), int(m["year"]))
    return date if date.iso is not None else None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """All dates in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    found: list[DateMatch] = []
    pos = text.find("ngày", start, end)
    while pos != -1:
        date = match_date(text, pos)
        if date and date.end <= end:
            found.append(date)
            pos = text.find("ngày", date.end, end)
        else:
            pos = text.find("ngày", pos + 4, end)
    return found
