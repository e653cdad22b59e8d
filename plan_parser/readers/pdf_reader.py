"""PDF reader: the text layer, page by page, as PDFium extracts it where that is safe
(``pdf_fast``), else as pypdf does.

Pages are joined with ``"\\n\\f\\n"``: a line holding only a form feed marks a page break.
A scanned PDF (no text layer) is read by OCR (``plan_parser.readers.ocr``) where Tesseract is
installed, and refused with what to install where it is not.

Work is bounded (``plan_parser.limits``): at most ``max_pdf_pages`` pages, each stream pypdf
decodes at most ``max_inflated_bytes``, and reading stops once the text passes
``max_text_chars``.
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
    """Extract the text layer of a PDF (by PDFium where it is safe, else pypdf); read a
    scanned one by OCR; raise :class:`InputError` with the cause otherwise."""
    from plan_parser.limits import limits
    from plan_parser.readers.pdf_fast import pages_by_pdfium

    pages = pages_by_pdfium(data, limits().max_pdf_pages, limits().max_text_chars)
    findings: list[Finding] = []
    if pages is None:
        with _quiet_pypdf(), _bounded_pypdf():
            reader = _open(path, data)
            pages, findings = _extract_pages(path, reader)
    text = PAGE_SEPARATOR.join(pages)
    if len(findings) == len(pages):
        raise InputError(path, "invalid or damaged PDF: the text of no page could be extracted")
    if sum(1 for ch in text if not ch.isspace()) < MIN_TEXT_CHARS:
        from plan_parser.readers import ocr

        lacking = ocr.missing()
        if lacking is not None:
            raise InputError(path, f"scanned PDF (no text layer): cần OCR — {lacking}")
        return ocr.ocr_pdf(path, data, PAGE_SEPARATOR)
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


#: pypdf's per-stream output limits (``pypdf.Configuration``) set to ``max_inflated_bytes``.
_STREAM_OUTPUT_LIMITS = (
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
    "jbig2_maximum_output_length",
    "array_based_stream_maximum_output_length",
)


@contextlib.contextmanager
def _bounded_pypdf() -> Iterator[None]:
    """Apply ``limits().max_inflated_bytes`` to every stream pypdf decodes (pypdf >= 6.18),
    for this context only (pypdf keeps its configuration in a context variable)."""
    import dataclasses

    import pypdf

    from plan_parser.limits import limits

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:  # an older pypdf: its own 75 MB limits stay
        yield
        return
    known = {f.name for f in dataclasses.fields(pypdf.Configuration)}
    budget = limits().max_inflated_bytes
    with apply(**{name: budget for name in _STREAM_OUTPUT_LIMITS if name in known}):
        yield


def _open(path: str, data: bytes) -> Any:
    """Open and, if needed, decrypt the PDF (empty user password only)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError

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
    except LimitReachedError as exc:
        raise _limit_error(path, exc) from None
    except DependencyError as exc:
        raise InputError(
            path, f"PDF is encrypted and cannot be decrypted here ({exc}); save an unprotected copy"
        ) from None
    except Exception as exc:  # pypdf raises many types on damaged files
        raise InputError(path, f"invalid or damaged PDF file ({_describe(exc)})") from None
    if page_count == 0:
        raise InputError(path, "PDF has no pages")
    _check_page_count(path, page_count)
    return reader


def _check_page_count(path: str, page_count: int) -> None:
    from plan_parser.limits import how_to_raise, limits

    limit = limits().max_pdf_pages
    if page_count > limit:
        raise InputError(
            path,
            f"PDF has too many pages: {page_count:,}, more than the limit of {limit:,}. "
            + how_to_raise("max_pdf_pages"),
        )


def _extract_pages(path: str, reader: Any) -> tuple[list[str], list[Finding]]:
    """Text of every page; a page that cannot be read becomes empty plus a warning."""
    from pypdf.errors import LimitReachedError

    from plan_parser.limits import limits
    from plan_parser.readers.dispatch import text_limit_error

    max_chars = limits().max_text_chars
    pages: list[str] = []
    findings: list[Finding] = []
    offset = 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except LimitReachedError as exc:  # a decompression bomb: refuse, do not skip the page
            raise _limit_error(path, exc) from None
        except Exception as exc:  # a damaged content stream should not lose the other pages
            text = ""
            from plan_parser.messages import finding

            findings.append(finding("pdf-page-unreadable", offset, offset, page=number,
                                    reason=_describe(exc)))
        pages.append(text)
        offset += len(text) + len(PAGE_SEPARATOR)
        if offset - len(PAGE_SEPARATOR) > max_chars:
            raise text_limit_error(path)
    return pages, findings


def _limit_error(path: str, exc: Exception) -> InputError:
    """The refusal of a PDF that passes one of pypdf's limits (decompressed streams above all)."""
    from plan_parser.limits import how_to_raise, limits

    limit_mb = limits().max_inflated_bytes / 1024 / 1024
    return InputError(
        path,
        f"PDF too large to read ({_describe(exc)}): a decompressed stream may hold at most "
        f"{limit_mb:g} MB. " + how_to_raise("max_inflated_bytes"),
    )


def _describe(exc: Exception) -> str:
    message = str(exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
