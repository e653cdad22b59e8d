"""A drafter's own .docx given back with every finding as a Word comment on its paragraph,
so that the draft is fixed where it is written (python-docx ≥ 1.2 writes the comments).

A finding is put on the first paragraph, at or after the previous finding's, whose text holds
the finding's text (paragraphs of tables included, in document order); a finding whose text is
found nowhere (a blank number, a missing part) goes on the first paragraph.
"""

from __future__ import annotations

import io
from typing import Any

__all__ = ["AUTHOR", "docx_with_comments"]

AUTHOR = "plan-parser"
_SEVERITY_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Ghi chú"}


def docx_with_comments(data: bytes, findings: list[dict[str, Any]]) -> bytes:
    """The .docx ``data`` with one comment per finding (the analyze contract's findings)."""
    from docx import Document

    document = Document(io.BytesIO(data))
    paragraphs = [p for p in _paragraphs(document) if p.runs]
    if not paragraphs:
        paragraphs = [document.add_paragraph("")]
        paragraphs[0].add_run("")
    texts = [" ".join(p.text.split()) for p in paragraphs]
    position = 0
    for finding in sorted(findings, key=lambda f: (f.get("start", 0), f.get("end", 0))):
        wanted = " ".join((finding.get("text") or "").split())
        at = _find(texts, wanted, position) if wanted else None
        if at is None:
            at = 0
        else:
            position = at
        message = f"{_SEVERITY_VI.get(finding['severity'], finding['severity'])} " \
                  f"[{finding['rule']}]: {finding['message']}"
        if finding.get("suggestion"):
            message += f"\nĐề xuất: {finding['suggestion']}"
        paragraph = paragraphs[at]
        document.add_comment(paragraph.runs, text=message, author=AUTHOR, initials="PP")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _find(texts: list[str], wanted: str, start: int) -> int | None:
    for index in range(start, len(texts)):
        if wanted in texts[index]:
            return index
    for index in range(start):
        if wanted in texts[index]:
            return index
    return None


def _paragraphs(document) -> list:
    """Every paragraph of the body, table cells included, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    found = []

    def walk(container) -> None:
        for item in container.iter_inner_content():
            if isinstance(item, Paragraph):
                found.append(item)
            elif isinstance(item, Table):
                for row in item.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell is listed once per column
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)

    walk(document)
    return found
