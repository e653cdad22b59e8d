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
    return header.doc_type_name in _legal_text_rules()[0] or header.symbol_year is not None


def limit_words() -> frozenset[str]:
    """The words of the limits a legal normative text imposes ("không quá", "trong")."""
    return _legal_text_rules()[1]


@cache
def _legal_text_rules() -> tuple[frozenset[str], frozenset[str]]:
    """The kinds of legal normative texts and the words of their limits, read once."""
    rules = load_rules("targets")["legal_texts"]
    return (frozenset(rules["kinds"]),
            frozenset(" ".join(w.split()) for w in rules["limit_words"]))
