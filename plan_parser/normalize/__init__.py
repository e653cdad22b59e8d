"""Normalize: the text extractors see, with an exact map back to the original.

Three passes, each a list of edits on the previous text, chained into one offset map:

1. characters — line endings, HTML entities, look-alike characters, NFC, invisibles
2. markup — markdown/Word decoration out, tone marks in the canonical style
3. lines — whitespace collapsed, blank lines dropped, page-break splits joined

The normalized text holds one logical line per paragraph, separated by a single "\\n".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from plan_parser.model import Finding
from plan_parser.normalize.characters import character_edits, character_rules
from plan_parser.normalize.lines import line_edits, line_rules, looks_hard_wrapped
from plan_parser.normalize.markup import ToneUse, markup_edits
from plan_parser.normalize.offset_map import OffsetMap, apply_edits, merge_edits
from plan_parser.readers.legacy_encoding import with_legacy_conversion

__all__ = ["NormalizedText", "OffsetMap", "clean_fragment", "normalize", "unnormalized"]

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


@dataclass(slots=True)
class NormalizedText:
    """Normalized text plus everything needed to point back into the original."""

    original: str
    text: str
    offsets: OffsetMap
    findings: list[Finding] = field(default_factory=list)
    tone_use: ToneUse = field(default_factory=ToneUse)  # original offsets
    fmt: str = "txt"
    display_text: str = ""  # ``text`` with each word in its original tone style
    _line_starts: list[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of normalized span ``[start, end)``."""
        return self.offsets.span(start, end)

    def display(self, start: int, end: int) -> str:
        """The original wording of a normalized span, cleaned but with its own tone style.

        Equal to ``clean_fragment`` of the span's original slice (tested), but O(1).
        """
        return self.display_text[start:end]

    @property
    def line_starts(self) -> list[int]:
        """Start offset of every normalized line."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def line_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every normalized line, end exclusive, without the newline."""
        starts = self.line_starts
        ends = [s - 1 for s in starts[1:]] + [len(self.text)]
        return list(zip(starts, ends, strict=True))

    def line_of(self, offset: int) -> int:
        """0-based index of the normalized line holding ``offset``."""
        return bisect_right(self.line_starts, offset) - 1


def normalize(
    text: str,
    *,
    fmt: str = "txt",
    at_line_start: bool = True,
    canonical_tone: bool = True,
) -> NormalizedText:
    """Normalize ``text`` (a reader's original text) keeping an exact offset map.

    ``fmt`` "pdf" also joins visually wrapped lines. ``at_line_start`` False treats the start
    of ``text`` as the middle of a line (used when re-normalizing a fragment).
    """
    findings: list[Finding] = []
    rare, odd = _rare_characters()
    holds_rare = rare.search(text) is not None  # (one scan for what passes 1 and 3 look for)
    edits1 = with_legacy_conversion(text, character_edits(text, findings, rare=holds_rare),
                                    findings)
    text1, map1 = apply_edits(text, merge_edits(edits1))
    wrapped = looks_hard_wrapped(text1)
    edits2, tone_use = markup_edits(text1, at_line_start=at_line_start,
                                    canonical_tone=canonical_tone, wrapped=wrapped)
    text2, map2 = apply_edits(text1, merge_edits(edits2))
    # pass 3's text holds an odd space only if the text did or an edit put one in
    odd_spaces = holds_rare or _put_in(edits1, odd) or _put_in(edits2, odd)
    edits3 = line_edits(text2, soft_wrap=fmt == "pdf" or wrapped,
                        wrap_across_blank=fmt == "pdf", odd_spaces=odd_spaces)
    text3, map3 = apply_edits(text2, merge_edits(edits3))
    map23 = map2.compose(map3)
    offsets = map1.compose(map23)
    display_text = _with_written_tone(text1, text3, map23, tone_use) if canonical_tone else text3
    tone_original = ToneUse(
        old=[map1.span(s, e) for s, e in tone_use.old],
        new=[map1.span(s, e) for s, e in tone_use.new],
    )
    findings.extend(_tone_mixing_findings(text, tone_original))
    findings.sort(key=lambda f: (f.start, f.end))
    return NormalizedText(text, text3, offsets, findings, tone_original, fmt, display_text)


@cache
def _rare_characters() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A class of the characters pass 1 looks for (invisible ones, look-alikes) and pass 3
    (whitespace other than " "), and a class of the latter: most texts hold none, and one
    scan says so for both passes."""
    rules, odd = character_rules(), line_rules().odd_spaces
    chars = {*rules.invisible_chars, *"".join(rules.confusables), *odd}
    return (re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]"),
            re.compile("[" + "".join(re.escape(c) for c in sorted(set(odd))) + "]"))


def _put_in(edits: list[tuple[int, int, str]], chars: re.Pattern[str]) -> bool:
    """True when the replacement of one of ``edits`` holds one of ``chars``."""
    return bool(edits) and chars.search("".join(edit[2] for edit in edits)) is not None


def unnormalized(text: str, fmt: str = "txt") -> NormalizedText:
    """The text as it is, with an identity map: what later stages get if normalizing failed."""
    return NormalizedText(text, text, OffsetMap.identity(len(text)), fmt=fmt, display_text=text)


def _with_written_tone(text1: str, text3: str, map23: OffsetMap, use: ToneUse) -> str:
    """``text3`` with every canonicalised tone nucleus put back as written (same length)."""
    if not use.old:
        return text3
    chars = list(text3)
    for start, end in use.old:
        position = map23.derived_start(start)
        chars[position:position + (end - start)] = text1[start:end]
    return "".join(chars)


def clean_fragment(original: str, start: int, end: int, fmt: str = "txt") -> str:
    """Normalize ``original[start:end]`` for display: decoration and spacing cleaned, tone kept."""
    line_begin = original.rfind("\n", 0, start) + 1
    at_line_start = not original[line_begin:start].strip()
    return normalize(original[start:end], fmt=fmt, at_line_start=at_line_start,
                     canonical_tone=False).text


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in _TONE_MARKS):
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _tone_mixing_findings(text: str, use: ToneUse) -> list[Finding]:
    """Report the minority tone style when a document mixes both."""
    if not use.old or not use.new:
        return []
    from plan_parser.messages import finding, part

    old, new = part("tone-style-mixed", "old"), part("tone-style-mixed", "new")
    minority, style, other = (
        (use.old, old, new) if len(use.old) <= len(use.new) else (use.new, new, old)
    )
    from plan_parser.normalize.tone import tone_rules

    rules = tone_rules()
    table = rules.to_new if minority is use.old else rules.to_old
    findings = []
    for s, e in minority:
        ws, we = _word_span(text, s, e)
        word = text[ws:we]
        fixed = word[: s - ws] + table.get(text[s:e], text[s:e]) + word[e - ws:]
        findings.append(finding("tone-style-mixed", ws, we, fixed, word=word, style=style,
                                other=other))
    return findings
