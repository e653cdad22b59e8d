"""Numbers spelled out in several words: the grammar of rules/targets.yaml (``numbers.spelled``)
reads them whole, and targets carry their value ("tối thiểu bốn mươi hai giờ" is 42 hours)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_parser.extract.spelled_numbers import spelled_numbers
from plan_parser.rules_loader import load_rules

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real not present")

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


@pytest.mark.parametrize("example", load_rules("targets")["numbers"]["spelled"]["examples"],
                         ids=lambda e: e["text"])
def test_rule_examples(example: dict) -> None:
    grammar = spelled_numbers()
    m = re.match(grammar.pattern, example["text"])
    assert m is not None
    assert grammar.value(m.group()) == example["value"]
    assert example["text"][m.end():] == example.get("rest", "")


def _below_thousand(n: int, after_higher: bool, draw_variant: bool) -> list[str]:
    """A reference speller (n < 1000), independent of the grammar under test."""
    hundreds, rest = divmod(n, 100)
    words = [DIGITS[hundreds], "trăm"] if hundreds else []
    tens, unit = divmod(rest, 10)
    if tens == 0 and unit:
        words += (["linh" if draw_variant else "lẻ"] if hundreds or after_higher else [])
        words.append(DIGITS[unit])
    elif tens == 1:
        words += ["mười"] + ([{5: "lăm"}.get(unit, DIGITS[unit])] if unit else [])
    elif tens:
        after = {1: "mốt", 5: "lăm", 4: "tư" if draw_variant else "bốn"}
        words += [DIGITS[tens], "mươi"] + ([after.get(unit, DIGITS[unit])] if unit else [])
    return words


def spell(n: int, variant: bool = False) -> str:
    """1 ≤ n < 1,000,000, written out as Vietnamese documents write it."""
    thousands, rest = divmod(n, 1000)
    words = []
    if thousands:
        words += [*_below_thousand(thousands, False, variant), "nghìn" if variant else "ngàn"]
    if rest:
        words += _below_thousand(rest, bool(thousands), variant)
    return " ".join(words)


# (after thousands, a rest under a hundred is written "không trăm …", which the grammar does
# not read: such numbers are left out)
@given(st.integers(min_value=10, max_value=999_999).filter(
    lambda n: n < 1000 or n % 1000 == 0 or n % 1000 >= 100), st.booleans())
def test_every_number_spelled_reads_back(n: int, variant: bool) -> None:
    """Law: a number of two words or more, spelled out, is matched whole and read as itself."""
    text = spell(n, variant)
    if len(text.split()) < 2 and text != "mười":
        return  # a single digit word is no spelled-out number of this grammar
    grammar = spelled_numbers()
    m = re.fullmatch(grammar.pattern, text)
    assert m is not None, text
    assert grammar.value(text) == n, text


def _targets(text: str) -> list[tuple[str, float, str]]:
    from plan_parser.extract.targets import find_targets

    return [(t.op, t.value, t.unit) for t in find_targets(text)]


def test_a_spelled_number_is_one_value() -> None:
    # before, "hai giờ" (2 hours) was read out of "bốn mươi hai giờ"
    assert _targets("Thời gian tập huấn tối thiểu bốn mươi hai giờ.") == [(">=", 42, "giờ")]
    # before, 10 with a unit "lăm"
    assert _targets("Mỗi lớp có không quá mười lăm học viên.") == [("<=", 15, "học viên")]
    assert _targets("Trong thời hạn một trăm hai mươi ngày kể từ khi nhận hồ sơ, Sở trả lời.") \
        == [("<=", 120, "ngày")]


def test_spelled_then_its_figure_is_one_target() -> None:
    # before, "năm ngày" and "(05 ngày)" were two targets
    assert _targets("Chậm nhất năm ngày (05 ngày), kể từ ngày có quyết định, cơ quan phải "
                    "thông báo.") == [("<=", 5, "ngày")]
    assert _targets("Chậm nhất mười lăm ngày (15 ngày), kể từ ngày có quyết định, cơ quan phải "
                    "thông báo.") == [("<=", 15, "ngày")]


def test_a_word_of_the_number_is_no_unit() -> None:
    # "năm" in "bảy nghìn năm trăm" is five, not a year; money is no target
    assert _targets("Tối đa bảy nghìn năm trăm tỷ đồng.") == []
    # "mười năm" is ten years: five after ten is "lăm"
    assert _targets("Hồ sơ được lưu trữ tối đa mười năm kể từ ngày ký.") == [("<=", 10, "năm")]


@pytest.mark.parametrize("spelled, figure", [
    ("Thời hạn lưu trữ tối đa mười năm.", "Thời hạn lưu trữ tối đa 10 năm."),
    ("Hội đồng có tối đa hai mươi mốt thành viên.", "Hội đồng có tối đa 21 thành viên."),
    ("Mỗi năm tổ chức ít nhất mười hai buổi tập huấn.",
     "Mỗi năm tổ chức ít nhất 12 buổi tập huấn."),
    ("Trong thời hạn hai mươi lăm ngày làm việc kể từ ngày nhận hồ sơ, Bộ cấp giấy phép.",
     "Trong thời hạn 25 ngày làm việc kể từ ngày nhận hồ sơ, Bộ cấp giấy phép."),
])
def test_spelled_reads_as_its_figure(spelled: str, figure: str) -> None:
    assert _targets(spelled) == _targets(figure) != []


def test_counts_over_a_threshold() -> None:
    assert _targets("Trường hợp dự án có nhiều hơn 03 nhà đầu tư đáp ứng yêu cầu thì lựa chọn "
                    "nhà đầu tư có điểm cao nhất.")[:1] == [(">", 3, "nhà đầu tư")]
    # "thấp hơn 1 mức" is lower, and names no count
    assert _targets("áp dụng hình thức kỷ luật thấp hơn 1 mức so với hình thức đề nghị") == []
    # a count needs what it counts named
    assert _targets("trường hợp số lượng nhiều hơn 01 thì thủ trưởng đơn vị quyết định") == []


@needs_real
def test_real_decree_capacity_spelled_out() -> None:
    """Nghị quyết 19/2026/NQ-CP (the Gazette): "dung tích tối thiểu mười lăm nghìn mét khối
    (15.000 m3)" is a floor of 15,000."""
    from plan_parser.export.json_export import analysis_to_dict
    from plan_parser.pipeline import analyze_file

    doc = analysis_to_dict(analyze_file(REAL / "congbao/nghi-quyet-so-19-2026-nq-cp-469466.txt"))
    found = [(t["op"], t["value"]) for t in doc["targets"] if t["line"] == 933]
    assert found == [(">=", 15000)]


def test_frequency_and_time_limit_spelled_out() -> None:
    from plan_parser.extract.deadlines import find_deadlines

    # an interval written out reads as its figure ("15 ngày một lần": every 15 days)
    assert _targets("Định kỳ mười lăm ngày một lần, Tổ công tác báo cáo.") \
        == _targets("Định kỳ 15 ngày một lần, Tổ công tác báo cáo.") == [("=", 15, "ngày/lần")]
    text = "Trong thời hạn mười lăm ngày kể từ ngày nhận hồ sơ, Sở phải trả lời."
    assert [(d.kind, d.relative[:2]) for d in find_deadlines(text, 0, len(text))] \
        == [("relative", (15, "day"))]
