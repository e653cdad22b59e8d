"""``capitalization``: names written with the wrong capitals (Nghị định 30/2020, Phụ lục II).

Options: ``target``:

- ``place_names``: a place name after its generic noun ("tỉnh", "thành phố", "xã" …) takes a
  capital on every syllable: "thành phố Hải phòng" → "Hải Phòng". Names are checked against the
  2025 gazetteer, so only real place names are corrected.
- ``agency_names``: agency names capitalise the first word of their type and field, the rest is
  lower case: "Chính Phủ" → "Chính phủ", "Ủy Ban nhân dân" → "Ủy ban nhân dân".
- ``phrases``: fixed phrases whose spelling is given (``phrases: ["phục vụ Nhân dân"]``).

Text written in capitals throughout (headings, the header block) is never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from plan_parser.extract.agencies import agency_grammar, find_heads
from plan_parser.extract.scan import word_start_matches, word_starts_at_anchors
from plan_parser.gazetteer import gazetteer, name_key
from plan_parser.lint.context import LintContext
from plan_parser.lint.phrases import PhraseList
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding
from plan_parser.normalize.tone import canonical_tone
from plan_parser.rules_loader import load_rules

_SYLLABLE = re.compile(r"[ \t]+([^\W\d_]+)")


class CapitalizationEngine:
    def __init__(self) -> None:
        self._phrases: dict[str, PhraseList] = {}
        self._heads: dict[tuple[str, str], re.Pattern[str]] = {}
        self._anchors: dict[tuple[str, str], tuple[str, ...]] = {}

    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        target = rule.options["target"]
        if target == "place_names":
            yield from self._places(rule, ctx)
        elif target == "agency_names":
            yield from self._agencies(rule, ctx)
            yield from self._named_heads(rule, ctx)
        elif target == "phrases":
            yield from self._fixed(rule, ctx)
        else:
            raise ValueError(f"rule {rule.id}: unknown capitalization target {target!r}")

    def _places(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        text, lower = ctx.text, ctx.lower
        key = ("places", rule.id)
        if key not in self._heads:  # no lookbehind: word starts are checked on the matches
            generics = rule.options.get("generics",
                                        ["thành phố", "tỉnh", "xã", "phường", "đặc khu"])
            self._heads[key] = re.compile(r"(?:" + "|".join(
                re.escape(g).replace(r"\ ", r"\s+") for g in generics) + r")(?![^\W\d_])")
            # (every match starts with a generic's first word, as written)
            self._anchors[key] = tuple(sorted({g.split(" ", 1)[0] for g in generics}))
        gaz = gazetteer()
        # tried where a generic's first word starts a word (the places the extractors' shared
        # scan of the lower-cased copy found), as a scan of the text would find them
        for m in word_starts_at_anchors(self._heads[key], lower, 0, len(lower),
                                        self._anchors[key]):
            if text[m.start():m.end()].isupper():
                continue
            kind = " ".join(m.group().split())
            words = []
            position = m.end()
            while len(words) < gaz.longest_name:
                s = _SYLLABLE.match(text, position)
                if s is None:
                    break
                words.append(s)
                position = s.end()
            if not words or not any(w.group(1)[0].isupper() for w in words[:1]):
                continue  # "xã hội", "tỉnh lộ": a name starts with a capital
            for count in range(len(words), 0, -1):
                written = text[words[0].start(1):words[count - 1].end(1)]
                place = (gaz.province(written) if kind in ("tỉnh", "thành phố")
                         else next(iter(gaz.communes_named(written)), None))
                if place is None and kind == "thành phố":
                    place = next(iter(gaz.communes_named(written)), None)
                if place is None:
                    continue
                proper = _title_case(written)
                if written != proper and not written.isupper():
                    yield ctx.finding(rule, words[0].start(1), words[count - 1].end(1),
                                      _title_case(ctx.display(words[0].start(1),
                                                              words[count - 1].end(1))),
                                      name=ctx.display(words[0].start(1), words[count - 1].end(1)),
                                      right=proper)
                break

    def _agencies(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        text = ctx.text
        g = agency_grammar()
        for m in find_heads(text, 0, len(text)):
            written = m.group()
            if written.isupper():
                continue  # capitals throughout (a heading), or an abbreviation (UBND)
            head = g.head_of[name_key(written)]
            spelled = _spelling_of(head, written)
            if spelled is not None and canonical_tone(written) != canonical_tone(spelled):
                yield from _differing_words(rule, ctx, m.start(), written, spelled)
            fm = g.fields.match(text, m.end()) if head.field else None
            if fm is not None:
                field_written = fm.group(1)
                proper = g.field_of[name_key(field_written)]
                # (the same words, only the spacing differs: a line break in the name)
                if not field_written.isupper() and canonical_tone(
                        " ".join(field_written.split())) != canonical_tone(proper) \
                        and field_written[:1].isupper():
                    display = ctx.display(fm.start(1), fm.end(1))
                    yield ctx.finding(rule, fm.start(1), fm.end(1), proper, name=display,
                                      right=proper)

    def _named_heads(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        """A unit type word in lower case before the unit's proper name ("phòng Văn hóa")."""
        heads = rule.options.get("named_heads")
        if not heads:
            return
        from plan_parser.extract.units import unit_grammar

        key = ("named_heads", rule.id)
        if key not in self._heads:  # no lookbehind: word starts are checked on the matches
            self._heads[key] = re.compile(r"(?P<head>" + "|".join(
                re.escape(h).replace(r"\ ", r"\s+") for h in sorted(heads, key=len,
                                                                    reverse=True))
                + r")(?=[ \t]+[^\W\d_])")
        names = unit_grammar().known_names
        fields = agency_grammar().fields
        text = ctx.text
        not_after = {w.casefold() for w in rule.options.get("named_heads_not_after", ())}
        for m in word_start_matches(self._heads[key], text):
            if not m.group("head")[0].islower():
                continue
            before = text[max(0, m.start() - 12):m.start()].split()
            if before and before[-1].casefold() in not_after:
                continue  # a title or another word: "Trưởng phòng Văn hóa", "Ủy ban Thường vụ"
            after = m.end()
            if text[after + 1:after + 2].islower():
                continue
            if not (names.match(text, after) or fields.match(text, after)):
                continue
            written = ctx.display(m.start(), m.end())
            right = written[0].upper() + written[1:]
            full = ctx.display(m.start(), min(len(text), (names.match(text, after) or
                                                         fields.match(text, after)).end()))
            yield ctx.finding(rule, m.start(), m.end(), right, name=full,
                              right=right + full[len(written):])

    def _fixed(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        if rule.id not in self._phrases:
            self._phrases[rule.id] = PhraseList({p: p for p in rule.options["phrases"]})
        tokens = ctx.tokens
        for start, end, proper in self._phrases[rule.id].matches(tokens):
            written = ctx.text[start:end]
            if written.isupper() or canonical_tone(written) == canonical_tone(proper):
                continue
            yield ctx.finding(rule, start, end, proper, name=ctx.display(start, end), right=proper)


def _differing_words(rule: LintRule, ctx: LintContext, start: int, written: str,
                     proper: str) -> Iterator[Finding]:
    """One finding over the words whose capitals differ ("Thủ tướng Chính Phủ" → "Chính Phủ")."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", written)]
    right_words = proper.split()
    if len(spans) != len(right_words):
        display = ctx.display(start, start + len(written))
        yield ctx.finding(rule, start, start + len(written), _with_tone_of(display, proper),
                          name=display, right=proper)
        return
    differing = [i for i, (s, e) in enumerate(spans)
                 if canonical_tone(written[s:e]) != canonical_tone(right_words[i])]
    if not differing:  # the same words, only the spacing differs (a line break in the name)
        return
    first, last = max(0, differing[0] - 1), differing[-1]  # with the word before, for context
    s, e = start + spans[first][0], start + spans[last][1]
    display = ctx.display(s, e)
    right = " ".join(right_words[first:last + 1])
    yield ctx.finding(rule, s, e, _with_tone_of(display, right), name=display, right=right)


def _title_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


@cache
def _spellings() -> dict[str, str]:
    """Every accepted spelling of an agency head (name and abbreviations) by its key."""
    out = {}
    for entry in load_rules("agencies")["heads"]:
        for spelling in (entry["name"], *entry.get("abbreviations", [])):
            out[name_key(spelling)] = spelling
    return out


def _spelling_of(head, written: str) -> str | None:
    """The spelling ``written`` should have: the head's name or the abbreviation it matched."""
    return _spellings().get(name_key(written))


def _with_tone_of(written: str, proper: str) -> str:
    """``proper``'s capitals with ``written``'s tone style (both are correct styles)."""
    if len(written) != len(proper):
        return proper
    return "".join(p.upper() if p.isupper() else w.lower() for w, p in zip(written, proper,
                                                                          strict=True))
