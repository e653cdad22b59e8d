"""Weigh every written syllable against its one-change variants in context.

A syllable the model never saw (a non-word: "chuyễn", "cuar") is reported with the variant
that fits its neighbours best, if it has one the model knows. A real syllable is reported when
a variant fits its neighbours much better ("tiên độ" → "tiến độ": ``margin`` in natural log
units, set on development data; wider by ``one_sided`` when only one neighbour is there; a
syllable standing alone is not judged). Proper names (a capital inside a sentence), words in
capitals and syllables with letters Vietnamese does not use are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, compress, count
from operator import itemgetter, not_

import numpy as np

from plan_parser.normalize.tokens import Tokens, code_point_table, is_mark
from plan_parser.spans import SpanSet
from plan_parser.spelling.arrays import ModelArrays, model_arrays
from plan_parser.spelling.fixed_names import Shortened, shortened_names
from plan_parser.spelling.model import DISCOUNT, SyllableModel, syllable_model
from plan_parser.spelling.variants import variants

_SYLLABLE_SPLIT = re.compile(r"([^\W\d_]+)")
_FOREIGN = re.compile(r"[fjwz]")  # letters of no Vietnamese word (Telex keys are checked apart)


@dataclass(frozen=True, slots=True)
class Misspelling:
    """A written syllable, its span and the correction."""

    start: int
    end: int
    written: str
    suggestion: str
    kind: str  # "non-word" | "real-word" | "split" | "joined" | "missing"
    margin: float  # how much better the suggestion fits (log units)


def check_spelling(text: str, start: int = 0, end: int | None = None, *,
                   margin: float = 10.0, one_sided: float = 3.0, min_count: int = 3,
                   stroke_ease: float = 0.0, real_words: bool = True,
                   model: SyllableModel | None = None) -> list[Misspelling]:
    """The misspelt syllables of ``text[start:end]``, in order.

    ``real_words=False`` leaves out what only the context tells (a real syllable that a
    variant fits better, alone or as a pair: the costly part); non-words, syllables split by a
    space (where a piece is a non-word or a single letter) or run together, and agency names
    missing a syllable are still read.

    A real syllable whose best variant only swaps d and đ needs ``stroke_ease`` less than the
    margin: the stroke left out or typed twice is the commonest slip of its kind. The tests
    that clear most syllables (lower case, a known syllable, the written pair scores, an upper
    bound of what any variant could gain) run over all syllables at once, in arrays
    (``plan_parser/spelling/arrays.py``); only the syllables left are weighed against their
    variants one by one.
    """
    model = model or syllable_model()
    end = len(text) if end is None else end
    found = _check_range(text, start, end, margin, one_sided, min_count, stroke_ease,
                         real_words, model)
    return _with_shortened_names(text, start, end, found, model)


def check_real_words(text: str, *, margin: float = 10.0, one_sided: float = 3.0,
                     min_count: int = 3, stroke_ease: float = 0.0,
                     model: SyllableModel | None = None,
                     names: list[Shortened] | None = None,
                     tokens: Tokens | None = None) -> list[Misspelling]:
    """``[f for f in check_spelling(text) if f.kind == "real-word"]``: what only the context
    tells, without weighing the non-words. A real-word finding is dropped where a split or
    joined syllable or a shortened agency name covers it, so the word breaks are read only
    around the real-word findings (a break covers its syllable and the next one at most);
    ``names``: ``shortened_names(text, 0, len(text), model)`` if the caller has it (the lint
    reads them once for both spelling rules). ``tokens``: the text's shared tokens, if the
    caller has them (its syllables are then read from them, not split again). The same
    findings as the filtered whole (a test checks)."""
    model = model or syllable_model()
    found = _check_range(text, 0, len(text), margin, one_sided, min_count, stroke_ease, True,
                         model, only_real=True, shared=tokens)
    found = _with_shortened_names(text, 0, len(text), found, model, names)
    return [f for f in found if f.kind == "real-word"]


def check_non_words(text: str, tokens: Tokens, *, margin: float = 10.0,
                    one_sided: float = 3.0, min_count: int = 3, stroke_ease: float = 0.0,
                    model: SyllableModel | None = None,
                    names: list[Shortened] | None = None) -> list[Misspelling]:
    """``check_spelling(text, real_words=False)``, read only around the words that can hold
    such a slip: the few word types of ``tokens`` (the text's shared tokens) that the model
    does not know, are a single letter, or mix letters with digits. Each is read with
    ``_WINDOW`` tokens on either side, which hold every neighbour its findings depend on; the
    findings are the same as over the whole text (a test checks). ``names``: as for
    :func:`check_real_words`."""
    model = model or syllable_model()
    known = model.unigrams
    vocabulary = tokens.vocabulary
    # (the words the model does not know, and the letters it knows)
    odd = {word for word in chain(vocabulary.difference(known), vocabulary & _letters(model))
           if not word.isdecimal() and not is_mark(word)}
    found: list[Misspelling] = []
    if odd:
        lower = tokens.lower
        count = len(lower)
        window_start = window_end = -1
        for index in compress(range(count), map(odd.__contains__, lower)):
            if (lower[index] in known or _capitals(tokens, index)) \
                    and not _joins_a_neighbour(tokens, index, model, min_count):
                # a known letter ("a)", "ý") or a word in capitals ("UBND", "NV1"): judged
                # only as a piece of a split syllable, which it makes with no neighbour
                continue
            first, last = max(0, index - _WINDOW), min(count, index + _WINDOW + 1)
            if first > window_end:
                if window_end >= 0:
                    found.extend(_check_window(text, tokens, window_start, window_end, margin,
                                               one_sided, min_count, stroke_ease, model))
                window_start = first
            window_end = last
        if window_end >= 0:  # (no window: every odd word was a known letter or in capitals)
            found.extend(_check_window(text, tokens, window_start, window_end, margin,
                                       one_sided, min_count, stroke_ease, model))
    return _with_shortened_names(text, 0, len(text), found, model, names)


_WINDOW = 3  # tokens read on either side of a word that may be a slip


@lru_cache(maxsize=4)
def _letters(model: SyllableModel) -> frozenset[str]:
    """The syllables of one letter the model knows ("a", "ý")."""
    return frozenset(word for word in model.unigrams if len(word) == 1)


def _joins_a_neighbour(tokens: Tokens, index: int, model: SyllableModel,
                       min_count: int) -> bool:
    """Token ``index`` and a neighbouring word a space or a line break away make a syllable the
    model knows (the first test of a split: "côn g" → "công"), its letters next to the gap
    read."""
    lower = tokens.lower
    word = lower[index]
    if index > 0 and tokens.gap(index - 1) in _SPLIT_GAPS \
            and (before := _LAST_LETTERS.search(lower[index - 1])) is not None \
            and (first := _LETTERS.match(word)) is not None \
            and model.count(before.group() + first.group()) >= min_count:
        return True
    return index + 1 < len(lower) and tokens.gap(index) in _SPLIT_GAPS \
        and (last := _LAST_LETTERS.search(word)) is not None \
        and (after := _LETTERS.match(lower[index + 1])) is not None \
        and model.count(last.group() + after.group()) >= min_count


_SPLIT_GAPS = (" ", "\n")  # what may stand inside a split syllable ("đ ổi", "kiể" / "m")
_LETTERS = re.compile(r"[^\W\d_]+")
_LAST_LETTERS = re.compile(r"[^\W\d_]+\Z")


def _capitals(tokens: Tokens, index: int) -> bool:
    """Token ``index`` is written in capitals, every run of its letters two or more long: no
    syllable of it is checked (an acronym, a heading)."""
    written = tokens.text[slice(*tokens.span(index, index + 1))]
    runs = _LETTERS.findall(written)
    return bool(runs) and all(len(run) > 1 and run.isupper() for run in runs)


def _check_window(text: str, tokens: Tokens, first: int, last: int, margin: float,
                  one_sided: float, min_count: int, stroke_ease: float,
                  model: SyllableModel) -> list[Misspelling]:
    """The non-word findings of tokens ``[first, last)``."""
    start, end = tokens.span(first, last)
    return _check_range(text, start, end, margin, one_sided, min_count, stroke_ease, False,
                        model)


def _check_range(text: str, start: int, end: int, margin: float, one_sided: float,
                 min_count: int, stroke_ease: float, real_words: bool,
                 model: SyllableModel, only_real: bool = False,
                 shared: Tokens | None = None) -> list[Misspelling]:
    """The findings of ``text[start:end]`` but the agency names missing a syllable
    (``only_real``: its real-word findings and the word breaks that cover any of them, see
    :func:`check_real_words`; ``shared``: the whole text's shared tokens, if there)."""
    tokens = None
    if shared is not None and (start, end) == (0, len(text)) and shared.text == text:
        tokens = _syllables_of_tokens(shared)
    if tokens is None:
        tokens = _split_syllables(text, start, end)
    written_words, words, joined = tokens.written, tokens.words, tokens.joined
    checkable = _checkable_all(text, tokens)
    # every syllable at once, in arrays: known or not, the counts of the neighbouring pairs
    # (``pair_counts[i]``: tokens i and i + 1), and which syllables are worth weighing
    arrays = model_arrays(model)
    ids = arrays.id_array(words)
    in_model = ids >= 0
    known = in_model.tolist()
    for index in np.flatnonzero(~in_model).tolist():
        if checkable[index] and _foreign(words[index], min_count, model):
            checkable[index] = False  # a word of a foreign passage ("Securi ty", "incase")
    neighbours = np.array(joined, dtype=bool)
    pair_counts = arrays.pair_count(ids[:-1], ids[1:])
    rare_pairs = neighbours & (pair_counts <= _RARE_PAIR)  # written (almost) never
    pair_scores = _pair_scores(model)  # shared by the documents of a process (bounded)

    def score(previous: str | None, word: str) -> float:
        key = (previous, word)
        value = pair_scores.get(key)
        if value is None:
            if len(pair_scores) >= _SCORES_KEPT:
                pair_scores.clear()
            value = pair_scores[key] = model.log_score(previous, word)
        return value

    def fits(previous: str | None, word: str, following: str | None) -> float:
        return score(previous, word) + (score(word, following) if following is not None else 0)

    checkable_array = np.array(checkable, dtype=bool)
    weighed = _weighed(words, ids, neighbours, pair_counts,
                       checkable_array & in_model if only_real else checkable_array, in_model,
                       margin, one_sided, stroke_ease, arrays, min_count, model) if real_words \
        else np.flatnonzero(checkable_array & ~in_model).tolist()
    found: list[Misspelling] = []
    for index in weighed:
        m = tokens[index]
        written = written_words[index]
        word = words[index]
        is_known = known[index]
        previous = words[index - 1] if index and joined[index - 1] else None
        following = words[index + 1] if index < len(joined) and joined[index] else None
        needed = margin if previous is not None and following is not None \
            else margin + one_sided  # one neighbour is half the evidence: a wider margin
        written_score = fits(previous, word, following)
        candidates = _candidates(word, min_count, model)
        if not candidates:
            continue
        scores = {v: fits(previous, v, following) for v in candidates}
        best = max(candidates, key=lambda v: (scores[v], v))
        gain = scores[best] - written_score
        if not is_known:
            if _FOREIGN.search(word) and not gain > 0:
                continue
            found.append(Misspelling(m.start(), m.end(), written, _cased(best, written),
                                     "non-word", gain))
        elif gain >= needed or (stroke_ease and gain >= needed - stroke_ease
                                and _stroke_only(word, best)):
            found.append(Misspelling(m.start(), m.end(), written, _cased(best, written),
                                     "real-word", gain))
    if real_words:
        # the rare pairs of two checkable syllables
        both_checkable = rare_pairs & checkable_array[:-1] & checkable_array[1:]
        found = _with_pairs(text, tokens, words, joined, np.flatnonzero(both_checkable).tolist(),
                            found, min_count, model, score, margin)
    # (without the context, a split is read only where a piece is a non-word or one letter)
    if only_real:
        found = _with_word_breaks_at(_covered(tokens, found), text, tokens, words, joined,
                                     checkable, known, rare_pairs.tolist(), found,
                                     min_count, model, score, margin)
    else:
        found = _with_word_breaks(text, tokens, words, joined, checkable_array, in_model,
                                  rare_pairs if real_words else np.zeros_like(rare_pairs),
                                  found, min_count, model, score, margin)
    if real_words:
        # a pair official texts never write (a written one is a name or a word), whose first
        # syllable was not weighed already (a checkable syllable between two neighbours)
        after_a_neighbour = np.zeros(len(neighbours), dtype=bool)
        after_a_neighbour[1:] = neighbours[:-1]
        unseen = neighbours & (pair_counts == 0) & ~(checkable_array[:-1] & after_a_neighbour)
        found = _with_one_neighbour(tokens, words, np.flatnonzero(unseen).tolist(), found,
                                    min_count, model, score, margin)
    return found


_SLACK = 1e-9  # a bound this close to the margin is weighed in full (rounding)


def _has_stroke(word: str) -> bool:
    return "d" in word or "đ" in word


def _left_reaches(before: np.ndarray, top_count: np.ndarray, top_continuation: np.ndarray,
                  arrays: ModelArrays) -> np.ndarray:
    """Upper bounds of log P(variant | before) over the variants of each syllable (``before``:
    the id of the neighbour on the left, -1 for none; ``top_count``, ``top_continuation``: the
    largest count and continuation probability among the syllable's variants). A pair is never
    counted more often than either of its syllables (``c(p v) ≤ min(c(p), c(v))``, a property
    of the model's counts that a test checks), so the count part is at most the likeliest
    variant's count over ``c(before)``, the back-off part at most its weight times the largest
    continuation probability."""
    history_count, history, weight = arrays.histories(before)
    with np.errstate(divide="ignore"):
        return np.where(
            history,
            np.log(np.maximum(np.minimum(top_count, history_count) - DISCOUNT, 0)
                   / history_count + weight * top_continuation),
            np.log(top_continuation))


@lru_cache(maxsize=65536)
def _variant_tops(word: str, min_count: int, model: SyllableModel) -> tuple[int, float]:
    """The largest count and the largest continuation probability among the variants."""
    candidates = _candidates(word, min_count, model)
    if not candidates:
        return (0, 0.0)
    return (max(map(model.count, candidates)), max(map(model.continuation, candidates)))


def _stroke_only(word: str, variant: str) -> bool:
    """``variant`` is ``word`` with d and đ swapped (a stroke left out or typed twice)."""
    return len(word) == len(variant) and all(
        a == b or {a, b} == {"d", "đ"} for a, b in zip(word, variant, strict=True))


def _with_one_neighbour(tokens: _Tokens, words: list[str], unseen: list[int],
                        found: list[Misspelling], min_count: int, model: SyllableModel, score,
                        margin: float) -> list[Misspelling]:
    """Add a word with a neighbour on its right only (the first of a line or clause, weighed
    with the wider one-sided margin; or a capitalised word inside a sentence, otherwise left
    alone as a name) that official texts never write before that neighbour while a one-change
    variant is usual there, by the margin on that pair: "Công TTĐT" → "Cổng" ("cổng ttđt" is
    usual, "công ttđt" unseen), "…, chuyên đổi số" → "chuyển". ``unseen``: the syllables
    that open a pair of neighbours official texts never write, not weighed already."""
    added: list[Misspelling] = []
    for index in unseen:
        written = tokens[index].group()
        if len(written) > 1 and written.isupper():
            continue  # an acronym or a heading in capitals
        word, following = words[index], words[index + 1]
        options = [v for v in _candidates(word, min_count, model)
                   if model.bigrams.get(v + " " + following, 0) >= _USUAL_PAIR]
        if not options:
            continue
        best = max(options, key=lambda v: (score(v, following), v))
        gain = score(best, following) - score(word, following)
        if gain >= margin:
            m = tokens[index]
            added.append(Misspelling(m.start(), m.end(), written, _cased(best, written),
                                     "real-word", gain))
    return _replacing(found, added)


def _weighed(words: list[str], ids: np.ndarray, neighbours: np.ndarray,
             pair_counts: np.ndarray, checkable: np.ndarray, is_known: np.ndarray,
             margin: float, one_sided: float, stroke_ease: float, arrays: ModelArrays,
             min_count: int, model: SyllableModel) -> list[int]:
    """The syllables worth weighing against their variants: every checkable non-word with
    variants, and every checkable known syllable with a neighbour whose variants could gain
    the margin (a syllable with a d or đ: the margin less ``stroke_ease``).

    All at once, in arrays, in three sieves: the written score (a score is at most 0, so a
    written score above minus the margin leaves no room); then an upper bound of a variant's
    score after the left neighbour (``_left_reaches``; its score before the right neighbour at
    most 0); then, with a right neighbour, the variants' best score before it, looked up for
    all of them at once. Every score is ``SyllableModel.log_score``'s value
    (``ModelArrays.log_scores``)."""
    count = len(words)
    has_previous = np.zeros(count, dtype=bool)
    has_previous[1:] = neighbours
    has_following = np.zeros(count, dtype=bool)
    has_following[:-1] = neighbours
    previous = np.full(count, -1, dtype=np.int64)
    previous[1:] = np.where(neighbours, ids[:-1], -1)
    left_pairs = np.zeros(count, dtype=np.int64)
    left_pairs[1:] = np.where(neighbours, pair_counts, 0)
    left = arrays.log_scores(previous, ids, left_pairs)  # after the neighbour on the left
    written = left.copy()
    written[:-1] += np.where(neighbours, left[1:], 0.0)  # and before the one on the right
    needed = np.where(has_previous & has_following, margin, margin + one_sided)
    room = (has_previous | has_following) & (written <= -(needed - stroke_ease))
    chosen = np.flatnonzero(checkable & (~is_known | room))
    needed = needed[chosen]
    known = is_known[chosen]
    # the variants' tops and the d/đ of each chosen syllable: a known one's from the table by
    # its id, the few others' word by word
    table = _variant_table(model, min_count)
    known_ids = ids[chosen[known]]
    table.fill(known_ids)
    top_count = np.zeros(len(chosen))  # (0, 0: no variant)
    top_continuation = np.zeros(len(chosen))
    stroke = np.zeros(len(chosen), dtype=bool)
    top_count[known] = table.top_count[known_ids]
    top_continuation[known] = table.top_continuation[known_ids]
    stroke[known] = table.stroke[known_ids]
    for place in np.flatnonzero(~known).tolist():
        word = words[chosen[place]]
        top_count[place], top_continuation[place] = _variant_tops(word, min_count, model)
        stroke[place] = _has_stroke(word)
    if stroke_ease:  # (the room left by ``stroke_ease`` is only for a d or đ)
        needed -= stroke_ease * stroke
    reach = _left_reaches(previous[chosen], top_count, top_continuation, arrays) \
        - written[chosen]
    keep = (top_count > 0) & (~known | ((written[chosen] <= -needed)
                                        & (reach >= needed - _SLACK)))
    chosen, reach, needed, known = chosen[keep], reach[keep], needed[keep], known[keep]
    # then, for a known syllable with a neighbour on its right, its variants' best score before
    # that neighbour, all variants of all such syllables at once
    bounded = known & has_following[chosen]
    at = chosen[bounded]
    if len(at):
        # (every one has a variant: its top count is above 0)
        variant_ids, lengths, firsts = table.variants(ids[at])
        following = np.repeat(ids[at + 1], lengths)
        right = arrays.log_scores(variant_ids, following,
                                  arrays.pair_count(variant_ids, following))
        best_right = np.maximum.reduceat(right, firsts)
        keep = np.ones(len(chosen), dtype=bool)
        keep[bounded] = reach[bounded] + best_right >= needed[bounded] - _SLACK
        chosen = chosen[keep]
    return chosen.tolist()


class _VariantTable:
    """What :func:`_weighed` reads of the variants of a syllable the model knows, by its id,
    worked out the first time a text has the syllable (word by word, as the cached
    :func:`_candidates`): the largest count and continuation probability among its variants,
    whether it has a d or đ, how many variants it has and their ids (in one array, each
    syllable's in a row from its offset)."""

    __slots__ = ("_arrays", "_filled", "_flat", "_min_count", "_model", "_offsets", "_used",
                 "_words", "lengths", "stroke", "top_continuation", "top_count")

    def __init__(self, model: SyllableModel, min_count: int) -> None:
        self._model, self._min_count = model, min_count
        self._arrays = model_arrays(model)
        self._words = list(self._arrays.ids)  # by id
        size = len(self._words)
        self._filled = np.zeros(size, dtype=bool)
        self.top_count = np.zeros(size)
        self.top_continuation = np.zeros(size)
        self.stroke = np.zeros(size, dtype=bool)
        self.lengths = np.zeros(size, dtype=np.int64)
        self._offsets = np.zeros(size, dtype=np.int64)
        self._flat = np.zeros(1024, dtype=np.int64)
        self._used = 0

    def fill(self, ids: np.ndarray) -> None:
        """Work out the entries of ``ids`` not yet known."""
        missing = ids[~self._filled[ids]]
        for index in set(missing.tolist()):
            word = self._words[index]
            candidates = _candidates(word, self._min_count, self._model)
            self.top_count[index], self.top_continuation[index] = \
                _variant_tops(word, self._min_count, self._model)
            self.stroke[index] = _has_stroke(word)
            self.lengths[index] = len(candidates)
            self._offsets[index] = self._used
            self._used += len(candidates)
            while self._used > len(self._flat):
                self._flat = np.concatenate((self._flat, np.zeros_like(self._flat)))
            self._flat[self._offsets[index]:self._used] = self._arrays.id_array(candidates)
            self._filled[index] = True

    def variants(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The variant ids of the syllables ``ids`` (filled) one after another, how many each
        has, and where each one's begin."""
        lengths = self.lengths[ids]
        firsts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=firsts[1:])
        places = np.arange(firsts[-1] + lengths[-1]) + np.repeat(self._offsets[ids] - firsts,
                                                                 lengths)
        return self._flat[places], lengths, firsts


@lru_cache(maxsize=4)
def _variant_table(model: SyllableModel, min_count: int) -> _VariantTable:
    """The variant table of ``model`` and ``min_count``, one per process."""
    return _VariantTable(model, min_count)


def _checkable_all(text: str, tokens: _Tokens) -> list[bool]:
    """``_checkable`` of every token: a word in lower case (most of them) is checkable at
    once; a capitalised one where a sentence starts, which the gap before it tells (only marks
    and spaces in it: the token before ends the gap with a letter). The words not in lower
    case are read by C-level calls, their gaps in arrays (:func:`_sentences_start`)."""
    written = tokens.written
    checkable = np.ones(len(written), dtype=bool)
    odd = _not_lower(tokens)
    if len(odd):
        words = list(map(written.__getitem__, odd.tolist()))
        acronym = np.fromiter(map(str.isupper, words), dtype=bool, count=len(words)) \
            & (np.fromiter(map(len, words), dtype=np.int64, count=len(words)) > 1)
        checkable[odd[acronym]] = False  # an acronym or a heading in capitals
        capital = np.fromiter(map(str.isupper, map(itemgetter(0), words)), dtype=bool,
                              count=len(words))
        capitalised = odd[capital & ~acronym]
        if len(capitalised):
            checkable[capitalised] = _sentences_start(text, tokens, capitalised)
    return checkable.tolist()


def _not_lower(tokens: _Tokens) -> np.ndarray:
    """The indices of the syllables not in lower case (``str.islower`` false), read from the
    code points of the text in arrays where it has no character beyond the Basic Multilingual
    Plane (:func:`_character_tables`), else word by word."""
    codes, offset = tokens.codes()
    if not len(codes) or codes.max() > 0xFFFF:
        return np.fromiter(compress(count(), map(not_, map(str.islower, tokens.written))),
                           dtype=np.int64)
    _, breaking, lower = _character_tables()
    starts, ends = tokens.starts - offset, tokens.ends - offset
    counts = np.zeros((2, len(codes) + 1), dtype=np.int32)
    np.cumsum(breaking[codes], out=counts[0, 1:])
    np.cumsum(lower[codes], out=counts[1, 1:])
    within = counts[:, ends] - counts[:, starts]
    return np.flatnonzero((within[0] > 0) | (within[1] == 0))


@cache
def _character_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per code point of the Basic Multilingual Plane: whether it is a letter as the syllables'
    regex takes one (``[^\\W\\d_]``); and what ``str.islower`` reads of a word's characters:
    whether it makes the word not lower case (upper or title case: the character followed by
    "a" is not lower case), and whether it is a lower-case letter (a word in lower case has
    one, and none of the first kind)."""
    # (a word character, not a digit, not "_": alphanumeric and not a decimal digit)
    letter = code_point_table(str.isalnum) & ~code_point_table(str.isdecimal)
    breaking = ~code_point_table(_lower_before_a)
    return letter, breaking, code_point_table(str.islower)


def _lower_before_a(character: str) -> bool:
    """The character followed by "a" reads as lower case."""
    return (character + "a").islower()


def _sentences_start(text: str, tokens: _Tokens, indices: np.ndarray) -> np.ndarray:
    """For the syllables ``indices`` (in order): a sentence starts there, as the gap before
    each tells: the gap's last character that is not one of ``_BEFORE_A_SENTENCE`` ends a
    sentence; with no such character, the first syllable read starts one where
    :func:`_sentence_start` says so, another none."""
    codes, offset = tokens.codes()
    starts = tokens.starts[indices]
    gap_starts = np.where(indices > 0, tokens.ends[np.maximum(indices - 1, 0)], offset)
    last = starts - 1  # stepped back over what may stand before a sentence, in the gap
    while True:
        inside = last >= gap_starts
        step = inside & _BEFORE_A_SENTENCE_TABLE[_bmp(codes[np.maximum(last - offset, 0)])]
        if not step.any():
            break
        last = last - step
    starts_one = inside & _SENTENCE_END_TABLE[_bmp(codes[np.maximum(last - offset, 0)])]
    if indices[0] == 0 and not inside[0]:  # (nothing but such characters before it)
        starts_one[0] = _sentence_start(text, int(starts[0]))
    return starts_one


def _bmp(codes: np.ndarray) -> np.ndarray:
    """Code points as indices of a table of the Basic Multilingual Plane (another one: its
    last entry, U+FFFF, no character)."""
    return np.minimum(codes, 0xFFFF)


def _table_of(characters: str) -> np.ndarray:
    """A flag per code point of the Basic Multilingual Plane: whether ``characters`` has it."""
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in characters]] = True
    return table


class _Token:
    """One syllable of the text, read like a regex match (``start()``, ``end()``, ``group()``)."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


class _Tokens:
    """The syllables of a text by index, each made only when a pass asks for it (their
    offsets in arrays: most are never asked for); as written and in lower case, whether each
    and the next one are neighbours (only spaces between them), and the gaps between them."""

    __slots__ = ("_bounds", "_codes", "_parts", "_start", "_text", "ends", "joined", "starts",
                 "words", "written")

    def __init__(self, text: str, start: int, starts: np.ndarray, ends: np.ndarray,
                 written: list[str], words: list[str], joined: list[bool],
                 parts: list[str] | None = None) -> None:
        """``start``: where the text read begins; ``parts``: the gaps and syllables in turn
        (``re.split``), if split so."""
        self._text, self._start = text, start
        self.starts, self.ends, self.written, self.words = starts, ends, written, words
        self.joined = joined  # joined[i]: syllables i and i + 1 are neighbours
        self._parts = parts
        self._bounds: tuple[list[int], list[int]] | None = None
        self._codes: np.ndarray | None = None

    def codes(self) -> tuple[np.ndarray, int]:
        """The code points of the text read (from its start; the whole text if read from
        shared tokens) and where they start in the text."""
        if self._codes is None:
            end = int(self.ends[-1]) if len(self.ends) else self._start
            self._codes = np.frombuffer(self._text[self._start:end].encode("utf-32-le"),
                                        dtype=np.uint32)
        return self._codes, self._start

    def __len__(self) -> int:
        return len(self.written)

    def __getitem__(self, index: int) -> _Token:
        return _Token(int(self.starts[index]), int(self.ends[index]), self.written[index])

    def _lists(self) -> tuple[list[int], list[int]]:
        """The starts and ends as lists (for slicing the text)."""
        if self._bounds is None:
            self._bounds = (self.starts.tolist(), self.ends.tolist())
        return self._bounds

    def gap_before(self, index: int) -> str:
        """The text between syllable ``index - 1`` (or the start read) and syllable ``index``."""
        if self._parts is not None:
            return self._parts[2 * index]
        starts, ends = self._lists()
        return self._text[ends[index - 1] if index else self._start:starts[index]]

    def gap_after(self, index: int) -> str:
        """The text between syllable ``index`` and syllable ``index + 1`` (there)."""
        if self._parts is not None:
            return self._parts[2 * index + 2]
        starts, ends = self._lists()
        return self._text[ends[index]:starts[index + 1]]

    def gaps(self) -> list[str]:
        """The gaps between neighbouring syllables: ``gaps()[i]`` after syllable ``i``."""
        if self._parts is not None:
            return self._parts[2:-1:2]
        starts, ends = self._lists()
        return list(map(self._text.__getitem__, map(slice, ends[:-1], starts[1:])))


def _split_syllables(text: str, start: int, end: int) -> _Tokens:
    """The syllables of ``text[start:end]`` (runs of letters), split by a regex."""
    # syllables and the gaps between them alternate; their running lengths give the offsets
    parts = _SYLLABLE_SPLIT.split(text if (start, end) == (0, len(text)) else text[start:end])
    written = parts[1::2]
    bounds = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))) + start
    joined = [not gap.strip(" ") for gap in parts[2:-1:2]]
    return _Tokens(text, start, bounds[0:-1:2], bounds[1::2], written,
                   list(map(str.lower, written)), joined, parts)


def _syllables_of_tokens(shared: Tokens) -> _Tokens | None:
    """The syllables of the whole text of ``shared`` read with its tokens (the same as
    :func:`_split_syllables` gives; None where the tokens were not split in lower case or the
    text has a character beyond the Basic Multilingual Plane).

    The syllables are the runs of letters of the text's code points (a letter: what the
    regex's class takes, tabled once per process); one that is a token (most) is that token
    in lower case, another (in a word token with digits: "m2") read from the lower-case text.
    Lower case changes no character's class (letter, digit, word character, space: a test
    checks every character), so the tokens of the lower-case text break where the syllables of
    the text do. A syllable is written as in lower case where lower case changes none of its
    characters, else read from the text; in lower case it is lower-cased on its own (as the
    regex's syllables) only where the text has a capital sigma (whose small form depends on
    what follows).
    """
    lower_text = shared.lower_text
    if lower_text is None:
        return None
    text, lower = shared.text, shared.lower
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if not len(codes) or codes.max() > 0xFFFF:
        return None
    letter, _, _ = _character_tables()
    edges = np.flatnonzero(np.diff(letter[codes], prepend=False, append=False))
    starts, ends = edges[0::2], edges[1::2]
    bounds = shared.bounds  # token k: [2k], [2k + 1]
    token_starts, token_ends = bounds[0:-1:2], bounds[1::2]
    if len(starts):
        at = np.minimum(np.searchsorted(token_starts, starts), len(token_starts) - 1)
        words = list(map(lower.__getitem__, at.tolist()))
        whole = (token_starts[at] == starts) & (token_ends[at] == ends)
        for index in np.flatnonzero(~whole).tolist():  # (a syllable inside a word token)
            words[index] = lower_text[int(starts[index]):int(ends[index])]
    else:
        words = []
    changed = np.zeros(len(codes) + 1, dtype=np.int64)
    lower_codes = shared.lower_codes
    if lower_codes is None:
        lower_codes = np.frombuffer(lower_text.encode("utf-32-le"), dtype=np.uint32)
    np.cumsum(codes != lower_codes, out=changed[1:])
    written = words
    touched = np.flatnonzero(changed[ends] != changed[starts])
    if len(touched):
        written = list(words)
        at = touched.tolist()
        for index, word in zip(at, map(text.__getitem__, map(slice, starts[touched].tolist(),
                                                             ends[touched].tolist())),
                               strict=True):
            written[index] = word
        if "\u03a3" in text:  # (Σ: ς at a word's end, σ inside, as the word alone reads)
            words = list(words)
            for index in at:
                words[index] = written[index].lower()
    not_space = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(codes != ord(" "), out=not_space[1:])
    joined = (not_space[starts[1:]] == not_space[ends[:-1]]).tolist()
    syllables = _Tokens(text, 0, starts, ends, written, words, joined)
    syllables._codes = codes
    return syllables


_SCORES_KEPT = 200_000  # pair scores kept between documents (about 30 MB at most)


@lru_cache(maxsize=4)
def _pair_scores(model: SyllableModel) -> dict[tuple[str | None, str], float]:
    """The pair scores already computed with ``model`` (a batch repeats most pairs)."""
    return {}


_RARE_PAIR = 2  # a pair written this rarely (or never) is worth a joint look
_USUAL_PAIR = 20  # the corrected pair must be a usual one


def _with_pairs(text: str, tokens: _Tokens, words: list[str], joined: list[bool],
                rare: list[int], found: list[Misspelling], min_count: int,
                model: SyllableModel, score, margin: float) -> list[Misspelling]:
    """Add two neighbouring syllables that are both slips ("Phân đầu" → "Phấn đấu", "chân
    chính lề lối" → "chấn chỉnh"): a rare pair whose one-change variants make a usual pair that
    fits the neighbours better by ``margin``; it replaces the findings on either syllable.
    ``rare``: the first syllables of the rare pairs of two checkable syllables."""
    corrected: list[Misspelling] = []
    for index in rare:
        first, second = words[index], words[index + 1]
        options = _pair_candidates(first, second, min_count, model)
        if not options:
            continue
        a, b = tokens[index], tokens[index + 1]
        before, after = _neighbours(words, joined, index, index + 1)
        fitted = {o: _chain(score, before, o, after) for o in options}
        best = max(options, key=lambda o: (fitted[o], o))
        gain = fitted[best] - _chain(score, before, (first, second), after)
        # both changes needed: the pair beats every one-syllable correction too
        single = max([_chain(score, before, (x, second), after)
                      for x in _candidates(first, min_count, model)]
                     + [_chain(score, before, (first, y), after)
                        for y in _candidates(second, min_count, model)])
        if gain >= margin and fitted[best] - single >= margin / 2:
            corrected.append(Misspelling(a.start(), b.end(), text[a.start():b.end()],
                                     _cased(f"{best[0]} {best[1]}", a.group()), "real-word",
                                     gain))
    return _replacing(found, corrected)


def _neighbours(words: list[str], joined: list[bool], first: int,
                last: int) -> tuple[str | None, str | None]:
    """The words right before token ``first`` and right after token ``last``, when they are
    its neighbours on the line (only spaces between)."""
    before = words[first - 1] if first and joined[first - 1] else None
    after = words[last + 1] if last + 1 < len(words) and joined[last] else None
    return before, after


def _chain(score, before: str | None, words: tuple[str, ...], after: str | None) -> float:
    """How well ``words`` fit in a row between their neighbours (a sum of pair scores)."""
    value = 0.0
    previous = before
    for word in words:
        value += score(previous, word)
        previous = word
    return value + score(previous, after) if after is not None else value


def _replacing(found: list[Misspelling], added: list[Misspelling]) -> list[Misspelling]:
    """``found`` less what ``added`` covers, with ``added``, in order."""
    if not added:
        return found
    spans = SpanSet((f.start, f.end) for f in added)
    kept = [f for f in found if not spans.overlaps(f.start, f.end)]
    return sorted([*kept, *added], key=lambda f: (f.start, f.end))


@lru_cache(maxsize=65536)
def _pair_candidates(first: str, second: str, min_count: int,
                     model: SyllableModel) -> tuple[tuple[str, str], ...]:
    """The usual pairs made by changing both syllables of a rare pair by one mark each."""
    firsts = _candidates(first, min_count, model)
    seconds = _candidates(second, min_count, model)
    return tuple((x, y) for x in firsts for y in seconds
                 if model.bigrams.get(x + " " + y, 0) >= _USUAL_PAIR)


def _with_shortened_names(text: str, start: int, end: int, found: list[Misspelling],
                          model: SyllableModel,
                          names: list[Shortened] | None = None) -> list[Misspelling]:
    """Add agency names written with a syllable left out ("Hội đồng nhân tỉnh"); ``names``:
    those of ``text[start:end]`` if already found."""
    if names is None:
        names = shortened_names(text, start, end, model)
    return _replacing(found, [Misspelling(n.start, n.end, n.written, n.name, "missing", 0.0)
                              for n in names])


def _with_word_breaks(text: str, tokens: _Tokens, words: list[str], joined: list[bool],
                      checkable: np.ndarray, is_known: np.ndarray, rare: np.ndarray,
                      found: list[Misspelling], min_count: int,
                      model: SyllableModel, score, margin: float) -> list[Misspelling]:
    """Add syllables split by a stray space ("chuyển đ ổi" → "đổi") and two syllables run
    together ("chuyểnđổi" → "chuyển đổi"); each replaces the findings on its own letters.
    A split is read when the two pieces joined fit their neighbours better by ``margin``.
    ``rare``: the pairs of neighbours official texts (almost) never write."""
    breaks: list[Misspelling] = []
    count = len(words)
    # a piece is a non-word or a single letter; only a piece or its left neighbour is looked at
    piece = ~is_known | (np.fromiter(map(len, words), dtype=np.int64, count=count) == 1)
    piece_after = np.zeros(count, dtype=bool)
    piece_after[:-1] = piece[1:]
    rare_after = np.zeros(count, dtype=bool)  # (one entry per token)
    rare_after[:-1] = rare
    gaps = tokens.gaps()  # gaps[i]: between syllable i and syllable i + 1
    # a syllable and the next one a single space apart, one of them a piece or the pair rare
    spaced = _gap_is(" ", gaps, count)
    # … or a line break apart, where a piece is a non-word or a letter ("kiể" / "m tra")
    broken = _gap_is("\n", gaps, count) & (piece | piece_after)
    for index in np.flatnonzero(broken).tolist():
        # both pieces in lower case: a table's cells, "Hộ" / "I", are no word
        broken[index] = tokens.written[index].islower() and tokens.written[index + 1].islower()
    split_here = ((spaced & (piece | piece_after | rare_after)) | broken).tolist()
    looked_at = checkable & (piece | piece_after | rare_after)
    known = is_known.tolist()
    for index in np.flatnonzero(looked_at).tolist():
        found_here = _word_break(index, split_here[index], text, tokens, words, joined, known,
                                 min_count, model, score, margin)
        if found_here is not None:
            breaks.append(found_here)
    return _replacing(found, breaks)


def _word_break(index: int, split_here: bool, text: str, tokens: _Tokens, words: list[str],
                joined: list[bool], known: list[bool], min_count: int, model: SyllableModel,
                score, margin: float) -> Misspelling | None:
    """The split syllable that token ``index`` makes with the next one (tried where
    ``split_here``), else the two syllables token ``index`` runs together, if any."""
    word = words[index]
    if split_here:
        whole = word + words[index + 1]
        if model.count(whole) >= min_count:
            before, after_word = _neighbours(words, joined, index, index + 1)
            written = _chain(score, before, (word, words[index + 1]), after_word)
            fixed = _chain(score, before, (whole,), after_word)
            if fixed - written >= margin:
                m, after = tokens[index], tokens[index + 1]
                return Misspelling(m.start(), after.end(), text[m.start():after.end()],
                                   _cased(whole, m.group()), "split", fixed - written)
    if not known[index] and len(word) >= 4 and len(set(word)) > 1:  # not "xxxx"
        pair = _best_split(word, min_count, model)
        if pair is not None:
            m = tokens[index]
            return Misspelling(m.start(), m.end(), m.group(), _cased(pair, m.group()),
                               "joined", 0.0)
    return None


def _covered(tokens: _Tokens, found: list[Misspelling]) -> list[int]:
    """The tokens a split or joined syllable covering one of ``found`` can start at: each
    finding's own and the one before it (a split covers its token and the next)."""
    at: set[int] = set()
    for f in found:
        first = int(np.searchsorted(tokens.starts, f.start))
        last = int(np.searchsorted(tokens.ends, f.end))
        at.update(range(max(first - 1, 0), last + 1))
    return sorted(at)


def _with_word_breaks_at(indices: list[int], text: str, tokens: _Tokens, words: list[str],
                         joined: list[bool], checkable: list[bool], known: list[bool],
                         rare: list[bool], found: list[Misspelling],
                         min_count: int, model: SyllableModel, score,
                         margin: float) -> list[Misspelling]:
    """:func:`_with_word_breaks` read only at the tokens ``indices`` (in order; ``rare`` as
    a list): the same test, each flag worked out for one token."""
    breaks: list[Misspelling] = []
    count = len(words)

    def piece(index: int) -> bool:
        return not known[index] or len(words[index]) == 1

    for index in indices:
        has_next = index + 1 < count
        near = piece(index) or (has_next and (piece(index + 1) or rare[index]))
        if not (checkable[index] and near):
            continue
        gap = tokens.gap_after(index) if has_next else ""
        split_here = (gap == " " and near) or (
            gap == "\n" and (piece(index) or piece(index + 1))
            and tokens.written[index].islower() and tokens.written[index + 1].islower())
        found_here = _word_break(index, split_here, text, tokens, words, joined, known,
                                 min_count, model, score, margin)
        if found_here is not None:
            breaks.append(found_here)
    return _replacing(found, breaks)


def _gap_is(gap: str, gaps: list[str], count: int) -> np.ndarray:
    """Per syllable of ``count``: the gap after it is exactly ``gap`` (the last one: False)."""
    flags = np.zeros(count, dtype=bool)
    if count > 1:
        flags[:-1] = np.fromiter(map(gap.__eq__, gaps), dtype=bool, count=count - 1)
    return flags


@lru_cache(maxsize=65536)
def _best_split(word: str, min_count: int, model: SyllableModel) -> str | None:
    """The two known syllables ``word`` is made of, seen together at least ``min_count``
    times ("chuyểnđổi" → "chuyển đổi"), the likeliest pair if several."""
    best = None
    for cut in range(1, len(word)):
        first, second = word[:cut], word[cut:]
        if model.count(first) < min_count or model.count(second) < min_count:
            continue
        seen = model.bigrams.get(first + " " + second, 0)
        if seen >= min_count and (best is None or seen > best[0]):
            best = (seen, f"{first} {second}")
    return best[1] if best else None


@lru_cache(maxsize=65536)
def _foreign(word: str, min_count: int, model: SyllableModel) -> bool:
    """A word of plain Latin letters that no Vietnamese syllable could be, nor any one change
    of one (a Telex key left, "cuar"), nor two run together: a vowel after a consonant after a
    vowel ("securi", "incase"), or a last consonant that ends no Vietnamese syllable ("comp",
    "numb")."""
    if len(word) < 3 or not word.isascii() or not _VOWEL.search(word):
        return False  # (letters without a vowel are a piece of a split syllable: "Ngh ị")
    if _VIETNAMESE_SHAPE.fullmatch(word) or _candidates(word, min_count, model):
        return False
    # two syllables run together, each of a Vietnamese shape ("chonay"), are no foreign word
    pair = _best_split(word, min_count, model)
    return pair is None or not all(map(_VIETNAMESE_SHAPE.fullmatch, pair.split()))


# one syllable of plain letters as Vietnamese builds one: consonants, vowels, and a last
# consonant of c, ch, m, n, ng, nh, p, t (or none)
_VIETNAMESE_SHAPE = re.compile(r"[^aeiouy]*[aeiouy]+(?:c|ch|m|n|ng|nh|p|t)?")
_VOWEL = re.compile(r"[aeiouy]")


@lru_cache(maxsize=65536)
def _candidates(word: str, min_count: int, model: SyllableModel) -> tuple[str, ...]:
    """The variants of ``word`` the model has seen at least ``min_count`` times (cached: a
    document repeats its words)."""
    return tuple(sorted(v for v in variants(word) if model.count(v) >= min_count))


_BEFORE_A_SENTENCE = " \t*(\"“-–•+"  # what may stand between a sentence's end and its first word
_SENTENCE_ENDS = "\n.:;!?"
_BEFORE_A_SENTENCE_TABLE = _table_of(_BEFORE_A_SENTENCE)
_SENTENCE_END_TABLE = _table_of(_SENTENCE_ENDS)


def _sentence_start(text: str, position: int) -> bool:
    i = position - 1
    while i >= 0 and text[i] in _BEFORE_A_SENTENCE:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_ENDS


def _cased(word: str, written: str) -> str:
    return word[0].upper() + word[1:] if written[:1].isupper() else word
