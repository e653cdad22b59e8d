"""Findings from extracted data: vague report deadlines, likely typos in unit names, places."""

from __future__ import annotations

from plan_parser.extract.deadlines import VagueReport
from plan_parser.messages import finding, part
from plan_parser.model import Finding
from plan_parser.normalize import NormalizedText
from plan_parser.resolve.places import PlaceCheck
from plan_parser.resolve.units import Unit


def _finding(norm: NormalizedText, rule: str, start: int, end: int,
             suggestion: str | None = None, variant: str | None = None, **values) -> Finding:
    """A finding of ``rule`` on a normalized span, its message from the rule's YAML."""
    o_start, o_end = norm.to_original(start, end)
    return finding(rule, o_start, o_end, suggestion, variant=variant, **values)


def vague_deadline_findings(vague: list[VagueReport], norm: NormalizedText) -> list[Finding]:
    """A report obligation with no period or date."""
    return [
        _finding(norm, "vague-deadline", v.start, v.end, word=v.word)
        for v in vague
    ]


def unit_typo_findings(units: list[Unit], norm: NormalizedText) -> list[Finding]:
    """A unit name that is probably a misspelling of another unit of the same plan."""
    out = []
    for unit in units:
        if unit.typo_of is None:
            continue
        for mention in unit.mentions:
            written = norm.display(mention.start, mention.end)
            out.append(_finding(norm, "unit-name-typo", mention.start, mention.end,
                                unit.typo_of, written=written, right=unit.typo_of))
    return out


def place_findings(checks: list[PlaceCheck], norm: NormalizedText) -> list[Finding]:
    """Issuing locality or parent's province that the 2025 list does not confirm."""
    out = []
    for check in checks:
        if check.role == "issuer" and not check.known:
            hint = (part("place-unknown", "hint", suggestion=check.suggestion)
                    if check.suggestion else "")
            where = part("place-unknown", "where", province=check.province) \
                if check.province else ""
            out.append(_finding(norm, "place-unknown", check.start, check.end, check.suggestion,
                                level=check.level, name=check.name, where=where, hint=hint))
        elif check.role == "issuer" and check.in_province is False:
            out.append(_finding(norm, "place-not-in-province", check.start, check.end,
                                Level=check.level.capitalize(), name=check.name,
                                province=check.province,
                                provinces=", ".join(check.provinces_with_name)))
        elif check.role == "parent_province" and not check.known:
            out.append(_finding(norm, "place-unknown", check.start, check.end,
                                variant="province", name=check.name))
    return out
