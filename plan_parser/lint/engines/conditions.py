"""Conditions a rule may put on a document (``when:``) and shared position tests."""

from __future__ import annotations

from typing import Any

from plan_parser.check.context import citation_spans, in_citation, plan_level
from plan_parser.lint.context import LintContext


def applies(when: dict[str, Any] | None, ctx: LintContext) -> bool:
    """True when the document meets every condition of ``when``.

    ``dated_from: "2025-07-01"``: the plan's date (or its year, when only that is known) is on
    or after the day; ``system: state|party``; ``level: commune|province``.
    """
    if not when:
        return True
    header = ctx.analysis.structure.header
    if "dated_from" in when:
        limit = str(when["dated_from"])
        if header.date_iso:
            if header.date_iso < limit:
                return False
        elif header.year is None or header.year < int(limit[:4]):
            return False
    if "system" in when and header.system != when["system"]:
        return False
    return not ("level" in when and plan_level(ctx) != when["level"])




__all__ = ["applies", "citation_spans", "in_citation", "plan_level"]
