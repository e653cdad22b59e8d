"""Detect legacy 8-bit Vietnamese encodings (TCVN3/ABC, VNI) in text shown as Latin-1.

PLACEHOLDER: the real detector is being written; the signature is final.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class LegacyReport:
    """What the detector found: ``encoding`` is "tcvn3", "vni" or None."""

    encoding: str | None = None
    share: float = 0.0  # share of Vietnamese-looking words that are legacy-encoded
    spans: list[tuple[int, int]] = field(default_factory=list)  # legacy runs, original offsets
    sample: str = ""  # a short excerpt for the error message
    converted_sample: str = ""  # the same excerpt converted to Unicode


def detect_legacy_encoding(text: str) -> LegacyReport:
    """Report legacy-encoded Vietnamese in ``text`` (an empty report when there is none)."""
    return LegacyReport()
