"""Measure the spelling checker on slips injected into clean official sentences.

    python tools/eval_spelling.py --part tune   # the development eighth the model never saw
    python tools/eval_spelling.py --part test   # the test part of ../shared/corpus-real

Sentences (distinct lines of 8-40 syllables) are drawn with a fixed seed; each is checked as it
is (every finding there counts against precision and towards "findings per 10,000 words") and
once with one injected slip of each kind: another tone, another vowel mark (a/ă/â, o/ô/ơ,
u/ư, e/ê), d/đ, a Telex key left unconverted, a syllable split by a space ("thự c"), two
syllables run together ("hiệu quảhoạt"), a syllable or a two-syllable word written twice ("của
của", "thực hiện thực hiện": judged by the ``doubled-word`` rule, the others by
``misspelled-syllable``). A slip is found when a finding covers it; "right" when its suggestion
is the original text.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from build_syllable_lm import development_files  # noqa: E402

from plan_parser.normalize import normalize  # noqa: E402
from plan_parser.normalize.tone import TONE_MARKS  # noqa: E402
from plan_parser.spelling.checker import check_spelling  # noqa: E402
from plan_parser.spelling.model import syllable_model  # noqa: E402
from plan_parser.spelling.variants import TELEX_TONES, _vowels, tone_of, variants  # noqa: E402

KINDS = ("tone", "mark", "d/đ", "telex", "split", "join", "double")
_SYLLABLE = re.compile(r"[^\W\d_]+")


@dataclass
class Tally:
    injected: int = 0
    found: int = 0
    right: int = 0
    false: int = 0  # findings elsewhere in the corrupted sentence


@dataclass
class Report:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    clean_words: int = 0
    clean_findings: list[str] = field(default_factory=list)


def sentences(files: list[Path], count: int, seed: int) -> list[str]:
    pool: list[str] = []
    seen: set[str] = set()  # a line repeated in a list ("các loại, các cỡ") counts once
    for path in files:
        text = normalize(path.read_bytes().decode("utf-8", errors="replace")).text
        for line in text.split("\n"):
            words = _SYLLABLE.findall(line)
            if 8 <= len(words) <= 40 and sum(w[0].isupper() for w in words) <= len(words) // 4 \
                    and line.strip() not in seen:
                seen.add(line.strip())
                pool.append(line.strip())
    random.Random(seed).shuffle(pool)
    return pool[:count]


def kind_of(original: str, changed: str) -> str:
    if original[:1] in "dđ" and changed[:1] in "dđ" and original[1:] == changed[1:] \
            and original[0] != changed[0]:
        return "d/đ"
    strip = lambda s: "".join(c for c in unicodedata.normalize("NFD", s)  # noqa: E731
                              if c not in TONE_MARKS)
    return "tone" if strip(original) == strip(changed) else "mark"


def inject(sentence: str, kind: str, rng: random.Random) -> tuple[str, int, int, str] | None:
    """The sentence with one slip of ``kind``: (text, start, end, original syllable)."""
    model = syllable_model()
    tokens = [m for m in _SYLLABLE.finditer(sentence) if m.group().islower()]
    if kind == "double":
        return _doubled(sentence, tokens, rng)
    if kind == "join":
        pairs = [(a, b) for a, b in itertools.pairwise(tokens)
                 if sentence[a.end():b.start()] == " " and model.count(a.group()) >= 3
                 and model.count(b.group()) >= 3]
        if not pairs:
            return None
        a, b = rng.choice(pairs)
        joined = a.group() + b.group()
        return (sentence[:a.start()] + joined + sentence[b.end():], a.start(),
                a.start() + len(joined), f"{a.group()} {b.group()}")
    rng.shuffle(tokens)
    for m in tokens:
        word = m.group()
        if kind == "split":
            if len(word) < 3 or model.count(word) < 3:
                continue
            cut = rng.randrange(1, len(word))
            slip = word[:cut] + " " + word[cut:]
            return (sentence[:m.start()] + slip + sentence[m.end():], m.start(),
                    m.start() + len(slip), word)
        if kind == "telex":
            tone = tone_of(word)
            if not tone:
                continue
            key = next(k for k, v in TELEX_TONES.items() if v == tone)
            vowels = _vowels()
            bare = "".join(unicodedata.normalize("NFC", vowels[c][0]) if c in vowels else c
                           for c in word)
            slip = bare + key
        else:
            options = sorted(v for v in variants(word) if kind_of(word, v) == kind
                             and not v.endswith(tuple(TELEX_TONES)) and v != word)
            options = [v for v in options if v.isalpha()]
            if not options:
                continue
            slip = rng.choice(options)
        if model.count(word) < 3:
            continue
        return (sentence[:m.start()] + slip + sentence[m.end():], m.start(),
                m.start() + len(slip), word)
    return None


def _doubled(sentence: str, tokens: list[re.Match[str]],
             rng: random.Random) -> tuple[str, int, int, str] | None:
    """A syllable, or a two-syllable word of the lexicon, written twice ("của của"), unless the
    doubling is itself a word ("song song") or one Vietnamese makes on purpose ("ngày ngày")."""
    allowed, words = _doubling_rule()
    options = [(m.start(), m.end()) for m in tokens
               if f"{m.group()} {m.group()}" not in words and m.group() not in allowed]
    options += [(a.start(), b.end()) for a, b in itertools.pairwise(tokens)
                if sentence[a.end():b.start()] == " " and f"{a.group()} {b.group()}" in words]
    if not options:
        return None
    start, end = rng.choice(options)
    copy = sentence[start:end]
    return sentence[:end] + " " + copy + sentence[end:], start, end + 1 + len(copy), copy


def _doubling_rule() -> tuple[frozenset[str], frozenset[str]]:
    """The ``doubled-word`` rule's allowed words and its lexicon."""
    from plan_parser.lint.engines.repetition import allowed_words, lexicon

    rule = _doubled_word_rule()
    return allowed_words(rule), lexicon(rule.options["lexicon"])


def doubled_findings(text: str) -> list[tuple[int, int, str]]:
    """What the ``doubled-word`` rule finds in ``text``: (start, end, the word written twice)."""
    from plan_parser.lint.engines.repetition import allowed_words, find_doubled
    from plan_parser.normalize.tokens import tokenize

    rule = _doubled_word_rule()
    return [(d.start, d.end, text[d.start:d.first_end])
            for d in find_doubled(text, tokenize(text), allowed_words(rule),
                                  rule.options.get("lexicon"),
                                  float(rule.options.get("doubled_share", 0.0)))]


def _doubled_word_rule():
    from plan_parser.lint.rules import lint_rules

    return next(r for r in lint_rules() if r.id == "doubled-word")


def evaluate(part: str, count: int, seed: int, margin: float) -> Report:
    if part == "tune":
        files = development_files(ROOT.parent / "shared" / "corpus-real", tuning=True)
    else:
        rows = (ROOT / "corpus" / "real" / "SPLIT.tsv").read_text(encoding="utf-8").splitlines()
        files = [ROOT.parent / "shared" / "corpus-real" / name
                 for name, p in (r.split("\t") for r in rows[1:]) if p == "test"]
    from plan_parser.lint.engines.spelling import checker_settings

    settings = {**checker_settings(_rule_entry()), "margin": margin}  # the rule's, read once
    report = Report()
    rng = random.Random(seed)
    for index, sentence in enumerate(sentences(files, count, seed)):
        report.clean_words += len(_SYLLABLE.findall(sentence))
        for f in check_spelling(sentence, **settings):
            around = sentence[max(0, f.start - 40):f.end + 40]
            report.clean_findings.append(f"{f.written} → {f.suggestion} ({f.kind}, "
                                         f"{f.margin:.1f}): {around}")
        for start, end, word in doubled_findings(sentence):
            around = sentence[max(0, start - 40):end + 40]
            report.clean_findings.append(f"{sentence[start:end]} → {word} (doubled): {around}")
        kind = KINDS[index % len(KINDS)]
        made = inject(sentence, kind, rng)
        if made is None:
            continue
        text, start, end, original = made
        tally = report.tallies[kind]
        tally.injected += 1
        if kind == "double":
            findings = doubled_findings(text)
        else:
            findings = [(f.start, f.end, f.suggestion) for f in
                        check_spelling(text, **settings)]
        # a slip is found once, however many findings cover it (a split slip may be read
        # as two); a finding that covers no slip is a false one
        hits = [suggestion for f_start, f_end, suggestion in findings
                if f_start < end and start < f_end]
        if hits:
            tally.found += 1
            tally.right += any(suggestion.lower() == original for suggestion in hits)
        tally.false += len(findings) - len(hits)
    return report


def rule_margin() -> float:
    return float(_rule_entry()["margin"])


def _rule_entry() -> dict:
    """The ``misspelled-syllable`` rule's entry in rules/lint/language.yaml."""
    from plan_parser.rules_loader import load_rules

    return next(r for r in load_rules("lint/language")["rules"] if r["id"] == "misspelled-syllable")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tune", "test"), default="tune")
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--margin", type=float, default=None,
                        help="default: the spelling rule's margin in rules/lint/language.yaml")
    parser.add_argument("--show", type=int, default=0, help="list this many clean findings")
    args = parser.parse_args()
    margin = args.margin if args.margin is not None else rule_margin()
    report = evaluate(args.part, args.sentences, args.seed, margin)
    print(f"margin {margin}, {args.part} part, {args.sentences} sentences, seed {args.seed}")
    print("| kind | injected | found (recall) | right suggestion | precision |")
    print("|---|---|---|---|---|")
    for kind, t in report.tallies.items():
        precision = t.found / (t.found + t.false) if t.found + t.false else 0.0
        print(f"| {kind} | {t.injected} | {t.found} ({t.found / max(1, t.injected):.2f}) | "
              f"{t.right} | {precision:.2f} |")
    rate = len(report.clean_findings) / max(1, report.clean_words) * 10_000
    print(f"clean sentences: {report.clean_words} words, {len(report.clean_findings)} findings "
          f"= {rate:.1f} per 10,000 words")
    for line in report.clean_findings[:args.show]:
        print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
