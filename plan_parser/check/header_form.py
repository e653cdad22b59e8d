"""Thể thức of the header and the signature (Nghị định 30/2020/NĐ-CP, Điều 8–13, Phụ lục I).

Rules: ``number-blank``, ``date-blank``, ``date-leading-zero``, ``symbol-type-mismatch``,
``number-symbol-malformed``, ``signature-authority``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plan_parser.check.issue import Issue
from plan_parser.extract.symbols import parse_symbol

if TYPE_CHECKING:
    from plan_parser.check.context import CheckContext

_NUMBER_AFTER_SO = re.compile(r"Số\s*:?\s*", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+\d{4}",
                         re.IGNORECASE)


def header_issues(ctx: CheckContext) -> list[Issue]:
    """Blank number or date, leading zeros, symbol shape and type code."""
    from plan_parser.messages import part

    header = ctx.analysis.structure.header
    text = ctx.text
    issues: list[Issue] = []
    if header.number_line is not None:
        line = header.number_line
        if header.number is None and header.symbol is not None:
            issues.append(Issue("number-blank", line.start, line.end,
                                {"line": line.text}, key="number"))
        after = _NUMBER_AFTER_SO.match(text, line.start, line.end)
        if after is not None:
            position = after.end()
            while position < line.end and text[position] in " ._…":
                position += 1  # a blank number
            symbol = parse_symbol(text, position)
            flags = list(symbol.malformed) if symbol is not None else []
            right = symbol.canonical if symbol is not None else ""
            if symbol is not None and symbol.issuer_code and "." in symbol.issuer_code:
                flags.append("dot-for-hyphen")  # "KH-UBND.VP": the drafting unit after a hyphen
                right = right.replace(symbol.issuer_code,
                                      symbol.issuer_code.replace(".", "-"))
            if flags:
                problems = ", ".join(dict.fromkeys(part("number-symbol-malformed", f) or f
                                                    for f in flags))
                issues.append(Issue("number-symbol-malformed", position,
                                    position + len(symbol.text),
                                    {"symbol": symbol.text, "problems": problems,
                                     "right": right}, right))
    if (header.doc_type_code and header.type_code and header.symbol is not None
            and header.type_code != header.doc_type_code):
        sym = header.symbol
        right = sym.text.replace(header.type_code, header.doc_type_code, 1)
        issues.append(Issue("symbol-type-mismatch", sym.start, sym.end,
                            {"symbol": sym.text, "code": header.type_code,
                             "type": header.doc_type_name or "", "right_code":
                             header.doc_type_code}, right))
    if header.date is not None:
        date = header.date
        if header.day is None or header.month is None:
            issues.append(Issue("date-blank", date.start, date.end, {"date": date.text},
                                key="date"))
        m = _DATE_WORDS.search(text, date.start, date.end)
        if m is not None:
            day, month = m.group("day"), m.group("month")
            fixed_day = day.zfill(2) if int(day) < 10 else day
            fixed_month = month.zfill(2) if int(month) in (1, 2) else month
            if (fixed_day, fixed_month) != (day, month):
                written = ctx.display(m.start(), m.end())
                right = (written[:m.start("day") - m.start()] + fixed_day
                         + written[m.end("day") - m.start():m.start("month") - m.start()]
                         + fixed_month + written[m.end("month") - m.start():])
                issues.append(Issue("date-leading-zero", m.start(), m.end(),
                                    {"date": written, "right": right}, right))
    issues.extend(_signature(ctx))
    return issues


def _signature(ctx: CheckContext) -> list[Issue]:
    from plan_parser.messages import rule_options

    options = rule_options("signature-authority")
    signature = ctx.analysis.structure.signature
    if options is None or signature is None:
        return []
    party = ctx.analysis.structure.header.system == "party"
    marks = [a.text.split(" ", 1)[0] for a in signature.authority]
    valid = set(options["party_marks" if party else "state_marks"])
    first = signature.authority[0] if signature.authority else signature.title
    if first is None:
        return []
    issues: list[Issue] = []
    for authority, mark in zip(signature.authority, marks, strict=True):
        if mark not in valid:
            fixed = _fixed_mark(mark, valid)
            issues.append(Issue("signature-authority", authority.start, authority.end,
                                {"problem": f"viết “{mark}” không đúng thể thức"
                                 + (f", phải là “{fixed}”" if fixed else "")},
                                authority.text.replace(mark, fixed, 1) if fixed else None))
    title = signature.title.text.upper() if signature.title else ""
    deputy = title.startswith(tuple(options["deputy_prefixes"]))
    normalized_marks = {m.replace(".", "").replace("/", "") for m in marks}
    problems: list[str] = []
    lines: list[str] = []
    issuer = ctx.analysis.structure.header.issuer_full or ""
    collective = next((c for c in options["collective_issuers"]
                       if issuer.lower().startswith(c.lower())), None)
    if collective and "TM" not in normalized_marks:
        mark = "T/M" if party else "TM."
        problems.append(f"văn bản của tập thể phải ghi “{mark} {collective.upper()}”")
        lines.append(f"{mark} {collective.upper()}")
    if deputy and "KT" not in normalized_marks:
        head = title.split(" ", 1)[1] if " " in title else title
        mark = "K/T" if party else "KT."
        problems.append(f"cấp phó ký thay người đứng đầu phải ghi “{mark} {head}”")
        lines.append(f"{mark} {head}")
    if problems:
        issues.append(Issue("signature-authority", first.start, first.end,
                            {"problem": "; ".join(problems)}, " / ".join(lines)))
    return issues


def _fixed_mark(mark: str, valid: set[str]) -> str | None:
    bare = mark.replace(".", "").replace("/", "").upper()
    for candidate in valid:
        if candidate.replace(".", "").replace("/", "") == bare:
            return candidate
    return None


