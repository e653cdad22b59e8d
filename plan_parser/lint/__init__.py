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
    """Every finding of every enabled rule on ``analysis``, waivers applied, in text order,
    at most ``max_findings_per_rule`` of each rule (see :func:`capped`)."""
    from plan_parser.lint.engines import ENGINES
    from plan_parser.lint.rules import lint_rules
    from plan_parser.lint.waivers import apply_waivers

    options = options or LintOptions()
    if not options.rules:
        return capped(sorted([*analysis.source.findings, *analysis.normalized.findings],
                             key=lambda f: (f.start, f.end, f.rule)))
    config = options.config
    report = not config or config.severity(CAPPED_RULE) != "off"
    most = _most()
    ctx = LintContext(analysis, options)
    findings: list[Finding] = []
    faults = FaultLog()
    for rule in lint_rules():
        severity = config.severity(rule.id) if config else None
        if severity == "off":
            continue
        if not rule.on_by_default and severity is None and rule.id not in options.enable:
            continue  # a rule still being measured runs only when asked for
        if severity is None and options.final:
            severity = rule.options.get("final_severity")
        if severity is not None and severity != rule.severity:
            rule = replace(rule, severity=severity)
        with faults.contained(f"rule {rule.id}"):
            found = list(ENGINES[rule.type].check(rule, ctx))
            if len(found) > most:  # capped now: a hostile text must not pile up every rule's
                found = apply_waivers(found, analysis.source.text, config,
                                      analysis.source.comments)
                found = capped(_in_order(found), most, report)
            findings.extend(found)
    findings = apply_waivers(findings, analysis.source.text, config, analysis.source.comments)
    findings.extend(faults.findings)  # never waived
    return capped(_in_order(findings), most, report)


CAPPED_RULE = "findings-capped"


def _most() -> int:
    from plan_parser.limits import limits

    return limits().max_findings_per_rule


def _in_order(findings: list[Finding]) -> list[Finding]:
    """``findings`` without duplicates (same rule, span and key), in text order."""
    unique = {(f.rule, f.start, f.end, f.key): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.start, f.end, f.rule))


def capped(findings: list[Finding], most: int | None = None,
           report: bool = True) -> list[Finding]:
    """``findings`` (in text order) with at most ``most`` of each rule (default: the limit
    ``max_findings_per_rule``); for a rule that had more, one ``findings-capped`` finding at
    the first one left out says how many were left out. Such a finding (also made by the
    stages that cap their own findings) takes the severity of the rule it counts, and is
    dropped with that rule's findings (a rule turned off, every finding waived)."""
    from plan_parser.messages import finding

    most = _most() if most is None else most
    counts: dict[str, int] = {}
    kept: list[Finding] = []
    first_left_out: dict[str, Finding] = {}
    for f in findings:
        seen = counts.get(f.rule, 0)
        counts[f.rule] = seen + 1
        if seen < most:
            kept.append(f)
        elif seen == most:
            first_left_out[f.rule] = f
    if report:
        for rule, f in first_left_out.items():
            kept.append(finding(CAPPED_RULE, f.start, f.end, key=rule, rule=rule,
                                count=counts[rule] - most, limit=most))
    severities: dict[str, str] = {}
    for f in kept:
        severities.setdefault(f.rule, f.severity)
    kept = [f if f.rule != CAPPED_RULE else replace(f, severity=severities[f.key])
            for f in kept if f.rule != CAPPED_RULE or (report and f.key in severities)]
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))
