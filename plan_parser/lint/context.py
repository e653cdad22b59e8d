"""What a lint engine sees: the check context plus how a rule's hit becomes a finding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plan_parser.check.context import CheckContext, CheckOptions
from plan_parser.model import Finding

if TYPE_CHECKING:
    from plan_parser.lint.rules import LintRule

LintOptions = CheckOptions  # the options of a lint run are the options of the checks

__all__ = ["LintContext", "LintOptions"]


@dataclass(slots=True)
class LintContext(CheckContext):
    """One document being linted."""

    def finding(self, rule: LintRule, start: int, end: int, suggestion: str | None = None,
                message: str | None = None, key: str | None = None, **params: Any) -> Finding:
        """A finding of ``rule`` on the normalized span ``[start, end)``."""
        o_start, o_end = self.norm.to_original(start, end)
        return Finding(rule.id, rule.severity, message or rule.format(**params), o_start, o_end,
                       suggestion, key)
