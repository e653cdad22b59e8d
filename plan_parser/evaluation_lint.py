"""Score lint findings against the defect gold (``corpus/gold/defects/<stem>.yaml``).

A gold defect with a ``key`` is matched by a finding of the same rule and key (a missing target,
a missing component); one with a ``quote`` by a finding of the same rule whose span overlaps
the quote's occurrence in the file. Matching is one-to-one. Every finding counts for precision.
See ``corpus/DEFECTS.md``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

LINT_PRECISION_BAR = 0.9
LINT_RECALL_BAR = 0.85


@dataclass(frozen=True, slots=True)
class GoldDefect:
    """One defect of the gold, located in a file's text."""

    rule: str
    key: str | None
    span: tuple[int, int] | None  # original offsets of the quote in this file
    quote: str | None


def locate_defects(entries: list[dict[str, Any]], text: str) -> tuple[list[GoldDefect],
                                                                     list[str]]:
    """The gold defects with their spans in ``text``, and quotes that could not be found."""
    located, problems = [], []
    for entry in entries:
        quote = entry.get("quote")
        span = None
        if quote:
            pattern = re.compile(r"\s+".join(re.escape(w) for w in quote.split()))
            matches = list(pattern.finditer(text))
            occurrence = int(entry.get("occurrence", 1))
            if len(matches) < occurrence:
                problems.append(f"{entry['rule']}: quote not found: {quote!r}")
                continue
            span = matches[occurrence - 1].span()
        located.append(GoldDefect(entry["rule"], entry.get("key"), span, quote))
    return located, problems


def match_findings(findings: list[dict[str, Any]], gold: list[GoldDefect]
                   ) -> tuple[list[tuple[GoldDefect, dict]], list[GoldDefect], list[dict]]:
    """One-to-one matches, the gold defects left unmatched, the findings left unmatched."""
    unused = list(findings)
    matched, missed = [], []
    for defect in sorted(gold, key=lambda d: d.key is None):  # keyed ones first
        hit = None
        for finding in unused:
            if finding["rule"] != defect.rule:
                continue
            if defect.key is not None and finding.get("key") == defect.key:
                hit = finding
                break
            if defect.key is None and defect.span is not None and _overlaps(finding, defect.span):
                hit = finding
                break
        if hit is None:
            missed.append(defect)
        else:
            unused.remove(hit)
            matched.append((defect, hit))
    return matched, missed, unused


def _overlaps(finding: dict[str, Any], span: tuple[int, int]) -> bool:
    start, end = finding["start"], finding["end"]
    if start == end:
        return span[0] <= start <= span[1]
    return start < span[1] and span[0] < end


def score_lint(doc: dict[str, Any], entries: list[dict[str, Any]], original: str, report) -> None:
    """Add the ``lint`` score (and one score per rule) of one document to ``report``."""
    from plan_parser.evaluation import Score

    gold, problems = locate_defects(entries, original)
    report.mismatches.extend(f"defects gold: {p}" for p in problems)
    matched, missed, extra = match_findings(doc["findings"], gold)
    total = Score(correct=len(matched), predicted=len(doc["findings"]), gold=len(gold))
    report.scores["lint"] = total
    per_rule: Counter[str] = Counter()
    for defect, _ in matched:
        per_rule[f"ok:{defect.rule}"] += 1
    for defect in missed:
        per_rule[f"missed:{defect.rule}"] += 1
        where = defect.quote or defect.key
        report.mismatches.append(f"lint: missed {defect.rule} ({where!r})")
    for finding in extra:
        per_rule[f"extra:{finding['rule']}"] += 1
        report.mismatches.append(f"lint: unexpected {finding['rule']} at {finding['line']}:"
                                 f"{finding['column']} {finding['text'][:50]!r}")
    rules = {k.split(":", 1)[1] for k in per_rule}
    for rule in rules:
        report.scores[f"lint:{rule}"] = Score(
            correct=per_rule[f"ok:{rule}"],
            predicted=per_rule[f"ok:{rule}"] + per_rule[f"extra:{rule}"],
            gold=per_rule[f"ok:{rule}"] + per_rule[f"missed:{rule}"])
