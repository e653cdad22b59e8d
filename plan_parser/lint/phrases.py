"""Phrase lists matched with spaCy's PhraseMatcher over syllable tokens (any case).

The tokenizer is a plain regex (a word is a run of letters/digits, every other non-space
character is a token of its own): spaCy's rule-based tokenizer is ten times slower on a plan and
adds nothing for syllable-level phrase matching. spaCy only sees ``Doc(words=…)``; the character
offsets of the tokens are kept beside it, so every match maps back to the normalized text.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate
from typing import Any

from plan_parser.normalize.tone import canonical_tone

_TOKEN = re.compile(r"\w+|[^\w\s]")
_SPLIT = re.compile(r"(\w+|[^\w\s])")


class Tokens:
    """A spaCy Doc of a text; the character spans of its tokens are computed on first use."""

    __slots__ = ("_ends", "doc", "text")

    def __init__(self, text: str) -> None:
        from spacy.tokens import Doc

        self.text = text
        # gaps and tokens alternate: ["", "Kế", " ", "hoạch", …]; the running lengths give
        # every token's offsets without a Python loop over the matches
        parts = _SPLIT.split(text)
        self.doc = Doc(_nlp().vocab, words=parts[1::2])
        self._ends = list(accumulate(map(len, parts)))

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens ``[first, last)``."""
        return self._ends[2 * first], self._ends[2 * last - 1]


@cache
def _nlp() -> Any:
    import spacy

    return spacy.blank("xx")


def tokenize(text: str) -> Tokens:
    """Tokens of ``text`` as a spaCy Doc, with their offsets into ``text``."""
    return Tokens(text)


class PhraseList:
    """Phrases matched case-insensitively, in canonical tone style, on token boundaries."""

    def __init__(self, phrases: dict[str, Any]) -> None:
        """``phrases`` maps each phrase to the payload returned with its matches."""
        from spacy.matcher import PhraseMatcher

        self._matcher = PhraseMatcher(_nlp().vocab, attr="LOWER")
        self._payload: dict[int, Any] = {}
        for index, (phrase, payload) in enumerate(phrases.items()):
            key = f"p{index}"
            self._matcher.add(key, [tokenize(canonical_tone(phrase).lower()).doc])
            self._payload[_nlp().vocab.strings[key]] = payload

    def matches(self, tokens: Tokens) -> list[tuple[int, int, Any]]:
        """``(start, end, payload)`` character spans of every match, in order."""
        out = []
        for match_id, first, last in self._matcher(tokens.doc):
            out.append((*tokens.span(first, last), self._payload[match_id]))
        out.sort(key=lambda m: (m[0], -m[1]))
        return out
