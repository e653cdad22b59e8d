"""The word-run helpers of the lint rules obey their definitions on any input (hypothesis)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from plan_parser.lint.engines.repetition import _repeats
from plan_parser.parent.deviation import _runs

WORDS = st.lists(st.sampled_from(["của", "song", "vi", "phạm"]), max_size=14)


@given(WORDS)
def test_repeats_are_exactly_the_sequences_written_twice(words) -> None:
    expected = sorted(
        (i, size) for size in (1, 2, 3) for i in range(len(words) - 2 * size + 1)
        if words[i:i + size] == words[i + size:i + 2 * size]
        and not (size == 2 and words[i] == words[i + 1]))  # "a a a a" is the one-word case
    assert _repeats(words) == expected


@given(st.sets(st.integers(0, 40)))
def test_runs_cover_the_positions_with_maximal_runs(positions) -> None:
    ordered = sorted(positions)
    runs = list(_runs(ordered))
    assert [p for first, last in runs for p in range(first, last + 1)] == ordered
    assert all(b[0] > a[1] + 1 for a, b in pairwise(runs))
