"""The law names of rules/law_names.yaml are what tools/build_law_names.py reads from the
development texts (a statistical table is data: rebuilt, it gives the same)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from plan_parser.rules_loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus-real"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real not present")
def test_the_shipped_law_names_are_the_built_ones() -> None:
    spec = importlib.util.spec_from_file_location("build_law_names",
                                                  ROOT / "tools" / "build_law_names.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    built = tool.law_names(REAL)
    shipped = {e["name"]: e["documents"] for e in load_rules("law_names")["names"]}
    assert shipped == dict(built)
    assert shipped["Luật Khám bệnh, chữa bệnh"] >= 1
