"""Lint: typed rules from ``rules/lint/*.yaml`` run on the analysis of one document.

Modelled on Vale and LanguageTool: every rule has a stable id, a type (the engine that runs
it), a severity, a Vietnamese message and examples that the tests run.
"""

from __future__ import annotations

from dataclasses import replace

from plan_parser.faults import FaultLog
from plan_parser.lint.context import LintContext, LintOptions
from plan_parser.model import Finding

__all__ = ["LintOptions", "lint_analysis"]


def lint_analysis(analysis, options: LintOptions | None = None) -> list[Finding]:
    """Every finding of every enabled rule on ``analysis``, waivers applied, in text order."""
    from plan_parser.lint.engines import ENGINES
    from plan_parser.lint.rules import lint_rules
    from plan_parser.lint.waivers import apply_waivers

    options = options or LintOptions()
    if not options.rules:
        return sorted([*analysis.source.findings, *analysis.normalized.findings],
                      key=lambda f: (f.start, f.end, f.rule))
    config = options.config
    ctx = LintContext(analysis, options)
    findings: list[Finding] = []
    faults = FaultLog()
    for rule in lint_rules():
        severity = config.severity(rule.id) if config else None
        if severity == "off":
            continue
        if severity is None and options.final:
            severity = rule.options.get("final_severity")
        if severity is not None and severity != rule.severity:
            rule = replace(rule, severity=severity)
        with faults.contained(f"rule {rule.id}"):
            findings.extend(list(ENGINES[rule.type].check(rule, ctx)))
    findings = apply_waivers(findings, analysis.source.text, config, analysis.source.comments)
    findings.extend(faults.findings)  # never waived
    unique = {(f.rule, f.start, f.end, f.key): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.start, f.end, f.rule))
