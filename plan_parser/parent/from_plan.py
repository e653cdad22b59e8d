"""The profile of a plan used as a parent: its identity, targets, reports and task groups."""

from __future__ import annotations

import re

from plan_parser.parent.profile import (
    ParentDeadline,
    ParentDocument,
    ParentProfile,
    ParentTarget,
    ParentTaskGroup,
)

_TASK_PART = re.compile(r"nhiệm\s+vụ|giải\s+pháp", re.IGNORECASE)
_REPORT = re.compile(r"báo\s+cáo", re.IGNORECASE)


def profile_of_plan(analysis, source: str) -> ParentProfile:
    """What a plan implementing ``analysis``'s document must keep to."""
    from plan_parser.extract.targets import target_grammar

    header = analysis.structure.header
    documents = []
    if header.symbol is not None and header.number:  # a draft's blank number identifies nothing
        separator = "-" if header.system == "party" else "/"
        symbol = f"{header.number}{separator}{header.symbol.text}"
        documents.append(ParentDocument(header.doc_type_name, symbol, header.date_iso,
                                        header.issuer_full))
    direction = {m.id: m.direction for m in target_grammar().metrics}
    best: dict[str, ParentTarget] = {}
    for t in analysis.targets:
        if t.metric == "unknown":
            continue
        higher = direction.get(t.metric, "higher") == "higher"
        if (higher and t.op not in (">=", ">", "=")) or (not higher and t.op not in
                                                          ("<=", "<", "=")):
            continue  # the other bound of a range
        op = ">=" if higher else "<="
        candidate = ParentTarget(t.metric, op, t.value, t.unit, label=t.label)
        current = best.get(t.metric)
        if current is None or (higher and t.value > current.value) or (
                not higher and t.value < current.value):
            best[t.metric] = candidate
    deadlines = []
    for d in analysis.deadlines:
        if d.kind != "before_date" or not (d.recurrence or (d.subject and
                                                              _REPORT.search(d.subject))):
            continue
        deadlines.append(ParentDeadline(d.recurrence, d.day, d.month, d.year, d.subject))
    groups = []
    for node in analysis.structure.sections:
        if node.kind == "roman" and _TASK_PART.search(node.title.text):
            groups.extend(ParentTaskGroup(child.title.text) for child in node.children
                          if child.kind in ("arabic", "letter"))
    name = " ".join(x for x in (header.doc_type_name, f"số {documents[0].symbol}"
                                if documents else None, header.issuer_full) if x)
    return ParentProfile(name or source, documents, list(best.values()), deadlines, groups,
                         text=analysis.normalized.text, source=source)
