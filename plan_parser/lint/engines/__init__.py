"""Lint engines: one small class per rule type. A rule file says which engine runs a rule."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from plan_parser.lint.context import LintContext
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding


class Engine(Protocol):
    """Runs the rules of one type on one document."""

    def check(self, rule: LintRule, ctx: LintContext) -> Iterable[Finding]:
        """Findings of ``rule`` in the document of ``ctx``."""
        ...


def _engines() -> dict[str, Engine]:
    from plan_parser.lint.engines.capitalization import CapitalizationEngine
    from plan_parser.lint.engines.computed import ComputedEngine
    from plan_parser.lint.engines.consistency import ConsistencyEngine
    from plan_parser.lint.engines.existence import ExistenceEngine
    from plan_parser.lint.engines.repetition import RepetitionEngine
    from plan_parser.lint.engines.required import RequiredEngine
    from plan_parser.lint.engines.sequence import SequenceEngine
    from plan_parser.lint.engines.spelling import SpellingEngine
    from plan_parser.lint.engines.substitution import SubstitutionEngine

    return {
        "existence": ExistenceEngine(),
        "substitution": SubstitutionEngine(),
        "capitalization": CapitalizationEngine(),
        "repetition": RepetitionEngine(),
        "consistency": ConsistencyEngine(),
        "sequence": SequenceEngine(),
        "required": RequiredEngine(),
        "computed": ComputedEngine(),
        "spelling": SpellingEngine(),
    }


ENGINES: dict[str, Engine] = _engines()
