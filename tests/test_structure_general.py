"""Structure of plan shapes the sample corpus does not have: full header blocks, Party plans,
a two-column header flattened by PDF extraction, a Công văn, nested 1.1 numbering."""

from __future__ import annotations

from plan_parser.export.json_export import analysis_to_dict
from plan_parser.pipeline import analyze_text

STATE_PLAN = """ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
_______________
Số: 05/KH-SNV
Thái Nguyên, ngày 05 tháng 02 năm 2026

KẾ HOẠCH
Tổ chức hội nghị trực tuyến năm 2026

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Thực hiện Kế hoạch số 21/KH-UBND ngày 12/01/2026 của UBND tỉnh Thái Nguyên về tổ chức hội nghị trực tuyến; Quyết định số 88/QĐ-UBND ngày 02/01/2026 của Chủ tịch UBND tỉnh Thái Nguyên;
Sở Nội vụ ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao hiệu quả hội nghị.
2. Yêu cầu
a) Bảo đảm tiết kiệm.
b) Bảo đảm an toàn thông tin.
II. NỘI DUNG
1. Hội nghị trực tuyến
1.1. Hội nghị cấp tỉnh
- Tổ chức tối thiểu 60% hội nghị theo hình thức trực tuyến.
1.2. Hội nghị chuyên đề
+ Không quá 1 ngày.
III. TỔ CHỨC THỰC HIỆN
Văn phòng Sở chủ trì, phối hợp với các phòng theo dõi, báo cáo./.

Nơi nhận:
- UBND tỉnh (b/c);
- Các phòng, đơn vị thuộc Sở;
- Lưu: VT, VP.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
(Đã ký)
Trần Thị Hoa
"""

PARTY_PLAN = """ĐẢNG BỘ TỈNH NINH BÌNH
ĐẢNG ỦY XÃ GIA VIỄN
*
Số 12-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Gia Viễn, ngày 10 tháng 3 năm 2026

KẾ HOẠCH
thực hiện Kết luận số 226-KL/TW của Ban Bí thư

Thực hiện Kế hoạch số 45-KH/TU ngày 20/01/2026 của Ban Thường vụ Tỉnh ủy Ninh Bình về thực hiện Kết luận số 226-KL/TW, Ban Thường vụ Đảng ủy xã ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt đầy đủ nội dung Kết luận.
II. NHIỆM VỤ
1. Các chi bộ xây dựng kế hoạch thực hiện.

Nơi nhận:
- Ban Thường vụ Tỉnh ủy (b/c);
- Lưu Văn phòng Đảng ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Lê Văn Nam
"""

PDF_LIKE_HEADER = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG NGỌC HÀ Độc lập - Tự do - Hạnh phúc
Số: 112/KH-UBND Ngọc Hà, ngày 03 tháng 3 năm 2026
KẾ HOẠCH
Số hóa hồ sơ năm 2026
Thực hiện Kế hoạch số 7/KH-UBND ngày 15/01/2026 của UBND thành phố Hà Nội, Ủy ban nhân dân phường ban hành Kế hoạch như sau:
I. MỤC TIÊU
1. Số hóa 100% hồ sơ.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Đỗ Minh Quân
"""

CONG_VAN = """ỦY BAN NHÂN DÂN
XÃ TÂN LẬP
Số: 215/UBND-VP
V/v báo cáo kết quả thực hiện Kế hoạch số 05/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tân Lập, ngày 20 tháng 5 năm 2026
Kính gửi: Các cơ quan, đơn vị thuộc xã.
Thực hiện Kế hoạch số 05/KH-UBND ngày 05/02/2026 của UBND xã, đề nghị các cơ quan báo cáo trước ngày 30/5/2026./.
"""


def doc_of(text: str) -> dict:
    return analysis_to_dict(analyze_text(text))


def test_full_state_header() -> None:
    header = doc_of(STATE_PLAN)["header"]
    assert header["issuer"] == "SỞ NỘI VỤ"
    assert header["issuer_parent"] == "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"
    assert header["issuer_source"] == "header"
    assert (header["number"], header["symbol"], header["type_code"], header["issuer_code"]) == (
        "05", "KH-SNV", "KH", "SNV")
    assert (header["place"], header["date"]) == ("Thái Nguyên", "2026-02-05")
    assert header["title"] == "Tổ chức hội nghị trực tuyến năm 2026"
    assert header["system"] == "state"
    assert header["signer"] == {"name": "Trần Thị Hoa", "title": "PHÓ GIÁM ĐỐC",
                                "authority": ["KT. GIÁM ĐỐC"]}


def test_parent_is_the_latest_directive_not_the_law() -> None:
    doc = doc_of(STATE_PLAN)
    assert doc["parent"]["symbol"] == "21/KH-UBND"
    assert doc["parent"]["issuer"] == "UBND tỉnh Thái Nguyên"
    kinds = [b["kind"] for b in doc["basis"]]
    assert kinds == ["legal", "directive", "issuing"]


def test_nested_decimal_numbering_and_bullets() -> None:
    doc = doc_of(STATE_PLAN)
    part_ii = doc["sections"][1]
    content = part_ii["children"][0]
    assert [c["path"] for c in content["children"]] == ["II.1.1.1", "II.1.1.2"]
    assert content["children"][0]["children"][0]["path"] == "II.1.1.1.-1"
    assert content["children"][1]["children"][0]["title"] == "Không quá 1 ngày"
    assert [c["label"] for c in doc["sections"][0]["children"][1]["children"]] == ["a", "b"]
    assert doc["recipients"]["items"][-1]["text"] == "Lưu: VT, VP."


def test_party_plan() -> None:
    doc = doc_of(PARTY_PLAN)
    header = doc["header"]
    assert header["system"] == "party"
    assert (header["number"], header["symbol"], header["type_code"], header["issuer_code"]) == (
        "12", "KH/ĐU", "KH", "ĐU")
    assert header["issuer"] == "ĐẢNG ỦY XÃ GIA VIỄN"
    assert header["issuer_parent"] == "ĐẢNG BỘ TỈNH NINH BÌNH"
    assert header["signer"]["authority"] == ["T/M BAN THƯỜNG VỤ"]
    assert header["signer"]["title"] == "BÍ THƯ"
    assert doc["parent"]["symbol"] == "45-KH/TU"
    assert doc["parent"]["issuer"] == "Ban Thường vụ Tỉnh ủy Ninh Bình"


def test_two_column_header_flattened_on_lines() -> None:
    header = doc_of(PDF_LIKE_HEADER)["header"]
    assert header["issuer"] == "ỦY BAN NHÂN DÂN PHƯỜNG NGỌC HÀ"
    assert (header["number"], header["place"], header["date"]) == ("112", "Ngọc Hà", "2026-03-03")
    assert header["signer"] == {"name": "Đỗ Minh Quân", "title": "CHỦ TỊCH",
                                "authority": ["TM. ỦY BAN NHÂN DÂN"]}


def test_cong_van_without_type_line() -> None:
    doc = doc_of(CONG_VAN)
    header = doc["header"]
    assert header["doc_type"] == "Công văn"  # no type line, an issuer-unit symbol and "V/v"
    assert (header["number"], header["symbol"], header["type_code"], header["issuer_code"]) == (
        "215", "UBND-VP", None, "UBND-VP")
    assert header["title"] == "báo cáo kết quả thực hiện Kế hoạch số 05/KH-UBND"
    assert header["issuer"] == "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"
    assert header["date"] == "2026-05-20"


TELEGRAM = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 225/CĐ-TTg
Hà Nội, ngày 21 tháng 11 năm 2025
CÔNG ĐIỆN
Về việc tập trung ứng phó khẩn cấp mưa lũ
THỦ TƯỚNG CHÍNH PHỦ điện:
Để tập trung ứng phó mưa lũ đặc biệt lớn, bảo đảm an toàn tính mạng cho Nhân dân, tiếp theo
các Công điện số 217/CĐ-TTg, 218/CĐ-TTg, 219/CĐ-TTg và 222/CĐ-TTg ngày 19/11/2025, Thủ tướng
Chính phủ yêu cầu:
1. Chủ tịch Ủy ban nhân dân các tỉnh chỉ đạo sơ tán dân khỏi khu vực nguy hiểm.
"""


def test_a_telegram_carries_out_the_latest_of_those_it_follows() -> None:
    """"…, tiếp theo các Công điện số 217/CĐ-TTg, …, 222/CĐ-TTg ngày 19/11/2025, Thủ tướng
    Chính phủ yêu cầu:": said inside the opening sentence, a list of symbols sharing one date."""
    doc = doc_of(TELEGRAM)
    assert doc["parent"]["symbol"] == "222/CĐ-TTg"
    assert {"217/CĐ-TTg", "218/CĐ-TTg", "219/CĐ-TTg", "222/CĐ-TTg"} <= {
        r["symbol"] for r in doc["references"]}
