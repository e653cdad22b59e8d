"""Findings about citations: malformed symbols, inconsistent mentions, registry contradictions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from plan_parser.extract.agencies import AgencyMatch, find_agency
from plan_parser.gazetteer import name_key
from plan_parser.model import Finding
from plan_parser.normalize import NormalizedText
from plan_parser.resolve.references import ReferencedDocument
from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    """A well-known document from ``rules/registry.yaml``."""

    symbol: str
    kind: str
    date: str | None
    issuer: str | None
    title: str | None


@cache
def registry() -> dict[str, RegistryEntry]:
    """Registry entries by canonical symbol."""
    data = load_rules("registry")
    return {
        entry["symbol"]: RegistryEntry(entry["symbol"], entry["kind"], entry.get("date"),
                                       entry.get("issuer"), entry.get("title"))
        for entry in data.get("documents", [])
    }


def _finding(norm: NormalizedText, rule: str, start: int, end: int,
             suggestion: str | None = None, variant: str | None = None, **values) -> Finding:
    """A finding of ``rule`` on a normalized span, its message from the rule's YAML."""
    from plan_parser.messages import finding

    o_start, o_end = norm.to_original(start, end)
    return finding(rule, o_start, o_end, suggestion, variant=variant, **values)


def agency_key(agency: AgencyMatch) -> tuple[str, str | None, str | None]:
    """What two mentions of an issuer must share: head, level and place (when named)."""
    place = name_key(agency.locality_name) if agency.locality_name else None
    return name_key(agency.head.name + (" " + agency.field if agency.field else "")), \
        agency.locality_kind, place


def issuers_conflict(a: AgencyMatch, b: AgencyMatch) -> bool:
    """True when two issuer mentions cannot be the same body."""
    head_a, level_a, place_a = agency_key(a)
    head_b, level_b, place_b = agency_key(b)
    if head_a != head_b:
        return True
    if level_a and level_b and level_a != level_b:
        return True
    return bool(place_a and place_b and place_a != place_b)


def citation_findings(documents: list[ReferencedDocument], norm: NormalizedText,
                      own_issuer: str | None = None) -> list[Finding]:
    """All citation findings of a document. ``own_issuer``: the body issuing the plan; "… và Kế
    hoạch số 112 của Sở Y tế" in its closing names the plan's own author, not the cited one's."""
    findings: list[Finding] = []
    own = find_agency(own_issuer, 0) if own_issuer else None
    for document in documents:
        if document.id == "self":
            continue
        findings.extend(_malformed(document, norm))
        findings.extend(_inconsistent(document, norm, own))
        findings.extend(_registry(document, norm))
    return findings


def _malformed(document: ReferencedDocument, norm: NormalizedText) -> list[Finding]:
    out = []
    for mention in document.mentions:
        symbol = mention.symbol
        if symbol is None or not symbol.malformed:
            continue
        start = mention.citation.symbol_start if mention.citation else mention.start
        from plan_parser.messages import part

        problems = ", ".join(part("citation-symbol-malformed", flag) or flag
                             for flag in symbol.malformed)
        out.append(_finding(norm, "citation-symbol-malformed", start, start + len(symbol.text),
                            symbol.canonical, written=symbol.text, problems=problems,
                            right=symbol.canonical))
    return out


def _inconsistent(document: ReferencedDocument, norm: NormalizedText,
                  own: AgencyMatch | None = None) -> list[Finding]:
    out = []
    name = document.symbol.canonical if document.symbol else (document.law_name or "")
    dated = [m for m in document.mentions if m.form != "alias" and m.date and m.date.iso]
    if len({m.date.iso for m in dated}) > 1:
        first = dated[0].date.iso
        for mention in dated[1:]:
            if mention.date.iso != first:
                out.append(_finding(norm, "citation-inconsistent-date", mention.date.start,
                                    mention.date.end, vn_date(first), kind=document.kind,
                                    document=name, first=vn_date(first),
                                    other=vn_date(mention.date.iso)))
    issuers = [m for m in document.mentions if m.form != "alias" and m.issuer is not None]
    for mention in issuers[1:]:
        if own is not None and not issuers_conflict(own, mention.issuer):
            continue  # the plan's own issuer, attached to the plan rather than to the citation
        if issuers_conflict(issuers[0].issuer, mention.issuer):
            first = norm.display(issuers[0].issuer.start, issuers[0].issuer.end)
            other = norm.display(mention.issuer.start, mention.issuer.end)
            out.append(_finding(norm, "citation-inconsistent-issuer", mention.issuer.start,
                                mention.issuer.end, first, kind=document.kind, document=name,
                                first=first, other=other))
    return out


def _registry(document: ReferencedDocument, norm: NormalizedText) -> list[Finding]:
    symbol = document.symbol
    entry = registry().get(symbol.canonical) if symbol else None
    if entry is None:
        return []
    out = []
    for mention in document.mentions:
        if mention.form == "alias":
            continue
        if entry.date and mention.date and mention.date.iso and mention.date.iso != entry.date:
            out.append(_finding(norm, "citation-contradicts-registry", mention.date.start,
                                mention.date.end, vn_date(entry.date), kind=entry.kind,
                                document=entry.symbol, right=vn_date(entry.date),
                                written=vn_date(mention.date.iso)))
        if entry.issuer and mention.issuer is not None:
            true_issuer = _registry_agency(entry.issuer)
            if true_issuer is not None and issuers_conflict(true_issuer, mention.issuer):
                written = norm.display(mention.issuer.start, mention.issuer.end)
                out.append(_finding(norm, "citation-contradicts-registry", mention.issuer.start,
                                    mention.issuer.end, entry.issuer, variant="issuer",
                                    kind=entry.kind, document=entry.symbol, right=entry.issuer,
                                    written=written))
    return out


@lru_cache(maxsize=1024)
def _registry_agency(issuer: str) -> AgencyMatch | None:
    """The agency a registry entry names as its issuer (the registry is rules data: read once
    per process and name, not per citation; an AgencyMatch is immutable)."""
    return find_agency(issuer, 0)


def vn_date(iso: str) -> str:
    """"2026-03-31" → "31/03/2026"."""
    year, month, day = iso.split("-")
    return f"{int(day):02d}/{int(month):02d}/{year}"
