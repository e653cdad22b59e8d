"""Targets in context: periods inherited from the line that introduces their list, and a
baseline year turned into "previous_year" when it is the year before the plan's.

"- Phấn đấu hoàn thành các chỉ tiêu chủ yếu trong năm 2026:" followed by "+ …" items: each
target of those items has period "2026" unless its own words say otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from plan_parser.extract.targets import Target, TargetGrammar, scan_copy, target_grammar
from plan_parser.normalize import NormalizedText
from plan_parser.resolve.legal_texts import is_legal_text
from plan_parser.resolve.target_rescue import RescueModel, rescue_model, take_back
from plan_parser.rules_loader import load_rules
from plan_parser.spans import open_condition
from plan_parser.structure.examples import outside_examples
from plan_parser.structure.index import SectionIndex, section_index
from plan_parser.structure.model import DocumentStructure, SectionNode


def complete_targets(targets: list[Target], structure: DocumentStructure,
                     norm: NormalizedText, model: RescueModel | None = None,
                     ) -> tuple[list[Target], list[Target]]:
    """``(targets, set aside)``: targets with inherited periods and relative baselines, and the
    figures a rule set aside that ``model`` (default: the shipped one) did not take back.
    Figures that report results (a section "Tình hình thực hiện …", "ước đạt") are dropped.
    ``targets`` may hold set-aside candidates (``find_targets(…, set_aside=True)``)."""
    targets = drop_results(outside_examples(targets, structure.examples), structure, norm)
    legal = is_legal_text(structure)
    targets = limits_of_legal_texts(targets, structure, norm.text)
    targets, set_aside = take_back(targets, norm.text, legal, model or rescue_model())
    targets, set_aside = keep_ranges_whole(targets, set_aside, norm.text)
    targets = inherit_periods(targets, structure, norm)
    plan_year = structure.header.year
    if plan_year is not None:
        targets = [replace(t, baseline="previous_year") if t.baseline == str(plan_year - 1)
                   else t for t in targets]
    return targets, set_aside


def limits_of_legal_texts(targets: list[Target], structure: DocumentStructure,
                          text: str = "") -> list[Target]:
    """In a legal normative text, only the figures it bounds: with a comparator, a range or a
    reduction verb ("không quá 15 ngày", "chiếm từ 25% - 45%", and a band that selects a case,
    "từ 81% trở lên", as the reading guideline's call of 2026-12-03 has it), and the bare share
    of votes or members a decision needs. A bare "Mức phụ cấp 20%" is a rate there, not a target
    (set aside as "legal-text"; a figure set aside already keeps its first reason)."""
    if not is_legal_text(structure):
        return targets
    return [replace(t, set_aside="legal-text")
            if t.set_aside is None and t.cue is None and not _is_decision_share(t, text)
            and not _is_coverage_share(t, text) and not _is_frequency(t, text) else t
            for t in targets]


def _is_frequency(target: Target, text: str) -> bool:
    """How often a duty is done, a count per span of time: "02 lần/01 năm", "(01 lần/ngày)"."""
    return _legal_text_rules().frequency.search(text, target.start, target.end) is not None


def _is_coverage_share(target: Target, text: str) -> bool:
    """A share of people or bodies a rule sets or a criterion counts: "100% nhà giáo có trình
    độ tin học đạt chuẩn", "hoàn thành 100% nhiệm vụ được giao"."""
    return target.unit == "%" and _legal_text_rules().coverage.match(text, target.end) is not None


def keep_ranges_whole(targets: list[Target], set_aside: list[Target],
                      text: str) -> tuple[list[Target], list[Target]]:
    """``(targets, still set aside)``: a range's bounds share one fate. When one bound of
    "từ đủ 15 năm đến dưới 30 năm" is a target, the other set aside comes back too."""
    if not targets or not set_aside:
        return targets, set_aside
    joiner = target_grammar().range_joiner
    kept = {(t.start, t.end) for t in targets}
    every = sorted([*targets, *set_aside], key=lambda t: t.start)
    back: set[tuple[int, int]] = set()
    for low, high in pairwise(every):
        if low.op in (">", ">=") and high.op in ("<", "<=") and low.unit == high.unit \
                and low.end <= high.start and joiner.fullmatch(text, low.end, high.start):
            pair = {(low.start, low.end), (high.start, high.end)}
            if pair & kept and not pair <= kept:
                back |= pair - kept
    if not back:
        return targets, set_aside
    returned = [replace(t, set_aside=None) for t in set_aside if (t.start, t.end) in back]
    return (sorted([*targets, *returned], key=lambda t: t.start),
            [t for t in set_aside if (t.start, t.end) not in back])


def _in_condition(text: str, window: int, position: int) -> bool:
    """True when a condition opens the clause of ``position`` (read back to ``window``) and no
    "thì" has begun its consequence since: "Trường hợp không có nhân sự đạt trên 50% …" says
    what happens otherwise, "Trường hợp … thì chọn nhân sự đạt từ 30% trở lên" is required."""
    rules = _legal_text_rules()
    return open_condition(text, window, position, ".;:\n", rules.condition,
                          rules.consequence) is not None


def _is_decision_share(target: Target, text: str) -> bool:
    """A share of votes or members a decision needs, or of fees to remit: "trên 50% ý kiến
    đồng ý", "tỷ lệ phiếu đồng ý từ 80% trở lên", "nộp 100% số tiền phí thu được"."""
    rules = _legal_text_rules()
    if target.unit not in rules.units:
        return False
    if rules.after.match(text, target.end) is None \
            and rules.before.search(text, max(0, target.start - 60), target.start) is None:
        return False
    # … unless a condition opens its clause ("Trường hợp không có nhân sự đạt trên 50% số phiếu")
    return not _in_condition(text, max(0, target.start - _SHARE_CLAUSE_REACH), target.start)


_SHARE_CLAUSE_REACH = 160


@dataclass(frozen=True, slots=True)
class _LegalTextRules:
    """What a legal text bounds besides figures with a comparator (``legal_texts``)."""

    after: re.Pattern[str]  # "… số phiếu", "… ý kiến đồng ý" after the figure
    before: re.Pattern[str]  # "tỷ lệ phiếu đồng ý từ" before it
    condition: re.Pattern[str]  # "Trường hợp", "nếu" opening the clause
    consequence: re.Pattern[str]  # "thì": the condition's consequence begins
    coverage: re.Pattern[str]  # "… nhà giáo", "… cơ quan" after the figure
    frequency: re.Pattern[str]  # "lần/năm" within a figure: how often, a limit
    units: frozenset[str]  # "%" and the unit of a fraction of a whole ("trên 2/3 số thành viên")


@cache
def _legal_text_rules() -> _LegalTextRules:
    """``legal_texts.decision_shares``, ``coverage_after`` and ``frequency`` of
    rules/targets.yaml, compiled once."""
    data = load_rules("targets")
    rules = data["legal_texts"]["decision_shares"]
    return _LegalTextRules(re.compile(rules["after"], re.I), re.compile(rules["before"], re.I),
                           re.compile(rules["not_in_condition"], re.I),
                           re.compile(rules["consequence"], re.I),
                           re.compile(data["legal_texts"]["coverage_after"], re.I),
                           re.compile(data["legal_texts"]["frequency"], re.I),
                           frozenset(("%", data["counted"]["shares"]["unit"])))



def drop_results(targets: list[Target], structure: DocumentStructure,
                 norm: NormalizedText) -> list[Target]:
    """Without the figures that report what was achieved: those in a section (or under one)
    whose title reports results, and those the text calls an estimate of results."""
    if not targets:
        return targets
    g = target_grammar()
    index = section_index(structure)
    text = norm.text
    scanned = scan_copy(text, g)  # (the lower-cased text, read without re.IGNORECASE)
    still_a_target, result_words = (scanned.patterns["still_a_target"],
                                    scanned.patterns["result_words"])
    kept = []
    reports: dict[int, bool] = {}  # node → its title or an ancestor's reports results
    for target in targets:
        reported = _reports_results(index.deepest(target.start), index, g, reports)
        window = max(0, target.start - 120)  # the line's start matters only within the window
        line_start = text.rfind("\n", window, target.start) + 1
        clause = scanned.text[max(line_start, window):target.end]
        if still_a_target.search(clause) or (not reported
                                             and not result_words.search(clause)):
            kept.append(target)
    return kept


_HEADING_LENGTH = 160  # longer "titles" are paragraphs


def _opens_with_results(title: str, g: TargetGrammar) -> bool:
    """A results heading names them first ("I. Tình hình thực hiện …", "Đánh giá kết quả …");
    a title that mentions them further on is a task or a rule ("Tiền lương … căn cứ vào công
    việc … và kết quả thực hiện công việc", "Định kỳ hằng năm, báo cáo … kết quả thực hiện")."""
    m = g.result_sections.search(title)
    return m is not None and len(title[:m.start()].split()) <= _RESULTS_LEAD_WORDS


_RESULTS_LEAD_WORDS = 3  # a numbering and a word or two ("PHẦN I.", "1. Đánh giá") at most


def _reports_results(node: int, index: SectionIndex, g: TargetGrammar,
                     known: dict[int, bool]) -> bool:
    """True when the title of ``node`` or of one of its ancestors reports results (each
    title searched once however many targets lie under it)."""
    path = []
    while node >= 0 and node not in known:
        path.append(node)
        node = index.parents[node]
    reported = known.get(node, False)
    for step in reversed(path):  # from the known ancestor (or the root) down
        title = index.nodes[step].title.text
        # a heading, not a clause whose whole paragraph stands as its title ("2. Trong thời
        # hạn 05 ngày …, Bộ Công an lấy ý kiến … đánh giá thực trạng …")
        reported = reported or (len(title) <= _HEADING_LENGTH and _opens_with_results(title, g))
        known[step] = reported
    return reported


def inherit_periods(targets: list[Target], structure: DocumentStructure,
                    norm: NormalizedText) -> list[Target]:
    """Give a period-less target the period of the nearest item that introduces its list
    (a year there also outranks a "hằng năm" the target only borrowed from its sentence)."""
    if not any(t.period is None or t.period_from_sentence for t in targets):
        return targets
    g = target_grammar()
    index = section_index(structure)
    text = norm.text
    out = []
    intros: dict[int, tuple[str | None, bool]] = {}  # node → what its intro says, read once
    for target in targets:
        if target.period is None or target.period_from_sentence:
            node = index.deepest(target.start)
            node = index.parents[node] if node >= 0 else -1
            while node >= 0:
                if node not in intros:
                    intros[node] = _intro_period(index.nodes[node], text, g)
                year, yearly = intros[node]
                if year:
                    target = replace(target, period=year)
                    break
                if yearly and target.period is None:
                    target = replace(target, period="yearly")
                    break
                node = index.parents[node]
        out.append(target)
    return out


def _intro_period(item: SectionNode, text: str, g: TargetGrammar) -> tuple[str | None, bool]:
    """The year, or "hằng năm", of an item that introduces a list (its text before its first
    child, ending in ":"): ``(year, yearly)``."""
    first_child = item.children[0].start if item.children else item.end
    intro = text[item.start:first_child].strip()[-400:]
    if not intro.rstrip().endswith(":"):
        return None, False
    year = g.year.search(intro)
    if year:
        return year.group("year"), False
    return None, g.yearly.search(intro) is not None
