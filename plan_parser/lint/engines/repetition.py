"""``repetition``: words written twice by mistake ("của của", "thực hiện thực hiện").

Options: ``allow``: words Vietnamese doubles on purpose (reduplication: "ngày ngày",
"chung chung"); ``lexicon``: a word list (``package:path``) — a doubled syllable that is a word
of the list ("song song") is no mistake, nor one doubled where two words meet ("hành vi | vi
phạm") when one of them is in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import accumulate, pairwise

from plan_parser.lint.context import LintContext
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding
from plan_parser.normalize.tone import canonical_tone

_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")


@cache
def lexicon(spec: str) -> frozenset[str]:
    """Lower-cased, canonical-tone entries of a word list shipped in an installed package."""
    import importlib.util
    from pathlib import Path

    package, _, relative = spec.partition(":")
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(found.submodule_search_locations))) / relative
    if not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset(canonical_tone(line.strip()).lower() for line in handle if line.strip())


_WORD_SPLIT = re.compile(r"([^\W\d_]+)")  # gaps and words alternate


def _repeats(words: list[str]) -> list[tuple[int, int]]:
    """``(index, size)`` of every sequence of 1–3 words written twice in a row."""
    found = [(i, 1) for i, (a, b) in enumerate(pairwise(words)) if a == b]
    found += [(i, 2) for i, (a, b, c, d) in enumerate(zip(words, words[1:], words[2:],
                                                          words[3:], strict=False))
              if a == c and b == d and a != b]
    found += [(i, 3) for i in range(len(words) - 5)
              if words[i] == words[i + 3] and words[i:i + 3] == words[i + 3:i + 6]]
    return sorted(found)


class RepetitionEngine:
    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        lower, text = ctx.lower, ctx.text
        parts = _WORD_SPLIT.split(lower)
        words = parts[1::2]
        candidates = _repeats(words)
        if not candidates:
            return
        allowed = {canonical_tone(w).lower() for w in rule.options.get("allow", [])}
        ends = list(accumulate(map(len, parts)))  # word k spans ends[2k] .. ends[2k + 1]
        taken = -1
        for i, size in candidates:
            if i < taken or not all(parts[2 * k + 2].strip(" \t") == ""
                                    for k in range(i, i + 2 * size - 1)):
                continue
            start, end = ends[2 * i], ends[2 * (i + 2 * size - 1) + 1]
            repeated = " ".join(words[i:i + size])
            if repeated in allowed or text[start:end].isupper() or (size == 1 and
                                                                     len(repeated) < 2):
                continue
            if size == 1 and (self._in_lexicon(rule, f"{repeated} {repeated}")
                              or self._at_word_boundary(rule, lower, start, end, repeated)):
                continue  # "song song" is a word; "hành vi | vi phạm" two words meeting
            taken = i + 2 * size
            word = ctx.display(start, ends[2 * (i + size - 1) + 1])
            yield ctx.finding(rule, start, end, word, word=word)

    @staticmethod
    def _in_lexicon(rule: LintRule, word: str) -> bool:
        spec = rule.options.get("lexicon")
        return bool(spec) and word in lexicon(spec)

    @staticmethod
    def _at_word_boundary(rule: LintRule, lower: str, start: int, end: int,
                          syllable: str) -> bool:
        """"hành vi vi phạm": the first syllable ends a word or the second starts one."""
        spec = rule.options.get("lexicon")
        if not spec:
            return False
        words = lexicon(spec)
        before = _WORD_BEFORE.search(lower, max(0, start - 20), start)
        after = _WORD_AFTER.match(lower, end)
        # one of the two words is enough: "quy trình | trình ký" (the list lacks "trình ký")
        return bool((before and f"{before.group(1)} {syllable}" in words)
                    or (after and f"{syllable} {after.group(1)}" in words))
