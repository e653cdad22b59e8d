"""The syllable bigram model, interpolated Kneser-Ney (Chen & Goodman 1998), loaded lazily
once from syllables.tsv.gz (built by tools/build_syllable_lm.py)."""

from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("syllables.tsv.gz")
DISCOUNT = 0.75


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: one model per process
class SyllableModel:
    """Counts of lower-case syllables and of the pairs seen at least twice."""

    unigrams: dict[str, tuple[int, int, int]]  # word → (count, N1+(• w), N1+(w •))
    bigrams: dict[str, int]  # "first second" → count
    total: int
    bigram_types: int  # N1+(• •), before pruning

    def count(self, word: str) -> int:
        entry = self.unigrams.get(word)
        return entry[0] if entry else 0

    def known(self, word: str) -> bool:
        """A Vietnamese syllable: in the texts or in the word list (count 0)."""
        return word in self.unigrams

    def continuation(self, word: str) -> float:
        """P_cont(word): how many syllables it follows (an unseen one gets half)."""
        entry = self.unigrams.get(word)
        left = entry[1] if entry and entry[1] else 0.5
        return left / self.bigram_types

    def log_score(self, previous: str | None, word: str) -> float:
        """log P_KN(word | previous)."""
        history = self.unigrams.get(previous) if previous is not None else None
        if not history or not history[0]:
            return math.log(self.continuation(word))
        count, _, followers = history
        pair = self.bigrams.get(previous + " " + word, 0)
        weight = DISCOUNT * max(followers, 1) / count
        return math.log(max(pair - DISCOUNT, 0) / count + weight * self.continuation(word))

    def context_score(self, previous: str | None, word: str, following: str | None) -> float:
        """How well ``word`` fits between its neighbours: P(word | previous) · P(next | word)."""
        score = self.log_score(previous, word)
        if following is not None:
            score += self.log_score(word, following)
        return score


@cache
def syllable_model(path: Path = MODEL_PATH) -> SyllableModel:
    """The model, read once per process: a header line, the syllables' lines (four fields),
    then the pairs' (two fields), each section cut into fields at once."""
    with gzip.open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    header, _, body = text.partition("\n")
    total, bigram_types = (int(field) for field in header.split("\t")[1:3])
    first_pair = _FIRST_PAIR_LINE.search(body)
    split = first_pair.start() if first_pair else len(body)
    fields = body[:split].replace("\t", "\n").split("\n")[:-1]
    unigrams = dict(zip(fields[0::4], zip(map(int, fields[1::4]), map(int, fields[2::4]),
                                          map(int, fields[3::4]), strict=True), strict=True))
    fields = body[split:].replace("\t", "\n").split("\n")
    if fields[-1] == "":
        fields.pop()
    bigrams = dict(zip(fields[0::2], map(int, fields[1::2]), strict=True))
    return SyllableModel(unigrams, bigrams, total, bigram_types)


_FIRST_PAIR_LINE = re.compile(r"^[^\t\n]*\t[^\t\n]*$", re.M)  # two fields: "first second\tcount"
