"""The whole pipeline in one place: read → normalize → structure → extract → resolve → check
(lint rules, deviations from the parent)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plan_parser.extract.deadlines import Deadline, VagueReport
from plan_parser.extract.targets import Target
from plan_parser.faults import FaultLog
from plan_parser.lint import LintOptions, lint_analysis
from plan_parser.model import Finding
from plan_parser.normalize import NormalizedText, normalize, unnormalized
from plan_parser.readers import SourceDocument, read_document, source_from_text
from plan_parser.resolve.assignments import Assignment
from plan_parser.resolve.places import PlaceCheck
from plan_parser.resolve.references import ReferencedDocument
from plan_parser.resolve.units import Unit
from plan_parser.structure import DocumentStructure, parse_structure
from plan_parser.structure.model import Header


@dataclass(slots=True)
class Analysis:
    """Everything known about one document."""

    source: SourceDocument
    normalized: NormalizedText
    structure: DocumentStructure
    findings: list[Finding] = field(default_factory=list)
    references: list[ReferencedDocument] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    vague_reports: list[VagueReport] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    lead_unit: Unit | None = None
    places: list[PlaceCheck] = field(default_factory=list)
    faults: list[Finding] = field(default_factory=list)  # internal errors of the stages


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


def analyze_source(source: SourceDocument, options: LintOptions | None = None) -> Analysis:
    """Run every stage on a document that has been read; ``options`` steer the checks.

    A stage that fails loses only its own part: it leaves an ``internal-error`` finding and the
    stages after it work on what there is (the text unnormalized, an empty structure ...).
    """
    faults = FaultLog()
    normalized = None
    with faults.contained("normalize"):
        normalized = normalize(source.text, fmt=source.format)
    if normalized is None:
        normalized = unnormalized(source.text, source.format)
    structure = None
    with faults.contained("structure"):
        structure = parse_structure(normalized)
    if structure is None:
        structure = DocumentStructure(Header())
    analysis = Analysis(source, normalized, structure)
    span = None
    with faults.contained("structure.content"):
        span = content_span(structure)
    if span is not None:
        _extract(analysis, span, faults)
    analysis.faults = faults.findings
    with faults.contained("lint"):
        analysis.findings = lint_analysis(analysis, options)
    analysis.findings = sorted([*analysis.findings, *(f for f in faults.findings
                                                     if f not in analysis.findings)],
                               key=lambda f: (f.start, f.end, f.rule))
    return analysis


def _extract(analysis: Analysis, span: tuple[int, int], faults: FaultLog) -> None:
    """Extract and resolve references, targets, deadlines, units, assignments and places;
    each extractor on its own, so that one failing loses nothing of the others."""
    from plan_parser.extract.deadlines import find_deadlines, find_vague_reports
    from plan_parser.extract.reference_mentions import find_mentions
    from plan_parser.extract.targets import find_targets
    from plan_parser.extract.units import find_unit_mentions
    from plan_parser.resolve.assignments import lead_unit, resolve_assignments
    from plan_parser.resolve.places import check_places
    from plan_parser.resolve.references import resolve_documents
    from plan_parser.resolve.targets import complete_targets
    from plan_parser.resolve.units import resolve_units

    text = analysis.normalized.text
    structure = analysis.structure
    normalized = analysis.normalized
    mentions: list = []
    with faults.contained("extract.references"):
        mentions = find_mentions(text, *span)
        analysis.references = resolve_documents(mentions, structure, preamble_span(structure))
    body = (structure.body[0] if structure.body else span[0], span[1])
    with faults.contained("extract.targets"):
        analysis.targets = complete_targets(find_targets(text, *body), structure, normalized)
    with faults.contained("extract.deadlines"):
        analysis.deadlines = find_deadlines(text, *span)
    with faults.contained("extract.vague_reports"):
        analysis.vague_reports = find_vague_reports(text, *body, analysis.deadlines)
    citations = [(m.start, m.end) for m in mentions if m.form != "self"]
    with faults.contained("extract.units"):
        unit_mentions = find_unit_mentions(text, *body, citations)
        analysis.units = resolve_units(unit_mentions, normalized)
    with faults.contained("resolve.assignments"):
        analysis.assignments = resolve_assignments(structure, normalized, analysis.units)
        analysis.lead_unit = lead_unit(analysis.assignments, structure, normalized)
    with faults.contained("resolve.places"):
        analysis.places = check_places(structure, normalized)


def analyze_file(path: str | Path, options: LintOptions | None = None) -> Analysis:
    """Read and analyse one file; raises :class:`~plan_parser.readers.InputError` on bad input."""
    return analyze_source(read_document(path), options)


def analyze_text(text: str, path: str = "<text>", fmt: str = "txt",
                 options: LintOptions | None = None) -> Analysis:
    """Analyse an in-memory text as if read from a .txt file."""
    return analyze_source(source_from_text(text, path, fmt), options)
