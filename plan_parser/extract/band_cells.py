"""Bands in the cells of a classification or scoring table: "≥ 200", "120 - < 200", "> 22 -
27", "1,01 < ≤ 2,22", ">500 đến 1.000", "≥ 15 đến dưới 20" (``band_cells`` in rules/targets.yaml).

A band that selects a class, a grade or a score is a target (a limit with a comparator), but
its unit stands in the table's header, not after the figure, so the target grammar does not
read it. A cell written with a symbol is read only between other cells: after the start of a
line, a border, a list's bullet or a number (the cell before), and before the end of a line, a
border, a number, another band or the colon before the class it selects ("- 1,01 < ≤ 2,22: …
loại II"). A plain range ("20 - 22") or a cell opened by a word ("Dưới 25", "Tới 20") is a
band only in a chain of cells that meet ("Dưới 25 25 - 50 51 - 75 … > 95"): the points awarded
after a band ("120 - < 200 5 - 14") meet none.

A band gives one target per bound; its unit is the row's when the table writes it beside the
row's label ("Lao động" / "(người)"), else "" (a header's unit is not read). The bands of a row
in money ("Vốn" / "(tỷ đồng)") are no target: money never is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class BandBound:
    """One bound of a band cell."""

    op: str
    value: float
    start: int  # the band's start
    end: int  # the band's end
    row: str | None = None  # the row's label, when the table writes it near ("Lao động")
    unit: str = ""  # the row's unit, when the table writes it near ("người", "%")


@dataclass(frozen=True, slots=True)
class _BandGrammar:
    pattern: re.Pattern[str]
    op_of: dict[str, str]  # symbols and opening words → comparator
    symbols: tuple[str, ...]
    before: frozenset[str]
    after: frozenset[str]
    unit_label: re.Pattern[str]  # a line ending with its row's unit: "Vốn (tỷ đồng)"
    money: re.Pattern[str]


# a figure: thousands grouped with dots ("1.200") or a decimal comma ("12,5")
FIGURE = r"\d{1,3}(?:\.\d{3})+(?![.,]?\d)|\d+(?:,\d+)?"


@cache
def _grammar() -> _BandGrammar:
    data = load_rules("targets")["band_cells"]
    op_of = dict(data["symbols"])
    symbols = "".join(re.escape(s) for s in op_of)
    upper = "".join(re.escape(s) for s, op in op_of.items() if op in ("<", "<="))
    dash = "".join(re.escape(d) for d in data["dashes"])
    words = "|".join(re.escape(w) for w in data["words"])
    to = "|".join(re.escape(w) for w in data["joining_words"])
    below = re.escape(data["below_word"])
    pattern = re.compile(
        # "1,01 < ≤ 2,22": above the first, up to the second
        rf"(?P<between>{FIGURE})\s*<\s*(?P<between_op>[{upper}])\s*(?P<between_high>{FIGURE})"
        # "120 - < 200": from the first, under the second
        rf"|(?P<from>{FIGURE})\s*[{dash}]\s*(?P<from_op>[{upper}])\s*(?P<from_high>{FIGURE})"
        # "> 22 - 27", "≥ 200", "< - 10", ">500 đến 1.000", "≥ 15 đến dưới 20"
        rf"|(?P<op>[{symbols}])\s*(?P<minus>-\s?)?(?P<low>{FIGURE})"
        rf"(?:\s*(?:[{dash}]|(?<![^\W\d_])(?:{to})\s+(?P<below>{below}\s+)?)\s*"
        rf"(?P<other>{FIGURE}))?(?![\d.,])"
        # "20 - 22", "Dưới 25": bands only in a chain (``_chained``)
        rf"|(?P<plain>{FIGURE})\s*[{dash}]\s*(?P<plain_high>{FIGURE})(?![\d.,])"
        rf"|(?<![^\W\d_])(?P<word>{words})\s+(?P<word_number>{FIGURE})(?![\d.,])", re.I)
    return _BandGrammar(pattern, {**op_of, **{w.lower(): op for w, op in data["words"].items()}},
                        tuple(op_of), frozenset(data["before"]), frozenset(data["after"]),
                        re.compile(data["unit_label"]), re.compile(data["money"], re.I))


def _value(number: str) -> float:
    if "." in number and "," not in number:
        number = number.replace(".", "")
    return float(number.replace(",", "."))


def _chain_only(m: re.Match[str]) -> bool:
    return m["plain"] is not None or m["word"] is not None


_REACH = 16  # spaces between cells (a longer gap reads as no neighbour: linear time)


def _between_cells(text: str, m: re.Match[str], line_start: int, line_end: int,
                   g: _BandGrammar) -> bool:
    window_start, window_end = max(line_start, m.start() - _REACH), min(line_end, m.end() + _REACH)
    before = text[window_start:m.start()].rstrip(" \t")
    after = text[m.end():window_end].lstrip(" \t")
    if _chain_only(m):
        opened = True  # "Vi khí hậu nóng 20 - 22 > 22 - 27": the row's label, then its cells
    elif before:
        opened = before[-1] in g.before or before[-1].isdigit()
    else:
        opened = window_start == line_start
    if after:
        return opened and (after[0] in g.after or after[0].isdigit())
    return opened and window_end == line_end


def _regions(text: str, start: int, end: int, symbols: tuple[str, ...]) -> list[tuple[int, int]]:
    """The lines of ``text[start:end]`` holding one of ``symbols``, each with the line before
    and after it (a chain of cells may wrap), merged where they touch."""
    lines: set[int] = set()
    for symbol in symbols:
        position = text.find(symbol, start, end)
        while position != -1:
            lines.add(max(start, text.rfind("\n", start, position) + 1))
            line_end = text.find("\n", position, end)
            if line_end == -1:
                break
            position = text.find(symbol, line_end, end)
    regions: list[tuple[int, int]] = []
    for line_start in sorted(lines):
        first = max(start, text.rfind("\n", start, line_start - 1) + 1) \
            if line_start > start else start
        own_end = text.find("\n", line_start, end)
        last = end if own_end == -1 else _line_end(text, own_end + 1, end)
        if regions and first <= regions[-1][1] + 1:
            regions[-1] = (regions[-1][0], max(regions[-1][1], last))
        else:
            regions.append((first, last))
    return regions


def find_band_cells(text: str, start: int, end: int) -> list[BandBound]:
    """The bounds of every band cell in ``text[start:end]``, in order (tried only around the
    lines where a comparison symbol stands), except the bands of a row in money."""
    g = _grammar()
    rows: dict[int, list[BandBound]] = {}
    for region_start, region_end in _regions(text, start, end, g.symbols):
        cells: list[tuple[int, re.Match[str]]] = []
        for m in g.pattern.finditer(text, region_start, region_end):
            line_start = max(region_start, text.rfind("\n", region_start, m.start()) + 1)
            line_end = text.find("\n", m.end(), region_end)
            line_end = region_end if line_end == -1 else line_end
            if _between_cells(text, m, line_start, line_end, g):
                cells.append((line_start, m))
        for line_start, m in _chained(text, cells):
            rows.setdefault(line_start, []).extend(_bounds(m, g))
    found: list[BandBound] = []
    for line_start, bounds in rows.items():
        unit, label = _row_unit(text, line_start, start, end, rows, g)
        if unit is None or not g.money.search(unit):
            found.extend(replace(b, row=label, unit=unit or "") for b in bounds)
    found.sort(key=lambda b: b.start)
    return found


def _row_unit(text: str, line_start: int, start: int, end: int, rows: dict[int, list],
              g: _BandGrammar) -> tuple[str | None, str | None]:
    """The unit and label of the row a line of bands belongs to: a linearised table writes a
    row's label and its unit ("Vốn" / "(tỷ đồng)") after its first bands and before its last,
    so the unit is the first one within two lines after, or else within two lines before (a
    line of other bands ends the search). The label is the unit's line before the unit, or
    the line before that."""
    position = line_start
    for _ in range(2):  # forward
        position = text.find("\n", position, end)
        if position == -1:
            break
        position += 1
        if position in rows:
            break
        line = text[position:_line_end(text, position, end)]
        if (m := g.unit_label.search(line)) is not None:
            return m.group("unit"), _label(text, position, line[:m.start()], start)
    position = line_start
    for _ in range(2):  # backward
        if position <= start:
            break
        previous = max(start, text.rfind("\n", start, position - 1) + 1)
        if previous in rows:
            break
        line = text[previous:position - 1]
        if (m := g.unit_label.search(line)) is not None:
            return m.group("unit"), _label(text, previous, line[:m.start()], start)
        position = previous
    return None, None


def _label(text: str, line_start: int, before_unit: str, start: int) -> str | None:
    label = before_unit.strip()
    if not label and line_start > start:  # "Vốn" / "(tỷ đồng)": the line before
        label = text[max(start, text.rfind("\n", start, line_start - 1) + 1):line_start - 1]
        label = label.strip()
    return label or None


def _line_end(text: str, position: int, end: int) -> int:
    found = text.find("\n", position, end)
    return end if found == -1 else found


def _numbers(m: re.Match[str]) -> list[str]:
    return [m[k] for k in ("between", "between_high", "from", "from_high", "low", "other",
                           "plain", "plain_high", "word_number") if m[k]]


def _step(number: str) -> float:
    """The smallest step of a number as written ("0,7": 0.1, "81": 1): "74 - 80 81 - 85" and
    "0,2 - 0,6 0,7 - 1,8" meet."""
    decimals = len(number.partition(",")[2]) if "," in number else 0
    return 10.0 ** -decimals + 1e-9


def _meet(earlier: re.Match[str], later: re.Match[str]) -> bool:
    """True when ``later`` starts where ``earlier`` ends, to one step: "< 1 1 - 5", "≤ 10 11 -
    20", "40 - 30 29 - 20" (a band downwards). A band open at its top ("3 - < 5") is followed
    by the points it is awarded ("5 - 14"), not by a plain range."""
    if earlier["from"] is not None and later["plain"] is not None:
        return False  # "3 - < 5 5 - 14": the points awarded after a band, not the next band
    first = _numbers(later)[0]
    return abs(_value(first) - _value(_numbers(earlier)[-1])) <= _step(first)


def _chained(text: str, cells: list[tuple[int, re.Match[str]]]) -> list[tuple[int, re.Match[str]]]:
    """The cells that are bands: every one written with a symbol, and a plain range or a cell
    opened by a word next to a band it meets (the text between them blank)."""
    band = [not _chain_only(m) for _, m in cells]
    changed = True
    while changed:
        changed = False
        for i, (_, m) in enumerate(cells):
            if band[i]:
                continue
            for j in (i - 1, i + 1):
                if not (0 <= j < len(cells) and band[j]):
                    continue
                earlier, later = (cells[j][1], m) if j < i else (m, cells[j][1])
                if not text[earlier.end():later.start()].strip() and _meet(earlier, later):
                    band[i] = changed = True
                    break
    return [cell for i, cell in enumerate(cells) if band[i]]


def _bounds(m: re.Match[str], g: _BandGrammar) -> list[BandBound]:
    span = m.start(), m.end()
    if m["plain"]:
        low, high = sorted((_value(m["plain"]), _value(m["plain_high"])))
        return [BandBound(">=", low, *span), BandBound("<=", high, *span)]
    if m["word"]:
        return [BandBound(g.op_of[m["word"].lower()], _value(m["word_number"]), *span)]
    if m["between"]:
        return [BandBound(">", _value(m["between"]), *span),
                BandBound(g.op_of[m["between_op"]], _value(m["between_high"]), *span)]
    if m["from"]:
        return [BandBound(">=", _value(m["from"]), *span),
                BandBound(g.op_of[m["from_op"]], _value(m["from_high"]), *span)]
    op = g.op_of[m["op"]]
    low = -_value(m["low"]) if m["minus"] else _value(m["low"])
    bounds = [BandBound(op, low, *span)]
    if m["other"]:
        other = _value(m["other"])
        if op in (">", ">=") and other > low:  # "> 22 - 27", "≥ 15 đến dưới 20"
            bounds.append(BandBound("<" if m["below"] else "<=", other, *span))
        elif op in ("<", "<=") and other < low:
            bounds.append(BandBound(">=", other, *span))  # "< 20 - 18": a band downwards
    return bounds
