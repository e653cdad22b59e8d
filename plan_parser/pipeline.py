"""The whole pipeline in one place: read → normalize → structure → extract → resolve → check
(lint rules, deviations from the parent)."""

from __future__ import annotations

from pathlib import Path

from plan_parser.analysis import Analysis
from plan_parser.faults import FaultLog
from plan_parser.lint import LintOptions, lint_analysis
from plan_parser.normalize import normalize, unnormalized
from plan_parser.parent.deviation import profile_for
from plan_parser.readers import SourceDocument, read_document, source_from_text
from plan_parser.structure import DocumentStructure, parse_structure
from plan_parser.structure.model import Header
from plan_parser.structure.spans import content_span, preamble_span

__all__ = ["Analysis", "analyze_file", "analyze_source", "analyze_text", "parent_from_path"]


def analyze_source(source: SourceDocument, options: LintOptions | None = None) -> Analysis:
    """Run every stage on a document that has been read; ``options`` steer the checks.

    A stage that fails loses only its own part: it leaves an ``internal-error`` finding and the
    stages after it work on what there is (the text unnormalized, an empty structure ...).
    """
    from plan_parser.limits import limits

    faults = FaultLog(seconds=limits().max_seconds)
    normalized = None
    with faults.contained("normalize"):
        normalized = normalize(source.text, fmt=source.format)
    if normalized is None:
        normalized = unnormalized(source.text, source.format)
    structure = None
    if faults.in_time("structure"):
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
    analysis.faults = faults.findings  # the same list: a time limit met later is in it too
    with faults.contained("parent.profile"):
        analysis.parent_profile = profile_for(analysis, options or LintOptions())
    if faults.in_time("lint"):
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
    from plan_parser.extract.targets import find_targets, subject_phrase
    from plan_parser.extract.units import find_unit_mentions
    from plan_parser.resolve.assignments import lead_unit, resolve_assignments
    from plan_parser.resolve.places import check_places
    from plan_parser.resolve.references import resolve_documents
    from plan_parser.resolve.targets import complete_targets
    from plan_parser.resolve.units import resolve_units

    text = analysis.normalized.text
    structure = analysis.structure
    normalized = analysis.normalized
    # citations, targets and deadlines are also in footnotes, annex tables and appendices
    whole = (span[0], len(text))
    mentions: list = []
    if faults.in_time("extract.references"):
        with faults.contained("extract.references"):
            mentions = find_mentions(text, *whole)
            analysis.references = resolve_documents(mentions, structure, preamble_span(structure))
    body = (structure.body[0] if structure.body else span[0], span[1])
    # targets also in the enacted text before the first section: "QUYẾT NGHỊ:" / "… phấn đấu
    # tăng trưởng kinh tế cả năm 2025 đạt trên 8% …, Chính phủ yêu cầu …:" / "1. …"
    targets_from = body[0] if structure.enacted is None else min(body[0], structure.enacted)
    if faults.in_time("extract.targets"):
        with faults.contained("extract.targets"):
            analysis.targets, analysis.set_aside_targets = complete_targets(
                find_targets(text, targets_from, whole[1], set_aside=True), structure, normalized)
    if faults.in_time("extract.deadlines"):
        with faults.contained("extract.deadlines"):
            analysis.deadlines = find_deadlines(text, *whole)
    if faults.in_time("resolve.deadlines"):
        with faults.contained("resolve.deadlines"):
            from plan_parser.resolve.deadlines import cited_floor, complete_deadlines

            # past dates of the running text report facts; a table's time column schedules
            analysis.deadlines = complete_deadlines(analysis.deadlines, structure, text,
                                                    cited_floor(analysis.references))
    if faults.in_time("extract.tables"):
        with faults.contained("extract.tables"):
            from plan_parser.extract.tables import (
                find_tables,
                plain_time_cells,
                table_deadlines,
                table_targets,
                with_row_tasks,
                without_bare_figures,
            )
            from plan_parser.spans import SpanSet

            tables = find_tables(normalized)
            plain = plain_time_cells(normalized) if not tables else []
            if not tables:  # a PDF's text layer: tables of indicators without borders
                from plan_parser.extract.plain_tables import find_plain_tables

                tables = find_plain_tables(normalized)
            if plain:
                analysis.deadlines = sorted(
                    [*analysis.deadlines, *table_deadlines(
                        text, [], SpanSet((d.start, d.end) for d in analysis.deadlines), plain)],
                    key=lambda d: (d.start, d.end))
            if tables:
                analysis.targets = without_bare_figures(analysis.targets, tables)
                analysis.deadlines = sorted(
                    [*analysis.deadlines, *table_deadlines(
                        text, tables, SpanSet((d.start, d.end) for d in analysis.deadlines))],
                    key=lambda d: (d.start, d.end))
                analysis.deadlines = with_row_tasks(analysis.deadlines, tables,
                                                    shorten=subject_phrase)
                analysis.targets = with_row_tasks(sorted(
                    [*analysis.targets, *table_targets(
                        text, tables, SpanSet((t.start, t.end) for t in analysis.targets))],
                    key=lambda t: t.start), tables, shorten=subject_phrase)
    if faults.in_time("resolve.deadline_subjects"):
        with faults.contained("resolve.deadline_subjects"):
            from plan_parser.resolve.deadline_subjects import with_subjects

            analysis.deadlines = with_subjects(analysis.deadlines, text)
    if faults.in_time("extract.vague_reports"):
        with faults.contained("extract.vague_reports"):
            analysis.vague_reports = find_vague_reports(text, *body, analysis.deadlines)
    citations = [(m.start, m.end) for m in mentions if m.form != "self"]
    if faults.in_time("extract.units"):
        with faults.contained("extract.units"):
            unit_mentions = find_unit_mentions(text, *body, citations)
            analysis.units = resolve_units(unit_mentions, normalized)
    if faults.in_time("resolve.assignments"):
        with faults.contained("resolve.assignments"):
            analysis.assignments = resolve_assignments(structure, normalized, analysis.units)
            analysis.lead_unit = lead_unit(analysis.assignments, structure, normalized)
    if faults.in_time("resolve.places"):
        with faults.contained("resolve.places"):
            analysis.places = check_places(structure, normalized)


def analyze_file(path: str | Path, options: LintOptions | None = None) -> Analysis:
    """Read and analyse one file; raises :class:`~plan_parser.readers.InputError` on bad input."""
    return analyze_source(read_document(path), options)


def analyze_text(text: str, path: str = "<text>", fmt: str = "txt",
                 options: LintOptions | None = None) -> Analysis:
    """Analyse an in-memory text as if read from a .txt file."""
    return analyze_source(source_from_text(text, path, fmt), options)


def parent_from_path(path: Path):
    """A parent profile from a profile YAML, or from a plan file (.txt/.md/.docx/.pdf) that
    the whole pipeline analyses first."""
    from plan_parser.parent.from_plan import profile_of_plan
    from plan_parser.parent.profile import load_profile

    if path.suffix.lower() in (".yaml", ".yml"):
        return load_profile(path)
    return profile_of_plan(analyze_file(path, LintOptions(use_default_parent=False)), str(path))
