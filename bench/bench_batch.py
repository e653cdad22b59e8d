"""Benchmark: `plan-parser batch` over 1,000 plans on 2 cores; a rerun; OCR per page.

Bar (issue 10): the text-layer files of a 1,000-plan batch in ≤ 20 s wall on 2 cores, peak
memory ≤ 1 GB (the whole process tree: the main process and its workers), throughput in
plans per second; OCR is timed apart, per page.

The batch is built here, reproducibly (``--seed``), from the sample plans of ``corpus/plans``
and the real documents of ``../shared/corpus-real``: sample plans as .txt with their numbers
varied and noise added (doubled spaces, lines re-wrapped), as .docx with a number varied, as
.pdf (each copy made distinct, so that the store analyses every one), and real documents as
they are. Every file has distinct bytes: nothing is reused from the store in the first run.
``--bad`` (5%) of the files are then damaged (cut short, emptied, or a picture under a plan's
name): the batch must list each with its reason and finish the rest.

    python bench/bench_batch.py [--plans 1000] [--jobs 2] [--ocr-pages 2]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "corpus" / "plans"
REAL = ROOT.parent / "shared" / "corpus-real"
_NUMBER = re.compile(r"(?<![\d/.,])(\d{1,2})(?=\s*%)")


def build(folder: Path, count: int, seed: int) -> dict[str, int]:
    """``count`` distinct plans in ``folder``; returns how many of each kind."""
    rng = random.Random(seed)
    texts = sorted(PLANS.glob("*.txt"))
    docxs = sorted(PLANS.glob("*.docx"))
    pdfs = sorted(PLANS.glob("*.pdf"))
    real = sorted(p for p in REAL.rglob("*") if p.suffix in (".txt", ".md"))
    kinds = {"txt": count * 40 // 100, "docx": count * 20 // 100, "pdf": count * 10 // 100}
    kinds["real"] = count - sum(kinds.values())
    if len(real) < kinds["real"]:
        kinds["txt"] += kinds["real"] - len(real)
        kinds["real"] = len(real)
    for i in range(kinds["txt"]):
        text = rng.choice(texts).read_text("utf-8")
        text = _NUMBER.sub(lambda m: str(rng.randint(5, 99)), text)
        if rng.random() < 0.5:
            text = text.replace(". ", ".  ", rng.randint(1, 20))
        folder.joinpath(f"xa_{i:04d}.txt").write_text(text + f"\n{i}\n", encoding="utf-8")
    from docx import Document

    for i in range(kinds["docx"]):
        document = Document(rng.choice(docxs))
        for paragraph in document.paragraphs:
            if "%" in paragraph.text and paragraph.runs:
                run = next((r for r in paragraph.runs if _NUMBER.search(r.text)), None)
                if run is not None:
                    run.text = _NUMBER.sub(str(rng.randint(5, 99)), run.text, count=1)
                    break
        document.add_paragraph(f"Bản số {i}.")
        document.save(folder / f"phuong_{i:04d}.docx")
    for i in range(kinds["pdf"]):
        data = rng.choice(pdfs).read_bytes()
        folder.joinpath(f"ky_so_{i:04d}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())
    for i, path in enumerate(rng.sample(real, kinds["real"])):
        shutil.copy(path, folder / f"real_{i:04d}{path.suffix}")
    return kinds


def damage(folder: Path, share: float, seed: int) -> int:
    """Make ``share`` of the files bad, as offices send them: cut short, emptied, or a
    document under another format's name. Returns how many."""
    rng = random.Random(seed)
    files = sorted(folder.iterdir())
    bad = rng.sample(files, round(share * len(files)))
    for n, path in enumerate(bad):
        data = path.read_bytes()
        if n % 3 == 0:
            path.write_bytes(data[: len(data) // 3])  # a download cut short
        elif n % 3 == 1:
            path.write_bytes(b"")  # an empty attachment
        else:
            path.write_bytes(b"\x89PNG\r\n\x1a\n" + data[:200])  # a picture named .docx
    return len(bad)


class PeakMemory(threading.Thread):
    """The largest sum of resident memory of a process and its descendants, sampled."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.running = pid, every, 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, _tree_rss(self.pid))
            time.sleep(self.every)


def _tree_rss(pid: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack += children.get(current, [])
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_batch(inputs: Path, out: Path, jobs: int) -> tuple[float, int, str]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "plan_parser", "batch", str(inputs),
                                "--out", str(out), "-j", str(jobs), "--no-progress"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    memory = PeakMemory(process.pid)
    memory.start()
    _, stderr = process.communicate()
    memory.running = False
    memory.join()
    wall = time.perf_counter() - started
    summary = next((line for line in stderr.splitlines() if "file(s):" in line), stderr[-300:])
    return wall, memory.peak, summary


def ocr_pages(pages: int) -> float | None:
    """Seconds per page to read a scanned page (None if OCR is not installed)."""
    from plan_parser.readers import ocr
    from plan_parser.readers.dispatch import read_data

    if ocr.missing() is not None:
        print(f"OCR: skipped ({ocr.missing()})")
        return None
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(PLANS / "000_3eabe0cf1b1d1b61.pdf")
    images = [source[i % len(source)].render(scale=300 / 72).to_pil().convert("L")
              for i in range(pages)]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "scan.pdf"
        images[0].save(target, save_all=True, append_images=images[1:], resolution=300)
        data = target.read_bytes()
    started = time.perf_counter()
    read_data("scan.pdf", data)
    return (time.perf_counter() - started) / pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--ocr-pages", type=int, default=2)
    parser.add_argument("--bad", type=float, default=0.05, help="share of damaged files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        inputs, out = Path(work) / "in", Path(work) / "out"
        inputs.mkdir()
        kinds = build(inputs, args.plans, args.seed)
        bad = damage(inputs, args.bad, args.seed)
        size = sum(p.stat().st_size for p in inputs.iterdir()) / 1024 / 1024
        print(f"batch of {args.plans} files ({size:.0f} MB): " + ", ".join(
            f"{n} {kind}" for kind, n in kinds.items()) + f"; {bad} of them damaged")
        wall, peak, summary = run_batch(inputs, out, args.jobs)
        print(f"first run, {args.jobs} workers: {wall:.1f} s wall, {args.plans / wall:.0f} "
              f"plans/s, peak memory {peak / 1024 / 1024:.0f} MB  [bar ≤ 20 s, ≤ 1024 MB]")
        print(f"  {summary}")
        wall, peak, summary = run_batch(inputs, out, args.jobs)
        print(f"rerun (all in the store): {wall:.1f} s wall, peak {peak / 1024 / 1024:.0f} MB")
        print(f"  {summary}")
    if args.ocr_pages:
        per_page = ocr_pages(args.ocr_pages)
        if per_page is not None:
            print(f"OCR of a scanned page (300 dpi, Tesseract vie): {per_page:.1f} s per page")


if __name__ == "__main__":
    main()
