"""Detect and convert legacy 8-bit Vietnamese encodings (TCVN3/ABC, VNI) in text shown as Latin-1.

Every table, signature, threshold and the syllable inventory lives in
``rules/normalize/legacy_encodings.yaml``; this module only compiles that file (once, lazily) and
applies it. Detection works word by word: a word is legacy evidence for an encoding when it holds a
signature of that encoding, all its non-ASCII characters belong to the encoding's table and its
conversion is a Vietnamese syllable. Runs of evidence words give the reported spans.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from plan_parser.rules_loader import load_rules

__all__ = ["ENCODINGS", "LegacyReport", "convert_legacy", "detect_legacy_encoding"]

RULES = "normalize/legacy_encodings"
ENCODINGS = ("tcvn3", "vni")

# Word classes (per encoding).
_BREAK, _NEUTRAL, _EVIDENCE = 0, 1, 2


@dataclass(slots=True)
class LegacyReport:
    """What the detector found: ``encoding`` is "tcvn3", "vni" or None."""

    encoding: str | None = None
    share: float = 0.0  # share of Vietnamese-looking words that are legacy-encoded
    spans: list[tuple[int, int]] = field(default_factory=list)  # legacy runs, original offsets
    sample: str = ""  # a short excerpt for the error message
    converted_sample: str = ""  # the same excerpt converted to Unicode


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
    non_ascii_word: re.Pattern[str]  # a word with at least one non-ASCII character
    onset_rhyme: re.Pattern[str]
    tone_marks: frozenset[str]
    stop_codas: tuple[str, ...]
    stop_coda_tones: frozenset[str]
    min_legacy_words: int
    min_share: float
    min_run_words: int
    min_evidence_length: int
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
    enc = _rules().encodings.get(encoding.lower())
    if enc is None:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    if enc.caps_min_letters is None:
        return enc.pattern.sub(lambda m: enc.lower[m.group()], text)
    return "".join(_convert_line(line, enc) for line in text.splitlines(keepends=True))


def detect_legacy_encoding(text: str) -> LegacyReport:
    """Report legacy-encoded Vietnamese in ``text`` (an empty report when there is none)."""
    rules = _rules()
    # Fast path: one regex scan for signatures. Runs never cross a line break, so only the lines
    # that hold a signature need word-by-word work.
    line_starts: list[int] = []
    hits = 0
    for hit in rules.candidate.finditer(text):
        hits += 1
        line_start = text.rfind("\n", 0, hit.start()) + 1
        if not line_starts or line_starts[-1] != line_start:
            line_starts.append(line_start)
    if hits < rules.min_legacy_words:
        return LegacyReport()

    lines: list[list[_Token]] = []
    evidence = [0] * len(ENCODINGS)
    for line_start in line_starts:
        line_end = text.find("\n", line_start)
        tokens: list[_Token] = []
        if line_end < 0:
            line_end = len(text)
        for match in rules.word.finditer(text, line_start, line_end):
            word = match.group()
            kinds = _ASCII_KINDS if word.isascii() else _classify(word)
            tokens.append((match.start(), match.end(), kinds, not word.isascii()))
            for i, kind in enumerate(kinds):
                evidence[i] += kind == _EVIDENCE
        lines.append(tokens)

    index = max(range(len(ENCODINGS)), key=evidence.__getitem__)
    if evidence[index] < rules.min_legacy_words:
        return LegacyReport()
    runs = [run for tokens in lines for run in _runs(text, tokens, index, rules)]
    words = sum(1 for _ in rules.non_ascii_word.finditer(text))
    share = min(1.0, sum(run[3] for run in runs) / words) if words else 0.0
    if share >= rules.min_share:
        spans = [(s, e) for s, e, _, _ in runs]
    else:
        spans = [(s, e) for s, e, n, _ in runs if n >= rules.min_run_words]
    if not spans:
        return LegacyReport()
    name = ENCODINGS[index]
    sample = _sample(text[spans[0][0] : spans[0][1]], rules.sample_chars)
    return LegacyReport(
        encoding=name,
        share=round(share, 4),
        spans=spans,
        sample=sample,
        converted_sample=convert_legacy(sample, name),
    )


# (start, end, kind per encoding, has a non-ASCII character)
_Token = tuple[int, int, tuple[int, ...], bool]
_ASCII_KINDS = (_NEUTRAL,) * len(ENCODINGS)
# (start, end, evidence words, legacy words)
_Run = tuple[int, int, int, int]


def _runs(text: str, tokens: list[_Token], index: int, rules: _Rules) -> list[_Run]:
    """Runs of one line as (start, end, evidence words, legacy words) for encoding ``index``.

    A run goes from one evidence word to the last evidence word before a breaking word, then grows
    over neutral words on both sides up to a breaking word or sentence punctuation.
    """
    runs: list[_Run] = []
    n = len(tokens)
    i = 0
    while i < n:
        if tokens[i][2][index] != _EVIDENCE:
            i += 1
            continue
        first = last = i
        count = 1
        j = i + 1
        while j < n and tokens[j][2][index] != _BREAK:
            if tokens[j][2][index] == _EVIDENCE:
                last = j
                count += 1
            j += 1
        while first > 0 and _joins(text, tokens[first - 1], tokens[first], index, rules):
            first -= 1
        while last + 1 < n and _joins(text, tokens[last], tokens[last + 1], index, rules):
            last += 1
        legacy = sum(1 for k in range(first, last + 1) if tokens[k][3])
        runs.append((tokens[first][0], tokens[last][1], count, legacy))
        i = max(j, last + 1)
    return runs


def _joins(text: str, left: _Token, right: _Token, index: int, rules: _Rules) -> bool:
    """May a run edge grow from one of these tokens over the other (both neutral at most)?"""
    if left[2][index] == _BREAK or right[2][index] == _BREAK:
        return False
    gap = text[left[1] : right[0]]
    return not any(c in rules.edge_stops for c in gap)


def _sample(run: str, limit: int) -> str:
    if len(run) <= limit:
        return run
    cut = run.rfind(" ", 0, limit + 1)
    return run[: cut if cut > limit // 2 else limit].rstrip()


def _convert_line(line: str, enc: _Encoding) -> str:
    letters = [c for c in line if c.isascii() and c.isalpha()]
    caps = len(letters) >= (enc.caps_min_letters or 0) and not any(c.islower() for c in letters)
    table = enc.upper if caps else enc.lower
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
    non_ascii_word = re.compile(
        rf"[A-Za-z0-9_]*(?:[^\W\x00-\x7f]|[{extra_class}])[\w{extra_class}]*"
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
        sample_chars=int(det["sample_chars"]),
        edge_stops=frozenset(det["edge_stops"]),
        acronym_letters=frozenset(det["acronym_letters"]),
    )
