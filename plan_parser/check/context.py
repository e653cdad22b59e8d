"""What a check sees: the analysis of one document, the options, and shared helpers.

The lint engines (a later stage) extend this context with how to turn a rule's hit into a
finding; the checks here only need the analysis, the options and the rules' data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plan_parser.extract.scan import lowered
from plan_parser.normalize.tokens import Tokens, tokenize
from plan_parser.spans import SpanSet

if TYPE_CHECKING:
    from plan_parser.analysis import Analysis
    from plan_parser.parent.profile import ParentProfile


@dataclass(slots=True)
class CheckOptions:
    """How to check: draft or final, against which parent, with which project configuration."""

    final: bool = False  # at issue: blank number/day become errors
    parent: ParentProfile | None = None  # None: the built-in profile the citations select
    use_default_parent: bool = True  # False: no deviation check when no parent is given
    config: Any = None  # the project file's settings (plan_parser.lint.config.LintConfig)
    rules: bool = True  # False: only what the reading stages found (extraction benchmarks)
    enable: frozenset[str] = frozenset()  # rules off by default (``enabled: false``) to run


@dataclass(slots=True)
class CheckContext:
    """One document being checked."""

    analysis: Analysis
    options: CheckOptions
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

    @property
    def tokens(self) -> Tokens:
        """The normalized text's tokens, once per document (read by the phrase lists, the
        doubled words and the copied passages)."""
        text, lower = self.analysis.normalized.text, self.lower
        # ``lower`` is the text itself when lower case changes its length: not lower case then
        return self.memo("tokens", lambda: tokenize(text, lower if lower is not text else None))

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per document (shared by the rules of one check)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def display(self, start: int, end: int) -> str:
        """The original wording of a normalized span."""
        return self.norm.display(start, end)


def plan_level(ctx: CheckContext) -> str:
    """``commune`` for a xã/phường/đặc khu plan, ``province`` otherwise."""
    return analysis_level(ctx.analysis)


def analysis_level(analysis) -> str:
    """:func:`plan_level` of an analysis."""
    from plan_parser.rules_loader import load_rules

    words = load_rules("units").get("commune_level_words", ["xã", "phường", "đặc khu",
                                                             "thị trấn"])
    issuer = (analysis.structure.header.issuer_full or "").lower()
    return "commune" if any(f" {w}" in issuer for w in words) else "province"


def citation_spans(ctx: CheckContext) -> SpanSet:
    """The text covered by citations of other documents."""
    return ctx.memo("citation_spans", lambda: SpanSet(
        (m.start, m.end) for doc in ctx.analysis.references if doc.role != "self"
        for m in doc.mentions))


def in_citation(ctx: CheckContext, start: int, end: int) -> bool:
    """True when ``[start, end)`` lies inside a citation of another document."""
    return citation_spans(ctx).contains(start, end)
