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

_DOUBLE = re.compile(r"(?<![^\W_])([^\W\d_]{2,}(?:[ \t]+[^\W\d_]+){0,2})[ \t]+\1(?![^\W_])")
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


class RepetitionEngine:
    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        allowed = {canonical_tone(w).lower() for w in rule.options.get("allow", [])}
        lower, text = ctx.lower, ctx.text
        for m in _DOUBLE.finditer(lower):
            repeated = m.group(1)
            if repeated in allowed or text[m.start():m.end()].isupper():
                continue
            if " " not in repeated and self._at_word_boundary(rule, lower, m):
                continue
            word = ctx.display(m.start(1), m.end(1))
            yield ctx.finding(rule, m.start(), m.end(), word, word=word)

    @staticmethod
    def _at_word_boundary(rule: LintRule, lower: str, m: re.Match[str]) -> bool:
        """"hành vi vi phạm": the first syllable ends a word or the second starts one."""
        spec = rule.options.get("lexicon")
        if not spec:
            return False
        words = lexicon(spec)
        before = _WORD_BEFORE.search(lower, max(0, m.start() - 20), m.start())
        after = _WORD_AFTER.match(lower, m.end())
        syllable = m.group(1)
        # one of the two words is enough: "quy trình | trình ký" (the list lacks "trình ký")
        return bool((before and f"{before.group(1)} {syllable}" in words)
                    or (after and f"{syllable} {after.group(1)}" in words))
