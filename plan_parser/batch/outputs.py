"""What a batch writes into its output folder, all from the store and the plans' rows:
``plans/<input path>.json`` (the analyze contract, one per plan), ``findings.jsonl`` (one
finding per line, with its file), ``summary.csv``, ``summary.xlsx`` and ``report.html``.
Every file is written atomically (a temporary file, then a rename), not forced to disk: the
store is the durable record, and a rerun writes again what a crash lost (an output that holds
the same bytes already is left as it is)."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from plan_parser.batch.inputs import OutputFolder, output_name
from plan_parser.batch.runner import BatchRun
from plan_parser.batch.store import Store

__all__ = ["plan_rows", "write_outputs"]

PLANS_FOLDER = "plans"


def plan_rows(run: BatchRun, store: Store | None = None) -> list[dict[str, Any]]:
    """One row per input of the run: analysed plans with their summary (and, from the store,
    how many versions the path has had and the counts of the version before), failed and
    skipped inputs with their reason."""
    rows: list[dict[str, Any]] = []
    for plan in run.plans:
        row: dict[str, Any] = {"file": str(plan.relative), "status": plan.result.status,
                               "reason": plan.result.reason, "reused": plan.reused}
        if plan.result.summary:
            row.update(plan.result.summary)
        if store is not None and plan.sha256 is not None:
            row["versions"], row["counts_before"] = store.earlier(str(plan.path), plan.sha256)
        rows.append(row)
    for path, reason in run.inputs.failed + run.inputs.empty:
        rows.append({"file": str(path), "status": "failed", "reason": reason})
    for path, reason in run.inputs.skipped:
        rows.append({"file": str(path), "status": "skipped", "reason": reason})
    return rows


def write_outputs(run: BatchRun, store: Store, folder: OutputFolder) -> list[PurePath]:
    """Write every output of ``run`` into ``folder``; return what was written."""
    from plan_parser.export.batch_compare import compare_groups
    from plan_parser.export.batch_report import render_report
    from plan_parser.export.batch_tables import to_csv, to_xlsx

    written: list[PurePath] = []
    for plan in run.ok:
        analysis = store.analysis(plan.sha256, plan.setup)
        if analysis is None:
            continue
        target = PurePath(PLANS_FOLDER) / output_name(plan.relative, ".json")
        folder.claim(target, plan.path)
        folder.write(target, analysis + b"\n", durable=False)
        written.append(target)
    rows = plan_rows(run, store)
    findings = [json.dumps({"file": row["file"], **finding}, ensure_ascii=False)
                for row in rows for finding in row.get("findings") or ()]
    compare_groups(rows)
    ok = sum(1 for r in rows if r["status"] == "ok")
    totals = {"files": len(rows), "ok": ok, "reused": run.reused,
              "failed": sum(1 for r in rows if r["status"] == "failed"),
              "skipped": sum(1 for r in rows if r["status"] == "skipped")}
    outputs = {"findings.jsonl": "\n".join(findings) + ("\n" if findings else ""),
               "summary.csv": to_csv(rows),
               "summary.xlsx": to_xlsx(rows),
               "report.html": render_report(rows, totals)}
    for name, content in outputs.items():
        folder.write(PurePath(name), content, durable=False)
        written.append(PurePath(name))
    return written
