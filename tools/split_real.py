"""Split ../shared/corpus-real into a development and a test part, by a hash of the file name.

The split is a pure function of the relative path (``folder/file``): SHA-1 of the UTF-8 path,
first 8 hex digits as an integer, modulo 5; remainder 0 goes to ``test`` (about 20%), the rest
to ``dev``. It was fixed before any output of the tool on these files was looked at.

    python tools/split_real.py ../shared/corpus-real > corpus/real/SPLIT.tsv

Documents later moved from test to dev (read for tuning) are listed in corpus/real/CHANGES.md;
SPLIT.tsv carries the moves, this script only the original rule.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path


def part_of(relative_path: str) -> str:
    """``test`` or ``dev`` for a path like ``tvpl/001c610b2efdcf0c.md``."""
    digest = hashlib.sha1(relative_path.encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 5 == 0 else "dev"


def main(root: str) -> None:
    base = Path(root)
    print("file\tpart")
    for path in sorted(base.glob("*/*")):
        if path.suffix in {".md", ".txt"} and path.name not in {"README.md", "INDEX.tsv"}:
            rel = path.relative_to(base).as_posix()
            print(f"{rel}\t{part_of(rel)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus-real")
