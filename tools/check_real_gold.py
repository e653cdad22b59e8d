"""Check the gold of corpus/real/gold: every quote is found on (or within 2 lines of) its line.

    python tools/check_real_gold.py [--texts FOLDER] [corpus/real/gold/...yaml ...]

It reads only the gold and the source texts (../shared/corpus-real, or ``--texts``); it never
runs the tool.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus-real"
GOLD = ROOT / "corpus" / "real" / "gold"
LISTS = ("citations", "targets", "deadlines")


def problems_in(gold_path: Path, texts: Path = REAL) -> list[str]:
    """Every quote of one gold file that is not where its line says."""
    data = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = (texts / data["file"]).read_text(encoding="utf-8")
    lines = text.splitlines()
    found: list[str] = []
    items = [("parent", data.get("parent"))] if data.get("parent") else []
    for key in LISTS:
        items += [(key, item) for item in data.get(key) or []]
    last_line = (data.get("window") or {}).get("last_line")
    first_line = (data.get("window") or {}).get("first_line") or 1
    for key, item in items:
        quote, line = item.get("quote"), item.get("line")
        if last_line is not None and isinstance(line, int) and line > last_line \
                and key != "parent":
            found.append(f"{gold_path.name}: {key}: {quote!r} on line {line}, after the "
                         f"window's last line {last_line}")
        if isinstance(line, int) and line < first_line and key != "parent":
            found.append(f"{gold_path.name}: {key}: {quote!r} on line {line}, before the "
                         f"window's first line {first_line}")
        if not quote:
            if key != "parent":
                found.append(f"{gold_path.name}: {key}: an item without a quote")
            continue
        if not isinstance(line, int):
            found.append(f"{gold_path.name}: {key}: {quote!r} has no line")
            continue
        window = lines[max(0, line - 3): line + 2]
        if not any(quote in candidate for candidate in window):
            where = "elsewhere" if quote in text else "nowhere"
            found.append(f"{gold_path.name}: {key}: {quote!r} not on line {line} (found {where})")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path,
                        help="gold files (default: corpus/real/gold and dev-gold)")
    parser.add_argument("--texts", type=Path, default=REAL,
                        help="the folder the gold's `file:` paths are under")
    args = parser.parse_args(argv)
    files = args.gold or sorted(GOLD.glob("*.yaml")) + sorted(
        (GOLD.parent / "dev-gold").glob("*.yaml"))
    all_problems = [problem for path in files for problem in problems_in(path, args.texts)]
    for problem in all_problems:
        print(problem)
    print(f"{len(files)} gold file(s), {len(all_problems)} problem(s)")
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
