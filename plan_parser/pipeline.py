"""The whole pipeline in one place: read → normalize → structure → (extract → resolve → check)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plan_parser.model import Finding
from plan_parser.normalize import NormalizedText, normalize
from plan_parser.readers import SourceDocument, read_document, source_from_text
from plan_parser.structure import DocumentStructure, parse_structure


@dataclass(slots=True)
class Analysis:
    """Everything known about one document."""

    source: SourceDocument
    normalized: NormalizedText
    structure: DocumentStructure
    findings: list[Finding] = field(default_factory=list)


def analyze_source(source: SourceDocument) -> Analysis:
    """Run every stage on a document that has been read."""
    normalized = normalize(source.text, fmt=source.format)
    structure = parse_structure(normalized)
    findings = sorted([*source.findings, *normalized.findings], key=lambda f: (f.start, f.end))
    return Analysis(source, normalized, structure, findings)


def analyze_file(path: str | Path) -> Analysis:
    """Read and analyse one file; raises :class:`~plan_parser.readers.InputError` on bad input."""
    return analyze_source(read_document(path))


def analyze_text(text: str, path: str = "<text>", fmt: str = "txt") -> Analysis:
    """Analyse an in-memory text as if read from a .txt file."""
    return analyze_source(source_from_text(text, path, fmt))
