"""``consistency``: one thing written in two ways in one document.

Options: ``groups``: lists of spellings of one name ("HĐND và UBND", "HĐND & UBND"). When a
document uses more than one spelling of a group, every use of a less frequent spelling is
reported, with the most frequent one as the suggestion (both may be correct: the rule asks
for one spelling throughout).
"""

from __future__ import annotations

from collections.abc import Iterator

from plan_parser.lint.context import LintContext
from plan_parser.lint.phrases import PhraseList
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding


class ConsistencyEngine:
    def __init__(self) -> None:
        self._lists: dict[str, PhraseList] = {}

    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        if rule.id not in self._lists:
            phrases = {s: (index, s) for index, group in enumerate(rule.options["groups"])
                       for s in group}
            self._lists[rule.id] = PhraseList(phrases)
        tokens = ctx.tokens
        uses: dict[int, dict[str, list[tuple[int, int]]]] = {}
        for start, end, (group, spelling) in self._lists[rule.id].matches(tokens):
            uses.setdefault(group, {}).setdefault(spelling, []).append((start, end))
        for spellings in uses.values():
            if len(spellings) < 2:
                continue
            main = max(spellings, key=lambda s: (len(spellings[s]), -spellings[s][0][0]))
            for spelling, spans in spellings.items():
                if spelling == main:
                    continue
                for start, end in spans:
                    yield ctx.finding(rule, start, end, main, name=ctx.display(start, end),
                                      main=main, count=len(spellings[main]))
