"""Every document of ../shared/corpus-real goes through analyze and lint with no internal error.

841 official documents nobody on this project wrote (see corpus/real/ANNOTATION.md). The files
are split over two worker processes; each file is analysed once, exported as JSON (the analyze
contract) and rendered as lint output, and every ``internal-error`` finding or exception is a
failure naming the file.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus-real"
FILES = sorted(p for p in REAL.glob("*/*") if p.suffix in {".md", ".txt"}
               and p.name != "README.md") if REAL.is_dir() else []


def _problems_of(paths: list[str]) -> list[str]:
    """Analyse, export and lint-render each file; describe every failure."""
    import json

    from plan_parser.export.json_export import SpanWriter, analysis_to_dict, finding_dict
    from plan_parser.export.lint_formats import render_sarif, render_text
    from plan_parser.faults import INTERNAL_ERROR
    from plan_parser.pipeline import analyze_file

    problems = []
    for path in paths:
        try:
            analysis = analyze_file(path)
            doc = analysis_to_dict(analysis)
            json.dumps(doc, ensure_ascii=False)
            writer = SpanWriter(analysis)
            findings = [finding_dict(f, writer) for f in analysis.findings]
            render_text([(path, findings)], color=False)
            render_sarif([(path, findings)])
        except Exception as exc:  # reported with the file, the other files go on
            problems.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        problems += [f"{path}: {f['message']}" for f in doc["findings"]
                     if f["rule"] == INTERNAL_ERROR]
    return problems


@pytest.mark.skipif(not FILES, reason="../shared/corpus-real is not beside the checkout")
def test_every_real_document_is_analysed_and_linted_without_internal_error() -> None:
    assert len(FILES) == 841
    workers = min(2, os.cpu_count() or 1)
    chunks = [[str(p) for p in FILES[i::workers * 8]] for i in range(workers * 8)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        problems = [p for part in pool.map(_problems_of, chunks) for p in part]
    assert problems == [], "\n".join(problems[:20])
