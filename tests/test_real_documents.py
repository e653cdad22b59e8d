"""Real documents of the development part of ../shared/corpus-real (never the test part):
header and layout as real documents have them, citations in every form, a decision that
issues a plan. Values were read off the texts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from plan_parser.export.json_export import analysis_to_dict
from plan_parser.pipeline import analyze_file, analyze_text

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real not present")


@cache
def doc(relative: str) -> dict:
    return analysis_to_dict(analyze_file(REAL / relative))


def _on_line(targets: list[dict], line: int) -> list[tuple]:
    """(op, value, unit) of the targets on one line of the original text, in order."""
    return [(t["op"], t["value"], t["unit"]) for t in targets if t["line"] == line]


@needs_real
def test_motto_wrapped_over_two_cells_is_not_the_issuer() -> None:
    header = doc("tvpl/00e8b0e4daffc2ef.md")["header"]  # "CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA …"
    assert header["issuer"] == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert header["signer"]["authority"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]


@needs_real
def test_number_wrapped_after_so_and_a_year_in_the_symbol() -> None:
    header = doc("tvpl/01bf9d04a5b9e2c8.md")["header"]  # "Số:" / "87/2025/QĐ-UBND"
    assert (header["number"], header["symbol"], header["symbol_year"], header["full_symbol"]) == (
        "87", "QĐ-UBND", 2025, "87/2025/QĐ-UBND")
    assert header["date"] == "2025-11-19"
    assert header["issuer"] == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"


@needs_real
def test_a_decision_that_issues_a_plan() -> None:
    d = doc("tvpl/001c610b2efdcf0c.md")
    assert d["header"]["doc_type"] == "Quyết định"
    assert d["header"]["full_symbol"] == "2820/QĐ-UBND"
    (plan,) = d["attachments"]
    assert plan["doc_type"] == "Kế hoạch"
    assert plan["title"].startswith("TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG")
    assert "2820/QĐ-UBND" in plan["attached_by"]["text"]
    assert [s["label"] for s in plan["sections"]] == ["I", "II", "III", "IV"]
    assert [s["label"] for s in d["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
    # what its title says it carries out (the later of two), not itself nor a basis plan
    assert d["parent"]["symbol"] == "3103/QĐ-BTC"
    assert len(d["deadlines"]) >= 10  # the plan's tasks, in its annex table


@needs_real
def test_gazette_furniture_is_removed_and_the_header_read() -> None:
    d = doc("congbao/nghi-dinh-so-158-2025-nd-cp-45240.txt")
    header = d["header"]
    assert (header["doc_type"], header["full_symbol"], header["date"]) == (
        "Nghị định", "158/2025/NĐ-CP", "2025-06-25")
    assert header["issuer"] == "CHÍNH PHỦ" and header["issuer_parent"] is None
    assert header["signer"] == {"name": "Hồ Đức Phớc", "title": "PHÓ THỦ TƯỚNG",
                                "authority": ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"]}
    assert not any("CÔNG BÁO" in s["title"] for s in d["sections"])


@needs_real
def test_a_cong_van_with_a_two_level_issuer() -> None:
    header = doc("tvpl/1871c6bc374a0bc4.md")["header"]
    assert header["doc_type"] == "Công văn"
    assert (header["issuer"], header["issuer_parent"]) == ("CỤC THUẾ", "BỘ TÀI CHÍNH")
    assert header["signer"]["authority"] == ["TL. CỤC TRƯỞNG",
                                             "KT. TRƯỞNG BAN BAN CHÍNH SÁCH, THUẾ QUỐC TẾ"]


@needs_real
def test_a_plan_on_another_topic_has_its_own_parent_and_targets() -> None:
    d = doc("tvpl/192068354fd1ffe5.md")  # technology roadmap of a province
    assert d["parent"]["symbol"] == "283/KH-UBND"
    refs = {r["symbol"] for r in d["references"]}
    assert "10-CTr/TU" in refs  # written "10- CTr/TU" once
    got = {(t["op"], t["value"], t["unit"]) for t in d["targets"]}
    assert {(">", 50, "%"), (">=", 20, "mô hình"), ("=", 100, "%")} <= got
    assert all(t["subject"] for t in d["targets"])


LAWS = ("Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024; Luật Quy hoạch số "
        "21/2017/QH14 (được sửa đổi, bổ sung bởi Luật số 28/2018/QH14); Luật Đất đai năm 2024.\n")


def test_laws_cited_by_name_keep_their_number() -> None:
    text = "KẾ HOẠCH\nVề quản lý đất đai\n" + LAWS + "I. MỤC ĐÍCH\n1. Thực hiện tốt.\n"
    refs = {r["symbol"]: r for r in analysis_to_dict(analyze_text(text))["references"]}
    assert refs["31/2024/QH15"]["name"] == "Luật Đất đai"
    assert refs["31/2024/QH15"]["date"] == "2024-01-18"
    assert len(refs["31/2024/QH15"]["mentions"]) == 2  # the name alone leads to the law
    assert refs["21/2017/QH14"]["name"] == "Luật Quy hoạch"
    assert "28/2018/QH14" in refs


def test_party_and_committee_symbols_and_malformed_variants() -> None:
    text = ("KẾ HOẠCH\nVề công tác kiểm tra\nThực hiện Hướng dẫn số 12-HD/UBKTTW, Kế hoạch số "
            "05-KH/BTCTW, Chương trình số 10-CTr/TU, Chỉ thị số 09-CT/TU, Nghị quyết số "
            "45-NQ/TW ngày 24/11/2023 và Nghị quyết số 45/NQ- TW; Chỉ thị số số 05 - CT/TW;\n"
            "I. MỤC ĐÍCH\n1. Thực hiện tốt.\n")
    analysis = analyze_text(text)
    refs = {r["symbol"]: r for r in analysis_to_dict(analysis)["references"]}
    assert {"12-HD/UBKTTW", "05-KH/BTCTW", "10-CTr/TU", "09-CT/TU", "45-NQ/TW",
            "05-CT/TW"} <= set(refs)
    assert "45/NQ-TW" not in refs and len(refs["45-NQ/TW"]["mentions"]) == 2
    malformed = [f.suggestion for f in analysis.findings if f.rule == "citation-symbol-malformed"]
    assert "45-NQ/TW" in malformed


HEADER_CELLS = (["ỦY BAN NHÂN", "DÂN TỈNH LAI CHÂU", "-------", "Số: 87/2025/QĐ-UBND"],
                ["CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Lai Châu, ngày 19", "tháng 11 năm 2025"])
BODY = ["QUYẾT ĐỊNH", "Quy định thực hiện nếp sống văn minh", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Quy định thực hiện nếp sống văn minh.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.", "Nơi nhận:", "- Như Điều 2;",
        "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Tống Thanh Hải"]
FIELDS = ("doc_type", "number", "symbol", "symbol_year", "full_symbol", "date", "issuer",
          "signer")


def _header_of(path: Path) -> dict:
    header = analysis_to_dict(analyze_file(path))["header"]
    return {k: header[k] for k in FIELDS}


def test_the_same_header_from_a_docx_header_table_and_from_text(tmp_path: Path) -> None:
    """Issuer and number in the left cell, motto and a wrapped place/date in the right one."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, HEADER_CELLS, strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in BODY:
        document.add_paragraph(line)
    docx_path = tmp_path / "quyet-dinh.docx"
    document.save(docx_path)
    text_path = tmp_path / "quyet-dinh.txt"
    text_path.write_text("\n".join([*HEADER_CELLS[0], *HEADER_CELLS[1], *BODY]) + "\n",
                         encoding="utf-8")
    from_docx, from_text = _header_of(docx_path), _header_of(text_path)
    assert from_docx == from_text
    assert from_docx["issuer"] == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    assert (from_docx["full_symbol"], from_docx["date"]) == ("87/2025/QĐ-UBND", "2025-11-19")
    assert from_docx["signer"]["authority"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]


def _table_docx(path: Path, title: str, rows: list[list[str]]) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.save(path)


@needs_real
def test_a_word_table_is_read_as_a_table(tmp_path: Path) -> None:
    """A real plan's task table (its cells as the text has them) typed as a Word table gives
    the same deadlines from each row's time cell; an indicator table, the targets by year."""
    from plan_parser.extract.tables import find_tables
    from plan_parser.normalize import normalize
    from plan_parser.readers import read_document

    source = read_document(REAL / "tvpl/31786b0833a4130d.md")
    table = next(t for t in find_tables(normalize(source.text, fmt=source.format))
                 if t.header[-1].text == "Thời gian thực hiện")
    rows = [[c.text for c in table.header], *([c.text for c in r] for r in table.rows)]
    assert [r[-1] for r in rows[1:3]] == ["Quý III Năm 2026", "Quý IV/2025- Quý II/2026"]
    path = tmp_path / "nhiem-vu.docx"
    _table_docx(path, "III. NHIỆM VỤ", rows)
    read = analysis_to_dict(analyze_file(path))["deadlines"]
    # as from the text (lines 440 and 453 of the .md): a quarter, then a span of quarters,
    # each with its row's task
    assert [(d["kind"], d["quarter"], d["year"]) for d in read] == [
        ("period", 3, 2026), ("period", 4, 2025), ("period", 2, 2026)]
    assert read[0]["subject"].startswith("Tổ chức điều chỉnh, bổ sung quy hoạch hạ tầng viễn")
    assert read[1]["subject"] == read[2]["subject"] != read[0]["subject"]

    indicators = [["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2026", "Năm 2027"],
                  ["1", "Tỷ lệ hộ dân sử dụng nước sạch", "%", "95", "97"],
                  ["2", "Tốc độ tăng trưởng nông nghiệp", "%/năm", "3,5", "4"]]
    path = tmp_path / "chi-tieu.docx"
    _table_docx(path, "2. Chỉ tiêu cụ thể", indicators)
    targets = [(t["op"], t["value"], t["unit"], t["period"], t["subject"])
               for t in analysis_to_dict(analyze_file(path))["targets"]]
    assert targets == [
        ("=", 95, "%", "2026", "Tỷ lệ hộ dân sử dụng nước sạch"),
        ("=", 97, "%", "2027", "Tỷ lệ hộ dân sử dụng nước sạch"),
        (">=", 3.5, "%/năm", "2026", "Tốc độ tăng trưởng nông nghiệp"),
        (">=", 4, "%/năm", "2027", "Tốc độ tăng trưởng nông nghiệp"),
    ]


@needs_real
def test_a_decision_carries_out_the_directive_it_names_as_a_basis() -> None:
    # "Căn cứ Quyết định 3578/QĐ-BKHCN … công bố thủ tục hành chính …": the province publishes
    # what the ministry published; the decrees and circulars beside it give competence
    assert doc("tvpl/04e4130eb91f3242.md")["parent"]["symbol"] == "3578/QĐ-BKHCN"
    # "Căn cứ … 1532/QĐ-TTg … về việc kiện toàn Ban Chỉ đạo …" sets up the body: no task
    assert doc("tvpl/322358d6040a153b.md")["parent"] is None


@needs_real
def test_a_decision_publishing_procedures_carries_out_the_latest_directive_not_a_plan() -> None:
    # "Căn cứ Quyết định số 1085/QĐ-TTg … ban hành Kế hoạch rà soát …" (2022) and "Căn cứ
    # Quyết định số 3100/QĐ-BTP … về việc công bố thủ tục hành chính …" (2025): a decision that
    # is no plan carries out the ministry's latest decision, not the national plan around it
    assert doc("tvpl/1b479d81b4a8f42e.md")["parent"]["symbol"] == "3100/QĐ-BTP"
    assert doc("tvpl/c37e0ca0510350f4.md")["parent"]["symbol"] == "800/QĐ-BDTTG"


@needs_real
def test_an_upper_case_title_is_not_run_into_the_basis() -> None:
    # hard-wrapped title "… (THỰC HIỆN THEO NGHỊ QUYẾT 66/NQ-CP …" then "Căn cứ …" lines
    d = doc("tvpl/ca83e7689c9fc610.md")
    assert "Căn cứ" not in d["header"]["title"]
    assert d["parent"]["symbol"] == "66/NQ-CP"


@needs_real
def test_dates_of_a_legal_text_are_deadlines_only_when_due() -> None:
    # "Từ ngày 01 tháng 7 năm 2026, mức lương cơ sở là …" says when a rule applies
    assert doc("congbao/nghi-dinh-so-161-2026-nd-cp-469550.txt")["deadlines"] == []
    # "Trước ngày 20 tháng 12 hằng năm" in a resolution with a year in its symbol stays
    due = doc("tvpl/0abcf1a5292b31ec.md")["deadlines"]
    assert [(d["kind"], d["day"], d["month"], d["recurrence"], d["line"]) for d in due] == [
        ("before_date", 20, 12, "yearly", 129), ("before_date", 20, 12, "yearly", 286)]


@needs_real
def test_a_threshold_that_selects_a_case_and_procedure_steps_are_targets() -> None:
    # "với tổng lưu lượng từ 50 m3/ngày trở lên": the cases a rule covers, a target by the
    # reading guideline's call of 2026-12-03 (a band or threshold that selects a case)
    found = {(t["line"], t["op"], t["value"]) for t in doc("tvpl/6e205b75bcc588b5.md")["targets"]}
    assert {(920, ">=", 50), (930, ">=", 10), (938, ">=", 2000)} <= found
    # a "Bước 1 | … | 0,25 ngày làm việc" row of an internal-procedure table
    steps = [t for t in doc("tvpl/b3a4b2605f9a281f.md")["targets"] if t["line"] == 547]
    assert [(t["op"], t["value"], t["unit"]) for t in steps] == [("<=", 0.25, "ngày làm việc")]


@needs_real
def test_procedure_step_times_in_tables_of_every_shape() -> None:
    # a header opening with "Thứ tự công việc", rows "Bước 1 | … | 0,25 ngày làm việc"
    steps = {t["line"]: t["value"] for t in doc("tvpl/5298da2adb9eb4fe.md")["targets"]}
    assert steps.get(679) == 0.25 and steps.get(738) == 1.25
    # merged cells put the rows out of line: a cell that is only a duration still counts
    lines = {(t["line"], t["value"]) for t in doc("tvpl/ad52bc0b105a20cd.md")["targets"]}
    assert {(456, 0.25), (476, 0.5), (487, 3.5)} <= lines
    # "… trong ngày làm việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ": a clock time
    assert not [t for t in doc("tvpl/741f24db1e774799.md")["targets"] if t["unit"] == "giờ"]


@needs_real
def test_time_limits_of_a_decree() -> None:
    targets = doc("congbao/nghi-dinh-so-171-2026-nd-cp-469563.txt")["targets"]
    by_line = {t["line"]: (t["op"], t["value"], t["unit"]) for t in targets}
    # a numbered clause whose text says "đánh giá thực trạng" is no section of results
    assert by_line[281] == ("<=", 5, "ngày làm việc")
    # "thời hạn nêu trên là 02 ngày làm việc": "nêu trên" is no comparator
    assert by_line[440] == ("<=", 2, "ngày làm việc")
    assert by_line[73] == ("<=", 7, "ngày")  # "thời hạn kiểm tra, đánh giá là 07 ngày"


@needs_real
def test_a_lone_star_closing_an_italic_basis_line_keeps_the_lines_apart() -> None:
    # "*Căn cứ Luật … năm 2025; *" then "*Căn cứ Nghị định số …": two basis paragraphs
    d = doc("tvpl/ad52bc0b105a20cd.md")
    assert d["parent"]["symbol"] == "5132/QĐ-BQP"


@needs_real
def test_a_working_schedule_of_a_legal_text_is_no_deadline() -> None:
    # "10 giờ từ thứ hai đến thứ sáu, 8 giờ vào thứ bảy hằng tuần": hours of work, not a due day
    due = doc("congbao/thong-tu-so-18-2021-tt-bldtbxh-36338.txt")["deadlines"]
    assert [d for d in due if d.get("weekday") is not None] == []


@needs_real
def test_a_title_naming_what_it_carries_out_without_a_number_finds_it_in_the_basis() -> None:
    # "KẾ HOẠCH THỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ VĂN HÓA VÀ THỂ THAO THỜI KỲ 2021-2030" and
    # "Căn cứ Quyết định số 991/QĐ-TTg … phê duyệt Quy hoạch mạng lưới cơ sở Văn hóa và Thể thao
    # thời kỳ 2021-2030": not the Government's action programme named above it
    assert doc("tvpl/448306af3d3a91f7.md")["parent"]["symbol"] == "991/QĐ-TTg"


@needs_real
def test_dates_listed_after_a_due_one_in_a_legal_text_are_due_too() -> None:
    # "… trước ngày 25 tháng cuối của quý," / "ngày 25 tháng 6 và ngày 25 tháng 12 hằng năm":
    # the list goes on over a hard line break, away from the "gửi báo cáo" that orders it
    due = doc("tvpl/6d0e277c7b88a914.md")["deadlines"]
    listed = [(d["day"], d["month"]) for d in due if d["line"] in (939, 940)]
    assert listed == [(25, None), (25, 6), (25, 12)]


@needs_real
def test_an_indicator_table_gives_each_row_its_value_subject_and_period() -> None:
    # an annex "TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì", rows under "Giai đoạn
    # 2025-2027": each "Kết quả" cell is the value the row's indicator is to reach
    rows = {t["line"]: t for t in doc("tvpl/2edf5927c71bc4c1.md")["targets"]}
    assert (rows[633]["op"], rows[633]["value"], rows[633]["period"]) == ("=", 100, "2025-2027")
    assert rows[658]["subject"] == ("Tỉ lệ người dân, doanh nghiệp đánh giá hài lòng khi sử dụng"
                                    " dịch vụ công trực tuyến")
    assert (rows[658]["op"], rows[658]["value"], rows[658]["unit"]) == (">=", 95, "%")


@needs_real
def test_a_law_named_before_its_number_in_the_title_is_the_parent() -> None:
    # "… (THỰC HIỆN ĐIỂM B KHOẢN 2 ĐIỀU 29 LUẬT THỦ ĐÔ SỐ 39/2024/QH15)"; and "Định kỳ hàng năm
    # (trước ngày 30 tháng 10)" in the resolution is due (the "trước" inside the brackets)
    d = doc("tvpl/5f041f5e6645b117.md")
    assert d["parent"]["symbol"] == "39/2024/QH15"
    assert [(x["day"], x["month"], x["recurrence"]) for x in d["deadlines"] if x["line"] == 178] \
        == [(30, 10, "yearly")]


@needs_real
def test_scores_capped_and_floored_are_targets() -> None:
    # "điểm thưởng … tối đa 03 điểm; điểm trừ tối đa 03 điểm", "Điểm thưởng: Tối đa (03
    # điểm).", "đạt từ 95 điểm trở lên"
    scores = [(t["line"], t["op"], t["value"]) for t in doc("tvpl/1a434d0a7e14dc93.md")["targets"]
              if t["unit"] == "điểm"]
    assert scores[:5] == [(166, "<=", 3), (166, "<=", 3), (190, "<=", 3), (192, "<=", 3),
                          (207, ">=", 95)]


@needs_real
def test_a_decree_requiring_a_staff_floor_sets_a_target() -> None:
    # "… khi khối lượng công việc yêu cầu phải bố trí từ 30 biên chế công chức trở lên" (a
    # decree: a threshold is a target only when the text requires it)
    floors = {(t["line"], t["op"], t["value"], t["unit"])
              for t in doc("tvpl/fa3395538c5c7356.md")["targets"]}
    assert {(279, ">=", 30, "biên chế"), (397, ">=", 5, "biên chế")} <= floors


@needs_real
def test_a_consolidated_text_numbered_under_its_authentication_line() -> None:
    # "BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI" / "XÁC THỰC VĂN BẢN HỢP NHẤT" / "Số: 4082/VBHN-…"
    header = doc("congbao/van-ban-hop-nhat-so-4082-vbhn-bldtbxh-42696.txt")["header"]
    assert (header["number"], header["full_symbol"], header["date"]) == (
        "4082", "4082/VBHN-BLĐTBXH", "2024-08-30")
    assert header["issuer"] == "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"


@needs_real
def test_a_title_guiding_what_a_decree_provides_names_the_parent() -> None:
    # "Hướng dẫn thực hiện một số điều về hỗ trợ … theo hợp đồng quy định tại Nghị định số
    # 61/2015/NĐ-CP …": more than 60 characters between the verb and the citation
    assert doc("congbao/van-ban-hop-nhat-so-714-vbhn-bldtbxh-41372.txt")["parent"]["symbol"] \
        == "61/2015/NĐ-CP"


@needs_real
def test_letters_cited_as_van_ban_with_their_own_dates() -> None:
    # "… theo các văn bản số: 10894/VPCP-CN ngày 8/11/2025, 8563/VPCP-CN ngày 12/9/2025 của …"
    cited = {c["symbol"]: c for c in doc("tvpl/1095764e502a89b8.md")["references"]}
    assert cited["10894/VPCP-CN"]["kind"] == "Công văn"
    assert cited["8563/VPCP-CN"]["date"] == "2025-09-12"


@needs_real
def test_a_letter_whose_subject_line_ran_into_its_number() -> None:
    # "Số: 5387/CT-CS" and "*v/v trả lời phản ánh kiến nghị*" in one line after conversion: a
    # Công văn (its "CT" is the Cục Thuế's, no Chỉ thị)
    header = doc("tvpl/ad7a1b2470f2fff7.md")["header"]
    assert (header["doc_type"], header["full_symbol"]) == ("Công văn", "5387/CT-CS")


@needs_real
def test_a_proposal_is_never_the_parent() -> None:
    # "Theo đề nghị … tại Tờ trình số 16487/TTr-UBND … về việc … Chương trình mục tiêu quốc
    # gia xây dựng nông thôn mới": its title matches the resolution's, yet it is no parent
    assert doc("tvpl/592501a25aaf5012.md")["parent"] is None


@needs_real
def test_a_stray_bracket_after_the_signer_title() -> None:
    signer = doc("congbao/nghi-dinh-so-140-2026-nd-cp-469402.txt")["header"]["signer"]
    assert signer["title"] == "PHÓ THỦ TƯỚNG"


@needs_real
def test_symbols_wrapped_after_a_hyphen_or_slash_in_a_gazette_table() -> None:
    # the appendix table of a resolution: "Nghị quyết số 23/NQ-" / "CP", "số 119/2026/" / …
    cited = {c["symbol"] for c in doc("congbao/nghi-quyet-so-97-nq-cp-469324.txt")["references"]}
    assert {"23/NQ-CP", "289/2025/NĐ-CP", "119/2026/UBTVQH15", "71-NQ/TW"} <= cited
    assert not {"23/NQ", "289/2025/NĐ"} & cited
    # a cell's symbol with its footnote's number after it ("NQ/TW1", "09/2026/NĐ-" / "CP4",
    # footnote "4 Nghị định số 09/2026/NĐ-CP ngày 10/01/2026 …") is that symbol
    assert {"66-NQ/TW", "140/NQ-CP", "12-CTr/BCĐ", "09/2026/NĐ-CP"} <= cited
    assert not {"66-NQ/TW1", "140/NQ-CP2", "12-CTr/BCĐ3", "09/2026/NĐ-CP4"} & cited


def test_a_footnote_number_after_a_symbol_is_no_part_of_it() -> None:
    text = ("KẾ HOẠCH\nThực hiện việc\nCăn cứ Luật số 43/2024/QH15 ngày 12/6/2024;\n"
            "I. MỤC ĐÍCH\n| Nghị quyết số 66-NQ/TW1 | 2026 |\n"
            "1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.\n")
    analysis = analyze_text(text)
    cited = sorted(r.symbol.canonical for r in analysis.references if r.symbol)
    assert cited == ["43/2024/QH15", "66-NQ/TW"]
    party = next(r for r in analysis.references if r.symbol and r.symbol.system == "party")
    written = [analysis.normalized.text[m.start:m.end] for m in party.mentions]
    assert written[0] == "Nghị quyết số 66-NQ/TW"  # the cell's mention, without its mark
    # no base without the number, so a symbol ending in digits stays as written
    alone = analyze_text("KẾ HOẠCH\nThực hiện việc\nThực hiện Quyết định số 12/QĐ-UB5.\n")
    assert [r.symbol.canonical for r in alone.references if r.symbol] == ["12/QĐ-UB5"]


@needs_real
def test_a_number_label_alone_on_its_line_stays_in_the_header() -> None:
    # "Số:" / "5485/CT-CS" / "*V/v chính sách thuế giá trị gia tăng*" / "*Hà Nội, ngày 25 …*"
    header = doc("tvpl/64ac847426fe67d5.md")["header"]
    assert (header["doc_type"], header["full_symbol"], header["date"]) == (
        "Công văn", "5485/CT-CS", "2025-11-25")


@needs_real
def test_an_authority_mark_with_no_space_after_its_dot() -> None:
    # the authentication block of a consolidated text: "KT.BỘ TRƯỞNG" / "THỨ TRƯỞNG" / name
    signer = doc("congbao/van-ban-hop-nhat-so-2091-vbhn-bldtbxh-37409.txt")["header"]["signer"]
    assert (signer["authority"], signer["title"], signer["name"]) == (
        ["KT.BỘ TRƯỞNG"], "THỨ TRƯỞNG", "Lê Văn Thanh")


@needs_real
def test_what_an_amended_programme_carries_out_is_not_the_parent() -> None:
    # "Sửa đổi, bổ sung nhiệm vụ trong Chương trình hành động của Chính phủ thực hiện Nghị quyết
    # số 66-NQ/TW …": the basis it carries out is the later programme 12-CTr/BCĐ
    assert doc("congbao/nghi-quyet-so-97-nq-cp-469324.txt")["parent"]["symbol"] == "12-CTr/BCĐ"


@needs_real
def test_a_dotted_number_in_the_header() -> None:
    # "Số: 66.17/2026/NQ-CP": a numbered part of a resolution
    header = doc("congbao/nghi-quyet-so-6617-2026-nq-cp-469565.txt")["header"]
    assert (header["number"], header["full_symbol"]) == ("66.17", "66.17/2026/NQ-CP")


@needs_real
def test_codes_written_without_their_hyphen_are_one_document_and_a_finding() -> None:
    # "Nghị định số 118/2025/NĐCP" beside "118/2025/NĐ-CP"; "Thông tư số 21/2025/TTBYT"
    d = doc("tvpl/1ea5e769bcf16b99.md")
    cited = {r["symbol"] for r in d["references"]}
    assert {"118/2025/NĐ-CP", "21/2025/TT-BYT"} <= cited
    assert not {"118/2025/NĐCP", "21/2025/TTBYT"} & cited
    malformed = {f["text"]: f["suggestion"] for f in d["findings"]
                 if f["rule"] == "citation-symbol-malformed"}
    assert malformed["118/2025/NĐCP"] == "118/2025/NĐ-CP"


@needs_real
def test_ranks_and_years_of_a_national_programme() -> None:
    # "Đến năm 2025, Việt Nam thuộc nhóm: 70 nước dẫn đầu về Chính phủ điện tử (EGDI); …";
    # "Đến 2030, hoàn thành việc triển khai …"; "… dự kiến hoàn thành vào năm 2028"
    d = doc("congbao/nghi-quyet-so-175-nq-cp-40286.txt")
    ranks = [(t["op"], t["value"], t["period"]) for t in d["targets"]
             if t["unit"] == "nước dẫn đầu"]
    assert ranks[:3] == [("<=", 70, "2025"), ("<=", 50, "2025"), ("<=", 40, "2025")]
    due = {(x["kind"], x["year"], x["text"]) for x in d["deadlines"]}
    assert {("before_date", 2030, "Đến 2030,"), ("before_date", 2028, "vào năm 2028"),
            ("before_date", 2025, "trước năm 2025")} <= due
    # the ranks' "Đến năm 2025," (line 303) and "Đến năm 2030," (line 306) are their period
    assert not [x for x in d["deadlines"] if x["line"] in (303, 306)]


@needs_real
def test_specifications_of_goods_are_no_targets_and_bands_of_terms_are() -> None:
    # a tariff's lines: "- - Đường kính không quá 0,0508 mm", "… không quá 97% tính theo khối
    # lượng"
    values = {(t["op"], t["value"]) for t in
              doc("congbao/nghi-dinh-so-144-2026-nd-cp-469482.txt")["targets"]}
    assert not {("<=", 0.0508), ("<=", 97), (">=", 99.8)} & values
    # a fee table's "Kỳ hạn đến 2 ngày", "Kỳ hạn 3 đến 14 ngày", "Kỳ hạn trên 14 ngày": bands
    # that select the fee (the call of 2026-12-03)
    terms = {(t["op"], t["value"]) for t in
             doc("congbao/thong-tu-so-34-2026-tt-btc-469239.txt")["targets"] if t["unit"] == "ngày"}
    assert {("<=", 2), (">=", 3), ("<=", 14), (">", 14)} <= terms


@needs_real
def test_the_floor_of_a_range_whose_ceiling_is_a_limit_of_a_legal_text() -> None:
    # "cao hơn từ trên 15% đến không quá 30% so với mức giá quy định" (a normative decision)
    targets = doc("tvpl/317a61c94fc776ca.md")["targets"]
    assert [(t["op"], t["value"]) for t in targets][:2] == [(">", 15), ("<=", 30)]


@needs_real
def test_within_one_occasion_is_no_time_limit() -> None:
    # "chi phí vật tư y tế của người bệnh trong một lần sử dụng dịch vụ kỹ thuật"
    targets = doc("congbao/van-ban-hop-nhat-so-06-vbhn-byt-26324.txt")["targets"]
    assert not [t for t in targets if "trong" in t["text"] and t["unit"] == "lần"]


@needs_real
def test_the_enacting_body_when_no_issuer_line_stands_above_the_number() -> None:
    # "Số: 1666/NQ-UBTVQH15" / "NGHỊ QUYẾT" / … / "**ỦY BAN THƯỜNG VỤ QUỐC HỘI**" / "Căn cứ …"
    header = doc("tvpl/2ebd04bbb88b5fcd.md")["header"]
    assert (header["issuer"], header["issuer_source"]) == ("ỦY BAN THƯỜNG VỤ QUỐC HỘI",
                                                          "enacting-line")
    # an office holder on that line is no body: "BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO"
    assert doc("tvpl/4eb6d4a67b3ff8d9.md")["header"]["issuer"] is None


@needs_real
def test_a_signature_cell_run_together_by_the_converter() -> None:
    # "| TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Nguyễn Hòa Bình |"
    signer = doc("tvpl/e4ddc120fc14463c.md")["header"]["signer"]
    assert (signer["authority"], signer["title"], signer["name"]) == (
        ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"], "PHÓ THỦ TƯỚNG", "Nguyễn Hòa Bình")


@needs_real
def test_a_circular_guiding_what_a_decree_provides() -> None:
    # title "Hướng dẫn một số quy định tại Nghị định số 289/2025/NĐ-CP … hướng dẫn thi hành
    # Nghị quyết số 197/2025/QH15 …": the decree it guides, not the resolution the decree does
    parent = doc("congbao/thong-tu-so-33-2026-tt-bca-469654.txt")["parent"]
    assert parent["symbol"] == "289/2025/NĐ-CP"


@needs_real
def test_a_consolidated_text_confirmed_under_its_number() -> None:
    # "Số: 4246/VBHN-BLĐTBXH" / "XÁC NHẬN VĂN BẢN HỢP NHẤT" / "Hà Nội, ngày 24 tháng 11 năm 2021"
    header = doc("congbao/van-ban-hop-nhat-so-4246-vbhn-bldtbxh-34873.txt")["header"]
    assert (header["doc_type"], header["full_symbol"], header["date"]) == (
        "Văn bản hợp nhất", "4246/VBHN-BLĐTBXH", "2021-11-24")


@needs_real
def test_dates_older_than_the_cited_documents_are_no_deadlines_without_a_header_date() -> None:
    # a consolidated text whose own date stands at its end, unread: "người hoạt động cách mạng
    # trước ngày 01 tháng 01 năm 1945" is a condition; it cites documents of 2020 and later
    d = doc("congbao/van-ban-hop-nhat-so-5162-vbhn-bldtbxh-43035.txt")
    assert d["header"]["date"] is None
    assert not [x for x in d["deadlines"] if x.get("year") == 1945]


def test_cited_floor_needs_two_cited_documents_of_the_year() -> None:
    from datetime import date

    from plan_parser.resolve.deadlines import cited_floor

    def analysis(text: str):
        return analyze_text(text).references

    one = analysis("Căn cứ Nghị định số 15/2023/NĐ-CP; Thông tư số 02/2021/TT-BLĐTBXH.")
    assert cited_floor(one) == date(2021, 1, 1)  # the second latest year, not the latest
    assert cited_floor(analysis("Căn cứ Nghị định số 15/2023/NĐ-CP.")) is None


@needs_real
def test_a_band_of_a_legal_text_keeps_both_bounds_and_a_completed_duration() -> None:
    # Luật BHXH (consolidated): "40 ngày nếu đã đóng từ đủ 15 năm đến dưới 30 năm" (line 549),
    # "khi nghỉ việc có đủ 20 năm đóng bảo hiểm xã hội trở lên" (line 930): both are thresholds
    # that select a case, targets by the reading guideline
    d = doc("congbao/van-ban-hop-nhat-so-19-vbhn-vpqh-30971.txt")
    found = {(t["line"], t["op"], t["value"], t["unit"]) for t in d["targets"]}
    assert {(549, ">=", 15, "năm"), (549, "<", 30, "năm"), (930, ">=", 20, "năm")} <= found


@needs_real
def test_a_length_of_time_per_period_in_a_legal_text_is_a_target() -> None:
    # TT 21/2021/TT-BLĐTBXH, a contract's working time: "Thời giờ làm việc không quá 9
    # giờ/ngày, 6 ngày/tuần" (line 1719), "Làm việc 8 giờ /ngày; 48 giờ/tuần. Được nghỉ" / "01
    # ngày/tuần" (lines 2075-2076): rates of time, the second of a list bounded like the first
    found = _on_line(doc("congbao/thong-tu-so-21-2021-tt-bldtbxh-36486.txt")["targets"], 1719)
    assert found == [("<=", 9, "giờ/ngày"), ("<=", 6, "ngày/tuần")]
    targets = doc("congbao/thong-tu-so-21-2021-tt-bldtbxh-36486.txt")["targets"]
    assert _on_line(targets, 2075) + _on_line(targets, 2076) == [
        ("=", 8, "giờ/ngày"), ("=", 48, "giờ/tuần"), ("=", 1, "ngày/tuần")]


@needs_real
def test_a_title_at_the_end_of_a_wrapped_mark_and_a_head_signing_without_a_mark() -> None:
    # "KT. TRƯỞNG BAN GIÁM SÁT QUẢN LÝ" / "VỀ HQ PHÓ TRƯỞNG BAN" / "Nguyễn Bắc Hải"
    signer = doc("tvpl/9ca435f010e53248.md")["header"]["signer"]
    assert signer["authority"] == ["TL. CỤC TRƯỞNG", "KT. TRƯỞNG BAN GIÁM SÁT QUẢN LÝ VỀ HQ"]
    assert (signer["title"], signer["name"]) == ("PHÓ TRƯỞNG BAN", "Nguyễn Bắc Hải")
    # "GIÁM ĐỐC" / "Cù Ngọc Trang" signs; the appendix form's "TM. TỔ CHỨC (3)" is no signer
    signer = doc("tvpl/82483d7fa7f7a186.md")["header"]["signer"]
    assert (signer["title"], signer["name"], signer["authority"]) == (
        "GIÁM ĐỐC", "Cù Ngọc Trang", [])


@needs_real
def test_a_date_of_the_current_year_is_due_each_year_even_after_a_stated_fact() -> None:
    # "Thời gian điều chỉnh dự toán đã giao … hoàn thành trước ngày 15 tháng 11 năm hiện hành":
    # "đã giao" states a fact, but the deadline's own "hoàn thành" orders the task done by then
    deadlines = doc("congbao/thong-tu-so-44-2022-tt-btc-37701.txt")["deadlines"]
    due = [d for d in deadlines if (d["day"], d["month"]) == (15, 11)]
    assert [(d["kind"], d["year"], d["recurrence"]) for d in due] == [
        ("before_date", None, "yearly")]


@needs_real
def test_a_past_act_before_a_date_is_a_cutoff_and_a_duty_stays_due() -> None:
    # "… mà trước ngày 01 tháng 01 năm 2025 đã được cơ quan có thẩm quyền xác định": a condition
    law = doc("congbao/luat-so-51-2024-qh15-43559.txt")["deadlines"]
    assert not [d for d in law if (d["day"], d["month"], d["year"]) == (1, 1, 2025)
                and 560 <= d["line"] <= 585]
    # "Có HĐLĐ được giao kết và thực hiện trước ngày 01/4/2022": a contract signed before then
    decision = doc("congbao/quyet-dinh-so-08-2022-qd-ttg-36945.txt")["deadlines"]
    assert not [d for d in decision if (d["day"], d["month"], d["year"]) == (1, 4, 2022)]
    # "… phải được phê duyệt trước ngày 01 tháng 7 năm 2027": a duty, due
    consolidated = doc("congbao/van-ban-hop-nhat-so-38-vbhn-bct-469649.txt")["deadlines"]
    assert [(d["kind"], d["day"], d["month"], d["year"]) for d in consolidated
            if d["year"] == 2027 and d["month"] == 7] == [("before_date", 1, 7, 2027)]


@needs_real
def test_a_past_order_reported_in_a_long_sentence_is_no_deadline() -> None:
    """"Trong đó, Chủ tịch … đã chỉ đạo các cơ quan, đơn vị khẩn trương hoàn thành việc cập
    nhật … trước ngày 30 tháng 10 năm 2025" in a letter of 28/11/2025 reports an order given;
    the new date the letter sets ("trước ngày 06 tháng 12 năm 2025") is due."""
    letter = doc("tvpl/a12a41bbbe518be8.md")["deadlines"]
    assert [(d["day"], d["month"], d["year"]) for d in letter] == [(6, 12, 2025)]


@needs_real
def test_a_date_inside_a_condition_is_no_deadline() -> None:
    """"a) Trường hợp lao động nữ sinh con … trước ngày 15 của tháng, thì tháng sinh con …
    không tính vào thời gian 12 tháng": the date bounds the case."""
    circular = doc("congbao/thong-tu-so-88-2025-tt-bca-46337.txt")["deadlines"]
    assert not [d for d in circular if 368 <= d["line"] <= 370]


@needs_real
def test_figures_and_dates_of_a_worked_example_are_no_targets_or_deadlines() -> None:
    """"Ví dụ 28: đồng chí Nguyễn Khắc C … tham gia bảo hiểm xã hội từ tháng 9 năm 2023 …" and
    "Ví dụ …: … tổng số ngày nghỉ … còn lại 15 ngày … tối đa là 15 ngày" illustrate rules; the
    rules themselves keep their limits."""
    circular = doc("congbao/thong-tu-so-88-2025-tt-bca-46337.txt")
    assert not [d for d in circular["deadlines"] if d["line"] == 1306]
    assert not [t for t in circular["targets"] if 184 <= t["line"] <= 188]
    assert len(circular["targets"]) >= 40  # (the provisions' own limits stay)


@needs_real
def test_reporting_due_dates_and_a_bracketed_state_are_read() -> None:
    """A statistical reporting regime's "Ngày nhận báo cáo" dates are due each year; a state in
    brackets before "trước ngày …" is no condition's cutoff (development batches 28 and 30)."""
    regime = doc("congbao/thong-tu-so-20-2024-tt-bkhdt-43261.txt")["deadlines"]
    due = {(d["day"], d["month"], d["recurrence"]) for d in regime if d["line"] == 224}
    assert due == {(22, 3, "yearly")}  # "Ngày 22 tháng 3: Ước tính quý I …"
    assert sum(d["recurrence"] == "yearly" and d["day"] is not None for d in regime) >= 90
    banks = doc("congbao/nghi-dinh-so-212-2025-nd-cp-45740.txt")["deadlines"]
    assert any((d["line"], d["day"], d["month"], d["recurrence"]) == (623, 10, 1, "yearly")
               for d in banks)  # "(… đang được kiểm soát đặc biệt) trước ngày 10 tháng 01 hằng năm"


@needs_real
def test_minimum_areas_listed_after_a_far_cap_word() -> None:
    """"diện tích đất sử dụng tối thiểu đối với trung tâm giáo dục nghề nghiệp là 1.000m2;
    trường trung cấp là 10.000 m2 đối với khu vực đô thị …" (development batch 30)."""
    targets = doc("congbao/van-ban-hop-nhat-so-2022-vbhn-bldtbxh-37412.txt")["targets"]
    areas = [(t["op"], t["value"]) for t in targets
             if t["unit"] == "m2" and 328 <= t["line"] <= 331]
    assert (">=", 1000) in areas  # (the values after ";" have no comparator of their own yet)


@needs_real
def test_a_title_that_mentions_results_further_on_is_no_results_section() -> None:
    """"Tiền lương … căn cứ vào công việc hoặc chức danh và kết quả thực hiện công việc" is a
    rule's title, not a report of results: its caps are targets."""
    targets = doc("congbao/van-ban-hop-nhat-so-1166-vbhn-bldtbxh-41572.txt")["targets"]
    assert any((t["line"], t["op"], t["value"], t["unit"]) == (300, "<=", 7, "lần")
               for t in targets)  # "không vượt quá 7 lần so với tiền lương, tiền thưởng …"


@needs_real
def test_shares_written_out_with_their_figure_in_brackets_are_decision_thresholds() -> None:
    """"khi được hơn năm mươi phần trăm (50%) tổng số thành viên …", "một trăm phần trăm (100%)
    tổng số thành viên tổ hợp tác tán thành" (development batch 34): the figure in brackets
    repeats the number, it is no quoted figure."""
    targets = doc("congbao/van-ban-hop-nhat-so-9191-vbhn-bkhdt-43190.txt")["targets"]
    found = {(t["line"], t["op"], t["value"]) for t in targets if t["unit"] == "%"}
    assert {(164, ">", 50), (350, ">", 50), (259, "=", 100)} <= found


@needs_real
def test_caps_on_pay_and_step_times_of_a_linearised_table() -> None:
    """"Mức giảm trừ tối đa không quá 02 tháng tiền lương" is a cap; "… Dược cổ truyền | 5 ngày |
    | 2" (a process table: the step's time, then the next row's number) is a time limit."""
    pay = doc("congbao/van-ban-hop-nhat-so-1166-vbhn-bldtbxh-41572.txt")["targets"]
    assert {(253, "<=", 2), (268, "<=", 3)} <= {
        (t["line"], t["op"], t["value"]) for t in pay if t["unit"] == "tháng"}
    steps = doc("tvpl/5fc0868aeac2f15a.md")["targets"]
    assert {(306, 5), (318, 15), (367, 1)} <= {
        (t["line"], t["value"]) for t in steps if t["unit"] == "ngày" and t["op"] == "<="}


@needs_real
def test_bands_of_a_classification_table_and_of_a_list_of_classes() -> None:
    """Circular 03/2025/TT-BLĐTBXH: "- 1,01 < ≤ 2,22: Điều kiện lao động loại II." and the cells
    of its scoring table ("> 22 - 27", "< 20 - 18" of cold) are bands, one target per bound; the
    ranking table of VBHN 467 ("≥ 90", "65 - < 90", "< 65") too."""
    grades = {(t["line"], t["op"], t["value"])
              for t in doc("congbao/thong-tu-so-03-2025-tt-bldtbxh-44170.txt")["targets"]}
    assert {(135, "<=", 1.01), (136, ">", 1.01), (136, "<=", 2.22), (140, ">", 5.32),
            (271, ">", 22), (271, "<=", 27), (274, "<", 20), (274, ">=", 18)} <= grades
    ranks = {(t["line"], t["op"], t["value"])
             for t in doc("congbao/van-ban-hop-nhat-so-467-vbhn-bldtbxh-44195.txt")["targets"]}
    assert {(446, ">=", 90), (447, ">=", 65), (447, "<", 90), (448, "<", 65)} <= ranks


@needs_real
def test_a_tolerance_and_a_report_made_every_six_months() -> None:
    """"c) ± 5% đối với điện áp" is a deviation of at most 5%; "báo cáo kết quả thực hiện dự án
    6 tháng" an interval of six months."""
    tolerances = {(t["line"], t["op"], t["value"], t["unit"])
                  for t in doc("congbao/thong-tu-so-12-2021-tt-bldtbxh-34567.txt")["targets"]}
    assert {(266, "<=", 1, "%"), (268, "<=", 5, "%")} <= tolerances
    reports = doc("congbao/thong-tu-so-09-2022-tt-bldtbxh-37256.txt")["targets"]
    assert {(207, "=", 6, "tháng/lần"), (282, "=", 6, "tháng/lần")} <= {
        (t["line"], t["op"], t["value"], t["unit"]) for t in reports}


@needs_real
def test_a_year_before_a_bulleted_share_is_no_range() -> None:
    """"b) Đến năm 2030" / "- 100% các dự án …": the dash opens a list item, it joins no range
    (the year was read as a lower bound of 2030%)."""
    targets = doc("tvpl/ec00bd6f58be7864.md")["targets"]
    assert not [t for t in targets if t["line"] == 144]
    assert (146, "=", 100, "%") in {(t["line"], t["op"], t["value"], t["unit"]) for t in targets}


@needs_real
def test_durations_in_a_clause_that_computes_are_terms() -> None:
    """"(10 ngày làm việc = 80 giờ x 40.000 đồng/giờ) x 10 hồ sơ/năm" computes a cost: its
    durations are no time limits; the shortened time "còn 09 ngày làm việc" is."""
    targets = {(t["line"], t["op"], t["value"], t["unit"])
               for t in doc("tvpl/24ac05c2c7c4518e.md")["targets"]}
    assert not {t for t in targets if t[0] in (247, 248, 252, 256)}
    assert {(231, "<=", 9, "ngày làm việc"), (276, "<=", 23, "ngày làm việc")} <= targets


@needs_real
def test_a_count_is_of_the_whole_two_syllable_word() -> None:
    """"10 lao động trở lên" counts "lao động" (a word of the dictionary the tools build from
    Viet74K), not "lao"."""
    targets = doc("congbao/nghi-dinh-so-12-2022-nd-cp-36716.txt")["targets"]
    assert (1036, ">=", 10, "lao động") in {(t["line"], t["op"], t["value"], t["unit"])
                                            for t in targets}


@needs_real
def test_a_type_line_glued_to_its_title_and_a_title_written_twice() -> None:
    """"**NGHỊ QUYẾT****Về việc …**", the title again, then "ỦY BAN THƯỜNG VỤ QUỐC HỘI" before
    the bases: the type is read, and the body that enacts is the issuer."""
    header = doc("tvpl/88be0fbbe795796d.md")["header"]
    assert header["doc_type"] == "Nghị quyết"
    assert header["issuer"] == "ỦY BAN THƯỜNG VỤ QUỐC HỘI"



@needs_real
def test_the_enacting_body_after_a_rule_under_the_title() -> None:
    """"**NGHỊ QUYẾT**" / title / "-----------" / "**ỦY BAN THƯỜNG VỤ QUỐC HỘI**": the rule
    drawn under the title does not hide the body that enacts."""
    assert doc("tvpl/ff9aace5b310314d.md")["header"]["issuer"] == "ỦY BAN THƯỜNG VỤ QUỐC HỘI"


@needs_real
def test_a_place_and_date_without_the_comma_and_wrapped() -> None:
    """"*Hà Nội ngày 01" / "tháng 12 năm 2025*": the comma after the place dropped; the
    citations' dates further up ("Luật … ngày 27 tháng 6 năm 2016") are not taken for it."""
    assert doc("tvpl/0465063a5486d493.md")["header"]["date"] == "2025-12-01"
    assert doc("tvpl/1e6fb98e16a75e3d.md")["header"]["date"] == "2025-11-24"


@needs_real
def test_a_recurring_date_in_a_circular_is_a_duty_schedule() -> None:
    """"b) Định kỳ vào ngày 25 hằng tháng cập nhật …", "(riêng quý IV là vào ngày 10 tháng 02 năm
    sau)": a legal text's dates that recur are when a duty falls due."""
    deadlines = {(d["line"], d["day"], d["month"], d["recurrence"])
                 for d in doc("congbao/thong-tu-so-05-2023-tt-bkhdt-39996.txt")["deadlines"]}
    assert {(187, 25, None, "monthly"), (325, 10, 2, "yearly")} <= deadlines


@needs_real
def test_due_dates_of_a_task_table_and_of_a_report_list() -> None:
    """A task table's "Thời hạn hoàn thành" cell "18/10/2025" is done by that day; a report
    list's "Tháng: ngày 02 tháng sau" is a day of every month."""
    tasks = {(d["line"], d["kind"], d["day"], d["month"], d["year"])
             for d in doc("tvpl/74e2ddc7b11340da.md")["deadlines"]}
    assert (361, "before_date", 18, 10, 2025) in tasks
    reports = {(d["line"], d["day"], d["month"], d["recurrence"])
               for d in doc("congbao/thong-tu-so-03-2025-tt-bkhdt-44046.txt")["deadlines"]}
    assert (342, 2, None, "monthly") in reports


@needs_real
def test_a_named_coefficient_with_a_bound() -> None:
    """"nơi có phụ cấp khu vực hệ số 0,7 trở lên": a band that selects a case."""
    targets = {(t["line"], t["op"], t["value"])
               for t in doc("tvpl/750314c2c5666d56.md")["targets"]}
    assert (237, ">=", 0.7) in targets and (237, "<", 0.7) in targets


@needs_real
def test_a_band_of_continuous_days() -> None:
    """"Phải dừng hoạt động từ 15 ngày liên tục trở lên": "liên tục" names no period when a
    suffix bounds it; "trong 12 tháng liên tục" stays a period."""
    targets = {(t["line"], t["op"], t["value"], t["unit"]) for t in
               doc("congbao/van-ban-hop-nhat-so-4496-vbhn-bldtbxh-34936.txt")["targets"]}
    assert {(890, ">=", 15, "ngày"), (953, ">=", 15, "ngày")} <= targets


@needs_real
def test_a_word_ending_like_an_estimate_does_not_make_a_result() -> None:
    # "sau khi giai đoạn trước đạt tỷ lệ lấp đầy tối thiểu 60%": "trước đạt" holds no "ước đạt"
    targets = doc("congbao/van-ban-hop-nhat-so-9716-vbhn-bkhdt-43315.txt")["targets"]
    assert _on_line(targets, 495) == [(">=", 60, "%")]


@needs_real
def test_web_address_escapes_give_no_percentage_and_no_citation() -> None:
    # a list of legal texts with their links: "…&Keyword=S%E1%BB%91%2033/2019/TT-BL%C4%90TBXH"
    analysis = doc("congbao/quyet-dinh-so-1478-qd-bldtbxh-42752.txt")
    assert not [t for t in analysis["targets"] if t["value"] == 91]
    symbols = {r["symbol"] for r in analysis["references"] if r.get("symbol")}
    assert "03/2017/TT-BLĐTBXH" in symbols  # "Số 03/2017/TT-" / "BLĐTBXH" in a table cell
    assert not [s for s in symbols if s.startswith("20178/") or s.endswith("/TT-BL")]


@needs_real
def test_savings_of_a_simplified_procedure_are_no_targets() -> None:
    # "Thời gian giải quyết TTHC trước khi đơn giản hóa: 45 ngày." / "… sau khi đơn giản hóa: 0
    # ngày." / "… tiết kiệm: 45 ngày." / "Tỷ lệ cắt giảm chi phí: 100%.": only the new time is
    analysis = analyze_file(REAL / "tvpl/8c306b6991495e34.md")
    assert [(t.op, t.value, t.unit) for t in analysis.targets] == [("<=", 0, "ngày")]
    assert {t.set_aside for t in analysis.set_aside_targets
            if t.value in (45, 100)} == {"saving"}


@needs_real
def test_contracts_signed_before_the_day_a_circular_takes_effect_is_no_deadline() -> None:
    # "Hợp đồng lao động điện tử giao kết trước ngày 01 tháng 7 năm 2026" in a circular that
    # "có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026": a transitional cutoff
    deadlines = doc("congbao/thong-tu-so-08-2026-tt-bnv-469695.txt")["deadlines"]
    assert not [d for d in deadlines if (d["day"], d["month"], d["year"]) == (1, 7, 2026)]


@needs_real
def test_a_negated_verb_before_a_band_and_a_forbidden_excess() -> None:
    # "nghỉ việc không hưởng lương từ 15 ngày liên tục trở lên đến dưới 01 tháng": the
    # negation is of the verb, the band is ≥ 15 days
    targets = {(t["line"], t["op"], t["value"], t["unit"]) for t in
               doc("congbao/van-ban-hop-nhat-so-4496-vbhn-bldtbxh-34936.txt")["targets"]}
    assert (356, ">=", 15, "ngày") in targets and (356, "<", 15, "ngày") not in targets
    # "Công ty chứng khoán không được … thực hiện:" / "c) Đầu tư quá 20% tổng số cổ phiếu …"
    forbidden = {(t["line"], t["op"], t["value"]) for t in
                 doc("congbao/van-ban-hop-nhat-so-09-vbhn-btc-469539.txt")["targets"]}
    assert {(1452, "<=", 20), (1454, "<=", 15), (1461, "<=", 70)} <= forbidden
    # "… mỗi giai đoạn không chuyển mục đích sử dụng đất trồng lúa … quá 200 ha"
    rice = [(t["op"], t["value"], t["unit"]) for t in
            doc("congbao/van-ban-hop-nhat-so-9716-vbhn-bkhdt-43315.txt")["targets"]
            if t["line"] == 548]
    assert rice == [("<=", 200, "ha")]


@needs_real
def test_targets_of_the_enacted_text_before_the_first_section() -> None:
    # "QUYẾT NGHỊ:" / "… phấn đấu tăng trưởng kinh tế cả năm 2025 đạt trên 8% và năm 2026 đạt
    # từ 10% trở lên, Chính phủ yêu cầu …:" / "1. …"
    targets = {(t["line"], t["op"], t["value"]) for t in doc("tvpl/a69069ae524315d9.md")["targets"]}
    assert {(73, ">", 8), (74, ">=", 10)} <= targets


@needs_real
def test_a_time_limit_alone_in_a_procedure_table_takes_the_procedure_as_subject() -> None:
    # "Thủ tục đăng ký kết quả … thuộc phạm vi quản lý của tỉnh, thành phố trực thuộc trung
    # ương." / "1.011818" / "05 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ.": the
    # procedure is the subject, not the event the days are counted from
    target = next(t for t in doc("tvpl/0beedb7bdb363a85.md")["targets"] if t["line"] == 302)
    assert (target["op"], target["value"], target["unit"]) == ("<=", 5, "ngày làm việc")
    assert "trực thuộc trung ương" in target["subject"]
    assert "kể từ" not in target["subject"]


@needs_real
def test_a_time_limit_in_a_procedure_tables_time_cell_takes_the_rows_task_as_subject() -> None:
    # a step of a procedure table: "Kiểm tra tính đầy đủ của thành phần hồ sơ; …" | "0,5 ngày"
    target = next(t for t in doc("tvpl/5a80798bbf985e87.md")["targets"] if t["line"] == 616)
    assert (target["op"], target["value"], target["unit"]) == ("<=", 0.5, "ngày")
    assert target["subject"] == "Kiểm tra tính đầy đủ của thành phần hồ sơ"


@needs_real
def test_a_band_cell_reads_its_label_above_past_list_dashes() -> None:
    # "Viên chức lãnh đạo có trình độ đại học trở lên 5 điểm" / "-" / "Trên 80% 5 điểm" / "-" /
    # … / "-" / "Dưới 40% 2 điểm": the dashes are no rows of the table
    targets = doc("congbao/thong-tu-so-11-2024-tt-bldtbxh-43178.txt")["targets"]
    band = next(t for t in targets if t["line"] == 508 and t["text"] == "Dưới 40%")
    assert (band["op"], band["value"], band["unit"]) == ("<", 40, "%")
    assert band["subject"] == "Viên chức lãnh đạo có trình độ đại học trở lên"


def test_a_band_whose_words_went_to_the_score_after_it_takes_them_as_subject() -> None:
    # "Dưới 30% số đối tượng quản lý phải điều trị 4 điểm": the words between the band and its
    # score are the band's subject when nothing before it or above it names one
    analysis = analyze_text("Dưới 30% số đối tượng quản lý phải điều trị 4 điểm\n")
    band = next(t for t in analysis.targets if t.unit == "%")
    assert (band.op, band.value, band.subject) == ("<", 30, "số đối tượng quản lý phải điều trị")


@needs_real
def test_a_figure_with_no_words_of_its_own_shares_the_subject_before_it() -> None:
    # "… phải đảm bảo thời gian vận hành không quá 45 phút/ca và không quá 3h/ngày."
    limits = [(t["op"], t["value"], t["unit"], t["subject"])
              for t in doc("tvpl/ac0f18a2d1b4fb56.md")["targets"] if t["line"] == 484]
    assert limits == [("<=", 45, "phút", "thời gian vận hành"),
                      ("<=", 3, "giờ/ngày", "thời gian vận hành")]


@needs_real
def test_a_procedure_steps_time_on_its_doers_line_takes_the_step_as_subject() -> None:
    # "Bước 2" / "Phân công thụ lý hồ sơ" / "Lãnh đạo Phòng Bảo trợ xã hội (BTXH) và Trẻ em 0,5
    # ngày làm việc": who does the step is no subject of its time; the step is
    targets = doc("tvpl/8bb6ac57ee7b4c5d.md")["targets"]
    subjects = {t["subject"] for t in targets if t["unit"] == "ngày làm việc"}
    assert "Phân công thụ lý hồ sơ" in subjects
    assert not any(s and s.startswith("Lãnh đạo Phòng Bảo trợ") for s in subjects)


def test_a_subject_does_not_open_with_its_list_mark() -> None:
    # "b) Hội đồng thi đua họp …", "2.1. Tỷ lệ hồ sơ …": the list's numbering is not measured
    analysis = analyze_text("b) Hội đồng thi đua họp ít nhất 02 lần trong năm.\n"
                            "2.1. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.\n")
    subjects = [t.subject for t in analysis.targets]
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in subjects
    assert all(s and not s.startswith(("b)", "2.1.")) for s in subjects)


@needs_real
def test_a_deadline_without_a_named_deliverable_says_what_is_due() -> None:
    # "… có trách nhiệm hoàn thành khóa bồi dưỡng và cấp chứng chỉ cho học viên trước ngày 31
    # tháng 12 năm 2025": the words of its clause before the date
    (due,) = [d for d in doc("tvpl/e4ddc120fc14463c.md")["deadlines"] if d["line"] == 598]
    assert (due["day"], due["month"], due["year"]) == (31, 12, 2025)
    assert due["subject"].endswith("hoàn thành khóa bồi dưỡng và cấp chứng chỉ cho học viên")


@needs_real
def test_a_deadline_in_a_tables_time_cell_takes_its_rows_task_as_a_phrase() -> None:
    # the row's task runs on for five lines ("Chủ trì, phối hợp với Bộ Khoa học và Công nghệ
    # và Ủy ban nhân dân thành phố Hà Nội chỉ đạo …"): what is due is its first words, at most
    # as many as a target's subject has
    (due,) = [d for d in doc("tvpl/74e2ddc7b11340da.md")["deadlines"] if d["line"] == 1230]
    assert (due["day"], due["month"], due["year"]) == (30, 9, 2025)
    assert due["subject"] == "Chủ trì, phối hợp với Bộ Khoa học và Công nghệ và Ủy ban"


def _halved_edges(text: str, target: dict) -> list[str]:
    """The ends of a target's subject that are half a word of the text ("hời gian …", "… hồ s"):
    where the subject's first (last) two words stand near the target, each place has a letter
    right before (after) them."""
    import re

    words = target["subject"].split()
    low, high = max(0, target["start"] - 800), min(len(text), target["end"] + 800)
    halved = []
    for edge, pair in (("start", words[:2]), ("end", words[-2:])):
        places = list(re.finditer(r"\s+".join(map(re.escape, pair)), text[low:high]))
        outside = [low + (m.start() - 1 if edge == "start" else m.end()) for m in places]
        if places and all(0 <= at < len(text) and text[at].isalpha() for at in outside):
            halved.append(edge)
    return halved


@needs_real
@pytest.mark.parametrize("relative", [
    "congbao/van-ban-hop-nhat-so-06-vbhn-btc-469375.txt",  # "… tiếp nhận hồ s", "… thì ph"
    "congbao/nghi-dinh-so-188-2025-nd-cp-45593.txt",  # "ham gia bảo hiểm y tế …"
    "congbao/thong-tu-so-03-2025-tt-bldtbxh-44170.txt",  # "nh cộng của các yếu tố"
])
def test_a_subject_neither_opens_nor_ends_with_half_a_word(relative: str) -> None:
    # the words before a figure are read back a number of characters, the duty after it
    # forward: a cut that falls inside a word leaves that word out
    text = (REAL / relative).read_text(encoding="utf-8")
    subjects = [t for t in doc(relative)["targets"] if t["subject"]]
    assert len(subjects) > 50
    assert [(t["line"], t["subject"]) for t in subjects if _halved_edges(text, t)] == []
    # nor with a mark ("…, liên hiệp hợp tác xã … đóng hằng tháng,")
    assert [t["subject"] for t in subjects if t["subject"][0] in ",;:" or
            t["subject"][-1] in ",;:"] == []


@needs_real
def test_symbols_with_look_alike_letters_a_slash_or_a_break_before_the_hyphen() -> None:
    # "Nghị định số 40/2026/NĐ-СР" (Cyrillic "СР"), also as "40/2026/NĐ-" / "СР"
    cited = {c["symbol"] for c in doc("congbao/nghi-quyet-so-17-2026-nq-cp-469464.txt")[
        "references"]}
    assert "40/2026/NĐ-CP" in cited and "40/2026/NĐ" not in cited
    # "Thông tư liên tịch số 37/2012/TTLT/BLĐTBXH-BYT-BTC-BGDĐT"
    cited = {c["symbol"] for c in doc(
        "congbao/van-ban-hop-nhat-so-1346-vbhn-bldtbxh-41622.txt")["references"]}
    assert "37/2012/TTLT-BLĐTBXH-BYT-BTC-BGDĐT" in cited and "37/2012/TTLT" not in cited
    # a table cell: "27/2018/QĐ" / "-TTg"
    cited = {c["symbol"] for c in doc("congbao/thong-tu-so-02-2025-tt-bldtbxh-43964.txt")[
        "references"]}
    assert "27/2018/QĐ-TTg" in cited and "27/2018/QĐ" not in cited


@needs_real
def test_equipment_requirements_of_a_norm_are_targets_one_per_dimension() -> None:
    targets = doc("congbao/thong-tu-so-10-2021-tt-bldtbxh-34582.txt")["targets"]
    on = {line: sorted((t["op"], t["value"], t["unit"]) for t in targets if t["line"] == line)
          for line in (910, 912, 963, 1014)}
    assert on[910] == [(">=", 2500, "lumen")]  # "Cường độ chiếu sáng ≥ 2500 ANSI"
    assert on[912] == [(">=", 1800, "mm"), (">=", 1800, "mm")]  # "≥ (1800 x 1800) mm"
    assert on[963] == [(">=", 3, "kW")]  # "Công suất: ≥ 3 kW"
    assert on[1014] == [(">=", 5, "lít")]  # "Thể tích bình chứa sơn ≥ 5 lít"


@needs_real
def test_a_bounded_property_on_a_tariff_line_is_no_target() -> None:
    targets = doc("congbao/nghi-dinh-so-144-2026-nd-cp-469482.txt")["targets"]
    # "- - - Đường kính không quá 0,0508 mm 7605.19.90", "- - - Chiều dày không quá 0,15 mm"
    assert not [t for t in targets if t["line"] in (1478, 1540)]


@needs_real
def test_an_interval_counted_from_an_event_stays_an_interval() -> None:
    targets = doc("congbao/nghi-quyet-so-16-2026-nq-cp-469356.txt")["targets"]
    # "Định kỳ 03 tháng kể từ ngày Nghị quyết này có hiệu lực thi hành báo cáo …"
    assert _on_line(targets, 475) == [("=", 3, "tháng/lần")]


@needs_real
def test_a_waiting_time_after_which_something_is_allowed_is_a_floor() -> None:
    # "… được thi cấp chứng chỉ mới sau 02 năm kể từ ngày bị thu hồi chứng chỉ"
    targets = doc("congbao/thong-tu-so-02-2024-tt-bkhdt-41528.txt")["targets"]
    assert _on_line(targets, 260) == [(">=", 2, "năm")]
    # "… được thực hiện sau 2 tuần kể từ đầu học kỳ chính, sau 1 tuần kể từ đầu học kỳ phụ"
    targets = doc("congbao/thong-tu-so-04-2022-tt-bldtbxh-36990.txt")["targets"]
    assert _on_line(targets, 965) + _on_line(targets, 966) == [(">=", 2, "tuần"),
                                                               (">=", 1, "tuần")]
    # but a time to act stays a limit: "Sau 05 ngày kể từ ngày nhận đủ hồ sơ hợp lệ theo …"
    targets = doc("congbao/nghi-dinh-so-175-2026-nd-cp-469564.txt")["targets"]
    assert _on_line(targets, 400) == [("<=", 5, "ngày")]


@needs_real
def test_a_date_coordinated_after_a_bracketed_aside_is_due_each_year() -> None:
    deadlines = doc("congbao/thong-tu-so-157-2025-tt-btc-468715.txt")["deadlines"]
    # "chậm nhất ngày 10 tháng sau (đối với … theo tháng), ngày" / "10/02 năm sau (…)"
    assert [(d["day"], d["month"], d["recurrence"], d["text"]) for d in deadlines
            if d["line"] == 597 and d["month"] == 2] == [(10, 2, "yearly", "ngày \n10/02 năm sau")]


@needs_real
def test_recurring_days_of_each_quarters_first_month() -> None:
    deadlines = doc("congbao/thong-tu-so-19-2024-tt-bkhdt-43112.txt")["deadlines"]
    # "b) Trước ngày 10 tháng đầu tiên các quý"
    assert [(d["day"], d["recurrence"]) for d in deadlines if d["line"] == 514] == [
        (10, "quarterly")]


@needs_real
def test_a_heading_in_a_time_column_is_no_period_of_the_year_of_a_cited_decree() -> None:
    deadlines = doc("tvpl/ff4de67291d44c52.md")["deadlines"]
    # "*2.2. Trường hợp Điều chỉnh dự án … (Khoản 3 Điều 54 Nghị định số 31/2021/NĐ-CP)"
    assert not [d for d in deadlines if d["year"] == 2021]


@needs_real
def test_a_temperature_to_keep_within_with_the_degree_sign_read_as_a_letter() -> None:
    targets = doc("congbao/thong-tu-so-12-2021-tt-bldtbxh-34567.txt")["targets"]
    temperatures = sorted((t["op"], t["value"]) for t in targets if t["unit"] == "°C")
    assert (">=", 5) in temperatures and ("<=", 40) in temperatures  # "từ +5oC đến +40oC"


@needs_real
def test_orders_to_take_effect_start_or_finish_by_a_date_are_deadlines() -> None:
    def calendar(relative: str, line: int) -> list[tuple]:
        return [(d["kind"], d["day"], d["month"], d["year"], d["quarter"])
                for d in doc(relative)["deadlines"] if d["line"] == line]

    # "…, bảo đảm có hiệu lực trước ngày 01 tháng 3 năm 2027": the rule ordered in force by then
    assert calendar("congbao/nghi-quyet-so-18-2026-nq-cp-469465.txt", 73) == [
        ("before_date", 1, 3, 2027, None)]
    # "bảo đảm đến hết năm 2030 số lượng cấp phó …" in a decree: due
    assert calendar("tvpl/e8b69e31579c0186.md", 577) == [("period", None, None, 2030, None)]
    # a past quarter ordered for a start of works ("bảo đảm khởi công dự án trong Quý III/2025")
    # in a report of November 2025: a deadline already missed, not a reported fact
    assert calendar("tvpl/74e2ddc7b11340da.md", 1148) == [("period", None, None, 2025, 3)]
    # "hoàn thành Dự án thành phần 1 thuộc Dự án cao tốc Biên Hòa - Vũng Tàu trong năm 2025"
    # in a notice of 2025: the completion verb, far back in the clause, makes the year due
    assert calendar("tvpl/2d977d9ad8cd2645.md", 100) == [("period", None, None, 2025, None)]
    # "… đảm bảo thông xe tuyến chính (Dự án thành phần 2 / thuộc Dự án cao tốc …) trong năm
    # 2025": the completion verb read past the brackets that name the work
    assert calendar("tvpl/2d977d9ad8cd2645.md", 109) == [("period", None, None, 2025, None)]


@needs_real
def test_a_date_alone_that_an_order_before_it_sets_is_a_deadline_in_a_legal_text() -> None:
    # NQ 17/2026/NQ-CP (14 May 2026), line 1173-1174: "Chủ tịch Ủy ban nhân dân cấp tỉnh tổ
    # chức triển khai thủ tục hành chính / này từ ngày 01 tháng 8 năm 2026"
    deadlines = doc("congbao/nghi-quyet-so-17-2026-nq-cp-469464.txt")["deadlines"]
    assert [(d["kind"], d["day"], d["month"], d["year"]) for d in deadlines
            if d["line"] == 1174] == [("on_date", 1, 8, 2026)]


@needs_real
def test_a_count_over_a_cap_a_negation_forbids_is_a_cap() -> None:
    # TT 04/2022/TT-BLĐTBXH, line 404: "… và / không bố trí quá 50 người dự thi"
    targets = doc("congbao/thong-tu-so-04-2022-tt-bldtbxh-36990.txt")["targets"]
    assert ("<=", 50, "người") in _on_line(targets, 404)


@needs_real
def test_a_requirement_written_as_a_range_is_two_bounds_and_a_distance_from_a_point_a_cap() -> None:
    targets = doc("congbao/thong-tu-so-10-2021-tt-bldtbxh-34582.txt")["targets"]
    # "Công suất: (2 ÷ 3,5) kW" in a norm's equipment list: a band (the fifth call)
    assert _on_line(targets, 955) == [(">=", 2, "kW"), ("<=", 3.5, "kW")]
    # "Áp suất hơi: (4 ÷ 7) kg/cm²;"
    assert _on_line(targets, 1120) == [(">=", 4, "kg/cm²"), ("<=", 7, "kg/cm²")]
    # "Tàu thuyền thả neo trong phạm vi 02 hải lý tính từ mép ngoài cùng …"
    targets = doc("congbao/nghi-dinh-so-133-2026-nd-cp-469331.txt")["targets"]
    assert _on_line(targets, 929) == [("<=", 2, "hải lý")]


@needs_real
def test_one_bound_of_a_named_variable_is_a_target() -> None:
    # "- Nhóm 1: Đạt mức rất cao với HDI ≥ 0,800;" … "- Nhóm 4: Đạt mức thấp với HDI < 0,550."
    targets = doc("congbao/thong-tu-so-01-2025-tt-bkhdt-43795.txt")["targets"]
    assert (">=", 0.8, "") in _on_line(targets, 768)
    assert (">=", 0.55, "") in _on_line(targets, 770) and ("<", 0.7, "") in _on_line(targets, 770)
    assert _on_line(targets, 771) == [("<", 0.55, "")]
    # "- X  ≤ 1,01: Điều kiện lao động loại I;" … "- X  > 5,32: Điều kiện lao động loại VI."
    targets = doc("congbao/thong-tu-so-29-2021-tt-bldtbxh-36958.txt")["targets"]
    assert _on_line(targets, 132) == [("<=", 1.01, "")]
    assert _on_line(targets, 143) == [(">", 5.32, "")]


@needs_real
def test_a_range_standing_alone_in_a_table_is_a_band() -> None:
    # a planning table's output columns: "… 94.830 | 2850÷3800 | 4500÷6000 | 2850÷3800 | …"
    targets = doc("tvpl/d600829aa1fa6596.md")["targets"]
    assert _on_line(targets, 327) == [(">=", 2850, ""), ("<=", 3800, "")]
    assert _on_line(targets, 329) == [(">=", 4500, ""), ("<=", 6000, "")]
    # a norm's material: "Cỡ hạt 180 ÷ 1500"; not "Nhóm 4 ÷ 6" (wood classes)
    targets = doc("congbao/thong-tu-so-10-2021-tt-bldtbxh-34582.txt")["targets"]
    assert _on_line(targets, 1590) == [(">=", 180, ""), ("<=", 1500, "")]
    assert not [t for t in _on_line(targets, 1545) if t[1] in (4, 6)]


@needs_real
def test_an_old_due_date_opening_a_sentence_that_orders_the_task_is_a_deadline() -> None:
    # a consolidated circular of 2024: "… có hiệu lực được phép tiếp tục hoạt động. Trước ngày
    # 15 tháng 8 năm 2014, các cơ sở hỗ trợ nạn nhân phải làm thủ tục …" (the validity words of
    # the sentence before do not reach the date; the order after it keeps it however old)
    found = [(d["kind"], d["day"], d["month"], d["year"])
             for d in doc("congbao/van-ban-hop-nhat-so-1345-vbhn-bldtbxh-41612.txt")["deadlines"]
             if d["line"] == 582]
    assert found == [("before_date", 15, 8, 2014)]


@needs_real
def test_an_order_far_back_in_its_clause_keeps_a_past_quarter() -> None:
    # "… theo quy định tại Nghị định này, báo cáo Công ty mẹ - Tập đoàn Công nghiệp Viễn thông
    # Quân đội kết quả thực hiện vào quý III năm 2020": "báo cáo" about 100 characters back
    found = [(d["kind"], d["quarter"], d["year"])
             for d in doc("congbao/van-ban-hop-nhat-so-2091-vbhn-bldtbxh-37409.txt")["deadlines"]
             if d["line"] == 736]
    assert found == [("period", 3, 2020)]


@needs_real
def test_dates_that_bound_a_case_or_name_past_days_are_no_deadlines() -> None:
    # "Đối với các hồ sơ … phát sinh trước ngày 01/01/2026 thì …" (a condition), "Từ ngày
    # 01/01/2027 trở đi: 60.000 đồng/bộ C/O" (when a fee applies), "Trong các ngày 08 và 09
    # tháng 11 năm 2025, Phó Thủ tướng … đã dự …" (days before the notice's date)
    for relative, line in (("tvpl/39db3d8c3cc4571d.md", 193), ("tvpl/e52fee108f53e169.md", 213),
                           ("tvpl/296e373d796986f4.md", 87)):
        assert [d for d in doc(relative)["deadlines"] if d["line"] == line] == [], relative


@needs_real
def test_a_time_on_an_items_attribute_line_is_due_for_the_items_task() -> None:
    # "b) Sửa đổi, bổ sung Nghị định số 01/2018/NĐ-CP …" / "- Đơn vị chủ trì: Bộ Công an." /
    # "- Thời gian hoàn thành: Trong năm 2024."
    (due,) = [d for d in doc("congbao/nghi-quyet-so-175-nq-cp-40286.txt")["deadlines"]
              if d["line"] == 464]
    assert (due["kind"], due["year"]) == ("period", 2024)
    assert due["subject"].startswith("Sửa đổi, bổ sung Nghị định số 01/2018/NĐ-CP")


@needs_real
def test_a_time_cell_of_a_gazette_table_is_due_for_its_rows_task() -> None:
    # a line per cell: "… 1.2" / "Nghiên cứu, xây dựng cơ chế tài chính, tín dụng khuyến khích" /
    # "M&A doanh nghiệp công nghệ số vươn ra toàn cầu." / "Bộ Tài chính" / … / "Quý IV/2026 1.3"
    (due,) = [d for d in doc("congbao/quyet-dinh-so-982-qd-ttg-469699.txt")["deadlines"]
              if d["line"] == 509]
    assert (due["kind"], due["quarter"], due["year"]) == ("period", 4, 2026)
    assert due["subject"].startswith("Nghiên cứu, xây dựng cơ chế tài chính, tín dụng")


@needs_real
def test_a_count_left_out_does_not_hide_the_comparator_after_it() -> None:
    # "tháng tuổi, tối đa 06 trẻ em bình thường từ 18" / "tháng tuổi đến dưới 6 tuổi hoặc tối
    # đa 10 trẻ em": "dưới 6 tuổi hoặc tối" (an age, no count) had swallowed "tối đa"
    targets = doc("congbao/thong-tu-so-09-2024-tt-bldtbxh-42757.txt")["targets"]
    assert _on_line(targets, 137) == [("<=", 10, "trẻ em")]
    assert _on_line(targets, 136) == [("<=", 6, "trẻ em")]
