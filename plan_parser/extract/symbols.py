"""Số, ký hiệu: parse and canonicalise document numbers and symbols (534/QĐ-TTg, 226-KL/TW ...).

The grammar lives in ``rules/symbols.yaml``; type codes come from ``rules/doc_types.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class Symbol:
    """A parsed số/ký hiệu."""

    text: str  # as matched
    canonical: str  # "534/QĐ-TTg"
    number: str | None  # "534", "12A"; None when left blank in a draft
    year: int | None  # 2019 in 09/2019/NĐ-CP
    type_code: str | None  # "QĐ"; None for a công văn or a law
    issuer_code: str | None  # "TTg", "UBND-VX"
    system: str  # "state" | "party"
    malformed: tuple[str, ...] = field(default=())  # "spaces", "dot-for-hyphen", "stray-hyphen"


@dataclass(frozen=True, slots=True)
class SymbolGrammar:
    """Compiled symbol patterns."""

    party: re.Pattern[str]
    state: re.Pattern[str]
    bare_state: re.Pattern[str]  # a symbol without number: "KH-UBND" (a blank "Số: /KH-UBND")
    type_codes: frozenset[str]
    party_issuers: frozenset[str]


@cache
def grammar() -> SymbolGrammar:
    """Compile the symbol grammar once."""
    rules = load_rules("symbols")
    number, code, year = rules["number"], rules["code"], rules["year"]
    sep = r"\s*[-.]\s*"  # a hyphen; a dot is tolerated and reported
    codes = rf"{code}(?:{sep}{code})*"
    type_codes = {c for t in load_rules("doc_types")["types"] for c in t.get("codes", [])}
    # a type code may be split by stray hyphens between single capitals: "K-L"
    split_type = r"[A-ZĐ](?:-[A-ZĐ])+"
    return SymbolGrammar(
        party=re.compile(
            rf"(?P<number>{number})\s*-\s*(?P<type>{split_type}|{code})\s*/\s*(?P<issuer>{codes})"
        ),
        state=re.compile(
            rf"(?P<number>{number})?\s*/\s*(?:(?P<year>{year})\s*/\s*)?(?P<codes>{codes})"
        ),
        bare_state=re.compile(rf"(?P<codes>{code}(?:-{code})+)"),
        type_codes=frozenset(type_codes),
        party_issuers=frozenset(rules["party_issuers"]),
    )


def _flags(raw: str) -> list[str]:
    flags = []
    if re.search(r"\s", raw):
        flags.append("spaces")
    return flags


def _split_codes(codes: str, flags: list[str]) -> list[str]:
    parts = re.split(r"\s*([-.])\s*", codes)
    components = parts[0::2]
    # a dot between two components that are both codes stands for a hyphen (QĐ.TTg); a dot
    # inside a unit code (TTr.P2) is kept
    separators = parts[1::2]
    merged = [components[0]]
    for separator, component in zip(separators, components[1:], strict=True):
        if separator == "." and merged[-1] in grammar().type_codes and len(merged) == 1:
            flags.append("dot-for-hyphen")
            merged.append(component)
        elif separator == ".":
            merged[-1] = merged[-1] + "." + component
        else:
            merged.append(component)
    return merged


def parse_symbol(text: str, pos: int = 0) -> Symbol | None:
    """Parse a symbol starting exactly at ``pos`` of ``text``."""
    g = grammar()
    m = g.party.match(text, pos)
    if m:
        flags = _flags(m.group())
        type_code = m.group("type")
        if "-" in type_code:
            type_code = type_code.replace("-", "")
            flags.append("stray-hyphen")
        issuer_parts = _split_codes(m.group("issuer"), flags)
        issuer = "-".join(issuer_parts)
        canonical = f"{m.group('number')}-{type_code}/{issuer}"
        return Symbol(m.group(), canonical, m.group("number"), None, type_code, issuer, "party",
                      tuple(flags))
    m = g.state.match(text, pos)
    if m:
        flags = _flags(m.group())
        parts = _split_codes(m.group("codes"), flags)
        year = int(m.group("year")) if m.group("year") else None
        type_code = parts[0] if parts[0] in g.type_codes and len(parts) > 1 else None
        if type_code is None and year and parts[0] in g.type_codes and len(parts) == 1:
            type_code = None  # 110/2023/QH15 — the issuer code stands alone
        issuer_parts = parts[1:] if type_code else parts
        issuer = "-".join(issuer_parts) or None
        number = m.group("number")
        body = "-".join(parts)
        canonical = f"{number or ''}/" + (f"{year}/" if year else "") + body
        return Symbol(m.group(), canonical, number, year, type_code, issuer, "state", tuple(flags))
    m = g.bare_state.match(text, pos)
    if m:
        flags: list[str] = []
        parts = _split_codes(m.group("codes"), flags)
        type_code = parts[0] if parts[0] in g.type_codes else None
        issuer = "-".join(parts[1:] if type_code else parts) or None
        return Symbol(m.group(), "-".join(parts), None, None, type_code, issuer, "state",
                      tuple(flags))
    return None
