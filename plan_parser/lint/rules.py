"""Lint rules as data: every ``rules/lint/*.yaml`` file holds typed rules with stable ids.

A rule entry::

    - id: doubled-word            # stable, English kebab-case
      type: repetition            # the engine that runs it (plan_parser/lint/engines)
      severity: warning           # error | warning | info
      category: language          # format | language | structure | citations | tasks | parent
      message: "Từ “{word}” bị lặp lại."   # Vietnamese; {placeholders} filled by the engine
      description: "..."          # one line for `plan-parser rules list`
      examples:                   # run by `plan-parser rules test` and the test suite
        - {text: "của của", expect: ["của của"]}
        - {text: "ngày ngày", expect: []}
      ...                         # engine options (patterns, words, pairs …)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from plan_parser.messages import RESERVED_KEYS as _RESERVED
from plan_parser.model import SEVERITIES, Severity
from plan_parser.rules_loader import load_rules, rule_names


class RuleFileError(ValueError):
    """A lint rule file is malformed (named in the message)."""


@dataclass(frozen=True, slots=True, eq=False)
class LintRule:
    """One lint rule read from YAML."""

    id: str
    type: str
    severity: Severity
    category: str
    message: str
    description: str
    source: str  # rule file name, e.g. "lint/language"
    options: dict[str, Any] = field(default_factory=dict)
    examples: tuple[dict[str, Any], ...] = ()

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def on_by_default(self) -> bool:
        """False for a rule still being measured (``enabled: false``): it runs only when a
        project file or the caller turns it on."""
        return self.options.get("enabled") is not False

    def format(self, **params: Any) -> str:
        """The message with its placeholders filled in."""
        try:
            return self.message.format(**params)
        except (KeyError, IndexError):
            return self.message


@cache
def lint_rules() -> tuple[LintRule, ...]:
    """Every lint rule, in file and then file order; ids are unique."""
    from plan_parser.lint.engines import ENGINES

    rules: list[LintRule] = []
    seen: dict[str, str] = {}
    for name in rule_names("lint"):
        data = load_rules(name) or {}
        for entry in data.get("rules", []):
            rule = _rule(entry, name)
            if rule.id in seen:
                raise RuleFileError(f"{name}: rule id {rule.id!r} already defined in "
                                    f"{seen[rule.id]}")
            if rule.type not in ENGINES:
                raise RuleFileError(f"{name}: rule {rule.id!r} has unknown type {rule.type!r} "
                                    f"(known: {', '.join(sorted(ENGINES))})")
            seen[rule.id] = name
            rules.append(rule)
    return tuple(rules)


def rule_by_id() -> dict[str, LintRule]:
    """Lint rules keyed by id."""
    return {r.id: r for r in lint_rules()}


def _rule(entry: dict[str, Any], source: str) -> LintRule:
    missing = [k for k in ("id", "type", "severity", "message") if k not in entry]
    if missing:
        raise RuleFileError(f"{source}: rule {entry.get('id', '?')!r} lacks {', '.join(missing)}")
    if entry["severity"] not in SEVERITIES:
        raise RuleFileError(f"{source}: rule {entry['id']!r} has severity {entry['severity']!r}")
    return LintRule(
        id=entry["id"],
        type=entry["type"],
        severity=entry["severity"],
        category=entry.get("category", "other"),
        message=entry["message"],
        description=entry.get("description", ""),
        source=source,
        options={k: v for k, v in entry.items() if k not in _RESERVED},
        examples=tuple(entry.get("examples", [])),
    )
