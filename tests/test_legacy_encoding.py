"""Legacy 8-bit encodings (TCVN3/ABC, VNI): the rule file's examples, tables and span detection."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from plan_parser.readers.legacy_encoding import (
    LegacyReport,
    convert_legacy,
    detect_legacy_encoding,
)
from plan_parser.rules_loader import load_rules

RULES = load_rules("normalize/legacy_encodings")
CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpus" / "plans").glob("*.txt"))

# One paragraph of corpus/plans/000 (typo "chùng" fixed) in Unicode, TCVN3 and VNI.
UNICODE_PARAGRAPH = (
    "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số, đổi mới phương thức làm "
    "việc theo hướng hiện đại, chuyên nghiệp, đề cao trách nhiệm cá nhân, dám nghĩ, "
    "dám làm, dám chịu trách nhiệm vì lợi ích chung, khắc phục triệt để tình trạng "
    "chồng chéo, trùng lặp, đùn đẩy, né tránh trong tổ chức và hoạt động."
)
TCVN3_PARAGRAPH = (
    "§Èy m¹nh øng dông c«ng nghÖ th«ng tin, chuyÓn ®æi sè, ®æi míi ph\xad¬ng thøc lµm "
    "viÖc theo h\xadíng hiÖn ®¹i, chuyªn nghiÖp, ®Ò cao tr¸ch nhiÖm c¸ nh©n, d¸m nghÜ, "
    "d¸m lµm, d¸m chÞu tr¸ch nhiÖm v× lîi Ých chung, kh¾c phôc triÖt ®Ó t×nh tr¹ng "
    "chång chÐo, trïng lÆp, ®ïn ®Èy, nÐ tr¸nh trong tæ chøc vµ ho¹t ®éng."
)
VNI_PARAGRAPH = (
    "Ñaåy maïnh öùng duïng coâng ngheä thoâng tin, chuyeån ñoåi soá, ñoåi môùi "
    "phöông thöùc laøm vieäc theo höôùng hieän ñaïi, chuyeân nghieäp, ñeà cao traùch "
    "nhieäm caù nhaân, daùm nghó, daùm laøm, daùm chòu traùch nhieäm vì lôïi ích "
    "chung, khaéc phuïc trieät ñeå tình traïng choàng cheùo, truøng laëp, ñuøn ñaåy, "
    "neù traùnh trong toå chöùc vaø hoaït ñoäng."
)

BEFORE = "Ủy ban nhân dân xã ban hành Kế hoạch triển khai như sau. "
AFTER = ". Các cơ quan, đơn vị thuộc UBND xã chủ động thực hiện.\n"
# "Tổ chức quán triệt sâu sắc và triển khai thực hiện nghiêm túc các nội dung của Kết luận số
# 226-KL/TW" pasted from an old file
TCVN3_SENTENCE = (
    "Tæ chøc qu¸n triÖt s©u s¾c vµ triÓn khai thùc hiÖn nghiªm tóc c¸c néi dung cña "
    "KÕt luËn sè 226-KL/TW"
)
VNI_SENTENCE = (
    "Toå chöùc quaùn trieät saâu saéc vaø trieån khai thöïc hieän nghieâm tuùc caùc noäi "
    "dung cuûa Keát luaän soá 226-KL/TW"
)
SENTENCE = (
    "Tổ chức quán triệt sâu sắc và triển khai thực hiện nghiêm túc các nội dung của "
    "Kết luận số 226-KL/TW"
)

# vowel + (none | breve U+0306 | circumflex U+0302 | horn U+031B)
ALLOWED_MARKS = {(v, "") for v in "aeiouy"} | {
    ("a", "\u0306"),
    ("a", "\u0302"),
    ("e", "\u0302"),
    ("o", "\u0302"),
    ("o", "\u031b"),
    ("u", "\u031b"),
}
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def vietnamese_letters() -> set[str]:
    """The 134 non-ASCII Vietnamese letters, built independently of the rule file."""
    bases = [vowel + mark for vowel, mark in ALLOWED_MARKS]
    letters = {unicodedata.normalize("NFC", b + t) for b in bases for t in TONES}
    letters |= {"đ"}
    letters |= {c.upper() for c in letters}
    return {c for c in letters if not c.isascii()}


def example_id(example: dict[str, Any]) -> str:
    return example["text"][:30]


@pytest.mark.parametrize("example", RULES["examples"], ids=example_id)
def test_rule_file_examples(example: dict[str, Any]) -> None:
    report = detect_legacy_encoding(example["text"])
    assert report.encoding == example["encoding"]
    if example["encoding"] is None:
        assert report.spans == []
    else:
        assert report.spans, "a detected encoding must come with spans"
        assert report.share >= 0.5
    if "converted" in example:
        encoding = example.get("convert_as") or example["encoding"]
        assert convert_legacy(example["text"], encoding) == example["converted"]


def test_examples_cover_both_encodings_and_negatives() -> None:
    found = [example["encoding"] for example in RULES["examples"]]
    assert found.count("tcvn3") >= 5
    assert found.count("vni") >= 5
    assert found.count(None) >= 10


def test_tcvn3_table_covers_all_letters() -> None:
    table = RULES["tcvn3"]["table"]
    assert len(table) == 74
    readings = {letter for pair in table.values() for letter in pair}
    assert readings == vietnamese_letters()
    assert all(len(code) == 1 and 0xA1 <= ord(code) <= 0xFE for code in table)
    # cross-checks against well-known TCVN3 code points
    assert table["\xb8"] == ["á", "Á"]
    assert table["\xa9"] == ["â", "Â"]
    assert table["\xae"] == ["đ", "Đ"]
    assert table["\xa7"] == ["Đ", "Đ"]
    assert table["\xad"] == ["ư", "Ư"]
    assert table["\xfb"] == ["ỷ", "Ỷ"]


def test_vni_table_covers_all_letters() -> None:
    table = RULES["vni"]["table"]
    assert len(table) == 134
    assert set(table.values()) == vietnamese_letters()
    assert all(unicodedata.is_normalized("NFC", letter) for letter in table.values())
    assert table["aù"] == "á" and table["oä"] == "ộ" and table["ñ"] == "đ" and table["ö"] == "ư"
    assert table["AÊ"] == "Ă" and table["î"] == "ỵ" and table["ôø"] == "ờ"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_plans_are_not_legacy(path: Path) -> None:
    report = detect_legacy_encoding(path.read_text(encoding="utf-8"))
    assert report == LegacyReport()


def test_corpus_is_present() -> None:
    assert len(CORPUS) == 5


@pytest.mark.parametrize(
    ("encoding", "paragraph"), [("tcvn3", TCVN3_PARAGRAPH), ("vni", VNI_PARAGRAPH)]
)
def test_whole_legacy_paragraph(encoding: str, paragraph: str) -> None:
    report = detect_legacy_encoding(paragraph)
    assert report.encoding == encoding
    assert report.share >= 0.9
    assert report.spans == [(0, len(paragraph) - 1)]  # up to the last word, not the final "."
    assert convert_legacy(paragraph, encoding) == UNICODE_PARAGRAPH
    assert report.sample == paragraph[: len(report.sample)]
    assert 20 <= len(report.sample) <= 40
    assert report.converted_sample == UNICODE_PARAGRAPH[: len(report.converted_sample)]
    assert report.converted_sample.startswith("Đẩy mạnh ứng dụng")


@pytest.mark.parametrize(
    ("encoding", "sentence"), [("tcvn3", TCVN3_SENTENCE), ("vni", VNI_SENTENCE)]
)
def test_one_pasted_sentence_gives_one_span(encoding: str, sentence: str) -> None:
    text = BEFORE + sentence + AFTER
    report = detect_legacy_encoding(text)
    assert report.encoding == encoding
    assert report.spans == [(len(BEFORE), len(BEFORE) + len(sentence))]
    start, end = report.spans[0]
    assert convert_legacy(text[start:end], encoding) == SENTENCE
    assert 0.3 < report.share < 0.6  # the Unicode words around it count too


def test_pasted_sentence_in_a_corpus_plan() -> None:
    plan = CORPUS[0].read_text(encoding="utf-8")
    cut = plan.index("\n", len(plan) // 2) + 1
    text = plan[:cut] + TCVN3_SENTENCE + ".\n" + plan[cut:]
    report = detect_legacy_encoding(text)
    assert report.encoding == "tcvn3"
    assert report.spans == [(cut, cut + len(TCVN3_SENTENCE))]
    assert report.share < 0.05


def test_spans_break_at_lines_and_unicode_words() -> None:
    text = "Uû ban nh©n d©n\nUû ban nh©n d©n tØnh Bắc Ninh nh©n d©n tØnh"
    report = detect_legacy_encoding(text)
    assert report.encoding == "tcvn3"
    # a line break ends a run; so does "Bắc", whose letter ắ TCVN3 does not have
    ninh = text.index("Ninh")
    assert report.spans == [(0, 15), (16, 36), (ninh, len(text))]
    assert [text[s:e] for s, e in report.spans] == [
        "Uû ban nh©n d©n",
        "Uû ban nh©n d©n tØnh",
        "Ninh nh©n d©n tØnh",
    ]


@pytest.mark.parametrize(
    ("encoding", "pasted"),
    [
        ("tcvn3", "QuyÕt ®Þnh sè 534/Q§-TTg ngµy 31/3/2026 cña Thñ t\xadíng ChÝnh phñ"),
        ("vni", "Quyeát ñònh soá 534/QÑ-TTg ngaøy 31/3/2026 cuûa Thuû töôùng Chính phuû"),
    ],
)
def test_acronym_with_d_stroke_keeps_the_run(encoding: str, pasted: str) -> None:
    text = "Căn cứ các văn bản sau. " + pasted + "; các cơ quan, đơn vị thực hiện."
    report = detect_legacy_encoding(text)
    start = text.index(pasted)
    assert report.encoding == encoding
    assert report.spans == [(start, start + len(pasted))]
    assert convert_legacy(pasted, encoding) == (
        "Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ"
    )


def test_convert_rejects_unknown_encoding() -> None:
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        convert_legacy("abc", "viscii")


def test_convert_reads_capitals_per_line() -> None:
    text = "CéNG HßA X· HéI\nx· Lam S¬n"
    assert convert_legacy(text, "tcvn3") == "CỘNG HÒA XÃ HỘI\nxã Lam Sơn"
    assert convert_legacy("TCVN3", "TCVN3") == "TCVN3"  # case-insensitive name, ASCII unchanged
