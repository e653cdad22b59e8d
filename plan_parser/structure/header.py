"""The header block: issuing body, số/ký hiệu, place and date, document type.

Header lines come in any order (a Word header table is read left cell first; a PDF may put
the issuer and the national motto on one line), so each field is searched for on its own.
"""

from __future__ import annotations

import itertools
import re

from plan_parser.extract.dates import match_date
from plan_parser.extract.symbols import parse_symbol
from plan_parser.normalize import NormalizedText
from plan_parser.structure.model import Header, TextSpan
from plan_parser.structure.rules import StructureRules, structure_rules
from plan_parser.structure.wrapping import continues_name

HEADER_SEARCH_LINES = 25  # the type line is expected among the first lines
_YEAR_PART = re.compile(r"((?:19|20)\d\d)\s*/\s*")


def find_type_line(norm: NormalizedText, lines: list[tuple[int, int]]) -> int | None:
    """Index of the "KẾ HOẠCH" line (the document type in capitals), if any."""
    rules = structure_rules()
    for index, (start, end) in enumerate(lines[:HEADER_SEARCH_LINES]):
        m = rules.doc_type_line.match(norm.text, start, end)
        if m and m.group("type").isupper():
            return index
    return None


def header_region_end(norm: NormalizedText, lines: list[tuple[int, int]]) -> int:
    """Without a type line: the header is the run of header-like lines at the top."""
    rules = structure_rules()
    index = 0
    for index, (start, end) in enumerate(lines[:HEADER_SEARCH_LINES]):
        line = norm.text[start:end]
        if not (
            line.isupper()
            or rules.rule_line.match(line)
            or rules.draft_mark.match(line)
            or rules.number_line.search(line)
            or rules.bare_number_label.fullmatch(line)  # "Số:" wrapped before its value
            or rules.date_line.search(line)
            or rules.subject_line.match(line)
            or any(p.search(line) for p in rules.mottos)
        ):
            return index
    return min(len(lines), HEADER_SEARCH_LINES)


def read_header(norm: NormalizedText, lines: list[tuple[int, int]], type_index: int | None,
                region_end: int) -> Header:
    """Read the header fields from ``lines[:region_end]`` and the type line."""
    rules = structure_rules()
    text = norm.text
    header = Header()
    leftovers: list[tuple[int, int]] = []
    region = lines[:region_end]
    mottos = _mottos(norm, region, rules, header)
    dates = _wrapped_dates(text, region, rules)
    for start, end in _with_labels_joined(text, region):
        pieces = [(start, end)]
        for m_start, m_end in mottos:  # a motto may be wrapped over two lines
            if m_start < end and start < m_end:
                pieces = _cut(pieces, max(start, m_start), min(end, m_end))
        for d in dates:  # "Hà Nội, ngày 17" / "tháng 11 năm 2025"
            if d.start() < end and start < d.end():
                if header.date is None:
                    read_date_into(header, norm, d)
                pieces = _cut(pieces, max(start, d.start()), min(end, d.end()))
        number = rules.number_line.search(text, start, end)
        if number and header.number_line is None:
            read_number_into(header, norm, number.start(), number.end(), number.start("symbol"))
            pieces = _cut(pieces, number.start(), number.end())
        if header.date is None:
            for piece_start, piece_end in pieces:
                dated = rules.date_line.search(text, piece_start, piece_end)
                if dated:
                    read_date_into(header, norm, dated)
                    pieces = _cut(pieces, dated.start(), dated.end())
                    break
        draft = rules.draft_mark.match(text, start, end)
        if draft and header.draft_mark is None:
            header.draft_mark = TextSpan(norm.display(start, end), start, end)
            pieces = []
        subject = rules.subject_line.match(text, start, end)
        if subject and header.title is None:
            header.title = TextSpan(norm.display(*subject.span("title")), *subject.span("title"))
            header.doc_type_name = rules.letter_type  # "V/v …": a Công văn has no type line
            pieces = []
        leftovers.extend(_trim(text, s, e) for s, e in pieces)
    read_issuer_into(header, norm, [p for p in leftovers if _is_issuer_text(text, p, rules)])
    if type_index is None and header.doc_type_name is None and header.number_line is not None \
            and header.type_code is None and header.issuer_code is not None:
        header.doc_type_name = rules.letter_type  # "Số: 12/UBND-VX": issuer-unit, no type code
    if type_index is not None:
        header.doc_type_name = None
        start, end = lines[type_index]
        m = rules.doc_type_line.match(text, start, end)
        written = m.group("type")
        name, code = rules.doc_types[" ".join(written.split())]
        header.doc_type = TextSpan(norm.display(m.start("type"), m.end("type")), *m.span("type"))
        header.doc_type_name, header.doc_type_code = name, code
        if m.group("rest"):
            header.title = TextSpan(norm.display(*m.span("rest")), *m.span("rest"))
    return header


def _with_labels_joined(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A bare "Số:" line (a table cell wrapped before its value) joined with the next line."""
    bare = structure_rules().bare_number_label
    joined: list[tuple[int, int]] = []
    skip = False
    for index, (start, end) in enumerate(lines):
        if skip:
            skip = False
            continue
        if index + 1 < len(lines) and bare.fullmatch(text, start, end):
            joined.append((start, lines[index + 1][1]))
            skip = True
        else:
            joined.append((start, end))
    return joined


def _mottos(norm: NormalizedText, region: list[tuple[int, int]], rules: StructureRules,
            header: Header) -> list[tuple[int, int]]:
    """Quốc hiệu, tiêu ngữ and the Party's name in the header region, wrapped or not."""
    if not region:
        return []
    text = norm.text
    spans = []
    for motto in rules.mottos:
        for m in motto.finditer(text, region[0][0], region[-1][1]):
            header.mottos.append(TextSpan(norm.display(m.start(), m.end()), m.start(), m.end()))
            if rules.party_motto.fullmatch(m.group()):
                header.system = "party"
            spans.append(m.span())
    return spans


def _wrapped_dates(text: str, region: list[tuple[int, int]], rules: StructureRules) -> list:
    """Place-and-date lines broken over two lines (a single-line one is read line by line)."""
    found = []
    for (start, end), (_next_start, next_end) in itertools.pairwise(region):
        if rules.date_line.search(text, start, end):
            continue
        m = rules.date_line.search(text, start, next_end)
        if m and m.start() < end < m.end() and "\n" not in text[m.start("place"):m.end("place")]:
            found.append(m)
    return found


def _cut(pieces: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Remove ``[start, end)`` from a list of spans."""
    result = []
    for s, e in pieces:
        if end <= s or start >= e:
            result.append((s, e))
            continue
        if s < start:
            result.append((s, start))
        if end < e:
            result.append((end, e))
    return result


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _is_issuer_text(text: str, span: tuple[int, int], rules: StructureRules) -> bool:
    piece = text[span[0]:span[1]]
    return len(piece) > 1 and piece.isupper() and not rules.rule_line.match(piece)


def read_number_into(header: Header, norm: NormalizedText, start: int, end: int,
                 symbol_start: int) -> None:
    text = norm.text
    header.number_line = TextSpan(norm.display(start, end), start, end)
    pos = symbol_start
    while pos < end and text[pos] in " ._…":
        pos += 1  # a blank number: "Số: ..../KH-UBND"
    symbol = parse_symbol(text, pos)
    if symbol is None:
        return
    header.number = symbol.number
    header.full_symbol = symbol.canonical if symbol.number else None
    header.type_code, header.issuer_code = symbol.type_code, symbol.issuer_code
    if symbol.system == "party":
        header.system = "party"
    # the symbol without the number: "KH-UBND", "KH/ĐU"
    separator = "-" if symbol.system == "party" else "/"
    cut = text.find(separator, pos, pos + len(symbol.text))
    sym_start = cut + 1 if cut != -1 else pos
    while sym_start < end and text[sym_start] == " ":
        sym_start += 1
    year = _YEAR_PART.match(text, sym_start)
    if year:  # "15/2025/QĐ-UBND": the year of a legal normative document
        header.symbol_year = int(year.group(1))
        sym_start = year.end()
    sym_end = pos + len(symbol.text)
    header.symbol = TextSpan(norm.display(sym_start, sym_end), sym_start, sym_end)


def read_date_into(header: Header, norm: NormalizedText, m) -> None:
    header.place = TextSpan(norm.display(*m.span("place")), *m.span("place"))
    date = match_date(norm.text, m.start("date"))
    header.date = TextSpan(norm.display(*m.span("date")), *m.span("date"))
    if date:
        header.day, header.month, header.year = date.day, date.month, date.year
        header.date_iso = date.iso


def read_issuer_into(header: Header, norm: NormalizedText, pieces: list[tuple[int, int]]) -> None:
    """Issuer lines: the last names the issuer, an earlier one its parent body."""
    if not pieces:
        return
    rules = structure_rules()
    merged: list[list[tuple[int, int]]] = []
    for start, end in pieces:
        line = norm.text[start:end]
        if merged and (line.startswith(rules.issuer_continuations) or continues_name(
                _to_line_end(norm.text, *merged[-1][-1]), line)):
            prev_start, prev_end = merged[-1][-1]
            raw = _to_line_end(norm.text, prev_start, prev_end).rstrip()
            if not raw[prev_end - prev_start:].strip(" -–,&"):
                merged[-1][-1] = (prev_start, prev_start + len(raw))  # keep "BỘ LAO ĐỘNG -"
            merged[-1].append((start, end))  # "ỦY BAN NHÂN DÂN" + "XÃ LÂM THAO"
        else:
            merged.append([(start, end)])
    header.issuer = _joined(norm, merged[-1])
    header.issuer_source = "header"
    if len(merged) > 1:
        parent = _joined(norm, merged[-2])
        if " ".join(parent.text.split()) != " ".join(header.issuer.text.split()):
            header.issuer_parent = parent  # (a PDF may repeat the issuer line)


def _to_line_end(text: str, start: int, end: int) -> str:
    """The piece with the rest of its line (a trailing "-" the trimming took off)."""
    line_end = text.find("\n", end)
    return text[start:line_end if line_end != -1 else len(text)]


def _joined(norm: NormalizedText, pieces: list[tuple[int, int]]) -> TextSpan:
    """One name written over several header lines: its words joined, its span over all."""
    text = " ".join(norm.display(start, end) for start, end in pieces)
    return TextSpan(text, pieces[0][0], pieces[-1][1])
