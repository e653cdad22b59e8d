"""The real-document scorer (plan_parser/evaluation_real.py) on small hand-made cases."""

from __future__ import annotations

from plan_parser.evaluation_real import score_document

TEXT = "Thời gian: 2025 - 2030\nBáo cáo vào thứ Sáu hằng tuần\nHoàn thành trong 05 ngày\n"


def _deadline(kind: str, start: int, end: int, **calendar: int | None) -> dict:
    return {"kind": kind, "start": start, "end": end, "text": TEXT[start:end],
            "day": None, "month": None, "year": None, "quarter": None, "weekday": None,
            **calendar}


def _scores(gold_deadlines: list[dict], predicted: list[dict]) -> tuple[int, int, int]:
    gold = {"file": "x", "header": {}, "deadlines": gold_deadlines, "targets": []}
    report = score_document(gold, {"deadlines": predicted, "targets": []}, TEXT)
    score = report.scores["deadlines"]
    return score.correct, score.gold, score.predicted


def test_a_range_of_years_matches_either_end() -> None:
    gold = [{"quote": "2025 - 2030", "line": 1, "kind": "period", "year": 2030}]
    start = TEXT.index("2025")
    assert _scores(gold, [_deadline("period", start, start + 11, year=2025)]) == (1, 1, 1)
    assert _scores(gold, [_deadline("period", start, start + 11, year=2031)]) == (0, 1, 1)


def test_a_weekly_due_day_is_a_calendar_deadline_and_a_bare_frequency_is_not() -> None:
    gold = [{"quote": "thứ Sáu hằng tuần", "line": 2, "kind": "recurring"}]
    start = TEXT.index("thứ Sáu")
    weekday = _deadline("recurring", start, start + 17, weekday=5)
    assert _scores(gold, [weekday]) == (1, 1, 1)
    bare = _deadline("recurring", start + 8, start + 17)  # "hằng tuần" with nothing else
    assert _scores(gold, [bare]) == (0, 1, 0)


def test_a_fraction_written_rounded_in_gold_matches_the_exact_value() -> None:
    text = "có ít nhất 2/3 số người có mặt\n"
    start = text.index("ít nhất")
    predicted = {"start": start, "end": start + 14, "op": ">=", "value": 2 / 3, "unit": "phần"}

    def found(value: float) -> int:
        gold = {"file": "x", "header": {}, "deadlines": [], "targets": [
            {"quote": "ít nhất 2/3 số", "line": 1, "op": ">=", "value": value}]}
        return score_document(gold, {"targets": [predicted], "deadlines": []},
                              text).scores["targets"].correct

    assert found(0.667) == 1 and found(0.6667) == 1
    assert found(0.67) == 0  # two decimals: a value of its own, not a rounded fraction
    assert found(0.668) == 0


def _found_as(text: str, quote: str, predicted: dict, value: float, unit: str) -> int:
    """How many of one gold target (``quote`` on line 1, ">=" ``value`` ``unit``) the one
    predicted target matches."""
    gold = {"file": "x", "header": {}, "deadlines": [], "targets": [
        {"quote": quote, "line": 1, "op": ">=", "value": value, "unit": unit}]}
    return score_document(gold, {"targets": [predicted], "deadlines": []},
                          text).scores["targets"].correct


def test_a_share_written_as_a_percentage_in_gold_matches_the_fraction() -> None:
    text = "có ít nhất hai phần ba (2/3) tổng số thành viên\n"
    start = text.index("ít nhất")
    predicted = {"start": start, "end": start + 30, "op": ">=", "value": 2 / 3, "unit": "phần"}

    def found(value: float, unit: str) -> int:
        return _found_as(text, "ít nhất hai phần ba (2/3)", predicted, value, unit)

    assert found(66.67, "%") == 1 and found(66.7, "%") == 1
    assert found(66.67, "phần") == 0  # a share is no 66.67 of anything else
    assert found(67, "%") == 1 and found(70, "%") == 0  # rounded to its own precision
    # the percentage's unit may name what it is of
    assert found(66.67, "% số thành viên") == 1 and found(33.33, "% số thành viên") == 0


def test_a_length_of_time_matches_in_another_unit_of_time() -> None:
    text = "Thời gian đào tạo từ 01 năm 06 tháng trở lên\n"
    start = text.index("từ")
    predicted = {"start": start, "end": start + 25, "op": ">=", "value": 18, "unit": "tháng"}

    def found(value: float, unit: str) -> int:
        return _found_as(text, "từ 01 năm 06 tháng trở lên", predicted, value, unit)

    assert found(1.5, "năm") == 1 and found(18, "tháng") == 1
    assert found(1, "năm") == 0 and found(18, "năm") == 0  # the length must be the same
    assert found(18, "người") == 1  # (other units: the number alone, as before)
    assert found(1.5, "người") == 0


def test_a_count_in_millions_matches_written_whole() -> None:
    text = "xây dựng 1 triệu căn nhà ở xã hội\n"
    start = text.index("1 triệu")
    predicted = {"start": start, "end": start + 16, "op": ">=", "value": 1,
                 "unit": "triệu căn nhà"}

    def found(value: float, unit: str) -> int:
        return _found_as(text, "xây dựng 1 triệu căn", predicted, value, unit)

    assert found(1_000_000, "căn") == 1 and found(1, "triệu căn") == 1
    assert found(1000, "căn") == 0 and found(2_000_000, "căn") == 0
    # the number as written still agrees ("< 500" under "(1.000 người)": 500 "nghìn người")
    assert found(1, "căn") == 1


def test_the_last_day_of_a_month_is_a_calendar_deadline() -> None:
    text = "Chậm nhất ngày cuối cùng của tháng, báo cáo\n"
    start = text.index("ngày")
    gold = {"file": "x", "header": {}, "targets": [], "deadlines": [
        {"quote": "ngày cuối cùng của tháng", "line": 1, "kind": "recurring",
         "recurrence": "monthly"}]}
    last = {"kind": "recurring", "start": start, "end": start + 24, "day": None, "month": None,
            "year": None, "quarter": None, "weekday": None, "last_day": True}
    report = score_document(gold, {"deadlines": [last], "targets": []}, text)
    assert report.scores["deadlines"].correct == 1


def test_the_first_working_day_of_a_month_is_a_calendar_deadline() -> None:
    text = "ban hành chương trình công tác tháng chậm nhất vào ngày làm việc đầu tiên của tháng;\n"
    start = text.index("ngày làm việc")
    gold = {"file": "x", "header": {}, "targets": [], "deadlines": [
        {"quote": "nhất vào ngày làm việc đầu tiên của tháng", "line": 1, "kind": "recurring",
         "recurrence": "monthly", "day": None, "month": None, "year": None}]}
    first = {"kind": "recurring", "start": start, "end": start + 32, "day": None,
             "month": None, "year": None, "quarter": None, "weekday": None, "last_day": False,
             "first_working_day": True}
    bare = {**first, "first_working_day": False}  # "hằng tháng" alone: a frequency, unscored
    assert score_document(gold, {"deadlines": [first], "targets": []},
                          text).scores["deadlines"].correct == 1
    assert score_document(gold, {"deadlines": [bare], "targets": []},
                          text).scores["deadlines"].correct == 0


def test_an_item_near_a_prediction_does_not_take_the_next_lines_match() -> None:
    """Deadlines match within 40 characters of their quote; an item whose quote the
    prediction overlaps is matched first (greedy order took it from the next line's item)."""
    text = "a) trước ngày 17 các tháng 3, 6;\nb) hàng năm trước ngày 17 tháng 12;\n"
    gold = [{"quote": "trước ngày 17 các tháng 3, 6", "line": 1, "kind": "recurring",
             "day": 17, "month": None},
            {"quote": "trước ngày 17 tháng 12", "line": 2, "kind": "recurring", "day": 17,
             "month": 12}]
    start = text.index("hàng năm")
    predicted = [{"kind": "before_date", "start": start, "end": start + 31, "day": 17,
                  "month": 12, "year": None, "quarter": None, "weekday": None}]
    report = score_document({"file": "x", "header": {}, "deadlines": gold, "targets": []},
                            {"deadlines": predicted, "targets": []}, text)
    assert report.scores["deadlines"].correct == 1
    assert report.misses == ["deadline missed (line 1): 'trước ngày 17 các tháng 3, 6'"]


def test_scores_are_also_given_by_the_type_the_reader_read() -> None:
    from plan_parser.evaluation_real import RealReport, render

    gold = [{"quote": "2025 - 2030", "line": 1, "kind": "period", "year": 2030}]
    start = TEXT.index("2025")
    report = RealReport()
    for doc_type, year in (("Kế hoạch", 2030), ("Kế hoạch", 2031), ("Thông tư", 2030)):
        document = {"file": "x", "header": {"doc_type": doc_type}, "deadlines": gold,
                    "targets": []}
        predicted = [_deadline("period", start, start + 11, year=year)]
        report.documents.append(score_document(document, {"deadlines": predicted,
                                                          "targets": []}, TEXT))
    assert report.doc_types() == [("Kế hoạch", 2), ("Thông tư", 1)]
    assert report.total("deadlines", "Kế hoạch").correct == 1
    assert report.total("deadlines", "Thông tư").correct == 1
    assert "| Kế hoạch | 2 | – | – | 0 | 0.50 | 0.50 | 2 |" in render(report)


def test_subject_words_are_scored_on_matched_targets_only() -> None:
    text = "Tỷ lệ hộ nghèo giảm xuống dưới 2%\nTrên 95% hồ sơ giải quyết đúng hạn\n"
    gold = {"file": "x", "header": {}, "deadlines": [], "targets": [
        {"quote": "dưới 2%", "line": 1, "op": "<", "value": 2, "unit": "%",
         "subject": "tỷ lệ hộ nghèo"},
        {"quote": "Trên 95%", "line": 2, "op": ">", "value": 95, "unit": "%",
         "subject": "hồ sơ giải quyết đúng hạn"}]}
    start = text.index("dưới")
    predicted = [{"start": start, "end": start + 7, "op": "<", "value": 2, "unit": "%",
                  "subject": "Tỷ lệ hộ nghèo giảm xuống"}]  # the second target is missed
    score = score_document(gold, {"targets": predicted, "deadlines": []}, text).scores[
        "targets.subject"]
    assert (score.correct, score.gold, score.predicted) == (4, 4, 6)


def test_subject_words_of_deadlines_are_scored_on_matched_deadlines() -> None:
    text = "Các sở gửi báo cáo về Sở Nội vụ trước ngày 15/12/2026.\n"
    gold = {"file": "x", "header": {}, "targets": [], "deadlines": [
        {"quote": "trước ngày 15/12/2026", "line": 1, "subject": "gửi báo cáo về Sở Nội vụ",
         "kind": "before_date", "day": 15, "month": 12, "year": 2026}]}
    start = text.index("trước")
    predicted = [{"start": start, "end": start + 21, "kind": "before_date", "day": 15,
                  "month": 12, "year": 2026, "subject": "Các sở gửi báo cáo"}]
    score = score_document(gold, {"targets": [], "deadlines": predicted}, text).scores[
        "deadlines.subject"]
    assert (score.correct, score.gold, score.predicted) == (4, 7, 5)  # "sở" counted once


def test_the_bootstrap_interval_holds_the_estimate_and_collapses_when_documents_agree() -> None:
    from plan_parser.evaluation import Score
    from plan_parser.evaluation_real import RealDocumentReport, RealReport, bootstrap_interval

    same = RealReport([RealDocumentReport(f"d{i}", {"targets": Score(9, 10, 10)})
                       for i in range(5)])
    assert bootstrap_interval(same, "targets", draws=200)["recall"] == (0.9, 0.9)
    mixed = RealReport([RealDocumentReport("a", {"targets": Score(10, 10, 10)}),
                        RealDocumentReport("b", {"targets": Score(1, 10, 10)}),
                        RealDocumentReport("c", {"targets": Score(5, 10, 10)})])
    low, high = bootstrap_interval(mixed, "targets", draws=500)["recall"]
    assert low < 16 / 30 < high  # the estimate over all three lies inside
    assert bootstrap_interval(mixed, "targets", draws=500) == bootstrap_interval(
        mixed, "targets", draws=500)  # seeded
    assert bootstrap_interval(mixed, "deadlines") == {}


def test_a_gold_window_scores_only_the_lines_it_covers() -> None:
    text = "Điều 1. Trong 05 ngày làm việc\nĐiều 2. Không quá 10 ngày\n"
    gold = {"file": "x", "header": {}, "window": {"last_line": 1},
            "citations": [{"symbol": "15/2025/QĐ-UBND"}],
            "targets": [{"quote": "Trong 05 ngày làm việc", "line": 1, "op": "<=", "value": 5}],
            "deadlines": []}
    first = {"line": 1, "start": 8, "end": 30, "op": "<=", "value": 5}
    second = {"line": 2, "start": 39, "end": 55, "op": "<=", "value": 10}
    cited = {"symbol": "15/2025/QĐ-UBND", "mentions": [{"line": 1}]}
    later = {"symbol": "20/2025/TT-BTC", "mentions": [{"line": 2}]}
    doc = {"targets": [first, second], "deadlines": [], "references": [cited, later]}
    report = score_document(gold, doc, text)
    assert (report.scores["targets"].correct, report.scores["targets"].predicted) == (1, 1)
    assert (report.scores["citations"].correct, report.scores["citations"].predicted) == (1, 1)
    gold["window"] = {"first_line": 2, "last_line": 2}  # a later stretch: only line 2
    report = score_document(gold, doc, text)
    assert (report.scores["targets"].gold, report.scores["targets"].predicted) == (1, 1)
    assert report.scores["targets"].correct == 0  # the gold's quote lies on line 1
    assert report.scores["citations"].predicted == 1
    del gold["window"]  # the whole document: the second target and citation are extras
    report = score_document(gold, doc, text)
    assert report.scores["targets"].predicted == 2
    assert report.scores["citations"].predicted == 2


def test_a_gold_file_that_asked_only_targets_scores_no_header_parent_or_citations() -> None:
    text = "Điều 1. Trong 05 ngày làm việc\n"
    gold = {"file": "x", "header": {}, "parent": None, "citations": [],
            "asked": ["targets", "deadlines"],
            "targets": [{"quote": "Trong 05 ngày làm việc", "line": 1, "op": "<=", "value": 5}],
            "deadlines": []}
    doc = {"header": {"doc_type": "Quyết định"}, "parent": {"symbol": "1/QĐ-TTg"},
           "targets": [{"line": 1, "start": 8, "end": 30, "op": "<=", "value": 5}],
           "deadlines": [], "references": [{"symbol": "1/QĐ-TTg", "mentions": [{"line": 1}]}]}
    report = score_document(gold, doc, text)
    assert report.scores["targets"].correct == 1
    assert "parent" not in report.scores and "citations" not in report.scores
    assert not any(name.startswith("header") for name in report.scores)
    del gold["asked"]  # asked everything: the predicted header, parent and citation count
    report = score_document(gold, doc, text)
    assert report.scores["citations"].predicted == 1


def test_a_window_holds_a_target_by_the_line_of_its_figure() -> None:
    """A phrase wrapped across a window's first line ("a) Trong thời" / "hạn 03 ngày làm việc
    …") belongs to the window that holds its number, where the reader quoted it."""
    text = "Điều 5.\na) Trong thời\nhạn 03 ngày làm việc kể từ ngày nhận hồ sơ\n"
    start = text.index("Trong")
    target = {"op": "<=", "value": 3, "unit": "ngày làm việc", "start": start,
              "end": text.index(" kể"), "line": 2, "text": text[start:text.index(" kể")]}
    gold_item = {"quote": "hạn 03 ngày làm việc", "line": 3, "op": "<=", "value": 3,
                 "unit": "ngày làm việc"}

    def score(window: dict) -> tuple[int, int, int]:
        gold = {"file": "x", "header": {}, "targets": [gold_item], "deadlines": [],
                "window": window}
        s = score_document(gold, {"targets": [target], "deadlines": []}, text).scores["targets"]
        return s.correct, s.gold, s.predicted

    assert score({"first_line": 3, "last_line": 4}) == (1, 1, 1)
    # the window before holds its comparator's line only: not the target's
    before = {"file": "x", "header": {}, "targets": [], "deadlines": [],
              "window": {"first_line": 1, "last_line": 2}}
    assert score_document(before, {"targets": [target], "deadlines": []},
                          text).scores["targets"].predicted == 0
