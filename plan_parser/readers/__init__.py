"""Readers: turn a file into the plain text that every offset in the output refers to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plan_parser.model import Finding
from plan_parser.readers.errors import InputError

__all__ = [
    "SUPPORTED_SUFFIXES",
    "InputError",
    "SourceDocument",
    "read_document",
    "source_from_text",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".doc")


@dataclass(slots=True)
class SourceDocument:
    """A file as read: ``text`` is the original text all spans point into."""

    path: str
    format: str  # "txt" | "md" | "docx" | "pdf" | "doc"
    text: str
    sha256: str
    encoding: str | None = None
    findings: list[Finding] = field(default_factory=list)
    # Word comments on a paragraph: 0-based line of ``text`` → the comments' texts
    comments: dict[int, list[str]] = field(default_factory=dict)
    # read by OCR ("tesseract vie 300 dpi"), and where each line lies on its page:
    # (start, end, page, x, y, width, height), offsets in ``text``, the box in PDF points
    ocr: str | None = None
    layout: list[tuple[int, int, int, float, float, float, float]] = field(default_factory=list)


def read_document(path: str | Path) -> SourceDocument:
    """Read a .txt/.md/.docx/.pdf/.doc file (a scanned PDF by OCR, a .doc with antiword, where
    installed); raise :class:`InputError` with a clear cause otherwise."""
    from plan_parser.readers.dispatch import read_document as _read

    return _read(path)


def source_from_text(text: str, path: str = "<text>", fmt: str = "txt") -> SourceDocument:
    """Wrap an in-memory string as a source document (API and tests)."""
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return SourceDocument(path=path, format=fmt, text=text, sha256=digest, encoding="utf-8")
