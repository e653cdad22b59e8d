"""Build rules/law_names.yaml: names of laws that hold a comma ("Luật Phòng, chống thiên tai",
"Luật Khám bệnh, chữa bệnh"), so that a law cited by its name alone is read whole and not cut
at its comma ("Luật Phòng,").

    python tools/build_law_names.py [../shared/corpus-real]

Source: the **development part** of the project's real documents (corpus/real/SPLIT.tsv;
never the test part; the texts are not shipped: read from ../shared/corpus-real by default,
their provenance in corpus/real/README.md). A law cited with its number gives its whole name:
every word up to the "số" of its number is read by the pattern ``numbered_law`` of
rules/references.yaml ("Luật Phòng, chống thiên tai số 33/2013/QH13"). Kept: the names with
a comma whose every part after a comma opens in lower case (so "Luật Đất đai, Luật Nhà ở số
…", two laws, is not one name), of at most ``MAX_WORDS`` words. Output: sorted, with the
number of development documents each name was read in (the same input gives the same bytes).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "rules" / "law_names.yaml"
MAX_WORDS = 16


def law_names(real: Path) -> Counter[str]:
    """Every comma-holding law name read with its number, and in how many development
    documents."""
    from plan_parser.extract.references import law_pattern
    from plan_parser.rules_loader import load_rules

    numbered = regex.compile(law_pattern(load_rules("references"), "numbered_law"))
    with (ROOT / "corpus" / "real" / "SPLIT.tsv").open(encoding="utf-8") as split:
        files = [row["file"] for row in csv.DictReader(split, delimiter="\t")
                 if row["part"] == "dev"]
    found: Counter[str] = Counter()
    for name in files:
        text = (real / name).read_text(encoding="utf-8", errors="replace")
        names = set()
        for m in numbered.finditer(text):
            words = " ".join(m.group().split()).rstrip(",")
            if _one_name(words):
                names.add(words)
        found.update(names)
    return found


def _one_name(name: str) -> bool:
    """A name with a comma, each part after it in lower case, short enough to be one law's."""
    parts = [part.strip() for part in name.split(",")]
    return len(parts) > 1 and len(name.split()) <= MAX_WORDS \
        and all(part[:1].islower() for part in parts[1:]) and name.startswith("Luật ")


def main() -> int:
    real = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus-real"
    found = law_names(real)
    lines = ["# Names of laws that hold a comma, read whole when a law is cited by its name alone",
             "# (plan_parser/extract/reference_mentions.py). Built by tools/build_law_names.py;",
             "# do not edit by hand. Each: the name, and the number of documents it was read in.",
             "# Source: the laws cited with their number (\"Luật Phòng, chống ma túy số",
             "# 73/2021/QH14\") in the development part of the project's real documents",
             "# (corpus/real/SPLIT.tsv): Vietnamese official texts from two public",
             "# repositories, tnt305/tai_lieu_noi_bo at 94c5034 (src/etl/dataset/, Markdown from",
             "# a legal-text website) and hrmaster1982-dev/phapluat-8chude-data at cdfc64c",
             "# (docs/*/, text of the Official Gazette); see corpus/real/README.md.",
             "names:"]
    for name in sorted(found):
        lines.append(f'  - {{name: "{name}", documents: {found[name]}}}')
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(found)} names → {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
