"""Issue 10: `plan-parser batch` — a process pool over hundreds of plans, a store that makes a
rerun cheap and a killed run resumable, and the report a Sở Nội vụ acts on.

Real sample plans of ``corpus/plans`` are used; each test builds its input folder in
``tmp_path``. Commands run as a subprocess (the pool forks; a test must not fork pytest).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plan_parser.batch.options import FileOptions
from plan_parser.batch.store import Result, Store
from plan_parser.export.batch_compare import compare_groups
from plan_parser.export.plan_summary import plan_summary

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "corpus" / "plans"


def batch(*args: str | Path, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plan_parser", "batch", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four real plans (a .docx among them, one in a sub-folder), a damaged .docx and an
    OpenDocument file (no reader)."""
    root = tmp_path_factory.mktemp("batch") / "in"
    (root / "xa").mkdir(parents=True)
    for name in ("000_3eabe0cf1b1d1b61.txt", "001_4816794cbecccb5d.docx",
                 "004_0bb98ddc820da85f.txt"):
        shutil.copy(PLANS / name, root / name)
    shutil.copy(PLANS / "003_6232d6d9fe3216a3.txt", root / "xa" / "003.txt")
    (root / "xa" / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "ghi_chu.odt").write_bytes(b"PK\x03\x04 OpenDocument")
    return root


@pytest.fixture(scope="module")
def first_run(folder: Path) -> tuple[subprocess.CompletedProcess, Path]:
    out = folder.parent / "out"
    return batch(folder, "--out", out, "-j", "2"), out


def test_every_input_is_accounted_for(first_run) -> None:
    done, out = first_run
    assert done.returncode == 2, done.stderr  # a file failed and one was skipped
    assert "6 file(s): 4 analysed, 0 reused from the store, 1 failed, 1 skipped" in done.stderr
    assert "hong.docx: corrupt .docx file" in done.stderr
    assert "ghi_chu.odt: skipped" in done.stderr
    written = sorted(p.relative_to(out / "plans").as_posix()
                     for p in (out / "plans").rglob("*.json"))
    assert written == ["000_3eabe0cf1b1d1b61_txt.json", "001_4816794cbecccb5d_docx.json",
                       "004_0bb98ddc820da85f_txt.json", "xa/003_txt.json"]


def test_each_plan_json_is_the_analyze_contract(first_run) -> None:
    _, out = first_run
    doc = json.loads((out / "plans" / "004_0bb98ddc820da85f_txt.json").read_text("utf-8"))
    header = doc["header"]
    assert (header["number"], header["symbol"]) == (None, "KH-TTr.NV1")  # "Số: /KH-TTr.NV1"
    assert doc["lead_unit"]["name"] == "Văn phòng Thanh tra tỉnh"
    assert {t["metric"] for t in doc["targets"]} >= {"admin_document_reduction",
                                                      "online_conference_share"}


def test_findings_jsonl_names_the_file_of_each_finding(first_run) -> None:
    _, out = first_run
    lines = [json.loads(line) for line in (out / "findings.jsonl").read_text("utf-8").split("\n")
             if line]
    by_file = {line["file"] for line in lines}
    assert by_file == {"000_3eabe0cf1b1d1b61.txt", "001_4816794cbecccb5d.docx",
                       "004_0bb98ddc820da85f.txt", "xa/003.txt"}
    missing = [line for line in lines if line["file"] == "004_0bb98ddc820da85f.txt"
               and line["rule"] == "target-missing"]
    assert {line["key"] for line in missing} == {"conferences_per_year",
                                                  "concluding_remarks_duration",
                                                  "tthc_digital_share"}


def test_summary_xlsx_has_one_row_per_input(first_run) -> None:
    from openpyxl import load_workbook

    _, out = first_run
    sheet = load_workbook(out / "summary.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 6  # header, then every input (failed and skipped included)
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref
    head = rows[0]
    by_file = {r[0]: dict(zip(head, r, strict=True)) for r in rows[1:]}
    plan = by_file["004_0bb98ddc820da85f.txt"]
    assert plan["Đơn vị chủ trì"] == "Văn phòng Thanh tra tỉnh"
    assert plan["Thủ tục hành chính xử lý trên môi trường số: đánh giá"] == "thiếu"
    assert plan["Tỷ lệ hội nghị tổ chức trực tuyến"] == "tối thiểu 60%"
    assert plan["Lỗi"] == 0 and plan["Cảnh báo"] >= 3
    broken = by_file[next(f for f in by_file if f.endswith("hong.docx"))]
    assert broken["Trạng thái tệp"] == "lỗi đọc tệp" and "corrupt .docx" in broken["Lý do"]


def test_report_html_is_self_contained_and_lists_every_plan(first_run) -> None:
    _, out = first_run
    page = (out / "report.html").read_text("utf-8")
    assert "http://" not in page and "https://" not in page  # no network assets
    for name in ("000_3eabe0cf1b1d1b61.txt", "xa/003.txt", "hong.docx", "ghi_chu.odt"):
        assert name in page
    assert 'id="matrix"' in page and "Thủ tục hành chính xử lý trên môi trường số" in page
    assert "6 tệp; 4 đã phân tích" in page


def test_a_rerun_analyses_only_new_or_changed_files(first_run, folder: Path) -> None:
    _, out = first_run
    again = batch(folder, "--out", out, "-j", "2")
    assert "0 analysed, 4 reused from the store, 1 failed, 1 skipped" in again.stderr
    changed = folder / "xa" / "003.txt"
    changed.write_text(changed.read_text("utf-8") + "\nBổ sung.\n", encoding="utf-8")
    third = batch(folder, "--out", out, "-j", "2")
    assert "1 analysed, 3 reused from the store" in third.stderr
    with Store(out / "plans.sqlite") as store:
        versions = store.versions(str(changed))
        assert len(versions) == 2  # the commune's two submissions are both kept
        count, before = store.earlier(str(changed), versions[-1][0])
        assert count == 2 and before is not None and before["warning"] >= 1
    page = (out / "report.html").read_text("utf-8")
    plans = page[page.index('id="plans"'):]
    row = plans[plans.index('>xa/003.txt</a>'):]
    row = row[:row.index("</tr>")]
    assert f'>2 <span class="muted" title="lỗi / cảnh báo của lần nộp trước">' \
           f'({before["error"]} / {before["warning"]})' in row


def test_a_killed_run_resumes_without_redoing_done_files(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    texts = sorted(PLANS.glob("*.txt"))
    for copy in range(12):  # 60 distinct files (a line added makes each copy new content)
        for path in texts:
            target = inputs / f"{copy}_{path.name}"
            target.write_text(path.read_text("utf-8") + f"\n{copy}\n", encoding="utf-8")
    total = len(list(inputs.iterdir()))
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "plan_parser", "batch", str(inputs),
                                "--out", str(out), "-j", "1", "--no-progress"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    database = out / "plans.sqlite"
    done_before = 0
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if database.exists():
            try:
                with sqlite3.connect(database) as db:
                    done_before = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            except sqlite3.Error:
                continue
            if done_before >= 3:
                break
    assert process.poll() is None, "the batch ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)  # the main process and its workers, mid-run
    process.wait()
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    assert 3 <= kept < total
    rerun = batch(inputs, "--out", out, "-j", "2")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - kept} analysed, {kept} reused from the store, 0 failed" in rerun.stderr


def _slow(path: str, request: FileOptions, sha256: str | None, member=None) -> Result:
    """A per-file function that never ends on one file (for the time limit)."""
    if path.endswith("slow.txt"):
        time.sleep(60)
    return Result("ok", None, b"{}", {"counts": {}}, 0.0)


def test_a_file_past_the_time_limit_fails_alone(tmp_path: Path) -> None:
    from plan_parser.batch.runner import run_batch

    for name in ("a.txt", "slow.txt", "b.txt"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(f"KẾ HOẠCH {name}\n", encoding="utf-8")
    with Store(tmp_path / "store.sqlite") as store:
        started = time.monotonic()
        run = run_batch([tmp_path / "in"], FileOptions(), store, jobs=2, timeout=2,
                        work=_slow)
        assert time.monotonic() - started < 30
        failed = [p for p in run.plans if p.result.status != "ok"]
        assert [p.path.name for p in failed] == ["slow.txt"]
        assert "time limit" in failed[0].result.reason
        assert run.analysed == 2 and run.failed == 1
        # a time limit is not kept: the next run tries the file again
        assert store.done(run.plans[0].setup, [p.sha256 for p in failed]) == set()


def test_plan_summary_of_a_real_plan() -> None:
    from plan_parser.export.json_export import analysis_to_dict
    from plan_parser.pipeline import analyze_file

    analysis = analyze_file(PLANS / "000_3eabe0cf1b1d1b61.txt")
    row = plan_summary(analysis, analysis_to_dict(analysis))
    assert row["issuer"] == "Ủy ban nhân dân xã Lâm Thao"
    assert row["symbol"] == "73A/KH-UBND"
    assert row["parent"]["symbol"] == "135/KH-UBND" and row["parent_status"] == "right"
    assert row["reporting_dates"] == ["01/12 (hằng năm)"]
    cell = row["metrics"]["admin_document_reduction"]
    assert (cell["status"], cell["value"], cell["required"]) == ("weaker", 10, "tối thiểu 15%")


def test_a_worker_packs_its_result_and_the_store_gives_the_json_back(tmp_path: Path) -> None:
    from plan_parser.batch.worker import analyse_one

    plan = PLANS / "000_3eabe0cf1b1d1b61.txt"
    result = analyse_one(str(plan), FileOptions(None, False, False, None))
    assert result.status == "ok" and result.packed
    with Store(tmp_path / "plans.sqlite") as store:
        store.put("a" * 64, "setup", result)
        doc = json.loads(store.analysis("a" * 64, "setup"))
        # a result made in the main process (not packed) is kept the same way
        store.put("b" * 64, "setup", Result("ok", None, b'{"x": 1}', {}, 0.0))
        assert json.loads(store.analysis("b" * 64, "setup")) == {"x": 1}
    assert (doc["header"]["number"], doc["header"]["symbol"]) == ("73A", "KH-UBND")


def test_outliers_and_differing_dates_within_a_parent_group() -> None:
    def row(name: str, value: float, dates: list[str], parent: str = "135/KH-UBND") -> dict:
        return {"file": name, "status": "ok", "parent": {"symbol": parent},
                "reporting_dates": dates,
                "metrics": {"m": {"status": "meets", "value": value, "label": "m"}}}

    rows = [row("a", 15, ["01/12"]), row("b", 16, ["01/12"]), row("c", 15, ["01/12"]),
            row("d", 60, ["20/12"]), row("e", 15, ["01/12"]),
            row("f", 90, ["05/12"], parent="other")]
    compare_groups(rows)
    assert [r["file"] for r in rows if r["outliers"]] == ["d"]
    assert [r["file"] for r in rows if r["dates_differ"]] == ["d"]


def test_a_zip_archive_is_a_folder_of_plans(tmp_path: Path) -> None:
    import zipfile

    inputs = tmp_path / "in"
    inputs.mkdir()
    with zipfile.ZipFile(inputs / "xa_gui.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(PLANS / "000_3eabe0cf1b1d1b61.txt", "phuong_a/ke_hoach.txt")
        archive.write(PLANS / "001_4816794cbecccb5d.docx", "phuong_b/ke_hoach.docx")
        archive.writestr("phuong_c/bang.xlsx", b"PK")
        archive.writestr("../ngoai.txt", "KẾ HOẠCH")
    done = batch(inputs, "--out", tmp_path / "out", "-j", "2")
    assert "2 analysed, 0 reused from the store, 0 failed, 2 skipped" in done.stderr, done.stderr
    assert "bang.xlsx: skipped: unsupported format" in done.stderr
    assert "ngoai.txt: skipped: unsafe name" in done.stderr
    written = sorted(p.relative_to(tmp_path / "out" / "plans").as_posix()
                     for p in (tmp_path / "out" / "plans").rglob("*.json"))
    assert written == ["xa_gui.zip/phuong_a/ke_hoach_txt.json",
                       "xa_gui.zip/phuong_b/ke_hoach_docx.json"]
    doc = json.loads((tmp_path / "out" / "plans" / written[1]).read_text("utf-8"))
    assert doc["source"]["format"] == "docx" and doc["header"]["symbol"] == "KH-UBND"


def test_the_largest_inputs_are_scheduled_first(tmp_path: Path) -> None:
    """Longest first: a long file never starts last while the other workers are idle."""
    import zipfile

    from plan_parser.batch.inputs import collect_inputs
    from plan_parser.batch.runner import PlanResult, largest_first

    (tmp_path / "nho.txt").write_text("KẾ HOẠCH\n", encoding="utf-8")
    shutil.copy(PLANS / "004_0bb98ddc820da85f.txt", tmp_path / "lon.txt")
    with zipfile.ZipFile(tmp_path / "goi.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("vua.txt", "KẾ HOẠCH\n" * 200)  # 2 KB inflated, far less zipped
    inputs = collect_inputs([tmp_path], None, archives=True)
    todo = [PlanResult(path, inputs.relative[path], None, "", Result("failed", "not run"))
            for path in inputs.files]
    order = [plan.path.name for plan in largest_first(todo, inputs.members)]
    assert order == ["lon.txt", "vua.txt", "nho.txt"]
