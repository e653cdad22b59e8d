"""``substitution``: a real word that is wrong next to its neighbours (collocations).

OCR and typing slips that drop a horn, hook or tone produce real words ("phân" for "phấn"), so a
dictionary cannot catch them; the neighbour can: "phân đấu" is wrong, "phấn đấu" right.

Options: ``pairs``: ``{wrong, right, before: [...], after: [...]}``. Without ``before``/``after``
the ``wrong`` phrase itself is the collocation ("phân đấu" → "phấn đấu"). With them, ``wrong``
is one word and each neighbour makes a collocation: ``{wrong: hợp, right: họp, before: [cuộc]}``
matches "cuộc hợp". The finding covers only the wrong word(s); the suggestion keeps the case of
the first letter. Words the project accepts (configuration ``vocabulary.accept``) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from plan_parser.lint.context import LintContext
from plan_parser.lint.phrases import PhraseList
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding
from plan_parser.normalize.tone import canonical_tone


@dataclass(frozen=True, slots=True)
class _Collocation:
    offset: int  # characters from the phrase start to the wrong word(s)
    length: int  # length of the wrong word(s)
    right: str
    phrase: str
    except_before: frozenset[str] = frozenset()  # a word before the match that makes it right
    except_after: frozenset[str] = frozenset()


def collocations(pairs: list[dict]) -> dict[str, _Collocation]:
    """Every phrase of the rule's pairs with the place of its wrong word(s)."""
    out: dict[str, _Collocation] = {}
    for pair in pairs:
        wrong = canonical_tone(pair["wrong"]).lower()
        right = pair["right"]
        before = pair.get("before", [])
        after = pair.get("after", [])
        exceptions = {
            "except_before": frozenset(canonical_tone(w).lower()
                                       for w in pair.get("except_before", [])),
            "except_after": frozenset(canonical_tone(w).lower()
                                      for w in pair.get("except_after", [])),
        }
        if not before and not after:
            out[wrong] = _Collocation(0, len(wrong), right, wrong, **exceptions)
        for word in before:
            phrase = f"{canonical_tone(word).lower()} {wrong}"
            out[phrase] = _Collocation(len(phrase) - len(wrong), len(wrong), right, phrase,
                                       **exceptions)
        for word in after:
            phrase = f"{wrong} {canonical_tone(word).lower()}"
            out[phrase] = _Collocation(0, len(wrong), right, phrase, **exceptions)
    return out


_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"\W*(\w+)")


def _excepted(lower: str, start: int, end: int, colloc: _Collocation) -> bool:
    """True when the word next to the match makes it right ("kết hợp trực tuyến")."""
    if colloc.except_before:
        m = _WORD_BEFORE.search(lower, max(0, start - 30), start)
        if m is not None and m.group(1) in colloc.except_before:
            return True
    if colloc.except_after:
        m = _WORD_AFTER.match(lower, end)
        if m is not None and m.group(1) in colloc.except_after:
            return True
    return False


class SubstitutionEngine:
    def __init__(self) -> None:
        self._lists: dict[tuple[str, str], PhraseList] = {}

    def _phrases(self, rule: LintRule, ctx: LintContext) -> PhraseList:
        extra = ctx.options.config.confusables if ctx.options.config else []
        key = (rule.id, repr(extra))  # the project's own collocations make another list
        if key not in self._lists:
            self._lists[key] = PhraseList(collocations([*rule.options["pairs"], *extra]))
        return self._lists[key]

    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        tokens = ctx.tokens
        accepted = ctx.options.config.accepted if ctx.options.config else frozenset()
        last_end = -1
        for start, end, colloc in self._phrases(rule, ctx).matches(tokens):
            if start < last_end:
                continue
            # the phrase matched on tokens; find the wrong word inside the matched text
            w_start = start + _offset_in(ctx.lower[start:end], colloc)
            w_end = w_start + colloc.length
            written = ctx.display(w_start, w_end)
            if canonical_tone(ctx.text[start:end]).lower() in accepted or \
                    _excepted(ctx.lower, start, end, colloc):
                continue
            last_end = end
            suggestion = _same_case(written, colloc.right)
            phrase = ctx.display(start, end)
            context = f" (trong “{phrase}”)" if (start, end) != (w_start, w_end) else ""
            yield ctx.finding(rule, w_start, w_end, suggestion, word=written, right=suggestion,
                              phrase=phrase, context=context)


def _offset_in(matched: str, colloc: _Collocation) -> int:
    """Where the wrong word starts in the matched text (spaces may differ from the phrase)."""
    if colloc.offset == 0:
        return 0
    return len(matched) - colloc.length


def _same_case(written: str, right: str) -> str:
    if written[:1].isupper() and not written.isupper():
        return right[:1].upper() + right[1:]
    if written.isupper() and len(written) > 1:
        return right.upper()
    return right
