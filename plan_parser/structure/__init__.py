"""Structure: header, preamble (title, basis, parent), section tree, closing, signature."""

from __future__ import annotations

from plan_parser.extract.agencies import AgencyMatch, match_agency
from plan_parser.normalize import NormalizedText
from plan_parser.structure.attachments import read_attachments
from plan_parser.structure.closing import (
    body_end,
    closing_start,
    read_appendices,
    read_recipients,
    read_signature,
)
from plan_parser.structure.consolidated import read_adoption_date, read_consolidation
from plan_parser.structure.examples import worked_examples
from plan_parser.structure.header import find_type_line, header_region_end, read_header
from plan_parser.structure.labels import line_labels
from plan_parser.structure.model import DocumentStructure, Header, TextSpan
from plan_parser.structure.preamble import find_parent, read_preamble
from plan_parser.structure.rules import structure_rules
from plan_parser.structure.sections import build_tree, first_section_line

__all__ = ["DocumentStructure", "parse_structure"]


def parse_structure(norm: NormalizedText) -> DocumentStructure:
    """Parse the normalized text of a plan into its parts."""
    lines = norm.line_spans()
    if lines == [(0, 0)]:
        lines = []
    type_index = find_type_line(norm, lines)
    region_end = type_index if type_index is not None else header_region_end(norm, lines)
    header = read_header(norm, lines, type_index, region_end)
    read_consolidation(header, norm, lines, region_end)
    read_adoption_date(header, norm, lines[region_end][0] if region_end < len(lines) else 0)
    preamble_start = (type_index + 1) if type_index is not None else region_end
    section_index = first_section_line(norm, lines, preamble_start)
    body_start = section_index if section_index is not None else preamble_start
    content_end = body_end(norm, lines, body_start)
    preamble_stop = section_index if section_index is not None else content_end
    preamble = read_preamble(norm, lines, preamble_start, preamble_stop, header.title)
    header.title = preamble.title
    structure = DocumentStructure(header=header, basis=preamble.basis,
                                  issuing_clause=preamble.issuing_clause)
    structure.parent = find_parent(preamble, _issues_a_plan(header))
    structure.enacted = enacted_from(norm, lines, preamble_start, preamble_stop)
    structure.examples = worked_examples(norm.text)
    if section_index is not None:
        labels = line_labels(norm.text, lines, section_index, content_end)  # read once
        close_at = closing_start(norm, lines, section_index, content_end, labels)
        structure.sections = build_tree(norm, lines, section_index, close_at, labels)
        structure.body = (lines[section_index][0], lines[content_end - 1][1])
        if close_at < content_end:
            start, end = lines[close_at][0], lines[content_end - 1][1]
            structure.closing = TextSpan(norm.display(start, end), start, end)
    structure.recipients, recipient_lines = read_recipients(norm, lines, content_end)
    structure.signature, after_signature = read_signature(norm, lines, content_end,
                                                          recipient_lines)
    tail = max(after_signature, recipient_lines.stop if recipient_lines else content_end)
    structure.attachments = read_attachments(norm, lines, tail)
    if structure.attachments:  # appendices come after the attached documents' bodies
        first = structure.attachments[0]
        tail = next((i for i, (s, _e) in enumerate(lines) if s >= first.start), tail)
    structure.appendices = [a for a in read_appendices(norm, lines, tail)
                            if not any(t.start <= a.start < t.end and t.sections
                                       and a.start < t.sections[-1].end
                                       for t in structure.attachments)]
    _complete_header(norm, structure, preamble.issuer, preamble.enacting)
    return structure


def _issues_a_plan(header: Header) -> bool:
    """A plan, or a document that issues one ("Quyết định ban hành Kế hoạch …"); also a
    document of unknown type (a draft without its type line)."""
    rules = structure_rules()
    if header.doc_type_name is None or header.doc_type_name in rules.plan_types:
        return True
    title = " ".join((header.title.text if header.title else "").lower().split())
    return header.doc_type_name in rules.plan_issuers and bool(rules.issues_plan.search(title))


def _complete_header(norm: NormalizedText, structure: DocumentStructure,
                     clause_issuer: AgencyMatch | None,
                     enacting: AgencyMatch | None = None) -> None:
    """Fill what the header block did not state from the body of the plan."""
    header: Header = structure.header
    rules = structure_rules()
    signature = structure.signature
    if signature and any(a.text.split(" ", 1)[0].rstrip(".") in {m.rstrip(".") for m in
                                                                   rules.party_marks}
                         for a in signature.authority):
        header.system = "party"
    if header.issuer is not None:
        header.issuer_full = _canonical_issuer(header)
        return
    # no issuer line above the number: the body of the issuing clause, else the body enacting
    # on its own line before the bases
    agency, source = (clause_issuer, "issuing-clause") if clause_issuer is not None else (
        enacting, "enacting-line")
    if agency is not None:
        header.issuer = TextSpan(norm.display(agency.start, agency.end), agency.start,
                                 agency.end)
        header.issuer_source = source
        header.issuer_full = _complete_with_place(agency, header)


def _canonical_issuer(header: Header) -> str:
    """The header's issuing body in canonical spelling: "SỞ NỘI VỤ" under "UBND TỈNH NGHỆ AN"
    → "Sở Nội vụ tỉnh Nghệ An"; a name the agency grammar does not cover stays as written."""
    written = " ".join(header.issuer.text.split())
    agency = match_agency(written, 0)
    if agency is None or agency.end < len(written):
        return written
    if agency.head.locality and not agency.locality_kind and header.issuer_parent is not None:
        parent_text = " ".join(header.issuer_parent.text.split())
        parent = match_agency(parent_text, 0)
        if parent is not None and parent.locality_kind and parent.locality_name:
            return f"{agency.canonical} {parent.locality_kind} {parent.locality_name}"
    return _complete_with_place(agency, header)


def _complete_with_place(agency: AgencyMatch, header: Header) -> str:
    """"Ủy ban nhân dân phường" + place "Ngọc Hà" → "Ủy ban nhân dân phường Ngọc Hà"."""
    name = agency.canonical
    if agency.locality_kind and not agency.locality_name and header.place:
        name = f"{name} {header.place.text}"
    return name


def enacted_from(norm: NormalizedText, lines: list[tuple[int, int]], first: int,
                 stop: int) -> int | None:
    """Where the text after the last enacting line ("QUYẾT NGHỊ:") of ``lines[first:stop]``
    starts, or None when the preamble has no such line."""
    pattern = structure_rules().enacting_line
    text = norm.text
    for index in range(min(stop, len(lines)) - 1, first - 1, -1):
        start, end = lines[index]
        if pattern.match(text, start, end):
            return end
    return None
