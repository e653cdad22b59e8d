"""``existence``: words or patterns that should not appear (under a condition)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from plan_parser.lint.context import LintContext
from plan_parser.lint.engines.conditions import applies, in_citation
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding


class ExistenceEngine:
    """Options: ``patterns`` (regexes, case-insensitive, on the normalized text), ``when``
    (conditions on the document, see :mod:`conditions`), ``outside_citations`` (ignore matches
    inside a citation of another document), ``suggestion``, ``anchors``: lower-case words every
    match contains (the text is searched for them first, the patterns only around them)."""

    def __init__(self) -> None:
        self._compiled: dict[str, re.Pattern[str]] = {}

    def _pattern(self, rule: LintRule) -> re.Pattern[str]:
        if rule.id not in self._compiled:
            alternatives = "|".join(f"(?:{p})" for p in rule.options["patterns"])
            self._compiled[rule.id] = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])",
                                                 re.IGNORECASE)
        return self._compiled[rule.id]

    def _matches(self, rule: LintRule, ctx: LintContext, start: int, end: int):
        pattern = self._pattern(rule)
        anchors = rule.options.get("anchors")
        if not anchors:
            yield from pattern.finditer(ctx.text, start, end)
            return
        last = -1
        for s, e in _windows(ctx.lower, anchors, start, end):
            for m in pattern.finditer(ctx.text, s, e):
                if m.start() >= last:
                    last = m.end()
                    yield m

    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        if not applies(rule.options.get("when"), ctx):
            return
        start, end = ctx.memo("content", lambda: _content(ctx))
        for m in self._matches(rule, ctx, start, end):
            if rule.options.get("outside_citations") and in_citation(ctx, m.start(), m.end()):
                continue
            yield ctx.finding(rule, m.start(), m.end(), rule.options.get("suggestion"),
                              match=ctx.display(m.start(), m.end()))


def _windows(lower: str, anchors: list[str], start: int, end: int,
             reach: int = 120) -> list[tuple[int, int]]:
    """Merged spans of ``reach`` characters around every anchor word in ``[start, end)``."""
    spans = []
    for anchor in anchors:
        position = lower.find(anchor, start, end)
        while position != -1:
            spans.append((max(start, position - reach), min(end, position + len(anchor) + 20)))
            position = lower.find(anchor, position + 1, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _content(ctx: LintContext) -> tuple[int, int]:
    from plan_parser.structure.spans import content_span

    span = content_span(ctx.analysis.structure)
    return span if span is not None else (0, len(ctx.text))
