"""The command line, run as users run it (a subprocess), on good and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS, PLANS

PLAN = PLANS[0]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "plan_parser", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=cwd, timeout=300)


def test_analyze_one_file_prints_one_json_object() -> None:
    result = run("analyze", str(PLAN))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "1.4"
    assert doc["header"]["number"] == "73A"
    assert doc["source"]["sha256"] == __import__("hashlib").sha256(PLAN.read_bytes()).hexdigest()


def test_analyze_text_format() -> None:
    result = run("analyze", "--format", "text", str(PLAN))
    assert result.returncode == 0
    assert "Kế hoạch số 73A/KH-UBND — Lâm Thao, 2026-04-24" in result.stdout
    assert "Văn bản cấp trên: Kế hoạch số 135/KH-UBND ngày 2026-04-23 của UBND tỉnh Bắc Ninh" in (
        result.stdout)


def test_batch_folder_with_a_broken_file_processes_the_others(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for plan in PLANS[:3]:
        (batch / plan.name).write_bytes(plan.read_bytes())
    (batch / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (batch / "trong.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = run("analyze", str(batch), "--output", str(out))
    assert result.returncode == 2
    assert "hong.docx" in result.stderr and "trong.txt: file is empty" in result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"{p.stem}_txt.json" for p in PLANS[:3]]
    doc = json.loads((out / f"{PLANS[1].stem}_txt.json").read_text(encoding="utf-8"))
    assert doc["parent"]["symbol"] == "144/KH-UBND"


def test_several_files_print_json_lines() -> None:
    result = run("analyze", *map(str, PLANS))
    assert result.returncode == 0
    lines = result.stdout.strip().split("\n")
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(p) for p in PLANS]


def test_bad_inputs_exit_2_with_the_file_named(tmp_path: Path) -> None:
    binary = tmp_path / "anh.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    wrong = tmp_path / "bang.xlsx"
    wrong.write_bytes(b"hello")
    empty_dir = tmp_path / "rong"
    empty_dir.mkdir()
    cases = {
        str(tmp_path / "khong-co.txt"): "no such file",
        str(binary): "anh.txt",
        str(wrong): "unsupported file type",
        str(empty_dir): "no .txt, .md, .docx or .pdf files",
    }
    for path, cause in cases.items():
        result = run("analyze", path)
        assert result.returncode == 2, path
        assert result.stderr.startswith("plan-parser: error: "), result.stderr
        assert cause in result.stderr and "Traceback" not in result.stderr


def test_bad_usage_exits_2() -> None:
    assert run("analyze").returncode == 2
    assert run("analyze", str(PLAN), "--format", "xml").returncode == 2
    assert run("no-such-command").returncode == 2


def test_text_command_prints_the_reader_text() -> None:
    result = run("text", str(PLAN))
    assert result.returncode == 0
    assert result.stdout == PLAN.read_text(encoding="utf-8")
    docx = run("text", str(PLAN.with_suffix(".docx")))
    assert docx.returncode == 0  # the header table's cells after border lines
    assert docx.stdout.startswith("|\nSố: 73A/KH-UBND\n|\nLâm Thao, ngày 24")
    normalized = run("text", "--normalized", str(PLAN))
    assert normalized.stdout.startswith(
        "Số: 73A/KH-UBND\nLâm Thao, ngày 24 tháng 4 năm 2026\nKẾ HOẠCH\n")


def test_schema_command_prints_the_published_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["schema_version"]["const"] == "1.4"


def test_eval_command_reports_the_corpus_scores() -> None:
    result = run("eval", str(CORPUS))
    assert result.returncode == 0, result.stdout
    structure = ("| 1.00 / 1.00 / 1.00 (95/95) | 1.00 / 1.00 / 1.00 (20/20) | "
                 "1.00 / 1.00 / 1.00 (254/254)")
    assert f"| txt (5) {structure}" in result.stdout
    assert f"| docx (5) {structure}" in result.stdout
    assert "bar met" in result.stdout


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("plan-parser 0.")
    help_text = run("--help").stdout
    assert "analyze" in help_text and "schema" in help_text


def test_help_does_not_import_the_pipeline() -> None:
    code = ("import sys; sys.argv=['plan-parser','--help']\n"
            "from plan_parser.cli import app\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('plan_parser.pipeline','docx','pypdf','spacy','underthesea',"
            "'regex') if m in sys.modules]\nprint('HEAVY', heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert "HEAVY []" in result.stdout
