"""Large inputs give a correct result (not a hang): 10 MB through the CLI, one huge line."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import PLANS
from test_cli import run

from plan_parser.pipeline import analyze_text


def test_a_plan_near_the_text_limit_through_the_cli(tmp_path: Path) -> None:
    base = PLANS[0].read_text(encoding="utf-8")
    big = tmp_path / "lon.txt"
    big.write_text((base + "\n\n") * (1_900_000 // (len(base) + 2)), encoding="utf-8")
    assert big.stat().st_size > 2_000_000
    result = run("analyze", str(big))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["header"]["number"] == "73A"
    assert doc["parent"]["symbol"] == "135/KH-UBND"
    assert doc["source"]["length"] == len(big.read_text(encoding="utf-8"))


def test_a_plan_over_the_text_limit_is_refused_by_name(tmp_path: Path) -> None:
    base = PLANS[0].read_text(encoding="utf-8")
    big = tmp_path / "qua_lon.txt"
    big.write_text((base + "\n\n") * (10_500_000 // len(base)), encoding="utf-8")
    result = run("analyze", str(big))
    assert result.returncode == 2
    assert "qua_lon.txt" in result.stderr and "PLAN_PARSER_MAX_TEXT_CHARS" in result.stderr


def test_one_huge_line_with_many_citations_is_linear() -> None:
    """Every paragraph of the preamble is scanned for citations: no quadratic behaviour."""
    line = "Thực hiện Kế hoạch số 12/KH-UBND ngày 01/02/2026 của UBND tỉnh Bắc Ninh về việc x; "
    analysis = analyze_text(line * 20_000)
    assert analysis.structure.parent is not None
    assert analysis.structure.parent.symbol_text == "12/KH-UBND"
