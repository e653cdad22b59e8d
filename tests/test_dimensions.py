"""Sizes bounded by a comparator give one target per dimension (extract/dimensions.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plan_parser.extract.dimensions import find_dimension_bounds


def _read(text: str) -> list[tuple[str, float, str, str]]:
    return [(b.op, b.value, b.unit, text[b.start:b.end])
            for b in find_dimension_bounds(text, 0, len(text))]


def test_the_written_forms_of_a_bounded_size() -> None:
    assert _read("Màn chiếu: ≥ (1800 x 1800) mm") == [
        (">=", 1800, "mm", "1800"), (">=", 1800, "mm", "1800")]
    assert _read("Kích thước: ≥ 1200mm x 2400mm") == [
        (">=", 1200, "mm", "1200"), (">=", 2400, "mm", "2400")]
    assert _read("phôi đá kích thước tối thiểu (200 x 100 x 50) mm") == [
        (">=", 200, "mm", "200"), (">=", 100, "mm", "100"), (">=", 50, "mm", "50")]
    assert _read("Kích thước ≥ (1.200 × 2.400) mm") == [
        (">=", 1200, "mm", "1.200"), (">=", 2400, "mm", "2.400")]


def test_a_size_closed_by_tro_len_bounds_every_dimension() -> None:
    assert _read("ảnh màu, từ khổ 10 cm x 15 cm trở lên") == [
        (">=", 10, "cm", "10"), (">=", 15, "cm", "15")]
    assert _read("bản vẽ từ 20 x 30 cm trở xuống") == [
        ("<=", 20, "cm", "20"), ("<=", 30, "cm", "30")]
    assert _read("từ 3 x 4 trở lên") == []  # no unit: no size


def test_no_size_without_a_comparator_or_a_unit() -> None:
    assert _read("Kích thước (1800 x 1800) mm") == []  # no comparator: a description
    assert _read("diện tích ≥ 3 x 4") == []  # no unit: no size
    assert _read("Tivi: Kích thước: (40 ÷ 60) inch") == []


@given(st.lists(st.integers(1, 9999), min_size=2, max_size=3), st.sampled_from(["≥", "≤"]),
       st.sampled_from(["mm", "cm", "m"]))
def test_every_dimension_is_one_bound_with_the_comparator(
        numbers: list[int], symbol: str, unit: str) -> None:
    text = f"Yêu cầu: {symbol} (" + " x ".join(map(str, numbers)) + f") {unit};"
    assert [(op, value, found_unit) for op, value, found_unit, _ in _read(text)] == [
        (">=" if symbol == "≥" else "<=", n, unit) for n in numbers]
