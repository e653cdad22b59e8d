"""The work of one request, a pure function of the uploaded bytes: run in a worker process of
the server's pool (killed past the time limit), never in the server's own process."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["RequestError", "analyse", "annotate_docx"]


class RequestError(Exception):
    """A request that cannot be served: ``status`` is the HTTP status, the message says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    def __reduce__(self):  # it crosses from a worker process to the server
        return (RequestError, (self.status, str(self)))


def analyse(name: str, data: bytes, parent: tuple[str, bytes] | None = None,
            final: bool = False) -> dict[str, Any]:
    """The analysis of one upload as the page shows it: the analyze contract, the original
    text every span points into, the SARIF log and the targets beside the parent's."""
    from plan_parser.export.json_export import analysis_to_dict
    from plan_parser.export.lint_formats import render_sarif
    from plan_parser.export.plan_summary import plan_summary
    from plan_parser.lint.context import LintOptions
    from plan_parser.pipeline import analyze_source
    from plan_parser.readers import InputError
    from plan_parser.readers.dispatch import read_data

    try:
        options = LintOptions(final=final, parent=_parent(parent))
        source = read_data(Path(name).name or "upload.txt", data)
    except InputError as exc:
        raise RequestError(422, str(exc)) from None
    analysis = analyze_source(source, options)
    doc = analysis_to_dict(analysis)
    summary = plan_summary(analysis, doc)
    return {"analysis": doc, "text": source.text, "metrics": summary["metrics"],
            "sarif": json.loads(render_sarif([(source.path, doc["findings"])]))}


def annotate_docx(name: str, data: bytes, parent: tuple[str, bytes] | None = None,
                  final: bool = False) -> bytes:
    """The uploaded .docx with its findings as Word comments."""
    from plan_parser.export.docx_comments import docx_with_comments

    if not name.lower().endswith(".docx"):
        raise RequestError(415, f"{name}: Word comments can be added to a .docx only")
    result = analyse(name, data, parent, final)
    return docx_with_comments(data, result["analysis"]["findings"])


def _parent(parent: tuple[str, bytes] | None):
    """A parent profile from an uploaded plan or profile (read from a private temporary
    folder, deleted at once)."""
    if parent is None:
        return None
    from plan_parser.parent.profile import ProfileError
    from plan_parser.pipeline import parent_from_path
    from plan_parser.readers import InputError

    name, data = parent
    with tempfile.TemporaryDirectory(prefix="plan-parser-") as folder:
        path = Path(folder) / (Path(name).name or "parent.txt")
        path.write_bytes(data)
        try:
            return parent_from_path(path)
        except (InputError, ProfileError) as exc:
            raise RequestError(422, f"parent: {exc}") from None
