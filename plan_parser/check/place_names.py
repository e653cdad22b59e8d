"""One place written two ways in one document ("xã Diên Châu" … "xã Diễn Châu").

Places are the proper names after a generic noun (tỉnh, thành phố, xã, phường, đặc khu).
Spellings that differ only in their marks (not in case or tone placement, which other rules
report) are one place written inconsistently; the spelling the 2025 gazetteer knows, else the
most frequent one, is the suggestion.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from plan_parser.check.issue import Issue
from plan_parser.extract.scan import word_start_matches
from plan_parser.gazetteer import gazetteer, name_key

if TYPE_CHECKING:
    from plan_parser.check.context import CheckContext

# no leading lookbehind: the regex engine skips ahead on the first letters (word_start_matches)
_GENERIC = re.compile(r"(?:thành\s+phố|tỉnh|xã|phường|đặc\s+khu)[ \t]+"
                      r"(?P<name>[^\W\d_][^\W\d_]*(?:[ \t]+[^\W\d_]+){0,2})")


@cache
def _bare(name: str) -> str:
    """Without any marks: "Diễn Châu" → "dien chau"."""
    decomposed = unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def place_name_issues(ctx: CheckContext) -> list[Issue]:
    """``place-name-inconsistent``: the less frequent spellings of a place."""
    text, lower = ctx.text, ctx.lower
    uses: dict[str, list[tuple[int, int, str]]] = {}
    for m in word_start_matches(_GENERIC, lower, is_inside=str.isalpha):
        words = text[m.start("name"):m.end("name")].split()
        count = 0
        while count < len(words) and words[count][0].isupper():
            count += 1  # the capitalised syllables of the name
        if count == 0 or text[m.start():m.end()].isupper():
            continue
        start = m.start("name")
        end = start + len(" ".join(words[:count]))
        name = text[start:end]
        uses.setdefault(_bare(name), []).append((start, end, name_key(name)))
    gaz = gazetteer()
    issues = []
    for spans in uses.values():
        spellings = Counter(key for _, _, key in spans)
        if len(spellings) < 2:
            continue
        known = [k for k in spellings if gaz.province(k) or gaz.communes_named(k)]
        main = known[0] if len(known) == 1 else spellings.most_common(1)[0][0]
        display = next(ctx.display(s, e) for s, e, k in spans if k == main)
        for start, end, key in spans:
            if key != main:
                issues.append(Issue("place-name-inconsistent", start, end,
                                    {"name": ctx.display(start, end), "main": display},
                                    display))
    return issues
