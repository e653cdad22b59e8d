"""Benchmark: hostile and huge inputs (issue 8, cases 1–7), each in a fresh process.

Builds each input in a temporary folder, runs ``plan-parser analyze --format json`` on it in a
child process and prints its wall time, peak memory (max RSS of the child) and how it ended.
Bar: each finishes within 20 s and 1 GB, with a clear message for what is refused.

    python bench/bench_hostile.py [--only N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCX = ROOT / "corpus" / "plans" / "000_3eabe0cf1b1d1b61.docx"
PARAGRAPH = "<w:p><w:r><w:t>Phấn đấu đạt 100% hồ sơ được xử lý trực tuyến.</w:t></w:r></w:p>"


def _docx_with(path: Path, extra: dict[str, bytes], document_xml: bytes | None = None) -> None:
    """The corpus .docx with entries added or its document.xml replaced."""
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml" and document_xml is not None:
                data = document_xml
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in extra.items():
            out.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)


def _big_document_xml(megabytes: int) -> bytes:
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
            '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    body = PARAGRAPH * (megabytes * 1024 * 1024 // len(PARAGRAPH.encode()))
    return (head + body + "</w:body></w:document>").encode()


def _lying_docx(path: Path, megabytes: int) -> None:
    """A .docx whose document.xml inflates to ``megabytes`` but declares 30 KB."""
    _docx_with(path, {}, _big_document_xml(megabytes))
    data = bytearray(path.read_bytes())
    real = None
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
        real = info.file_size
    declared = (30 * 1024).to_bytes(4, "little")
    size = real.to_bytes(4, "little")
    name = b"word/document.xml"
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # local header, central directory entry
        at = data.find(header)
        while at != -1:
            offset = 26 if header == b"PK\x03\x04" else 28
            name_len = int.from_bytes(data[at + offset:at + offset + 2], "little")
            start = at + offset + (4 if header == b"PK\x03\x04" else 18)
            if data[start:start + name_len] == name:
                field = at + (22 if header == b"PK\x03\x04" else 24)
                if data[field:field + 4] == size:
                    data[field:field + 4] = declared
            at = data.find(header, at + 4)
    path.write_bytes(bytes(data))


def build(case: int, folder: Path) -> Path:
    """The input of ``case``."""
    if case == 1:
        path = folder / "mimetype_bomb.docx"
        zeros = zlib.compressobj(9)
        # 3 GB of zeros deflate to ~3 MB; written through zipfile in chunks
        _docx_with(path, {})
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, \
                z.open("mimetype2", "w", force_zip64=True) as entry:
            chunk = b"\0" * (16 * 1024 * 1024)
            for _ in range(3 * 64):
                entry.write(chunk)
        del zeros
        return path
    if case == 2:
        path = folder / "lying_sizes.docx"
        _lying_docx(path, 1100)
        return path
    if case == 3:
        path = folder / "huge_xml.docx"
        _docx_with(path, {}, _big_document_xml(40))
        return path
    if case == 4:
        path = folder / "targets_one_line.txt"
        path.write_text("KẾ HOẠCH\nThực hiện nhiệm vụ\nI. MỤC TIÊU\n" + "đạt 100% " * 20_000,
                        encoding="utf-8")
        return path
    if case == 5:
        path = folder / "section_signs.txt"
        path.write_text("§" * 4_000_000, encoding="utf-8")
        return path
    if case == 6:
        path = folder / "zero_width.txt"
        path.write_text("KẾ HOẠCH\nThực hiện nhiệm vụ\n" + "\u200b" * 1_000_000, encoding="utf-8")
        return path
    if case == 7:
        path = folder / "almost_50mb.txt"
        line = "- Phấn đấu đạt 100% hồ sơ được xử lý trực tuyến trước ngày 30/6/2026.\n"
        reps = int(49.9 * 1024 * 1024) // len(line.encode())
        path.write_text("KẾ HOẠCH\nThực hiện nhiệm vụ\nI. MỤC TIÊU\n" + line * reps,
                        encoding="utf-8")
        return path
    raise ValueError(case)


def run(path: Path, out: Path) -> tuple[float, float, int, str]:
    """Seconds, peak MB (the child's own max RSS, from wait4), exit code and the last line of
    stderr of one analysis."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "plan_parser", "analyze", str(path),
                                 "--output", str(out)], stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        err.seek(0)
        lines = err.read().strip().splitlines()
    refusal = [line for line in lines if "error:" in line]
    message = (refusal or lines or [""])[0 if refusal else -1][:160]
    return seconds, usage.ru_maxrss / 1024, proc.returncode, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", type=int, action="append")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build is not None:  # in a child: the measuring process never grows (a child's
        print(build(args.build, args.into))  # max RSS counts its parent's pages at fork)
        return
    cases = args.only or [1, 2, 3, 4, 5, 6, 7]
    print(f"{'case':<6}{'input':<24}{'seconds':>9}{'peak MB':>9}{'exit':>6}  message")
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            built = subprocess.run([sys.executable, __file__, "--build", str(case), "--into",
                                    str(folder)], capture_output=True, text=True, check=True)
            path = Path(built.stdout.strip())
            seconds, peak, code, message = run(path, folder / "out")
            print(f"{case:<6}{path.name:<24}{seconds:9.1f}{peak:9.0f}{code:6}  {message}")


if __name__ == "__main__":
    main()
