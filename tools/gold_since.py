"""Split an annotated part's target gold into the items that were there at a commit and the
items added since, as two gold folders that `tools/eval_real.py --gold DIR` scores apart.

    python tools/gold_since.py 2885d48^ corpus/real/gold /tmp/split
    python tools/eval_real.py --gold /tmp/split/added
    python tools/eval_real.py --gold /tmp/split/before

Used to ask whether the tool misses the targets a gold pass added (the conformance pass of
2026-12-04) more than the older ones, with aggregates only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _key(target: dict) -> tuple:
    return target.get("line"), target.get("quote"), target.get("value"), target.get("op")


def _at_commit(commit: str, path: Path) -> dict:
    relative = path.resolve().relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{relative}"],
                           capture_output=True, text=True)
    return yaml.safe_load(shown.stdout) or {} if shown.returncode == 0 else {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit")
    parser.add_argument("gold", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    counts = Counter()
    for folder in ("added", "before"):
        (args.out / folder).mkdir(parents=True, exist_ok=True)
    for path in sorted(args.gold.glob("*.yaml")):
        now = yaml.safe_load(path.read_text(encoding="utf-8"))
        pool = Counter(_key(t) for t in _at_commit(args.commit, path).get("targets") or [])
        parts: dict[str, list[dict]] = {"added": [], "before": []}
        for target in now.get("targets") or []:
            key = _key(target)
            if pool[key] > 0:
                pool[key] -= 1
                parts["before"].append(target)
            else:
                parts["added"].append(target)
        for folder, items in parts.items():
            counts[folder] += len(items)
            (args.out / folder / path.name).write_text(
                yaml.safe_dump({**now, "targets": items}, allow_unicode=True, sort_keys=False),
                encoding="utf-8")
    print(f"targets there at {args.commit}: {counts['before']}; added since: {counts['added']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
