"""Tables linearised cell by cell (a converted document writes each cell between "|" lines, a
row ending with an empty cell): their time column and their columns of years.

Two readings, both from the header row (``rules/tables.yaml``):

- a **time column** ("Thời gian thực hiện", "Thời hạn hoàn thành"): each row's cell is a
  deadline ("Quý IV/2025", "2026", "Tháng 12 hằng năm") or a time limit ("03 ngày làm việc");
- **year columns** ("2026", "Năm 2027") beside a unit column ("Đơn vị tính"): each number is a
  target for that year, measuring the row's indicator.

Cells keep normalized offsets (mapped from the original text, where the borders are).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from plan_parser.normalize import NormalizedText
from plan_parser.rules_loader import load_rules
from plan_parser.spans import SpanSet


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell (normalized offsets) and its text, cleaned."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A header row and the rows under it."""

    header: list[Cell]
    rows: list[list[Cell]]
    body: tuple[Cell, ...] = ()  # every non-empty cell under the header, aligned in a row or not


@dataclass(frozen=True, slots=True)
class TableRules:
    """Compiled header patterns of ``rules/tables.yaml``."""

    time_column: re.Pattern[str]
    unit_column: re.Pattern[str]
    year_column: re.Pattern[str]
    label_column: re.Pattern[str]
    task_column: re.Pattern[str]
    increase_words: re.Pattern[str]
    not_target_year: re.Pattern[str]
    money_unit: re.Pattern[str]
    duration_units: frozenset[str]
    time_cell: re.Pattern[str]
    target_column: re.Pattern[str]
    plain_time_header: re.Pattern[str]
    plain_time_cell: re.Pattern[str]
    plain_time_after_words: re.Pattern[str]  # "Công nghệ 2026 3": a row's cells run together
    plain_time_tail: re.Pattern[str]  # a time ending a line (a cell the line-joining ran on)
    value_column: re.Pattern[str]
    period_row: re.Pattern[str]


@cache
def table_rules() -> TableRules:
    """Compile the table rules once per process."""
    data = load_rules("tables")
    return TableRules(
        time_column=re.compile(data["time_column"], re.I),
        unit_column=re.compile(data["unit_column"], re.I),
        year_column=re.compile(data["year_column"], re.I),
        label_column=re.compile(data["label_column"], re.I),
        task_column=re.compile(data["task_column"], re.I),
        increase_words=re.compile(data["increase_words"], re.I),
        not_target_year=re.compile(data["not_target_year"], re.I),
        money_unit=re.compile(data["money_unit"], re.I),
        duration_units=frozenset(data["duration_units"]),
        time_cell=re.compile(data["time_cell"], re.I),
        target_column=re.compile(data["target_column"], re.I),
        plain_time_header=re.compile(data["plain_time_header"], re.I),
        plain_time_cell=re.compile(data["plain_time_cell"], re.I),
        plain_time_after_words=re.compile(
            f'{data["plain_time_after_words"]}(?:{data["plain_time_cell"]})', re.I),
        plain_time_tail=re.compile(rf'(?<![^\W_])(?:{data["plain_time_cell"]})[ \t]*$', re.I),
        value_column=re.compile(data["value_column"], re.I),
        period_row=re.compile(data["period_row"], re.I),
    )


_BORDER = re.compile(r"[ \t]*\|[ \t]*")
_MARKUP = re.compile(r"[*_]+")
# a Markdown pipe table's row on one line ("| 1 | Tỷ lệ … | % | 95 |", as pandoc writes them)
# and the line of dashes under its header ("|---|:---:|")
_PIPE_ROW = re.compile(r"\|(?:[^|\n]*\|){2,}")
_PIPE_RULE = re.compile(r"\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+")


def find_tables(norm: NormalizedText, min_columns: int = 3) -> list[Table]:
    """Every linearised table of the original text with a header of ``min_columns`` cells.

    Cells come between "|" lines (two borders in a row: an empty cell); a header row starts
    with its "STT"/"TT" cell and a data row with its number ("1", "1.2", "2."), so the rows are
    found even where the converter did not mark their ends. A Markdown pipe table ("| a | b |"
    on one line) gives the same cells, each row closed as a converted one is.
    """
    original = norm.original
    if "\n|" not in original:
        return []
    cells: list[Cell | None] = []
    content_start: int | None = None
    content_end = 0
    position = 0
    for line in original.splitlines(keepends=True):
        stripped = line.strip()
        line_start, position = position, position + len(line)
        if stripped and _BORDER.fullmatch(stripped):
            cells.append(_cell(norm, content_start, content_end)
                         if content_start is not None else None)
            content_start = None
            continue
        if stripped[:1] == "|" and _PIPE_ROW.fullmatch(stripped):
            if content_start is not None:  # (text left open before the table)
                cells.append(_cell(norm, content_start, content_end))
                content_start = None
            if not _PIPE_RULE.fullmatch(stripped):
                cells += _pipe_cells(norm, line_start, line)
            continue
        if not stripped:
            continue
        if content_start is None:
            content_start = line_start
        content_end = line_start + len(line.rstrip("\r\n"))
    return _tables_of(cells, min_columns)


def _pipe_cells(norm: NormalizedText, line_start: int, line: str) -> list[Cell | None]:
    """The cells of one pipe-table row, then the None that closes a row of a converted table
    (a blank cell is an empty Cell, not None: the row's bounds are written, so a number after
    a blank cell stays in its row)."""
    found: list[Cell | None] = []
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    for left, right in pairwise(bars):
        start, end = left + 1, right
        while start < end and line[start] in " \t":
            start += 1
        while end > start and line[end - 1] in " \t":
            end -= 1
        found.append(_cell(norm, line_start + start, line_start + end))
    return [*found, None]


def _cell(norm: NormalizedText, start: int, end: int) -> Cell:
    n_start = norm.offsets.derived_start(start)
    n_end = max(n_start, norm.offsets.derived_end(end))
    return Cell(n_start, n_end, _cell_text(norm.original, start, end))


def _cell_text(original: str, start: int, end: int) -> str:
    """A cell's words as written, emphasis marks and spacing removed."""
    return " ".join(_MARKUP.sub(" ", original[start:end]).split())


_HEADER_FIRST = re.compile(r"(?:STT|TT|Số\s+TT|Số\s+thứ\s+tự|Thứ\s+tự(?:\s+công\s+việc)?|"
                           r"Các\s+bước|Bước(?:\s+thực\s+hiện)?)", re.I)
# a data row's first cell: its number, or the step of a procedure ("Bước 1")
_ROW_NUMBER = re.compile(r"(?:(?:Bước|B)\s*)?(?:\d{1,3}(?:\.\d{1,3}){0,2}|[IVX]{1,5}|[A-Z])\.?")


def _tables_of(cells: list[Cell | None], min_columns: int) -> list[Table]:
    """Headers (from an "STT" cell to the end of its row) and the rows under each.

    A header may have a second row under a spanning cell ("Năm 2025" over "Kế hoạch" and "Ước
    thực hiện") and a row of column numbers (1, 2, 3 …); the column numbers give the width of
    the data rows, and the header's columns then sit at the right edge of them.
    """
    tables: list[Table] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        if cell is None or not _HEADER_FIRST.fullmatch(cell.text):
            index += 1
            continue
        end = index + 1
        while end < len(cells) and cells[end] is not None and not _ROW_NUMBER.fullmatch(
                cells[end].text):
            end += 1
        header = [c for c in cells[index:end] if c is not None]
        if len(header) < min_columns:
            index = end
            continue
        width, start = _data_width(cells, end, len(header))
        body_start = start
        rows: list[list[Cell]] = []
        current: list[Cell | None] = []
        while start < len(cells):
            cell = cells[start]
            if cell is not None and _HEADER_FIRST.fullmatch(cell.text):
                break  # the next table's header
            if cell is not None and _ROW_NUMBER.fullmatch(cell.text) and (
                    not current or current[-1] is None):
                _add_row(rows, current, width)  # a row number after a border: a new row
                current = []
            current.append(cell)
            start += 1
            if len(current) == width + 1 and current[-1] is None:
                _add_row(rows, current, width)  # a full row and its closing border
                current = []
        _add_row(rows, current, width)
        if width > len(header):  # spanning header cells: align the header on the right
            pad = [Cell(0, 0, "")] * (width - len(header))
            split = next((i for i, c in enumerate(header)
                          if table_rules().year_column.fullmatch(c.text)), len(header))
            header = header[:split] + pad + header[split:]
        body = tuple(c for c in cells[body_start:start] if c is not None and c.text)
        tables.append(Table(header, rows, body))
        index = start
    return tables


_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


def _data_width(cells: list[Cell | None], position: int, header_width: int) -> tuple[int, int]:
    """The width of the data rows and where they start: after a second header row and a row
    of column numbers ("1 | 2 | … | 8"), when there are."""
    scan = position
    while scan < len(cells) and scan < position + 3 * header_width:
        cell = cells[scan]
        if cell is not None and cell.text in ("1", "(1)"):
            run = scan
            numbers = []
            while run < len(cells) and cells[run] is not None and _COLUMN_NUMBER.fullmatch(
                    cells[run].text):
                numbers.append(int(cells[run].text.strip("()")))
                run += 1
            if len(numbers) >= header_width and numbers == list(range(1, len(numbers) + 1)):
                return len(numbers), run
            break
        scan += 1
    return header_width, position


def _add_row(rows: list[list[Cell]], cells: list[Cell | None], width: int) -> None:
    """Keep a full row (its last cells may be blank)."""
    row = _trimmed(cells)
    if len(row) > width and (row[width] is None or len(row) == width + 1):
        row = row[:width]  # a caption of the next table follows the last row
    if row and width - 2 <= len(row) <= width:
        row = row + [None] * (width - len(row))
        rows.append([c if c is not None else Cell(0, 0, "") for c in row])


def _trimmed(cells: list[Cell | None]) -> list[Cell | None]:
    """Without the empty cells that close a row."""
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


def _looks_like_header(row: list[Cell]) -> bool:
    rules = table_rules()
    return any(rules.time_column.search(c.text) or rules.year_column.fullmatch(c.text)
               or rules.unit_column.fullmatch(c.text) for c in row)


def _time_column(table: Table) -> int | None:
    """The index of the table's time column (its header names a time), if any."""
    rules = table_rules()
    return next((i for i, c in enumerate(table.header) if rules.time_column.search(c.text)),
                None)


def row_tasks(table: Table) -> dict[tuple[int, int], str]:
    """The task of each full row (its cell under a "Nội dung"/"Nhiệm vụ" column), keyed by
    the span of the row's time cell: what must be done by that time."""
    rules = table_rules()
    column = _time_column(table)
    task = next((i for i, c in enumerate(table.header)
                 if i != column and rules.task_column.search(c.text)), None)
    if column is None or task is None:
        return {}
    return {(row[column].start, row[column].end): text
            for row in table.rows if len(row) == len(table.header)
            if (text := row[task].text.lstrip("-–+ ").rstrip(" .;"))}


def with_row_tasks(deadlines: list, tables: list[Table],
                   shorten: Callable[[str], str] | None = None) -> list:
    """The deadlines (or the targets), those in a row's time cell given the row's task as their
    subject ("Tiếp nhận hồ sơ …" | "0,5 ngày"), made a phrase by ``shorten`` where given (a
    target's subject): the words the running text's reader took before such a cell belong to
    another cell of the row (its unit's, "Văn phòng đăng ký đất đai")."""
    tasks = sorted((span, task) for table in tables for span, task in row_tasks(table).items())
    if not tasks:
        return deadlines
    starts = [span[0] for span, _ in tasks]
    out = []
    for d in deadlines:
        i = bisect_right(starts, d.start) - 1
        if i >= 0 and d.end <= tasks[i][0][1]:
            task = tasks[i][1] if shorten is None else shorten(tasks[i][1])
            d = replace(d, subject=task or None)
        out.append(d)
    return out


def time_cells(table: Table) -> list[Cell]:
    """The cells of the time column, one per full row, and every cell of a table with a time
    column that is a time and nothing else ("2027-2028", "Quý IV/2025"): rows that a spanning
    header, a sub-row ("- …") or a merged cell put out of line still give their time."""
    rules = table_rules()
    column = _time_column(table)
    if column is None:
        return []
    aligned = [row[column] for row in table.rows if len(row) == len(table.header)]
    seen = {(c.start, c.end) for c in aligned}
    shaped = [c for c in table.body
              if (c.start, c.end) not in seen and rules.time_cell.fullmatch(c.text)]
    return sorted(aligned + shaped, key=lambda c: c.start)


@dataclass(frozen=True, slots=True)
class YearValue:
    """A number of a year column: its cell, the year, the row's indicator and unit."""

    cell: Cell
    year: int
    subject: str
    unit: str | None
    increase: bool  # the indicator is a growth ("tăng", "tốc độ tăng")


def year_values(table: Table) -> list[tuple[YearValue, str]]:
    """``(value, number text)`` of every numeric cell under a year column."""
    rules = table_rules()
    years = {i: int(m.group("year")) for i, c in enumerate(table.header)
             if (m := rules.year_column.fullmatch(c.text))
             and not rules.not_target_year.search(c.text)}
    if len(years) < 2:
        return []
    unit_column = next((i for i, c in enumerate(table.header)
                        if rules.unit_column.fullmatch(c.text)), None)
    label_column = next((i for i, c in enumerate(table.header)
                         if rules.label_column.search(c.text)), None)
    found = []
    for row in table.rows:
        if len(row) != len(table.header):
            continue
        subject = (row[label_column].text.lstrip("-–+ ") if label_column is not None else
                   next((c.text for i, c in enumerate(row) if i not in years and i != unit_column
                         and re.search(r"[^\W\d_]{2}", c.text)), ""))
        unit = row[unit_column].text if unit_column is not None else None
        if unit and rules.money_unit.search(unit):
            continue  # amounts of money are not targets
        for index, year in years.items():
            text = row[index].text
            if _figure().fullmatch(text):
                found.append((YearValue(row[index], year, subject, unit,
                                        bool(rules.increase_words.search(subject))), text))
    return found


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """A number of an indicator table's value column: its cell, the row's indicator and unit,
    and the period (the column's year, or a row above naming one: "Giai đoạn 2025-2027")."""

    cell: Cell
    subject: str
    unit: str | None
    period: str | None


@cache
def _figure() -> re.Pattern[str]:
    """A cell that is a figure and nothing else: "95%", "> 90", "7 - 8", "60 ÷ 80" (a range
    joined by one of the sign joiners of rules/targets.yaml, not a word: "đến" is prose)."""
    signs = "".join(re.escape(j) for j in load_rules("targets")["range_joiners"] if len(j) == 1)
    return re.compile(rf"[<>≤≥]?\s*\d+(?:[.,]\d+)?(?:\s*[{signs}]\s*\d+(?:[.,]\d+)?)?\s*%?")


def indicator_values(table: Table) -> list[tuple[IndicatorValue, str]]:
    """``(value, number text)`` of every figure in the value column ("Kết quả", "Mục tiêu") of
    a table of indicators: one with a label column ("Chỉ tiêu") and a unit column."""
    rules = table_rules()
    header = [c.text for c in table.header]
    label_column = next((i for i, t in enumerate(header) if rules.label_column.search(t)), None)
    unit_column = next((i for i, t in enumerate(header) if rules.unit_column.fullmatch(t)), None)
    if label_column is None or unit_column is None:
        return []
    columns = {i: m.group("year") for i, t in enumerate(header)
               if i != label_column and (m := rules.value_column.fullmatch(t))}
    if len(columns) != 1:
        return []
    in_rows = {(c.start, c.end) for row in table.rows for c in row}
    periods = [(c.start, m.group("period")) for c in table.body
               if (c.start, c.end) not in in_rows and (m := rules.period_row.fullmatch(c.text))]
    found = []
    for row in table.rows:
        if len(row) != len(header):
            continue
        unit = row[unit_column].text or None
        if unit and rules.money_unit.search(unit):
            continue
        for index, year in columns.items():
            text = row[index].text
            if not _figure().fullmatch(text):
                continue
            above = [period for start, period in periods if start < row[index].start]
            period = year or (re.sub(r"\s*[-–]\s*", "-", above[-1]) if above else None)
            subject = row[label_column].text.lstrip("-–+ ").rstrip(" .;")
            found.append((IndicatorValue(row[index], subject, unit, period), text))
    return found


# a year, not one inside a document's symbol ("Nghị định số 31/2021/NĐ-CP")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)(?!\s*/\s*[^\W\d_])")
# a time cell holding a year is short ("2026 - 2030", "Trước năm 2030"): a longer cell is a
# paragraph or a heading that fell into the column of a converted table
_YEAR_CELL_MAX = 60


def _duration(text: str, start: int, end: int):
    """The first duration in ``text[start:end]`` ("03 ngày làm việc"), read with the target
    grammar's quantities: ``(match, unit)`` or None."""
    from plan_parser.extract.scan import lowered
    from plan_parser.extract.targets import target_grammar

    g = target_grammar()
    durations = table_rules().duration_units
    for m in g.quantity.finditer(lowered(text), start, end):
        if not m.group("number")[:1].isdigit():
            continue
        unit = next(u for pattern, u, _needs in g.unit_of if pattern.fullmatch(m.group("unit")))
        if unit in durations:
            return m, unit
    return None


def plain_time_cells(norm: NormalizedText) -> list[Cell]:
    """Times of a borderless table (one cell per line, as PDFs give them): after a line that
    is a time column's header, every line that is a time and nothing else ("Năm 2026 - 2027",
    with the next row's number run on)."""
    rules = table_rules()
    text = norm.text
    cells: list[Cell] = []
    active = False
    for start, end in norm.line_spans():
        line = text[start:end].strip()
        if not active:
            active = bool(rules.plain_time_header.fullmatch(line))
            continue
        m = rules.plain_time_cell.fullmatch(text, start, end) if len(line) <= 40 else None
        if m is None and len(line) <= 60:
            m = rules.plain_time_after_words.fullmatch(text, start, end)
        if m is None and line[-1:].isdigit():
            m = _cell_run_on(norm, rules, start, end)
        if m is not None:
            cells.append(Cell(m.start("time"), m.end("time"), m.group("time")))
    return cells


def _cell_run_on(norm: NormalizedText, rules: TableRules, start: int,
                 end: int) -> re.Match[str] | None:
    """A time ending a line that was a line of its own in the original: a cell the joining of
    wrapped lines ran onto the cell before it ("… các tổ chức phi chính phủ nước ngoài" and
    "2026 - 2030" on the next line of the PDF's text)."""
    m = rules.plain_time_tail.search(norm.text, start, end)
    if m is None:
        return None
    first, last = norm.to_original(m.start(), m.end())
    original = norm.original
    line_end = original.find("\n", last)
    own_line = _cell_text(original, original.rfind("\n", 0, first) + 1,
                          line_end if line_end != -1 else len(original))
    return m if rules.plain_time_cell.fullmatch(own_line) else None


def table_deadlines(text: str, tables: list[Table], taken: SpanSet,
                    plain: list[Cell] | tuple[Cell, ...] = ()):
    """Deadlines of the time column cells not already read ("2026", "2026 - 2030" → the year
    the task must be done by; "Quý IV/2025" and "tháng 12/2026" through the deadline grammar);
    ``plain``: cells of borderless tables."""
    from plan_parser.extract.dates import find_bare_date
    from plan_parser.extract.deadlines import Deadline, find_deadlines

    found = []
    tasks: dict[tuple[int, int], str] = {}
    for table in tables:
        tasks.update(row_tasks(table))
    for cells in [time_cells(table) for table in tables] + [list(plain)]:
        for cell in cells:
            if taken.overlaps(cell.start, cell.end):
                continue
            task = tasks.get((cell.start, cell.end))
            read = [d for d in find_deadlines(text, cell.start, cell.end) if d.kind != "relative"]
            if read:
                found.extend(replace(d, subject=d.subject or task) for d in read)
                continue
            full = find_bare_date(text, cell.start, cell.end)
            if full is not None:
                # "18/10/2025" alone in the column: done by that day (the grammar reads a bare
                # date in running text as an event, not a time to do something by)
                found.append(Deadline("before_date", full.start, full.end, day=full.day,
                                      month=full.month, year=full.year, subject=task))
                continue
            years = _YEAR.findall(text[cell.start:cell.end])
            if years and not _duration(text, cell.start, cell.end) \
                    and cell.end - cell.start <= _YEAR_CELL_MAX:
                # "2026", "2026 - 2030" (from its first year on), "Trước 2030" (by that year)
                before = text[cell.start:cell.end].lower().startswith(("trước", "chậm nhất"))
                found.append(Deadline("before_date" if before else "period", cell.start,
                                      cell.end, year=int(years[-1] if before else years[0]),
                                      subject=task))
    return found


def without_bare_figures(targets: list, tables: list[Table]) -> list:
    """The prose targets less the figures that are a table cell by themselves: "02 lần/tháng"
    in a costing table is an input, "97,2%" in a column of results a statistic. A bare figure
    stays a target in a column headed as one ("Mục tiêu", "Chỉ tiêu", "Đến năm 2030")."""
    from plan_parser.extract.scan import lower_in_place
    from plan_parser.extract.targets import target_grammar

    g = target_grammar()
    rules = table_rules()
    bare = SpanSet(())
    for table in tables:
        indicators = {(v.cell.start, v.cell.end) for v, _ in indicator_values(table)}
        in_target_column = {(row[i].start, row[i].end) for row in table.rows
                            if len(row) == len(table.header)
                            for i, head in enumerate(table.header)
                            if rules.target_column.search(head.text)} - indicators
        for cell in table.body:
            m = g.quantity.fullmatch(lower_in_place(cell.text))
            if m is None or (cell.start, cell.end) in in_target_column:
                continue
            unit = next(u for p, u, _needs in g.unit_of if p.fullmatch(m.group("unit")))
            if unit == "%" or unit in g.in_sentence_units:
                bare.add(cell.start, cell.end)
    return [t for t in targets if not (t.unit == "%" or t.unit in g.in_sentence_units)
            or not bare.overlaps(t.start, t.end)]


def _figure_targets(number: str, cell: Cell, unit: str | None, period: str | None,
                    subject: str, taken: SpanSet, bare: Callable[[float], str]) -> list:
    """The targets of a table cell holding a figure ("95%", "7 - 8", "> 90"): a range's two
    bounds, a sign's comparator, or for a bare figure the one ``bare`` gives its value."""
    from plan_parser.extract.targets import Target, parse_number, target_grammar

    if taken.overlaps(cell.start, cell.end):
        return []
    fractions = target_grammar().fractions
    unit = "%" if "%" in number or (unit or "").strip() == "%" else (unit or "")
    bounds = re.findall(r"\d+(?:[.,]\d+)?", number)
    found = []
    for bound, op in zip(bounds, _ops(number, bounds), strict=False):
        amount = parse_number(bound, fractions)
        found.append(Target("unknown", None, bare(amount) if op == "bare" else op, amount, unit,
                            period, None, cell.start, cell.end, subject=subject or None))
    return found


_SIGNS = {">": ">", "<": "<", "≥": ">=", "≤": "<="}


def _ops(number: str, bounds: list[str]) -> list[str]:
    """The comparators of a figure cell: a range's two bounds, a sign ("> 90"), or "bare"."""
    if len(bounds) == 2:
        return [">=", "<="]
    return [_SIGNS.get(number[:1], "bare")]


_LEAD_WORDS = 30  # "Trong thời gian 12 ngày làm việc …": the cell's time comes first


def _duration_cells(text: str, table: Table) -> list[Cell]:
    """The time column's cells, and every cell of a table with a time column that is a duration
    and nothing else ("1/2 ngày", "0,25 ngày làm việc"): a merged or empty cell puts the rows of
    a procedure's steps out of line."""
    cells = time_cells(table)
    if not cells:
        return []
    seen = {(c.start, c.end) for c in cells}
    for cell in table.body:
        if (cell.start, cell.end) in seen:
            continue
        duration = _duration(text, cell.start, cell.end)
        if duration is not None and duration[0].start() <= cell.start + 1 \
                and duration[0].end() >= cell.end - 1:
            cells.append(cell)
    return sorted(cells, key=lambda c: c.start)


_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _header_unit(header: str) -> str | None:
    """The duration unit a time column's header gives its cells ("Thời gian (ngày làm việc)"),
    the longest that fits; None when it gives none."""
    lowered = " ".join(header.lower().split())
    for unit in sorted(table_rules().duration_units, key=len, reverse=True):
        if re.search(rf"(?<![^\W\d_]){re.escape(unit)}(?![^\W\d_])", lowered):
            return unit
    return None


def _header_unit_durations(table: Table, taken: SpanSet) -> list:
    """Time limits of a procedure's steps given as bare figures under a header that names the
    unit ("Thời gian (ngày làm việc)" over "0,25", "8,25"): each step takes at most that long.
    Only the cells of full rows in the time column (a bare "1" elsewhere is a row number)."""
    from plan_parser.extract.targets import Target, parse_number, target_grammar

    column = _time_column(table)
    unit = _header_unit(table.header[column].text) if column is not None else None
    if unit is None:
        return []
    fractions = target_grammar().fractions
    found = []
    for row in table.rows:
        if len(row) != len(table.header):
            continue
        cell = row[column]
        if not _BARE_NUMBER.fullmatch(cell.text) or taken.overlaps(cell.start, cell.end):
            continue
        found.append(Target("unknown", None, "<=", parse_number(cell.text, fractions), unit,
                            None, None, cell.start, cell.end, subject=None))
    return found


def table_targets(text: str, tables: list[Table], taken: SpanSet):
    """Targets of year columns (the row's indicator for that year) and time limits in the
    time column ("03 ngày làm việc": the step takes at most that long)."""
    from plan_parser.extract.targets import Target, parse_number, target_grammar

    fractions = target_grammar().fractions
    found = []
    for table in tables:
        for value, number in year_values(table):
            increase = value.increase
            found += _figure_targets(number, value.cell, value.unit, str(value.year),
                                     value.subject, taken,
                                     lambda _amount, up=increase: ">=" if up else "=")
        for value, number in indicator_values(table):
            found += _figure_targets(number, value.cell, value.unit, value.period,
                                     value.subject, taken,
                                     lambda amount: "=" if amount == 100 else ">=")
        found += _header_unit_durations(table, taken)
        for cell in _duration_cells(text, table):
            duration = _duration(text, cell.start, cell.end)
            if duration is None or taken.overlaps(cell.start, cell.end):
                continue
            if duration[0].start() - cell.start > _LEAD_WORDS:
                continue  # a sentence in the cell ("… nếu tiếp nhận sau 15 giờ"): read as prose
            m, unit = duration
            found.append(Target("unknown", None, "<=", parse_number(m.group("number"), fractions),
                                unit, None, None, m.start(), m.end(), subject=None))
    return found

