"""Pass 1 — characters: line endings, HTML entities, look-alike characters, NFC, invisibles.

Works on the reader's original text, so its edits and findings are in original offsets.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

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
    invisible_re: regex.Pattern[str]  # a run of invisible characters
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
        invisible_re=regex.compile(f"(?:{text_rules['invisible']})+"),
        page_number_re=re.compile(page_line),
    )


class _Report:
    """The findings of one rule of this pass: at most the limit ``max_findings_per_rule`` are
    made, the rest only counted, and one more finding at the first one left out says how
    many (the lint caps every rule the same way; a pass that would report every character of
    a hostile input must not build a million findings first)."""

    __slots__ = ("count", "findings", "first_left_out", "most", "rule")

    def __init__(self, rule: str, findings: list[Finding]) -> None:
        from plan_parser.limits import limits

        self.rule, self.findings = rule, findings
        self.most = limits().max_findings_per_rule
        self.count = 0
        self.first_left_out: tuple[int, int] | None = None

    def add(self, start: int, end: int, make: Callable[[], Finding]) -> None:
        """Report the finding ``make()`` at ``[start, end)`` unless the limit is reached."""
        if self.count < self.most:
            self.findings.append(make())
        elif self.count == self.most:
            self.first_left_out = (start, end)
        self.count += 1

    def close(self) -> None:
        """Add the finding that counts those left out, if any."""
        if self.first_left_out is not None:
            self.findings.append(finding(_CAPPED, *self.first_left_out, key=self.rule,
                                         rule=self.rule, count=self.count - self.most,
                                         limit=self.most))


_CAPPED = "findings-capped"  # the rule of the finding that counts the findings left out


def character_edits(text: str, findings: list[Finding], rare: bool = True) -> list[Edit]:
    """Edits of pass 1 on ``text``; appends a finding for each change a drafter should fix.
    ``rare``: False when ``text`` is known to hold no invisible or look-alike character (then
    none is looked for)."""
    rules = character_rules()
    edits: list[Edit] = []
    if "\r" in text:
        edits.extend((m.start(), m.end(), "\n") for m in regex.finditer(r"\r\n?", text))
    if "&" in text:
        _entity_edits(text, edits, findings)
    if "\f" in text:
        edits.extend(page_furniture_edits(text, rules.page_number_re))
    edits.extend(furniture_edits(text))
    if rare and any(c in text for c in rules.invisible_chars):
        _invisible_edits(text, rules, edits, findings)
    deferred: list[int] = []
    if rare and rules.confusable_re is not None and rules.confusable_re.search(text):
        deferred = _confusable_edits(text, rules, edits, findings)
    if deferred or not unicodedata.is_normalized("NFC", text):
        _composition_edits(text, rules, edits, deferred)
    return edits


def _entity_edits(text: str, edits: list[Edit], findings: list[Finding]) -> None:
    """Decode every entity; report each run of one entity repeated ("&nbsp;&nbsp;…") once."""
    report = _Report("html-entity", findings)
    run: list = []  # [start, end, entity, decoded, count] of the current run
    for m in _ENTITY.finditer(text):
        entity = m.group()
        decoded = _unescape(entity)
        if decoded == entity:
            continue
        edits.append((m.start(), m.end(), decoded))
        if run and run[1] == m.start() and run[2] == entity:
            run[1] = m.end()
            run[4] += 1
            continue
        _entity_finding(run, report)
        run = [m.start(), m.end(), entity, decoded, 1]
    _entity_finding(run, report)
    report.close()


def _entity_finding(run: list, report: _Report) -> None:
    if run:
        start, end, entity, decoded, count = run
        report.add(start, end, lambda: finding("html-entity", start, end, decoded * count,
                                               entity=entity, char=decoded))


@lru_cache(maxsize=1024)
def _unescape(entity: str) -> str:
    return html.unescape(entity)


_SILENT_INVISIBLES = frozenset("\u00ad")  # a soft hyphen is Word's optional hyphen, not an error


def _invisible_edits(text: str, rules: CharacterRules, edits: list[Edit],
                     findings: list[Finding]) -> None:
    """Delete invisible characters; report those a drafter should remove (zero-width ones),
    one finding for each run of them, naming each character of the run once."""
    report = _Report("invisible-character", findings)
    for m in rules.invisible_re.finditer(text):
        edits.append((m.start(), m.end(), ""))
        run = m.group()
        shown = [c for c in dict.fromkeys(run) if c not in _SILENT_INVISIBLES]
        if not shown:
            continue
        start = m.start() + _leading(run, _SILENT_INVISIBLES)
        end = m.end() - _leading(run[::-1], _SILENT_INVISIBLES)
        report.add(start, end, lambda shown=shown, start=start, end=end: finding(
            "invisible-character", start, end, "",
            code=", U+".join(f"{ord(c):04X}" for c in shown),
            name=", ".join(unicodedata.name(c, f"U+{ord(c):04X}") for c in shown)))
    report.close()


def _leading(run: str, chars: frozenset[str]) -> int:
    """How many characters of ``chars`` open ``run``."""
    return len(run) - len(run.lstrip("".join(chars)))


class _Words:
    """The word around each look-alike, found from the runs of letters: each run is read once
    however many look-alikes it holds (a hostile "word" may be a whole line)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._run = (0, 0)  # the last run of letters found

    def _run_at(self, position: int) -> tuple[int, int]:
        """The run of letters holding ``position`` (a letter)."""
        start, end = self._run
        if start <= position < end:
            return self._run
        text = self.text
        start = position
        while start > 0 and _LETTERS.match(text[start - 1]):
            start -= 1
        m = _LETTERS.match(text, position)
        self._run = (start, m.end() if m else position + 1)
        return self._run

    def around(self, index: int) -> tuple[int, int]:
        """The letters before ``index``, the character at ``index`` and the letters after."""
        text = self.text
        start = self._run_at(index - 1)[0] if index > 0 and _LETTERS.match(text[index - 1]) \
            else index
        end = self._run_at(index + 1)[1] if index + 1 < len(text) and _LETTERS.match(
            text[index + 1]) else index + 1
        return start, end


def _confusable_edits(
    text: str, rules: CharacterRules, edits: list[Edit], findings: list[Finding]
) -> list[int]:
    """Replace look-alikes; return positions of those left to the composition step.

    Each word is read once however many look-alikes it holds, and reported once (for its last
    look-alike)."""
    deferred: list[int] = []
    report = _Report("foreign-character", findings)
    words = _Words(text)
    span = (-1, -1)
    word = ""
    has_latin = False
    pending: tuple | None = None  # the finding of the current word, made when it ends
    for m in rules.confusable_re.finditer(text):
        entry = rules.confusables[m.group()]
        around = words.around(m.start())
        if around != span:
            _report_foreign(pending, report)
            pending = None
            span = around
            word = text[span[0]:span[1]]
            has_latin = _LATIN.search(
                "".join(c for c in word if c not in rules.confusables)) is not None
        if entry.script in _WORD_BOUND_SCRIPTS and not has_latin \
                and not _ends_a_symbol(text, span):
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
        pending = (span[0], span[1], word, m.group(), entry)
    _report_foreign(pending, report)
    report.close()
    return deferred


def _ends_a_symbol(text: str, span: tuple[int, int]) -> bool:
    """The word at ``span`` closes a document's symbol: it follows a hyphen or slash (and
    maybe the line break of a table cell) right after a Latin letter or digit ("40/2026/NĐ-СР"
    with a Cyrillic "СР", "NĐ-" / "СР")."""
    start = span[0]
    if start >= 1 and text[start - 1] == "\n":
        start -= 2 if start >= 2 and text[start - 2] == "\r" else 1
    return start >= 2 and text[start - 1] in "-/" and (
        text[start - 2].isdigit() or _LATIN.match(text[start - 2]) is not None)


def _report_foreign(pending: tuple | None, report: _Report) -> None:
    """Report the last look-alike of a word (the word and its fixed spelling made once)."""
    if pending is None:
        return
    word_start, word_end, word, char, entry = pending

    def make() -> Finding:
        confusables = character_rules().confusables
        fixed = unicodedata.normalize("NFC", "".join(
            confusables[c].replacement if c in confusables else c for c in word))
        return finding("foreign-character", word_start, word_end, fixed, char=char,
                       code=f"{ord(char):04X}", script=entry.script, word=word,
                       replacement=entry.replacement)

    report.add(word_start, word_end, make)


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
