"""Build plan_parser/extract/compound_words.txt.gz: the two- and three-syllable words a counted
noun may be ("10 lao động", "02 tiêu chí", "dưới 03 cá thể", "05 hợp tác xã"), so that a count's
unit is the whole word and not its first syllable.

    python tools/build_compound_words.py [../shared/corpus-real]

Sources: the word list Viet74K that the required package underthesea installs
(underthesea/corpus/data/Viet74K.txt, 73,901 words; its two- and three-syllable words), kept
where the first syllable follows a number somewhere in the **development part** of
../shared/corpus-real
(corpus/real/SPLIT.tsv; never the test part): a word no count could start is never looked up.
Output: one word a line, lower case, sorted, gzip without a timestamp (the same input gives the
same bytes).
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "plan_parser" / "extract" / "compound_words.txt.gz"
_AFTER_NUMBER = re.compile(r"(?<![\w/.,])\d+(?:[.,]\d+)?[ \t]+([^\W\d_]+)")


def dictionary_words() -> set[str]:
    """The two- and three-syllable words of underthesea's Viet74K, lower case."""
    from viet74k import viet74k_lines

    return {" ".join(line.lower().split()) for line in viet74k_lines()
            if len(line.split()) in (2, 3)}


def first_syllables_after_numbers(real: Path) -> set[str]:
    """Every syllable that follows a number in the development texts."""
    with (ROOT / "corpus" / "real" / "SPLIT.tsv").open(encoding="utf-8") as split:
        files = [row["file"] for row in csv.DictReader(split, delimiter="\t")
                 if row["part"] == "dev"]
    seen: set[str] = set()
    for name in files:
        text = (real / name).read_text(encoding="utf-8", errors="replace").lower()
        seen.update(_AFTER_NUMBER.findall(text))
    return seen


def main() -> int:
    real = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus-real"
    starts = first_syllables_after_numbers(real)
    words = sorted(w for w in dictionary_words() if w.split()[0] in starts)
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                filename="") as out:
        out.write(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words)} words (first syllables seen after a number: {len(starts)}) → "
          f"{OUT.relative_to(ROOT)}, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
