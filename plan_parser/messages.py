"""The message of every finding, by rule id, read from the rule files.

A message lives in one place: the ``message`` of its rule in ``rules/lint/*.yaml``. Stages that
report while they work (readers, normalizer, checks) take it from here and fill in the values;
this module reads data only, so any stage may use it without importing a later one.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from plan_parser.model import Finding, Severity
from plan_parser.rules_loader import load_rules, rule_names

# keys of a rule entry that are not options of its engine
RESERVED_KEYS = frozenset({"id", "type", "severity", "category", "message", "messages",
                           "description", "examples"})


@cache
def _entries() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for name in rule_names("lint"):
        for entry in (load_rules(name) or {}).get("rules", []):
            if "id" in entry:
                entries[entry["id"]] = entry
    return entries


@cache
def _catalogue() -> dict[str, tuple[str, Severity]]:
    return {rule_id: (entry.get("message", ""), entry.get("severity", "warning"))
            for rule_id, entry in _entries().items()}


def rule_options(rule_id: str) -> dict[str, Any] | None:
    """The engine options of a rule (its YAML entry without the common keys), or None."""
    entry = _entries().get(rule_id)
    return None if entry is None else {k: v for k, v in entry.items() if k not in RESERVED_KEYS}


def rules_in_category(category: str) -> dict[str, dict[str, Any]]:
    """The options of every rule of ``category``, by id."""
    return {rule_id: rule_options(rule_id) or {} for rule_id, entry in _entries().items()
            if entry.get("category") == category}


def message(rule_id: str, variant: str | None = None, **values: Any) -> str:
    """The message of ``rule_id`` (or its ``messages: {variant: …}`` entry) with its
    ``{placeholders}`` filled in from ``values``."""
    template = part(rule_id, variant) if variant else _catalogue()[rule_id][0]
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def part(rule_id: str, key: str, **values: Any) -> str:
    """A named part of a rule's message (``messages: {key: …}`` in its YAML), filled in."""
    template = (_entries()[rule_id].get("messages") or {}).get(key, "")
    return template.format(**values) if values else template


def severity(rule_id: str) -> Severity:
    """The default severity of ``rule_id``."""
    return _catalogue()[rule_id][1]


def finding(rule_id: str, start: int, end: int, suggestion: str | None = None,
            key: str | None = None, variant: str | None = None, **values: Any) -> Finding:
    """A finding of ``rule_id`` on the original span ``[start, end)``, message filled in."""
    return Finding(rule_id, severity(rule_id), message(rule_id, variant, **values), start, end,
                   suggestion, key)


def note(key: str, **values: Any) -> str:
    """A report text of ``rules/messages.yaml`` (not a finding) with its values filled in."""
    template = load_rules("messages")["notes"][key]
    return template.format(**values)
