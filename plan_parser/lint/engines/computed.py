"""``computed``: rules checked on the extracted data by code in :mod:`plan_parser.check`.

Options: ``check``: the name of the check (``CHECKS``). One check serves several rules (it runs
once per document); each rule keeps the findings that carry its id. Checks either return
:class:`~plan_parser.check.issue.Issue` (the rule's YAML message is filled in) or, for the
stages that report while they read (readers, normalizer), ready findings whose severity the
rule sets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from plan_parser.check.issue import Issue
from plan_parser.lint.context import LintContext
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding


def _stage_findings(ctx: LintContext) -> list[Finding]:
    return [*ctx.analysis.source.findings, *ctx.analysis.normalized.findings]


def _citations(ctx: LintContext) -> list[Finding]:
    from plan_parser.check.citations import citation_findings

    return citation_findings(ctx.analysis.references, ctx.norm,
                             ctx.analysis.structure.header.issuer_full)


def _citation_order(ctx: LintContext) -> list[Issue]:
    from plan_parser.check.citation_order import citation_order_issues

    return citation_order_issues(ctx)


def _vague(ctx: LintContext) -> list[Finding]:
    from plan_parser.check.extracted import vague_deadline_findings

    return vague_deadline_findings(ctx.analysis.vague_reports, ctx.norm)


def _passed(ctx: LintContext) -> list[Issue]:
    from plan_parser.check.deadlines import passed_deadline_issues

    return passed_deadline_issues(ctx)


def _units(ctx: LintContext) -> list[Finding]:
    from plan_parser.check.extracted import unit_typo_findings

    return unit_typo_findings(ctx.analysis.units, ctx.norm)


def _places(ctx: LintContext) -> list[Finding]:
    from plan_parser.check.extracted import place_findings

    return place_findings(ctx.analysis.places, ctx.norm)


def _place_names(ctx: LintContext) -> list[Issue]:
    from plan_parser.check.place_names import place_name_issues

    return place_name_issues(ctx)


def _header(ctx: LintContext) -> list[Issue]:
    from plan_parser.check.header_form import header_issues

    return header_issues(ctx)


def _structure(ctx: LintContext) -> list[Issue]:
    from plan_parser.check.structure_form import structure_issues

    return structure_issues(ctx)


def _tasks(ctx: LintContext) -> list[Issue]:
    from plan_parser.check.tasks import task_issues

    return task_issues(ctx)


def _deviation(ctx: LintContext) -> list[Issue]:
    from plan_parser.parent.deviation import deviation_issues

    return deviation_issues(ctx)


CHECKS: dict[str, Callable[[LintContext], list[Any]]] = {
    "stages": _stage_findings,
    "faults": lambda ctx: list(ctx.analysis.faults),
    "citations": _citations,
    "citation-order": _citation_order,
    "vague-deadlines": _vague,
    "passed-deadlines": _passed,
    "unit-names": _units,
    "places": _places,
    "place-names": _place_names,
    "header": _header,
    "structure": _structure,
    "tasks": _tasks,
    "parent": _deviation,
}


class ComputedEngine:
    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        name = rule.options["check"]
        if name not in CHECKS:
            raise ValueError(f"rule {rule.id}: unknown check {name!r}")
        for item in ctx.memo(f"check:{name}", lambda: CHECKS[name](ctx)):
            if item.rule != rule.id:
                continue
            if isinstance(item, Finding):
                yield replace(item, severity=rule.severity)
            else:
                yield ctx.finding(rule, item.start, item.end, item.suggestion, key=item.key,
                                  **item.params)
