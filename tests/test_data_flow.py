"""Data flows one way: no stage imports a later one (imports inside functions included)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plan_parser"
# each stage and the stages it must not import
LATER = {
    "readers": ["normalize", "structure", "resolve", "check", "parent", "lint", "export",
                "pipeline", "batch", "web", "cli"],
    "normalize": ["structure", "resolve", "check", "parent", "lint", "export", "pipeline", "batch",
                  "web", "cli"],
    "structure": ["resolve", "check", "parent", "lint", "export", "pipeline", "batch", "web",
                  "cli"],
    "extract": ["resolve", "check", "parent", "lint", "export", "pipeline", "batch", "web", "cli"],
    "resolve": ["check", "parent", "lint", "export", "pipeline", "batch", "web", "cli"],
    "check": ["lint", "export", "pipeline", "batch", "web", "cli"],
    "parent": ["lint", "export", "pipeline", "batch", "web", "cli"],
    "lint": ["export", "pipeline", "batch", "web", "cli"],
    "export": ["pipeline", "batch", "web", "cli"],
    # a batch maps the pipeline over files and writes the exports: only the CLI comes after
    "batch": ["web", "cli"],
    # the web app serves the pipeline and the exports: only the CLI starts it
    "web": ["cli"],
}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("stage", sorted(LATER))
def test_a_stage_imports_no_later_stage(stage: str) -> None:
    offending = []
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        for module in _imported_modules(path):
            parts = module.split(".")
            if parts[0] == "plan_parser" and len(parts) > 1 and parts[1] in LATER[stage]:
                offending.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offending == []
