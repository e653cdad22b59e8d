"""One plan in a row: what a province compares across the plans of a batch.

The row is built once per plan, next to its analysis (``plan_summary``), and is small: the
batch report, the spreadsheet and the comparison of plans that implement the same parent are
all made from rows, never from whole analyses, so a batch of thousands stays in memory.
"""

from __future__ import annotations

from typing import Any

__all__ = ["REPORT_WORDS", "plan_summary", "reporting_dates"]

#: a deadline is a reporting date when its subject names a report
REPORT_WORDS = ("báo cáo",)
_SEVERITIES = ("error", "warning", "info")


def plan_summary(analysis, doc: dict[str, Any]) -> dict[str, Any]:
    """The row of one analysed plan: identity, parent, lead unit, reporting dates, each
    target of the parent profile compared, counts of findings and the findings themselves.

    ``doc`` is the analysis as exported (:func:`~plan_parser.export.json_export.analysis_to_dict`).
    """
    header = doc.get("header") or {}
    parent = doc.get("parent") or None
    profile = doc.get("parent_profile") or None
    findings = doc.get("findings") or []
    counts = {severity: 0 for severity in _SEVERITIES}
    for f in findings:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    return {
        "doc_type": header.get("doc_type"),
        "issuer": header.get("issuer"),
        "number": header.get("number"),
        "symbol": header.get("full_symbol") or header.get("symbol"),
        "date": header.get("date"),
        "title": header.get("title"),
        "parent": {k: parent.get(k) for k in ("kind", "symbol", "date", "issuer", "title")}
        if parent else None,
        "profile": profile.get("name") if profile else None,
        "parent_status": _parent_status(profile, findings),
        "lead_unit": (doc.get("lead_unit") or {}).get("name"),
        "reporting_dates": reporting_dates(doc.get("deadlines") or []),
        "metrics": _metrics(analysis),
        "counts": counts,
        "findings": findings,  # as exported (findings.jsonl is written from the rows)
    }


def _parent_status(profile: dict | None, findings: list[dict]) -> str | None:
    """``right``, ``wrong`` (a parent cited with a wrong number or date) or ``no`` (the
    parent is not cited), against the parent profile applied; None when none was applied."""
    if profile is None:
        return None
    rules = {f["rule"] for f in findings}
    if "parent-not-cited" in rules:
        return "no"
    if "parent-citation-mismatch" in rules:
        return "wrong"
    return "right"


def reporting_dates(deadlines: list[dict[str, Any]]) -> list[str]:
    """The dates reports are due, as ``dd/mm`` (with ``/yyyy`` or the recurrence), in order."""
    dates: list[str] = []
    for d in deadlines:
        subject = (d.get("subject") or "").lower()
        if d.get("day") is None or d.get("month") is None \
                or not any(word in subject for word in REPORT_WORDS):
            continue
        text = f"{d['day']:02d}/{d['month']:02d}"
        if d.get("year"):
            text += f"/{d['year']}"
        elif d.get("recurrence"):
            text += f" ({_recurrence_words().get(d['recurrence'], d['recurrence'])})"
        if text not in dates:
            dates.append(text)
    return dates


def _recurrence_words() -> dict[str, str]:
    from plan_parser.rules_loader import load_rules

    return load_rules("messages")["batch_report"]["recurrence"]


def _metrics(analysis) -> dict[str, dict[str, Any]]:
    """Each target of the applied parent profile: its status and the plan's value."""
    profile = getattr(analysis, "parent_profile", None)
    if profile is None:
        return {}
    from plan_parser.check.context import analysis_level
    from plan_parser.export.json_export import SpanWriter
    from plan_parser.parent.deviation import compare_targets

    writer = SpanWriter(analysis)
    cells: dict[str, dict[str, Any]] = {}
    for c in compare_targets(analysis, profile, analysis_level(analysis)):
        cells[c.metric] = {"label": c.label, "required": c.required, "status": c.status,
                           "written": c.written,
                           "value": c.target.value if c.target is not None else None,
                           "line": writer.span(c.target.start, c.target.end)["line"]
                           if c.target is not None else None}
    return cells
