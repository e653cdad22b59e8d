"""SpanSet: the union of spans, built at once or span by span, answers overlaps exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plan_parser.spans import SpanSet

SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)).map(
    lambda p: (p[0], p[0] + p[1])), max_size=12)


@given(SPANS, st.lists(st.tuples(st.integers(0, 70), st.integers(1, 6)), max_size=10))
def test_added_span_by_span_equals_built_at_once(spans, queries) -> None:
    grown = SpanSet([])
    for start, end in spans:
        grown.add(start, end)
    built = SpanSet(spans)
    for start, width in queries:
        end = start + width
        expected = any(s < end and start < e for s, e in spans)
        assert grown.overlaps(start, end) == built.overlaps(start, end) == expected
