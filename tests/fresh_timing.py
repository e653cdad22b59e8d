"""Time ratios measured in a fresh interpreter, measured again when the machine was busy.

A linearity test compares the CPU time of an input with that of 4× the input. In the suite's own
process, after a thousand tests, the heap makes big allocations slower than any text of the tool
does; on a shared CI machine, a neighbour's load can slow one measurement of the pair. So each
case is measured in a new interpreter, and a case over the bound is measured again in another
new interpreter (up to ``ATTEMPTS`` in all). A load on the machine comes and goes, so a linear
case passes one of the attempts; a quadratic one (16× at 4× the input) passes none.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ATTEMPTS = 3
TESTS = Path(__file__).parent


def fresh_ratios(module: str, function: str, cases: list[str], bound: float,
                 env: dict[str, str] | None = None) -> dict[str, tuple[float, float]]:
    """``{case: (small, large)}`` from ``module.function(case)`` run in a fresh interpreter,
    each case's best pair over the attempts; a case within ``bound`` is not measured again."""
    best: dict[str, tuple[float, float]] = {}
    pending = list(cases)
    for _ in range(ATTEMPTS):
        for case, (small, large) in _measure(module, function, pending, env).items():
            if case not in best or large / small < best[case][1] / best[case][0]:
                best[case] = (small, large)
        pending = [case for case in pending if best[case][1] / best[case][0] > bound]
        if not pending:
            break
    return best


def _measure(module: str, function: str, cases: list[str],
             env: dict[str, str] | None) -> dict[str, tuple[float, float]]:
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); "
            f"import {module} as m; cases = json.loads(sys.argv[2]); "
            f"print(json.dumps({{c: m.{function}(c) for c in cases}}))")
    out = subprocess.run([sys.executable, "-c", code, str(TESTS), json.dumps(cases)],
                         capture_output=True, text=True, check=True, timeout=900,
                         env={**os.environ, **(env or {})})
    found = json.loads(out.stdout.strip().splitlines()[-1])
    return {case: (small, large) for case, (small, large) in found.items()}
