"""``required``: a component the document must have (Nghị định 30/2020/NĐ-CP).

Options: ``component``, one of:

- ``motto``: Quốc hiệu and Tiêu ngữ (a state document) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party);
- ``place_date``: the "<place>, ngày … tháng … năm …" line;
- ``recipients``: the "Nơi nhận" block;
- ``archive``: the last "Nơi nhận" line "- Lưu: VT, <unit>." (``archive_pattern``);
- ``end_mark``: the content ends with "./.";
- ``title``: the trích yếu.

A missing component has no text of its own: the finding points at the place it belongs
(the start of the header, the end of the content …) and carries the component as its ``key``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plan_parser.lint.context import LintContext
from plan_parser.lint.engines.conditions import applies
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding


class RequiredEngine:
    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        if not applies(rule.options.get("when"), ctx):
            return
        component = rule.options["component"]
        check = getattr(self, f"_{component}", None)
        if check is None:
            raise ValueError(f"rule {rule.id}: unknown component {component!r}")
        yield from check(rule, ctx)

    def _missing(self, rule: LintRule, ctx: LintContext, position: int,
                 end: int | None = None) -> Finding:
        return ctx.finding(rule, position, position if end is None else end, None,
                           key=rule.options["component"])

    def _motto(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        if not ctx.analysis.structure.header.mottos and _looks_like_a_document(ctx):
            yield self._missing(rule, ctx, *_first_line(ctx))

    def _place_date(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        header = ctx.analysis.structure.header
        if header.date is None and header.place is None and _looks_like_a_document(ctx):
            anchor = header.number_line or header.doc_type
            yield self._missing(rule, ctx, *((anchor.start, anchor.end) if anchor
                                             else _first_line(ctx)))

    def _title(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        header = ctx.analysis.structure.header
        if header.title is None and header.doc_type is not None:
            yield self._missing(rule, ctx, header.doc_type.start, header.doc_type.end)

    def _recipients(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        structure = ctx.analysis.structure
        if structure.recipients is None and _looks_like_a_document(ctx):
            position = structure.signature.start if structure.signature else _content_end(ctx)
            yield self._missing(rule, ctx, position)

    def _archive(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        block = ctx.analysis.structure.recipients
        if block is None or not block.items:
            return
        last = block.items[-1]
        text = ctx.text[last.start:last.end]
        if not re.search(rule.options["archive_pattern"], text, re.IGNORECASE):
            yield ctx.finding(rule, last.start, last.end, None, key="archive",
                              line=ctx.display(last.start, last.end))

    def _end_mark(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        structure = ctx.analysis.structure
        if not structure.sections:
            return
        stop = _content_end(ctx)
        while stop > 0 and ctx.text[stop - 1].isspace():
            stop -= 1
        if re.search(r"\./\.?$|/\.$", ctx.text[max(0, stop - 4):stop]):
            return
        line_start = ctx.text.rfind("\n", 0, stop) + 1
        start = stop
        for _ in range(4):  # the last four words
            space = ctx.text.rfind(" ", line_start, start - 1)
            if space == -1:
                start = line_start
                break
            start = space + 1
        yield ctx.finding(rule, start, stop, ctx.display(start, stop) + "./.", key="end_mark")


def _looks_like_a_document(ctx: LintContext) -> bool:
    """A header and numbered sections: a notice-like fragment is not held to the full form."""
    structure = ctx.analysis.structure
    return structure.header.doc_type is not None and bool(structure.sections)


def _first_line(ctx: LintContext) -> tuple[int, int]:
    text = ctx.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return start, end if end != -1 else len(text)


def _content_end(ctx: LintContext) -> int:
    structure = ctx.analysis.structure
    if structure.closing is not None:
        return structure.closing.end
    if structure.body is not None:
        return structure.body[1]
    return len(ctx.text)
