"""Build the syllable language model of the spelling checker (plan_parser/spelling/).

    python tools/build_syllable_lm.py [../shared/corpus-real]

Source: the **development part** of ../shared/corpus-real (corpus/real/SPLIT.tsv; never the
test part, on which the checker is measured; and not the eighth of it kept for tuning the
checker's threshold, ``is_tuning``): 686 official documents of 2021-2026 from the
Official Gazette (congbao, public domain: Law on Intellectual Property, Article 15) and a legal
website (tvpl). Each text is normalized as the tool reads it (markup, spacing, old-style tone
placement made canonical), lower-cased and cut into runs of letters; a line is a sentence.

A second source says which syllables are Vietnamese at all: the syllables of the word list
Viet74K that the required package underthesea installs (underthesea/corpus/data/Viet74K.txt,
73,901 words); a syllable in neither source is a non-word. The same list says which pairs of
syllables make a word: each word of two or more syllables is read as ``DICTIONARY_WEIGHT`` more
lines of text, so that a word official texts seldom write ("đi đôi", "bạn tình") is
known as a pair, not only as two syllables.

Output: plan_parser/spelling/syllables.tsv.gz: per syllable its count and the numbers of
distinct syllables seen before and after it (for Kneser-Ney smoothing), the dictionary's
syllables the texts never use (count 0), and bigram counts (pairs seen at least twice), sorted,
gzip without a timestamp: the same input gives the same bytes.
"""

from __future__ import annotations

import gzip
import io
import itertools
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plan_parser.normalize import normalize  # noqa: E402

OUT = ROOT / "plan_parser" / "spelling" / "syllables.tsv.gz"
MIN_BIGRAM = 2
# each word of more than one syllable of the word list counts as this many lines of text. Set on
# the tuning eighth (2026-12-05) among 0, 1, 2, 4, 8, 16, 32, 64, for the fewest findings on its
# clean text, the checker's furthest bar: 4 gives 10 findings on the 2,000 clean sentences of
# tools/eval_spelling.py --part tune (0: 14; 8: 11; 16: 13; 32: 16) and 111 on its whole
# documents (0: 140; 8: 116; 16: 126), with no fewer slips found (1813 of 1964; 0: 1809)
DICTIONARY_WEIGHT = 4
_SYLLABLE = re.compile(r"[^\W\d_]+")


def development_files(real: Path, tuning: bool = False) -> list[Path]:
    """The development part's files the model learns from (``tuning``: the tenth it does not
    learn from, kept to set the checker's threshold: SHA-1 of the path, last hex digit 0 or 8)."""
    rows = (ROOT / "corpus" / "real" / "SPLIT.tsv").read_text(encoding="utf-8").splitlines()[1:]
    names = [name for name, part in (row.split("\t") for row in rows) if part == "dev"]
    return [real / name for name in names if is_tuning(name) == tuning]


def is_tuning(name: str) -> bool:
    """A development file kept out of the model, for tuning the checker."""
    import hashlib

    return hashlib.sha1(name.encode("utf-8")).hexdigest()[-1] in "08"


def count(files: list[Path]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for path in files:
        text = normalize(path.read_bytes().decode("utf-8", errors="replace")).text.lower()
        for line in text.split("\n"):
            words = _SYLLABLE.findall(line)
            unigrams.update(words)
            bigrams.update(itertools.pairwise(words))
    return unigrams, bigrams


def dictionary_words() -> list[list[str]]:
    """The words of underthesea's Viet74K word list, each as its lower-case syllables."""
    from viet74k import viet74k_lines

    return [_SYLLABLE.findall(line.lower()) for line in viet74k_lines()]


def add_dictionary(unigrams: Counter[str], bigrams: Counter[tuple[str, str]],
                   dictionary: list[list[str]], weight: int) -> None:
    """Read each word of the word list of more than one syllable as ``weight`` more lines of
    text: a pair of syllables that makes a word ("nhũng nhiễu", "đi đôi") is then Vietnamese
    even where the official texts seldom write it."""
    for words in dictionary:
        if len(words) > 1:
            for word in words:
                unigrams[word] += weight
            for pair in itertools.pairwise(words):
                bigrams[pair] += weight


def write(unigrams: Counter[str], bigrams: Counter[tuple[str, str]], out: Path,
          known: set[str]) -> None:
    left_types: Counter[str] = Counter()  # N1+(• w): the distinct syllables seen before w
    right_types: Counter[str] = Counter()  # N1+(w •): the distinct syllables seen after w
    for first, second in bigrams:
        left_types[second] += 1
        right_types[first] += 1
    buffer = io.StringIO()
    buffer.write(f"# syllable counts v2\t{sum(unigrams.values())}\t{len(bigrams)}\n")
    for word in sorted(set(unigrams) | known):
        buffer.write(f"{word}\t{unigrams.get(word, 0)}\t{left_types[word]}\t{right_types[word]}\n")
    for (first, second) in sorted(bigrams):
        if bigrams[(first, second)] >= MIN_BIGRAM:
            buffer.write(f"{first} {second}\t{bigrams[(first, second)]}\n")
    raw = buffer.getvalue().encode("utf-8")
    with out.open("wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0,
                                                 filename="", compresslevel=9) as gz:
        gz.write(raw)


def main(real: str) -> int:
    files = development_files(Path(real))
    unigrams, bigrams = count(files)
    dictionary = dictionary_words()
    add_dictionary(unigrams, bigrams, dictionary, DICTIONARY_WEIGHT)
    known = {syllable for words in dictionary for syllable in words}
    write(unigrams, bigrams, OUT, known)
    kept = sum(1 for c in bigrams.values() if c >= MIN_BIGRAM)
    print(f"{len(files)} documents, {sum(unigrams.values())} syllables, {len(unigrams)} types, "
          f"{len(known - set(unigrams))} more from Viet74K, {kept} bigrams kept → "
          f"{OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    default = str(ROOT.parent / "shared" / "corpus-real")
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else default))
