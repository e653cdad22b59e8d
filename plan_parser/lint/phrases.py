"""Phrase lists matched with spaCy's PhraseMatcher over syllable tokens (any case).

The tokenizer is a plain regex (a word is a run of letters/digits, every other non-space
character is a token of its own): spaCy's rule-based tokenizer is ten times slower on a plan and
adds nothing for syllable-level phrase matching. spaCy only sees ``Doc(words=…)``; the character
offsets of the tokens are kept beside it, so every match maps back to the normalized text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from plan_parser.normalize.tone import canonical_tone

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Tokens:
    """A spaCy Doc of a text and the character span of each of its tokens."""

    doc: Any
    starts: tuple[int, ...]
    ends: tuple[int, ...]


@cache
def _nlp() -> Any:
    import spacy

    return spacy.blank("xx")


def tokenize(text: str) -> Tokens:
    """Tokens of ``text`` as a spaCy Doc, with their offsets into ``text``."""
    from spacy.tokens import Doc

    matches = list(_TOKEN.finditer(text))
    words = [m.group() for m in matches]
    starts = tuple(m.start() for m in matches)
    ends = tuple(m.end() for m in matches)
    spaces = [ends[i] < starts[i + 1] for i in range(len(matches) - 1)] + [False] * bool(matches)
    return Tokens(Doc(_nlp().vocab, words=words, spaces=spaces), starts, ends)


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
            out.append((tokens.starts[first], tokens.ends[last - 1], self._payload[match_id]))
        out.sort(key=lambda m: (m[0], -m[1]))
        return out
