"""``sequence``: the numbering of sections and items (I, II, III → 1, 2, 3 → a, b, c).

Options: ``report``: ``gap`` (a number or letter skipped) or ``duplicate`` (repeated);
``letters``: the order of item letters (Vietnamese: a, b, c, d, đ, e, g, h …).
Numbering restarts under each parent; arabic items numbered on across the parents
(I: 1–3, II: 4–6) are accepted too. Bullets ("-", "+") carry no number and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from plan_parser.lint.context import LintContext
from plan_parser.lint.rules import LintRule
from plan_parser.model import Finding
from plan_parser.structure.model import SectionNode

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(label: str) -> int | None:
    """"IV" → 4; None when ``label`` is not a well-formed Roman numeral."""
    total, previous = 0, 0
    for ch in reversed(label.upper()):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if _to_roman(total) == label.upper() else None


def _to_roman(value: int) -> str:
    out = ""
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                            (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out


@dataclass(frozen=True, slots=True)
class NumberingIssue:
    """A numbering gap or duplicate at one item (normalized offsets)."""

    kind: str  # gap | duplicate
    node: SectionNode
    expected: str
    previous: str | None


class SequenceEngine:
    def check(self, rule: LintRule, ctx: LintContext) -> Iterator[Finding]:
        letters = tuple(rule.options.get("letters", "abcdđeghiklmnopqrstuvxy"))
        issues = ctx.memo(f"numbering:{''.join(letters)}",
                          lambda: numbering_issues(ctx.analysis.structure.sections, letters))
        for issue in issues:
            if issue.kind != rule.options["report"]:
                continue
            node = issue.node
            yield ctx.finding(rule, node.start, node.title.end, None,
                              label=node.label, expected=issue.expected,
                              previous=issue.previous or "")


def numbering_issues(sections: list[SectionNode], letters: tuple[str, ...]
                     ) -> list[NumberingIssue]:
    """Gaps and duplicates among the numbered children of every node, depth first."""
    issues: list[NumberingIssue] = []
    last_of_kind: dict[tuple[int, str], int] = {}  # (depth, kind) → last value seen anywhere

    def value_of(node: SectionNode) -> int | None:
        if node.kind == "roman":
            return roman_value(node.label)
        if node.kind == "arabic":
            last = node.label.rsplit(".", 1)[-1]
            return int(last) if last.isdigit() else None
        if node.kind == "letter":
            return letters.index(node.label) + 1 if node.label in letters else None
        if node.kind in ("article", "chapter"):  # "Điều 12", "Chương IV"
            number = node.label.split()[-1]
            if number.isdigit():
                return int(number)
            return roman_value(number) if node.kind == "chapter" else None
        return None

    def label_of(kind: str, value: int, like: str) -> str:
        if kind in ("article", "chapter"):
            word, number = like.split()[0], like.split()[-1]
            shown = str(value) if number.isdigit() else _to_roman(value)
            return f"{word} {shown}"
        if kind == "roman":
            return _to_roman(value)
        if kind == "letter":
            return letters[value - 1] if 0 < value <= len(letters) else "?"
        prefix = like.rsplit(".", 1)[0] + "." if "." in like else ""
        return f"{prefix}{value}"

    def walk(nodes: list[SectionNode], depth: int) -> None:
        seen: dict[str, set[int]] = {}
        expected: dict[str, int] = {}
        previous: dict[str, str] = {}
        for node in nodes:
            value = value_of(node)
            if value is not None:
                kind = node.kind
                if kind not in expected:  # the first numbered child of its kind here
                    continued = last_of_kind.get((depth, kind))
                    expected[kind] = 1 if value == 1 or continued is None or \
                        value != continued + 1 else value
                values = seen.setdefault(kind, set())
                if value in values:
                    issues.append(NumberingIssue("duplicate", node, label_of(
                        kind, expected[kind], node.label), previous.get(kind)))
                elif value > expected[kind]:
                    issues.append(NumberingIssue("gap", node, label_of(
                        kind, expected[kind], node.label), previous.get(kind)))
                values.add(value)
                previous[kind] = node.label
                expected[kind] = max(expected[kind], value + 1)
                last_of_kind[(depth, kind)] = value
            walk(node.children, depth + 1)

    walk(sections, 0)
    return issues
