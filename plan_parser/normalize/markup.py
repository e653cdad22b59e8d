"""Pass 2 — decoration and tone style: markdown/Word leftovers out, tone marks canonical.

Decoration is removed silently (it is not the drafter's error); tone-style occurrences are
counted so that a document mixing both styles can be reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plan_parser.normalize.offset_map import Edit
from plan_parser.normalize.tone import tone_rules

# A line that may carry decoration starts with one of these characters.
_DECORATED_LINE = re.compile(r"\n[ \t>#\-–]")
# At the start of a line: indentation, blockquote ">", heading "#"s, and the "- " of "- +" bullets.
# A ">" before a number is a comparison ("> 45", a table's band cell), not a blockquote; a ">"
# ending its line is kept too (whether a comparison follows is not known from the line alone).
_LINE_DECORATION = re.compile(
    r"[ \t]*(?:>(?![ \t]*(?:[-+]?\d|$))[ \t]*)*(?:#{1,6}(?:[ \t]+|$))?"
    r"(?:[-–][ \t]+(?=\+(?:[ \t]|$)))?", re.M
)
# runs of "*" (bold, italic, both), except a footnote mark "(*)" and a "* " bullet at line start
_STARS = re.compile(r"\*+")  # a run of stars, read from its first (found by str.find)
# a line that is only a table-cell border of a linearised table ("|"), or the "| " before the
# content of one cell
_CELL_BORDER = re.compile(r"(?m)^[ \t]*\|[ \t|]*$|^[ \t]*\|[ \t]*(?=[^|\s][^|\n]*$)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t|]*\n")
_BOLD_UNDERSCORES = re.compile(r"(?<![^\W_])___?|___?(?![^\W_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")  # the escaped character maps to both


@dataclass(slots=True)
class ToneUse:
    """Where each tone style occurs (offsets in the pass-2 input)."""

    old: list[tuple[int, int]] = field(default_factory=list)
    new: list[tuple[int, int]] = field(default_factory=list)


def markup_edits(text: str, *, at_line_start: bool = True, canonical_tone: bool = True,
                 wrapped: bool = False) -> tuple[list[Edit], ToneUse]:
    """Edits of pass 2 on ``text`` and the tone-style occurrences found. ``wrapped``: the
    text is hard-wrapped (a line break inside an emphasis is a wrap, not a line)."""
    edits: list[Edit] = []
    starts = [m.start() + 1 for m in _DECORATED_LINE.finditer(text)]
    if at_line_start and text[:1] in (" ", "\t", ">", "#", "-", "–"):
        starts.insert(0, 0)
    for start in starts:
        m = _LINE_DECORATION.match(text, start)
        if m.end() > start:
            edits.append((start, m.end(), ""))
    if "*" in text:
        edits.extend(_emphasis_edits(text, wrapped))
    if "|" in text:
        edits.extend((m.start(), m.end(), "") for m in _CELL_BORDER.finditer(text)
                     if m.end() > m.start())
    if "__" in text:
        edits.extend((m.start(), m.end(), "") for m in _BOLD_UNDERSCORES.finditer(text))
    if "\\" in text:
        edits.extend((m.start(), m.end(), m.group(1)) for m in _ESCAPE.finditer(text))
    rules = tone_rules()
    use = ToneUse()
    for start, end, style in rules.scan(text):
        if style == "old":
            use.old.append((start, end))
            if canonical_tone:
                edits.append((start, end, rules.to_new[text[start:end]]))
        else:
            use.new.append((start, end))
    return edits, use


def _emphasis_edits(text: str, wrapped: bool) -> list[Edit]:
    """Remove emphasis stars; a line break inside a bold or italic run becomes a space.

    Converted Markdown wraps lines inside an emphasis ("**ỦY BAN NHÂN\nDÂN**"); emphasis never
    spans a paragraph break, so in hard-wrapped text such a break is a wrap (elsewhere a bold
    signature block "**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**" keeps its lines). A run of n stars
    toggles bold n // 2 times and italic n % 2 times; a blank line (or a table border line)
    closes both.
    """
    edits: list[Edit] = []
    open_at: dict[str, int | None] = {"bold": None, "italic": None}
    last = 0
    for start, end in _star_runs(text):
        if _PARAGRAPH_BREAK.search(text, last, start):  # emphasis never crosses a blank line
            open_at = {"bold": None, "italic": None}
        last = start
        if start and text[start - 1] == "\\":  # "\\*": the escaped star stays, the rest is markup
            start += 1
            if start == end:
                continue
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        closes_line = after in "\r\n" and open_at["italic"] is not None
        if (before == "(" and after == ")") or (
                before.isspace() and after.isspace() and end - start == 1 and not closes_line):
            continue  # a footnote mark "(*)", a lone "*" (a bullet, a multiplication); but
            # "…năm 2025; *" at a line's end closes the italic its paragraph opened
        edits.append((start, end, "\n" if end - start >= 4 and _glued_lines(text, start, end)
                      else ""))
        toggles = [("bold", (end - start) // 2), ("italic", (end - start) % 2)]
        for kind, count in toggles:
            for _ in range(count):
                if open_at[kind] is None:
                    open_at[kind] = end
                else:
                    if wrapped:
                        edits.extend(_wraps_between(text, open_at[kind], start))
                    open_at[kind] = None
    return edits


def _star_runs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of "*", left to right (a run never starts after a star);
    found by ``str.find``, far faster than a regex scan of a text with few stars."""
    start = text.find("*")
    while start != -1:
        end = _STARS.match(text, start).end()
        yield start, end
        start = text.find("*", end)


def _glued_lines(text: str, start: int, end: int) -> bool:
    """A bold run in capitals closed right where the next opens on a capitalised word: two
    lines the conversion glued ("**NGHỊ QUYẾT****Về việc …**"), not a word that emphasis
    splits ("**Các d****ự án**")."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return len(before) == 2 and before.isalpha() and before.isupper() \
        and len(after) == 2 and after.isalpha() and after[0].isupper() and after[1].islower()


def _wraps_between(text: str, start: int, end: int) -> list[Edit]:
    """Each line break in ``text[start:end]`` replaced by a space."""
    edits: list[Edit] = []
    pos = text.find("\n", start, end)
    while pos != -1:
        edits.append((pos, pos + 1, " "))
        pos = text.find("\n", pos + 1, end)
    return edits
