"""The syllable model as arrays, for scoring every syllable of a text at once (numpy).

Syllables get ids (their place in the model's word list); a pair is the integer
``first * size + second``, and the pairs the model counts are kept sorted, so that the counts of
all the pairs of a text are found by one binary search in C. ``log_scores`` is
``SyllableModel.log_score`` over arrays: the same formula, the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from plan_parser.spelling.model import DISCOUNT, SyllableModel

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True, slots=True, eq=False)
class ModelArrays:
    """Ids, counts and sorted pair keys of one model."""

    ids: dict[str, int]  # syllable → id
    counts: np.ndarray  # c(w) by id
    continuation: np.ndarray  # P_cont(w) by id (an unseen syllable: half a type)
    followers: np.ndarray  # N1+(w •) by id
    pair_keys: np.ndarray  # sorted first * size + second (int32 where all fit)
    pair_counts: np.ndarray  # the counts of ``pair_keys``
    unknown_continuation: float  # P_cont of a syllable the model does not know

    def id_array(self, words: Sequence[str]) -> np.ndarray:
        """The ids of ``words`` (-1 for a syllable the model does not know)."""
        return np.array(list(map(self.ids.get, words, repeat(-1))), dtype=np.int64)

    def pair_count(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """c(first second) for arrays of ids (0 where either is unknown or the pair unseen)."""
        size = len(self.counts)
        valid = (first >= 0) & (second >= 0)
        keys = np.where(valid, first * size + second, -1).astype(self.pair_keys.dtype, copy=False)
        where = np.searchsorted(self.pair_keys, keys)
        where = np.minimum(where, len(self.pair_keys) - 1)
        found = valid & (self.pair_keys[where] == keys)
        return np.where(found, self.pair_counts[where], 0)

    def histories(self, previous: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For arrays of ids of the word before (-1: none or unknown): its count (1 where it
        has none), whether it has one (else the score backs off to the continuation
        probability alone), and the back-off weight ``D · N1+(previous •) / c(previous)``."""
        safe = np.maximum(previous, 0)
        count = np.where(previous >= 0, self.counts[safe], 0)
        history = count > 0
        count = np.where(history, count, 1)
        return count, history, DISCOUNT * np.maximum(self.followers[safe], 1) / count

    def log_scores(self, previous: np.ndarray, word: np.ndarray,
                   pairs: np.ndarray) -> np.ndarray:
        """log P_KN(word | previous) for arrays of ids (previous -1: none or unknown);
        ``pairs``: c(previous word), from :meth:`pair_count`."""
        continuation = np.where(word >= 0, self.continuation[np.maximum(word, 0)],
                                self.unknown_continuation)
        count, history, weight = self.histories(previous)
        with np.errstate(divide="ignore"):
            backed_off = np.log(continuation)
            interpolated = np.log(np.maximum(pairs - DISCOUNT, 0) / count
                                  + weight * continuation)
        return np.where(history, interpolated, backed_off)


@cache
def model_arrays(model: SyllableModel) -> ModelArrays:
    """The arrays of ``model``, built once per process (the model is hashed by identity)."""
    words = list(model.unigrams)
    ids = {w: i for i, w in enumerate(words)}
    entries = list(model.unigrams.values())
    counts = np.array([e[0] for e in entries], dtype=np.int64)
    left_types = np.array([e[1] for e in entries], dtype=np.float64)
    continuation = np.where(left_types > 0, left_types, 0.5) / model.bigram_types
    followers = np.array([e[2] for e in entries], dtype=np.int64)
    size = len(words)
    keys, values = [], []
    for pair, count in model.bigrams.items():
        first, second = pair.split(" ")
        a, b = ids.get(first), ids.get(second)
        if a is not None and b is not None:
            keys.append(a * size + b)
            values.append(count)
    # (in 32 bits where every key fits: half the memory a text's pairs are looked up in)
    pair_keys = np.array(keys, dtype=np.int32 if size * size < 2**31 else np.int64)
    order = np.argsort(pair_keys, kind="stable")
    return ModelArrays(ids, counts, continuation, followers, pair_keys[order],
                       np.array(values, dtype=np.int64)[order], 0.5 / model.bigram_types)
