"""The script and style that show a document's text with every finding highlighted (nested
where findings overlap) and the list of findings, linked both ways: one renderer for the
served page and the static page of ``lint --format html``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["view_assets"]

_HERE = Path(__file__).parent


@cache
def view_assets() -> tuple[str, str]:
    """``(script, style)`` of the view, to inline in a page (no network assets)."""
    return ((_HERE / "findings_view.js").read_text(encoding="utf-8"),
            (_HERE / "findings_view.css").read_text(encoding="utf-8"))
