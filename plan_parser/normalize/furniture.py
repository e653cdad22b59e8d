"""Publisher furniture: running headers of the Gazette, a website's notices and tables.

The patterns are data (``rules/normalize/furniture.yaml``); this module compiles them and turns
every match into a deletion edit of pass 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.normalize.offset_map import Edit
from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class FurniturePattern:
    """One kind of furniture: its name and compiled pattern."""

    name: str
    pattern: re.Pattern[str]
    anchors: tuple[str, ...]  # literals one of which every match contains (a fast pre-check)


@cache
def furniture_patterns() -> tuple[FurniturePattern, ...]:
    """The compiled furniture patterns of the rule file."""
    entries = (load_rules("normalize/furniture") or {}).get("furniture", [])
    patterns = []
    for entry in entries:
        source = _crlf_tolerant(entry["pattern"])
        patterns.append(FurniturePattern(entry["name"], re.compile(source),
                                         tuple(entry.get("anchors") or ())))
    return tuple(patterns)


def _crlf_tolerant(pattern: str) -> str:
    r"""``\n`` outside a character class also matches ``\r\n``; inside one, ``\r`` joins it."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            pair = pattern[i:i + 2]
            if pair == r"\n":
                out.append(r"\r\n" if in_class else r"\r?\n")
            else:
                out.append(pair)
            i += 2
            continue
        if pattern[i] == "[" and not in_class:
            in_class = True
        elif pattern[i] == "]" and in_class:
            in_class = False
        out.append(pattern[i])
        i += 1
    return "".join(out)


def furniture_edits(text: str) -> list[Edit]:
    """Deletions of every furniture match in ``text``."""
    edits: list[Edit] = []
    for furniture in furniture_patterns():
        if furniture.anchors and not any(a in text for a in furniture.anchors):
            continue
        edits.extend((m.start(), m.end(), "") for m in furniture.pattern.finditer(text)
                     if m.end() > m.start())
    return edits
