"""Detect and convert legacy 8-bit Vietnamese encodings (TCVN3/ABC, VNI) in text shown as Latin-1.

Every table, signature, threshold and the syllable inventory lives in
``rules/normalize/legacy_encodings.yaml``; this module only compiles that file (once, lazily) and
applies it. Detection works word by word: a word is legacy evidence for an encoding when it holds a
signature of that encoding, all its non-ASCII characters belong to the encoding's table and its
conversion is a Vietnamese syllable. Runs of evidence words give the reported passages, each in
its own encoding (a file may hold a TCVN3 passage and a VNI one). Detection reads each character a
bounded number of times, whatever the line structure. The normalizer converts the passages
(:func:`with_legacy_conversion`) with one edit per legacy letter, so spans stay exact.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from plan_parser.extract.scan import ByText
from plan_parser.rules_loader import load_rules

if TYPE_CHECKING:
    from plan_parser.model import Finding

__all__ = [
    "ENCODINGS",
    "LegacyPassage",
    "LegacyReport",
    "convert_legacy",
    "detect_legacy_encoding",
    "legacy_edits",
    "with_legacy_conversion",
]

RULES = "normalize/legacy_encodings"
ENCODINGS = ("tcvn3", "vni")

# Word classes (per encoding).
_BREAK, _NEUTRAL, _EVIDENCE = 0, 1, 2

Edit = tuple[int, int, str]  # (start, end, replacement), as in plan_parser.normalize.offset_map


@dataclass(frozen=True, slots=True)
class LegacyPassage:
    """One legacy-encoded passage: ``text[start:end]`` is written in ``encoding``."""

    start: int
    end: int
    encoding: str  # "tcvn3" | "vni"
    evidence: int  # words that hold a signature of the encoding
    words: int  # non-ASCII words in the passage


@dataclass(slots=True)
class LegacyReport:
    """What the detector found: ``encoding`` is "tcvn3", "vni" or None.

    A text may hold passages of both encodings (pasted from different old files): ``passages``
    gives each with its own encoding; ``encoding``, ``share`` and ``sample`` describe the
    encoding with the most legacy words.
    """

    encoding: str | None = None
    share: float = 0.0  # share of Vietnamese-looking words that are in ``encoding``
    spans: list[tuple[int, int]] = field(default_factory=list)  # every passage, original offsets
    sample: str = ""  # a short excerpt for the error message
    converted_sample: str = ""  # the same excerpt converted to Unicode
    passages: list[LegacyPassage] = field(default_factory=list)  # in text order


@dataclass(frozen=True, slots=True)
class _Encoding:
    """One compiled encoding table."""

    name: str
    pattern: re.Pattern[str]  # table keys, longest first
    lower: dict[str, str]  # key -> letter (lower-case reading where the table has two)
    upper: dict[str, str]  # key -> letter on an all-capitals line (same as lower for VNI)
    signatures: frozenset[str]  # keys that never occur in Unicode Vietnamese
    caps_min_letters: int | None  # TCVN3: all-capitals line => upper reading; None: no case logic


@dataclass(frozen=True, slots=True)
class _Rules:
    """The compiled rule file."""

    encodings: dict[str, _Encoding]
    candidate: re.Pattern[str]  # any signature of any encoding
    word: re.Pattern[str]
    non_ascii_word: re.Pattern[str]  # a word with at least one non-ASCII character (word starts)
    onset_rhyme: re.Pattern[str]
    tone_marks: frozenset[str]
    stop_codas: tuple[str, ...]
    stop_coda_tones: frozenset[str]
    min_legacy_words: int
    min_share: float
    min_run_words: int
    min_evidence_length: int
    max_word_chars: int
    sample_chars: int
    edge_stops: frozenset[str]
    acronym_letters: frozenset[str]


def convert_legacy(text: str, encoding: str) -> str:
    """Convert ``text`` written entirely in ``encoding`` ("tcvn3" or "vni") to Unicode (NFC).

    The conversion is blind: Unicode Vietnamese inside ``text`` would be mangled, so pass only the
    legacy spans that :func:`detect_legacy_encoding` reports. TCVN3 capitals with a tone mark share
    the lower-case code; they come out as capitals only on a line whose ASCII letters are all
    capitals.
    """
    enc = _encoding(encoding)
    if enc.caps_min_letters is None:
        return enc.pattern.sub(lambda m: enc.lower[m.group()], text)
    return "".join(_convert_line(line, enc) for line in text.splitlines(keepends=True))


def legacy_edits(text: str, report: LegacyReport | None = None) -> list[Edit]:
    """Edits ``(start, end, letter)`` converting every legacy passage of ``text`` to Unicode.

    One edit per legacy letter, each passage in its own encoding, so an offset map built from
    them keeps every other character (digits, "%", ASCII letters) at its own original position.
    Applied to a passage they give exactly ``convert_legacy(passage, encoding)``.
    """
    if report is None:
        report = detect_legacy_encoding(text)
    edits: list[Edit] = []
    for passage in report.passages:
        enc = _encoding(passage.encoding)
        table = _table_for(text[passage.start : passage.end], enc)
        edits.extend(
            (m.start(), m.end(), table[m.group()])
            for m in enc.pattern.finditer(text, passage.start, passage.end)
        )
    return edits


#: Findings of the character pass that a legacy conversion makes moot ("Ð" is TCVN3 "é", not a
#: foreign letter; the TCVN3 "ư" is a soft hyphen).
_MOOT_IN_PASSAGES = frozenset({"foreign-character", "invisible-character"})


def with_legacy_conversion(text: str, edits: list[Edit], findings: list[Finding]) -> list[Edit]:
    """The character pass's ``edits`` with the conversion of every legacy passage put first.

    The normalizer's hook. An edit of the same characters as a conversion edit is dropped
    ("Ð" is TCVN3 "é", not a foreign letter; the TCVN3 "ư" is a soft hyphen), unless it takes
    away a whole passage (a page header), and so are the findings about such characters.
    """
    report = detect_legacy_encoding(text)  # (the reader's, for the text it read)
    if not report.passages:
        return edits
    conversion = legacy_edits(text, report)
    starts = [edit[0] for edit in conversion]
    ends = [edit[1] for edit in conversion]
    passage_starts = [p.start for p in report.passages]

    def clashes(start: int, end: int) -> bool:
        k = bisect_left(starts, max(end, start + 1)) - 1  # the last conversion starting before end
        if k < 0 or ends[k] <= start:
            return False
        passage = report.passages[bisect_right(passage_starts, starts[k]) - 1]
        return not (start <= passage.start and passage.end <= end)

    findings[:] = [
        f for f in findings if f.rule not in _MOOT_IN_PASSAGES or not _overlaps(report, f)
    ]
    return [*conversion, *(edit for edit in edits if not clashes(edit[0], edit[1]))]


def _overlaps(report: LegacyReport, item: Finding) -> bool:
    """Does ``item`` touch a passage of ``report``?"""
    k = bisect_left(report.spans, (max(item.end, item.start + 1),)) - 1
    return k >= 0 and report.spans[k][1] > item.start


_REPORTS = ByText(2)  # the reports of the last texts: the reader's and the normalizer's


def detect_legacy_encoding(text: str) -> LegacyReport:
    """Report legacy-encoded Vietnamese in ``text`` (an empty report when there is none).

    Linear in the length of ``text`` whatever its line structure: only lines holding a signature
    are read word by word, each word once, and runs are built while reading. Worked out once
    per text object: the reader and the normalizer of one analysis share the report (an equal
    text in another analysis is read again). The report is not to be changed.
    """
    store = _REPORTS.of(text)
    report = store.get("report")
    if report is None:
        report = store["report"] = _detect(text)
    return report


def _detect(text: str) -> LegacyReport:
    rules = _rules()
    builders = [_RunBuilder() for _ in ENCODINGS]
    for line_start, line_end in _candidate_lines(text, rules):
        _read_line(text, line_start, line_end, builders, rules)
    runs = [
        (*run, index)
        for index, builder in enumerate(builders)
        if builder.evidence >= rules.min_legacy_words
        for run in builder.runs
    ]
    if not runs:
        return LegacyReport()
    evidence = [builder.evidence for builder in builders]
    runs = _without_overlaps(runs, evidence)
    words = sum(1 for _ in rules.non_ascii_word.finditer(text))
    legacy = [0] * len(ENCODINGS)
    for run in runs:
        legacy[run[4]] += run[3]
    shares = [min(1.0, count / words) if words else 0.0 for count in legacy]
    passages = [
        LegacyPassage(start, end, ENCODINGS[index], count, words_in)
        for start, end, count, words_in, index in runs
        if shares[index] >= rules.min_share or count >= rules.min_run_words
    ]
    if not passages:
        return LegacyReport()
    kept = [0] * len(ENCODINGS)
    for passage in passages:
        kept[ENCODINGS.index(passage.encoding)] += passage.words
    index = max(range(len(ENCODINGS)), key=kept.__getitem__)
    name = ENCODINGS[index]
    first = next(p for p in passages if p.encoding == name)
    sample = _sample(text[first.start : first.end], rules.sample_chars)
    return LegacyReport(
        encoding=name,
        share=round(shares[index], 4),
        spans=[(p.start, p.end) for p in passages],
        sample=sample,
        converted_sample=convert_legacy(sample, name),
        passages=passages,
    )


# (start, end, evidence words, legacy words)
_Run = tuple[int, int, int, int]
_ASCII_KINDS = (_NEUTRAL,) * len(ENCODINGS)
_BREAK_KINDS = (_BREAK,) * len(ENCODINGS)


def _candidate_lines(text: str, rules: _Rules) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line holding a signature; each character is looked at once."""
    pos = 0
    search = rules.candidate.search
    while (hit := search(text, pos)) is not None:
        newline = text.rfind("\n", pos, hit.start())
        start = pos if newline < 0 else newline + 1
        end = text.find("\n", hit.start())
        if end < 0:
            end = len(text)
        yield start, end
        pos = end + 1


def _read_line(
    text: str, start: int, end: int, builders: list[_RunBuilder], rules: _Rules
) -> None:
    """Feed the words of one line to the run builders of every encoding."""
    stops = rules.edge_stops
    previous = start
    for match in rules.word.finditer(text, start, end):
        word = match.group()
        word_start, word_end = match.span()
        non_ascii = not word.isascii()
        if not non_ascii:
            kinds = _ASCII_KINDS
        elif len(word) > rules.max_word_chars:
            kinds = _BREAK_KINDS  # no syllable is this long ("§§§§…")
        else:
            kinds = _classify(word)
        stop = not stops.isdisjoint(text[previous:word_start])
        for builder, kind in zip(builders, kinds, strict=True):
            builder.add(word_start, word_end, kind, non_ascii, stop)
        previous = word_end
    for builder in builders:
        builder.close()


class _RunBuilder:
    """The runs of one encoding, built word by word (one pass, no look-back).

    A run goes from one evidence word to the last evidence word before a breaking word, then grows
    over neutral words on both sides up to a breaking word or sentence punctuation. Words between
    two breaking words (or line ends) form a segment; a segment with evidence gives one run.
    """

    __slots__ = (
        "chain_start", "chain_words", "core_words", "count", "evidence", "extending",
        "run_end", "run_start", "runs", "since_words", "tail_words",
    )

    def __init__(self) -> None:
        self.runs: list[_Run] = []
        self.evidence = 0  # evidence words over the whole text
        self.count = 0  # evidence words in the current segment
        self.chain_start = -1  # first word reachable backwards without crossing a stop
        self.chain_words = 0  # non-ASCII words from chain_start on
        self.run_start = self.run_end = 0
        self.core_words = 0  # non-ASCII words from run_start to the last evidence word
        self.since_words = 0  # non-ASCII words after the last evidence word
        self.tail_words = 0  # of those, the ones the run has grown over
        self.extending = False

    def add(self, start: int, end: int, kind: int, non_ascii: bool, stop: bool) -> None:
        """One word; ``stop``: sentence punctuation lies between it and the previous word."""
        if kind == _BREAK:
            self.close()
        elif kind == _EVIDENCE:
            self._evidence(start, end, non_ascii, stop)
        elif self.count == 0:
            if stop or self.chain_start < 0:
                self.chain_start, self.chain_words = start, 0
            self.chain_words += non_ascii
        else:
            self.since_words += non_ascii
            if self.extending and not stop:
                self.run_end = end
                self.tail_words += non_ascii
            else:
                self.extending = False

    def _evidence(self, start: int, end: int, non_ascii: bool, stop: bool) -> None:
        self.evidence += 1
        if self.count == 0:
            if stop or self.chain_start < 0:
                self.chain_start, self.chain_words = start, 0
            self.run_start = self.chain_start
            self.core_words = self.chain_words + non_ascii
        else:
            self.core_words += self.since_words + non_ascii
        self.count += 1
        self.run_end = end
        self.since_words = self.tail_words = 0
        self.extending = True

    def close(self) -> None:
        """End the segment (a breaking word or the end of the line)."""
        if self.count:
            words = self.core_words + self.tail_words
            self.runs.append((self.run_start, self.run_end, self.count, words))
        self.count = 0
        self.chain_start = -1


def _without_overlaps(
    runs: list[tuple[int, int, int, int, int]], evidence: list[int]
) -> list[tuple[int, int, int, int, int]]:
    """Runs of different encodings over the same words: the one with more evidence wins."""
    runs.sort(key=lambda run: (run[0], run[1]))
    kept: list[tuple[int, int, int, int, int]] = []
    for run in runs:
        if kept and run[0] < kept[-1][1]:
            last = kept[-1]
            if (run[2], evidence[run[4]]) > (last[2], evidence[last[4]]):
                kept[-1] = run
            continue
        kept.append(run)
    return kept


def _sample(run: str, limit: int) -> str:
    if len(run) <= limit:
        return run
    cut = run.rfind(" ", 0, limit + 1)
    return run[: cut if cut > limit // 2 else limit].rstrip()


def _encoding(name: str) -> _Encoding:
    enc = _rules().encodings.get(name.lower())
    if enc is None:
        raise ValueError(f"unknown legacy encoding {name!r}; expected one of {ENCODINGS}")
    return enc


def _table_for(line: str, enc: _Encoding) -> dict[str, str]:
    """The reading of ``line``: upper case on an all-capitals TCVN3 line, lower case otherwise."""
    if enc.caps_min_letters is None:
        return enc.lower
    letters = _ASCII_LETTERS.findall(line)
    caps = len(letters) >= enc.caps_min_letters and not any(c.islower() for c in letters)
    return enc.upper if caps else enc.lower


_ASCII_LETTERS = re.compile("[A-Za-z]")


def _convert_line(line: str, enc: _Encoding) -> str:
    table = _table_for(line, enc)
    return enc.pattern.sub(lambda m: table[m.group()], line)


@lru_cache(maxsize=65536)
def _classify(word: str) -> tuple[int, ...]:
    """Evidence, neutral or break for a non-ASCII ``word`` in each of :data:`ENCODINGS`."""
    rules = _rules()
    return tuple(_classify_in(word, rules.encodings[name], rules) for name in ENCODINGS)


def _classify_in(word: str, enc: _Encoding, rules: _Rules) -> int:
    pieces: list[str] = []
    signed = False
    pos = 0
    for match in enc.pattern.finditer(word):
        gap = word[pos : match.start()]
        if not gap.isascii():
            return _BREAK  # a character the encoding does not have (e.g. "ệ" in Unicode text)
        key = match.group()
        pieces.append(gap)
        pieces.append(enc.lower[key])
        signed = signed or key in enc.signatures
        pos = match.end()
    if not word[pos:].isascii():
        return _BREAK
    pieces.append(word[pos:])
    converted = "".join(pieces)
    if not _is_syllable(converted, rules):
        acronym = converted.isupper() and all(
            c.isascii() or c in rules.acronym_letters for c in converted
        )
        return _NEUTRAL if acronym else _BREAK  # "Q§" = "QĐ" in "534/Q§-TTg" keeps the run
    if signed and len(converted) >= rules.min_evidence_length:
        return _EVIDENCE
    return _NEUTRAL


def _is_syllable(word: str, rules: _Rules) -> bool:
    """True when ``word`` is a well-formed Vietnamese syllable (one tone at most)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in rules.tone_marks]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in rules.tone_marks))
    match = rules.onset_rhyme.fullmatch(bare)
    if match is None:
        return False
    if match.group("rhyme").endswith(rules.stop_codas):
        return bool(tones) and tones[0] in rules.stop_coda_tones
    return True


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _compile_encoding(name: str, spec: dict[str, Any], letters: set[str]) -> _Encoding:
    lower: dict[str, str] = {}
    upper: dict[str, str] = {}
    for key, value in spec["table"].items():
        low, up = (value, value) if isinstance(value, str) else value
        lower[key], upper[key] = low, up
    if spec.get("mixed_case_marks"):
        for key in list(lower):
            if len(key) == 2 and key[1].swapcase() != key[1]:
                variant = key[0] + key[1].swapcase()
                lower.setdefault(variant, lower[key])
                upper.setdefault(variant, upper[key])
    lookalikes = {s.lower() for s in spec.get("unicode_lookalikes", [])}
    signatures = frozenset(
        key
        for key in lower
        if any(c not in letters for c in key) or (len(key) > 1 and key.lower() not in lookalikes)
    )
    case = spec.get("case_from_line")
    return _Encoding(
        name=name,
        pattern=re.compile(_alternation(list(lower))),
        lower=lower,
        upper=upper,
        signatures=signatures,
        caps_min_letters=int(case["min_ascii_letters"]) if case else None,
    )


def _candidate_pattern(encodings: dict[str, _Encoding], letters: set[str]) -> re.Pattern[str]:
    """One regex that finds any signature; it starts with a character class so scanning is fast."""
    single = {
        c for enc in encodings.values() for key in enc.signatures for c in key if c not in letters
    }
    multi = {
        key
        for enc in encodings.values()
        for key in enc.signatures
        if len(key) > 1 and all(c in letters for c in key)
    }
    parts = [f"(?<={_char_class(single)})"]
    # two-character keys as few "[bases][marks]" alternatives (fewer branches = faster scanning)
    bases_by_mark: dict[str, set[str]] = {}
    for key in multi:
        if len(key) == 2:
            bases_by_mark.setdefault(key[1], set()).add(key[0])
    marks_by_bases: dict[frozenset[str], set[str]] = {}
    for mark, bases in bases_by_mark.items():
        marks_by_bases.setdefault(frozenset(bases), set()).add(mark)
    pairs = [f"{_char_class(set(b))}{_char_class(m)}" for b, m in marks_by_bases.items()]
    if pairs:
        parts.append(f"(?<={'|'.join(sorted(pairs))})")
    for width in sorted({len(key) for key in multi} - {2}):
        parts.append(f"(?<={_alternation([k for k in multi if len(k) == width])})")
    last = single | {key[-1] for key in multi}
    return re.compile(f"{_char_class(last)}(?:{'|'.join(parts)})")


@cache
def _rules() -> _Rules:
    """Compile ``rules/normalize/legacy_encodings.yaml`` (first use only)."""
    data = load_rules(RULES)
    letters: set[str] = {chr(c) for c in range(0x41, 0x5B)} | {chr(c) for c in range(0x61, 0x7B)}
    for name in ENCODINGS:
        for value in data[name]["table"].values():
            letters.update([value] if isinstance(value, str) else value)
    encodings = {name: _compile_encoding(name, data[name], letters) for name in ENCODINGS}
    key_chars = {c for enc in encodings.values() for key in enc.lower for c in key}
    extra = {c for c in key_chars if not re.match(r"\w", c)}
    extra_class = r"\u0300-\u036f" + "".join(re.escape(c) for c in sorted(extra))
    word = re.compile(rf"[\w{extra_class}]+")
    # anchored at word starts and possessive, so a long ASCII word is not re-scanned per letter
    non_ascii_word = re.compile(
        rf"(?<![\w{extra_class}])[A-Za-z0-9_]*+(?:[^\W\x00-\x7f]|[{extra_class}])"
        rf"[\w{extra_class}]*+"
    )
    syl = data["syllable"]
    onset_rhyme = re.compile(
        f"(?:{_alternation(syl['onsets'].split())})?(?P<rhyme>{_alternation(syl['rhymes'].split())})"
    )
    det = data["detection"]
    return _Rules(
        encodings=encodings,
        candidate=_candidate_pattern(encodings, letters),
        word=word,
        non_ascii_word=non_ascii_word,
        onset_rhyme=onset_rhyme,
        tone_marks=frozenset(syl["tone_marks"]),
        stop_codas=tuple(syl["stop_codas"].split()),
        stop_coda_tones=frozenset(syl["stop_coda_tones"]),
        min_legacy_words=int(det["min_legacy_words"]),
        min_share=float(det["min_share"]),
        min_run_words=int(det["min_run_words"]),
        min_evidence_length=int(det["min_evidence_length"]),
        max_word_chars=int(det["max_word_chars"]),
        sample_chars=int(det["sample_chars"]),
        edge_stops=frozenset(det["edge_stops"]),
        acronym_letters=frozenset(det["acronym_letters"]),
    )
