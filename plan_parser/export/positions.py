"""Original-text positions: 0-based code-point offsets to 1-based line and column."""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line/column lookup for one text ("\\r\\n", "\\r" and "\\n" all end a line)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``."""
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    @property
    def line_count(self) -> int:
        """Number of lines."""
        return len(self._starts)
