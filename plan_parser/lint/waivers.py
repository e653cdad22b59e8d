"""Waivers for single findings.

- In the text: ``plan-parser: ignore <rule-id>[, <rule-id> …]`` (or ``bỏ qua``) anywhere on a
  line, e.g. in a Markdown comment ``<!-- plan-parser: ignore doubled-word -->``. It waives the
  rules on that line; alone on its line, on the next line with text.
- In Word: a comment "plan-parser: ignore <rule-id>" on a paragraph waives the rule there.
- In the configuration: ``ignore: [{rule, text}]`` waives the findings of ``rule`` whose text is
  ``text``.
"""

from __future__ import annotations

import re

from plan_parser.lint.config import LintConfig
from plan_parser.model import Finding

_MARKER = re.compile(r"plan-parser\s*:\s*(?:ignore|bỏ\s+qua)\s+(?P<rules>[a-z0-9-]+(?:\s*,\s*"
                     r"[a-z0-9-]+)*)", re.IGNORECASE)
_MARKER_LINE = re.compile(r"^\s*(?:<!--)?\s*plan-parser\s*:[^\n]*?(?:-->)?\s*$", re.IGNORECASE)


def waived_lines(original: str, comments: dict[int, list[str]] | None = None
                 ) -> dict[int, set[str]]:
    """Line numbers (0-based) of the original text → rule ids waived on them (markers in the
    text, and Word comments on a paragraph)."""
    waived: dict[int, set[str]] = {}
    for line, texts in (comments or {}).items():
        for text in texts:
            m = _MARKER.search(text)
            if m is not None:
                waived.setdefault(line, set()).update(
                    r.strip().lower() for r in m.group("rules").split(","))
    if "plan-parser" not in original:
        return waived
    lines = re.split(r"\r\n|\r|\n", original)
    for number, line in enumerate(lines):
        m = _MARKER.search(line)
        if m is None:
            continue
        rules = {r.strip().lower() for r in m.group("rules").split(",")}
        target = number
        if _MARKER_LINE.match(line):
            target = next((n for n in range(number + 1, len(lines)) if lines[n].strip()), number)
        waived.setdefault(target, set()).update(rules)
    return waived


def apply_waivers(findings: list[Finding], original: str, config: LintConfig | None,
                  comments: dict[int, list[str]] | None = None) -> list[Finding]:
    """``findings`` without the waived ones."""
    waived = waived_lines(original, comments)
    ignore = [(e.get("rule"), e.get("text")) for e in (config.ignore if config else [])]
    if not waived and not ignore:
        return findings
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", original)]
    from bisect import bisect_right

    kept = []
    for f in findings:
        line = bisect_right(line_starts, f.start) - 1
        if f.rule in waived.get(line, ()):
            continue
        text = original[f.start:f.end]
        if any(rule == f.rule and (want is None or want == text) for rule, want in ignore):
            continue
        kept.append(f)
    return kept
