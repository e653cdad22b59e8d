"""``repetition``: words written twice by mistake ("của của", "thực hiện thực hiện").

Options: ``allow``: words Vietnamese doubles on purpose (reduplication: "ngày ngày",
"chung chung"); ``lexicon``: a word list (``package:path``) — a doubled syllable that is a word
of the list ("song song") is no mistake, nor one doubled where two words meet ("hành vi | vi
phạm"; see ``_at_word_boundary``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from plan_parser.extract.scan import lowered
from plan_parser.lint.context import LintContext
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding
from plan_parser.normalize.tokens import Tokens
from plan_parser.normalize.tone import canonical_tone

_WORD_BEFORE = re.compile(r"([^\W\d_]+)(?:[ \t]+|[ \t]*\n[ \t]*)$")  # a wrapped line too
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")


@cache
def lexicon(spec: str) -> frozenset[str]:
    """Lower-cased, canonical-tone entries of a word list shipped in an installed package."""
    import importlib.util
    from pathlib import Path

    package, _, relative = spec.partition(":")
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(found.submodule_search_locations))) / relative
    if not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset(canonical_tone(line.strip()).lower() for line in handle if line.strip())


def _repeats(words: list[str], hashes: np.ndarray | None = None) -> list[tuple[int, int]]:
    """``(index, size)`` of every sequence of 1–3 words written twice in a row.

    Word k is compared with word k + d for d = 1, 2, 3 by the words' hashes, in arrays
    (``hashes``, if the caller has them: see ``Tokens.hashes``); only the few pairs of equal
    hashes are compared as words, in Python.
    """
    n = len(words)
    if hashes is None:
        hashes = np.fromiter(map(hash, words), dtype=np.int64, count=n)
    same = [[i for i in np.flatnonzero(hashes[:-d] == hashes[d:]).tolist()
             if words[i] == words[i + d]] for d in (1, 2, 3)]
    found = [(i, 1) for i in same[0]]
    two_apart = set(same[1])
    found += [(i, 2) for i in same[1] if i + 1 in two_apart and words[i] != words[i + 1]]
    found += [(i, 3) for i in same[2] if i + 5 < n and words[i:i + 3] == words[i + 3:i + 6]]
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Doubled:
    """A run written twice: its span, and where the first copy ends."""

    start: int
    end: int
    first_end: int


def find_doubled(text: str, tokens: Tokens, allowed: frozenset[str] = frozenset(),
                 lexicon_spec: str | None = None, doubled_share: float = 0.0) -> list[Doubled]:
    """Every run of 1–3 words written twice in a row on one line in ``text`` (``tokens`` its
    tokenization), less the doublings Vietnamese makes on purpose: ``allowed`` words
    ("ngày ngày"), a doubled syllable that is a word of the lexicon ("song song") or where two
    of its words meet ("hành vi | vi phạm"), where the first copy ends a word only if official
    texts write the syllable twice at least ``doubled_share`` of its uses ("hệ số | số …")."""
    words = tokens.lower
    candidates = _repeats(words, tokens.hashes())
    found: list[Doubled] = []
    if not candidates:
        return found
    lower = lowered(text)  # position for position (cached: the lint's other rules read it)
    taken = -1
    for i, size in candidates:
        last = i + 2 * size - 1  # the last token of the repeated run
        if i < taken or not all(words[k].isalpha() for k in range(i, i + size)) \
                or not all(tokens.gap(k).strip(" \t") == "" for k in range(i, last)):
            continue  # words only ("10 10" is no slip), on one line
        start, end = tokens.span(i, last + 1)
        repeated = " ".join(words[i:i + size])
        if repeated in allowed or text[start:end].isupper() or (size == 1 and
                                                                 len(repeated) < 2):
            continue
        if size == 1 and lexicon_spec and (
                f"{repeated} {repeated}" in lexicon(lexicon_spec)
                or _at_word_boundary(lexicon(lexicon_spec), lower, start, end, repeated,
                                     doubled_share)):
            continue  # "song song" is a word; "hành vi | vi phạm" two words meeting
        taken = i + 2 * size
        found.append(Doubled(start, end, tokens.span(i, i + size)[1]))
    return found


def _doubling_share(syllable: str) -> float:
    """How often official texts write the syllable twice in a row, per use (the syllable
    model keeps the pairs seen at least twice): "vi" 0.10 ("hành vi vi phạm"), "số" 0.0017
    ("hệ số | số …"); "động" 0.0002, "hoạch" and "hiện" 0, which only a slip doubles."""
    from plan_parser.spelling.model import syllable_model

    model = syllable_model()
    total = model.count(syllable)
    return model.bigrams.get(f"{syllable} {syllable}", 0) / total if total else 0.0


def _at_word_boundary(words: frozenset[str], lower: str, start: int, end: int,
                      syllable: str, doubled_share: float) -> bool:
    """"hành vi vi phạm": the first copy ends a word ("hành vi"), or the second starts one
    ("vi phạm") and the syllable also stands free in official texts: "nếu có | có thể" ("có"
    is inside a listed word in 14 % of its uses), but not "đúng kế | kế hoạch" nor "báo cáo
    thống | thống kê" ("kế", "thống": in all their uses; a doubled syllable of one word).
    Requiring both sides flagged some 200 doublings of the real documents that are two words
    meeting ("hệ số | số vụ", "nhân tạo | tạo ra"). The word before may end the line above
    ("hành\nvi vi phạm")."""
    before = _WORD_BEFORE.search(lower, max(0, start - 20), start)
    ends = bool(before and f"{before.group(1)} {syllable}" in words)
    after = _WORD_AFTER.match(lower, end)
    starts = bool(after and f"{syllable} {after.group(1)}" in words)
    if ends:
        # two words meet ("đô thị | thị xã"), or a syllable official texts often write twice
        # ("hệ số | số vụ"); not "hoạt động | động của", "kế hoạch | hoạch của": a slip
        return starts or _doubling_share(syllable) >= doubled_share
    return starts and _bound_share(words, syllable) < _BOUND


# share of a syllable's uses inside a listed word at or above which it is bound, set on the
# tuning part (3,500 sentences, seed 11). The share of uses that start a word, at 0.7, found
# 0.80 of the injected doublings; the share that start or end one finds 0.87 at 0.6 (0.83 at
# 0.95, 0.84 at 0.8, 0.87 at 0.5). Over the 692 development documents 0.6 adds 12 findings, 2
# of them slips ("Luật ban Ban hành") and 10 two words meeting ("người học | học tập", "số
# bản | bản án"); reading the word before on the line above drops 8 false ones.
_BOUND = 0.6


def _bound_share(words: frozenset[str], syllable: str) -> float:
    """How often official texts write ``syllable`` as the first or the last of a two-syllable
    word of the list (the syllable model's pair counts; a syllable between two words counts
    twice): "thống" 1.0 ("thống kê", "hệ thống"), "bản" 0.93, "điều" 0.40, "có" 0.14."""
    from plan_parser.spelling.model import syllable_model

    model = syllable_model()
    total = model.count(syllable)
    if not total:
        return 0.0
    firsts, seconds = _neighbours(words)
    started = sum(model.bigrams.get(f"{syllable} {second}", 0)
                  for second in firsts.get(syllable, ()))
    ended = sum(model.bigrams.get(f"{first} {syllable}", 0)
                for first in seconds.get(syllable, ()))
    return (started + ended) / total


@lru_cache(maxsize=2)
def _neighbours(words: frozenset[str]) -> tuple[dict[str, tuple[str, ...]],
                                                dict[str, tuple[str, ...]]]:
    """For each syllable, the second syllables of the two-syllable words it starts, and the
    first syllables of those it ends."""
    starts: dict[str, list[str]] = {}
    ends: dict[str, list[str]] = {}
    for word in words:
        first, _, second = word.partition(" ")
        if second and " " not in second:
            starts.setdefault(first, []).append(second)
            ends.setdefault(second, []).append(first)
    return ({k: tuple(v) for k, v in starts.items()}, {k: tuple(v) for k, v in ends.items()})


def allowed_words(rule: LintRule) -> frozenset[str]:
    """The rule's ``allow`` list, lower case, canonical tone."""
    return frozenset(canonical_tone(w).lower() for w in rule.options.get("allow", []))


class RepetitionEngine:
    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        tokens = ctx.tokens  # shared with the phrase rules
        for d in find_doubled(ctx.text, tokens, allowed_words(rule), rule.options.get("lexicon"),
                              float(rule.options.get("doubled_share", 0.0))):
            word = ctx.display(d.start, d.first_end)
            yield ctx.finding(rule, d.start, d.end, word, word=word)
