"""A fault stays small: a failing stage, extractor or rule loses only its own part."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plan_parser.export.json_export import analysis_to_dict
from plan_parser.faults import INTERNAL_ERROR
from plan_parser.pipeline import analyze_file

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "plans" / "004_0bb98ddc820da85f.txt"


def _boom(*_args, **_kwargs):
    raise RuntimeError("boom")


def _internal(findings) -> list:
    return [f for f in findings if f.rule == INTERNAL_ERROR]


def test_a_failing_extractor_loses_only_its_part(monkeypatch: pytest.MonkeyPatch) -> None:
    healthy = analyze_file(PLAN)
    monkeypatch.setattr("plan_parser.extract.targets.find_targets", _boom)
    analysis = analyze_file(PLAN)
    assert analysis.targets == [] and healthy.targets
    assert len(analysis.references) == len(healthy.references) > 0
    assert len(analysis.deadlines) == len(healthy.deadlines) > 0
    assert analysis.structure.header.number == healthy.structure.header.number
    (fault,) = _internal(analysis.findings)
    assert fault.key == "extract.targets"
    assert "RuntimeError: boom" in fault.message and "extract.targets" in fault.message
    doc = analysis_to_dict(analysis)
    assert doc["references"] and doc["header"]["number"] == healthy.structure.header.number
    assert [f["key"] for f in doc["findings"] if f["rule"] == INTERNAL_ERROR] == [
        "extract.targets"]


def test_a_failing_stage_still_gives_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("plan_parser.pipeline.parse_structure", _boom)
    analysis = analyze_file(PLAN)
    assert [f.key for f in _internal(analysis.findings)] == ["structure"]
    doc = analysis_to_dict(analysis)
    assert doc["source"]["length"] == len(PLAN.read_text(encoding="utf-8"))
    assert doc["sections"] == []


def test_a_failing_normalizer_falls_back_to_the_text_as_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("plan_parser.pipeline.normalize", _boom)
    analysis = analyze_file(PLAN)
    assert _internal(analysis.findings)[0].key == "normalize"
    assert analysis.normalized.text == analysis.source.text
    assert analysis.structure.header.doc_type_name == "Kế hoạch"  # the plain text still parses


def test_a_failing_rule_loses_only_its_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    from plan_parser.lint.engines import ENGINES

    healthy = analyze_file(PLAN)
    monkeypatch.setattr(ENGINES["sequence"], "check", _boom)
    analysis = analyze_file(PLAN)
    faults = _internal(analysis.findings)
    assert {f.key for f in faults} == {"rule numbering-gap", "rule numbering-duplicate"}
    kept = {f.rule for f in healthy.findings} - {"numbering-gap", "numbering-duplicate"}
    assert kept <= {f.rule for f in analysis.findings}


def test_a_failing_export_part_is_null_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    analysis = analyze_file(PLAN)
    monkeypatch.setattr("plan_parser.export.json_export._target", _boom)
    doc = analysis_to_dict(analysis)
    assert doc["targets"] == [] and doc["references"]
    assert any(f["key"] == "export.targets" for f in doc["findings"])


def _cli(*args: str, env_rules: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "PLAN_PARSER_RULES": str(env_rules)}
    return subprocess.run([sys.executable, "-m", "plan_parser", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, check=False)


def test_strict_mode_and_the_batch_summary(tmp_path: Path) -> None:
    rules = tmp_path / "rules" / "lint"
    rules.mkdir(parents=True)
    (rules / "broken.yaml").write_text(
        "rules:\n  - id: broken-check\n    type: computed\n    check: no-such-check\n"
        "    severity: warning\n    category: format\n    description: a rule that fails\n"
        "    message: never shown\n", encoding="utf-8")
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.txt").write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"not a zip")
    (folder / "notes.odt").write_bytes(b"x")
    relaxed = _cli("analyze", str(folder), env_rules=tmp_path / "rules")
    lines = [json.loads(line) for line in relaxed.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["targets"]  # the plan is still fully analysed
    assert any(f["rule"] == INTERNAL_ERROR and f["key"] == "rule broken-check"
               for f in lines[0]["findings"])
    assert "3 file(s): 1 analysed, 1 failed, 1 skipped, 1 with internal errors" in relaxed.stderr
    assert relaxed.returncode == 2  # the broken .docx, not the internal error
    strict = _cli("lint", str(folder / "plan.txt"), "--strict", env_rules=tmp_path / "rules")
    assert strict.returncode == 3
    assert "broken-check" in strict.stdout
    plain = _cli("lint", str(folder / "plan.txt"), env_rules=tmp_path / "rules")
    assert plain.returncode in (0, 1)
