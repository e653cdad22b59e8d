"""Pass 2 — decoration and tone style: markdown/Word leftovers out, tone marks canonical.

Decoration is removed silently (it is not the drafter's error); tone-style occurrences are
counted so that a document mixing both styles can be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plan_parser.normalize.offset_map import Edit
from plan_parser.normalize.tone import tone_rules

# A line that may carry decoration starts with one of these characters.
_DECORATED_LINE = re.compile(r"\n[ \t>#\-–]")
# At the start of a line: indentation, blockquote ">", heading "#"s, and the "- " of "- +" bullets.
_LINE_DECORATION = re.compile(
    r"[ \t]*(?:>[ \t]*)*(?:#{1,6}(?:[ \t]+|$))?(?:[-–][ \t]+(?=\+(?:[ \t]|$)))?", re.M
)
_BOLD_STARS = re.compile(r"\*\*\*?")  # literal prefix: scanned fast
_BOLD_UNDERSCORES = re.compile(r"(?<![^\W_])___?|___?(?![^\W_])")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|<>~])")


@dataclass(slots=True)
class ToneUse:
    """Where each tone style occurs (offsets in the pass-2 input)."""

    old: list[tuple[int, int]] = field(default_factory=list)
    new: list[tuple[int, int]] = field(default_factory=list)


def markup_edits(text: str, *, at_line_start: bool = True,
                 canonical_tone: bool = True) -> tuple[list[Edit], ToneUse]:
    """Edits of pass 2 on ``text`` and the tone-style occurrences found."""
    edits: list[Edit] = []
    starts = [m.start() + 1 for m in _DECORATED_LINE.finditer(text)]
    if at_line_start and text[:1] in (" ", "\t", ">", "#", "-", "–"):
        starts.insert(0, 0)
    for start in starts:
        m = _LINE_DECORATION.match(text, start)
        if m.end() > start:
            edits.append((start, m.end(), ""))
    if "**" in text:
        edits.extend((m.start(), m.end(), "") for m in _BOLD_STARS.finditer(text))
    if "__" in text:
        edits.extend((m.start(), m.end(), "") for m in _BOLD_UNDERSCORES.finditer(text))
    if "\\" in text:
        edits.extend((m.start(), m.end(), "") for m in _ESCAPE.finditer(text))
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
