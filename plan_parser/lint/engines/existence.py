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
    inside a citation of another document), ``suggestion``."""

    def __init__(self) -> None:
        self._compiled: dict[str, re.Pattern[str]] = {}

    def _pattern(self, rule: LintRule) -> re.Pattern[str]:
        if rule.id not in self._compiled:
            alternatives = "|".join(f"(?:{p})" for p in rule.options["patterns"])
            self._compiled[rule.id] = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])",
                                                 re.IGNORECASE)
        return self._compiled[rule.id]

    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        if not applies(rule.options.get("when"), ctx):
            return
        start, end = ctx.memo("content", lambda: _content(ctx))
        for m in self._pattern(rule).finditer(ctx.text, start, end):
            if rule.options.get("outside_citations") and in_citation(ctx, m.start(), m.end()):
                continue
            yield ctx.finding(rule, m.start(), m.end(), rule.options.get("suggestion"),
                              match=ctx.display(m.start(), m.end()))


def _content(ctx: LintContext) -> tuple[int, int]:
    from plan_parser.pipeline import content_span

    span = content_span(ctx.analysis.structure)
    return span if span is not None else (0, len(ctx.text))
