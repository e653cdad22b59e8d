"""rules/normalize/confusables.yaml: well-formed entries, and every example holds."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from plan_parser.rules_loader import load_rules

RULES = load_rules("normalize/confusables")
ENTRIES: list[dict[str, Any]] = RULES["characters"]
CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpus" / "plans").glob("*.txt"))

SCRIPTS = {
    "Cyrillic",
    "Greek",
    "Armenian",
    "Myanmar",
    "Devanagari",
    "Latin-extended",
    "Fullwidth",
    "Combining",
    "Symbol font",
}
# The five tone marks and the three vowel modifiers of Vietnamese (as combining characters).
VIETNAMESE_MARKS = set("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
# Characters these documents use on purpose; they must never be "normalised".
KEEP = set("–—“”½%&§•…")


def vietnamese_letters() -> set[str]:
    """All Vietnamese letters (ASCII ones included), upper and lower case."""
    bases = ["a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u"]
    bases += ["u\u031b", "y"]
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    letters = {unicodedata.normalize("NFC", base + tone) for base in bases for tone in tones}
    letters |= set("bcdđghklmnpqrstvx")
    letters |= {c.upper() for c in letters}
    return letters


VIETNAMESE = vietnamese_letters()


def normalize(text: str) -> str:
    """A deliberately tiny reference: replace listed characters, then NFC."""
    table = {entry["from"]: entry["to"] for entry in ENTRIES}
    return unicodedata.normalize("NFC", "".join(table.get(c, c) for c in text))


def test_alphabet_is_complete() -> None:
    assert len(VIETNAMESE) == 2 * (72 + 17)  # 12 vowels x 6 tones, 17 consonants incl. đ
    assert {"ư", "Ư", "đ", "Đ", "ộ", "Ỵ"} <= VIETNAMESE


def test_entries_have_all_fields() -> None:
    assert len(ENTRIES) >= 150
    for entry in ENTRIES:
        assert set(entry) == {"from", "to", "script", "note"}, entry
        assert entry["script"] in SCRIPTS, entry
        assert isinstance(entry["note"], str) and len(entry["note"]) >= 10, entry


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"U+{ord(e['from'][0]):04X}")
def test_from_is_one_foreign_code_point(entry: dict[str, Any]) -> None:
    source = entry["from"]
    assert isinstance(source, str) and len(source) == 1
    assert not source.isascii()
    assert source not in VIETNAMESE
    assert source not in KEEP


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"U+{ord(e['from'][0]):04X}")
def test_to_is_vietnamese_ascii_or_punctuation(entry: dict[str, Any]) -> None:
    target = entry["to"]
    assert isinstance(target, str) and target
    for char in target:
        assert (
            char.isascii()
            or char in VIETNAMESE
            or char in VIETNAMESE_MARKS
            or unicodedata.category(char).startswith("P")
            # a comparison sign a symbol font's private code point stood for
            or (entry["script"] == "Symbol font" and unicodedata.category(char) == "Sm")
        ), (entry, char)
    assert target != entry["from"]


def test_no_duplicate_from() -> None:
    counts = Counter(entry["from"] for entry in ENTRIES)
    assert [c for c, n in counts.items() if n > 1] == []


def test_required_characters_are_listed() -> None:
    table = {entry["from"]: entry["to"] for entry in ENTRIES}
    cyrillic = dict(zip("аеорсухіјѕԁԛԝһӏ", "aeopcyxijsdqwhl", strict=True))
    cyrillic |= dict(zip("АВЕКМНОРСТХУІЈЅ", "ABEKMHOPCTXYIJS", strict=True))
    greek = dict(zip("οανρεικτυ", "oavpeiktu", strict=True))
    greek |= dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True))
    for source, target in (cyrillic | greek).items():
        assert table.get(source) == target, source
    assert table["Ƣ"] == "Ư" and table["ƣ"] == "ư"
    assert table["ð"] == "đ" and table["Ð"] == "Đ"
    assert table["\u0340"] == "\u0300" and table["\u0341"] == "\u0301"
    assert table["\u1031"] == "é"
    assert table["\uff21"] == "A" and table["\uff10"] == "0" and table["\uff0f"] == "/"
    fullwidth = [chr(c) for c in range(0xFF01, 0xFF5F)]
    assert all(table[c] == chr(ord(c) - 0xFEE0) for c in fullwidth)


def example_id(example: dict[str, Any]) -> str:
    return example["normalized"][:30]


@pytest.mark.parametrize("example", RULES["examples"], ids=example_id)
def test_examples(example: dict[str, Any]) -> None:
    assert normalize(example["text"]) == example["normalized"]
    assert unicodedata.is_normalized("NFC", example["normalized"])


def test_examples_include_unchanged_text() -> None:
    unchanged = [ex for ex in RULES["examples"] if ex["text"] == ex["normalized"]]
    assert len(unchanged) >= 2
    assert len(RULES["examples"]) - len(unchanged) >= 10


def test_corpus_changes_only_the_myanmar_sign() -> None:
    assert len(CORPUS) == 5
    changed: list[tuple[str, str, str]] = []
    for path in CORPUS:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        after = normalize(text)
        assert len(after) == len(text)
        changed += [(path.name[:3], a, b) for a, b in zip(text, after, strict=True) if a != b]
    assert changed == [("003", "\u1031", "é")]
