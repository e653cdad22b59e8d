"""Deadlines already passed on the document's own date: "hoàn thành trước ngày 30/6/2025" in a
plan dated 20/11/2025, "Tháng 6/2025" in a schedule for 2026 (a wrong year, most often)."""

from __future__ import annotations

from plan_parser.check.context import CheckContext
from plan_parser.check.issue import Issue
from plan_parser.resolve.deadlines import issued_on, wholly_before


def passed_deadline_issues(ctx: CheckContext) -> list[Issue]:
    """One issue per deadline whose last possible day is before the document's date."""
    issued = issued_on(ctx.analysis.structure)
    if issued is None:
        return []
    on = issued.strftime("%d/%m/%Y")
    return [Issue("deadline-passed", d.start, d.end,
                  {"deadline": ctx.norm.display(d.start, d.end), "date": on})
            for d in ctx.analysis.deadlines if wholly_before(d, issued)]
