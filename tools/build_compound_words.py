"""Build plan_parser/extract/compound_words.txt.gz: the two- and three-syllable words a counted
noun may be ("10 lao động", "02 tiêu chí", "dưới 03 cá thể", "05 hợp tác xã"), so that a count's
unit is the whole word and not its first syllable.

    python tools/build_compound_words.py

Source: the word list Viet74K that the required package underthesea installs
(underthesea/corpus/data/Viet74K.txt, 73,901 words): all its two- and three-syllable words.
(Until 2026-12-07 only those whose first syllable follows a number somewhere in the development
texts were kept, to keep the file small; that left out counted nouns the development texts never
count, "15 bác sĩ" read as "bác", so the whole list is shipped: 54,379 words, 16 ms to load once.)
Output: one word a line, lower case, sorted, gzip without a timestamp (the same input gives the
same bytes).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "plan_parser" / "extract" / "compound_words.txt.gz"


def dictionary_words() -> set[str]:
    """The two- and three-syllable words of underthesea's Viet74K, lower case."""
    from viet74k import viet74k_lines

    return {" ".join(line.lower().split()) for line in viet74k_lines()
            if len(line.split()) in (2, 3)}


def main() -> int:
    words = sorted(dictionary_words())
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                filename="") as out:
        out.write(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words)} words → {OUT.relative_to(ROOT)}, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
