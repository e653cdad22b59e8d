"""Pass 1 — characters: line endings, HTML entities, look-alike characters, NFC, invisibles.

Works on the reader's original text, so its edits and findings are in original offsets.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

from plan_parser.messages import finding
from plan_parser.model import Finding
from plan_parser.normalize.furniture import furniture_edits
from plan_parser.normalize.offset_map import Edit
from plan_parser.normalize.pages import page_furniture_edits
from plan_parser.rules_loader import load_rules

_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# combining marks of the Latin script (what NFD Vietnamese decomposes into)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_LATIN = regex.compile(r"\p{Latin}")
# Scripts whose look-alikes are only fixed inside a word that also has Latin letters, so a
# genuine Greek "α" or a Russian name is left alone.
_WORD_BOUND_SCRIPTS = frozenset({"Cyrillic", "Greek", "Armenian", "Myanmar", "Cherokee"})


@dataclass(frozen=True, slots=True)
class Confusable:
    """One look-alike character and what it stands for."""

    char: str
    replacement: str
    script: str


@dataclass(frozen=True, slots=True)
class CharacterRules:
    """Compiled pass-1 rules."""

    confusables: dict[str, Confusable]
    confusable_re: re.Pattern[str] | None
    invisible_chars: str
    invisible_re: regex.Pattern[str]
    page_number_re: re.Pattern[str]  # a line that is only a page number


@cache
def character_rules() -> CharacterRules:
    """Load the look-alike table and layout patterns once per process."""
    table = load_rules("normalize/confusables") or {}
    confusables = {
        entry["from"]: Confusable(entry["from"], entry["to"], entry.get("script", "other"))
        for entry in table.get("characters", [])
    }
    pattern = (
        re.compile("[" + "".join(re.escape(c) for c in confusables) + "]")
        if confusables
        else None
    )
    text_rules = load_rules("normalize/text")
    page_line = text_rules["page_number_line"]
    return CharacterRules(
        confusables=confusables,
        confusable_re=pattern,
        invisible_chars=text_rules["invisible"][1:-1],
        invisible_re=regex.compile(text_rules["invisible"]),
        page_number_re=re.compile(page_line),
    )


def character_edits(text: str, findings: list[Finding]) -> list[Edit]:
    """Edits of pass 1 on ``text``; appends a finding for each change a drafter should fix."""
    rules = character_rules()
    edits: list[Edit] = []
    if "\r" in text:
        edits.extend((m.start(), m.end(), "\n") for m in regex.finditer(r"\r\n?", text))
    if "&" in text:
        _entity_edits(text, edits, findings)
    if "\f" in text:
        edits.extend(page_furniture_edits(text, rules.page_number_re))
    edits.extend(furniture_edits(text))
    if any(c in text for c in rules.invisible_chars):
        _invisible_edits(text, rules, edits, findings)
    deferred: list[int] = []
    if rules.confusable_re is not None and rules.confusable_re.search(text):
        deferred = _confusable_edits(text, rules, edits, findings)
    if deferred or not unicodedata.is_normalized("NFC", text):
        _composition_edits(text, rules, edits, deferred)
    return edits


def _entity_edits(text: str, edits: list[Edit], findings: list[Finding]) -> None:
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue
        edits.append((m.start(), m.end(), decoded))
        findings.append(finding("html-entity", m.start(), m.end(), decoded, entity=m.group(),
                                char=decoded))


_SILENT_INVISIBLES = frozenset("\u00ad")  # a soft hyphen is Word's optional hyphen, not an error


def _invisible_edits(text: str, rules: CharacterRules, edits: list[Edit],
                     findings: list[Finding]) -> None:
    """Delete invisible characters; report those a drafter should remove (zero-width ones)."""
    for m in rules.invisible_re.finditer(text):
        edits.append((m.start(), m.end(), ""))
        char = m.group()
        if char in _SILENT_INVISIBLES:
            continue
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        findings.append(finding("invisible-character", m.start(), m.end(), "",
                                code=f"{ord(char):04X}", name=name))


def _word_around(text: str, index: int) -> tuple[int, int]:
    start = index
    while start > 0 and _LETTERS.match(text[start - 1]):
        start -= 1
    end = index + 1
    while end < len(text) and _LETTERS.match(text[end]):
        end += 1
    return start, end


def _confusable_edits(
    text: str, rules: CharacterRules, edits: list[Edit], findings: list[Finding]
) -> list[int]:
    """Replace look-alikes; return positions of those left to the composition step."""
    deferred: list[int] = []
    for m in rules.confusable_re.finditer(text):
        entry = rules.confusables[m.group()]
        word_start, word_end = _word_around(text, m.start())
        word = text[word_start:word_end]
        if entry.script in _WORD_BOUND_SCRIPTS and not _LATIN.search(
            "".join(c for c in word if c not in rules.confusables)
        ):
            continue  # a genuine foreign word or symbol, not a look-alike inside Vietnamese
        category = unicodedata.category(m.group())
        if category.startswith("M") or (
            m.end() < len(text) and unicodedata.category(text[m.end()]).startswith("M")
        ):
            deferred.append(m.start())  # swapped together with its cluster
        else:
            edits.append((m.start(), m.end(), entry.replacement))
        if category == "Mn":
            continue  # an invisible variant of a Vietnamese tone mark: nothing to show a drafter
        fixed = unicodedata.normalize(
            "NFC", "".join(rules.confusables[c].replacement if c in rules.confusables else c
                           for c in word)
        )
        findings.append(finding("foreign-character", word_start, word_end, fixed,
                                char=m.group(), code=f"{ord(m.group()):04X}",
                                script=entry.script, word=word, replacement=entry.replacement))
    return deferred


def _composition_edits(
    text: str, rules: CharacterRules, edits: list[Edit], deferred: list[int]
) -> None:
    """Compose decomposed (NFD) clusters; look-alikes inside a cluster are swapped first."""
    clusters = [(max(0, m.start() - 1), m.end()) for m in _COMBINING.finditer(text)]
    for position in deferred:  # a look-alike mark, or the base letter of a cluster
        start = position - 1 if unicodedata.category(text[position]).startswith("M") else position
        end = position + 1
        while end < len(text) and unicodedata.category(text[end]).startswith("M"):
            end += 1
        clusters.append((max(0, start), end))
    clusters.sort()
    last_end = -1
    for start, end in clusters:
        if start < last_end:
            start = last_end
            if start >= end:
                continue
        last_end = end
        cluster = text[start:end]
        mapped = "".join(
            rules.confusables[c].replacement if c in rules.confusables else c for c in cluster
        )
        composed = unicodedata.normalize("NFC", mapped)
        if composed != cluster:
            edits.append((start, end, composed))
