"""Shared fixtures: the corpus and cached analyses of its files."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PLANS = sorted((CORPUS / "plans").glob("*.txt"))
ALL_PLAN_FILES = sorted(p for p in (CORPUS / "plans").iterdir()
                        if p.suffix in (".txt", ".docx", ".pdf"))


@cache
def analysis_of(path: Path):
    """Analyse a corpus file once per test session."""
    from plan_parser.pipeline import analyze_file

    return analyze_file(path)


@cache
def json_of(path: Path) -> dict[str, Any]:
    """The JSON object of a corpus file, once per test session."""
    from plan_parser.export.json_export import analysis_to_dict

    return analysis_to_dict(analysis_of(path))


@pytest.fixture(params=PLANS, ids=lambda p: p.stem)
def plan_path(request) -> Path:
    """Each .txt plan of the corpus."""
    return request.param


@pytest.fixture(params=ALL_PLAN_FILES, ids=lambda p: p.name)
def any_plan_path(request) -> Path:
    """Each corpus file: .txt plans and their .docx/.pdf twins."""
    return request.param
