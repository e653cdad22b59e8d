"""Two blind readings of the same windows: list where they differ, and merge a third reader's
decisions into the first reading.

    python tools/adjudication_real.py disagreements FIRST SECOND > DISAGREEMENTS.md
    python tools/adjudication_real.py merge FIRST ADJUDICATION.yml OUT

``disagreements`` matches the second reading's targets and deadlines to the first's with the
scorer the tool is measured by (``tools/agreement_real.py``) and groups the entries either
reading left unmatched into items of nearby lines (within two lines of each other); each item
shows every entry either reader wrote on its lines and one line either side. No output of the
tool is read. ``merge`` replaces, in each file of FIRST, the entries of an item's kind on the
item's lines with the adjudicated entries, and writes the files into OUT.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from agreement_real import as_predictions  # noqa: E402

from plan_parser.evaluation_real import (  # noqa: E402
    DEADLINE_SLACK,
    RealDocumentReport,
    Score,
    _deadline_agrees,
    _line_table,
    _match,
    _target_agrees,
    load_gold,
)

TEXTS = ROOT.parent / "shared" / "corpus-real"
KINDS = {"targets": (_target_agrees, 0), "deadlines": (_deadline_agrees, DEADLINE_SLACK)}
FIELDS = {"targets": ("op", "value", "unit", "period"),
          "deadlines": ("kind", "day", "month", "year", "recurrence")}


def unmatched_lines(first: dict[str, Any], second: dict[str, Any], text: str,
                    kind: str) -> list[int]:
    """The lines of the entries of ``kind`` that either reading has and the other has not."""
    agrees, slack = KINDS[kind]
    lines = _line_table(text)
    predicted = as_predictions(second, text)[kind]
    hits = _match(first.get(kind) or [], predicted, lines, agrees, Score(),
                  RealDocumentReport(first["file"]), kind, slack=slack)
    alone = [item["line"] for g, item in enumerate(first.get(kind) or []) if g not in hits]
    used = set(hits.values())
    alone += [item["line"] for i, item in enumerate(predicted) if i not in used]
    return sorted(set(alone))


def items_of(lines: list[int]) -> list[list[int]]:
    """Lines grouped into items: a line within two of the last joins its item (so that the
    lines an item shows, one either side, never overlap the next item's)."""
    groups: list[list[int]] = []
    for line in lines:
        if groups and line - groups[-1][-1] <= 2:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _entry(item: dict[str, Any], kind: str) -> str:
    fields = ", ".join(f"{k}={item.get(k)!r}" for k in FIELDS[kind])
    return f"quote={item['quote']!r}, line={item['line']}, {fields}"


def disagreements(first_dir: Path, second_dir: Path) -> str:
    """The items where the readings differ, as Markdown (D1, D2, …)."""
    second = {g["file"]: g for g in load_gold(second_dir)}
    out = ["# Disagreements between two blind readings of the same windows (FIRST reader, "
           "SECOND reader)", "",
           "Each item shows every entry either reader wrote on the lines named (and one line "
           "either side).", ""]
    number = 0
    for first in load_gold(first_dir):
        other = second.get(first["file"])
        if other is None:
            continue
        text = (TEXTS / first["file"]).read_bytes().decode("utf-8")
        window = first.get("window") or {}
        for kind in KINDS:
            groups = items_of(unmatched_lines(first, other, text, kind))
            if not groups:
                continue
            out += [f"## {first['file']} ({kind}; window: lines "
                    f"{window.get('first_line', 1)}-{window.get('last_line', '')})"]
            for group in groups:
                number += 1
                low, high = group[0] - 1, group[-1] + 1
                where = f"line {group[0]}" if len(group) == 1 else \
                    f"lines {group[0]}-{group[-1]}"
                out.append(f"### D{number}: {where}")
                for name, reading in (("FIRST", first), ("SECOND", other)):
                    entries = [e for e in reading.get(kind) or [] if low <= e["line"] <= high]
                    if not entries:
                        out.append(f"- {name}: (nothing on lines {low}-{high})")
                    out += [f"- {name}: {_entry(e, kind)}" for e in entries]
                out.append("")
    return "\n".join(out)


def merge(first_dir: Path, decisions_path: Path, out_dir: Path) -> int:
    """Write FIRST with each decision's entries in place of its kind's entries on its lines;
    returns how many decisions were applied."""
    decisions = yaml.safe_load(decisions_path.read_text(encoding="utf-8"))["decisions"]
    by_file: dict[str, list[dict[str, Any]]] = {}
    for decision in decisions:
        by_file.setdefault(decision["file"], []).append(decision)
    out_dir.mkdir(parents=True, exist_ok=True)
    applied = 0
    for path in sorted(first_dir.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        for decision in by_file.get(gold["file"], []):
            kind, lines = decision["kind"], decision["lines"]
            low, high = min(lines) - 1, max(lines) + 1  # the lines the item showed
            kept = [e for e in gold.get(kind) or [] if not low <= e["line"] <= high]
            gold[kind] = sorted(kept + list(decision.get("entries") or []),
                                key=lambda e: e["line"])
            applied += 1
        (out_dir / path.name).write_text(
            yaml.safe_dump(gold, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8")
    return applied


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("disagreements")
    listing.add_argument("first", type=Path)
    listing.add_argument("second", type=Path)
    merging = commands.add_parser("merge")
    merging.add_argument("first", type=Path)
    merging.add_argument("decisions", type=Path)
    merging.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "disagreements":
        print(disagreements(args.first, args.second))
    else:
        print(f"{merge(args.first, args.decisions, args.out)} decisions applied")
    return 0


if __name__ == "__main__":
    sys.exit(main())
