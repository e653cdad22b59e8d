"""Conditions a rule may put on a document (``when:``) and shared position tests."""

from __future__ import annotations

from typing import Any

from plan_parser.check.spans import SpanSet
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


def plan_level(ctx: LintContext) -> str:
    """``commune`` for a xã/phường/đặc khu plan, ``province`` otherwise."""
    issuer = (ctx.analysis.structure.header.issuer_full or "").lower()
    return "commune" if any(w in issuer for w in (" xã", " phường", " đặc khu", " thị trấn")) \
        else "province"


def citation_spans(ctx: LintContext) -> SpanSet:
    """The text covered by citations of other documents."""
    return ctx.memo("citation_spans", lambda: SpanSet(
        (m.start, m.end) for doc in ctx.analysis.references if doc.role != "self"
        for m in doc.mentions))


def in_citation(ctx: LintContext, start: int, end: int) -> bool:
    """True when ``[start, end)`` lies inside a citation of another document."""
    return citation_spans(ctx).contains(start, end)
