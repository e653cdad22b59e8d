"""Build the JSON object of one analysed document (the contract in ``plan.schema.json``).

Every span in the output points into the reader's original text: ``start``/``end`` are 0-based
code-point offsets (end exclusive), ``line``/``column`` 1-based, and ``text`` is exactly
``original[start:end]``. This module is the only place where normalized offsets are mapped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plan_parser import __version__
from plan_parser.analysis import Analysis
from plan_parser.export.positions import LineIndex
from plan_parser.extract.agencies import agency_display
from plan_parser.extract.references import Citation
from plan_parser.model import Finding
from plan_parser.structure.model import SectionNode, TextSpan

SCHEMA_VERSION = "1.4"  # 1.1: deadlines have quarter and weekday; 1.2: last_day;
# 1.3: issuer_source "enacting-line"; 1.4: first_working_day


class SpanWriter:
    """Turns spans into the JSON span fields, always in original-text coordinates."""

    def __init__(self, analysis: Analysis) -> None:
        self.original = analysis.source.text
        self.normalized = analysis.normalized
        self.lines = LineIndex(self.original)

    def original_span(self, start: int, end: int) -> dict[str, Any]:
        """Span fields of an original-text span."""
        line, column = self.lines.line_column(start)
        return {"start": start, "end": end, "line": line, "column": column,
                "text": self.original[start:end]}

    def span(self, start: int, end: int) -> dict[str, Any]:
        """Span fields of a normalized-text span."""
        return self.original_span(*self.normalized.to_original(start, end))

    def text_span(self, item: TextSpan | None) -> dict[str, Any] | None:
        """Span fields of a :class:`TextSpan`, or None."""
        return None if item is None else self.span(item.start, item.end)


def _text(item: TextSpan | None) -> str | None:
    return None if item is None else item.text


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    """The JSON object for one document.

    Each part is written on its own: a part that fails to export is ``null`` (or empty) and an
    ``internal-error`` finding names it; the other parts are still written.
    """
    from plan_parser.faults import FaultLog

    writer = SpanWriter(analysis)
    structure = analysis.structure
    source = analysis.source
    faults = FaultLog()
    parts: dict[str, Callable[[], Any]] = {
        "header": lambda: _header(analysis, writer),
        "parent": lambda: _citation(structure.parent, writer) if structure.parent else None,
        "basis": lambda: [
            {
                "kind": paragraph.kind,
                **writer.span(paragraph.start, paragraph.end),
                "citations": [_citation(c, writer) for c in paragraph.citations],
            }
            for paragraph in structure.basis
        ],
        "sections": lambda: [_section(node, writer) for node in structure.sections],
        "closing": lambda: writer.text_span(structure.closing),
        "recipients": lambda: _recipients(analysis, writer),
        "appendices": lambda: [
            {"title": a.title.text, **writer.span(a.start, a.end)} for a in structure.appendices
        ],
        "attachments": lambda: [
            {"doc_type": a.doc_type_name, "title": a.title.text if a.title else None,
             "attached_by": writer.text_span(a.attached_by), **writer.span(a.start, a.end),
             "sections": [_section(node, writer) for node in a.sections]}
            for a in structure.attachments
        ],
        "references": lambda: [_reference(d, writer) for d in analysis.references],
        "targets": lambda: [_target(t, writer, analysis) for t in analysis.targets],
        "units": lambda: [_unit(u, writer) for u in analysis.units],
        "lead_unit": lambda: _lead(analysis, writer),
        "assignments": lambda: [_assignment(a, writer, analysis) for a in analysis.assignments],
        "deadlines": lambda: [_deadline(d, writer, analysis) for d in analysis.deadlines],
        "places": lambda: [_place(p, writer) for p in analysis.places],
        "parent_profile": lambda: ({"name": analysis.parent_profile.name,
                                    "source": analysis.parent_profile.source}
                                   if analysis.parent_profile else None),
    }
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "plan-parser", "version": __version__},
        "source": {
            "path": source.path,
            "format": source.format,
            "sha256": source.sha256,
            "encoding": source.encoding,
            "length": len(source.text),
            "lines": writer.lines.line_count,
        },
    }
    if source.ocr:  # where each line of an OCR'd text lies on its page
        doc["source"]["ocr"] = {"engine": source.ocr, "lines": [
            {"start": s, "end": e, "page": page, "box": [x, y, w, h]}
            for s, e, page, x, y, w, h in source.layout]}
    for key, build in parts.items():
        doc[key] = _EMPTY_PART.get(key)
        with faults.contained(f"export.{key}"):
            doc[key] = build()
    findings = [*analysis.findings, *faults.findings]
    doc["findings"] = [_finding(f, writer) for f in findings]
    return doc


_EMPTY_PART: dict[str, Any] = {"basis": [], "sections": [], "appendices": [], "attachments": [],
                               "references": [],
                               "targets": [], "units": [], "assignments": [], "deadlines": [],
                               "places": []}


def _header(analysis: Analysis, writer: SpanWriter) -> dict[str, Any]:
    structure = analysis.structure
    h = structure.header
    signature = structure.signature
    spans = {
        "doc_type": writer.text_span(h.doc_type),
        "number_line": writer.text_span(h.number_line),
        "symbol": writer.text_span(h.symbol),
        "place": writer.text_span(h.place),
        "date": writer.text_span(h.date),
        "issuer": writer.text_span(h.issuer),
        "issuer_parent": writer.text_span(h.issuer_parent),
        "title": writer.text_span(h.title),
        "issuing_clause": writer.text_span(structure.issuing_clause),
        "signature": writer.span(signature.start, signature.end) if signature else None,
        "signer_name": writer.text_span(signature.name) if signature else None,
        "signer_title": writer.text_span(signature.title) if signature else None,
    }
    return {
        "system": h.system,
        "doc_type": h.doc_type_name,
        "doc_type_code": h.doc_type_code,
        "number": h.number,
        "symbol": _text(h.symbol),
        "symbol_year": h.symbol_year,
        "full_symbol": h.full_symbol,
        "type_code": h.type_code,
        "issuer_code": h.issuer_code,
        "place": _text(h.place),
        "date": h.date_iso,
        "day": h.day,
        "month": h.month,
        "year": h.year,
        "issuer": _text(h.issuer),
        "issuer_full": h.issuer_full,
        "issuer_source": h.issuer_source,
        "issuer_parent": _text(h.issuer_parent),
        "title": _text(h.title),
        "signer": {
            "name": _text(signature.name) if signature else None,
            "title": _text(signature.title) if signature else None,
            "authority": [a.text for a in signature.authority] if signature else [],
        },
        "spans": {key: value for key, value in spans.items() if value is not None},
    }


def _citation(citation: Citation, writer: SpanWriter) -> dict[str, Any]:
    normalized = writer.normalized
    issuer = citation.issuer
    return {
        "kind": citation.kind,
        "symbol": citation.symbol_text,
        "number": citation.symbol.number if citation.symbol else citation.number_only,
        "date": citation.date.iso if citation.date else None,
        "year": citation.date.year if citation.date else citation.year,
        "issuer": agency_display(normalized.display, issuer) if issuer else None,
        "issuer_full": issuer.canonical if issuer else None,
        "title": (normalized.display(citation.title_start, citation.title_end)
                  if citation.title_start is not None else None),
        **writer.span(citation.start, citation.end),
    }


def _reference(document, writer: SpanWriter) -> dict[str, Any]:
    from plan_parser.check.citations import registry

    normalized = writer.normalized
    symbol = document.symbol
    issuer = document.issuer
    fullest = document.fullest
    title = None
    if fullest is not None and fullest.citation.title_start is not None:
        title = normalized.display(fullest.citation.title_start, fullest.citation.title_end)
    dates = document.dates
    year = symbol.year if symbol and symbol.year else (int(dates[0][:4]) if dates else None)
    return {
        "id": document.id,
        "kind": document.kind,
        "symbol": symbol.canonical if symbol else document.number,
        "name": document.law_name,
        "number": document.number,
        "year": year,
        "type_code": symbol.type_code if symbol else None,
        "issuer_code": symbol.issuer_code if symbol else None,
        "date": dates[0] if dates else None,
        "issuer": agency_display(normalized.display, issuer) if issuer else None,
        "issuer_full": issuer.canonical if issuer else None,
        "title": title,
        "role": document.role,
        "in_registry": bool(symbol and symbol.canonical in registry()),
        "mentions": [{**writer.span(m.start, m.end), "form": m.form}
                     for m in document.mentions],
    }


def section_path_at(analysis: Analysis, position: int) -> str:
    """Path of the deepest section holding a normalized position ("preamble", "closing" …)."""
    from plan_parser.structure.index import section_index

    return section_index(analysis.structure).path_at(position)


def _target(target, writer: SpanWriter, analysis: Analysis) -> dict[str, Any]:
    value = int(target.value) if float(target.value).is_integer() else target.value
    return {
        "metric": target.metric,
        "label": target.label,
        "subject": target.subject,
        "op": target.op,
        "value": value,
        "unit": target.unit,
        "period": target.period,
        "baseline": target.baseline,
        **writer.span(target.start, target.end),
        "section": section_path_at(analysis, target.start),
    }


def _deadline(deadline, writer: SpanWriter, analysis: Analysis) -> dict[str, Any]:
    relative = None
    if deadline.relative is not None:
        amount, unit, anchor = deadline.relative
        relative = {"amount": amount, "unit": unit, "anchor": anchor}
    unit = _unit_of_position(analysis, deadline.start)
    return {
        "kind": deadline.kind,
        "day": deadline.day,
        "month": deadline.month,
        "year": deadline.year,
        "recurrence": deadline.recurrence,
        "quarter": deadline.quarter,
        "weekday": deadline.weekday,
        "last_day": deadline.last_day,
        "first_working_day": deadline.first_working_day,
        "relative": relative,
        "subject": deadline.subject,
        "unit": unit,
        **writer.span(deadline.start, deadline.end),
        "section": section_path_at(analysis, deadline.start),
    }


def _unit_of_position(analysis: Analysis, position: int) -> str | None:
    """The unit whose task holds a position (the innermost assignment), if any."""
    from bisect import bisect_right

    tasks = [a for a in analysis.assignments if a.role != "support"]  # sorted by start
    i = bisect_right([a.start for a in tasks], position) - 1
    holding = []
    while i >= 0 and len(holding) < 3:  # the innermost task is among the last few starts
        if tasks[i].start <= position < tasks[i].end:
            holding.append(tasks[i])
        elif holding:
            break
        i -= 1
    if not holding:
        return None
    best = min(holding, key=lambda a: a.end - a.start)
    return best.unit.typo_of or best.unit.name


def _unit(unit, writer: SpanWriter) -> dict[str, Any]:
    return {
        "name": unit.name,
        "kind": unit.kind,
        "variants": unit.variants,
        "typo_of": unit.typo_of,
        "mentions": [writer.span(m.start, m.end) for m in unit.mentions],
    }


def _lead(analysis: Analysis, writer: SpanWriter) -> dict[str, Any] | None:
    unit = analysis.lead_unit
    if unit is None:
        return None
    first = unit.mentions[0]
    return {"name": unit.typo_of or unit.name, "as_written": unit.name,
            **writer.span(first.start, first.end)}


def _assignment(assignment, writer: SpanWriter, analysis: Analysis) -> dict[str, Any]:
    normalized = writer.normalized
    return {
        "unit": assignment.unit.typo_of or assignment.unit.name,
        "role": assignment.role,
        "task": normalized.display(assignment.start, assignment.end),
        "products": [normalized.display(s, e) for s, e in assignment.products],
        "section": assignment.section,
        **{k: v for k, v in writer.span(assignment.start, assignment.end).items() if k != "text"},
    }


def _place(place, writer: SpanWriter) -> dict[str, Any]:
    return {
        "role": place.role,
        "level": place.level,
        "name": place.name,
        "known": place.known,
        "province": place.province,
        "in_province": place.in_province,
        "suggestion": place.suggestion,
        **writer.span(place.start, place.end),
    }


def _section(node: SectionNode, writer: SpanWriter) -> dict[str, Any]:
    title = writer.span(node.title.start, node.title.end)
    return {
        "label": node.label,
        "kind": node.kind,
        "path": node.path,
        "title": node.title.text,
        **{k: v for k, v in writer.span(node.start, node.end).items() if k != "text"},
        "title_span": title,
        "children": [_section(child, writer) for child in node.children],
    }


def _recipients(analysis: Analysis, writer: SpanWriter) -> dict[str, Any] | None:
    block = analysis.structure.recipients
    if block is None:
        return None
    return {
        **{k: v for k, v in writer.span(block.start, block.end).items() if k != "text"},
        "items": [{"text": item.text, "span": writer.text_span(item)} for item in block.items],
    }


def finding_dict(finding: Finding, writer: SpanWriter) -> dict[str, Any]:
    """The JSON object of one finding (the ``findings`` contract)."""
    span = writer.original_span(finding.start, finding.end)
    end_line, end_column = writer.lines.line_column(finding.end)
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        **span,
        "end_line": end_line,
        "end_column": end_column,
        "suggestion": finding.suggestion,
        "key": finding.key,
    }


_finding = finding_dict
