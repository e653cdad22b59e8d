"""Lint findings against the defect gold of the corpus: the bar of issue 4, txt and docx."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from plan_parser.evaluation import evaluate_corpus
from plan_parser.evaluation_lint import LINT_PRECISION_BAR, LINT_RECALL_BAR


@pytest.fixture(scope="module")
def report():
    return evaluate_corpus(CORPUS)


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_lint_precision_and_recall(report, suffix: str) -> None:
    score = report.totals((suffix,))["lint"]
    assert score.gold >= 90  # the gold is not empty
    assert score.precision >= LINT_PRECISION_BAR, score
    assert score.recall >= LINT_RECALL_BAR, score


def test_every_gold_quote_is_found_in_its_file(report) -> None:
    problems = [m for d in report.documents for m in d.mismatches if m.startswith("defects gold")]
    assert problems == []


def test_key_defects_of_the_sample_plans(report) -> None:
    """Defects a reviewer marks, found where they are (spans checked by the matcher)."""
    by_file = {d.path.name: d for d in report.documents}
    for name in ("000_3eabe0cf1b1d1b61.txt", "000_3eabe0cf1b1d1b61.docx"):
        scores = by_file[name].scores
        for rule in ("numbering-gap", "recipients-archive", "target-weaker", "confusable-word"):
            assert scores[f"lint:{rule}"].correct == scores[f"lint:{rule}"].gold >= 1, rule
