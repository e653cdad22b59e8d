"""``spelling``: syllables a language model of official texts finds misspelt (plan_parser/spelling).

Options: ``context`` (false: non-words, split and joined syllables and agency names missing a
syllable, read only around the words the model does not know; true: only the real syllables a
variant fits far better between their neighbours), ``settings_of`` (the rule whose settings
are used, so that they live in one place), and the settings: ``margin`` (log units by which
the correction must fit its neighbours better, set on development data by
``tools/eval_spelling.py``), ``one_sided`` (added when only one neighbour is there),
``min_count`` (a correction must occur this often in the model's texts), ``stroke_ease``
(taken off the margin for a d/đ swap). Citations of other documents are left alone (their
titles are quoted as written).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from plan_parser.lint.context import LintContext
from plan_parser.lint.engines.conditions import in_citation
from plan_parser.lint.rules import LintRule
from plan_parser.messages import part, rule_options
from plan_parser.model import Finding


def checker_settings(options: Mapping[str, Any]) -> dict[str, float | int]:
    """The checker's keyword arguments from the rule's options (its YAML entry)."""
    return {"margin": float(options.get("margin", 9.0)),
            "one_sided": float(options.get("one_sided", 3.0)),
            "min_count": int(options.get("min_count", 3)),
            "stroke_ease": float(options.get("stroke_ease", 0.0))}


class SpellingEngine:
    """Reports every misspelt syllable with its correction."""

    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        from plan_parser.spelling.checker import check_non_words, check_real_words

        source = rule.options.get("settings_of")
        settings = checker_settings(rule_options(source) or {} if source else rule.options)
        names = _shortened_names(ctx)
        if rule.options.get("context"):
            slips = check_real_words(ctx.text, names=names, tokens=ctx.tokens, **settings)
        else:
            slips = check_non_words(ctx.text, ctx.tokens, names=names, **settings)
        for slip in slips:
            if in_citation(ctx, slip.start, slip.end):
                continue
            yield ctx.finding(rule, slip.start, slip.end, slip.suggestion,
                              word=ctx.display(slip.start, slip.end), right=slip.suggestion,
                              problem=part(rule.id, slip.kind))


def _shortened_names(ctx: LintContext) -> list:
    """The agency names written with a syllable left out, found once per document for both
    spelling rules."""
    from plan_parser.spelling.fixed_names import shortened_names
    from plan_parser.spelling.model import syllable_model

    text = ctx.text
    return ctx.memo("spelling:shortened-names",
                    lambda: shortened_names(text, 0, len(text), syllable_model()))
