"""The tokens of a normalized text: words (runs of letters and digits) and single marks.

A plain regex split (a word is ``\\w+``, every other non-space character is a token of its
own) with the character offsets of every token kept beside it. One tokenization of a document
is shared by the later stages that read it word by word (the lint's phrase lists and doubled
words, the parent check's copied passages).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

_SPLIT = re.compile(r"(\w+|[^\w\s])")


class Tokens:
    """The tokens of a text (as written and in lower case) and their character offsets."""

    __slots__ = ("_ends", "lower", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        # gaps and tokens alternate: ["", "Kế", " ", "hoạch", …]; the running lengths give
        # every token's offsets without a Python loop over the tokens
        parts = _SPLIT.split(text)
        self.words: list[str] = parts[1::2]
        self.lower: list[str] = list(map(str.lower, self.words))
        self._ends = list(accumulate(map(len, parts)))

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens ``[first, last)``."""
        return self._ends[2 * first], self._ends[2 * last - 1]

    def gap(self, k: int) -> str:
        """The text between token ``k`` and token ``k + 1``."""
        return self.text[self._ends[2 * k + 1]:self._ends[2 * k + 2]]

    def first_at(self, position: int) -> int:
        """The index of the first token that starts at or after character ``position``."""
        # _ends[2k] is where token k starts, _ends[2k + 1] where it ends
        return (bisect_left(self._ends, position) + 1) // 2


def tokenize(text: str) -> Tokens:
    """Tokens of ``text`` with their offsets into ``text``."""
    return Tokens(text)


def is_mark(token: str) -> bool:
    """A token that is a single mark (punctuation, a symbol), not a word."""
    return len(token) == 1 and not (token.isalnum() or token == "_")
