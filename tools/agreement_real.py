"""Agreement between two readers of the same real documents (targets and deadlines).

    python tools/agreement_real.py corpus/real/dev-gold corpus/real/agreement/reader-b

Reader B's annotations are turned into "predictions" (each quote becomes a span of the text)
and scored against reader A's with the scorer the tool is measured by, so that the tool's scores
can be read against what two people reading the same text agree on. Only the documents that both
folders annotate are compared. Precision is B against A, recall A against B; F1 is symmetric.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plan_parser.evaluation_real import (  # noqa: E402
    RealReport,
    _line_table,
    _quote_span,
    load_gold,
    render,
    render_misses,
    score_document,
)


def as_predictions(annotation: dict[str, Any], text: str) -> dict[str, Any]:
    """Reader B's targets and deadlines as exported items (spans from their quotes)."""
    lines = _line_table(text)

    def spans(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        found = []
        for item in items or []:
            span = _quote_span(lines, item["quote"], item["line"])
            if span is not None:
                found.append({**item, "start": span[0], "end": span[1], "text": item["quote"]})
        return found

    return {"targets": spans(annotation.get("targets")),
            "deadlines": spans(annotation.get("deadlines"))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reader_a", type=Path)
    parser.add_argument("reader_b", type=Path)
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "corpus-real")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    second = {g["file"]: g for g in load_gold(args.reader_b)}
    report = RealReport()
    for first in load_gold(args.reader_a):
        other = second.get(first["file"])
        if other is None:
            continue
        text = (args.texts / first["file"]).read_bytes().decode("utf-8")
        gold = {"file": first["file"], "header": {}, "targets": first.get("targets"),
                "deadlines": first.get("deadlines")}
        report.documents.append(score_document(gold, as_predictions(other, text), text))
    table = render(report, f"Agreement of {args.reader_b.name} with {args.reader_a.name}")
    wanted = ("###", "| group", "|---|---|---|---|---|---|---|", "| targets", "| deadlines")
    kept = [line for line in table.splitlines() if line.startswith(wanted)]
    print("\n".join(kept[:3] + [line for line in kept[3:] if not line.startswith("|---")]))
    if args.misses:
        print("\n".join(render_misses(report)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
