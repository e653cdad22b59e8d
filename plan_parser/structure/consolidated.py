"""Header fields that stand at the end of a document.

A consolidated text (văn bản hợp nhất): the consolidating body's own header — its number
("Số: 605/VBHN-BLĐTBXH"), place and date and issuer — stands in the authentication block at the
end ("XÁC THỰC VĂN BẢN HỢP NHẤT"), while the top repeats the consolidated document's type line
(Pháp lệnh Hợp nhất văn bản quy phạm pháp luật 2012, Điều 6: the authentication)."""

from __future__ import annotations

from plan_parser.extract.dates import match_date
from plan_parser.normalize import NormalizedText
from plan_parser.structure.header import read_date_into, read_issuer_into, read_number_into
from plan_parser.structure.model import Header, TextSpan
from plan_parser.structure.rules import structure_rules

_BLOCK = 8  # lines of the block above and below the authentication line


def read_consolidation(header: Header, norm: NormalizedText, lines: list[tuple[int, int]],
                       first: int) -> bool:
    """Fill ``header`` from the authentication block, when ``lines[first:]`` has one."""
    rules = structure_rules()
    text = norm.text
    if rules.consolidation_anchor not in text:  # one scan in C, not a pattern per line
        return False
    mark = next((i for i in range(first, len(lines))
                 if rules.consolidation_mark.fullmatch(text, *lines[i])), None)
    if mark is None:
        return False
    header.doc_type_name, header.doc_type_code = rules.consolidation_type
    above = range(max(first, mark - _BLOCK), mark)
    number_at = next((i for i in reversed(above)
                      if rules.number_line.search(text, *lines[i])), None)
    # the "Số:" line under the mark, the issuer above it ("BỘ …" / "XÁC THỰC …" / "Số: …")
    below = next((i for i in range(mark + 1, min(len(lines), mark + 3))
                  if number_at is None and rules.number_line.search(text, *lines[i])), None)
    if number_at is not None or below is not None:
        at = number_at if number_at is not None else below
        m = rules.number_line.search(text, *lines[at])
        read_number_into(header, norm, m.start(), m.end(), m.start("symbol"))
        top = number_at if number_at is not None else mark
        issuer = [lines[i] for i in range(max(first, top - 3), top)
                  if text[lines[i][0]:lines[i][1]].strip()]
        while issuer and not text[issuer[0][0]:issuer[0][1]].isupper():
            issuer.pop(0)  # the end of the last paragraph, above the issuer's name
        if issuer:
            header.issuer_parent = None
            read_issuer_into(header, norm, issuer)
    for i in range(mark + 1, min(len(lines), mark + 1 + _BLOCK)):
        dated = rules.date_line.search(text, *lines[i])
        if dated:
            read_date_into(header, norm, dated)
            break
    return True


def read_adoption_date(header: Header, norm: NormalizedText, first: int) -> bool:
    """The date of a law or resolution that has no date line: the day it was adopted ("…
    thông qua ngày 16 tháng 6 năm 2025"), from ``first`` on."""
    if header.date is not None:
        return False
    text = norm.text
    for m in structure_rules().adoption_date.finditer(text, first):
        date = match_date(text, m.end())
        if date is not None and date.iso:
            header.date = TextSpan(norm.display(date.start, date.end), date.start, date.end)
            header.day, header.month, header.year = date.day, date.month, date.year
            header.date_iso = date.iso
            return True
    return False
