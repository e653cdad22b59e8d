"""What a lint engine sees: the analysis of one document, the options, and shared helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plan_parser.extract.scan import lowered
from plan_parser.model import Finding

if TYPE_CHECKING:
    from plan_parser.analysis import Analysis
    from plan_parser.lint.config import LintConfig
    from plan_parser.lint.rules import LintRule
    from plan_parser.parent.profile import ParentProfile


@dataclass(slots=True)
class LintOptions:
    """How to lint: draft or final, against which parent, with which project configuration."""

    final: bool = False  # at issue: blank number/day become errors
    parent: ParentProfile | None = None  # None: the built-in profile (rules/parents/)
    use_default_parent: bool = True  # False: no deviation check when no parent is given
    config: LintConfig | None = None
    rules: bool = True  # False: only what the reading stages found (extraction benchmarks)


@dataclass(slots=True)
class LintContext:
    """One document being linted."""

    analysis: Analysis
    options: LintOptions
    _memo: dict[str, Any] = field(default_factory=dict)

    @property
    def norm(self):
        """The normalized text (offsets of the extractors)."""
        return self.analysis.normalized

    @property
    def text(self) -> str:
        """The normalized text."""
        return self.analysis.normalized.text

    @property
    def lower(self) -> str:
        """The normalized text in lower case, position for position."""
        return lowered(self.analysis.normalized.text)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per document (shared by the rules of one check)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def finding(self, rule: LintRule, start: int, end: int, suggestion: str | None = None,
                message: str | None = None, key: str | None = None, **params: Any) -> Finding:
        """A finding of ``rule`` on the normalized span ``[start, end)``."""
        o_start, o_end = self.norm.to_original(start, end)
        return Finding(rule.id, rule.severity, message or rule.format(**params), o_start, o_end,
                       suggestion, key)

    def display(self, start: int, end: int) -> str:
        """The original wording of a normalized span."""
        return self.norm.display(start, end)
