"""Full analysis of the 15 KB plan in CPU time, this checkout against another version's checkout,
alternating, in fresh processes (the machine's speed drifts; only a side-by-side run compares).

    git worktree add /tmp/pp_ref 4929a8c
    python bench/bench_side_by_side.py /tmp/pp_ref [--rounds 3] [--runs 200]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "plans" / "004_0bb98ddc820da85f.txt"

CHILD = """
import gc, statistics, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from plan_parser.lint.context import LintOptions
from plan_parser.pipeline import analyze_source
from plan_parser.readers import read_document
plan, options = Path({plan!r}), LintOptions(rules=False)
for _ in range(10):
    analyze_source(read_document(plan), options)
runs = []
for _ in range({runs}):
    start = time.process_time()
    analyze_source(read_document(plan), options)
    runs.append(time.process_time() - start)
print(f"{{statistics.median(runs) * 1000:.2f}} {{min(runs) * 1000:.2f}}")
"""


def measure(root: Path, runs: int) -> tuple[float, float]:
    code = CHILD.format(root=str(root), plan=str(PLAN), runs=runs)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    median, best = out.stdout.split()
    return float(median), float(best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="a checkout of the version to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    for _ in range(args.rounds):
        for name, root in (("reference", args.reference), ("this", ROOT)):
            median, best = measure(root, args.runs)
            print(f"{name:9s} full analysis of {PLAN.name}: median {median:.2f} ms, "
                  f"best {best:.2f} ms (CPU time)")


if __name__ == "__main__":
    main()
