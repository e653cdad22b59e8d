"""Benchmark: full analysis (all extractors), against underthesea.word_tokenize, and linearity.

"Full analysis" is read → normalize → structure → extract → resolve, the stages issue 3 names;
the lint rules that `analyze` also runs (issue 4) are timed by bench_lint.py, and the analysis
with them is printed here too.

Bar (issue 3), one core, after import:
  * full analysis of a 15 KB plan ≤ 10 ms median;
  * at least 10× faster than underthesea.word_tokenize on the same text (both measured here,
    in turns: one run of underthesea after every seven of plan_parser);
  * a 1 MB document costs at most 1.5× the per-KB time of the 15 KB plan.

    python bench/bench_extract.py [--repeat 100]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "plans" / "004_0bb98ddc820da85f.txt"  # the 15 KB plan


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def median_seconds(fn, repeat: int) -> float:
    fn()  # warm up: rules compiled, caches filled
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_medians(ours, theirs, repeat: int, per_round: int = 7) -> tuple[float, float]:
    """Median times of ``ours`` (``repeat`` runs) and ``theirs`` (one run after every
    ``per_round`` of ours), measured in turns so that a drift of the machine's speed during the
    measure (another process, the CPU's clock) falls on both sides alike."""
    ours()
    theirs()  # warm up both
    mine: list[float] = []
    other: list[float] = []
    while len(mine) < repeat:
        for _ in range(min(per_round, repeat - len(mine))):
            start = time.perf_counter()
            ours()
            mine.append(time.perf_counter() - start)
        start = time.perf_counter()
        theirs()
        other.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(other)


def one_megabyte_document() -> str:
    """One long plan: the header of the 15 KB plan, its body repeated to 1 MB, its closing.

    Every stage runs over the whole text (the body is not cut short by a "Nơi nhận" or "./.").
    """
    text = PLAN.read_text(encoding="utf-8")
    body_start = text.index("\nI. ")
    body_end = text.index("\nNơi nhận")
    head, body, tail = text[:body_start], text[body_start:body_end], text[body_end:]
    body = body.replace("./.", ".")
    repeats = 1 + 1_000_000 // len(body.encode("utf-8"))
    return head + body * repeats + tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    pin_to_one_core()
    import underthesea

    from plan_parser.lint.context import LintOptions
    from plan_parser.pipeline import analyze_source
    from plan_parser.readers import read_document, source_from_text

    logging.getLogger().handlers.clear()  # underthesea adds a root handler on import
    extraction = LintOptions(rules=False)
    source = read_document(PLAN)
    kb = PLAN.stat().st_size / 1024
    ours, theirs = interleaved_medians(
        lambda: analyze_source(read_document(PLAN), extraction),
        lambda: underthesea.word_tokenize(source.text), args.repeat)
    print(f"plan_parser full analysis of {PLAN.name} ({kb:.1f} KB): "
          f"{ours * 1000:.2f} ms median  [bar ≤ 10 ms]")
    linted = median_seconds(lambda: analyze_source(read_document(PLAN)), args.repeat)
    print(f"  the same with every lint rule and the built-in parent profile: "
          f"{linted * 1000:.2f} ms median")
    print(f"underthesea.word_tokenize on the same text, timed between the runs above: "
          f"{theirs * 1000:.1f} ms median → plan_parser is {theirs / ours:.1f}× faster  "
          f"[bar ≥ 10×]")

    big = one_megabyte_document()
    big_source = source_from_text(big, "1mb.txt")
    big_kb = len(big.encode("utf-8")) / 1024
    big_time = median_seconds(lambda: analyze_source(big_source, extraction), 3)
    big_linted = median_seconds(lambda: analyze_source(big_source), 3)
    per_kb_small = ours / kb
    per_kb_big = big_time / big_kb
    print(f"1 MB document ({big_kb:.0f} KB): {big_time * 1000:.0f} ms → "
          f"{per_kb_big * 1000:.3f} ms/KB vs {per_kb_small * 1000:.3f} ms/KB for the 15 KB plan "
          f"= {per_kb_big / per_kb_small:.2f}×  [bar ≤ 1.5×]")
    print(f"  with lint: {big_linted * 1000:.0f} ms → {big_linted / big_kb * 1000:.3f} ms/KB vs "
          f"{linted / kb * 1000:.3f} ms/KB = {(big_linted / big_kb) / (linted / kb):.2f}×")


if __name__ == "__main__":
    main()
