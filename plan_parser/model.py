"""Small value types shared by every stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(slots=True)
class Finding:
    """Something a drafter or reviewer should look at.

    ``start``/``end`` are 0-based code-point offsets into the reader's *original* text
    (end exclusive). ``line``/``column``/``text`` are filled in at export time.
    """

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestion: str | None = None
    key: str | None = None  # what the finding is about when it has no text of its own
    # (a missing component, a metric of the parent): "motto", "online_conference_share"
