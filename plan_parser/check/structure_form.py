"""Structure of the body: empty sections and appendices referred to but absent.

(Numbering gaps and duplicates are the ``sequence`` engine's.)
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from plan_parser.check.issue import Issue

if TYPE_CHECKING:
    from plan_parser.check.context import CheckContext

_HEADING_KINDS = ("roman", "arabic", "letter")


def structure_issues(ctx: CheckContext) -> list[Issue]:
    """``empty-section`` and ``appendix-missing``."""
    return [*_empty_sections(ctx), *_missing_appendices(ctx)]


def _empty_sections(ctx: CheckContext) -> list[Issue]:
    text = ctx.text
    issues = []
    for node in ctx.analysis.structure.iter_sections():
        if node.kind not in _HEADING_KINDS or node.children:
            continue
        title = text[node.title.start:node.title.end].rstrip()
        rest = text[node.title.end:node.end].strip(" \n*_#:")
        if rest or title.endswith((".", ";", "!", "?", ")", "./.")) or not title:
            continue
        issues.append(Issue("empty-section", node.start, node.title.end,
                            {"label": node.label, "title": ctx.display(node.title.start,
                                                                       node.title.end)}))
    return issues


@cache
def _appendix_reference(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _missing_appendices(ctx: CheckContext) -> list[Issue]:
    from plan_parser.check.context import in_citation
    from plan_parser.messages import rule_options

    options = rule_options("appendix-missing")
    structure = ctx.analysis.structure
    if options is None or structure.appendices:
        return []
    word = options.get("reference_word")
    if word and word not in ctx.lower:
        return []
    pattern = _appendix_reference(tuple(options["references"]))
    start = structure.header.title.start if structure.header.title else 0
    end = structure.closing.end if structure.closing else (
        structure.body[1] if structure.body else len(ctx.text))
    issues = []
    for m in pattern.finditer(ctx.text, start, end):
        if in_citation(ctx, m.start(), m.end()):
            continue
        issues.append(Issue("appendix-missing", m.start(), m.end(),
                            {"reference": ctx.display(m.start(), m.end())}))
    return issues
