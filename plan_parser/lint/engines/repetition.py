"""``repetition``: words written twice by mistake ("của của", "thực hiện thực hiện").

Options: ``allow``: words Vietnamese doubles on purpose (reduplication: "ngày ngày",
"chung chung"); ``lexicon``: a word list (``package:path``) — a syllable doubled where two words
meet ("hành vi | vi phạm") is no mistake when both words are in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from plan_parser.lint.context import LintContext
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding
from plan_parser.normalize.tone import canonical_tone

_WORD = re.compile(r"[^\W\d_]+")
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


def _repeat_size(words: list[str], i: int) -> int | None:
    """1–3 when the words from ``i`` are written twice in a row."""
    if words[i] == words[i + 1]:
        return 1
    n = len(words)
    if i + 3 < n and words[i] == words[i + 2] and words[i + 1] == words[i + 3]:
        return 2
    if i + 5 < n and words[i:i + 3] == words[i + 3:i + 6]:
        return 3
    return None


def _same_line(lower: str, matches: list[re.Match[str]], i: int, count: int) -> bool:
    """Only spaces between the ``count`` words from ``i`` (no punctuation, no line break)."""
    return all(lower[matches[k].end():matches[k + 1].start()].strip(" \t") == ""
               for k in range(i, i + count - 1))


class RepetitionEngine:
    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        allowed = {canonical_tone(w).lower() for w in rule.options.get("allow", [])}
        lower, text = ctx.lower, ctx.text
        matches = list(_WORD.finditer(lower))
        words = [m.group() for m in matches]
        i, n = 0, len(words)
        while i < n - 1:
            size = _repeat_size(words, i)
            if size is None or not _same_line(lower, matches, i, 2 * size):
                i += 1
                continue
            start, end = matches[i].start(), matches[i + 2 * size - 1].end()
            repeated = " ".join(words[i:i + size])
            word_end = matches[i + size - 1].end()
            i += 2 * size
            if repeated in allowed or text[start:end].isupper() or (size == 1 and len(repeated)
                                                                     < 2):
                continue
            if size == 1 and self._at_word_boundary(rule, lower, start, end, repeated):
                continue
            word = ctx.display(start, word_end)
            yield ctx.finding(rule, start, end, word, word=word)

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
