"""Page furniture of PDF text: running headers/footers and page numbers at page boundaries.

The PDF reader separates pages with a line holding a form feed. A line that sits at a page
boundary (first or last non-blank line of a page) is furniture when it is a bare page number,
or when the same line (digits ignored) sits at the boundaries of at least half of the pages.
"""

from __future__ import annotations

import re
from collections import Counter

from plan_parser.normalize.offset_map import Edit

_DIGITS = re.compile(r"\d+")
_LINE = re.compile(r"[^\n]*")
MAX_FURNITURE_LENGTH = 80


def _boundary_lines(page: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of the first and last non-blank lines of a page (original offsets)."""
    spans = [(m.start() + offset, m.end() + offset) for m in _LINE.finditer(page)
             if m.group().strip() and m.group().strip() != "\f"]
    if not spans:
        return []
    return [spans[0]] if len(spans) == 1 else [spans[0], spans[-1]]


def page_furniture_edits(text: str, page_number: re.Pattern[str]) -> list[Edit]:
    """Deletions of running headers, footers and page numbers (only when pages are marked)."""
    if "\f" not in text:
        return []
    pages: list[tuple[int, str]] = []
    offset = 0
    for page in text.split("\f"):
        pages.append((offset, page))
        offset += len(page) + 1
    boundary: list[tuple[int, int, str]] = []
    for page_offset, page in pages:
        for start, end in _boundary_lines(page, page_offset):
            boundary.append((start, end, _DIGITS.sub("#", text[start:end].strip())))
    repeated = {key for key, count in _page_counts(boundary, pages).items()
                if count >= max(2, (len(pages) + 1) // 2)}
    edits: list[Edit] = []
    for start, end, key in boundary:
        line = text[start:end].strip()
        if page_number.fullmatch(line) or (key in repeated and len(line) <= MAX_FURNITURE_LENGTH):
            edits.append((start, end, ""))
    return sorted(set(edits))


def _page_counts(boundary: list[tuple[int, int, str]], pages: list[tuple[int, str]]) -> Counter:
    """On how many pages each boundary line (digits ignored) occurs."""
    from bisect import bisect_right

    starts = [offset for offset, _ in pages]
    seen = {(bisect_right(starts, start) - 1, key) for start, _end, key in boundary}
    return Counter(key for _, key in seen)
