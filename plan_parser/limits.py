"""Every limit on what one input may cost, in one place.

A province points the tool at whatever communes sent and the web app takes uploads from anyone:
each reader counts what it inflates and stops at these limits, whatever a file declares about
itself, and the pipeline stops a document that runs too long. A refused input gets a clear
message naming the limit; nothing else in a batch is lost.

Each limit can be changed with an environment variable ``PLAN_PARSER_<NAME>`` (the field name
in upper case), for example ``PLAN_PARSER_MAX_TEXT_CHARS=20000000``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import cache

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits, with their defaults (documented in README, "Limits")."""

    # a file on disk (any format)
    max_file_bytes: int = 50 * MB
    # everything inflated from one container: the sum over the zip entries read from a .docx,
    # the decoded streams of a PDF; counted while inflating, not taken from the zip directory
    max_inflated_bytes: int = 64 * MB
    # the text of one document, whatever its format (a plan is 10–200 thousand characters;
    # the whole analysis with lint costs about 0.25 GB per million characters at worst)
    max_text_chars: int = 2_000_000
    # pages read from one PDF
    max_pdf_pages: int = 2_000
    # pages of a scanned PDF read by OCR (a few seconds a page)
    max_ocr_pages: int = 50
    # wall-clock seconds for the analysis of one document; the stages not run yet are skipped
    # and reported (cooperative: checked between stages and extractors)
    max_seconds: float = 60.0
    # findings of one rule in one document; the rest are counted in one more finding
    max_findings_per_rule: int = 100


def variable(name: str) -> str:
    """The environment variable of limit ``name``: ``max_text_chars`` gives
    ``PLAN_PARSER_MAX_TEXT_CHARS``."""
    return f"PLAN_PARSER_{name.upper()}"


def how_to_raise(name: str) -> str:
    """The sentence a refusal ends with: how to raise limit ``name``."""
    return f"Set {variable(name)} to raise it"


@cache
def limits() -> Limits:
    """The limits in force: the defaults, each overridable by ``PLAN_PARSER_<NAME>``."""
    values = {}
    for field in fields(Limits):
        raw = os.environ.get(variable(field.name))
        if raw is None:
            continue
        try:
            values[field.name] = float(raw) if field.type in ("float", float) else int(raw)
        except ValueError:
            raise ValueError(f"{variable(field.name)}={raw!r} is not a number") from None
    return Limits(**values)
