"""Frequencies written as an interval: "định kỳ 06 tháng", "Định kỳ 03 tháng, 06 tháng",
"12 tháng một lần", "mỗi năm một lần", a labelled period "Kỳ công bố: 5 năm", a report's
period "báo cáo sơ kết 6 tháng" (``frequencies``
in rules/targets.yaml).

An interval ("06 tháng một lần") is a target of value 6 and unit "tháng/lần"; "mỗi năm một
lần" is 1 "lần/năm". Counts per period ("02 lần/năm") are read by the target grammar itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from plan_parser.extract.scan import anchored_matches, lowered
from plan_parser.extract.spelled_numbers import number_word_value, spelled_numbers
from plan_parser.rules_loader import load_rules
from plan_parser.spans import run_start


@dataclass(frozen=True, slots=True)
class Frequency:
    """One frequency: ``value`` ``unit`` ("6", "tháng/lần"), the words read and where."""

    value: float
    unit: str
    cue: str
    start: int
    end: int
    op: str = "="  # ">=" for a count floored ("ít nhất mỗi năm 01 lần")


@dataclass(frozen=True, slots=True)
class FrequencyGrammar:
    every: re.Pattern[str]  # "định kỳ 06 tháng", then ", 06 tháng" items
    labelled: re.Pattern[str]  # "Kỳ công bố: 5 năm", "Chu kỳ kiểm định: 24 tháng"
    next_item: re.Pattern[str]
    once_every: re.Pattern[str]  # "12 tháng một lần"
    once_each: re.Pattern[str]  # "mỗi năm một lần"
    floor_before: re.Pattern[str]  # "ít nhất " before "mỗi năm 01 lần": at least once a year
    item_before: re.Pattern[str]  # "03 tháng hoặc " listed before "06 tháng một lần"
    cycle: re.Pattern[str]  # "theo chu kỳ 05 năm"
    report: re.Pattern[str]  # "báo cáo sơ kết 6 tháng"
    not_after: re.Pattern[str]  # "định kỳ 6 tháng đầu năm" names a report, not an interval
    among_periods: re.Pattern[str]  # "hằng tháng, hằng quý, 06 tháng, cả năm": a period listed
    among_periods_before: re.Pattern[str]  # … the period word and comma before it
    among_periods_not: re.Pattern[str]  # … not a list of cumulative data periods ("9 tháng")


@cache
def frequency_grammar() -> FrequencyGrammar:
    """Compile the frequency patterns once per process."""
    rules = load_rules("targets")
    data = rules["frequencies"]
    words = data["number_words"]  # (each valued by the numeral grammar when read)
    # ("mười lăm ngày một lần": a number spelled out in several words, read whole)
    number = (r"(?P<number>\d{1,3}|" + spelled_numbers().pattern + "|"
              + "|".join(map(re.escape, words)) + ")")
    unit = r"(?P<unit>" + "|".join(map(re.escape, data["units"])) + r")(?![^\W\d_])"
    spelled = r"(?:\s*\([^()\n]{1,20}\))?"  # "01 (một) năm"
    return FrequencyGrammar(
        every=re.compile(data["every"] + r"\s*" + number + spelled + r"\s*" + unit, re.I),
        labelled=re.compile(data["label"] + r"\s*" + number + spelled + r"\s*" + unit, re.I),
        # "định kỳ 06 tháng (trước ngày 20/6) và 01 năm (trước ngày 15/11)": a bracket between
        next_item=re.compile(r"\s*(?:\([^()\n]{0,60}\)\s*)?(?:,|và|hoặc)\s*" + number + spelled
                             + r"\s*" + unit, re.I),
        # "năm năm (05 năm) một lần": the figure in brackets after the number written out
        once_every=re.compile(r"(?<![\d/])" + number + spelled + r"\s*" + unit + r"\)?(?:\s+"
                              + data["once"] + r"|\s*" + data["per_slash"] + ")", re.I),
        cycle=re.compile(data["cycle"] + number + spelled + r"\s*" + unit, re.I),
        report=re.compile(data["report"] + number + spelled + r"[ \t]*(?P<unit>"
                          + "|".join(map(re.escape, data["report_units"])) + r")(?![^\W\d_])",
                          re.I),
        once_each=re.compile(r"(?<![^\W\d_])mỗi\s+" + unit + r"\s+" + data["once"], re.I),
        # "03 tháng hoặc " before "06 tháng một lần": the intervals listed before share it
        item_before=re.compile(r"(?<![\d/])" + number + spelled + r"\s*" + unit
                               + r"\s*(?:,|và|hoặc)\s*$", re.I),
        not_after=re.compile(data["not_after"], re.I),
        floor_before=re.compile(data["floor_before"], re.I),
        among_periods=re.compile(r"(?<![\d/.,])(?P<number>\d{1,2})\s*(?P<unit>tháng)(?="
                                 + data["among_periods"]["after"] + ")", re.I),
        among_periods_before=re.compile(data["among_periods"]["before"], re.I),
        among_periods_not=re.compile(data["among_periods"]["not_in_list"], re.I),
    )


def find_frequencies(text: str, start: int, end: int) -> list[Frequency]:
    """Every frequency in ``text[start:end]``, in order (the patterns are tried only where
    "định kỳ" or "lần" stands: a whole-text regex scan would cost more than all of them)."""
    low = lowered(text)
    g = frequency_grammar()
    found: list[Frequency] = []
    for m in anchored_matches(g.every, low, start, end, ("định kỳ",)):
        if g.not_after.match(low, m.end()):
            continue
        found.append(_interval(m, "định kỳ", g))
        position = m.end()
        while (item := g.next_item.match(low, position, end)) is not None:
            if g.not_after.match(low, item.end()):
                break
            found.append(_interval(item, "định kỳ", g))
            position = item.end()
    for m in anchored_matches(g.labelled, low, start, end, ("kỳ", "chu kỳ")):
        if not g.not_after.match(low, m.end()):
            found.append(_interval(m, "định kỳ", g))
    # (tried where a label is: "kỳ" adds places where "chu kỳ" cannot start, one scan less)
    for m in anchored_matches(g.cycle, low, start, end, ("kỳ", "chu kỳ")):
        if not g.not_after.match(low, m.end()) and \
                not _already_read(found, m.start("number")):
            found.append(_interval(m, "định kỳ", g))
    for m in anchored_matches(g.report, low, start, end, ("báo cáo",)):
        interval = _interval(m, "báo cáo", g)
        if 12 % interval.value == 0 and not g.not_after.match(low, m.end()) and \
                not _already_read(found, m.start("number")):
            found.append(interval)
    found += _among_periods(low, start, end, found, g)
    read = [(f.start, f.end) for f in found]
    position = low.find("lần", start, end)
    while position != -1:
        window = max(start, position - _REACH)
        for pattern, cue in ((g.once_every, "một lần"), (g.once_each, "mỗi")):
            for m in pattern.finditer(low, window, min(end, position + 3)):
                if m.end() != position + 3 or any(s < m.end() and m.start() < e
                                                  for s, e in read):
                    continue  # another "lần", or "định kỳ: 06 tháng một lần" read above
                floored = cue == "mỗi" and g.floor_before.search(low, window, m.start())
                found.append(_interval(m, cue, g) if cue == "một lần" else
                             Frequency(1, "lần/" + m.group("unit"), cue, m.start(), m.end(),
                                       ">=" if floored else "="))
                read.append((m.start(), m.end()))
                if cue == "một lần":
                    found += _listed_before(low, max(start, m.start() - _REACH), m.start(), g)
        position = low.find("lần", position + 3, end)
    found.sort(key=lambda f: f.start)
    return found


_REACH = 40  # longer than "12 (mười hai) tháng một lần"


def _already_read(found: list[Frequency], position: int) -> bool:
    """True when a frequency found by an earlier pass covers ``position``."""
    return any(f.start <= position < f.end for f in found)


def _among_periods(low: str, start: int, end: int, found: list[Frequency],
                   g: FrequencyGrammar) -> list[Frequency]:
    """A period that divides the year listed among named periods, "định kỳ hằng tháng, hằng
    quý, 06 tháng, cả năm", "Kỳ báo cáo: Tháng, 6 tháng, năm": the interval of a recurring duty
    (not in a list of cumulative data periods, "Quý, 6 tháng, 9 tháng, năm", nor a data period
    "trong kỳ báo cáo (tháng, 6 tháng, năm)")."""
    listed: list[Frequency] = []
    # (tried at each "tháng" str.find finds: a scan of the whole text for a pattern that opens
    # with a digit cost more than all the other frequencies together)
    at = low.find("tháng", start, end)
    while at != -1:
        m = g.among_periods.match(low, _figure_start(low, max(start, at - _FIGURE_REACH), at),
                                  min(end, at + _REACH))
        at = low.find("tháng", at + 5, end)
        if m is None:
            continue
        value = int(m.group("number"))
        if not 1 < value < 12 or 12 % value or _already_read(found, m.start("number")):
            continue
        if not g.among_periods_before.search(low, max(start, m.start() - _REACH), m.start()):
            continue
        # (the list read on each side up to its sentence's or clause's end)
        before = low[max(start, m.start() - _LIST_REACH):m.start()]
        after = low[m.end():min(end, m.end() + _LIST_REACH)]
        around = _LIST_END.split(before)[-1] + m.group() + _LIST_END.split(after, maxsplit=1)[0]
        if g.among_periods_not.search(around):
            continue
        listed.append(_interval(m, "định kỳ", g))
    return listed


_FIGURE_REACH = 8  # characters before a "tháng" where its figure may start ("06 \ntháng")


def _figure_start(low: str, floor: int, at: int) -> int:
    """Where the figure right before ``at`` starts (its digits, then spaces), or ``at``."""
    digits_end = run_start(low, floor, at, str.isspace)
    digits_start = run_start(low, floor, digits_end, str.isdigit)
    return digits_start if digits_start < digits_end else at


_LIST_REACH = 60  # characters read on each side of a listed period for its list's other items
_LIST_END = re.compile(r"[.;]\s|\n\s*\n")


def _listed_before(low: str, floor: int, position: int, g: FrequencyGrammar) -> list[Frequency]:
    """The intervals listed right before one read at ``position``, nearest last: "03 tháng
    hoặc " before "06 tháng một lần" (each once in its own span of time)."""
    listed: list[Frequency] = []
    while (item := g.item_before.search(low, floor, position)) is not None:
        listed.append(replace(_interval(item, "một lần", g), end=item.end("unit")))
        position, floor = item.start(), max(0, item.start() - _REACH)
    return listed[::-1]


def _interval(m: re.Match[str], cue: str, g: FrequencyGrammar) -> Frequency:
    number = m.group("number").lower()
    value = int(number) if number.isdecimal() else int(number_word_value(number) or 0)
    return Frequency(value, m.group("unit") + "/lần", cue, m.start("number"), m.end())
