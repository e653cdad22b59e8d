"""OCR of a scanned PDF (no text layer): each page rendered by pypdfium2, read by Tesseract
with its Vietnamese data through pytesseract.

The text is built from Tesseract's words, line by line (a blank line between its blocks and
paragraphs, pages joined like the text layer's), and every line keeps where it lies on its
page (``SourceDocument.layout``: offsets in the text, page, and box in PDF points), so a
finding can be shown on the page. The text then goes through the same normalization as any.

Tesseract comes from Debian (``apt-get install tesseract-ocr tesseract-ocr-vie``); without it,
or without its Vietnamese data, :func:`missing` says what to install.
"""

from __future__ import annotations

import hashlib
import os
import shutil

from plan_parser.limits import how_to_raise, limits
from plan_parser.readers import SourceDocument
from plan_parser.readers.errors import InputError

__all__ = ["DPI", "LANGUAGE", "missing", "ocr_pdf"]

DPI = 300  # Tesseract reads body text best at 300 dpi
LANGUAGE = "vie"
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-vie"


def missing() -> str | None:
    """What is missing for OCR, with how to install it; None when OCR can run."""
    if shutil.which("tesseract") is None:
        return f"the OCR program Tesseract is not installed ({INSTALL})"
    try:
        import pypdfium2  # noqa: F401
        import pytesseract
    except ImportError as exc:
        return f"the Python package {exc.name} is missing (pip install plan-parser again)"
    try:
        languages = pytesseract.get_languages(config="")
    except Exception as exc:  # a broken installation
        return f"Tesseract does not run ({exc}); reinstall it ({INSTALL})"
    if LANGUAGE not in languages:
        return f"Tesseract has no Vietnamese data ({INSTALL})"
    return None


def ocr_pdf(path: str, data: bytes, separator: str) -> SourceDocument:
    """The text of a scanned PDF, read by OCR, pages joined by ``separator``."""
    import pypdfium2 as pdfium
    import pytesseract

    # Tesseract's OpenMP threads spin against each other and against a batch's other
    # workers: one thread reads a page in 2.8 s here, the default threads took 11.4 s
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"invalid or damaged PDF: {exc}") from None
    pages = len(document)
    limit = limits().max_ocr_pages
    if pages > limit:
        raise InputError(path, f"scanned PDF of {pages} pages: OCR reads at most {limit} "
                               "pages. " + how_to_raise("max_ocr_pages"))
    parts: list[str] = []
    layout: list[tuple[int, int, int, float, float, float, float]] = []
    offset = 0
    for number in range(pages):
        if number:
            parts.append(separator)
            offset += len(separator)
        image = document[number].render(scale=DPI / 72).to_pil()
        words = pytesseract.image_to_data(image, lang=LANGUAGE,
                                          output_type=pytesseract.Output.DICT)
        text, lines = _page_text(words)
        for start, end, box in lines:
            layout.append((offset + start, offset + end, number + 1,
                           *(round(v * 72 / DPI, 1) for v in box)))
        parts.append(text)
        offset += len(text)
    text = "".join(parts)
    if len(text) > limits().max_text_chars:
        from plan_parser.readers.dispatch import text_limit_error

        raise text_limit_error(path, len(text))
    if not text.strip():
        raise InputError(path, "scanned PDF (no text layer): OCR found no text on its pages")
    return SourceDocument(path=path, format="pdf", text=text,
                          sha256=hashlib.sha256(data).hexdigest(), encoding=None,
                          ocr=f"tesseract {LANGUAGE} {DPI} dpi", layout=layout)


def _page_text(words: dict) -> tuple[str, list[tuple[int, int, tuple[int, int, int, int]]]]:
    """One page's text from Tesseract's words, and each line's span and box (pixels)."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(words["text"]):
        if word and word.strip():
            key = (words["block_num"][i], words["par_num"][i], words["line_num"][i])
            lines.setdefault(key, []).append(i)
    text: list[str] = []
    spans: list[tuple[int, int, tuple[int, int, int, int]]] = []
    length = 0
    previous: tuple[int, int] | None = None
    for (block, paragraph, _), indexes in sorted(lines.items()):
        if previous is not None:
            gap = "\n\n" if (block, paragraph) != previous else "\n"
            text.append(gap)
            length += len(gap)
        previous = (block, paragraph)
        line = " ".join(words["text"][i].strip() for i in indexes)
        left = min(words["left"][i] for i in indexes)
        top = min(words["top"][i] for i in indexes)
        right = max(words["left"][i] + words["width"][i] for i in indexes)
        bottom = max(words["top"][i] + words["height"][i] for i in indexes)
        spans.append((length, length + len(line), (left, top, right - left, bottom - top)))
        text.append(line)
        length += len(line)
    return "".join(text), spans
