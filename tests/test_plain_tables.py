"""Tables of indicators without borders (a PDF's text layer, a line per cell) give the same
targets as the same tables with borders; tables that are no indicators give none."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_parser.extract.plain_tables import find_plain_tables
from plan_parser.extract.tables import table_rules
from plan_parser.normalize import normalize
from plan_parser.pipeline import analyze_text
from plan_parser.rules_loader import load_rules

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real not present")


def _targets(text: str, fmt: str) -> list[tuple]:
    return [(t.op, t.value, t.unit, t.period, t.subject)
            for t in analyze_text(text, fmt=fmt).targets]


def _bordered(header: list[str], rows: list[list[str]]) -> str:
    """The table written cell by cell between "|" lines, as converted documents have it."""
    lines = ["PHỤ LỤC", "|"]
    for row in [header, *rows]:
        for cell in row:
            lines += [cell, "|"]
        lines.append("|")
    return "\n".join(lines) + "\n"


def _borderless(header: list[str], rows: list[list[str]]) -> str:
    """The same table as a PDF's text layer gives it: a line per cell."""
    return "\n".join(["PHỤ LỤC", *header, *(cell for row in rows for cell in row)]) + "\n"


def _indicator_examples() -> list[dict]:
    """The bordered examples of ``rules/tables.yaml`` that set indicators: a label column, a
    unit column, one header row, targets. (A borderless table of results, "Kết quả thực
    hiện", is not rebuilt: its figures are read as prose, as before this reader.)"""
    rules = table_rules()
    return [e for e in load_rules("tables")["examples"] if "subheader" not in e
            and e.get("targets") and any(rules.label_column.search(h) for h in e["header"])
            and any(rules.unit_column.fullmatch(h) for h in e["header"])]


@pytest.mark.parametrize("example", _indicator_examples(), ids=lambda e: " ".join(e["header"]))
def test_a_rule_example_gives_the_same_targets_without_borders(example: dict) -> None:
    header, rows = example["header"], [example["row"]]
    bordered = _targets(_bordered(header, rows), "md")
    assert [t[:4] for t in bordered] == [
        (e["op"], e["value"], e["unit"], e["period"]) for e in example["targets"]]
    assert _targets(_borderless(header, rows), "txt") == bordered


_LABELS = ["Tỷ lệ hộ nghèo", "Tốc độ tăng trưởng kinh tế", "Số xã đạt chuẩn nông thôn mới",
           "Tỷ lệ che phủ rừng", "Số bác sĩ trên vạn dân", "Tỷ lệ lao động qua đào tạo"]
_UNITS = ["%", "xã", "bác sĩ", "người", "km"]
_VALUE = st.one_of(st.integers(1, 999).map(str),
                   st.tuples(st.integers(0, 99), st.integers(1, 9)).map(lambda p: f"{p[0]},{p[1]}"))


@st.composite
def _indicator_tables(draw) -> tuple[list[str], list[list[str]]]:
    years = draw(st.lists(st.integers(2026, 2035), min_size=2, max_size=4, unique=True))
    header = ["TT", "Chỉ tiêu", "Đơn vị tính", *(f"Năm {y}" for y in sorted(years))]
    count = draw(st.integers(1, 4))
    rows = [[str(n), draw(st.sampled_from(_LABELS)), draw(st.sampled_from(_UNITS)),
             *(draw(_VALUE) for _ in years)] for n in range(1, count + 1)]
    return header, rows


@settings(max_examples=40, deadline=None, database=None)
@given(_indicator_tables())
def test_any_table_of_indicators_reads_the_same_with_or_without_borders(table) -> None:
    header, rows = table
    bordered = _targets(_bordered(*table), "md")
    assert len(bordered) == len(rows) * (len(header) - 3)
    assert _targets(_borderless(*table), "txt") == bordered


@pytest.mark.parametrize("example", load_rules("tables")["plain_indicator_examples"],
                         ids=lambda e: e["text"][:40])
def test_plain_indicator_examples(example: dict) -> None:
    found = [{"op": t.op, "value": t.value, "unit": t.unit, "period": t.period,
              "subject": t.subject} for t in analyze_text(example["text"]).targets]
    assert found == example["targets"]


@needs_real
@pytest.mark.parametrize("relative", [
    # a tariff schedule by year, coefficients by year, a table scoring bands of indicators
    "congbao/nghi-dinh-so-143-2026-nd-cp-469481.txt",
    "congbao/thong-tu-so-01-2023-tt-bldtbxh-38752.txt",
    "congbao/thong-tu-so-12-2024-tt-bldtbxh-43233.txt",
])
def test_gazette_tables_that_set_no_indicators_are_not_read(relative: str) -> None:
    text = (REAL / relative).read_text(encoding="utf-8")
    assert find_plain_tables(normalize(text)) == []
