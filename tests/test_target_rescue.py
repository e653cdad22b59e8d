"""The rescue model: figures a rule set aside, taken back when their context says they are
targets (plan_parser/resolve/target_rescue.py; built by tools/build_target_rescue.py from the
development gold). Values were read off the texts of development documents."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_parser.analysis import Analysis
from plan_parser.extract.targets import Target, find_targets
from plan_parser.pipeline import analyze_file
from plan_parser.resolve.target_rescue import (
    NO_MODEL,
    RescueModel,
    features,
    rescue_model,
    take_back,
)

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real not present")


@cache
def analysis(relative: str) -> Analysis:
    return analyze_file(REAL / relative)


def _target(start: int, end: int, set_aside: str | None = None) -> Target:
    return Target("unknown", None, "<=", 15.0, "ngày", None, None, start, end, cue=None,
                  set_aside=set_aside)


def test_the_shipped_model_takes_back_only_the_reasons_it_was_trusted_with() -> None:
    model = rescue_model()
    assert model.reasons == frozenset({"bare", "condition"})
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 1000


def test_a_condition_of_service_and_a_bare_duration_are_set_aside_with_their_reason() -> None:
    text = ("Công chức có thời gian công tác từ 15 năm trở lên được xét. "
            "Thời hạn giải quyết: 15 ngày làm việc.")
    found = find_targets(text, set_aside=True)
    assert [(t.value, t.unit, t.set_aside) for t in found] == [
        (15.0, "năm", "condition"), (15.0, "ngày làm việc", "bare")]
    assert find_targets(text) == []  # without set_aside: only the targets


@needs_real
def test_a_condition_readers_count_is_taken_back_in_a_real_law() -> None:
    # Luật 51/2024/QH15: "nghỉ việc hưởng chế độ ốm đau từ 14 ngày làm việc trở lên trong tháng"
    found = analysis("congbao/luat-so-51-2024-qh15-43559.txt")
    text = found.normalized.text
    taken = [t for t in found.targets if t.value == 14 and t.unit == "ngày làm việc"]
    assert [(t.op, text[t.start:t.end]) for t in taken] == [
        (">=", "14 ngày làm việc trở lên")] * 2


@needs_real
def test_round_the_clock_duty_stays_set_aside_in_a_real_decree() -> None:
    # Nghị định 192 (2026): "trực 24/24 giờ" names a duty pattern (24 hours a day) that an
    # allowance pays for, no limit the decree sets: a bare figure of a legal text
    found = analysis("congbao/nghi-dinh-so-192-2026-nd-cp-469673.txt")
    text = found.normalized.text
    aside = [t for t in found.set_aside_targets if text[t.start:t.end].startswith("24/24")]
    assert len(aside) >= 20 and {t.set_aside for t in aside} == {"legal-text"}
    assert {(t.value, t.unit) for t in aside} == {(24.0, "giờ/ngày")}
    assert not any(text[t.start:t.end].startswith("24/24") for t in found.targets)


@needs_real
def test_a_share_of_people_is_a_target_and_a_share_of_money_a_rate_in_real_legal_texts() -> None:
    # Thông tư 35/2021/TT-BLĐTBXH: "Tiêu chuẩn 1: 100% nhà giáo có trình độ tin học đạt chuẩn"
    # is a criterion's coverage; Luật 51/2024/QH15: "a) 100% chi phí khám bệnh, chữa bệnh …"
    # is the rate the fund pays, a bare figure of a legal text
    rule = analysis("congbao/thong-tu-so-35-2021-tt-bldtbxh-36500.txt")
    text = rule.normalized.text
    teachers = [t for t in rule.targets if text[t.end:t.end + 9] == " nhà giáo" and t.value == 100]
    assert len(teachers) >= 2 and {(t.op, t.unit) for t in teachers} == {("=", "%")}
    law = analysis("congbao/luat-so-51-2024-qh15-43559.txt")
    text = law.normalized.text
    costs = [t for t in law.set_aside_targets if text[t.end:t.end + 8] == " chi phí"]
    assert len(costs) >= 3 and {t.set_aside for t in costs} == {"legal-text"}
    assert not any(text[t.end:t.end + 8] == " chi phí" and t.value == 100
                   for t in law.targets)


def test_a_reason_the_model_is_not_trusted_with_is_never_taken_back() -> None:
    eager = RescueModel({"kind=legal": 50.0}, 10.0, 0.5, frozenset({"bare"}))
    text = "Mức phụ cấp bằng 20% mức lương."
    aside = _target(17, 20, "legal-text")
    kept, still = take_back([aside], text, True, eager)
    assert kept == [] and still == [aside]


def test_a_figure_a_target_already_covers_is_not_taken_back() -> None:
    eager = RescueModel({"kind=legal": 50.0}, 10.0, 0.5, frozenset({"bare"}))
    kept_target = _target(0, 10)
    kept, still = take_back([kept_target, _target(5, 12, "bare")], "x" * 20, True, eager)
    assert kept == [kept_target] and [t.set_aside for t in still] == ["bare"]


def test_features_name_the_reason_and_the_words_around_the_figure() -> None:
    text = "1. Thời hạn giải quyết: 15 ngày làm việc kể từ ngày nhận hồ sơ."
    start = text.index("15")
    target = Target("unknown", None, "<=", 15.0, "ngày làm việc", None, None, start,
                    start + len("15 ngày làm việc"), set_aside="bare")
    found = features(target, text, legal=False)
    assert {"why=bare", "why=bare|other", "unit=ngày làm việc", "b1=quyết", "b2=giải",
            "bb=giải_quyết", "a1=kể", "a2=từ", "aa=kể_từ"} <= set(found)


def test_a_cell_alone_on_its_line_reads_the_words_ending_the_line_above() -> None:
    text = "Bàn làm việc\nNiên hạn sử dụng\n05 năm\nGhế"
    start = text.index("05")
    target = Target("unknown", None, "=", 5.0, "năm", None, None, start, start + len("05 năm"),
                    set_aside="bare")
    found = features(target, text, legal=True)
    assert {"p=sử", "p=dụng"} <= set(found) and not [f for f in found if f.startswith("b")]
    # a figure with words before it on its line reads no line above
    inline = "Niên hạn\nsử dụng 05 năm"
    start = inline.index("05")
    target = replace(target, start=start, end=start + len("05 năm"))
    assert not [f for f in features(target, inline, legal=True) if f.startswith("p=")]


_SPANS = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30),
                            st.sampled_from([None, "bare", "condition", "legal-text"])),
                  max_size=30)


@settings(max_examples=200, deadline=None)
@given(_SPANS, st.floats(-5, 5))
def test_taking_back_loses_no_figure_and_overlaps_no_target(spans, bias) -> None:
    targets = [_target(s, s + n, why) for s, n, why in sorted(spans, key=lambda span: span[:2])]
    model = RescueModel({"why=bare": 1.0, "why=condition": -1.0}, bias, 0.5,
                        frozenset({"bare", "condition"}))
    kept, still = take_back(targets, " " * 240, False, model)
    assert len(kept) + len(still) == len(targets)
    first_kept = [t for t in targets if t.set_aside is None]
    assert all(t in kept for t in first_kept)
    for back in (t for t in kept if t not in first_kept):
        assert not any(k.start < back.end and back.start < k.end for k in first_kept)
    assert all(t.set_aside is not None for t in still)


def test_without_a_model_nothing_is_taken_back() -> None:
    targets = [_target(0, 5, "bare"), _target(10, 15)]
    kept, still = take_back(targets, " " * 20, False, NO_MODEL)
    assert kept == [targets[1]] and still == [targets[0]]


@needs_real
def test_a_share_of_votes_or_of_fees_is_a_limit_of_a_legal_text() -> None:
    # Thông tư 02/2024/TT-BKHĐT: "biểu quyết với trên 50% ý kiến đồng ý"; Thông tư 15/2023/TT-BKHĐT:
    # "có tỷ lệ phiếu đồng ý từ 80% trở lên"; Thông tư 39/2026/TT-BTC: "nộp 100% số tiền phí"
    cases = [("congbao/thong-tu-so-02-2024-tt-bkhdt-41528.txt", "ý kiến đồng ý", [(">", 50.0)]),
             ("congbao/thong-tu-so-15-2023-tt-bkhdt-40920.txt", "phiếu đồng ý",
              [(">=", 80.0), (">=", 90.0), (">=", 80.0)]),
             ("congbao/thong-tu-so-39-2026-tt-btc-469256.txt", "số tiền phí", [("=", 100.0)])]
    for relative, words, expected in cases:
        found = analysis(relative)
        text = found.normalized.text
        got = [(t.op, t.value) for t in found.targets
               if t.unit == "%" and words in text[t.start - 40:t.end + 30]]
        assert got == expected, relative


def test_a_range_whose_one_bound_is_kept_keeps_the_other() -> None:
    from plan_parser.resolve.targets import keep_ranges_whole

    text = "đã đóng từ đủ 15 năm đến dưới 30 năm; nghỉ dưới 4 giờ"
    low = Target("unknown", None, ">=", 15.0, "năm", None, None, 8, 20, cue="từ đủ",
                 set_aside="legal-text")
    high = Target("unknown", None, "<", 30.0, "năm", None, None, 25, 36, cue="dưới")
    alone = Target("unknown", None, "<", 4.0, "giờ", None, None, 44, 53, cue="dưới",
                   set_aside="condition")
    assert text[low.start:low.end] == "từ đủ 15 năm" and text[high.start:high.end] == "dưới 30 năm"
    kept, still = keep_ranges_whole([high], [low, alone], text)
    assert [(t.value, t.set_aside) for t in kept] == [(15.0, None), (30.0, None)]
    assert still == [alone]
    # both set aside: neither comes back
    kept, still = keep_ranges_whole([], [low, high], text)
    assert kept == [] and len(still) == 2


@needs_real
def test_a_frequency_is_a_limit_in_a_real_legal_text() -> None:
    # Quy chế (tvpl/3928ef06a8929828.md), Điều 18: "sao lưu định kỳ (01 lần/ngày)" says how
    # often the backup is done: a limit, not a rate set aside as "legal-text"
    rule = analysis("tvpl/3928ef06a8929828.md")
    text = rule.normalized.text
    daily = [t for t in rule.targets if text[t.start:t.end] == "01 lần/ngày"]
    assert [(t.value, t.unit) for t in daily] == [(1.0, "lần")]
    assert not any(text[t.start:t.end] == "01 lần/ngày" for t in rule.set_aside_targets)


@needs_real
def test_a_duty_the_text_orders_round_the_clock_is_a_target_in_a_real_regulation() -> None:
    # Quy chế (tvpl/2d563450d5a57ad1.md), a decision numbered with its year: "đảm bảo trực
    # 12/24 giờ" orders the duty (a target); "Lực lượng canh phòng trực 10/24 giờ" stays a bare
    # figure of a legal text, as the decree's shifts "trực 24/24 giờ" do
    rule = analysis("tvpl/2d563450d5a57ad1.md")
    text = rule.normalized.text
    ordered = [t for t in rule.targets if text[t.start:t.end] == "12/24 giờ"
               and text[t.start - 13:t.start] == "đảm bảo trực "]
    assert [(t.op, t.value, t.unit, t.cue) for t in ordered] == \
        [(">=", 12.0, "giờ/ngày", "bảo đảm")]
    assert any(text[t.start:t.end] == "10/24 giờ" and t.set_aside == "legal-text"
               for t in rule.set_aside_targets)
