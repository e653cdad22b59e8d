"""Findings from extracted data: vague report deadlines, likely typos in unit names, places."""

from __future__ import annotations

from plan_parser.extract.deadlines import VagueReport
from plan_parser.model import Finding
from plan_parser.normalize import NormalizedText
from plan_parser.resolve.places import PlaceCheck
from plan_parser.resolve.units import Unit


def _finding(norm: NormalizedText, rule: str, severity: str, message: str, start: int, end: int,
             suggestion: str | None = None) -> Finding:
    o_start, o_end = norm.to_original(start, end)
    return Finding(rule, severity, message, o_start, o_end, suggestion)


def vague_deadline_findings(vague: list[VagueReport], norm: NormalizedText) -> list[Finding]:
    """A report obligation with no period or date."""
    return [
        _finding(norm, "vague-deadline", "warning",
                 f"Báo cáo chỉ ghi “{v.word}”, không có thời hạn cụ thể: nên ghi rõ kỳ báo cáo "
                 "và hạn gửi (ví dụ: “định kỳ 6 tháng, trước ngày 10/6”).",
                 v.start, v.end)
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
            out.append(_finding(
                norm, "unit-name-typo", "warning",
                f"“{written}” có lẽ là “{unit.typo_of}” (tên đơn vị này được viết khác ở nơi khác "
                "trong văn bản).", mention.start, mention.end, unit.typo_of))
    return out


def place_findings(checks: list[PlaceCheck], norm: NormalizedText) -> list[Finding]:
    """Issuing locality or parent's province that the 2025 list does not confirm."""
    out = []
    for check in checks:
        if check.role == "issuer" and not check.known:
            hint = f" Có phải là “{check.suggestion}”?" if check.suggestion else ""
            where = f" của {check.province}" if check.province else ""
            out.append(_finding(
                norm, "place-unknown", "warning",
                f"Không có {check.level} “{check.name}” trong danh mục đơn vị hành chính{where} "
                f"(sau sắp xếp từ 01/7/2025).{hint}", check.start, check.end, check.suggestion))
        elif check.role == "issuer" and check.in_province is False:
            out.append(_finding(
                norm, "place-not-in-province", "error",
                f"{check.level.capitalize()} “{check.name}” không thuộc {check.province} "
                f"(có ở: {', '.join(check.provinces_with_name)}).", check.start, check.end))
        elif check.role == "parent_province" and not check.known:
            out.append(_finding(
                norm, "place-unknown", "warning",
                f"“{check.name}” không phải là tỉnh, thành phố trong danh mục từ 01/7/2025.",
                check.start, check.end))
    return out
