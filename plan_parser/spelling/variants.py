"""The one-change variants of a Vietnamese syllable: another tone, another vowel mark
(a/ă/â, o/ô/ơ, u/ư, e/ê), d/đ, or a Telex keystroke left unconverted ("cuar" → "của")."""

from __future__ import annotations

import unicodedata
from functools import cache

from plan_parser.normalize.tone import TONE_MARKS

TONES = ("", *TONE_MARKS)  # ngang, then the five marks of the normalizer
FAMILIES = (("a", "ă", "â"), ("e", "ê"), ("i",), ("o", "ô", "ơ"), ("u", "ư"), ("y",))
TELEX_TONES = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
TELEX_MARKS = {"aw": "ă", "aa": "â", "ee": "ê", "oo": "ô", "ow": "ơ", "uw": "ư", "dd": "đ"}


def _with_tone(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


@cache
def _vowels() -> dict[str, tuple[str, str]]:
    """Every toned vowel letter → (its base letter with mark, its tone)."""
    table: dict[str, tuple[str, str]] = {}
    for family in FAMILIES:
        for base in family:
            for tone in TONES:
                table[_with_tone(base, tone)] = (base, tone)
    return table


@cache
def _family_of() -> dict[str, tuple[str, ...]]:
    return {base: family for family in FAMILIES for base in family}


def tone_of(syllable: str) -> str:
    """The tone mark of a syllable ("" for ngang)."""
    vowels = _vowels()
    return next((vowels[c][1] for c in syllable if c in vowels and vowels[c][1]), "")


def variants(syllable: str) -> set[str]:
    """Every syllable one tone, mark, d/đ or Telex change away from ``syllable`` (lower case)."""
    vowels = _vowels()
    family_of = _family_of()
    found: set[str] = set()
    toned = tone_of(syllable)
    for i, char in enumerate(syllable):
        if char not in vowels:
            continue
        base, tone = vowels[char]
        if tone or not toned:  # the toned vowel takes another tone; a toneless syllable any
            for other in TONES:
                if other != tone:
                    found.add(syllable[:i] + _with_tone(base, other) + syllable[i + 1:])
        for other_base in family_of[base]:
            if other_base != base:
                found.add(syllable[:i] + _with_tone(other_base, tone) + syllable[i + 1:])
    if syllable[:1] in ("d", "đ"):
        found.add(("đ" if syllable[0] == "d" else "d") + syllable[1:])
    found.update(_telex(syllable))
    found.discard(syllable)
    return found


def _telex(syllable: str) -> set[str]:
    """Syllables a Telex slip leaves written: a tone key at the end, a doubled mark key."""
    found: set[str] = set()
    if len(syllable) > 2 and syllable[-1] in TELEX_TONES and not tone_of(syllable[:-1]):
        stem = syllable[:-1]
        vowels = _vowels()
        for i, char in enumerate(stem):
            if char in vowels:
                base, _ = vowels[char]
                found.add(stem[:i] + _with_tone(base, TELEX_TONES[syllable[-1]]) + stem[i + 1:])
    for keys, letter in TELEX_MARKS.items():
        at = syllable.find(keys)
        if at != -1:
            found.add(syllable[:at] + letter + syllable[at + 2:])
    return found
