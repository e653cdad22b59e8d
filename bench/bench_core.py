"""Benchmark: read + normalize + structure of each corpus plan, and `plan-parser --help`.

Bar (issue 2): a 15 KB plan ≤ 5 ms median on one core after import; --help ≤ 0.5 s.

    python bench/bench_core.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def median_ms(fn, repeat: int) -> float:
    fn()  # warm up: rules compiled, caches filled
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    pin_to_one_core()
    from plan_parser.normalize import normalize
    from plan_parser.readers import read_document
    from plan_parser.structure import parse_structure

    def core(path: Path):
        source = read_document(path)
        return parse_structure(normalize(source.text, fmt=source.format))

    print(f"{'file':<36} {'KB':>6} {'read+normalize+structure median ms':>36}")
    for path in sorted((ROOT / "corpus" / "plans").glob("*.txt")):
        size_kb = path.stat().st_size / 1024
        ms = median_ms(lambda p=path: core(p), args.repeat)
        print(f"{path.name:<36} {size_kb:6.1f} {ms:36.2f}")
    for path in sorted((ROOT / "corpus" / "plans").glob("*.docx"))[:1]:
        ms = median_ms(lambda p=path: core(p), max(20, args.repeat // 10))
        print(f"{path.name:<36} {path.stat().st_size / 1024:6.1f} {ms:36.2f}  (docx, incl. unzip)")
    help_runs = []
    exe = [sys.executable, "-m", "plan_parser", "--help"]
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run(exe, capture_output=True, check=True)
        help_runs.append(time.perf_counter() - start)
    print(f"plan-parser --help: median {statistics.median(help_runs):.3f} s over 7 runs")


if __name__ == "__main__":
    main()
