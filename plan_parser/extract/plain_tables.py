"""Tables of indicators without borders: the text layer of a PDF (the Official Gazette, a
scanned plan) gives each cell a line of its own, and the header's cells are often split over
lines ("Đơn vị" / "tính", "Năm" / "2026").

This reader rebuilds such a table as a :class:`~plan_parser.extract.tables.Table` (the same
object the bordered reader gives), so that its year and value columns are read by the same
code and give the same targets as the table would with borders:

- the header runs from a line "STT"/"TT" to the first row number; its lines are joined into
  cells by the column patterns of ``rules/tables.yaml`` (the longest run of lines that makes
  one column's name);
- only a table of indicators is rebuilt: a label column ("Chỉ tiêu"), then a unit column
  ("Đơn vị tính") if any, then value columns (a year, "Mục tiêu"), in this order;
- a row is its number, the lines of its label (wrapped), its unit (the last line of words
  before the figures) and exactly one figure per value column; a row out of line (an empty
  cell, a merged one) is not read, and neither is the rest of its table.

Lines the normalizer removed (the Gazette's running headers and page numbers) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.extract.tables import (
    _HEADER_FIRST,
    _ROW_NUMBER,
    Cell,
    Table,
    _cell,
    _figure,
    table_rules,
)
from plan_parser.normalize import NormalizedText
from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class PlainTableRules:
    """Limits of ``rules/tables.yaml`` (``plain_indicators``)."""

    header_lines: int  # lines a header may take
    cell_lines: int  # lines one header cell may be split over
    cell_chars: int  # a header line is short: a longer line is a sentence
    unit_chars: int  # a unit cell is short ("%", "Triệu người", "km")
    label_lines: int  # lines one row's label may be wrapped over


@cache
def plain_table_rules() -> PlainTableRules:
    """The limits, read once per process."""
    data = load_rules("tables")["plain_indicators"]
    return PlainTableRules(**{key: int(value) for key, value in data.items()})


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of the original text: its cell (normalized offsets) and its words."""

    cell: Cell
    figure: bool  # a figure and nothing else ("8,5", "≥ 95%", "7 - 8")
    number: bool  # a row's number ("1", "II", "2.1")


def find_plain_tables(norm: NormalizedText) -> list[Table]:
    """Every borderless table of indicators of ``norm``'s original text (see the module)."""
    original = norm.original
    if not _HEADER_FIRST_LINE.search(original):
        return []
    lines = _lines(norm)
    tables: list[Table] = []
    at = 0
    while at < len(lines):
        if not _HEADER_FIRST.fullmatch(lines[at].cell.text):
            at += 1
            continue
        table, at = _table_at(lines, at)
        if table is not None:
            tables.append(table)
    return tables


_COLUMN_NUMBER = re.compile(r"\(?(?:[A-Z]|\d{1,2})\)?")
_HEADER_FIRST_LINE = re.compile(r"(?im)^[ \t]*(?:STT|TT|Số\s+TT)[ \t]*$")


def _lines(norm: NormalizedText) -> list[_Line]:
    """The original's non-blank lines the normalizer kept, as cells."""
    found: list[_Line] = []
    position = 0
    figure = _figure()
    for line in norm.original.splitlines(keepends=True):
        line_start, position = position, position + len(line)
        content = line.rstrip("\r\n")
        left = len(content) - len(content.lstrip())
        right = len(content.rstrip())
        if right <= left:
            continue
        cell = _cell(norm, line_start + left, line_start + right)
        if cell.end <= cell.start or not norm.text[cell.start:cell.end].strip():
            continue  # furniture the normalizer took out ("CÔNG BÁO/Số 12/…", a page number)
        found.append(_Line(cell, bool(figure.fullmatch(cell.text)),
                           bool(_ROW_NUMBER.fullmatch(cell.text))))
    return found


def _table_at(lines: list[_Line], at: int) -> tuple[Table | None, int]:
    """The table whose header opens at ``lines[at]`` ("STT"), and where reading goes on."""
    limits = plain_table_rules()
    first_row = next((i for i in range(at + 1, min(len(lines), at + 1 + limits.header_lines))
                      if (lines[i].number and not lines[i].figure) or lines[i].cell.text == "1"),
                     None)
    if first_row is None:
        return None, at + 1
    header = _header_cells([line for line in lines[at:first_row]
                            if not _COLUMN_NUMBER.fullmatch(line.cell.text)])
    columns = _columns(header)
    if columns is None:
        return None, at + 1
    label_column, unit_column, values = columns
    rows: list[list[Cell]] = []
    i = first_row
    numbering = lines[i:i + len(header)]
    if len(numbering) == len(header) and all(_COLUMN_NUMBER.fullmatch(line.cell.text)
                                             for line in numbering):
        i += len(header)  # a row numbering the columns ("A", "B", "1", "2", "3"; "(1)", …)
    while i < len(lines) and lines[i].number:
        row, i = _row_at(lines, i, header, label_column, unit_column, values)
        if row is None:
            break
        if row:
            rows.append(row)
    if not rows:
        return None, at + 1
    return Table(header, rows, tuple(c for row in rows for c in row)), i


def _header_cells(lines: list[_Line]) -> list[Cell]:
    """The header's cells: each the longest run of lines (up to ``cell_lines``) whose words
    are one column's name; a line that starts none is a cell of its own."""
    limits = plain_table_rules()
    cells: list[Cell] = []
    i = 0
    while i < len(lines):
        taken = 1
        for size in range(min(limits.cell_lines, len(lines) - i), 1, -1):
            if _names_column(" ".join(line.cell.text for line in lines[i:i + size])):
                taken = size
                break
        run = lines[i:i + taken]
        cells.append(Cell(run[0].cell.start, run[-1].cell.end,
                          " ".join(line.cell.text for line in run)))
        i += taken
    return cells


def _names_column(text: str) -> bool:
    """True when ``text`` is the whole name of a unit, year or value column."""
    rules = table_rules()
    return any(p.fullmatch(text) for p in (rules.unit_column, rules.year_column,
                                           rules.value_column))


def _columns(header: list[Cell]) -> tuple[int, int | None, list[int]] | None:
    """``(label column, unit column, value columns)`` of a header of indicators: a label
    column, then a unit column if any, then the value columns; None for any other header."""
    rules = table_rules()
    limits = plain_table_rules()
    if any(len(c.text) > limits.cell_chars * limits.cell_lines for c in header):
        return None
    label = next((i for i, c in enumerate(header) if rules.label_column.search(c.text)), None)
    if label is None:
        return None
    unit = next((i for i, c in enumerate(header) if i > label
                 and rules.unit_column.fullmatch(c.text)), None)
    values = [i for i, c in enumerate(header) if i > (unit if unit is not None else label)
              and (rules.year_column.fullmatch(c.text) or rules.value_column.fullmatch(c.text))]
    if not values or values != list(range(values[0], values[0] + len(values))):
        return None
    return label, unit, values


def _row_at(lines: list[_Line], at: int, header: list[Cell], label_column: int,
            unit_column: int | None, values: list[int]) -> tuple[list[Cell] | None, int]:
    """The row whose number is ``lines[at]``, in the header's columns, and the line after it:
    ``[]`` for a row with no figures (a group's heading, "I" / "Chỉ tiêu về kinh tế"); None
    when the lines are out of line with the header (the table is read no further)."""
    limits = plain_table_rules()
    i = at + 1
    words: list[Cell] = []
    while i < len(lines) and not lines[i].figure and len(words) <= limits.label_lines:
        if _HEADER_FIRST.fullmatch(lines[i].cell.text):
            return None, i  # the header again, on the next page: a new table
        words.append(lines[i].cell)
        i += 1
    first_figure = i
    figures: list[Cell] = []
    while i < len(lines) and lines[i].figure and len(figures) <= len(values):
        figures.append(lines[i].cell)
        i += 1
    if len(figures) == len(values) + 1 and _ROW_NUMBER.fullmatch(figures[-1].text):
        figures.pop()  # the next row's number
        i -= 1
    worded = bool(words)
    unit = words.pop() if unit_column is not None and words else None
    if len(figures) != len(values) or not words or \
            (unit is not None and len(unit.text) > limits.unit_chars):
        if worded and (not figures or lines[first_figure].number):
            return [], first_figure  # a group's heading ("I" / "Chỉ tiêu về kinh tế"), then a row
        return None, i
    later = (len(header) - 1 - values[-1]) * limits.label_lines
    if i < len(lines) and not lines[i].number and \
            figures[-1].text == _next_number(lines[at].cell.text):
        return None, i  # a label after the last "value": it was the next row's number
    while later > 0 and i < len(lines) and not lines[i].number:
        i, later = i + 1, later - 1  # the row's later cells ("Ghi chú", "Cơ quan chủ trì")
    label = Cell(words[0].start, words[-1].end, " ".join(c.text for c in words))
    number = lines[at].cell
    row = [number, *[Cell(number.end, number.end, "")] * (len(header) - 1)]
    row[label_column] = label
    if unit_column is not None and unit is not None:
        row[unit_column] = unit
    for column, figure in zip(values, figures, strict=True):
        row[column] = figure
    return row, i


def _next_number(number: str) -> str | None:
    """The number of the row after row ``number`` ("2" → "3", "1.4" → "1.5")."""
    head, _, last = number.rstrip(".").rpartition(".")
    if not last.isdigit():
        return None
    return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
