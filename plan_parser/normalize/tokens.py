"""The tokens of a normalized text: words (runs of letters and digits) and single marks.

A plain regex split (a word is ``\\w+``, every other non-space character is a token of its
own) with the character offsets of every token kept beside it (in an array). One tokenization
of a document is shared by the later stages that read it word by word (the lint's phrase lists
and doubled words, the parent check's copied passages, the spelling checker's syllables), with
what they work out from it once (the tokens' hashes, the phrase lists' Doc: ``derived``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

_SPLIT = re.compile(r"(\w+|[^\w\s])")


class Tokens:
    """The tokens of a text in lower case and their character offsets into the text."""

    __slots__ = ("_ends", "_vocabulary", "derived", "lower", "lower_codes", "lower_text", "text")

    def __init__(self, text: str, lower: str | None = None) -> None:
        """``lower``: ``text`` in lower case, position for position, if the caller has it."""
        self.text = text
        if lower is None or len(lower) != len(text):
            lower = text.lower()
        # the whole text in lower case, position for position, where split so (else None)
        self.lower_text: str | None = lower
        # the code points of ``lower_text`` where the split read them (else None)
        self.lower_codes: np.ndarray | None = None
        split = _split_by_tables(lower) if len(lower) == len(text) else None
        if split is not None:  # (most texts: split once, in lower case, by C-level calls)
            self.lower, self._ends, self.lower_codes = split
        else:
            if len(lower) == len(text):  # split once, in lower case
                parts = _SPLIT.split(lower)
                self.lower: list[str] = parts[1::2]
            else:  # a letter that lower-cases to two code points: offsets from the text itself
                self.lower_text = None
                parts = _SPLIT.split(text)
                self.lower = list(map(str.lower, parts[1::2]))
            # gaps and tokens alternate: ["", "kế", " ", "hoạch", …]; the running lengths give
            # every token's offsets without a Python loop over the tokens
            self._ends = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64,
                                               count=len(parts)))
        self._vocabulary: frozenset[str] | None = None
        # what later stages work out from these tokens once and share, by key (for this text
        # only: it goes with the tokens)
        self.derived: dict[str, Any] = {}

    @property
    def vocabulary(self) -> frozenset[str]:
        """The distinct tokens, lower case."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(self.lower)
        return self._vocabulary

    def hashes(self) -> np.ndarray:
        """Python's hash of every lower-case token, in an array (worked out once: read by the
        doubled words and the phrase lists, which compare tokens by them first)."""
        found = self.derived.get("hashes")
        if found is None:
            found = self.derived["hashes"] = np.fromiter(map(hash, self.lower), dtype=np.int64,
                                                         count=len(self.lower))
        return found

    @property
    def bounds(self) -> np.ndarray:
        """Where each token starts and ends, in turn: token ``k`` is
        ``[bounds[2k], bounds[2k + 1])`` (and the text's end last)."""
        return self._ends

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens ``[first, last)``."""
        return int(self._ends[2 * first]), int(self._ends[2 * last - 1])

    def gap(self, k: int) -> str:
        """The text between token ``k`` and token ``k + 1``."""
        return self.text[int(self._ends[2 * k + 1]):int(self._ends[2 * k + 2])]

    def first_at(self, position: int) -> int:
        """The index of the first token that starts at or after character ``position``."""
        # _ends[2k] is where token k starts, _ends[2k + 1] where it ends
        return (int(np.searchsorted(self._ends, position)) + 1) // 2


def _split_by_tables(text: str) -> tuple[list[str], np.ndarray, np.ndarray] | None:
    """The tokens of ``text``, their offsets (``Tokens._ends``) as the regex split gives
    them, and the text's code points, read from those code points where it has no character
    beyond the Basic Multilingual Plane (else None): a word character (``\\w``) or a space
    (``\\s``) is looked up in a table per code point; a space put on either side of every
    mark, the text's own split on white space (``str.split``, whose spaces are the regex's)
    gives the tokens in order."""
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # (a lone surrogate)
        return None
    if not len(codes) or codes.max() > 0xFFFF:
        return None
    word_table, space_table = _character_tables()
    word = word_table[codes]
    mark = ~(word | space_table[codes])
    size = len(codes)
    # a token starts at a word character after none (or at the start), or at a mark; it ends
    # after a word character before none (or at the end), or after a mark
    starts = mark.copy()
    starts[0] |= word[0]
    starts[1:] |= word[1:] > word[:-1]
    ends = mark.copy()
    ends[-1] |= word[-1]
    ends[:-1] |= word[:-1] > word[1:]
    bounds = np.empty(2 * int(np.count_nonzero(starts)) + 1, dtype=np.int64)
    bounds[0:-1:2] = np.flatnonzero(starts)
    bounds[1:-1:2] = np.flatnonzero(ends) + 1
    bounds[-1] = size
    if mark.any():  # every mark written " , ": three code points for one
        spread = np.repeat(codes, 1 + 2 * mark)
        at = np.flatnonzero(mark) + 2 * np.arange(int(np.count_nonzero(mark)))
        spread[at] = spread[at + 2] = ord(" ")
        text = spread.tobytes().decode("utf-32-le")
    return text.split(), bounds, codes


@cache
def _character_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per code point of the Basic Multilingual Plane: whether the regex's ``\\w`` takes it
    (alphanumeric or "_") and whether its ``\\s`` does (white space)."""
    word = code_point_table(str.isalnum).copy()
    word[ord("_")] = True
    return word, code_point_table(str.isspace)


@cache
def code_point_table(test: Callable[[str], bool]) -> np.ndarray:
    """``test`` of every code point of the Basic Multilingual Plane, in an array (made once per
    process and test; shared, not to be written to)."""
    return np.fromiter(map(test, _bmp_characters()), dtype=bool, count=0x10000)


@cache
def _bmp_characters() -> tuple[str, ...]:
    return tuple(map(chr, range(0x10000)))


def joint_hashes(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """One number for each pair of hashes (:meth:`Tokens.hashes`; equal pairs give equal
    numbers, two pairs rarely the same)."""
    return first.view(np.uint64) * np.uint64(1_000_003) + second.view(np.uint64)


def in_sorted(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """For each of ``values``: whether ``sorted_values`` (an array in order) has it."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    where = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[where] == values


def tokenize(text: str, lower: str | None = None) -> Tokens:
    """Tokens of ``text`` with their offsets into ``text`` (``lower``: see :class:`Tokens`)."""
    return Tokens(text, lower)


def is_mark(token: str) -> bool:
    """A token that is a single mark (punctuation, a symbol), not a word."""
    return len(token) == 1 and not (token.isalnum() or token == "_")
