"""Issue 8, cases 8–13: a batch never overwrites, never skips silently, counts truthfully.

Each hostile folder is built here in ``tmp_path``. Unreadable files and folders are made with
``chmod 000``; when the tests run as root (whom the kernel lets read anything) the kernel's
refusal is emulated for exactly those paths, so the same assertions hold everywhere.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import re
import threading
import time
from pathlib import Path, PurePath

import pytest
from typer.testing import CliRunner

from plan_parser.batch.inputs import OutputError, OutputFolder, collect_inputs, output_name
from plan_parser.cli import app

PLAN = ("UBND XÃ LÂM THAO\nSố: {number}/KH-UBND\nLâm Thao, ngày 24 tháng 4 năm 2026\nKẾ HOẠCH\n"
        "Triển khai công tác chuyển đổi số năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Đạt 100% hồ sơ trực tuyến trước ngày 30/6/2026.\n")


def plan(path: Path, number: str = "12") -> Path:
    """A small plan whose number tells its output apart."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PLAN.format(number=number), encoding="utf-8")
    return path


class Run:
    """One run of the command line, in process."""

    def __init__(self, *args: object) -> None:
        result = CliRunner().invoke(app, [str(a) for a in args])
        self.code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.exception = result.exception

    def summary(self) -> str:
        lines = [ln for ln in self.stderr.splitlines() if re.match(r"plan-parser: \d+ file", ln)]
        assert len(lines) == 1, self.stderr
        return lines[0]

    def clean(self) -> None:
        """No traceback, no usage error: every problem is a sentence."""
        assert isinstance(self.exception, SystemExit | None), repr(self.exception)
        assert "Traceback" not in self.stderr and "Usage:" not in self.stderr, self.stderr


def header_number(path: Path) -> str:
    return json.loads(path.read_text(encoding="utf-8"))["header"]["number"]


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


# -- unreadable paths, for real or emulated as root ------------------------------------------

@pytest.fixture
def deny(monkeypatch):
    """``deny(path)``: make a file or folder unreadable (and a folder impossible to enter)."""
    denied: list[str] = []

    def covers(path: object, inside_only: bool) -> bool:
        if isinstance(path, int):
            return False
        text = os.path.abspath(os.fsdecode(path))
        return any(text.startswith(d + os.sep) or (not inside_only and text == d)
                   for d in denied)

    def refuse(path: object) -> PermissionError:
        return PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))

    if os.geteuid() == 0:
        real_scandir, real_stat, real_open = os.scandir, os.stat, io.open

        def scandir(path=".", *args, **kwargs):
            if covers(path, inside_only=False):
                raise refuse(path)
            return real_scandir(path, *args, **kwargs)

        def stat(path, *args, **kwargs):
            if kwargs.get("dir_fd") is None and covers(path, inside_only=True):
                raise refuse(path)
            return real_stat(path, *args, **kwargs)

        def open_(path, *args, **kwargs):
            if covers(path, inside_only=False):
                raise refuse(path)
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(os, "stat", stat)
        monkeypatch.setattr(io, "open", open_)
        monkeypatch.setattr(builtins, "open", open_)

    def apply(path: Path) -> Path:
        path.chmod(0)
        denied.append(os.path.abspath(path))
        return path

    yield apply
    for path in denied:
        os.chmod(path, 0o755)


# -- case 8: one output per input path --------------------------------------------------------

def test_same_file_names_in_two_subfolders_get_two_outputs(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    plan(inputs / "sub1" / "plan.txt", "1")
    plan(inputs / "sub2" / "plan.txt", "2")
    plan(inputs / "top.txt", "3")
    out = tmp_path / "out"
    run = Run("analyze", inputs, "--output", out)
    assert run.code == 0, run.stderr
    assert tree(out) == ["sub1", "sub1/plan_txt.json", "sub2", "sub2/plan_txt.json",
                         "top_txt.json"]
    assert header_number(out / "sub1" / "plan_txt.json") == "1"
    assert header_number(out / "sub2" / "plan_txt.json") == "2"
    assert run.summary() == f"plan-parser: 3 file(s): 3 analysed, 0 failed, 0 skipped; " \
                            f"3 written into {out}"


def test_folders_with_the_same_name_mirror_below_their_common_folder(tmp_path: Path) -> None:
    plan(tmp_path / "a" / "plans" / "plan.txt", "1")
    plan(tmp_path / "b" / "plans" / "plan.txt", "2")
    plan(tmp_path / "b" / "plan.md", "3")
    out = tmp_path / "out"
    run = Run("analyze", tmp_path / "a" / "plans", tmp_path / "b" / "plans",
              tmp_path / "b" / "plan.md", "-o", out)
    assert run.code == 0, run.stderr
    assert header_number(out / "a" / "plans" / "plan_txt.json") == "1"
    assert header_number(out / "b" / "plans" / "plan_txt.json") == "2"
    assert header_number(out / "b" / "plan_md.json") == "3"
    assert "3 written" in run.summary()


def test_the_naming_scheme_is_in_the_help() -> None:
    run = Run("analyze", "--help")
    flat = " ".join(run.stdout.replace("│", " ").split())
    assert "plans/sub1/plan.txt → DIR/sub1/plan_txt.json" in flat
    assert "never overwritten" in flat and "symbolic link" in flat


def test_a_file_reached_twice_is_analysed_once_and_said(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    one = plan(inputs / "plan.txt")
    (inputs / "again.txt").symlink_to("plan.txt")
    run = Run("analyze", inputs, one, "-o", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert tree(tmp_path / "out") == ["again_txt.json"]  # the first path met, in name order
    assert f"{inputs / 'plan.txt'}: the same file as {inputs / 'again.txt'}" in run.stderr
    assert f"{one}: the same file as {inputs / 'again.txt'}" in run.stderr
    assert "1 file(s): 1 analysed, 0 failed, 0 skipped (2 hidden or repeated" in run.summary()


def test_names_differing_only_in_case_do_not_share_an_output(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path)
    folder.claim(PurePath("Plan_txt.json"), Path("x/Plan.txt"))
    folder.claim(PurePath("Plan_txt.json"), Path("x/Plan.txt"))  # the same input again: fine
    with pytest.raises(OutputError, match="differ only in letter case"):
        folder.claim(PurePath("plan_txt.json"), Path("x/plan.txt"))
    assert output_name(PurePath("sub/Kế hoạch.docx"), ".json") == PurePath(
        "sub/Kế hoạch_docx.json")


# -- case 9: never onto an input ----------------------------------------------------------------

def test_text_output_into_the_input_folder_is_refused(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    plan(inputs / "a.txt", "1")
    victim = plan(inputs / "a_txt.txt", "2")  # what a.txt's text report would be called
    before = {p: p.read_bytes() for p in inputs.iterdir()}
    run = Run("analyze", inputs, "--format", "text", "--output", inputs)
    run.clean()
    assert run.code == 2
    assert f"--output {inputs} is (or is inside) the input folder {inputs}" in run.stderr
    assert "choose a folder outside the inputs" in run.stderr
    assert {p: p.read_bytes() for p in inputs.iterdir()} == before
    assert victim.read_text(encoding="utf-8") == PLAN.format(number="2")


@pytest.mark.parametrize("layout", ["inside", "folder-of-file", "holds-input"])
def test_an_output_overlapping_the_inputs_is_refused_before_any_work(
        tmp_path: Path, layout: str) -> None:
    inputs = tmp_path / "in"
    a = plan(inputs / "a.txt")
    plan(inputs / "a_txt.txt")
    args, out, says = {
        "inside": ([inputs], inputs / "results", "is (or is inside) the input folder"),
        "folder-of-file": ([a], inputs, "is the folder of the input"),
        "holds-input": ([inputs], tmp_path, "holds the input"),
    }[layout]
    before = tree(tmp_path)
    run = Run("analyze", *args, "-f", "text", "-o", out)
    run.clean()
    assert run.code == 2 and says in run.stderr
    assert tree(tmp_path) == before  # not even the output folder was made


def test_an_input_under_the_output_is_never_replaced(tmp_path: Path) -> None:
    """The last line of defence, whatever path leads there (here a hard link)."""
    source = plan(tmp_path / "in" / "a.txt", "1")
    out = tmp_path / "out"
    out.mkdir()
    os.link(source, out / "a_txt.json")
    inputs = collect_inputs([tmp_path / "in"])
    for race_free in (True, False):
        folder = OutputFolder(out, inputs.protected, race_free=race_free)
        with pytest.raises(OutputError, match="is one of the input files"):
            folder.write(PurePath("a_txt.json"), "{}")
    assert source.read_text(encoding="utf-8") == PLAN.format(number="1")


def test_old_outputs_are_replaced(tmp_path: Path) -> None:
    plan(tmp_path / "in" / "a.txt", "1")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a_txt.json").write_text("old", encoding="utf-8")
    run = Run("analyze", tmp_path / "in", "-o", out)
    assert run.code == 0, run.stderr
    assert header_number(out / "a_txt.json") == "1"


# -- case 10: no writing through links in the output folder ------------------------------------

def test_links_inside_the_output_folder_are_not_followed(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    plan(inputs / "a.txt")
    plan(inputs / "b.txt")
    plan(inputs / "sub" / "c.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.json"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a_txt.json").symlink_to(victim)
    (out / "b_txt.json").symlink_to(outside / "new.json")  # dangling: would create it
    (out / "sub").symlink_to(outside, target_is_directory=True)
    run = Run("analyze", inputs, "-o", out)
    run.clean()
    assert run.code == 2
    assert victim.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.json"]
    for name in ("a_txt.json", "b_txt.json", "sub"):
        assert (out / name).is_symlink()
        assert (f"{out / name} is a symbolic link inside the output folder: refusing to write "
                "through it") in run.stderr
    assert run.summary().endswith(f"3 analysed, 0 failed, 0 skipped; 0 written, "
                                  f"3 not written into {out}")


@pytest.mark.parametrize("race_free", [True, False])
def test_output_folder_refuses_links_in_both_write_paths(tmp_path: Path, race_free: bool) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    (out / "deep").mkdir(parents=True)
    (out / "deep" / "link").symlink_to(outside, target_is_directory=True)
    (out / "file.json").symlink_to(outside / "file.json")
    folder = OutputFolder(out, race_free=race_free)
    for target in ("deep/link/x.json", "file.json"):
        with pytest.raises(OutputError, match="symbolic link inside the output folder"):
            folder.write(PurePath(target), "{}")
    with pytest.raises(OutputError, match="outside the output folder"):
        folder.write(PurePath("../escape.json"), "{}")
    assert list(outside.iterdir()) == []
    assert folder.write(PurePath("deep/ok/x.json"), "{}") == out / "deep/ok/x.json"
    assert (out / "deep" / "ok" / "x.json").read_text(encoding="utf-8") == "{}"


def test_the_output_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    """The folder the user names is theirs to point anywhere; links below it are refused."""
    plan(tmp_path / "in" / "a.txt")
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "out").symlink_to(real, target_is_directory=True)
    run = Run("analyze", tmp_path / "in", "-o", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert tree(real) == ["a_txt.json"]


# -- case 11: every entry not analysed is named with its reason ---------------------------------

def test_every_entry_not_analysed_is_listed_with_its_reason(tmp_path: Path, deny) -> None:
    inputs = tmp_path / "in"
    plan(inputs / "good.txt", "1")
    for name, data in {"a.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 word 97",
                       "b.odt": b"PK\x03\x04 odt", "c.rtf": b"{\\rtf1 x}",
                       "d.text": "Kế hoạch".encode(), "e.xlsx": b"PK"}.items():
        (inputs / name).write_bytes(data)
    plan(inputs / "locked" / "hidden_plan.txt")
    deny(inputs / "locked")
    (inputs / "dangling.txt").symlink_to("nowhere.txt")
    (inputs / "self.txt").symlink_to("self.txt")
    (inputs / "sub").mkdir()
    (inputs / "sub" / "up").symlink_to("..", target_is_directory=True)
    os.mkfifo(inputs / "pipe.txt")
    (inputs / ".DS_Store").write_bytes(b"\0")
    started = time.perf_counter()
    run = Run("analyze", inputs, "-o", tmp_path / "out")
    assert time.perf_counter() - started < 30  # the pipe is never opened (it would block)
    run.clean()
    assert run.code == 2
    reasons = {
        "b.odt": "unsupported format: no reader for '.odt' files",
        "c.rtf": "unsupported format: no reader for '.rtf' files",
        "d.text": "unsupported format: no reader for '.text' files (if it is plain text, "
                  "rename it to .txt)",
        "e.xlsx": "unsupported format: no reader for '.xlsx' files",
        "locked": "unreadable folder: permission denied",
        "dangling.txt": "broken symbolic link: its target 'nowhere.txt' does not exist",
        "self.txt": "broken symbolic link: it loops",
        "sub/up": "symbolic link loop: it leads back to a folder above it",
        "pipe.txt": "not a regular file",
    }
    for name, reason in reasons.items():
        assert f"plan-parser: error: {inputs / name}: skipped: {reason}" in run.stderr, name
    # a .doc is read (antiword) since issue 10: this one is no Word file and fails, named
    assert f"plan-parser: error: {inputs / 'a.doc'}: an Office file of an unknown kind" \
        in run.stderr
    assert f"plan-parser: note: {inputs / '.DS_Store'}: hidden" in run.stderr
    assert run.summary() == (f"plan-parser: 11 file(s): 1 analysed, 1 failed, 9 skipped "
                             f"(1 hidden or repeated not read); 1 written into "
                             f"{tmp_path / 'out'}")
    assert tree(tmp_path / "out") == ["good_txt.json"]


def test_lint_lists_them_too_and_json_lines_are_unchanged(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    plan(inputs / "a.txt", "1")
    plan(inputs / "b.txt", "2")
    (inputs / "notes.odt").write_bytes(b"x")
    run = Run("analyze", inputs)
    assert run.code == 2
    assert [json.loads(ln)["header"]["number"] for ln in run.stdout.splitlines()] == ["1", "2"]
    assert f"{inputs / 'notes.odt'}: skipped: unsupported format" in run.stderr
    assert run.summary() == "plan-parser: 3 file(s): 2 analysed, 0 failed, 1 skipped"
    lint = Run("lint", inputs)
    assert lint.code == 2 and f"{inputs / 'notes.odt'}: skipped" in lint.stderr


def test_hidden_entries_alone_do_not_fail_the_batch(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    plan(inputs / "a.txt")
    (inputs / ".git").mkdir()
    (inputs / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    run = Run("analyze", inputs, "-o", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert f"note: {inputs / '.git'}: hidden" in run.stderr
    assert "1 file(s): 1 analysed, 0 failed, 0 skipped (1 hidden" in run.summary()


# -- case 12: an unreadable input is one line, not the end of the batch ------------------------

def test_an_unreadable_file_on_the_command_line_does_not_stop_the_batch(
        tmp_path: Path, deny) -> None:
    a = plan(tmp_path / "in" / "a.txt", "1")
    locked = deny(plan(tmp_path / "in" / "b.txt", "2"))
    c = plan(tmp_path / "in" / "c.txt", "3")
    out = tmp_path / "out"
    run = Run("analyze", a, locked, c, "-o", out)
    run.clean()
    assert run.code == 2
    assert f"plan-parser: error: {locked}: permission denied" in run.stderr
    assert tree(out) == ["a_txt.json", "c_txt.json"]
    assert run.summary() == (f"plan-parser: 3 file(s): 2 analysed, 1 failed, 0 skipped; "
                             f"2 written into {out}")


def test_a_folder_that_cannot_be_entered_is_a_sentence_not_a_traceback(
        tmp_path: Path, deny) -> None:
    good = plan(tmp_path / "in" / "good.txt")
    inner = plan(tmp_path / "in" / "locked" / "inner.txt")
    locked = deny(tmp_path / "in" / "locked")
    run = Run("analyze", good, inner, locked)
    run.clean()
    assert run.code == 2
    assert (f"plan-parser: error: {inner}: permission denied: a folder in its path cannot be "
            "entered") in run.stderr
    assert f"plan-parser: error: {locked}: skipped: unreadable folder: permission denied" in (
        run.stderr)
    assert json.loads(run.stdout)["header"]["number"] == "12"
    assert run.summary() == "plan-parser: 3 file(s): 1 analysed, 1 failed, 1 skipped"


# -- case 13: truthful counts, atomic outputs ------------------------------------------------

def test_a_batch_of_200_with_5_broken_files_counts_truthfully(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    for i in range(195):
        plan(inputs / f"{i // 50}" / f"plan{i:03d}.txt", str(i))
    broken = {"empty.txt": b"", "binary.txt": bytes(range(256)) * 8,
              "fake.docx": b"PK\x03\x04 not a zip", "fake.pdf": b"%PDF-1.4 garbage",
              "png.md": b"\x89PNG\r\n\x1a\n...."}
    for name, data in broken.items():
        (inputs / name).write_bytes(data)
    out = tmp_path / "out"
    first = Run("analyze", inputs, "-o", out)
    assert first.summary() == (f"plan-parser: 200 file(s): 195 analysed, 5 failed, 0 skipped; "
                               f"195 written into {out}")
    assert first.code == 2
    for name in broken:
        assert f"plan-parser: error: {inputs / name}: " in first.stderr
    written = sorted(out.rglob("*.json"))
    assert len(written) == 195 and not [p for p in out.rglob(".*")]

    # a reader polling while a second run replaces every output never sees a partial file
    seen: list[str] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            for path in written:
                text = path.read_text(encoding="utf-8")
                try:
                    json.loads(text)
                except ValueError:
                    seen.append(f"{path}: {text[:40]!r}")

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        second = Run("analyze", inputs, "-o", out)
    finally:
        done.set()
        reader.join()
    assert seen == []
    assert second.summary() == first.summary()
    assert header_number(out / "1" / "plan077_txt.json") == "77"


@pytest.mark.parametrize("race_free", [True, False])
def test_outputs_are_published_whole_by_a_rename(tmp_path: Path, monkeypatch,
                                                 race_free: bool) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "plan_txt.json"
    target.write_text('{"old": true}', encoding="utf-8")
    new = json.dumps({"new": "x" * 100_000})
    real_replace = os.replace
    observed: list[tuple[str, str, str]] = []

    def replace(src, dst, **kwargs):
        fd = kwargs.get("src_dir_fd")
        where = Path(f"/proc/self/fd/{fd}") if fd is not None else Path(src).parent
        observed.append((Path(where / os.fsdecode(src)).read_text(encoding="utf-8"),
                         target.read_text(encoding="utf-8"), os.path.basename(src)))
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    OutputFolder(out, race_free=race_free).write(PurePath("plan_txt.json"), new)
    [(temp_text, target_then, temp_name)] = observed
    assert temp_text == new  # the whole text is in the temporary file before the rename
    assert target_then == '{"old": true}'  # and until then readers see the old output
    assert temp_name.startswith(".plan_txt.json.") and temp_name.endswith(".tmp")
    assert target.read_text(encoding="utf-8") == new
    assert os.listdir(out) == ["plan_txt.json"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_failed_write_keeps_the_old_output_and_is_counted(tmp_path: Path,
                                                            monkeypatch) -> None:
    plan(tmp_path / "in" / "a.txt", "1")
    plan(tmp_path / "in" / "b.txt", "2")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a_txt.json").write_text('{"old": true}', encoding="utf-8")
    real_fsync = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    run = Run("analyze", tmp_path / "in", "-o", out)
    run.clean()
    assert run.code == 2
    assert f"{tmp_path / 'in' / 'a.txt'}: output not written: cannot write " \
           f"{out / 'a_txt.json'}: No space left on device" in run.stderr
    assert (out / "a_txt.json").read_text(encoding="utf-8") == '{"old": true}'
    assert header_number(out / "b_txt.json") == "2"
    assert sorted(os.listdir(out)) == ["a_txt.json", "b_txt.json"]  # no temporary left
    assert run.summary().endswith("2 analysed, 0 failed, 0 skipped; 1 written, 1 not written "
                                  f"into {out}")


def test_an_output_path_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    plan(tmp_path / "in" / "a.txt")
    (tmp_path / "out").write_text("x", encoding="utf-8")
    run = Run("analyze", tmp_path / "in", "-o", tmp_path / "out")
    run.clean()
    assert run.code == 2 and f"--output {tmp_path / 'out'}: exists and is not a folder" in (
        run.stderr)
