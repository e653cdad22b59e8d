"""Full analysis of the 15 KB plan in CPU time, this checkout against another version's checkout,
alternating, in fresh processes (the machine's speed drifts; only a side-by-side run compares).
Caches of whole texts or lines that older versions kept from one analysis to the next are
cleared before each run (they made the same document's second reading cheaper than a new one's).

``--lint``: the whole lint against the parent plan instead (every rule and the deviation from
a parent plan file, profiled once), as ``bench_lint.py`` measures it.

    git worktree add /tmp/pp_ref 4929a8c
    python bench/bench_side_by_side.py /tmp/pp_ref [--rounds 3] [--runs 200] [--lint]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "plans" / "004_0bb98ddc820da85f.txt"
PARENT = ROOT / "corpus" / "plans" / "002_13f964805a2db5fd.txt"

CHILD = """
import gc, statistics, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from plan_parser.lint.context import LintOptions
from plan_parser.pipeline import analyze_source
from plan_parser.readers import read_document
plan, options = Path({plan!r}), LintOptions(rules=False)
if {lint!r}:
    try:  # where the version keeps it
        from plan_parser.pipeline import parent_from_path
    except ImportError:
        from plan_parser.parent.profile import parent_from_path
    options = LintOptions(parent=parent_from_path(Path({parent!r})))
import importlib
# caches of whole texts or lines that versions before 2026-12-06 kept across analyses: cleared
# before each run, so that every version reads its text as a new document would be read
stale = [getattr(importlib.import_module(module), name, None) for module, name in (
    ("plan_parser.extract.scan", "lowered"), ("plan_parser.extract.scan", "break_positions"),
    ("plan_parser.structure.labels", "match_label"))]
stale = [f.cache_clear for f in stale if hasattr(f, "cache_clear")]
for _ in range(10):
    analyze_source(read_document(plan), options)
runs = []
for _ in range({runs}):
    for clear in stale:
        clear()
    start = time.process_time()
    analyze_source(read_document(plan), options)
    runs.append(time.process_time() - start)
print(f"{{statistics.median(runs) * 1000:.2f}} {{min(runs) * 1000:.2f}}")
"""


def measure(root: Path, runs: int, lint: bool) -> tuple[float, float]:
    code = CHILD.format(root=str(root), plan=str(PLAN), runs=runs, lint=lint, parent=str(PARENT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    median, best = out.stdout.split()
    return float(median), float(best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="a checkout of the version to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--lint", action="store_true", help="lint against the parent plan")
    args = parser.parse_args()
    for _ in range(args.rounds):
        for name, root in (("reference", args.reference), ("this", ROOT)):
            median, best = measure(root, args.runs, args.lint)
            what = "lint against the parent plan" if args.lint else "full analysis"
            print(f"{name:9s} {what} of {PLAN.name}: median {median:.2f} ms, "
                  f"best {best:.2f} ms (CPU time)")


if __name__ == "__main__":
    main()
