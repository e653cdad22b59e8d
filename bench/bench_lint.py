"""Benchmark: lint of a 15 KB plan against a parent, one core, after import.

Bar (issue 4): lint (the whole pipeline: read → normalize → structure → extract → resolve →
every lint rule → deviation from the parent) of a 15 KB plan ≤ 15 ms median.
Measured against (a) a parent plan file, profiled once as `lint --parent` does, and (b) the
built-in KL 226 / QĐ 534 profile; and the lint stage alone (rules on an existing analysis).
Bar (issue 9): the same lint with the whole spelling checker (`misspelled-in-context` turned on;
`misspelled-syllable`, its non-word part, runs by default)
≤ 15 ms; its model loads once, before the timing.

    python bench/bench_lint.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench_extract import PLAN, median_seconds, pin_to_one_core

ROOT = Path(__file__).resolve().parent.parent
PARENT = ROOT / "corpus" / "plans" / "002_13f964805a2db5fd.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    pin_to_one_core()
    from plan_parser.lint import lint_analysis
    from plan_parser.lint.context import LintOptions
    from plan_parser.pipeline import analyze_source, parent_from_path
    from plan_parser.readers import read_document

    # the spelling model and its arrays, loaded once per process as the first lint does (the
    # default rule `misspelled-syllable` reads it), timed before any lint
    started = time.perf_counter()
    from plan_parser.spelling.arrays import model_arrays
    from plan_parser.spelling.model import syllable_model

    model_arrays(syllable_model())
    loaded = time.perf_counter() - started
    source = read_document(PLAN)
    started = time.perf_counter()
    parent = parent_from_path(PARENT)
    profiled = time.perf_counter() - started
    with_parent = LintOptions(parent=parent)
    builtin = LintOptions()
    t_parent = median_seconds(lambda: analyze_source(source, with_parent), args.repeat)
    t_builtin = median_seconds(lambda: analyze_source(source, builtin), args.repeat)
    analysis = analyze_source(source, with_parent)
    t_rules = median_seconds(lambda: lint_analysis(analysis, with_parent), args.repeat)
    spelled = LintOptions(parent=parent, enable=frozenset({"misspelled-in-context"}))
    t_spelled = median_seconds(lambda: analyze_source(source, spelled), args.repeat)
    no_lint = LintOptions(use_default_parent=False)
    t_no_deviation = median_seconds(lambda: analyze_source(source, no_lint), args.repeat)
    findings = len(analysis.findings)
    kb = len(source.text.encode("utf-8")) / 1024
    print(f"plan: {PLAN.name} ({kb:.1f} KB), parent: {PARENT.name} (profiled once in "
          f"{profiled * 1000:.1f} ms)")
    print(f"lint against the parent plan:  {t_parent * 1000:6.2f} ms median  [bar ≤ 15 ms]  "
          f"({findings} findings)")
    print(f"  with the spelling checker:   {t_spelled * 1000:6.2f} ms median  [bar ≤ 15 ms]  "
          f"(model loaded once in {loaded:.2f} s; bar ≤ 0.3 s)")
    print(f"lint, built-in profile:        {t_builtin * 1000:6.2f} ms median")
    print(f"lint, no parent:               {t_no_deviation * 1000:6.2f} ms median")
    print(f"  of which the lint rules:     {t_rules * 1000:6.2f} ms median")
    print(f"({args.repeat} runs each, one core)")


if __name__ == "__main__":
    main()
