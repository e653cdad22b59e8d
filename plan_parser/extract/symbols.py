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
    relaxed_party: re.Pattern[str]  # lower-case codes allowed, checked against known codes
    relaxed_state: re.Pattern[str]
    known_codes: dict[str, str]  # lower case → canonical spelling
    issuer_codes: frozenset[str]  # the known issuer codes ("CP", "BYT", "UBND")
    bare_state: re.Pattern[str]  # a symbol without number: "KH-UBND" (a blank "Số: /KH-UBND")
    type_codes: frozenset[str]
    type_codes_longest_first: tuple[str, ...]  # "TTLT" tried before "TT"
    party_issuers: frozenset[str]
    legislatures: dict[int, tuple[int, int]]  # term number → its first and last year
    kind_codes: dict[str, tuple[str, ...]]  # type word ("Chỉ thị") → its type codes ("CT",)
    slash_issuers: re.Pattern[str]  # "/BLĐTBXH-BYT" after a type code written with a slash


@cache
def grammar() -> SymbolGrammar:
    """Compile the symbol grammar once."""
    rules = load_rules("symbols")
    number, code, year = rules["number"], rules["code"], rules["year"]
    code = rf"{code}(?![^\W\d_])"  # a code ends at a word boundary ("Ph" of "Phấn" is not one)
    # a hyphen (spaces around it tolerated and reported); a dot directly between two codes
    # ("QĐ.TTg") is tolerated and reported; only a line break right after a hyphen or a slash
    # is crossed (a table cell of a PDF wraps there: "23/NQ-" / "CP"), and not reported
    # (or right before a hyphen that the next code follows at once: "27/2018/QĐ" / "-TTg")
    sep = rf"[ \t]*\r?\n-(?=[A-ZĐ])|[ \t]*-{_WRAP}[ \t]*|\.(?=[A-ZĐ])"
    codes = rf"{code}(?:(?:{sep}){code})*"
    type_codes = {c for t in load_rules("doc_types")["types"] for c in t.get("codes", [])}
    known = {c.lower(): c for c in [*rules.get("known_issuer_codes", []), *sorted(type_codes)]}
    relaxed_code = r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*(?![^\W\d_])"
    relaxed_codes = rf"{relaxed_code}(?:[ \t]*-[ \t]*{relaxed_code})*"
    # a type code may be split by stray hyphens between single capitals: "K-L"
    split_type = r"[A-ZĐ](?:-[A-ZĐ])+"
    return SymbolGrammar(
        party=re.compile(
            rf"(?P<number>{number})[ \t]*-{_WRAP}[ \t]*(?P<type>{split_type}|{code})"
            rf"[ \t]*/{_WRAP}[ \t]*(?P<issuer>{codes})"
        ),
        state=re.compile(
            rf"(?P<number>{number})?[ \t]*/{_WRAP}[ \t]*(?:(?P<year>{year})[ \t]*/{_WRAP}[ \t]*)?"
            rf"(?P<codes>{codes})"
        ),
        relaxed_party=re.compile(
            rf"(?P<number>{number})[ \t]*-[ \t]*(?P<type>{relaxed_code})[ \t]*/[ \t]*"
            rf"(?P<issuer>{relaxed_codes})"
        ),
        relaxed_state=re.compile(
            rf"(?P<number>{number})[ \t]*/[ \t]*(?:(?P<year>{year})[ \t]*/[ \t]*)?"
            rf"(?P<codes>{relaxed_codes})"
        ),
        known_codes=known,
        issuer_codes=frozenset(rules.get("known_issuer_codes", [])),
        bare_state=re.compile(rf"(?P<codes>{code}(?:-{code})+)"),
        type_codes=frozenset(type_codes),
        type_codes_longest_first=tuple(sorted(type_codes, key=lambda c: (-len(c), c))),
        party_issuers=frozenset(rules["party_issuers"]),
        legislatures={int(k): (int(v[0]), int(v[1])) for k, v in rules["legislatures"].items()},
        kind_codes={t["name"]: tuple(t.get("codes", [])) for t in load_rules("doc_types")["types"]},
        slash_issuers=re.compile(
            rf"[ \t]*/[ \t]*(?P<codes>(?P<first>{code})(?:[ \t]*-[ \t]*{code})*)"),
    )


_WRAP = r"(?:[ \t]*\r?\n)?"  # a line break right after a separator
_WRAPPED = re.compile(r"(?<=[-/])[ \t]*\r?\n[ \t]*|[ \t]*\r?\n(?=-)")


_SPACE = re.compile(r"\s")
_CODE_SEPARATOR = re.compile(r"\s*([-.])\s*")


def _flags(raw: str) -> list[str]:
    flags = []
    # (a symbol without any space, the most, needs no copy without its line breaks)
    if _SPACE.search(raw) is not None and _SPACE.search(_WRAPPED.sub("", raw)) is not None:
        flags.append("spaces")
    return flags


def _split_codes(codes: str, flags: list[str]) -> list[str]:
    if "-" not in codes and "." not in codes:  # one code: nothing to split or merge
        return [_fix_case(codes, flags)]
    parts = _CODE_SEPARATOR.split(codes)
    components = parts[0::2]
    # a dot between two components that are both codes stands for a hyphen (QĐ.TTg); a dot
    # inside a unit code (TTr.P2) is kept
    separators = parts[1::2]
    merged = [components[0]]
    type_codes = grammar().type_codes
    for separator, component in zip(separators, components[1:], strict=True):
        if separator == "." and merged[-1] in type_codes and len(merged) == 1:
            flags.append("dot-for-hyphen")
            merged.append(component)
        elif separator == ".":
            merged[-1] = merged[-1] + "." + component
        else:
            merged.append(component)
    return [_fix_case(part, flags) for part in merged]


def _fix_case(part: str, flags: list[str]) -> str:
    """A code spelled with the wrong case ("Qđ", "tw") gets its known spelling."""
    known = grammar().known_codes.get(part.lower())
    if known is not None and known != part:
        if "case" not in flags:
            flags.append("case")
        return known
    return part


def _joined_codes(parts: list[str], flags: list[str], g: SymbolGrammar) -> list[str]:
    """A type code and an issuer code written without their hyphen ("NĐCP", "TTBYT"): the
    two codes, when the text splits into a known type code and a known issuer code."""
    joined = parts[0]
    if joined in g.type_codes or joined in g.issuer_codes:
        return parts
    for type_code in g.type_codes_longest_first:
        rest = joined[len(type_code):]
        if joined.startswith(type_code) and rest in g.issuer_codes:
            flags.append("missing-hyphen")
            return [type_code, rest]
    return parts


_LEGISLATURE = re.compile(r"((?:UBTV)?QH)(\d*)")


def _complete_legislature(issuer: str, parts: list[str], year: int, flags: list[str],
                          g: SymbolGrammar) -> tuple[str, list[str]]:
    """A National Assembly code cut short ("43/2024/QH1"): the one term of that year whose
    number it begins is meant ("QH15"); a complete code is left as written."""
    m = _LEGISLATURE.fullmatch(issuer)
    if m is None:
        return issuer, parts
    terms = [n for n, (first, last) in g.legislatures.items() if first <= year <= last]
    if not m.group(2) or int(m.group(2)) in terms:
        return issuer, parts
    matching = [n for n in terms if str(n).startswith(m.group(2))]
    if len(matching) != 1:
        return issuer, parts
    fixed = f"{m.group(1)}{matching[0]}"
    flags.append("legislature")
    return fixed, [*parts[:-1], fixed]


def matching_kind(symbol: Symbol, kind: str) -> Symbol:
    """``symbol`` cited after its type word ``kind``, with a type code one letter away from
    that word's code put right ("Chỉ thị số 15/CTT-TTg" → 15/CT-TTg, "Nghị định số
    103/2024/ND-CP" → NĐ-CP) and flagged ``type-code-slip``; a code that is a known one, or no
    near one, is left as written."""
    g = grammar()
    codes = g.kind_codes.get(kind, ())
    if not codes or symbol.number is None or symbol.type_code in codes:
        return symbol
    if symbol.system == "party":
        written = symbol.type_code
    else:
        if symbol.type_code is not None or symbol.issuer_code is None \
                or "-" not in symbol.issuer_code:
            return symbol  # (a state symbol with a known type code, or with one code only)
        written = symbol.issuer_code.split("-", 1)[0]
    if not written or written in g.type_codes or written.lower() in g.known_codes:
        return symbol
    near = [code for code in codes if _one_edit(written, code)]
    if len(near) != 1:
        return symbol
    fixed = near[0]
    flags = (*symbol.malformed, "type-code-slip")
    if symbol.system == "party":
        canonical = _party_canonical(symbol.number, fixed, symbol.issuer_code)
        return Symbol(symbol.text, canonical, symbol.number, None, fixed, symbol.issuer_code,
                      "party", flags)
    issuer = symbol.issuer_code.split("-", 1)[1]
    canonical = _state_canonical(symbol.number, symbol.year, f"{fixed}-{issuer}")
    return Symbol(symbol.text, canonical, symbol.number, symbol.year, fixed, issuer, "state",
                  flags)


def _party_canonical(number: str, type_code: str, issuer: str | None) -> str:
    """A Party symbol's canonical form: "226-KL/TW"."""
    return f"{number}-{type_code}/{issuer}"


def _state_canonical(number: str | None, year: int | None, codes: str) -> str:
    """A state symbol's canonical form: "534/QĐ-TTg", "09/2019/NĐ-CP" (a blank number: "/KH-…")."""
    return f"{number or ''}/" + (f"{year}/" if year else "") + codes


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter left out, added or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


SymbolMemo = dict[tuple[str | None, ...], Symbol]  # see parse_symbol


def parse_symbol(text: str, pos: int = 0, memo: SymbolMemo | None = None) -> Symbol | None:
    """Parse a symbol starting exactly at ``pos`` of ``text``.

    ``memo``: the symbols a caller has parsed so far in one text (empty at first), by the
    groups of their match: a symbol cited again ("Kết luận số 226-KL/TW" twenty times in a
    plan) is not worked out again. A symbol is a function of those groups, except where the
    text after the match is read ("37/2012/TTLT/BLĐTBXH-BYT"): such a one is not kept."""
    g = grammar()
    m = g.party.match(text, pos)
    if m:
        if memo is None:
            return _party_symbol(m)
        key = m.group(0, "number", "type", "issuer")
        symbol = memo.get(key)
        if symbol is None:
            symbol = memo[key] = _party_symbol(m)
        return symbol
    m = g.state.match(text, pos)
    if m:
        if memo is None:
            return _state_symbol(text, pos, m, g)[0]
        key = ("", *m.group(0, "number", "year", "codes"))  # ("": not a party key)
        symbol = memo.get(key)
        if symbol is None:
            symbol, read_after = _state_symbol(text, pos, m, g)
            if not read_after:
                memo[key] = symbol
        return symbol
    relaxed = _parse_relaxed(text, pos, g)
    if relaxed is not None:
        return relaxed
    m = g.bare_state.match(text, pos)
    if m:
        flags: list[str] = []
        parts = _split_codes(m.group("codes"), flags)
        type_code = parts[0] if parts[0] in g.type_codes else None
        issuer = "-".join(parts[1:] if type_code else parts) or None
        return Symbol(m.group(), "-".join(parts), None, None, type_code, issuer, "state",
                      tuple(flags))
    return None


def _party_symbol(m: re.Match[str]) -> Symbol:
    """The symbol of a match of the Party pattern ("226-KL/TW")."""
    flags = _flags(m.group())
    type_code = m.group("type")
    if "-" in type_code:
        type_code = type_code.replace("-", "")
        flags.append("stray-hyphen")
    type_code = _fix_case(type_code, flags)
    issuer_parts = _split_codes(m.group("issuer"), flags)
    issuer = "-".join(issuer_parts)
    canonical = _party_canonical(m.group("number"), type_code, issuer)
    return Symbol(m.group(), canonical, m.group("number"), None, type_code, issuer, "party",
                  tuple(flags))


def _state_symbol(text: str, pos: int, m: re.Match[str],
                  g: SymbolGrammar) -> tuple[Symbol, bool]:
    """The symbol of a match of the state pattern at ``pos`` ("534/QĐ-TTg"), and whether the
    text after the match was read for it (a slash for the hyphen after the type code)."""
    flags = _flags(m.group())
    parts = _split_codes(m.group("codes"), flags)
    year = int(m.group("year")) if m.group("year") else None
    raw = m.group()
    read_after = len(parts) == 1 and bool(year) and parts[0] in g.type_codes
    if read_after:
        # "37/2012/TTLT/BLĐTBXH-BYT": a slash for the hyphen after the type code
        issuers = g.slash_issuers.match(text, m.end())
        if issuers is not None and issuers.group("first") in g.issuer_codes:
            flags.append("slash-for-hyphen")
            parts = [parts[0], *_split_codes(issuers.group("codes"), flags)]
            raw = text[pos:issuers.end()]
    if len(parts) == 1:
        parts = _joined_codes(parts, flags, g)  # "118/2025/NĐCP": "NĐ-CP"
    type_code = parts[0] if parts[0] in g.type_codes and len(parts) > 1 else None
    if type_code is None and year and parts[0] in g.type_codes and len(parts) == 1:
        type_code = None  # 110/2023/QH15 — the issuer code stands alone
    issuer_parts = parts[1:] if type_code else parts
    issuer = "-".join(issuer_parts) or None
    number = m.group("number")
    if type_code and number and not year and issuer in g.party_issuers:
        # "45/NQ-TW": a Party document written in the state shape; it is 45-NQ/TW
        flags.append("party-form")
        canonical = _party_canonical(number, type_code, issuer)
        return Symbol(m.group(), canonical, number, None, type_code, issuer, "party",
                      tuple(flags)), read_after
    if year and issuer:
        issuer, parts = _complete_legislature(issuer, parts, year, flags, g)
    body = "-".join(parts)
    canonical = _state_canonical(number, year, body)
    return Symbol(raw, canonical, number, year, type_code, issuer, "state",
                  tuple(flags)), read_after


def _parse_relaxed(text: str, pos: int, g: SymbolGrammar) -> Symbol | None:
    """A symbol written in the wrong case: accepted only when every code is a known one."""
    for pattern, system in ((g.relaxed_party, "party"), (g.relaxed_state, "state")):
        m = pattern.match(text, pos)
        if not m:
            continue
        if system == "party":
            codes = [m.group("type"), *re.split(r"[ \t]*-[ \t]*", m.group("issuer"))]
        else:
            codes = re.split(r"[ \t]*-[ \t]*", m.group("codes"))
        if not all(c.lower() in g.known_codes for c in codes):
            continue
        flags = _flags(m.group())
        fixed = [_fix_case(c, flags) for c in codes]
        if system == "party":
            canonical = _party_canonical(m.group("number"), fixed[0], "-".join(fixed[1:]))
            return Symbol(m.group(), canonical, m.group("number"), None, fixed[0],
                          "-".join(fixed[1:]), "party", tuple(flags))
        year = int(m.group("year")) if m.group("year") else None
        type_code = fixed[0] if fixed[0] in g.type_codes and len(fixed) > 1 else None
        issuer = "-".join(fixed[1:] if type_code else fixed)
        canonical = _state_canonical(m.group("number"), year, "-".join(fixed))
        return Symbol(m.group(), canonical, m.group("number"), year, type_code, issuer, "state",
                      tuple(flags))
    return None
