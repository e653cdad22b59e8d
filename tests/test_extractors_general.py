"""The extractors on wording the sample corpus does not have (provincial plans, other phrasings)."""

from __future__ import annotations

from plan_parser.export.json_export import analysis_to_dict
from plan_parser.pipeline import analyze_text

PROVINCIAL_PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 41/KH-UBND
Quảng Trị, ngày 12 tháng 5 năm 2026
KẾ HOẠCH
Thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ về ban hành Kế hoạch thực hiện Kết luận số 226-KL/TW ngày 11-12-2025 của Ban Bí thư (sau đây gọi tắt là Kế hoạch của Chính phủ), Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
1. Tỷ lệ hội nghị tổ chức trực tuyến đạt ít nhất 70% trong năm 2026; giảm không dưới 20% số cuộc họp so với năm trước.
2. Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt từ 80% đến 90%.
3. Hội nghị quán triệt tối đa nửa ngày; kết luận của người chủ trì không quá 45 phút.
II. NHIỆM VỤ
1. Sở Nội vụ chủ trì, phối hợp với Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc các sở, ngành thực hiện Kế hoạch này; tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 11 hằng năm.
2. Sở Tài chính bố trí kinh phí; hoàn thành chậm nhất ngày 30/9/2026.
3. Các sở, ngành xây dựng kế hoạch triển khai trong vòng 15 ngày làm việc kể từ ngày nhận được Kế hoạch của Chính phủ; báo cáo kết quả hằng quý.
4. Công an tỉnh kịp thời báo cáo các vụ việc phát sinh.
5. Thực hiện Kế hoạch của Chính phủ và Nghị quyết số 76/NQ-CP ngày 15/7/2020 của Chính phủ.
"""


def doc() -> dict:
    return analysis_to_dict(analyze_text(PROVINCIAL_PLAN))


def test_references_of_a_provincial_plan() -> None:
    refs = {r["symbol"] or r["name"]: r for r in doc()["references"]}
    decision = refs["534/QĐ-TTg"]
    assert decision["role"] == "parent"
    assert decision["date"] == "2026-03-31"
    assert decision["issuer"] == "Thủ tướng Chính phủ"
    forms = [m["form"] for m in decision["mentions"]]
    assert forms.count("alias") == 3  # the definition and two later uses
    assert refs["226-KL/TW"]["date"] == "2025-12-11"  # "ngày 11-12-2025"
    assert refs["Luật Tổ chức chính quyền địa phương"]["role"] == "basis"
    assert refs["76/NQ-CP"]["role"] == "cited"
    assert any(m["form"] == "self" for m in refs[r"41/KH-UBND"]["mentions"]) if \
        "41/KH-UBND" in refs else True


def test_registry_contradiction_is_reported() -> None:
    findings = [f for f in doc()["findings"] if f["rule"] == "citation-contradicts-registry"]
    assert [f["text"] for f in findings] == ["ngày 15/7/2020"]
    assert findings[0]["suggestion"] == "15/07/2021"


def test_targets_with_other_comparators() -> None:
    got = [(t["metric"], t["op"], t["value"], t["unit"], t["period"], t["baseline"])
           for t in doc()["targets"]]
    assert got == [
        ("online_conference_share", ">=", 70, "%", "2026", None),
        ("meeting_reduction", ">=", 20, "%", "2026", "previous_year"),
        ("online_tthc_dossier_share", ">=", 80, "%", None, None),
        ("online_tthc_dossier_share", "<=", 90, "%", None, None),
        ("conference_duration_dissemination", "<=", 0.5, "ngày", None, None),  # "tối đa nửa ngày"
        ("concluding_remarks_duration", "<=", 45, "phút", None, None),
        # a time limit is a target too: "trong vòng 15 ngày làm việc kể từ ngày nhận được"
        ("unknown", "<=", 15, "ngày làm việc", None, None),
    ]


def test_deadlines_with_other_phrasings() -> None:
    got = [(d["kind"], d["day"], d["month"], d["year"], d["recurrence"], d["relative"])
           for d in doc()["deadlines"]]
    assert ("before_date", 15, 11, None, "yearly", None) in got  # "trước ngày 15 tháng 11 hằng năm"
    assert ("before_date", 30, 9, 2026, None, None) in got
    assert ("relative", None, None, None, None,
            {"amount": 15, "unit": "working_day", "anchor": "ngày nhận được Kế hoạch của Chính phủ"}
            ) in got
    assert ("recurring", None, None, None, "quarterly", None) in got
    # "đạt ít nhất 70% trong năm 2026": the year is the target's period, not a deadline
    assert ("period", None, None, 2026, None, None) not in got
    assert any(t["value"] == 70 and t["period"] == "2026" for t in doc()["targets"])


def test_vague_report_is_found() -> None:
    vague = [f["text"] for f in doc()["findings"] if f["rule"] == "vague-deadline"]
    assert vague == ["kịp thời báo cáo"]


def test_units_assignments_and_lead_of_a_provincial_plan() -> None:
    d = doc()
    names = {u["name"] for u in d["units"]}
    assert {"Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh", "Sở Tài chính", "Công an tỉnh",
            "Ủy ban nhân dân tỉnh"} <= names
    assert d["lead_unit"]["name"] == "Sở Nội vụ"
    roles = {(a["unit"], a["role"]) for a in d["assignments"]}
    assert ("Sở Nội vụ", "lead") in roles


def test_commune_in_the_wrong_province_is_reported() -> None:
    text = PROVINCIAL_PLAN.replace("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ", "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP") \
        .replace("Quảng Trị, ngày", "Hoàng Liệt, ngày").replace("UBND tỉnh", "UBND xã") \
        .replace("của Thủ tướng Chính phủ\nCăn cứ", "của Thủ tướng Chính phủ\nThực hiện Kế hoạch "
                 "số 5/KH-UBND ngày 01/4/2026 của UBND tỉnh Quảng Trị;\nCăn cứ")
    findings = analysis_to_dict(analyze_text(text))["findings"]
    wrong = [f for f in findings if f["rule"] == "place-not-in-province"]
    assert len(wrong) == 1 and wrong[0]["text"] == "Hoàng Liệt"
    assert "Hà Nội" in wrong[0]["message"]


def test_same_document_cited_with_two_dates_and_issuers() -> None:
    text = ("KẾ HOẠCH\nThực hiện Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND tỉnh Ninh Bình;\n"
            "I. NHIỆM VỤ\n1. Triển khai Kế hoạch số 12/KH-UBND ngày 15/3/2026 của UBND tỉnh "
            "Thanh Hóa.\n2. Thực hiện Quyết định số 534/QĐ.TTg và Kết luận số 226 - KL/TW.\n")
    findings = analysis_to_dict(analyze_text(text))["findings"]
    by_rule = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)
    assert [f["text"] for f in by_rule["citation-inconsistent-date"]] == ["ngày 15/3/2026"]
    assert [f["text"] for f in by_rule["citation-inconsistent-issuer"]] == ["UBND tỉnh Thanh Hóa"]
    assert [(f["text"], f["suggestion"]) for f in by_rule["citation-symbol-malformed"]] == [
        ("534/QĐ.TTg", "534/QĐ-TTg"), ("226 - KL/TW", "226-KL/TW")]


def test_short_form_before_the_full_citation_joins_it() -> None:
    text = ("KẾ HOẠCH\nThực hiện Kế hoạch số 144 của UBND thành phố;\nI. NỘI DUNG\n"
            "1. Theo Kế hoạch số 144/KH-UBND ngày 21/4/2026 của UBND thành phố Hải Phòng.\n")
    refs = analysis_to_dict(analyze_text(text))["references"]
    plan = [r for r in refs if r["number"] == "144"]
    assert len(plan) == 1 and plan[0]["symbol"] == "144/KH-UBND"
    assert [m["form"] for m in plan[0]["mentions"]] == ["full", "full"]


def test_the_documents_own_year_is_a_deadline_only_as_the_time_to_complete_a_task() -> None:
    text = PROVINCIAL_PLAN.replace("năm 2026\nKẾ HOẠCH", "năm 2025\nKẾ HOẠCH").replace(
        "4. Công an tỉnh kịp thời báo cáo các vụ việc phát sinh.",
        "4. Các nhiệm vụ được giao trong năm 2025 tiếp tục thực hiện; Sở Xây dựng hoàn thành"
        " cải tạo trụ sở trong năm 2025; không thể hoàn thành mục tiêu trong năm 2025 nếu chậm;"
        " tổ chức tổng kết trong năm 2026.")
    periods = [(d["text"], d["year"]) for d in analysis_to_dict(analyze_text(text))["deadlines"]
               if d["kind"] == "period"]
    assert ("trong năm 2025", 2025) in periods  # "hoàn thành … trong năm 2025"
    assert len([p for p in periods if p[1] == 2025]) == 1  # not "được giao", not "không thể"
    assert ("trong năm 2026", 2026) in periods  # a later year: the time of the task


def test_criteria_that_select_a_case_are_targets() -> None:
    text = PROVINCIAL_PLAN.replace(
        "4. Công an tỉnh kịp thời báo cáo các vụ việc phát sinh.",
        "4. Thôn đặc biệt khó khăn là thôn có ít nhất 02 trong 03 tiêu chí sau đây:\n"
        "- Có dưới 60% đường thôn được cứng hóa;\n"
        "- Tỷ lệ hộ gia đình có hợp đồng mua bán điện dưới 90%.\n"
        "5. Phấn đấu 100% thôn có đường được cứng hóa.")
    values = [(t["op"], t["value"]) for t in analysis_to_dict(analyze_text(text))["targets"]]
    assert (">=", 70) in values and ("=", 100) in values  # the plan's goals stay
    # the criteria that make a village one of a class select a case: targets, by the reading
    # guideline's call of 2026-12-03
    assert ("<", 60) in values and ("<", 90) in values


DECREE = """CHÍNH PHỦ
Số: 181/2026/NĐ-CP
Hà Nội, ngày 10 tháng 6 năm 2026
NGHỊ ĐỊNH
Quy định về bổ nhiệm người quản lý doanh nghiệp
Điều 5. Quy trình
1. Người đạt số phiếu đồng ý cao nhất trên 50% tổng số người được triệu tập thì được lựa chọn.
2. Trường hợp không có nhân sự đạt trên 50% số phiếu thì chọn nhân sự có số phiếu đạt từ 30% trở lên.
3. Mức phụ cấp bằng 20% mức lương; hồ sơ gửi trong 05 ngày làm việc.
"""


def test_a_legal_text_keeps_its_thresholds_and_limits_but_not_a_bare_rate() -> None:
    values = [(t["op"], t["value"]) for t in analysis_to_dict(analyze_text(DECREE))["targets"]]
    assert (">=", 30) in values  # "… đạt từ 30% trở lên"
    # "trên 50% tổng số người được triệu tập" and "Trường hợp không có nhân sự đạt trên 50% số
    # phiếu": both thresholds that select a case (the reading guideline's call of 2026-12-03)
    assert values.count((">", 50)) == 2
    assert ("<=", 5) in values and (">=", 20) not in values  # a limit stays, a rate does not


CIRCULAR = """BỘ KẾ HOẠCH VÀ ĐẦU TƯ
Số: 16/2022/TT-BKHĐT
Hà Nội, ngày 27 tháng 12 năm 2022
THÔNG TƯ
Hướng dẫn lựa chọn nhà thầu
Điều 9. Điều khoản chuyển tiếp
1. Đối với gói thầu đã phát hành hồ sơ mời thầu trước ngày 01 tháng 01 năm 2023, việc lựa chọn nhà thầu thực hiện theo hồ sơ đã phát hành.
2. Trường hợp đơn vị đã nhận vốn mà chưa giải ngân hết thì trước ngày 15 tháng 4 năm 2023, đơn vị phải hoàn trả số vốn còn lại.
3. Hộ gia đình đang sử dụng đất có nhà ở và công trình phục vụ đời sống trước ngày 18 tháng 12 năm 1980 được cấp giấy chứng nhận.
4. Các bộ gửi báo cáo trước ngày 20 tháng 01 năm 2023.
"""


def test_a_legal_texts_cutoff_of_a_condition_is_no_deadline() -> None:
    dates = {(d["year"], d["month"], d["day"])
             for d in analysis_to_dict(analyze_text(CIRCULAR))["deadlines"]}
    assert (2023, 1, 1) not in dates  # "gói thầu đã phát hành … trước ngày": a cutoff
    assert (1980, 12, 18) not in dates  # "đang sử dụng … công trình … trước ngày": no "trình"
    assert (2023, 4, 15) in dates  # "đã nhận … thì trước ngày …, phải hoàn trả": ordered
    assert (2023, 1, 20) in dates  # "gửi báo cáo trước ngày …"


CONSOLIDATED = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
NGHỊ ĐỊNH
Thực hiện thí điểm quản lý lao động, tiền lương
Điều 10. Tổ chức thực hiện
1. Bộ Lao động - Thương binh và Xã hội có trách nhiệm:
a) Hướng dẫn thực hiện Nghị định này;
b) Quý IV năm 2020 tổng kết việc thực hiện thí điểm theo quy định tại Nghị định này.
2. Người đã tham gia cách mạng trước ngày 01 tháng 01 năm 1945 được hưởng chế độ ưu đãi.
BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
Số: 1166/VBHN-BLĐTBXH
XÁC THỰC VĂN BẢN HỢP NHẤT
Hà Nội, ngày 22 tháng 3 năm 2024
BỘ TRƯỞNG
Đào Ngọc Dung
"""


def test_a_consolidated_text_keeps_the_task_times_it_reproduces() -> None:
    deadlines = analysis_to_dict(analyze_text(CONSOLIDATED))["deadlines"]
    periods = {(d["kind"], d["year"], d.get("quarter")) for d in deadlines}
    assert ("period", 2020, 4) in periods  # "b) Quý IV năm 2020 tổng kết …": a task's time
    assert all(d["year"] != 1945 for d in deadlines)  # "đã tham gia … trước ngày …": a cutoff


TRANSITIONAL = """THÔNG TƯ
Quy định về hợp đồng lao động điện tử
Điều 1. Phạm vi điều chỉnh
Thông tư này quy định về hợp đồng lao động điện tử.
Điều 2. Điều khoản chuyển tiếp
1. Hợp đồng lao động điện tử giao kết trước ngày 01 tháng 7 năm 2026 được tiếp tục thực hiện.
2. Các bộ gửi báo cáo trước ngày 01 tháng 7 năm 2026.
Điều 3. Hiệu lực thi hành
Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.
"""


def test_a_cutoff_on_the_day_a_legal_text_takes_effect_is_no_deadline() -> None:
    deadlines = analysis_to_dict(analyze_text(TRANSITIONAL))["deadlines"]
    lines = sorted(d["line"] for d in deadlines if (d["day"], d["month"], d["year"]) == (1, 7, 2026))
    assert lines == [7]  # "gửi báo cáo trước ngày …" stays due; "giao kết trước ngày …" goes
