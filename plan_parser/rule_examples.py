"""Run the examples of the lint rules (``plan-parser rules test`` and the test suite).

An example is linted as a whole document. ``expect``: the text of every finding of the rule,
in order; ``keys``: their keys instead (findings with no text of their own); ``suggestions``:
the suggested fixes; ``severity``; ``final: true`` lints as issued; ``parent: builtin`` holds
the example to the built-in profile even when it does not cite its documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from plan_parser.lint.rules import LintRule, lint_rules


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """The outcome of one example."""

    rule: str
    index: int
    ok: bool
    detail: str


def run_example(rule: LintRule, example: dict, index: int = 0) -> ExampleResult:
    """Lint one example and compare with what it expects."""
    from plan_parser.lint.context import LintOptions
    from plan_parser.pipeline import analyze_text

    parent = None
    if example.get("parent") == "builtin":
        from plan_parser.parent.profile import default_profile

        parent = default_profile()
    options = LintOptions(final=bool(example.get("final")), parent=parent,
                          enable=frozenset({rule.id}))
    analysis = analyze_text(example["text"], path=f"<{rule.id} example {index + 1}>",
                            options=options)
    found = [f for f in analysis.findings if f.rule == rule.id]
    text = analysis.source.text
    problems = []
    if "expect" in example:
        got = [text[f.start:f.end] for f in found]
        if got != list(example["expect"]):
            problems.append(f"findings {got!r}, expected {example['expect']!r}")
    if "keys" in example:
        got_keys = [f.key for f in found]
        if got_keys != list(example["keys"]):
            problems.append(f"keys {got_keys!r}, expected {example['keys']!r}")
    if "suggestions" in example:
        got_suggestions = [f.suggestion for f in found]
        if got_suggestions != list(example["suggestions"]):
            problems.append(f"suggestions {got_suggestions!r}, expected "
                            f"{example['suggestions']!r}")
    if "severity" in example and any(f.severity != example["severity"] for f in found):
        problems.append(f"severities {[f.severity for f in found]!r}, expected "
                        f"{example['severity']!r}")
    return ExampleResult(rule.id, index, not problems, "; ".join(problems))


def run_all_examples() -> list[ExampleResult]:
    """Every example of every rule."""
    return [run_example(rule, example, i) for rule in lint_rules()
            for i, example in enumerate(rule.examples)]
