"""The shared tokens split by the code points' tables are those of the regex split."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_parser.normalize.tokens import _SPLIT, _character_tables, _split_by_tables, tokenize

_PIECES = st.sampled_from([" ", "\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\xa0", "\u2000",
                           "\u3000", "_", ",", ".", "(", ")", "–", "“", "%", "/", "0", "9",
                           "²", "½", "Ⅻ", "ǅ", "a", "đ", "ế", "Ắ", "\u0301", "\u200b",
                           "\ufeff", "\u00ad", "kế", "hoạch"])


def _by_regex(text: str) -> tuple[list[str], np.ndarray]:
    parts = _SPLIT.split(text)
    return parts[1::2], np.cumsum(np.fromiter(map(len, parts), dtype=np.int64,
                                              count=len(parts)))


def test_the_tables_are_the_regex_classes() -> None:
    word, space = _character_tables()
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        character = chr(code)
        assert word[code] == bool(re.match(r"\w", character)), hex(code)
        assert space[code] == bool(re.match(r"\s", character)), hex(code)


@settings(max_examples=400)
@given(st.lists(st.one_of(_PIECES, st.characters(max_codepoint=0xFFFF,
                                                 blacklist_categories=("Cs",))), max_size=40))
def test_the_split_by_tables_is_the_regex_split(pieces) -> None:
    text = "".join(pieces)
    split = _split_by_tables(text)
    if not text:
        assert split is None
        return
    words, ends = _by_regex(text)
    assert split[0] == words
    assert np.array_equal(split[1], ends)


def test_texts_the_tables_do_not_read_are_split_by_the_regex() -> None:
    for text in ("", "a 𝐀 b", "a \ud800 b"):
        assert _split_by_tables(text) is None
        tokens = tokenize(text)
        assert tokens.lower == _by_regex(text.lower())[0]
