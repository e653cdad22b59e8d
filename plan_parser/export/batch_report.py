"""``report.html``: one self-contained page (no network assets) a province acts on — totals,
a matrix of plans × metrics coloured by status, the table of plans, and each plan's findings.
Sorting and filtering run in the page, without a server. Rendered with Jinja2 from
``templates/batch_report.html.j2``; its words come from ``rules/messages.yaml``."""

from __future__ import annotations

import hashlib
from typing import Any

__all__ = ["render_report", "row_tags"]


def row_tags(row: dict[str, Any]) -> str:
    """The words the page's status filter selects a row by."""
    tags = []
    if row.get("status") != "ok":
        tags.append("failed")
    if (row.get("counts") or {}).get("error"):
        tags.append("errors")
    statuses = {cell.get("status") for cell in (row.get("metrics") or {}).values()}
    tags += [s for s in ("weaker", "missing") if s in statuses]
    if row.get("parent_status") in ("no", "wrong"):
        tags.append("noparent")
    if row.get("outliers") or row.get("dates_differ"):
        tags.append("flagged")
    return " ".join(tags)


def render_report(rows: list[dict[str, Any]], totals: dict[str, int]) -> str:
    """The page for ``rows`` (plan rows with ``file``, ``status``, ``reason`` and, for a
    plan analysed, its :func:`~plan_parser.export.plan_summary.plan_summary`), already
    compared (:func:`~plan_parser.export.batch_compare.compare_groups`)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from plan_parser.export.batch_tables import STATUS_COLOURS, labels, metric_columns

    words = labels()
    shown = []
    for row in rows:
        shown.append({**row, "tags": row_tags(row),
                      "anchor": hashlib.sha1(row["file"].encode()).hexdigest()[:8],
                      "metrics": row.get("metrics") or {}})
    errors = sum((r.get("counts") or {}).get("error", 0) for r in rows)
    warnings = sum((r.get("counts") or {}).get("warning", 0) for r in rows)
    environment = Environment(loader=PackageLoader("plan_parser.export", "templates"),
                              autoescape=select_autoescape(["html", "j2"]),
                              trim_blocks=True, lstrip_blocks=True)
    template = environment.get_template("batch_report.html.j2")
    return template.render(
        words=words, rows=shown, metrics=metric_columns(rows), colours=STATUS_COLOURS,
        profiles=sorted({r["profile"] for r in rows if r.get("profile")}),
        totals=words["totals"].format(errors=errors, warnings=warnings, **totals))
