"""Legal normative texts (``legal_texts`` in rules/targets.yaml): a law, a decree, a circular,
a consolidated text, or any document with a year in its symbol ("98/2025/QĐ-UBND"). They set
rules rather than plans, so targets and deadlines are read more narrowly there."""

from __future__ import annotations

from functools import cache

from plan_parser.rules_loader import load_rules
from plan_parser.structure.model import DocumentStructure


def is_legal_text(structure: DocumentStructure) -> bool:
    """True for a legal normative text."""
    header = structure.header
    return header.doc_type_name in _legal_text_kinds() or header.symbol_year is not None


@cache
def _legal_text_kinds() -> frozenset[str]:
    """The kinds of legal normative texts, read once."""
    return frozenset(load_rules("targets")["legal_texts"]["kinds"])
