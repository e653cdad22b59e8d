"""The offset map is a tested component: unit tests and property tests (hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from plan_parser.normalize import normalize
from plan_parser.normalize.offset_map import OffsetMap, apply_edits, merge_edits


def test_apply_edits_maps_identity_and_blocks() -> None:
    text, offsets = apply_edits("ab  cd&amp;e", [(2, 4, " "), (6, 11, "&")])
    assert text == "ab cd&e"
    assert offsets.span(0, 2) == (0, 2)  # identity
    assert offsets.span(2, 3) == (2, 4)  # the collapsed spaces map to both
    assert offsets.span(5, 6) == (6, 11)  # the entity
    assert offsets.span(6, 7) == (11, 12)
    assert offsets.span(3, 7) == (4, 12)


def test_deleted_text_is_skipped_and_empty_span_is_a_point() -> None:
    text, offsets = apply_edits("**KẾ HOẠCH**", [(0, 2, ""), (10, 12, "")])
    assert text == "KẾ HOẠCH"
    assert offsets.span(0, len(text)) == (2, 10)
    assert offsets.span(3, 3) == (5, 5)


def test_compose_chains_two_maps() -> None:
    first_text, first = apply_edits("a\u0300 b", [(0, 2, "à")])  # NFD → NFC
    second_text, second = apply_edits(first_text, [(1, 2, "\n")])
    assert second_text == "à\nb"
    chained = first.compose(second)
    assert chained.span(0, 1) == (0, 2)
    assert chained.span(1, 2) == (2, 3)
    assert chained.span(2, 3) == (3, 4)


EDITS = st.lists(st.tuples(st.integers(0, 20), st.integers(0, 4), st.sampled_from(["", "x", "yz"])),
                 max_size=5)


@given(st.text(alphabet="ab \n", min_size=0, max_size=20), EDITS)
def test_composing_with_an_identity_changes_nothing(text: str, raw_edits) -> None:
    edits = merge_edits([(min(a, len(text)), min(a + w, len(text)), r) for a, w, r in raw_edits
                         if a <= len(text)])
    derived, offsets = apply_edits(text, edits)
    before = OffsetMap.identity(len(text)).compose(offsets)
    after = offsets.compose(OffsetMap.identity(len(derived)))
    for start in range(len(derived) + 1):
        for end in range(start, len(derived) + 1):
            assert before.span(start, end) == after.span(start, end) == offsets.span(start, end)


def test_merge_edits_keeps_longest_at_a_position() -> None:
    assert merge_edits([(3, 4, ""), (0, 2, "x"), (3, 9, "\n"), (5, 6, "")]) == [
        (0, 2, "x"), (3, 9, "\n")]


def test_identity_map() -> None:
    offsets = OffsetMap.identity(5)
    assert offsets.span(1, 4) == (1, 4)
    assert OffsetMap.identity(0).span(0, 0) == (0, 0)


# ---- property tests on the whole normalizer ----------------------------------------------------

WORDS = [
    "Ủy", "Uỷ", "ban", "nhân", "dân", "hoà", "hòa", "thuỷ", "khỏe", "quý", "xã", "Lâm",
    "KẾ", "HOẠCH", "Số:", "73A/KH-UBND", "226-KL/TW", "ngày", "11/12/2025", "60%", "½", "1,5",
    "chồng", "ch\u1031o", "bаn", "HĐND", "&amp;", "&#7843;", "văn", "bản", "điện", "tử,",
    "1.", "a)", "I.", "-", "+", "(b/c);", "./.", "Ƣu", "quán", "triệt", "đạt", "\\*",
]
DECOR = ["", "", "", "**", "***", "## ", "- + ", "> "]
SEPARATORS = [" ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\n \n", "\u00a0", "\u200b"]


@st.composite
def documents(draw) -> str:
    """Plan-like text: words, decoration, odd spacing, page breaks, NFD and other scripts."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        word = draw(st.sampled_from(WORDS))
        if draw(st.booleans()) and draw(st.booleans()):
            word = unicodedata.normalize("NFD", word)
        decor = draw(st.sampled_from(DECOR))
        if decor.endswith(" ") and parts and not parts[-1].endswith("\n"):
            decor = ""  # line-start decoration only at a line start
        parts.append(decor + word + (decor if decor in ("**", "***") else ""))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Whitespace-delimited tokens of the normalized text."""
    spans, start = [], None
    for i, ch in enumerate(text + " "):
        if ch in " \n":
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    return spans


def draw_token_span(norm, data) -> tuple[int, int, str, bool] | None:
    """A random token-aligned normalized span, its original slice, and whether that slice
    starts a line (only whitespace before it on its original line)."""
    tokens = token_spans(norm.text)
    if not tokens:
        return None
    first = data.draw(st.integers(0, len(tokens) - 1))
    last = data.draw(st.integers(first, len(tokens) - 1))
    start, end = tokens[first][0], tokens[last][1]
    o_start, o_end = norm.to_original(start, end)
    text = norm.original
    line_begin = text.rfind("\n", 0, o_start) + 1
    at_line_start = not text[line_begin:o_start].strip(" \t\u00a0\u200b")
    return start, end, text[o_start:o_end], at_line_start


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_map_is_monotonic_and_in_bounds(text: str) -> None:
    norm = normalize(text)
    previous_start = previous_end = 0
    for i in range(len(norm.text)):
        start, end = norm.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert start >= previous_start and end >= previous_end
        previous_start, previous_end = start, end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_original_slice_normalizes_to_the_same_text(text: str, data) -> None:
    """For any token-aligned normalized span, normalizing its original slice gives it back."""
    norm = normalize(text)
    drawn = draw_token_span(norm, data)
    if drawn is None:
        assert norm.text == ""
        return
    start, end, fragment, at_line_start = drawn
    # whether a line break is a hard wrap is read from the end of the line before it ("…; *" /
    # "ban" is kept apart): a slice that starts inside that line cannot know it
    assume(at_line_start or "\n" not in fragment)
    again = normalize(fragment, at_line_start=at_line_start)
    assert again.text == norm.text[start:end]


@settings(max_examples=200, deadline=None)
@given(documents())
def test_nfd_input_gives_the_same_normalized_text(text: str) -> None:
    assert normalize(unicodedata.normalize("NFD", text)).text == normalize(
        unicodedata.normalize("NFC", text)).text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_display_is_the_cleaned_original_slice(text: str, data) -> None:
    """display() (an O(1) slice) equals normalizing the original slice with its own tone style."""
    norm = normalize(text)
    drawn = draw_token_span(norm, data)
    if drawn is None:
        return
    start, end, fragment, at_line_start = drawn
    cleaned = normalize(fragment, at_line_start=at_line_start, canonical_tone=False)
    assert norm.display(start, end) == cleaned.text
