"""The spelling checker (plan_parser/spelling): variants, the model, and real typos of real
documents of the development part (the model's tuning eighth, which it never learnt from)."""

from __future__ import annotations

import gzip
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_parser.export.json_export import analysis_to_dict
from plan_parser.normalize.tokens import tokenize
from plan_parser.pipeline import analyze_file
from plan_parser.spelling.checker import check_non_words, check_real_words, check_spelling
from plan_parser.spelling.model import syllable_model
from plan_parser.spelling.variants import variants

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real not present")


def test_variants_are_one_mark_tone_or_keystroke_away() -> None:
    assert {"tiến", "tiền", "tiễn", "tiện"} <= variants("tiên")
    assert {"họp", "hợp"} <= variants("hộp")
    assert "của" in variants("cuar")  # a Telex tone key left at the end
    assert "đổi" in variants("ddổi") and "đổi" in variants("dổi")
    assert "tiên" not in variants("tiên")


SYLLABLES = sorted(syllable_model().unigrams)[:4000]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SYLLABLES))
def test_every_variant_is_composed_and_differs_by_little(word: str) -> None:
    for other in variants(word):
        assert other == unicodedata.normalize("NFC", other)
        assert other != word
        assert abs(len(other) - len(word)) <= 1  # a Telex key (or "dd") is the only extra


def test_the_model_prefers_the_usual_syllable_in_context() -> None:
    model = syllable_model()
    assert model.context_score("xây", "dựng", "cấp") > model.context_score("xây", "đựng", "cấp")
    assert model.context_score("tiến", "độ", None) > model.context_score("tiên", "độ", None)
    assert model.known("tủy") and not model.known("chuyễn")


def test_slips_are_found_with_their_correction() -> None:
    text = "Ủy ban nhân dân xã ban hanh kế hoạch; các phòng kiễm tra việc chuyễn đổi số."
    found = [(f.written, f.suggestion, f.kind) for f in check_spelling(text, margin=9)]
    assert found == [("hanh", "hành", "real-word"), ("kiễm", "kiểm", "non-word"),
                     ("chuyễn", "chuyển", "non-word")]


def test_split_and_joined_syllables_are_put_right() -> None:
    text = "Đẩy mạnh chuyển đ ổi số; tăng cường công tá c kiểm tra, nâng cao hiệu quảhoạt động."
    found = [(f.written, f.suggestion, f.kind) for f in check_spelling(text, margin=9)]
    assert found == [("đ ổi", "đổi", "split"), ("tá c", "tác", "split"),
                     ("quảhoạt", "quả hoạt", "joined")]
    # pieces that are both written somewhere ("th", "ng") but never as this pair
    text = "Công bố th ông tin trong thời hạn 04 thá ng kể từ ngày nhận"
    found = [(f.written, f.suggestion) for f in check_spelling(text, margin=9)]
    assert found == [("th ông", "thông"), ("thá ng", "tháng")]
    # a list letter or a clause label stays as it is
    assert check_spelling("theo điểm a khoản 1 Điều 5 và điểm b khoản 2", margin=9) == []


def test_clean_text_and_real_doublings_stay_quiet() -> None:
    text = ("Thực hiện song song hai nhiệm vụ trọng tâm; tăng cường kiểm tra, "
            "giám sát việc thực hiện thủ tục hành chính trên địa bàn xã.")
    assert check_spelling(text, margin=9) == []


@needs_real
def test_typos_of_real_documents_are_reported_by_the_lint_rules() -> None:
    # a development document the model never learnt from, linted as it comes (the default
    # rules) and with the context rule turned on, as a project file would
    from plan_parser.lint.context import LintOptions

    path = REAL / "tvpl/24c7124ec6b2bf61.md"
    default = analysis_to_dict(analyze_file(path))["findings"]
    slips = {(f["text"], f["suggestion"]) for f in default if f["rule"] == "misspelled-syllable"}
    # "tham mưu Chủ tịch Ủy ban nhân thành phố": a syllable left out of a fixed name
    assert ("Chủ tịch Ủy ban nhân", "Chủ tịch Ủy ban nhân dân") in slips
    assert not any(f["rule"] == "misspelled-in-context" for f in default)  # off by default
    options = LintOptions(enable=frozenset({"misspelled-in-context"}))
    findings = analysis_to_dict(analyze_file(path, options))["findings"]
    in_context = {(f["text"], f["suggestion"]) for f in findings
                  if f["rule"] == "misspelled-in-context"}
    # "Ủy bân nhân dân xã": a real syllable, wrong between its neighbours
    assert ("bân", "ban") in in_context


def test_a_shortened_name_is_found_only_where_it_is_one() -> None:
    text = ("Ủy ban dân xã phối hợp với Thường trực Hội đồng nhân tỉnh; Ủy ban Dân tộc hướng dẫn;"
            " doanh nghiệp kiểm toán nước ngoài; đại diện các trái chủ nước ngoài.")
    found = [(f.written, f.suggestion, f.kind) for f in check_spelling(text, margin=9)
             if f.kind == "missing"]
    assert found == [("Ủy ban dân", "Ủy ban nhân dân", "missing"),
                     ("Thường trực Hội đồng nhân", "Thường trực Hội đồng nhân dân", "missing")]


def test_the_model_file_is_written_the_same_every_time(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    from build_syllable_lm import write

    unigrams, bigrams = Counter({"kế": 3, "hoạch": 3}), Counter({("kế", "hoạch"): 3})
    first, second = tmp_path / "a.gz", tmp_path / "b.gz"
    write(unigrams, bigrams, first, {"hoạch", "tiến"})
    write(unigrams, bigrams, second, {"hoạch", "tiến"})
    assert first.read_bytes() == second.read_bytes()
    lines = gzip.decompress(first.read_bytes()).decode("utf-8").splitlines()
    assert lines[1:] == ["hoạch\t3\t1\t0", "kế\t3\t0\t1", "tiến\t0\t0\t0", "kế hoạch\t3"]


def test_a_word_with_one_neighbour_is_weighed_by_the_pair_it_makes() -> None:
    """A name inside a sentence is left alone, unless official texts never write it before its
    neighbour while a one-change variant is usual there (a typo of the sample plans)."""
    found = check_spelling("Đăng tải trên Công TTĐT của tỉnh và Cổng Dịch vụ công quốc gia.",
                           margin=9.0)
    assert [(f.written, f.suggestion) for f in found] == [("Công", "Cổng")]
    name = "Ông Nguyễn Công Thành, Phó Chủ tịch Ủy ban nhân dân xã"
    assert check_spelling(name, margin=9.0) == []
    # the first word of a clause has one neighbour: the pair it makes is the evidence
    clause = "ứng dụng công nghệ thông tin, chuyên đổi số, số hóa hồ sơ"
    assert [(f.written, f.suggestion) for f in check_spelling(clause, margin=9.0)] == [
        ("chuyên", "chuyển")]


@given(st.text(alphabet="aàb ,.1\n", max_size=12))
def test_any_short_text_is_checked_without_error(text: str) -> None:
    """No syllable, one syllable, punctuation only: the checker answers (found by accident: an
    empty text once raised)."""
    assert isinstance(check_spelling(text, margin=9), list)


def test_no_pair_is_counted_more_often_than_its_syllables() -> None:
    """The checker's bound (``_left_reach``) rests on c(p v) ≤ min(c(p), c(v))."""
    model = syllable_model()
    for pair, count in model.bigrams.items():
        first, second = pair.split(" ")
        assert count <= model.count(first) and count <= model.count(second), pair


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SYLLABLES), st.sampled_from([None, "", *SYLLABLES[::40], "và", "của",
                                                     "kế", "tổ", "thực"]))
def test_the_bound_is_never_below_a_variant_score(word: str, previous: str | None) -> None:
    import numpy as np

    from plan_parser.spelling.arrays import model_arrays
    from plan_parser.spelling.checker import _candidates, _left_reaches, _variant_tops

    model = syllable_model()
    candidates = _candidates(word, 3, model)
    if candidates:
        arrays = model_arrays(model)
        before = np.array([arrays.ids.get(previous, -1) if previous else -1])
        top_count, top_continuation = _variant_tops(word, 3, model)
        reach = _left_reaches(before, np.array([float(top_count)]),
                              np.array([top_continuation]), arrays)[0]
        assert all(model.log_score(previous or None, v) <= reach + 1e-12 for v in candidates)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*SYLLABLES[:800], "của", "và", "kế", "hoạch", "xyzq", ""]),
                min_size=2, max_size=30))
def test_the_arrays_score_every_pair_as_the_model_does(words: list[str]) -> None:
    """``ModelArrays.log_scores`` gives ``SyllableModel.log_score`` exactly (the checker picks
    the syllables it weighs with the one and weighs them with the other)."""
    from plan_parser.spelling.arrays import model_arrays

    model = syllable_model()
    arrays = model_arrays(model)
    ids = arrays.id_array(words)
    previous, word = ids[:-1], ids[1:]
    scores = arrays.log_scores(previous, word, arrays.pair_count(previous, word))
    assert scores.tolist() == [model.log_score(p or None, w) for p, w in pairwise(words)]


# pieces of text the windowed reading must treat as the whole-text one does: known and unknown
# syllables, single letters (list marks, split pieces), a word run together, digits, marks,
# capitals, line breaks, an agency name with a syllable left out
_PIECES = ["kế", "hoạch", "thực", "hiện", "kiễm", "tra", "đ", "ổi", "chuyển", "a)", "b.",
           "quảhoạt", "động", "Ủy ban dân xã", "2026", "m2", "(", ",", ".", "\n", "Tỉnh", "y",
           "tế", "cuar", "thự", "c", "-", "nv1_", "Hội đồng nhân tỉnh", "NĐ", "xã",
           "bảo đảm côn g khai", "Bộ Thông t in và Truyền thông", "tổng thể q uốc gia"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40),
       st.lists(st.sampled_from([" ", " ", " ", "  ", "\n", ""]), min_size=40, max_size=40))
def test_reading_around_unknown_words_finds_what_the_whole_text_gives(
        pieces: list[str], gaps: list[str]) -> None:
    text = "".join(piece + gap for piece, gap in zip(pieces, gaps, strict=False))
    assert check_non_words(text, tokenize(text), margin=9, stroke_ease=2) == \
        check_spelling(text, margin=9, stroke_ease=2, real_words=False)


@needs_real
def test_reading_around_unknown_words_on_real_documents_with_split_syllables() -> None:
    for name in ("congbao/nghi-dinh-so-159-2026-nd-cp-469558.txt",
                 "congbao/thong-tu-so-02-2025-tt-bkhdt-43809.txt",
                 "congbao/thong-tu-so-04-2023-tt-bkhdt-39703.txt"):
        text = analyze_file(REAL / name).normalized.text
        whole = check_spelling(text, margin=9, real_words=False)
        assert any(f.kind == "split" for f in whole), name
        assert check_non_words(text, tokenize(text), margin=9) == whole, name


def test_reading_around_unknown_words_on_the_sample_plans() -> None:
    root = Path(__file__).resolve().parent.parent / "corpus"
    for path in sorted([*root.glob("plans/*.txt"), *root.glob("heldout/plans/*.txt")]):
        text = path.read_text(encoding="utf-8")
        assert check_non_words(text, tokenize(text), margin=9) == \
            check_spelling(text, margin=9, real_words=False), path.name


# real-word slips among them: the context part alone must keep what the whole gives
_REAL_PIECES = [*_PIECES, "tiên độ", "Phân đầu", "chân chính lề lối", "Công TTĐT", "ban hanh",
                "thực hiên", "dược", "kiêm tra", "hội nghi", "Ủy ban nhân dân", "tỉnh", "hiên",
                "hanh"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_REAL_PIECES), min_size=1, max_size=40),
       st.lists(st.sampled_from([" ", " ", " ", "  ", "\n", "", ", "]), min_size=40,
                max_size=40))
def test_the_context_part_alone_finds_the_real_words_of_the_whole(
        pieces: list[str], gaps: list[str]) -> None:
    text = "".join(piece + gap for piece, gap in zip(pieces, gaps, strict=False))
    whole = check_spelling(text, margin=9, stroke_ease=2)
    assert check_real_words(text, margin=9, stroke_ease=2) == \
        [f for f in whole if f.kind == "real-word"]


def test_the_context_part_alone_drops_what_a_split_before_it_covers() -> None:
    # "c hiên" is a split "chiên", which covers the real-word slip "hiên" (→ "hiện")
    for text in ("quả kiêm c hiên kế tiến", "ban kiễm c hiên kiễm xã m hoạt"):
        whole = check_spelling(text, margin=9, stroke_ease=2)
        assert any(f.kind == "split" for f in whole)
        assert check_real_words(text, margin=9, stroke_ease=2) == \
            [f for f in whole if f.kind == "real-word"]


def test_the_context_part_alone_on_the_sample_plans() -> None:
    root = Path(__file__).resolve().parent.parent / "corpus"
    for path in sorted([*root.glob("plans/*.txt"), *root.glob("heldout/plans/*.txt")]):
        text = path.read_text(encoding="utf-8")
        assert check_real_words(text, margin=9, stroke_ease=2) == \
            [f for f in check_spelling(text, margin=9, stroke_ease=2)
             if f.kind == "real-word"], path.name

def test_the_context_part_reads_the_same_from_the_shared_tokens() -> None:
    root = Path(__file__).resolve().parent.parent / "corpus"
    texts = [path.read_text(encoding="utf-8")
             for path in sorted([*root.glob("plans/*.txt"), *root.glob("heldout/plans/*.txt")])]
    texts += ["Phân đầu tiên độ m2 NV1_ x² ΑΣ'Β ΑΣ1 tiên độ", "ǅa tiên độ Ⅻ hiên", ""]
    for text in texts:
        lower = text.lower()
        tokens = tokenize(text, lower if len(lower) == len(text) else None)
        assert check_real_words(text, margin=9, stroke_ease=2, tokens=tokens) == \
            check_real_words(text, margin=9, stroke_ease=2), text[:40]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aăâbcđeÀÁẢĐƯƠΣσİK\u212a²½Ⅰⅰ_019 \t\n.,;:-()\"'“”ẞßǅ𝐀𝐚", max_size=60))
def test_the_syllables_read_from_the_tokens_are_those_of_the_split(text: str) -> None:
    from plan_parser.spelling.checker import _split_syllables, _syllables_of_tokens

    lower = text.lower()
    shared = _syllables_of_tokens(tokenize(text, lower if len(lower) == len(text) else None))
    split = _split_syllables(text, 0, len(text))
    if shared is None:  # (read from the tokens where they were split in lower case, which
        # keeps every position, and the text has no character beyond the BMP)
        assert len(lower) != len(text) or not text or max(map(ord, text)) > 0xFFFF
        return
    assert shared.starts.tolist() == split.starts.tolist()
    assert shared.ends.tolist() == split.ends.tolist()
    assert (shared.written, shared.words, shared.joined, shared.gaps()) == \
        (split.written, split.words, split.joined, split.gaps())
    assert [shared.gap_before(i) for i in range(len(split))] == \
        [split.gap_before(i) for i in range(len(split))]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aăâbcđeÀÁẢĐƯƠXYZǅᾈⒶⓐªʰ  \t\n.,;:-()\"'“”*•+!?–_019𝐀Σ", max_size=60),
       st.integers(0, 60), st.integers(0, 60))
def test_the_checkable_syllables_are_read_in_arrays_as_word_by_word(
        text: str, first: int, last: int) -> None:
    # a syllable in lower case is checkable; in capitals (two letters or more) not; a
    # capitalised one where the gap before it, less what may stand before a sentence, ends
    # with a sentence's end (or, empty, the text before the range does)
    from itertools import compress
    from operator import not_

    from plan_parser.spelling import checker

    start, end = sorted((min(first, len(text)), min(last, len(text))))
    syllables = checker._split_syllables(text, start, end)
    expected = [True] * len(syllables)
    for index in compress(range(len(syllables)), map(not_, map(str.islower, syllables.written))):
        word = syllables.written[index]
        if len(word) > 1 and word.isupper():
            expected[index] = False
        elif word[0].isupper():
            gap = syllables.gap_before(index).rstrip(checker._BEFORE_A_SENTENCE)
            expected[index] = gap[-1] in checker._SENTENCE_ENDS if gap else (
                index == 0 and checker._sentence_start(text, int(syllables.starts[index])))
    assert checker._checkable_all(text, syllables) == expected


def test_lower_case_keeps_every_character_class() -> None:
    # the syllables are read from the tokens of the lower-case text: a letter, a digit, a
    # word character or a space lower-cased (to one character) is one still
    import re
    import sys

    classes = [re.compile(p) for p in (r"[^\W\d_]", r"\w", r"\d", r"\s")]
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        low = char.lower()
        if low != char and len(low) == 1:
            assert [bool(c.match(char)) for c in classes] == \
                [bool(c.match(low)) for c in classes], hex(code)


# the six new slips of issue 9's report, each in a sentence of a plan
_NEW_SLIPS = {
    "Khắc phục tình trạng chống chéo, trùng lặp trong thực hiện nhiệm vụ.": ("chống", "chồng"),
    "Kiên quyết xử lý các hành vi nhùng nhiễu, gây phiền hà cho người dân.": ("nhùng", "nhũng"),
    "Đẩy mạnh chuyễn đổi số trong hoạt động của cơ quan nhà nước.": ("chuyễn", "chuyển"),
    "Tăng cường tổ chức cuộc hộp trực tuyến, giảm hội nghị tập trung.": ("hộp", "họp"),
}


def test_new_slips_of_the_report_are_found_by_the_model() -> None:
    # a non-word by the default rule; the real syllables by `misspelled-in-context` ("Phần
    # đấu" opening a sentence and "báo cáo tiền độ" stay under the margins set on the tuning
    # part: 7.2 of 12 and 8.5 of 9 log units)
    from plan_parser.lint.context import LintOptions
    from plan_parser.pipeline import analyze_text

    default = LintOptions(use_default_parent=False)
    context = LintOptions(use_default_parent=False, enable=frozenset({"misspelled-in-context"}))
    for sentence, (written, right) in _NEW_SLIPS.items():
        for options in (default, context):
            found = {(sentence[f.start:f.end], f.suggestion) for f in
                     analyze_text(sentence, options=options).findings
                     if f.rule in ("misspelled-syllable", "misspelled-in-context")}
            by_default = written == "chuyễn"
            assert ((written, right) in found) == (by_default or options is context), sentence


_NAME_WORDS = ["ủy", "ban", "nhân", "dân", "hội", "đồng", "văn", "phòng", "ban"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=4), min_size=1,
                max_size=8),
       st.lists(st.sampled_from([*_NAME_WORDS, "xã", "tỉnh", "dânx"]), min_size=1, max_size=8),
       st.sampled_from([" ", "  ", "\n", " \t"]))
def test_a_tree_of_names_matches_as_the_longest_first_alternation(
        names: list[list[str]], words: list[str], gap: str) -> None:
    # the shortened agency names are matched by a tree of their words: at every place of a
    # text it matches what the alternation of the names, longest first, matches
    import regex

    from plan_parser.spelling.fixed_names import _trie_alternation

    unique = sorted({" ".join(n) for n in names}, key=len, reverse=True)
    flat = "|".join(regex.escape(n).replace(r"\ ", r"\s+") for n in unique)
    end = r"(?![\p{L}\d])"
    tree = regex.compile(f"(?:{_trie_alternation([n.split() for n in unique])}){end}")
    alternation = regex.compile(f"(?:{flat}){end}")
    text = gap.join(words)
    for position in range(len(text)):
        a, b = tree.match(text, position), alternation.match(text, position)
        assert (a and a.span()) == (b and b.span()), (text, position)
