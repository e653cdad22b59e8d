"""The next window of every long test document whose gold covers only part of it.

    python tools/next_windows.py [--characters 20000]

For each gold file of ``corpus/real/gold`` with ``window: {last_line: N}``, prints the lines
N+1..M, M the last line that ends within ``--characters`` characters after the end of line N
(the rule of ``corpus/real/test-windows/README.md``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus-real"


def next_window(lines: list[str], last_line: int, characters: int) -> tuple[int, int, int]:
    """(first line, last line, characters) of the window after line ``last_line``."""
    used, end = 0, last_line
    for number in range(last_line + 1, len(lines) + 1):
        length = len(lines[number - 1]) + 1
        if used + length - 1 > characters:
            break
        used, end = used + length, number
    return last_line + 1, end, used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=20_000)
    args = parser.parse_args()
    print("| document | window | characters |\n|---|---|---|")
    for gold_path in sorted((ROOT / "corpus" / "real" / "gold").glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        window = gold.get("window")
        if not window:
            continue
        lines = (REAL / gold["file"]).read_bytes().decode("utf-8").split("\n")
        first, last, used = next_window(lines, int(window["last_line"]), args.characters)
        print(f"| `{gold['file']}` | {first}-{last} | {used} |")


if __name__ == "__main__":
    main()
