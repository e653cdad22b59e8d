"""Normalizer behaviour on real plans and on the noise DOMAIN.md §6 describes."""

from __future__ import annotations

import unicodedata

from conftest import PLANS, analysis_of

from plan_parser.normalize import normalize
from plan_parser.normalize.tone import canonical_tone, tone_rules


def test_corpus_normalizes_identically_from_nfd() -> None:
    for path in PLANS:
        text = path.read_text(encoding="utf-8")
        assert normalize(unicodedata.normalize("NFD", text)).text == normalize(text).text


def test_page_break_split_sentence_is_joined() -> None:
    plan = next(p for p in PLANS if p.name.startswith("000"))
    norm = analysis_of(plan).normalized
    assert "chấn chỉnh lề lối làm việc, nâng cao hiệu quả hoạt động vào chương trình" in norm.text
    assert "người hoạt động không chuyên trách trên địa bàn" in norm.text
    # the join maps back onto the blank lines of the original
    at = norm.text.index("lề lối làm việc, nâng cao hiệu quả hoạt động vào")
    start, end = norm.to_original(at, at + len("lề lối làm việc"))
    assert norm.original[start:end] == "lề lối\n\nlàm việc"


def test_split_date_in_a_citation_is_joined() -> None:
    plan = next(p for p in PLANS if p.name.startswith("003"))
    text = analysis_of(plan).normalized.text
    assert "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ" in text


def test_markdown_decoration_is_removed_without_findings() -> None:
    plan = next(p for p in PLANS if p.name.startswith("002"))
    analysis = analysis_of(plan)
    lines = analysis.normalized.text.split("\n")
    assert "II. NHIỆM VỤ, GIẢI PHÁP" in lines
    assert "+ Kế hoạch, tài liệu và sản phẩm tuyên truyền." in lines
    assert not any(line.startswith(("#", "**", "- +")) for line in lines)
    assert {f.rule for f in analysis.normalized.findings} == {"tone-style-mixed"}


def test_foreign_character_is_fixed_and_reported_at_its_original_span() -> None:
    plan = next(p for p in PLANS if p.name.startswith("003"))
    analysis = analysis_of(plan)
    foreign = [f for f in analysis.findings if f.rule == "foreign-character"]
    assert len(foreign) == 1
    finding = foreign[0]
    assert analysis.source.text[finding.start:finding.end] == "ch\u1031o"
    assert finding.suggestion == "chéo"
    assert "chùng chéo, trùng lặp" in analysis.normalized.text


def test_tone_style_mixing_is_reported_as_info_only() -> None:
    plan = next(p for p in PLANS if p.name.startswith("002"))
    analysis = analysis_of(plan)
    mixed = [f for f in analysis.findings if f.rule == "tone-style-mixed"]
    assert {analysis.source.text[f.start:f.end] for f in mixed} == {"Hoà"}
    assert all(f.severity == "info" and f.suggestion == "Hòa" for f in mixed)
    # both spellings of the commune normalize to one form for matching
    assert "xã Hòa Xá ban hành" in analysis.normalized.text


def test_single_style_document_has_no_tone_finding() -> None:
    norm = normalize("Ủy ban nhân dân xã Hòa Bình; thủy lợi.")
    assert not norm.findings


def test_html_entities_are_decoded_and_reported() -> None:
    norm = normalize("HĐND &amp; UBND x&atilde; ")
    assert norm.text == "HĐND & UBND xã"
    assert [(f.rule, f.start, f.end, f.suggestion) for f in norm.findings] == [
        ("html-entity", 5, 10, "&"), ("html-entity", 17, 25, "ã")]


def test_cyrillic_look_alike_inside_a_vietnamese_word() -> None:
    norm = normalize("Ủy bаn nhân dân")  # Cyrillic а
    assert norm.text == "Ủy ban nhân dân"
    assert [(f.rule, f.start, f.end) for f in norm.findings] == [("foreign-character", 3, 6)]
    # a genuinely foreign word is left alone
    assert normalize("Москва").text == "Москва"


def test_pdf_page_furniture_and_split_symbol() -> None:
    text = ("DỰ THẢO\nThực hiện Kế hoạch số 208/KH-\nUBND của Ủy ban nhân dân thành phố Hà\n"
            "Nội về việc triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ\n1"
            "\n\f\nDỰ THẢO\ntướng Chính phủ;\n2")
    norm = normalize(text, fmt="pdf")
    assert norm.text == (
        "Thực hiện Kế hoạch số 208/KH-UBND của Ủy ban nhân dân thành phố Hà Nội về "
        "việc triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ "
        "tướng Chính phủ;")


def test_canonical_tone_agrees_with_underthesea_table() -> None:
    """underthesea's normalisation table is the reference for tone placement."""
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    rules = tone_rules()
    checked = 0
    for old, new in token_map.items():
        styled = any(old.endswith(nucleus) for nucleus in rules.to_new)
        if styled and not old.lower().startswith("qu"):
            assert canonical_tone(old) == new, old
            checked += 1
    assert checked > 100


def test_display_keeps_the_written_tone_style() -> None:
    norm = normalize("**Hoà Xá**, ngày tháng 6")
    assert norm.text.startswith("Hòa Xá")
    assert norm.display(0, 6) == "Hoà Xá"


def test_zero_width_characters_are_removed_and_reported() -> None:
    norm = normalize("Kế\u200b hoạch số\u00ad 12")
    assert norm.text == "Kế hoạch số 12"
    assert [(f.rule, f.start, f.end, f.severity) for f in norm.findings] == [
        ("invisible-character", 2, 3, "info")]


def test_a_comparison_at_line_start_is_no_blockquote() -> None:
    """"> 45" opening a line (a band cell of a table) keeps its ">"; "> Trích" is a quote."""
    text = normalize("Độ dốc (độ)\n> 30 - 45\n> 45\n>30.000 giờ;\n> Trích dẫn\n").text
    assert text.split("\n")[1:5] == ["> 30 - 45", "> 45", ">30.000 giờ;", "Trích dẫn"]


def test_bold_runs_glued_at_a_heading_are_two_lines_and_a_split_word_is_one() -> None:
    """"**NGHỊ QUYẾT****Về việc …**": the conversion glued two lines; "**Các d****ự án**" is
    one word that emphasis splits. Offsets still point into the original."""
    glued = normalize("**NGHỊ QUYẾT****Về việc sắp xếp**")
    assert glued.text == "NGHỊ QUYẾT\nVề việc sắp xếp"
    assert glued.to_original(0, len("NGHỊ QUYẾT")) == (2, 12)
    assert normalize("**Các d****ự án**").text == "Các dự án"

