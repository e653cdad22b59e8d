"""The published JSON Schema of the analyze output."""

from __future__ import annotations

from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("plan.schema.json")


def schema_text() -> str:
    """The schema as JSON text."""
    return SCHEMA_PATH.read_text(encoding="utf-8")
