"""Spans of the parts of a document that the later stages work on."""

from __future__ import annotations

from plan_parser.structure.model import DocumentStructure


def content_span(structure: DocumentStructure) -> tuple[int, int] | None:
    """From the title (or first basis paragraph) to the end of the closing paragraphs."""
    starts = [structure.header.title.start] if structure.header.title else []
    starts += [p.start for p in structure.basis[:1]]
    if structure.body:
        starts.append(structure.body[0])
    ends = [p.end for p in structure.basis[-1:]]
    if structure.body:
        ends.append(structure.body[1])
    if structure.closing:
        ends.append(structure.closing.end)
    if structure.header.title:
        ends.append(structure.header.title.end)
    if not starts or not ends:
        return None
    return min(starts), max(ends)


def preamble_span(structure: DocumentStructure) -> tuple[int, int] | None:
    """The title and the basis paragraphs."""
    spans = ([(structure.header.title.start, structure.header.title.end)]
             if structure.header.title else [])
    spans += [(p.start, p.end) for p in structure.basis]
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None
