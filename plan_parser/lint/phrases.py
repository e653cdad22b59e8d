"""Phrase lists matched with spaCy's PhraseMatcher over syllable tokens (any case).

The tokens are the document's shared tokenization (:mod:`plan_parser.normalize.tokens`, a plain
regex): spaCy's rule-based tokenizer is ten times slower on a plan and adds nothing for
syllable-level phrase matching. spaCy only sees ``Doc(words=…)``; the character
offsets of the tokens are kept beside it, so every match maps back to the normalized text.

A list's Doc holds only the tokens that can be part of a match, a run of other tokens standing
as one placeholder token that no phrase has: a token that is a phrase by itself, or one that
forms with its neighbour two tokens in a row of some phrase (every pair of neighbours in a match
is such a pair). A match is the same as on the whole text, and the Doc (whose every token is a
lookup in spaCy's vocabulary) is a small fraction of the text's size.

One Doc serves every list of a process that may match in a text (each has all the words of one
of its phrases there): the tokens any of them may use are kept. A list's matches on it are
its matches on the whole text still (a placeholder stands wherever a token is left out, so the
tokens in a row in the Doc are in a row in the text), and the text's tokens are read once.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import Any
from weakref import WeakSet

import numpy as np

from plan_parser.normalize.tokens import Tokens, in_sorted, joint_hashes, tokenize
from plan_parser.normalize.tone import canonical_tone

_GAP = "\x00"  # the placeholder token for a run of tokens no phrase of a list has


def doc_of(tokens: Tokens, words: KeptWords) -> tuple[Any, list[int]]:
    """A spaCy Doc of the tokens that may be in a match (lower case: a phrase of its own in
    ``words.singles``, or in a pair of neighbours in ``words.pairs``), each run of others one
    placeholder; and for each of its tokens the index of the text's token.

    The tokens are compared by their hashes first, in arrays (``Tokens.hashes``); the few
    whose hashes are a phrase's are then looked up as words."""
    from spacy.tokens import Doc

    lower = tokens.lower
    hashes = tokens.hashes()
    keep = np.zeros(len(lower) + 1, dtype=bool)
    if words.pairs and len(lower) > 1:
        joint = joint_hashes(hashes[:-1], hashes[1:])
        for i in np.flatnonzero(in_sorted(joint, words.pair_hashes)).tolist():
            if (lower[i], lower[i + 1]) in words.pairs:
                keep[i] = keep[i + 1] = True  # both tokens of a phrase's pair
    if words.singles:
        for i in np.flatnonzero(in_sorted(hashes, words.single_hashes)).tolist():
            if lower[i] in words.singles:
                keep[i] = True
    kept = np.flatnonzero(keep[:-1]).tolist()
    doc_words: list[str] = []
    index: list[int] = []
    previous = -2
    for i in kept:
        if i != previous + 1:
            doc_words.append(_GAP)
            index.append(i - 1)
        doc_words.append(lower[i])  # matched on LOWER: the same matches
        index.append(i)
        previous = i
    return Doc(_nlp().vocab, words=doc_words), index


class KeptWords:
    """What a text's Doc keeps for some phrase lists: the words that are a phrase by
    themselves, the pairs of neighbours of some phrase, and their hashes (sorted arrays)."""

    __slots__ = ("pair_hashes", "pairs", "single_hashes", "singles")

    def __init__(self, singles: frozenset[str], pairs: frozenset[tuple[str, str]]) -> None:
        self.singles, self.pairs = singles, pairs
        self.single_hashes = np.unique(np.array([hash(w) for w in singles], dtype=np.int64))
        firsts = np.array([hash(a) for a, _ in pairs], dtype=np.int64)
        seconds = np.array([hash(b) for _, b in pairs], dtype=np.int64)
        self.pair_hashes = np.unique(joint_hashes(firsts, seconds))


@cache
def _nlp() -> Any:
    import spacy

    return spacy.blank("xx")


_LISTS: WeakSet[PhraseList] = WeakSet()  # every list of the process, for the shared Doc
_UNIONS: dict[frozenset[PhraseList], KeptWords] = {}
_UNIONS_KEPT = 64  # sets of lists whose words are kept (a process has a handful)


def shared_doc(tokens: Tokens, phrases: PhraseList) -> tuple[Any, list[int]]:
    """The Doc of ``tokens`` (see :func:`doc_of`) that serves ``phrases`` and every other list
    that may match there, built for the first of them to ask (kept with the tokens)."""
    kept = tokens.derived.get("phrase-doc")
    if kept is None or phrases not in kept[0]:
        vocabulary = tokens.vocabulary
        lists = frozenset(p for p in list(_LISTS) if p.may_match(vocabulary)) | {phrases}
        union = _UNIONS.get(lists)
        if union is None:
            if len(_UNIONS) >= _UNIONS_KEPT:
                _UNIONS.clear()
            union = _UNIONS[lists] = KeptWords(frozenset().union(*(p.singles for p in lists)),
                                               frozenset().union(*(p.pairs for p in lists)))
        kept = (lists, *doc_of(tokens, union))
        tokens.derived["phrase-doc"] = kept
    return kept[1], kept[2]


class PhraseList:
    """Phrases matched case-insensitively, in canonical tone style, on token boundaries."""

    def __init__(self, phrases: dict[str, Any]) -> None:
        """``phrases`` maps each phrase to the payload returned with its matches."""
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self._matcher = PhraseMatcher(_nlp().vocab, attr="LOWER")
        self._payload: dict[int, Any] = {}
        singles: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        self._word_sets: list[frozenset[str]] = []
        for index, (phrase, payload) in enumerate(phrases.items()):
            key = f"p{index}"
            words = tokenize(canonical_tone(phrase).lower()).lower
            self._word_sets.append(frozenset(words))
            if len(words) == 1:
                singles.add(words[0])
            pairs.update(pairwise(words))
            self._matcher.add(key, [Doc(_nlp().vocab, words=words)])
            self._payload[_nlp().vocab.strings[key]] = payload
        self.singles, self.pairs = frozenset(singles), frozenset(pairs)
        _LISTS.add(self)

    def may_match(self, vocabulary: frozenset[str]) -> bool:
        """Some phrase has all its words in ``vocabulary`` (a text's distinct tokens)."""
        return any(words <= vocabulary for words in self._word_sets)

    def matches(self, tokens: Tokens) -> list[tuple[int, int, Any]]:
        """``(start, end, payload)`` character spans of every match, in order."""
        if not self.may_match(tokens.vocabulary):
            return []  # no phrase has all its words in the text
        doc, index = shared_doc(tokens, self)
        out = []
        for match_id, first, last in self._matcher(doc):
            out.append((*tokens.span(index[first], index[last - 1] + 1),
                        self._payload[match_id]))
        out.sort(key=lambda m: (m[0], -m[1]))
        return out
