"""What a computed check reports: a rule id, a normalized span and the message's parameters.

The message itself is the rule's (``rules/lint/*.yaml``): the check only fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found by a computed check (normalized offsets)."""

    rule: str
    start: int
    end: int
    params: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    key: str | None = None
