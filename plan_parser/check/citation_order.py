"""The first citation of a document (Nghị định 30/2020, Điều 10 khoản 3 of Phụ lục I): it
gives the type, number/symbol, date, issuing body and trích yếu; later mentions may be short.

Rules: ``citation-incomplete`` (no mention gives the date or the issuer) and
``citation-short-before-full`` (a short mention comes before the full citation). The plan's
own title and mentions nested in the title of another citation are not held to this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plan_parser.check.issue import Issue
from plan_parser.spans import SpanSet

if TYPE_CHECKING:
    from plan_parser.check.context import CheckContext


def citation_order_issues(ctx: CheckContext) -> list[Issue]:
    """Incomplete first citations and short forms used before the full one."""
    structure = ctx.analysis.structure
    title = structure.header.title
    documents = [d for d in ctx.analysis.references if d.role != "self"]
    nested = SpanSet(_nested_spans(documents))
    issues: list[Issue] = []
    for document in documents:
        if document.symbol is None and document.number is None:
            continue  # a law cited by name
        mentions = [m for m in document.mentions if m.form != "alias" and m.citation is not None]
        if not mentions:
            continue
        # a full citation may be anywhere (the title, the trích yếu of another citation) …
        full = next((m.start for m in mentions if m.date is not None or m.issuer is not None),
                    None)
        # … but only the plan's own words are held to the rule
        own = [m for m in mentions if not (title and title.start <= m.start < title.end)
               and not nested.contains(m.start, m.end)]
        name = f"{document.kind or 'Văn bản'} số {_symbol(document)}"
        if full is None:
            if own and _amending_law(ctx, own[0], _symbol(document)):
                continue  # "(được sửa đổi, bổ sung bởi Luật số 28/2018/QH14)"
            if own:
                issues.append(Issue("citation-incomplete", own[0].start, _symbol_end(own[0]),
                                    {"document": name}))
            continue
        for mention in own:
            if mention.start >= full:
                break
            if mention.date is None and mention.issuer is None:
                issues.append(Issue("citation-short-before-full", mention.start,
                                    _symbol_end(mention), {"document": name}))
    return issues


def _amending_law(ctx: CheckContext, mention, symbol: str) -> bool:
    """True for a law named by its symbol in the chain of amendments of the law cited before
    it (rules/lint/citations.yaml, citation-incomplete: ``amended_by``,
    ``amended_law_symbol``)."""
    import re

    from plan_parser.messages import rule_options

    options = rule_options("citation-incomplete") or {}
    if not options.get("amended_by") or not re.search(options["amended_law_symbol"], symbol):
        return False
    before = ctx.text[max(0, mention.start - 80):mention.start]
    return re.search(options["amended_by"], before, re.IGNORECASE) is not None \
        or re.search(options["amended_by"], before + ctx.text[mention.start:mention.start + 12],
                     re.IGNORECASE) is not None


def _symbol(document) -> str:
    return document.symbol.canonical if document.symbol else (document.number or "")


def _symbol_end(mention) -> int:
    citation = mention.citation
    return citation.symbol_end if citation is not None else mention.end


def _nested_spans(documents) -> list[tuple[int, int]]:
    """Title spans of every citation: mentions inside them are nested."""
    spans = []
    for document in documents:
        for m in document.mentions:
            c = m.citation
            if c is not None and c.title_start is not None and c.title_end is not None:
                spans.append((c.title_start, c.title_end))
    return spans

