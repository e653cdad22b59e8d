"""The next window of every long test document whose gold covers only part of it.

    python tools/next_windows.py [--characters 20000] [--gold corpus/real/gold] [--first K]
        [--order-salt SALT]

For each gold file of ``--gold`` with ``window: {last_line: N}``, prints the lines N+1..M, M
the last line that ends within ``--characters`` characters after the end of line N (the rule of
``corpus/real/test-windows/README.md``); with ``--order-salt``, in the order of SHA-1(SALT +
path), the first ``--first`` of them (``corpus/real/dev-windows/README.md``).
"""

from __future__ import annotations

import argparse
import hashlib
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
    parser.add_argument("--gold", type=Path, default=ROOT / "corpus" / "real" / "gold")
    parser.add_argument("--order-salt", default=None)
    parser.add_argument("--first", type=int, default=None)
    args = parser.parse_args()
    golds = [yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in sorted(args.gold.glob("*.yaml"))]
    golds = [gold for gold in golds if (gold.get("window") or {}).get("last_line")]
    if args.order_salt is not None:
        golds.sort(key=lambda gold: hashlib.sha1(
            (args.order_salt + gold["file"]).encode("utf-8")).hexdigest())
    print("| document | window | characters |\n|---|---|---|")
    for gold in golds[:args.first]:
        lines = (REAL / gold["file"]).read_bytes().decode("utf-8").split("\n")
        first, last, used = next_window(lines, int(gold["window"]["last_line"]),
                                        args.characters)
        print(f"| `{gold['file']}` | {first}-{last} | {used} |")


if __name__ == "__main__":
    main()
