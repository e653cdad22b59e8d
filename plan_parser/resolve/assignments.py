"""Assignments: which unit does which task, in which role, with which products.

Rules in ``rules/assignments.yaml``; units come from :mod:`plan_parser.resolve.units`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from plan_parser.extract.scan import char_offsets, in_lower_case, lowered
from plan_parser.extract.units import UnitMention
from plan_parser.normalize import NormalizedText
from plan_parser.resolve.units import Unit
from plan_parser.rules_loader import filled, load_rules
from plan_parser.structure.index import section_index
from plan_parser.structure.model import DocumentStructure, SectionNode


@dataclass(slots=True)
class Assignment:
    """A task given to a unit (normalized offsets of the task)."""

    unit: Unit
    role: str  # lead | support | advise | report | accountable | responsible | requested
    start: int
    end: int
    section: str
    products: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AssignmentRules:
    """Compiled assignment rules."""

    implementation: re.Pattern[str]
    prefixes: list[tuple[re.Pattern[str], str]]
    any_prefix: re.Pattern[str]  # one of ``prefixes`` matches: tried first, the roles only then
    roles: list[tuple[re.Pattern[str], str]]
    inline: list[tuple[re.Pattern[str], str]]
    any_inline: re.Pattern[str]  # one of ``inline`` matches: tried first, the roles only then
    partner: re.Pattern[str]
    partner_cased: re.Pattern[str] | None  # without re.I, for the lower-cased text
    products: re.Pattern[str]
    lead_cues: re.Pattern[str]
    plan_word: re.Pattern[str]


@cache
def assignment_rules() -> AssignmentRules:
    """Compile the assignment rules once per process."""
    data = load_rules("assignments")
    cue = data["partner_cue"]
    inline = {role: [filled(p, partner_cue=cue) for p in patterns]
              for role, patterns in data["inline_roles"].items()}
    partner = filled(data["partner"], partner_cue=cue)

    def pairs(group: dict, anchor: str = "^") -> list[tuple[re.Pattern[str], str]]:
        return [(re.compile(anchor + "(?:" + p + ")", re.I), role)
                for role, patterns in group.items() for p in patterns]

    return AssignmentRules(
        implementation=re.compile("|".join(data["implementation_titles"]), re.I),
        prefixes=pairs(data["subject_prefixes"]),
        any_prefix=_any_of(data["subject_prefixes"], "^"),
        roles=pairs(data["roles"]),
        inline=pairs(inline, anchor=r"\s*"),
        any_inline=_any_of(inline, r"\s*"),
        partner=re.compile(partner, re.I),
        partner_cased=re.compile(partner) if in_lower_case(partner) else None,
        products=re.compile(data["products"], re.I),
        lead_cues=re.compile("|".join(data["lead_cues"]), re.I),
        plan_word=re.compile(data["plan_word"]),
    )


def _any_of(group: dict[str, list[str]], anchor: str) -> re.Pattern[str]:
    """One pattern that matches where one of the ``group``'s patterns does."""
    return re.compile(anchor + "(?:" + "|".join(
        f"(?:{p})" for patterns in group.values() for p in patterns) + ")", re.I)


class _UnitIndex:
    """Find the unit of a mention by position."""

    def __init__(self, units: list[Unit]) -> None:
        pairs = sorted((m.start, m, u) for u in units for m in u.mentions)
        self.starts = [p[0] for p in pairs]
        self.items = [(p[1], p[2]) for p in pairs]

    def at(self, position: int, slack: int = 0) -> tuple[UnitMention, Unit] | None:
        """The first mention starting in ``[position, position + slack]``."""
        i = bisect_left(self.starts, position)
        if i < len(self.starts) and self.starts[i] <= position + slack:
            return self.items[i]
        return None

    def within(self, start: int, end: int) -> list[tuple[UnitMention, Unit]]:
        i = bisect_right(self.starts, start - 1)
        out = []
        while i < len(self.items) and self.items[i][0].start < end:
            out.append(self.items[i])
            i += 1
        return out


def _is_implementation(part: SectionNode, known: dict[int, bool],
                       rules: AssignmentRules) -> bool:
    """True when a part's title is one of implementation ("Tổ chức thực hiện"), each part's
    title read once."""
    key = id(part)
    if key not in known:
        known[key] = bool(rules.implementation.search(part.title.text))
    return known[key]


def _role_of(text: str, rules: AssignmentRules) -> str:
    for pattern, role in rules.roles:
        if pattern.match(text):
            return role
    return "responsible"


def _subject(node: SectionNode, text: str, index: _UnitIndex,
             rules: AssignmentRules) -> tuple[Unit, str | None] | None:
    """The unit a section title opens with, and the role its prefix gives."""
    title = text[node.title.start:node.title.end]
    prefix_role = None
    offset = 0
    if rules.any_prefix.match(title):
        for pattern, role in rules.prefixes:
            m = pattern.match(title)
            if m:
                rest = title[m.end():]
                prefix_role, offset = role, m.end() + len(rest) - len(rest.lstrip())
                break
    found = index.at(node.title.start + offset)
    if found is None:
        return None
    return found[1], prefix_role


def _tasks(node: SectionNode, text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """(start, end, products) of each task of a unit section: its bullets or its paragraphs."""
    rules = assignment_rules()
    tasks = []
    bullets = [c for c in node.children if c.kind in ("dash", "plus")]
    if bullets:
        for bullet in bullets:
            if rules.products.match(bullet.title.text):
                products = [(c.title.start, c.title.end) for c in bullet.children]
                if tasks:
                    for task in tasks:
                        task[2].extend(products)
                continue
            tasks.append((bullet.title.start, bullet.end, []))
        return tasks
    body_start = node.title.end
    lines = [m.span() for m in re.finditer(r"[^\n]+", text[body_start:node.end])]
    spans = [(body_start + s, body_start + e) for s, e in lines
             if text[body_start + s:body_start + e].strip(" :.")]
    if not spans or node.children:
        return [(node.title.start, node.end, [])]
    return [(s, e, []) for s, e in spans]


def resolve_assignments(structure: DocumentStructure, norm: NormalizedText,
                        units: list[Unit]) -> list[Assignment]:
    """All assignments of the plan, in order."""
    rules = assignment_rules()
    text = norm.text
    index = _UnitIndex(units)
    assignments: list[Assignment] = []
    covered: list[tuple[int, int]] = []
    index_of_sections = section_index(structure)
    partners = _PartnerScan(text, rules)
    implementation_parts: dict[int, bool] = {}  # id of a part → its title is implementation's
    for position, node in enumerate(index_of_sections.nodes):
        if node.kind in ("dash", "plus"):
            continue
        part = index_of_sections.part_of(position)
        in_implementation = part is not None and part is not node and _is_implementation(
            part, implementation_parts, rules)
        subject = _subject(node, text, index, rules)
        if subject is None:
            continue
        title = text[node.title.start:node.title.end]
        unit_mention = index.at(node.title.start + (len(title) - len(title.lstrip())), 40)
        short_title = unit_mention is not None and node.title.end - unit_mention[0].end < 25
        if not (in_implementation or short_title):
            continue
        unit, prefix_role = subject
        for start, end, products in _tasks(node, text):
            task_text = text[start:end]
            role = prefix_role or _role_of(task_text, rules)
            assignments.append(Assignment(unit, role, start, end, node.path, products))
            # "Phối hợp với X …": the section's unit supports, X leads the task
            partner_role = "lead" if role == "support" and rules.partner.match(task_text) \
                else "support"
            _partners(partners, start, end, node.path, index, unit, assignments, partner_role)
        covered.append((node.start, node.end))
    _inline(structure, text, index, covered, assignments, rules)
    assignments.sort(key=lambda a: (a.start, a.role != "lead"))
    return assignments


class _PartnerScan:
    """The partner cue ("phối hợp với") searched case-blind: in the lower-cased text without
    re.IGNORECASE when the pattern is in lower case (the engine can then skip ahead on its
    first word), else with it in the text."""

    def __init__(self, text: str, rules: AssignmentRules) -> None:
        low = lowered(text)
        if rules.partner_cased is not None and low is not text:
            self.pattern, self.text = rules.partner_cased, low
        else:
            self.pattern, self.text = rules.partner, text

    def finditer(self, start: int, end: int):
        """The cues in ``[start, end)``."""
        return self.pattern.finditer(self.text, start, end)


def _partners(partners: _PartnerScan, start: int, end: int, section: str, index: _UnitIndex,
              subject: Unit, assignments: list[Assignment], role: str) -> None:
    for number, m in enumerate(partners.finditer(start, end)):
        found = index.at(m.end())
        if found is not None and found[1] is not subject:
            assignments.append(Assignment(found[1], role if number == 0 else "support",
                                          start, end, section))


_COORDINATION = re.compile(load_rules("units")["coordination_pattern"])


def _inline(structure: DocumentStructure, text: str, index: _UnitIndex,
            covered: list[tuple[int, int]], assignments: list[Assignment],
            rules: AssignmentRules) -> None:
    """"<unit> chủ trì …", "Giao <unit> chủ trì …" outside unit sections. The task is the
    clause (up to ";" or the end of the sentence); units joined by "và" / "," share the role."""
    covered.sort()
    covered_starts = [s for s, _ in covered]
    sections = section_index(structure)
    pending: list[tuple[UnitMention, Unit]] = []  # units coordinated with the next one
    marks = _Marks(text)
    for mention, unit in index.items:
        i = bisect_right(covered_starts, mention.start) - 1
        if i >= 0 and covered[i][0] <= mention.start < covered[i][1]:
            pending = []
            continue  # (section spans nest: the outermost covering one starts first)
        if _in_any(mention.start, covered[max(0, i - 3):i]):
            pending = []
            continue
        if pending and not _COORDINATION.fullmatch(text, pending[-1][0].end, mention.start):
            pending = []
        if not rules.any_inline.match(text, mention.end):
            pending.append((mention, unit))
            continue
        for pattern, role in rules.inline:
            if pattern.match(text, mention.end):
                start, end = _clause(text, mention.start, mention.end, marks)
                path = sections.path_at(mention.start)
                for other_mention, _ in pending:
                    start = min(start, _clause(text, other_mention.start, other_mention.end,
                                               marks)[0])
                for _, other in [*pending, (mention, unit)]:
                    assignments.append(Assignment(other, role, start, end, path))
                pending = []
                break
        else:
            pending.append((mention, unit))


def _in_any(position: int, spans: list[tuple[int, int]]) -> bool:
    """True when ``position`` lies in one of the ``spans``."""
    for start, end in spans:  # noqa: SIM110 (a loop costs less than any() of a generator)
        if start <= position < end:
            return True
    return False


class _Marks:
    """Where the lines, ";" and ". " of a text are, found once (a clause is then looked up,
    not searched for: a line may hold thousands of clauses)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        low = lowered(text)  # (its offsets were found by the extractors already)
        self.newlines = char_offsets(low, "\n")
        self.semicolons = char_offsets(low, ";")
        self.stops = [m.start() for m in re.finditer(r"\. ", text)]

    @staticmethod
    def last(positions: list[int], lowest: int, below: int) -> int:
        """The last position in ``[lowest, below)``, or -1."""
        i = bisect_left(positions, below) - 1
        return positions[i] if i >= 0 and positions[i] >= lowest else -1

    @staticmethod
    def first(positions: list[int], lowest: int, below: int) -> int:
        """The first position in ``[lowest, below)``, or -1."""
        i = bisect_left(positions, lowest)
        return positions[i] if i < len(positions) and positions[i] < below else -1


def _clause(text: str, start: int, end: int, marks: _Marks) -> tuple[int, int]:
    """The clause around ``[start, end)``: from the last ";", "." or line start before it to the
    next ";", sentence end or line end after it."""
    line_start = marks.last(marks.newlines, 0, start) + 1
    left = max(marks.last(marks.semicolons, line_start, start) + 1, line_start)
    sentence = marks.last(marks.stops, line_start, start - 1)  # ". " ending by ``start``
    if sentence != -1:
        left = max(left, sentence + 2)
    line_end = marks.first(marks.newlines, end, marks.length)
    line_end = marks.length if line_end == -1 else line_end
    right = marks.first(marks.semicolons, end, line_end)
    right = line_end if right == -1 else right
    stop = marks.first(marks.stops, end, right - 1)  # ". " ending by ``right``
    while left < start and text[left] in " \t-+•":
        left += 1
    return left, (stop + 1 if stop != -1 else right)


def lead_unit(assignments: list[Assignment], structure: DocumentStructure,
              norm: NormalizedText) -> Unit | None:
    """The plan's overall lead: a lead/advise task about the plan itself ("… Kế hoạch")."""
    rules = assignment_rules()
    text = norm.text
    candidates = []
    for a in assignments:
        task = text[a.start:a.end]
        if a.role in ("support", "requested") or not rules.plan_word.search(task):
            continue
        cue = rules.lead_cues.search(task)
        if cue is None:
            continue
        strength = 0 if re.search(r"đầu\s+mối", cue.group(), re.I) else 1
        candidates.append((strength, a.start, a.unit))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]
