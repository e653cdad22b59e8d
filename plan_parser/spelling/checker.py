"""Weigh every written syllable against its one-change variants in context.

A syllable the model never saw (a non-word: "chuyễn", "cuar") is reported with the variant
that fits its neighbours best, if it has one the model knows. A real syllable is reported when
a variant fits its neighbours much better ("tiên độ" → "tiến độ": ``margin`` in natural log
units, set on development data; wider by ``one_sided`` when only one neighbour is there; a
syllable standing alone is not judged). Proper names (a capital inside a sentence), words in
capitals and syllables with letters Vietnamese does not use are left alone.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from plan_parser.spelling.model import SyllableModel, syllable_model
from plan_parser.spelling.variants import variants

_SYLLABLE = re.compile(r"[^\W\d_]+")
_FOREIGN = re.compile(r"[fjwz]")  # letters of no Vietnamese word (Telex keys are checked apart)


@dataclass(frozen=True, slots=True)
class Misspelling:
    """A written syllable, its span and the correction."""

    start: int
    end: int
    written: str
    suggestion: str
    kind: str  # "non-word" | "real-word"
    margin: float  # how much better the suggestion fits (log units)


def check_spelling(text: str, start: int = 0, end: int | None = None, *,
                   margin: float = 10.0, one_sided: float = 3.0, min_count: int = 3,
                   model: SyllableModel | None = None) -> list[Misspelling]:
    """The misspelt syllables of ``text[start:end]``, in order."""
    model = model or syllable_model()
    end = len(text) if end is None else end
    tokens = list(_SYLLABLE.finditer(text, start, end))
    words = [m.group().lower() for m in tokens]
    # joined[i]: tokens i and i + 1 are neighbours (only spaces between them)
    joined = [not text[a.end():b.start()].strip(" ") for a, b in itertools.pairwise(tokens)]
    pair_scores: dict[tuple[str | None, str], float] = {}

    def score(previous: str | None, word: str) -> float:
        key = (previous, word)
        value = pair_scores.get(key)
        if value is None:
            value = pair_scores[key] = model.log_score(previous, word)
        return value

    def fits(previous: str | None, word: str, following: str | None) -> float:
        return score(previous, word) + (score(word, following) if following is not None else 0)

    found: list[Misspelling] = []
    for index, m in enumerate(tokens):
        written = m.group()
        if not _checkable(text, m, written):
            continue
        word = words[index]
        known = model.known(word)
        previous = words[index - 1] if index and joined[index - 1] else None
        following = words[index + 1] if index < len(joined) and joined[index] else None
        if known and previous is None and following is None:
            continue  # a real syllable standing alone: nothing to weigh it against
        needed = margin if previous is not None and following is not None \
            else margin + one_sided  # one neighbour is half the evidence: a wider margin
        written_score = fits(previous, word, following)
        if known and written_score > -needed:
            continue  # no variant can fit better by the margin (a score is at most 0)
        candidates = _candidates(word, min_count, model)
        if not candidates:
            continue
        scores = {v: fits(previous, v, following) for v in candidates}
        best = max(candidates, key=lambda v: (scores[v], v))
        gain = scores[best] - written_score
        if not known:
            if _FOREIGN.search(word) and not gain > 0:
                continue
            found.append(Misspelling(m.start(), m.end(), written, _cased(best, written),
                                     "non-word", gain))
        elif gain >= needed:
            found.append(Misspelling(m.start(), m.end(), written, _cased(best, written),
                                     "real-word", gain))
    return found


@lru_cache(maxsize=65536)
def _candidates(word: str, min_count: int, model: SyllableModel) -> tuple[str, ...]:
    """The variants of ``word`` the model has seen at least ``min_count`` times (cached: a
    document repeats its words)."""
    return tuple(sorted(v for v in variants(word) if model.count(v) >= min_count))


def _checkable(text: str, m: re.Match[str], written: str) -> bool:
    """Not a proper name, an acronym or a heading in capitals."""
    if len(written) > 1 and written.isupper():
        return False
    return not (written[0].isupper() and not _sentence_start(text, m.start()))


def _sentence_start(text: str, position: int) -> bool:
    i = position - 1
    while i >= 0 and text[i] in " \t*(\"“-–•+":
        i -= 1
    return i < 0 or text[i] in "\n.:;!?"


def _cased(word: str, written: str) -> str:
    return word[0].upper() + word[1:] if written[:1].isupper() else word
