"""Markdown pipe tables ("| a | b |" on one line) read as converted tables are."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_parser.extract.tables import find_tables
from plan_parser.normalize import normalize

WORDS = st.sampled_from(["Tỷ lệ hồ sơ trực tuyến", "Số thôn", "xã", "%", "Văn phòng UBND",
                         "Quý II/2026", "80", "12,5", "Thường xuyên", "người"])


def _pipe(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "Phụ lục\n" + "\n".join(lines) + "\n"


def _linearised(header: list[str], rows: list[list[str]]) -> str:
    parts = ["Phụ lục"]
    for row in [header, *rows]:
        for cell in row:
            parts += ["|", cell]
        parts += ["|", "|"]
    return "\n".join(parts) + "\n"


def _read(text: str) -> list[tuple[list[str], list[list[str]]]]:
    return [([c.text for c in t.header], [[c.text for c in r] for r in t.rows])
            for t in find_tables(normalize(text))]


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 4), st.integers(1, 5), st.data())
def test_a_pipe_table_reads_as_the_same_table_converted_cell_by_cell(
        columns: int, count: int, data: st.DataObject) -> None:
    header = ["STT", *data.draw(st.lists(st.sampled_from(["Chỉ tiêu", "Đơn vị tính", "2026",
                                                          "Thời gian thực hiện"]),
                                         min_size=columns, max_size=columns))]
    rows = [[str(i + 1), *data.draw(st.lists(WORDS, min_size=columns, max_size=columns))]
            for i in range(count)]
    assert _read(_pipe(header, rows)) == _read(_linearised(header, rows)) == [(header, rows)]


def test_a_blank_pipe_cell_keeps_the_number_after_it_in_its_row() -> None:
    text = _pipe(["STT", "Chỉ tiêu", "Đơn vị tính", "2026", "2027"],
                 [["1", "Số xã đạt chuẩn", "xã", "", "12"]])
    assert _read(text) == [(["STT", "Chỉ tiêu", "Đơn vị tính", "2026", "2027"],
                            [["1", "Số xã đạt chuẩn", "xã", "", "12"]])]


def test_a_plan_written_in_markdown_gives_its_indicator_targets_and_task_deadlines(
        tmp_path: Path) -> None:
    from plan_parser.export.json_export import analysis_to_dict
    from plan_parser.pipeline import analyze_file

    plan = tmp_path / "ke-hoach.md"
    plan.write_text(
        "ỦY BAN NHÂN DÂN XÃ AN PHÚ\n\nSố: 15/KH-UBND\n\nKẾ HOẠCH\n\nChuyển đổi số năm 2026\n\n"
        "I. MỤC TIÊU\n\n"
        + _pipe(["STT", "Chỉ tiêu", "Đơn vị tính", "2026", "2027"],
                [["1", "Tỷ lệ hồ sơ trực tuyến toàn trình", "%", "80", "90"]])
        + "\nII. NHIỆM VỤ\n\n"
        + _pipe(["STT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian thực hiện"],
                [["1", "Rà soát thủ tục hành chính", "Văn phòng UBND xã", "Quý II/2026"]]),
        encoding="utf-8")
    doc = analysis_to_dict(analyze_file(plan))
    assert [(t["value"], t["unit"], t["period"], t["subject"]) for t in doc["targets"]] == [
        (80, "%", "2026", "Tỷ lệ hồ sơ trực tuyến toàn trình"),
        (90, "%", "2027", "Tỷ lệ hồ sơ trực tuyến toàn trình")]
    assert [(d["kind"], d["quarter"], d["year"], d["subject"]) for d in doc["deadlines"]] == [
        ("period", 2, 2026, "Rà soát thủ tục hành chính")]
    text = plan.read_text(encoding="utf-8")
    first = doc["targets"][0]
    assert text[first["start"]:first["end"]] == "80"  # spans point into the original text
