"""The word-run helpers of the lint rules obey their definitions on any input (hypothesis)."""

from __future__ import annotations

from itertools import groupby

from hypothesis import given
from hypothesis import strategies as st

from plan_parser.lint.engines.repetition import _repeats
from plan_parser.parent.deviation import _run_of_ones

WORDS = st.lists(st.sampled_from(["của", "song", "vi", "phạm"]), max_size=14)


@given(WORDS)
def test_repeats_are_exactly_the_sequences_written_twice(words) -> None:
    expected = sorted(
        (i, size) for size in (1, 2, 3) for i in range(len(words) - 2 * size + 1)
        if words[i:i + size] == words[i + size:i + 2 * size]
        and not (size == 2 and words[i] == words[i + 1]))  # "a a a a" is the one-word case
    assert _repeats(words) == expected


@given(st.lists(st.booleans(), max_size=60), st.integers(1, 6))
def test_runs_of_flags_are_the_maximal_runs_at_least_that_long(flags, length) -> None:
    """The copied-passage check finds its runs of parent pairs and n-grams by a regex over
    0/1 bytes: exactly the maximal runs of ones of at least ``length``."""
    expected, position = [], 0
    for value, group in groupby(flags):
        size = len(list(group))
        if value and size >= length:
            expected.append((position, position + size))
        position += size
    found = [m.span() for m in _run_of_ones(length).finditer(bytes(flags))]
    assert found == expected


def test_a_doubled_syllable_is_a_slip_unless_two_words_meet() -> None:
    """"kế kế hoạch", "thống thống kê": "kế" and "thống" stand inside a listed word in nearly
    all their uses (bound: a slip); "nếu có | có thể", "hành vi | vi phạm" (also over a line
    break): two words meeting. ("số bản | bản án" is now taken for a slip: "bản" is inside a
    listed word in 93 % of its uses; the README weighs that trade.)"""
    from plan_parser.lint.engines.repetition import allowed_words, find_doubled
    from plan_parser.lint.rules import lint_rules
    from plan_parser.normalize.tokens import tokenize

    rule = next(r for r in lint_rules() if r.id == "doubled-word")

    def doubled(text: str) -> list[str]:
        return [text[d.start:d.end] for d in find_doubled(
            text, tokenize(text), allowed_words(rule), rule.options["lexicon"])]

    assert doubled("triển khai theo đúng kế kế hoạch công tác") == ["kế kế"]
    assert doubled("chuyển hồ hồ sơ đến cơ quan có thẩm quyền") == ["hồ hồ"]
    assert doubled("Lập báo cáo thống thống kê của xã") == ["thống thống"]
    assert doubled("xử lý các hành\nvi vi phạm; Đảng\nủy Ủy ban nhân dân") == []
    assert doubled("nếu có có thể thực hiện trước") == []
    assert doubled("xử lý hành vi vi phạm hành chính") == []
