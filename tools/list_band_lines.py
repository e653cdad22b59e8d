"""List the lines of annotated documents that hold a band or threshold and no gold target.

The conformance pass of 2026-12-04 (corpus/real/conformance/) gave readers these lines to decide
under the first call of 2026-12-03 ("a band or threshold that selects a case is a target"). The
lines come from a plain regular expression over the texts, never from the tool's output:
ranges "từ … đến …", "từ … trở lên/xuống", "dưới/trên/lớn hơn … N unit"; lines within one line
of a gold target, and money or ages, are left out.

    python tools/list_band_lines.py corpus/real/dev-gold > lines.tsv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import regex as re
import yaml

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT.parent / "shared" / "corpus-real"
BAND = re.compile(
    r"(?<!\w)(?:từ\s+(?:đủ\s+|trên\s+)?\d[\d.,]*\s*%?[^;.\n]{0,25}?(?:đến|tới|-|–)\s*(?:dưới\s+)?\d"
    r"|từ\s+(?:đủ\s+)?\d[\d.,]*[^;.\n\d]{0,40}?trở\s+(?:lên|xuống)"
    r"|(?:dưới|trên|lớn\s+hơn|nhỏ\s+hơn|cao\s+hơn|thấp\s+hơn)\s+\d[\d.,]*\s*"
    r"(?:%|tuổi|năm|tháng|ngày|điểm|người|lần|km|m|kg|ha))", re.I)
NOT_A_BAND = re.compile(r"tuổi|đồng|triệu|tỷ|nghìn|USD", re.I)


def band_lines(gold_folder: Path, texts: Path) -> list[tuple[str, int, str]]:
    """(file, 1-based line, the line) for every listed line, in file order."""
    rows = []
    for path in sorted(gold_folder.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines = (texts / gold["file"]).read_text(encoding="utf-8").splitlines()
        have = {t["line"] for t in gold.get("targets") or []}
        for number, line in enumerate(lines, 1):
            for m in BAND.finditer(line):
                if NOT_A_BAND.search(line, max(0, m.start() - 10), m.end() + 15) \
                        or any(abs(number - h) <= 1 for h in have):
                    continue
                rows.append((gold["file"], number, line.strip()[:160]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--texts", type=Path, default=TEXTS)
    args = parser.parse_args()
    for file, number, line in band_lines(args.gold, args.texts):
        sys.stdout.write(f"{file}\t{number}\t{line}\n")


if __name__ == "__main__":
    main()
