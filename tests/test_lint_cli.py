"""`plan-parser lint`, `profile` and `rules`, run as users run them (a subprocess)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from conftest import CORPUS, ROOT
from test_cli import run

PLANS = CORPUS / "plans"
PLAN_000 = PLANS / "000_3eabe0cf1b1d1b61.txt"  # has a weaker target: an error
PLAN_003 = PLANS / "003_6232d6d9fe3216a3.txt"


def lint_json(*args: str, cwd: Path | None = None) -> tuple[int, dict]:
    result = run("lint", "--format", "json", *args, cwd=cwd)
    return result.returncode, json.loads(result.stdout)


def rules_of(doc: dict, index: int = 0) -> list[str]:
    return [f["rule"] for f in doc["files"][index]["findings"]]


def test_text_output_lists_path_line_column_severity_rule() -> None:
    result = run("lint", str(PLAN_000))
    assert result.returncode == 1  # target-weaker is an error
    lines = result.stdout.splitlines()
    assert f"{PLAN_000}:47:478: error target-weaker " in result.stdout
    weaker = lines.index(next(x for x in lines if "target-weaker" in x))
    assert lines[weaker + 1].strip() == "| cắt giảm tối thiểu 10%"
    assert lines[weaker + 2].strip() == "→ tối thiểu 15%"
    assert lines[-1] == "1 tệp: 1 lỗi, 15 cảnh báo, 0 thông tin"


def test_exit_codes_and_min_severity(tmp_path: Path) -> None:
    code, doc = lint_json("--min-severity", "error", str(PLAN_000))
    assert code == 1 and rules_of(doc) == ["target-weaker"]
    code, doc = lint_json(str(PLAN_003))
    assert code == 0  # warnings and notes only
    assert doc["summary"] == {"error": 0, "warning": 16, "info": 3}
    missing = run("lint", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "nope.txt" in missing.stderr
    # a broken file in a batch is reported, the others are linted
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("lint", "--format", "json", str(broken), str(PLAN_003))
    assert result.returncode == 2 and "broken.docx" in result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(PLAN_003)]


def test_json_findings_follow_the_offset_contract() -> None:
    _, doc = lint_json(str(PLAN_003), str(PLANS / "003_6232d6d9fe3216a3.docx"))
    from plan_parser.readers import read_document

    for entry in doc["files"]:
        original = read_document(entry["path"]).text
        for f in entry["findings"]:
            assert original[f["start"]:f["end"]] == f["text"]
            line_start = sum(len(x) + 1 for x in original.split("\n")[:f["line"] - 1])
            assert f["start"] - line_start + 1 == f["column"]
    assert rules_of(doc, 0) == rules_of(doc, 1)  # the Word twin gets the same findings


def test_sarif_output_is_valid_sarif_2_1_0() -> None:
    result = run("lint", "--format", "sarif", str(PLANS), cwd=ROOT)
    log = json.loads(result.stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert list(validator.iter_errors(log)) == []
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    first = run_["results"][0]
    assert ids[first["ruleIndex"]] == first["ruleId"]
    uri = PLAN_000.relative_to(ROOT).as_posix()
    weaker = next(r for r in run_["results"] if r["ruleId"] == "target-weaker"
                  and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri)
    region = weaker["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (47, 478)
    assert weaker["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "tối thiểu 15%"}


def test_github_annotations() -> None:
    result = run("lint", "--format", "github", "--min-severity", "error", str(PLAN_000))
    assert result.stdout.strip() == (
        f"::error file={PLAN_000},line=47,col=478,endLine=47,endColumn=500,"
        "title=target-weaker::Chỉ tiêu “Cắt giảm văn bản hành chính so với năm trước” "
        "(tối thiểu 10%25) thấp hơn yêu cầu của văn bản cấp trên (tối thiểu 15%25). "
        "(đề xuất: tối thiểu 15%25)")  # "%" is escaped as the workflow-command format asks


def test_final_mode_turns_blank_number_into_an_error() -> None:
    code, draft = lint_json(str(PLAN_003))
    blank = [f for f in draft["files"][0]["findings"] if f["rule"] == "number-blank"]
    assert [f["severity"] for f in blank] == ["info"] and code == 0
    code, final = lint_json("--final", str(PLAN_003))
    blank = [f for f in final["files"][0]["findings"] if f["rule"] == "number-blank"]
    assert [f["severity"] for f in blank] == ["error"] and code == 1


def test_project_file_disables_rules_changes_severity_and_waives(tmp_path: Path) -> None:
    plan = tmp_path / "drafts" / "ke-hoach.txt"
    plan.parent.mkdir()
    plan.write_text(PLAN_003.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".planlint.yaml").write_text(
        "rules:\n  motto-missing: off\n  vague-deadline: error\n"
        "ignore:\n  - {rule: confusable-word, text: \"chùng\"}\n", encoding="utf-8")
    code, doc = lint_json(str(plan))
    rules = rules_of(doc)
    assert "motto-missing" not in rules
    assert {f["severity"] for f in doc["files"][0]["findings"]
            if f["rule"] == "vague-deadline"} == {"error"}
    confusables = [f["text"] for f in doc["files"][0]["findings"]
                   if f["rule"] == "confusable-word"]
    assert "chùng" not in confusables and "Phân đầu" in confusables
    assert code == 1
    (tmp_path / ".planlint.yaml").write_text("rules:\n  no-such-rule: off\n", encoding="utf-8")
    bad = run("lint", str(plan))
    assert bad.returncode == 2 and "no-such-rule" in bad.stderr


def test_inline_waiver_in_the_text(tmp_path: Path) -> None:
    text = PLAN_000.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "Phân đầu" in x)
    waived = text.replace(line, "<!-- plan-parser: ignore confusable-word -->\n" + line)
    plan = tmp_path / "ke-hoach.md"
    plan.write_text(waived, encoding="utf-8")
    _, doc = lint_json(str(plan))
    confusables = [f["text"] for f in doc["files"][0]["findings"]
                   if f["rule"] == "confusable-word"]
    assert "Phân đầu" not in confusables and "chùng chéo" in confusables


def test_rules_list_and_test() -> None:
    listed = json.loads(run("rules", "list", "--format", "json").stdout)
    assert {"confusable-word", "target-weaker", "numbering-gap", "signature-authority"} <= {
        r["id"] for r in listed}
    # a rule still being measured is listed as off by default; the text table says how to
    # turn it on
    assert {r["id"] for r in listed if not r["on_by_default"]} == {"misspelled-in-context"}
    assert "off (rules:" in run("rules", "list").stdout
    tested = run("rules", "test")
    assert tested.returncode == 0, tested.stdout
    assert "examples of" in tested.stdout and "passed" in tested.stdout


def test_profile_written_and_used_as_parent(tmp_path: Path) -> None:
    profile = tmp_path / "parent.yaml"
    result = run("profile", str(PLANS / "002_13f964805a2db5fd.txt"), "-o", str(profile))
    assert result.returncode == 0, result.stderr
    import yaml

    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    assert data["schema"] == "plan-parser/profile/1"
    assert {"metric": "admin_document_reduction", "op": ">=", "value": 15, "unit": "%",
            "label": "Cắt giảm văn bản hành chính"} in data["targets"]
    _, from_yaml = lint_json("--parent", str(profile), str(PLAN_000))
    _, from_plan = lint_json("--parent", str(PLANS / "002_13f964805a2db5fd.txt"),
                                 str(PLAN_000))
    # the same findings, except the copy check, which needs the parent's text
    assert rules_of(from_yaml) == [r for r in rules_of(from_plan) if r != "copied-from-parent"]
    weaker = [f for f in from_yaml["files"][0]["findings"] if f["rule"] == "target-weaker"]
    assert [(f["key"], f["text"]) for f in weaker] == [
        ("admin_document_reduction", "cắt giảm tối thiểu 10%")]


def test_word_comment_waives_a_finding(tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(PLANS / "000_3eabe0cf1b1d1b61.docx"))
    paragraph = next(p for p in document.paragraphs if "Phân đầu" in p.text)
    document.add_comment(paragraph.runs, text="plan-parser: ignore confusable-word",
                         author="Chuyên viên", initials="CV")
    waived = tmp_path / "ke-hoach.docx"
    document.save(str(waived))
    _, doc = lint_json(str(waived))
    confusables = [f["text"] for f in doc["files"][0]["findings"]
                   if f["rule"] == "confusable-word"]
    assert "Phân đầu" not in confusables and "chùng chéo" in confusables


def test_html_report_for_the_browser() -> None:
    result = run("lint", "--format", "html", str(PLAN_000))
    page = result.stdout
    assert result.returncode == 1
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Kết quả kiểm tra 1 văn bản" in page and "1 lỗi, 15 cảnh báo" in page
    assert "http://" not in page and "https://" not in page  # no network assets
    # the text and its findings travel in the page; its script highlights them
    assert "Phân đầu" in page and "confusable-word" in page and "makeView" in page
    rendered = _rendered(page)
    if rendered is not None:  # where Chromium is installed (CI installs it)
        text_part = rendered.split('id="list-0"')[0]
        highlighted = {i for m in re.finditer(r'data-f="([\d ]+)"', text_part)
                       for i in m.group(1).split()}
        listed = len(re.findall(r'<li data-f=', rendered))
        assert listed == 16 and len(highlighted) == listed  # overlapping findings included


def _rendered(page: str) -> str | None:
    """The page's DOM after its script ran, by headless Chromium (None without it)."""
    import shutil
    import subprocess
    import tempfile

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(page, encoding="utf-8")
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={folder}/profile", "--dump-dom",
             path.as_uri()], capture_output=True, text=True, timeout=120)
    return done.stdout
