"""PDF reader: the text layer as pypdf extracts it, page by page.

Pages are joined with ``"\\n\\f\\n"``: a line holding only a form feed marks a page break.
Scanned PDFs (no text layer) are rejected with advice to run OCR.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import warnings
from collections.abc import Iterator
from typing import Any

from plan_parser.model import Finding
from plan_parser.readers import SourceDocument
from plan_parser.readers.errors import InputError

__all__ = ["MIN_TEXT_CHARS", "PAGE_SEPARATOR", "read_pdf"]

PAGE_SEPARATOR = "\n\f\n"

#: Fewer non-space characters than this in the whole file means "no text layer".
MIN_TEXT_CHARS = 20


def read_pdf(path: str, data: bytes) -> SourceDocument:
    """Extract the text layer of a PDF; raise :class:`InputError` if there is none."""
    with _quiet_pypdf():
        reader = _open(path, data)
        pages, findings = _extract_pages(path, reader)
    text = PAGE_SEPARATOR.join(pages)
    if len(findings) == len(pages):
        raise InputError(path, "invalid or damaged PDF: the text of no page could be extracted")
    if sum(1 for ch in text if not ch.isspace()) < MIN_TEXT_CHARS:
        raise InputError(
            path,
            "PDF has no text layer (scanned image?): run OCR first (e.g. ocrmypdf) and try again",
        )
    return SourceDocument(
        path=path,
        format="pdf",
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=None,
        findings=findings,
    )


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's warnings about sloppy PDFs off the user's terminal while reading."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _open(path: str, data: bytes) -> Any:
    """Open and, if needed, decrypt the PDF (empty user password only)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                path,
                "PDF is password-protected: remove the password (e.g. qpdf --decrypt) "
                "and try again",
            )
        page_count = len(reader.pages)
    except InputError:
        raise
    except DependencyError as exc:
        raise InputError(
            path, f"PDF is encrypted and cannot be decrypted here ({exc}); save an unprotected copy"
        ) from None
    except Exception as exc:  # pypdf raises many types on damaged files
        raise InputError(path, f"invalid or damaged PDF file ({_describe(exc)})") from None
    if page_count == 0:
        raise InputError(path, "PDF has no pages")
    return reader


def _extract_pages(path: str, reader: Any) -> tuple[list[str], list[Finding]]:
    """Text of every page; a page that cannot be read becomes empty plus a warning."""
    pages: list[str] = []
    findings: list[Finding] = []
    offset = 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # a damaged content stream should not lose the other pages
            text = ""
            from plan_parser.messages import finding

            findings.append(finding("pdf-page-unreadable", offset, offset, page=number,
                                    reason=_describe(exc)))
        pages.append(text)
        offset += len(text) + len(PAGE_SEPARATOR)
    return pages, findings


def _describe(exc: Exception) -> str:
    message = str(exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
