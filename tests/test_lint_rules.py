"""Every lint rule's YAML examples (the rules are data; these are their tests)."""

from __future__ import annotations

import pytest

from plan_parser.lint.rules import lint_rules
from plan_parser.rule_examples import run_example

CASES = [(rule, example, i) for rule in lint_rules() for i, example in enumerate(rule.examples)]


@pytest.mark.parametrize(("rule", "example", "index"), CASES,
                         ids=[f"{r.id}-{i + 1}" for r, _, i in CASES])
def test_rule_example(rule, example, index) -> None:
    result = run_example(rule, example, index)
    assert result.ok, result.detail


def test_rules_are_well_formed() -> None:
    rules = lint_rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids)) >= 40
    for rule in rules:
        assert rule.description, rule.id
        assert rule.category in {"format", "language", "structure", "citations", "tasks",
                                 "parent", "tool"}, rule.id
    # every engine type is used by at least one shipped rule
    assert {r.type for r in rules} == {"existence", "substitution", "capitalization",
                                       "repetition", "consistency", "sequence", "required",
                                       "computed", "spelling"}


def test_most_rules_have_examples() -> None:
    without = [r.id for r in lint_rules() if not r.examples]
    # rules that need a parent file or a binary input are tested in test_lint_parent/readers
    assert set(without) <= {"deadline-later-than-parent", "task-group-missing",
                            "parent-citation-mismatch", "copied-from-parent", "html-entity",
                            "invisible-character", "legacy-encoding", "file-extension-mismatch",
                            "pdf-page-unreadable", "internal-error",
                            "time-limit"}  # tests/test_limits.py


def test_a_plan_with_no_lead_unit_is_told_so_without_an_empty_list_of_partners() -> None:
    from plan_parser.lint import lint_analysis
    from plan_parser.pipeline import analyze_text

    text = ("KẾ HOẠCH\nTriển khai công tác phòng, chống thiên tai năm 2026\nI. MỤC ĐÍCH\n"
            "Chủ động ứng phó.\nII. TỔ CHỨC THỰC HIỆN\n1. Các thôn tổ chức tuyên truyền.\n")
    (finding,) = [f for f in lint_analysis(analyze_text(text)) if f.rule == "task-no-lead"]
    assert finding.key == "plan"
    assert "()" not in finding.message and finding.message.startswith("Kế hoạch không giao")
