"""Names wrapped over two lines of a header or signature block ("ỦY BAN NHÂN" / "DÂN TỈNH X",
"TM. ỦY BAN" / "NHÂN DÂN", "BỘ KHOA HỌC VÀ" / "CÔNG NGHỆ")."""

from __future__ import annotations

from plan_parser.extract.agencies import find_heads, match_agency
from plan_parser.structure.rules import structure_rules


def continues_name(first: str, second: str) -> bool:
    """True when ``second`` is the rest of a name that ``first`` breaks off: ``first`` ends
    with "và", a comma or a hyphen, or an agency name read over both lines crosses the break."""
    first, second = first.rstrip(), second.strip()
    if not first or not second:
        return False
    rules = structure_rules()
    if first.endswith(rules.name_open_endings) or second.upper().startswith(
            rules.name_continuations):
        return True
    joined = f"{first} {second}"
    boundary = len(first)
    for m in find_heads(joined, 0, len(joined)):
        if m.start() >= boundary:
            break
        if m.end() > boundary:
            return True
        agency = match_agency(joined, m.start())
        if agency is not None and agency.end > boundary + 1 and agency.field is not None:
            return True
    return False
