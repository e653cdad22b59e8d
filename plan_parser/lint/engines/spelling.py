"""``spelling``: syllables a language model of official texts finds misspelt (plan_parser/spelling).

Options: ``margin`` (log units by which the correction must fit its neighbours better, set on
development data by ``tools/eval_spelling.py``), ``one_sided`` (added when only one neighbour
is there), ``min_count`` (a correction must occur this often in the model's texts),
``stroke_ease`` (taken off the margin for a d/đ swap). Citations
of other documents are left alone (their titles are quoted as written).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from plan_parser.lint.context import LintContext
from plan_parser.lint.engines.conditions import in_citation
from plan_parser.lint.rules import LintRule
from plan_parser.messages import part
from plan_parser.model import Finding


def checker_settings(options: Mapping[str, Any]) -> dict[str, float | int]:
    """The checker's keyword arguments from the rule's options (its YAML entry)."""
    return {"margin": float(options.get("margin", 9.0)),
            "one_sided": float(options.get("one_sided", 3.0)),
            "min_count": int(options.get("min_count", 3)),
            "stroke_ease": float(options.get("stroke_ease", 0.0))}


class SpellingEngine:
    """Reports every misspelt syllable with its correction."""

    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        from plan_parser.spelling.checker import check_spelling

        for slip in check_spelling(ctx.text, **checker_settings(rule.options)):
            if in_citation(ctx, slip.start, slip.end):
                continue
            yield ctx.finding(rule, slip.start, slip.end, slip.suggestion,
                              word=ctx.display(slip.start, slip.end), right=slip.suggestion,
                              problem=part(rule.id, slip.kind))
