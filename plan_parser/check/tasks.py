"""Tasks and their lead units: "một việc chỉ giao một cơ quan, đơn vị chủ trì" (KL 226, "6 rõ").

Rules: ``task-multiple-leads`` (one task, two or more lead units) and ``task-no-lead`` (a task
with supporting units and no lead; a plan with no lead unit at all).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plan_parser.check.issue import Issue
from plan_parser.rules_loader import filled, load_rules
from plan_parser.spans import SpanSet

if TYPE_CHECKING:
    from plan_parser.check.context import CheckContext

_PARTNER = re.compile(filled(load_rules("units")["partner_pattern"],
                             partner_cue=load_rules("assignments")["partner_cue"]), re.IGNORECASE)
_PARTNER_DUTY = re.compile(load_rules("units")["partner_duty_opening"], re.IGNORECASE)


def task_issues(ctx: CheckContext) -> list[Issue]:
    """Lead units per task."""
    analysis = ctx.analysis
    issues: list[Issue] = []
    leads: dict[tuple[int, int], list] = {}
    supports: dict[tuple[int, int], list] = {}
    for a in analysis.assignments:
        if a.role == "lead":
            leads.setdefault((a.start, a.end), []).append(a)
        elif a.role == "support":
            supports.setdefault((a.start, a.end), []).append(a)
    for (start, end), group in leads.items():
        names = list(dict.fromkeys(a.unit.name for a in group))
        if len(names) > 1:
            start = _skip_label(ctx, start, end)
            issues.append(Issue("task-multiple-leads", start, _first_words_end(ctx, start, end),
                                {"units": ", ".join(f"“{n}”" for n in names),
                                 "task": _first_words(ctx, start, end)}))
    lead_spans = SpanSet(leads)
    for (start, end), group in supports.items():
        if lead_spans.overlaps(start, end):
            continue
        if any(m.group("with") or m.group("next").isupper()
               for m in _PARTNER.finditer(ctx.text, start, end)):
            continue  # "phối hợp (với) Ủy ban nhân dân xã": the partner leads
        if _PARTNER_DUTY.match(ctx.text, start, end):
            continue  # "- Phối hợp hướng dẫn …" under a unit's heading: its part in a task
        names = list(dict.fromkeys(a.unit.name for a in group))
        start = _skip_label(ctx, start, end)
        issues.append(Issue("task-no-lead", start, _first_words_end(ctx, start, end),
                            {"units": ", ".join(f"“{n}”" for n in names),
                             "task": _first_words(ctx, start, end)}))
    structure = analysis.structure
    # (a unit's heading over its tasks, "1. Sở Nông nghiệp và Môi trường: …", makes it their
    # lead: the plan names leads that way)
    responsible = any(a.role == "responsible" for a in analysis.assignments)
    if analysis.lead_unit is None and structure.sections and not leads and not responsible:
        anchor = next((n for n in structure.iter_sections()
                       if n.kind == "roman" and "thực hiện" in n.title.text.lower()), None)
        span = (anchor.start, anchor.title.end) if anchor else (
            (structure.header.title.start, structure.header.title.end)
            if structure.header.title else (0, 0))
        issues.append(_plan_without_lead(ctx, *span))
    return issues


def _plan_without_lead(ctx: CheckContext, start: int, end: int):
    """The finding of a plan that gives no task a lead unit (its own message: there is no
    task's list of partners to name)."""
    from plan_parser.messages import finding

    return finding("task-no-lead", *ctx.norm.to_original(start, end), key="plan",
                   variant="plan")


def _skip_label(ctx: CheckContext, start: int, end: int) -> int:
    """After a bullet or label at the start of a task ("- ", "+ ")."""
    while start < end and ctx.text[start] in " \t-+•–":
        start += 1
    return start


def _first_words_end(ctx: CheckContext, start: int, end: int, words: int = 25) -> int:
    position = start
    for _ in range(words):
        nxt = ctx.text.find(" ", position + 1, end)
        if nxt == -1:
            return min(end, ctx.text.find("\n", start, end) if "\n" in ctx.text[start:end]
                       else end)
        position = nxt
    line_end = ctx.text.find("\n", start, end)
    return min(position, line_end) if line_end != -1 else position


def _first_words(ctx: CheckContext, start: int, end: int) -> str:
    return ctx.display(start, _first_words_end(ctx, start, end))
