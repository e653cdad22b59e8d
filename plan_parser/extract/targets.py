"""Numeric targets (chỉ tiêu): "không ít hơn 60% …", "giảm tối thiểu 10% …", "không quá 1/2 ngày".

Grammar and metric taxonomy in ``rules/targets.yaml``. A target is a quantity (a percentage, or a
duration/count after a comparator), read in its clause: the comparator or reduction verb before
it, and the words around it that choose the metric. Two quantities in one clause share out the
words between them at "và" or a comma; one quantity whose subject is "A và B" serves two metrics.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from functools import cache, lru_cache
from itertools import pairwise, takewhile
from pathlib import Path
from typing import NamedTuple

import regex

from plan_parser.extract.scan import (
    anchored_matches,
    breaks_between,
    closed_literals,
    for_lowered_text,
    holds_other_cases,
    in_url_escapes,
    leading_literals,
    lowered,
    shared_starts_after_no_letter,
)
from plan_parser.extract.spelled_numbers import number_word_value, spelled_numbers
from plan_parser.rules_loader import filled, load_rules
from plan_parser.spans import (
    SpanSet,
    clause_start,
    whole_word_start,
    whole_words_from,
    whole_words_to,
)

_PARENTHESES = re.compile(r"\([^()]*\)")
_CLAUSE_BREAK = re.compile(r"[;:\n]|\.(?=\s|$)")
_SENTENCE_BREAK = re.compile(r"\n|\.(?=\s|$)")
_CONJUNCTION = re.compile(r"\s+và\s+|,\s+")


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric of the taxonomy."""

    id: str
    label: str
    unit: str
    direction: str
    reduction: bool
    all_cues: tuple[re.Pattern[str], ...]
    none_cues: tuple[re.Pattern[str], ...]
    # the cues for words of the lower-cased text (see TargetGrammar.lower_case)
    all_cues_lower_case: tuple[re.Pattern[str], ...] = ()
    none_cues_lower_case: tuple[re.Pattern[str], ...] = ()

    def fits(self, words: str, lower_case: bool = False) -> bool:
        """True when ``words`` (the target's context; with ``lower_case``, taken from the
        lower-cased text) select this metric."""
        all_cues, none_cues = (self.all_cues_lower_case, self.none_cues_lower_case) \
            if lower_case else (self.all_cues, self.none_cues)
        return all(c.search(words) for c in all_cues) and not any(
            c.search(words) for c in none_cues)


@dataclass(frozen=True, slots=True)
class Target:
    """A numeric target (normalized offsets)."""

    metric: str  # a taxonomy id or "unknown"
    label: str | None
    op: str  # ">=", "<=", "=", ">", "<"
    value: float
    unit: str
    period: str | None  # "2026", "yearly"
    baseline: str | None  # "previous_year"
    start: int
    end: int
    period_from_sentence: bool = False  # "yearly" borrowed from the sentence (a weak reading)
    subject: str | None = None  # what is measured, in the document's words
    cue: str | None = None  # the comparator word read ("không quá", "trong"), None when bare
    set_aside: str | None = None  # why a rule says this figure is no target ("condition"), if so


@dataclass(frozen=True, slots=True)
class TargetGrammar:
    """Compiled target grammar."""

    metrics: tuple[Metric, ...]
    quantity: re.Pattern[str]
    number_before: re.Pattern[str]  # the number ending right before a unit word
    # the units' first words, not in a word; with, for a one-letter word ("h", "m"), a quicker
    # scan that finds its places and a few more, each checked with the exact scan; and the word
    unit_word_scans: tuple[tuple[regex.Pattern[str], re.Pattern[str] | None, str], ...]
    shared_unit_words: tuple[str, ...]  # those asked for among the shared words (no quick scan)
    closed_unit_words: frozenset[str]  # no letter may follow them (their scans' "(?!\p{L})")
    number_words: tuple[str, ...]  # the numbers that are no figures ("nửa", "½", "hai phần ba")
    spelled_whole: re.Pattern[str]  # a number spelled out in several words, read whole
    # the characters a number may end with but a digit: a number word's last, a closing bracket
    number_ends: frozenset[str]
    unit_of: list[tuple[re.Pattern[str], str, bool]]
    in_sentence_units: frozenset[str]  # units that are a target only inside a sentence
    per_period_units: frozenset[str]  # a length of time per period ("giờ/ngày", "ngày/tuần")
    comparator_only_units: frozenset[str]  # not even a bare range of them is a target
    bare_ops: dict[str, str]  # the comparator of a bare figure of a unit ("nước dẫn đầu": <=)
    share_nouns: frozenset[str]  # a fraction before them is a share ("2/3 số thành viên")
    share_unit: str
    comparator: re.Pattern[str]
    comparator_far: re.Pattern[str]  # "tối thiểu mỗi khoanh vùng là 12,5 ha"
    op_of: dict[str, str]
    suffix: re.Pattern[str]
    suffix_op: dict[str, str]
    suffix_far: re.Pattern[str]  # a suffix a few words after the quantity
    suffix_word: re.Pattern[str]  # "trở lên" anywhere (scanned from its first word)
    suffix_anchors: tuple[str, ...]
    reduction: re.Pattern[str]
    reduction_gap: re.Pattern[str]  # what may stand between a cut and its figure ("bình quân")
    range_joiner: re.Pattern[str]
    alternative_joiner: re.Pattern[str]  # " hoặc " between a bounded value and its alternative
    subject_opener: re.Pattern[str]
    yearly: re.Pattern[str]
    year: re.Pattern[str]
    previous_year: re.Pattern[str]
    baseline_year: re.Pattern[str]
    negation: re.Pattern[str]
    negation_inside: re.Pattern[str]  # "không được … quá 06 tháng": anywhere before
    not_negated: frozenset[str]  # time windows a negation does not invert ("trong thời hạn")
    negated_anywhere: frozenset[str]  # excess words a "không" earlier in the clause negates
    negation_word: re.Pattern[str]  # "không" as a word
    negation_in_case: re.Pattern[str]  # "nếu", "hành vi": a "không" after them is the case's
    prohibition_intro: re.Pattern[str]  # a list's intro that forbids its items
    list_item: re.Pattern[str]  # a line opening a list item ("c) ", "- ")
    limit_words: frozenset[str]  # comparators that cap or floor a value ("tối đa", "không quá")
    inverse: dict[str, str]
    fractions: dict[str, float]
    period_after: re.Pattern[str]
    continuous_after: re.Pattern[str]  # "liên tục": a period, unless a limit ("tối thiểu 08 giờ")
    lookback: tuple[re.Pattern[str], re.Pattern[str]]  # "trong vòng " … " gần đây": a limit
    once_every: re.Pattern[str]  # "(ít nhất 03 tháng) một lần": the interval of a duty
    strong_before: re.Pattern[str]
    result_sections: re.Pattern[str]  # titles of sections that report results, not targets
    result_words: re.Pattern[str]  # "ước đạt": a figure estimating a result
    still_a_target: re.Pattern[str]  # "phấn đấu": striven for even amid results
    period_year_before: re.Pattern[str]
    before_event: re.Pattern[str]
    lead_before: re.Pattern[str]  # "trước 30 ngày làm việc so với …": a lead time
    lead_clock_after: re.Pattern[str]  # "trước 24 giờ khi bão đổ bộ": hours ahead of an event
    lead_time_op: str
    lower_bound: re.Pattern[str]  # "7 - " before "8%": a range's lower bound without its unit
    counted: re.Pattern[str]  # "ít nhất 20 mô hình"
    counted_op: dict[str, str]
    share_only: frozenset[str]  # comparators of a share only ("trên 2/3 số thành viên")
    magnitude_only: frozenset[str]  # verbs of aim, of counts in thousands or millions only
    magnitudes: frozenset[str]  # "triệu", "nghìn": a count's multiplier, before its noun
    magnitude_not_nouns: frozenset[str]  # "50 triệu đã …", "… triệu đồng": no count
    fraction_glyphs: frozenset[str]  # "½", "¾"
    counted_spelled: re.Pattern[str]  # "không quá một nhóm nghiên cứu khác"
    counted_range: re.Pattern[str]  # "từ 110 đến dưới 150 đối tượng"
    magnitude_range: re.Pattern[str]  # "7 - 7,5 triệu lượt khách"
    goal_cue: re.Pattern[str]  # "mục tiêu", "đến năm 2030": a sentence of goals
    goal_cue_anchors: tuple[str, ...]  # the cue's first words, where it is tried
    goal_item: re.Pattern[str]  # "; 240 hợp tác xã": an item opening with a count
    goal_bullet: re.Pattern[str]  # "- Xây dựng 6 trường …": a line of a list opening so
    goal_part: re.Pattern[str]  # "241 người …" after "và": the next part of a count
    goal_sentence_end: re.Pattern[str]
    goal_reach: int  # characters read after a cue
    goal_op: str
    goal_not_nouns: frozenset[str]  # "khoảng 6 xuống còn 4,5": the start of a change
    goal_list_percentages: int  # the other items of a list holding a percentage, at least
    goal_list_lines: int  # the lines on either side of a line of a list read for them
    goal_parts_openers: frozenset[str]  # "trong đó": the parts of a count follow
    goal_parts_joiner: re.Pattern[str]  # "và" between two parts
    counted_suffixed: re.Pattern[str]  # "02 văn phòng … trở lên", read back from "trở lên"
    compound_duration: dict[str, tuple[re.Pattern[str], float, str]]  # "01 năm 06 tháng"
    range_not_nouns: frozenset[str]  # "từ 05 đến 11 thành viên": the size of a body
    range_openers: tuple[str, ...]  # "từ", "trên", "có": the words a band of counts opens with
    per_words: frozenset[str]  # "trên" before a round denominator reads "per"
    per_denominators: frozenset[float]  # "trên 1000 chuyến bay": per 1000, a rate's base
    one_line_comparators: frozenset[str]  # "trên", "dưới": with their count on one line
    counted_anchors: tuple[str, ...]  # first words of the count comparators (scan anchors)
    compounds: frozenset[str]
    compound_heads: frozenset[str]  # the first words of ``compounds`` ("đô" of "đô thị")
    not_units: frozenset[str]
    compound_openers: frozenset[str]  # not units alone, counted in a compound ("chương trình")
    clause_words: frozenset[str]  # words after a figure that open the clause's rest
    noun_required: frozenset[str]  # count comparators that need the counted thing named
    not_a_count: re.Pattern[str]  # "Từ 1945 trở về trước": a time, no count of 1945
    subject_skip: re.Pattern[str]  # discourse words that open a clause ("Trong đó,")
    subject_lead: re.Pattern[str]  # the words before a time limit, no subject on their own
    subject_lead_words: int  # the most words of one of them
    condition_opener: re.Pattern[str]  # "Trường hợp …, trong thời hạn …": a case, no subject
    subject_reference: re.Pattern[str]  # a provision cited at the end of a subject
    subject_trailing: re.Pattern[str]  # verbs and modals that end no subject ("giảm xuống")
    bare_percent_op: str  # the direction of a percentage with no comparator (not 100%)
    condition_words: frozenset[str]  # "từ 15 năm trở lên": a condition, with a duration
    duration_units: frozenset[str]
    rate_after: re.Pattern[str]  # "2% trên doanh thu": a rate charged, not a target
    rate_before: re.Pattern[str]
    one_period_words: frozenset[str]  # "trong (vòng) một năm": a period, not a limit
    one_period_units: frozenset[str]  # "trong 01 tháng" too (not "01 ngày làm việc")
    specification: tuple[re.Pattern[str], re.Pattern[str]]  # a property bounded: before, after
    catalogue: tuple[re.Pattern[str], int]  # a tariff code, and how many make a goods catalogue
    occasion_units: frozenset[str]  # "trong một lần khám bệnh": occasions, not a time limit
    clock_units: frozenset[str]  # "từ 10 giờ đến 20 giờ": hours of the day
    range_below_word: re.Pattern[str]  # "đến dưới": the upper bound excluded
    date_part_units: frozenset[str]  # "10 tháng 6": a number after them may be a date's part
    time_of_day: re.Pattern[str]  # "16 giờ 00 ngày 20/11/2026": an hour, no length of time
    hours_a_day: tuple[re.Pattern[str], str, str, str]  # "12/24 giờ": figure, unit, comparator,
    # and the comparator of the whole day ("24/24 giờ": round the clock, exactly)
    duty_required: re.Pattern[str]  # "đảm bảo trực" before "12/24 giờ": an ordered duty
    round_the_clock: tuple[re.Pattern[str], re.Pattern[str]]  # "trực 24/7": the figure, and
    # the duty word before it (the whole day on duty, with no unit)
    spelled_before: re.Pattern[str]  # "năm mươi phần trăm (": the figure in brackets echoes it
    calculation: re.Pattern[str]  # "45% + 33% = 78%", a tariff "…, hỗ trợ 6.000.000 đồng/ha"
    progress_after: re.Pattern[str]  # "đạt 104% dự toán", "tăng 12,9% so cùng kỳ"
    reported_saving: re.Pattern[str]  # "Tỷ lệ cắt giảm chi phí: 10%": a computed saving
    pay_after: re.Pattern[str]  # "0,5 tháng tiền lương": an amount of pay, not a duration
    takes_effect_before: re.Pattern[str]  # "có hiệu lực sau 30 ngày": when a text applies
    lead_time_after: re.Pattern[str]  # ", trước ngày khai mạc" after "chậm nhất 30 ngày"
    lead_time_words: frozenset[str]
    shortened_to: re.Pattern[str]  # "rút ngắn … từ 10 ngày thành": the new limit follows
    up_to: re.Pattern[str]  # "được giảm đến 50%": a cap
    per_case_after: re.Pattern[str]  # "15 ngày đối với …, 10 ngày đối với …": one comparator
    case_after_semicolon: re.Pattern[str]  # "…; trường trung cấp là": the next case of a list
    case_before_semicolon: re.Pattern[str]  # "30 ngày| đối với …; |60 ngày đối với …"
    case_said_after: re.Pattern[str]  # "60 ngày| đối với …": the value said for a case
    counted_from: re.Pattern[str]  # "10 ngày làm việc kể từ ngày nhận": a time limit
    restated: re.Pattern[str]  # "(tương đương 21 ngày)": a figure restated in brackets
    restating: re.Pattern[str]  # " (tương đương " between a figure and its restatement
    interval_before: re.Pattern[str]  # "Định kỳ 03 tháng kể từ …": an interval, no limit
    waiting_before: re.Pattern[str]  # "được thi … sau 02 năm kể từ …": the earliest time
    overdue_after: re.Pattern[str]  # "sau 60 ngày kể từ ngày … chậm nhất": overdue, more than
    overdue_before: re.Pattern[str]  # the "sau" right before such a time
    changed_from: re.Pattern[str]  # "từ 26 ngày xuống 24 ngày": the value changed from
    step_doer: re.Pattern[str]  # who does a procedure's step, opening its time's line
    duration_label: re.Pattern[str]  # "có thời hạn 05 năm": a fixed period
    limit_label: re.Pattern[str]  # "thời hạn kiểm tra, đánh giá là 07 ngày": a time limit
    fixed_term: re.Pattern[str]  # "thời hạn giữ chức vụ … là 05 năm": a term, fixed
    banned_during: re.Pattern[str]  # "không được cấp giấy phép trong thời hạn 05 năm"
    lapse_after: re.Pattern[str]  # "06 tháng mà không thông báo": a time gone by, at least
    ban_units: frozenset[str]  # the units of such a ban ("năm", "tháng")
    # the patterns above by name, for the lower-cased text (:func:`scan_copy`): those in lower
    # case compiled without re.IGNORECASE, the others as they are (filled by target_grammar)
    lower_case: dict[str, re.Pattern[str]] = field(default_factory=dict)
    as_compiled: dict[str, re.Pattern[str]] = field(default_factory=dict)  # and for the text
    # the metrics by (reduction, unit), in their order (filled by target_grammar)
    metrics_for: dict[tuple[bool, str], tuple[Metric, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Scanned:
    """What the grammar's case-blind patterns scan: the lower-cased text and the patterns for
    it (``TargetGrammar.lower_case``), or the text itself and the patterns as compiled."""

    text: str
    patterns: dict[str, re.Pattern[str]]
    # whether the text is a goods catalogue (worked out when first asked: :func:`_in_catalogue`)
    catalogue: list[bool] = field(default_factory=list)


def scan_copy(text: str, g: TargetGrammar) -> _Scanned:
    """The lower-cased text (:func:`~plan_parser.extract.scan.lowered`, position for position)
    and the patterns that read it as the case-blind ones read ``text``; ``text`` itself where no
    such copy exists or it holds a letter of ``scan.OTHER_CASES``."""
    lower = lowered(text)
    if lower is text or holds_other_cases(text):
        return _Scanned(text, g.as_compiled)
    return _Scanned(lower, g.lower_case)


def _found_with_another(word: str, words: tuple[str, ...], open_words: set[str]) -> bool:
    """True when a scan for another of ``words`` finds every place ``word`` stands: that word
    starts it and may be followed there by what follows it in ``word`` ("m" of "m2", "km" of
    "km²": no letter after them)."""
    return any(other != word and word.startswith(other)
               and (other in open_words or not _LETTER.match(word, len(other)))
               for other in words)


_LETTER = regex.compile(r"\p{L}")
# a number spelled again in brackets after its figure, "03 (ba)", optional
_SPELLED_AGAIN = r"(?:\s*\([^()\d\n]{1,25}\))?"


def _alternation(words: list[str], not_after: dict[str, list[str]] | None = None) -> str:
    """The words as one regex alternation, longest first, a space in a word standing for any
    run of spaces; ``not_after``: for a word, the words it may not follow ("nêu" for "trên").

    Written as a tree of the words' shared beginnings ("t(?:rong|ối\\s+đa)"), which matches as
    the list would (of two words that can both match at one place, one begins the other and is
    tried after it, as in the list), while the engine tries a letter once, not every word."""
    ordered = sorted(words, key=len, reverse=True)
    not_after = not_after or {}
    tree = _word_tree(ordered, not_after)
    if tree is None:  # words the tree cannot hold: the plain list
        return "|".join("".join(rf"(?<!(?<![^\W\d_]){re.escape(w)}\s)"
                                for w in not_after.get(word, ()))
                        + re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    return _tree_pattern(tree)


_END = ""  # the key, in a tree of words, of the end of a word


def _word_tree(words: list[str], not_after: dict[str, list[str]]) -> dict | None:
    """The words, in order, as nested dicts keyed by their characters (" ": a run of spaces;
    at ``_END``, the lookbehinds that end a word); None for words with leading, trailing or
    repeated spaces, a word with a space that may not follow others, or a node branching on
    one letter in two cases (a case-blind pattern would try both)."""
    tree: dict = {}
    for word in words:
        if not word or word != " ".join(word.split()) or (word in not_after and " " in word):
            return None
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        # (after the word, the lookbehind takes in the word: "trên(?<!nêu\strên)"; the word
        # before is whole: "sức chở trên 12 người" is no "ở trên")
        node.setdefault(_END, "".join(
            rf"(?<!(?<![^\W\d_]){re.escape(w)}\s{re.escape(word)})"
            for w in not_after.get(word, ())))
    return tree if _branches_apart(tree) else None


def _branches_apart(node: dict) -> bool:
    """True when no two characters a node of a word tree branches on are one letter in two
    cases, in this node or any below it."""
    keys = [k for k in node if k != _END]
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if a.lower() == b.lower() or a.upper() == b.upper() or a.casefold() == b.casefold() \
                    or re.fullmatch(re.escape(a), b, re.I) or re.fullmatch(re.escape(b), a, re.I):
                return False
    return all(_branches_apart(child) for key, child in node.items() if key != _END)


def _tree_pattern(node: dict) -> str:
    """The alternation of the words of a word tree (:func:`_word_tree`), in their order."""
    branches = [child if key == _END else
                (r"\s+" if key == " " else re.escape(key)) + _tree_pattern(child)
                for key, child in node.items()]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _joiner(joiners: list[str]) -> str:
    """A range's joiner with the space before it: a word ("đến") may follow a line break, a
    dash only on its line (a dash opening a line is a list mark: "Đến năm 2030" / "- 100% …")."""
    words = [j for j in joiners if any(c.isalpha() for c in j)]
    marks = [j for j in joiners if j not in words]
    return rf"(?:\s*(?:{_alternation(words)})|[ \t]*(?:{_alternation(marks)}))"


@cache
def target_grammar() -> TargetGrammar:
    """Compile the target grammar once per process."""
    data = load_rules("targets")
    metrics = tuple(
        Metric(
            id=m["id"], label=m["label"], unit=m.get("unit", "%"),
            direction=m.get("direction", "higher"), reduction=bool(m.get("reduction")),
            all_cues=tuple(re.compile(c, re.I) for c in m.get("cues", {}).get("all", [])),
            none_cues=tuple(re.compile(c, re.I) for c in m.get("cues", {}).get("none", [])),
        )
        for m in data["metrics"]
    )
    fractions = {k: float(v) for k, v in data["numbers"]["fractions"].items()}
    # every alternative's first word ("m2|m²|mét\\s+vuông": "m2", "m²", "mét")
    unit_words = tuple(dict.fromkeys(w for u in data["units"]
                                     for w in leading_literals(u["pattern"])))
    open_words = {w for u in data["units"]
                  for w in set(leading_literals(u["pattern"])) - closed_literals(u["pattern"])}
    scanned_units = [w for w in unit_words if not _found_with_another(w, unit_words, open_words)]
    fractions.update({w: float(number_word_value(w) or 0)
                      for w in data["numbers"].get("words", [])})
    units = [(re.compile(u["pattern"], re.I), u["unit"], bool(u["needs_comparator"]))
             for u in data["units"]]
    spelled = spelled_numbers()  # "mười lăm", "hai mươi mốt": one number, read whole
    spelled_word = _alternation(sorted(spelled.words))
    spelled_echo = filled(data["spelled_echo"], spelled_word=spelled_word)
    # the words of a number or a fraction written out ("hai phần ba"), before its figure
    spelled_fraction = f"(?:{spelled_word}|{data['numbers']['spelled']['fraction']})"
    number = r"\d+(?:[.,]\d+)?(?:/\d+)?|" + spelled.pattern + "|" + "|".join(
        map(re.escape, sorted(fractions, key=len, reverse=True)))
    unit_pattern = "|".join(u["pattern"] for u in data["units"])
    op_of = {" ".join(w.split()): op for op, words in data["comparators"].items() for w in words}
    # "nêu trên là 02 ngày" (above-mentioned): no comparator after these words
    not_after = {word: [w for entry in data["comparator_not_after"]
                        if word in entry["comparators"] for w in entry["words"]]
                 for word in op_of}
    not_after = {word: words for word, words in not_after.items() if words}
    counted_op = {" ".join(w.split()): op for op, words in data["counted"]["comparators"].items()
                  for w in words}
    glyphs = list(data["numbers"]["fractions"])  # "½", "¾": a share
    share_op = {" ".join(w.split()): op
                for op, words in data["counted"]["shares"]["comparators"].items() for w in words}
    aim_op = {" ".join(w.split()): op
              for op, words in data["counted"]["magnitudes"]["aims"].items() for w in words}
    suffix_op = {" ".join(w.split()): op for op, words in data["suffixes"].items() for w in words}
    goals = data["counted"]["goals"]
    suffix_word = rf"(?P<word>{_alternation(list(suffix_op))})(?![^\W\d_])"  # "trở lên"
    return _with_patterns_by_name(TargetGrammar(
        metrics=metrics,
        # scanned over the lower-cased text, word start checked by scan.word_start_matches
        # "20 (hai mươi) ngày": the number spelled out in brackets between number and unit
        # "Mười (10) ngày": the figure in brackets after the number word
        quantity=re.compile(rf"(?P<number>{number})\)?\s*(?:\([^()\d]{{1,30}}\)\s*)?"
                            rf"(?P<unit>{unit_pattern})(?![^\W\d_])"),
        number_before=re.compile(rf"(?P<number>{number})\)?\s*(?:\([^()\d]{{1,30}}\)\s*)?$"),
        # a unit word not inside a word, nor at the start of a longer one where no unit's
        # pattern goes on from it with a letter ("h", not the "h" of "hiện"; "ki" of "kilôgam")
        # (a word that another one starts is not scanned for: "m2" where "m" is found)
        unit_word_scans=tuple(
            (regex.compile(r"(?<!\p{L})" + regex.escape(w)
                           + ("" if w in open_words else r"(?!\p{L})")),
             _letter_scan(w, w not in open_words), w)
            for w in scanned_units),
        closed_unit_words=frozenset(scanned_units) - open_words,
        shared_unit_words=tuple(w for w in scanned_units
                                if _letter_scan(w, w not in open_words) is None),
        number_words=(*fractions, *spelled.words),
        spelled_whole=spelled.whole,
        number_ends=frozenset([")", *(word[-1] for word in (*fractions, *spelled.words))]),
        unit_of=units,
        in_sentence_units=frozenset(u["unit"] for u in data["units"] if u.get("in_sentence")),
        per_period_units=frozenset(u["unit"] for u in data["units"] if u.get("per_period")),
        comparator_only_units=frozenset(u["unit"] for u in data["units"]
                                        if u.get("comparator_only")),
        bare_ops={u["unit"]: u["op"] for u in data["units"] if u.get("op")},
        share_nouns=frozenset(data["counted"]["shares"]["nouns"]),
        share_unit=data["counted"]["shares"]["unit"],
        # "tối đa bằng 70%", "không vượt quá mức 70%": a filler word may follow the comparator
        # "nêu trên là 02 ngày" (above-mentioned): no comparator after these words
        comparator=re.compile(r"(?<![^\W\d_])"
                              + rf"(?P<word>{_alternation(list(op_of), not_after)})"
                              r"(?:\s*:)?"  # "Độ phân giải tối thiểu: 200 dpi"
                              rf"(?:\s+(?:{data['comparator_fillers']}))?"
                              rf"(?:{spelled_echo})?"
                              # "Điểm thưởng: Tối đa (03 điểm)" (a cap word's; "từ (400 ÷ 600)
                              # mm" is a specification)
                              r"(?:(?:(?<=đa)|(?<=thiểu)|(?<=quá)|(?<=nhất))\s*\()?"
                              r"(?:\s*\+)?\s*$", re.I),  # "từ +5oC": a signed figure
        # "diện tích tối thiểu mỗi khoanh vùng là 12,5 ha": a cap word, what it bounds, "là"
        comparator_far=re.compile(
            rf"(?<![^\W\d_])(?P<word>{_alternation(data['cap_words'])})"
            r"(?:\s+[^\W\d_]+){1,8}\s+là\s*$", re.I),
        op_of=op_of,
        suffix=re.compile(rf"\s*{suffix_word}", re.I),
        suffix_op=suffix_op,
        suffix_word=re.compile(suffix_word),
        suffix_anchors=tuple(sorted({w.split()[0] for w in suffix_op})),
        suffix_far=re.compile(rf"(?:[ \t]+[^\W\d_]+){{1,4}}[ \t]+{suffix_word}", re.I),
        reduction=re.compile(rf"(?<![^\W\d_])(?:{_alternation(data['reductions'])})(?![^\W\d_])",
                             re.I),
        # "từ 70 đến dưới 90 điểm": the upper bound excluded
        # ("từ 50m3/ngày.đêm đến 200 m3/ngày.đêm": the rate's "per" may follow the first bound)
        range_joiner=re.compile(rf"{_SPELLED_AGAIN}"  # "03 (ba) đến 05 (năm) ngày"
                                r"(?:\s*/\s*[^\W\d_]+(?:[. ][^\W\d_]+)?)?"
                                rf"{_joiner(data['range_joiners'])}"
                                rf"(?P<below>\s+{data['range_below']})?(?:\s*\+)?\s*$", re.I),
        alternative_joiner=re.compile(data["alternative_joiner"], re.I),
        reduction_gap=re.compile(data["reduction_gap"], re.I),
        subject_opener=re.compile(
            rf"(?<![^\W\d_])(?:{_alternation(data['subject_openers'])})(?![^\W\d_])", re.I),
        yearly=re.compile("|".join(data["period_yearly"]), re.I),
        year=re.compile(data["period_year"], re.I),
        previous_year=re.compile("|".join(data["baseline_previous_year"]), re.I),
        baseline_year=re.compile(data["baseline_year"], re.I),
        negation=re.compile(r"^\W*(?:" + "|".join(data["negations"]) + r")\b", re.I),
        negation_inside=re.compile(r"(?<![^\W\d_])(?:" + "|".join(data["negations_inside"])
                                   + r")(?![^\W\d_])", re.I),
        not_negated=frozenset(data["not_negated"]),
        negated_anywhere=frozenset(data["negated_anywhere"]),
        negation_word=re.compile(rf"(?<![^\W\d_])(?:{data['negation_word']})(?![^\W\d_])", re.I),
        negation_in_case=re.compile(data["negation_in_case"], re.I),
        prohibition_intro=re.compile(r"(?<![^\W\d_])(?:" + "|".join(data["prohibition_intro"])
                                     + r")(?![^\W\d_])", re.I),
        list_item=re.compile(data["list_item"]),
        limit_words=frozenset(data["cap_words"]),
        inverse=dict(data["inverse"]),
        fractions=fractions,
        period_year_before=re.compile(data["period_year_before"], re.I),
        # (whole words: "giai đoạn trước đạt tỷ lệ lấp đầy tối thiểu 60%" holds no "ước đạt")
        result_sections=re.compile(
            r"(?<![^\W\d_])(?:" + "|".join(data["result_sections"]) + ")", re.I),
        result_words=re.compile(r"(?<![^\W\d_])(?:" + "|".join(data["result_words"]) + ")",
                                re.I),
        still_a_target=re.compile("|".join(data["still_a_target"]), re.I),
        before_event=re.compile(data["before_event"], re.I),
        lead_before=re.compile(data["lead_before"], re.I),
        lead_clock_after=re.compile(data["lead_clock_after"], re.I),
        lead_time_op=data["lead_time_op"],
        period_after=re.compile(
            rf"\s+(?:{_alternation(data['period_after'])})(?![^\W\d_])", re.I),
        continuous_after=re.compile(
            rf"\s+(?:{_alternation(data['continuous_after'])})(?![^\W\d_])", re.I),
        once_every=re.compile(data["once_every"], re.I),
        lookback=(re.compile(data["lookback"]["before"], re.I),
                  re.compile(data["lookback"]["after"], re.I)),
        strong_before=re.compile(  # "tối thiểu 08 giờ", "tối thiểu là 03 năm"
            rf"(?<![^\W\d_])(?:{_alternation(data['cap_words'])})"
            rf"(?:\s+(?:{data['comparator_fillers']}))?\s+$", re.I),
        lower_bound=re.compile(
            rf"(?<![\w/.,])(?P<number>\d+(?:[.,]\d+)?"
            rf"|(?<=từ\s)(?:{_alternation(data['numbers']['range_low_words'])}))"
            rf"{_SPELLED_AGAIN}"  # "từ 03 (ba) đến 05 (năm) ngày"
            rf"{_joiner(data['range_joiners'])}"
            rf"(?:\s+{data['range_below']})?\s*$", re.I),
        counted=re.compile(
            rf"(?P<word>{_alternation([*counted_op, *share_op, *aim_op], not_after)})\s*:?"
            # "tối đa là 25 học sinh", "tối thiểu phải có 05 người"
            r"(?:\s+(?:là|bằng|phải\s+có|phải\s+đạt)(?=\s))?"
            # "ít nhất hai phần ba (2/3) tổng số …": the number spelled out before its figure
            rf"(?:\s+{spelled_fraction}(?:\s+{spelled_fraction}){{0,4}}\s*\(\s*|\s+)"
            # (thousands grouped: "Trên 2.000.000 người")
            rf"(?P<number>\d{{1,3}}(?:\.\d{{3}}){{2,}}(?![.,]?\d)|\d+(?:[.,]\d+|/\d+)?|"
            rf"{'|'.join(map(re.escape, glyphs))})"
            # "Phấn đấu có 04 - 05 nhóm nghiên cứu": a range of counts
            r"(?:[ \t]*[-–][ \t]*(?P<high>\d+(?:[.,]\d+)?))?"
            r"(?:(?<=\d)\s*\)(?=\s))?"
            # "ít nhất 01 (một) nhân viên": the number spelled out in brackets
            r"(?:\s*\([^()\d]{1,30}\))?"
            r"\s+(?P<noun>[^\W\d_]+)(?:\s+(?P<noun2>[^\W\d_]+))?(?:\s+(?P<noun3>[^\W\d_]+))?"),
        counted_range=re.compile(filled(data["counted"]["range"], openers="|".join(
            data["counted"]["range_openers"])), re.I),
        magnitude_range=re.compile(data["counted"]["magnitude_range"], re.I),
        goal_cue=re.compile(goals["cue"], re.I),
        goal_cue_anchors=tuple(goals["cue_anchors"]),
        goal_item=re.compile(filled(goals["item"], aims=_alternation(goals["aims"]),
                                    count=goals["count"]), re.I),
        goal_bullet=re.compile(filled(goals["bullet"], count=goals["count"], verbs=_alternation(
            [w for w in goals["aims"] if w not in goals["not_verbs"]])), re.I),
        goal_part=re.compile(goals["count"], re.I),
        goal_sentence_end=re.compile(goals["sentence_end"]),
        goal_reach=int(goals["reach"]),
        goal_op=goals["op"],
        goal_not_nouns=frozenset(goals["not_nouns"]),
        goal_list_percentages=int(goals["list_percentages"]),
        goal_list_lines=int(goals["list_lines"]),
        goal_parts_openers=frozenset(goals["parts_openers"]),
        goal_parts_joiner=re.compile(goals["parts_joiner"]),
        counted_suffixed=re.compile(data["counted"]["suffixed"], re.I),
        compound_duration={unit: (re.compile(rule["then"], re.I), float(rule["per"]),
                                  rule["unit"])
                           for unit, rule in data["compound_durations"].items()},
        range_not_nouns=frozenset(data["counted"]["range_not_nouns"]),
        range_openers=tuple(data["counted"]["range_openers"]),
        per_words=frozenset(data["counted"]["per"]["words"]),
        per_denominators=frozenset(float(v) for v in data["counted"]["per"]["denominators"]),
        one_line_comparators=frozenset(data["counted"]["one_line_comparators"]),
        counted_spelled=re.compile(
            rf"(?P<word>{_alternation(data['counted']['spelled']['comparators'])})\s+"
            rf"(?P<number>{spelled.pattern}|"
            rf"{_alternation(list(data['counted']['spelled']['numbers']))})"
            r"\s+(?P<noun>[^\W\d_]+)(?:\s+(?P<noun2>[^\W\d_]+))?(?:\s+(?P<noun3>[^\W\d_]+))?"),
        counted_op={**aim_op, **share_op, **counted_op},
        share_only=frozenset(share_op) - frozenset(counted_op),
        magnitude_only=frozenset(aim_op) - frozenset(counted_op) - frozenset(share_op),
        magnitudes=frozenset(data["counted"]["magnitudes"]["words"]),
        # (after the multiplier no counted thing: its own list, the words that are none after a
        # number, and those opening the clause's rest: "50 triệu đã …", "… triệu đồng")
        magnitude_not_nouns=frozenset([*data["counted"]["magnitudes"]["not_nouns"],
                                       *data["counted"]["not_units"],
                                       *data["counted"]["clause_words"]]),
        fraction_glyphs=frozenset(glyphs),
        counted_anchors=tuple(sorted({word.split()[0]
                                      for word in [*counted_op, *share_op, *aim_op]})),
        compounds=frozenset(data["counted"]["compounds"]),
        compound_heads=frozenset(c.split()[0] for c in data["counted"]["compounds"]),
        not_units=frozenset(data["counted"]["not_units"]),
        compound_openers=frozenset(data["counted"]["compound_openers"]),
        clause_words=frozenset(data["counted"]["clause_words"]),
        noun_required=frozenset(data["counted"]["noun_required"]),
        not_a_count=re.compile(data["counted"]["not_a_count"], re.I),
        subject_lead=re.compile(rf"(?:{_alternation(data['subject_lead'])})", re.I),
        subject_lead_words=max(len(lead.split()) for lead in data["subject_lead"]),
        condition_opener=re.compile(
            rf"[\s*]*(?:[a-zđ]\)\s*)?(?:{_alternation(data['condition_openers'])})(?![^\W\d_])",
            re.I),
        subject_skip=re.compile(rf"^(?:{_alternation(data['subject_skip'])})(?![^\W\d_])[\s,]*",
                                re.I),
        subject_reference=re.compile(
            rf"\s+{data['subject_reference']['anchor']}(?![^\W\d_])"
            rf"(?:[\s,;.()/-]+(?:(?:{_alternation(data['subject_reference']['words'])})"
            r"(?![^\W\d_])|[^\s,;()]*\d[^\s,;()]*|[a-zđ]\)?|[ivxlc]+))*[\s,;.()]*$", re.I),
        subject_trailing=re.compile(rf"(?:\s+(?:{_alternation(data['subject_trailing'])}))+\s*$",
                                    re.I),
        bare_percent_op=data["bare_percent_op"],
        condition_words=frozenset(" ".join(w.split()) for w in data["condition_comparators"]),
        duration_units=frozenset(data["duration_units"]),
        rate_after=re.compile(r"\s*" + data["rate_after"], re.I),
        rate_before=re.compile(data["rate_before"], re.I),
        one_period_words=frozenset(data["one_period_words"]),
        one_period_units=frozenset(data["one_period_units"]),
        clock_units=frozenset(data["clock_units"]),
        range_below_word=re.compile(rf"(?<![^\W\d_]){data['range_below']}(?![^\W\d_])", re.I),
        date_part_units=frozenset(data["date_part_units"]),
        time_of_day=re.compile(data["time_of_day"], re.I),
        spelled_before=re.compile(rf"(?:{spelled_echo})$", re.I),
        hours_a_day=(re.compile(data["hours_a_day"]["number"]), data["hours_a_day"]["unit"],
                     data["hours_a_day"]["op"], data["hours_a_day"]["whole_day_op"]),
        duty_required=re.compile(data["hours_a_day"]["required_before"], re.I),
        round_the_clock=(re.compile(data["round_the_clock"]["figure"], re.I),
                         re.compile(data["round_the_clock"]["duty_before"], re.I)),
        occasion_units=frozenset(data["occasion_units"]),
        specification=(re.compile(data["specification"]["before"], re.I),
                       re.compile(data["specification"]["after"], re.I)),
        catalogue=(re.compile(data["specification"]["catalogue_code"]),
                   int(data["specification"]["catalogue_codes"])),
        calculation=re.compile(data["calculation"], re.I),
        progress_after=re.compile(data["progress_after"], re.I),
        reported_saving=re.compile(data["reported_saving"], re.I),
        pay_after=re.compile(data["pay_after"], re.I),
        takes_effect_before=re.compile(data["takes_effect_before"], re.I),
        lead_time_after=re.compile(data["lead_time_after"], re.I),
        lead_time_words=frozenset(" ".join(w.split()) for w in data["lead_time_words"]),
        shortened_to=re.compile(data["shortened_to"], re.I),
        up_to=re.compile(data["up_to"], re.I),
        per_case_after=re.compile(data["per_case_after"], re.I),
        **{key: re.compile(filled(data[key], case_for=data["case_for"]), re.I)
           for key in ("case_after_semicolon", "case_before_semicolon", "case_said_after")},
        counted_from=re.compile(data["counted_from"], re.I),
        restated=re.compile(data["restated"], re.I),
        restating=re.compile(data["restating"], re.I),
        interval_before=re.compile(data["interval_before"], re.I),
        waiting_before=re.compile(data["waiting_before"], re.I),
        overdue_after=re.compile(data["overdue_after"], re.I),
        overdue_before=re.compile(data["overdue_before"], re.I),
        changed_from=re.compile(data["changed_from"], re.I),
        step_doer=re.compile(data["step_doer"], re.I),
        duration_label=re.compile(data["duration_label"], re.I),
        limit_label=re.compile(data["limit_label"], re.I),
        fixed_term=re.compile(data["fixed_term"], re.I),
        banned_during=re.compile(data["banned_during"], re.I),
        lapse_after=re.compile(data["lapse_after"], re.I),
        ban_units=frozenset(data["ban_units"]),
    ))


def _with_patterns_by_name(grammar: TargetGrammar) -> TargetGrammar:
    """``grammar`` with its patterns by name, as compiled and for the lower-cased text (and its
    metrics' cues for that text)."""
    metrics = tuple(replace(m, all_cues_lower_case=_quick_first(m.all_cues),
                            none_cues_lower_case=_quick_first(m.none_cues))
                    for m in grammar.metrics)
    grammar = replace(grammar, metrics=metrics)
    for metric in metrics:
        key = (metric.reduction, metric.unit)
        grammar.metrics_for[key] = (*grammar.metrics_for.get(key, ()), metric)
    for each in fields(grammar):
        value = getattr(grammar, each.name)
        # (a pair of patterns by "name.0", "name.1": "specification.0" is its "before")
        named = [(each.name, value)] if isinstance(value, re.Pattern) else \
            [(f"{each.name}.{i}", v) for i, v in enumerate(value) if isinstance(v, re.Pattern)] \
            if isinstance(value, tuple) else []
        for name, pattern in named:
            grammar.as_compiled[name] = pattern
            grammar.lower_case[name] = for_lowered_text(pattern)
    return grammar


def _quick_first(cues: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], ...]:
    """A metric's cues for the lower-cased text, those without re.IGNORECASE first (the
    others, "TTHC", scan more slowly; all must match, or none, whatever the order)."""
    lowered_cues = tuple(map(for_lowered_text, cues))
    return tuple(sorted(lowered_cues, key=lambda cue: bool(cue.flags & re.IGNORECASE)))


def _letter_scan(word: str, closed: bool) -> re.Pattern[str] | None:
    """For a one-letter unit word, a scan of the ``re`` engine for that letter with no Latin
    letter before it (nor after it, if ``closed``): it passes over the many "h" inside words
    on its own, where the ``regex`` engine's scan stops at each; it finds every place that
    scan does (Latin letters are letters), and a few more. None for a longer word."""
    if len(word) != 1 or not word.isalpha():
        return None
    letters = _latin_letters()
    return re.compile(re.escape(word) + (rf"(?![{letters}])" if closed else "")
                      + rf"(?<![{letters}]{re.escape(word)})")


def _latin_letters() -> str:
    """The letters of the Latin script's blocks (Vietnamese's among them), for a class."""
    return "".join(re.escape(ch) for first, last in ((0x41, 0x24F), (0x1E00, 0x1EFF))
                   for ch in map(chr, range(first, last + 1)) if _LETTER.match(ch))


def parse_number(text: str, fractions: dict[str, float]) -> float:
    """"60" → 60, "1,5" → 1.5, "1/2" → 0.5, "½" → 0.5, "01" → 1, "1.000" → 1000, "mười lăm"
    → 15."""
    if text in fractions:
        return fractions[text]
    if text[:1].isalpha() and (spelled := spelled_numbers().value(text)) is not None:
        return spelled
    if "/" in text:
        numerator, denominator = text.split("/")
        return float(numerator) / float(denominator)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


@dataclass(slots=True)
class _Quantity:
    start: int
    end: int  # after the unit (and a suffix such as "trở lên")
    value: float
    unit: str
    needs_comparator: bool
    op: str | None = None
    op_start: int | None = None
    reduction_start: int | None = None
    counted: bool = False  # the unit is the counted thing ("20 mô hình"), not a measure
    op_words: tuple[str, ...] = ()  # the comparator and suffix words read ("từ", "trở lên")
    range_bound: bool = False  # a bound of a range with no comparator ("12-24 giờ")
    negated: bool = False  # the comparator was inverted by a negation ("không được … quá")
    alternative: bool = False  # the alternative to the value before ("10% hoặc 20%"), or
    # the same value restated in brackets ("168 giờ (tương đương 21 ngày)"): its subject too


_NUMBER_AT_LINE_END = re.compile(r"\d[ \t]*\n\s*(?=[^\W\d_])")


def _unit_on_a_new_line(text: str, start: int, end: int) -> bool:
    """A number ending its line whose unit or noun opens the next line with a capital: a new
    cell or sentence ("Tối đa 270" / "Thông tư …", "đạt" / "1" / "Giếng thang"), no unit (a
    unit in capitals, "301" / "MW trở lên", is one)."""
    if text.find("\n", start, end) == -1:
        return False  # (no line break inside it: the pattern needs one)
    ends = [m.end() for m in _NUMBER_AT_LINE_END.finditer(text, start, end)]
    word = text[ends[-1]:end] if ends else ""
    return len(word) > 1 and word[0].isupper() and word[1].islower()  # not "MW", "GB"


def find_targets(text: str, start: int = 0, end: int | None = None,
                 set_aside: bool = False) -> list[Target]:
    """All targets in ``text[start:end]``, in order; with ``set_aside``, also the figures a rule
    set aside as no target, each with the rule's reason in ``Target.set_aside``."""
    end = len(text) if end is None else end
    g = target_grammar()
    scanned = scan_copy(text, g)
    quantities = [q for q in _quantities(text, start, end, g, scanned.patterns)
                  if not _unit_on_a_new_line(text, q.start, q.end)]
    clause_breaks = breaks_between(text, start, end, ";:\n")
    joining = _joining_colons(text, start, end)
    if joining:
        clause_breaks = [b for b in clause_breaks if b not in joining]
    clause_breaks = _outside(clause_breaks, quantities)  # "trên 200\ntấn đến 500 tấn": one clause
    sentence_breaks = breaks_between(text, start, end, "\n")
    sentences = _Sentences(scanned, sentence_breaks, start, end)
    targets: list[Target] = []
    clauses: dict[tuple[int, int], list[_Quantity]] = {}
    for q in quantities:
        clause = _around(clause_breaks, q.start, start, end)
        clauses.setdefault(clause, []).append(q)
    carried: Target | None = None  # the last limit of the clause before, for a list of cases
    for (c_start, c_end), members in clauses.items():
        read = _read_clause(text, c_start, c_end, members, sentences, scanned, g, carried)
        targets.extend(read)
        carried = next((t for t in reversed(read) if t.set_aside is None and t.cue is not None),
                       None)
    kept = [t for t in targets if t.set_aside is None]
    kept.extend(_read_apart(text, start, end, kept, clause_breaks))
    kept.sort(key=lambda t: t.start)
    if not set_aside:
        return kept
    return sorted([*kept, *(t for t in targets if t.set_aside is not None)],
                  key=lambda t: t.start)


def _joining_colons(text: str, start: int, end: int) -> set[int]:
    """The colons of ``text[start:end]`` that break no clause (:func:`_colon_breaks`)."""
    joining = set()
    position = text.find(":", start, end)
    while position != -1:
        if not _colon_breaks(text, position):
            joining.add(position)
        position = text.find(":", position + 1, end)
    return joining


def _outside(breaks: list[int], quantities: list[_Quantity]) -> list[int]:
    """The breaks (sorted) that fall inside no quantity: a line wrapped between a number and
    its unit does not end the clause (``breaks`` itself when none does)."""
    inside = {b for q in quantities
              for b in breaks[bisect_left(breaks, q.start):bisect_left(breaks, q.end)]}
    return [b for b in breaks if b not in inside] if inside else breaks


def _read_apart(text: str, start: int, end: int, targets: list[Target],
                clause_breaks: list[int]) -> list[Target]:
    """Targets the quantities did not read, found by their own passes: intervals ("định kỳ 06
    tháng", "mỗi năm một lần"), bare numbers capped or floored ("tối đa bằng 0,3;"), the
    bands of a table's cells ("120 - < 200") and a score's bands ("Giỏi: từ 8,0 đến 8,9")."""
    from plan_parser.extract.band_cells import find_band_cells
    from plan_parser.extract.coefficients import find_coefficients
    from plan_parser.extract.dimensions import find_dimension_bounds
    from plan_parser.extract.frequencies import find_frequencies
    from plan_parser.extract.phrase_limits import find_phrase_limits
    from plan_parser.extract.requirement_ranges import find_requirement_ranges
    from plan_parser.extract.score_bands import find_score_bands

    # each item: span, comparator, value, unit, cue, and the words its finder read as what is
    # measured (a band's row label; a phrase's words between cue and figure), if any
    items = [(f.start, f.end, f.op, f.value, f.unit, f.cue, None)
             for f in find_frequencies(text, start, end)]
    items += [(c.start, c.end, c.op, c.value, "", c.cue, None)
              for c in find_coefficients(text, start, end)]
    items += [(b.start, b.end, b.op, b.value, b.unit, "band", b.row)
              for b in find_band_cells(text, start, end)]
    items += [(b.start, b.end, b.op, b.value, b.unit, "score band", None)
              for b in find_score_bands(text, start, end)]
    items += [(p.start, p.end, p.op, p.value, p.unit, p.cue, p.words)
              for p in find_phrase_limits(text, start, end)]
    items += [(d.start, d.end, d.op, d.value, d.unit, "", None)
              for d in find_dimension_bounds(text, start, end)]
    items += [(r.start, r.end, r.op, r.value, r.unit, "", None)
              for r in find_requirement_ranges(text, start, end)]
    if not items:
        return []
    taken = SpanSet((t.start, t.end) for t in targets)
    g = target_grammar()
    scanned = scan_copy(text, g)
    found = []
    for item_start, item_end, op, value, unit, cue, own in items:
        if taken.overlaps(item_start, item_end) or _specifies(scanned, item_start, item_end):
            continue
        c_start, c_end = _around(clause_breaks, item_start, start, end)
        subject = " ".join(whole_words_from(text, max(c_start, item_start - 100),
                                             item_start).split())
        if cue == "band":  # the row's label, not the cells before on the row
            subject = own or _CELLS_AT_END.sub("", subject)
        elif cue and subject.lower().endswith(cue):
            # "Định kỳ 06 tháng (trước ngày 05/6), báo cáo tình hình …": the cue is no subject;
            # with no words before it, the duty after the figure is
            subject = _trimmed(subject[:-len(cue)])
            if _lettered(subject, 2) < 2:
                after = _trimmed(_PARENTHESES.sub(" ", text[item_end:c_end]))
                subject = " ".join(after.split()[:SUBJECT_MAX_WORDS])
        if _lettered(subject, 2) < 2 and own and _lettered(own, 2) >= 2:
            subject = _trimmed(own)  # "Chỉ được yêu cầu sửa đổi, bổ sung 01 lần"
        if _lettered(subject, 2) < 2:  # "Kỳ công bố: 2 năm": the label before the colon
            label = _label_before_colon(text, item_start)
            subject = label or subject
        found.append(Target("unknown", None, op, value, unit, None, None, item_start, item_end,
                            subject=_unmarked(_worded(subject, text, item_start, g)), cue=cue))
    return found


_CELLS_AT_END = re.compile(r"[\s\d.,<>≤≥|–-]+$")


def _label_before_colon(text: str, position: int) -> str | None:
    """The label a figure follows on its line ("Kỳ công bố: 2 năm"), if it is a short one."""
    line = text[text.rfind("\n", 0, position) + 1:position].rstrip()
    if not line.endswith(":"):
        return None
    label = _trimmed(line[:-1])
    return label if 2 <= _lettered(label, _LABEL_MAX_WORDS + 1) <= _LABEL_MAX_WORDS else None


class _Sentences:
    """The sentences of a text and their facts (the year they name, the end of their first
    "hằng năm"), each read once per sentence and only when asked for, however many targets the
    sentence holds (a sentence may be a whole line of thousands of figures)."""

    def __init__(self, scanned: _Scanned, breaks: list[int], start: int, end: int) -> None:
        self.text, self.breaks, self.start, self.end = scanned.text, breaks, start, end
        self.year_pattern = scanned.patterns["year"]
        self.yearly = scanned.patterns["yearly"]
        self._years: dict[tuple[int, int], str | None] = {}
        self._first_yearly_ends: dict[tuple[int, int], int | None] = {}

    def around(self, position: int) -> tuple[int, int]:
        """The sentence holding ``position``."""
        return _around(self.breaks, position, self.start, self.end)

    def year(self, sentence: tuple[int, int]) -> str | None:
        """The year ``sentence`` names ("… trong năm 2026"), if any."""
        if sentence not in self._years:
            year = self.year_pattern.search(self.text, *sentence)
            self._years[sentence] = year.group("year") if year else None
        return self._years[sentence]

    def yearly_before(self, sentence: tuple[int, int], position: int) -> bool:
        """True when "hằng năm" stands in ``sentence`` before ``position``."""
        if sentence not in self._first_yearly_ends:
            yearly = self.yearly.search(self.text, *sentence)
            self._first_yearly_ends[sentence] = yearly.end() if yearly else None
        first = self._first_yearly_ends[sentence]
        if first is not None and first <= position:
            return True
        # a match cut short at ``position`` ("trong năm" before the figure) is one too
        window = max(sentence[0], position - _YEARLY_REACH)
        return self.yearly.search(self.text, window, max(window, position)) is not None


_YEARLY_REACH = 40  # longer than any "hằng năm" wording


def _colon_breaks(text: str, position: int) -> bool:
    """A colon before a capital opens a list ("năm 2026: Số lượng …"); before a lower-case
    word it joins a subject to its value ("Hội nghị quán triệt: không quá ½ ngày")."""
    following = text[position + 1:position + 3].lstrip()
    return not following or not following[0].islower()


def _around(breaks: list[int], position: int, start: int, end: int) -> tuple[int, int]:
    i = bisect_right(breaks, position)
    left = breaks[i - 1] + 1 if i > 0 else start
    j = bisect_left(breaks, position)
    right = breaks[j] if j < len(breaks) else end
    return left, right


def _quantities(text: str, start: int, end: int, g: TargetGrammar,
                p: dict[str, re.Pattern[str]]) -> list[_Quantity]:
    """The quantities of ``text[start:end]``, in order; the grammar's case-blind patterns read
    its lower-cased copy as ``p`` (the patterns of its :func:`scan_copy`) gives them."""
    found: list[_Quantity] = []
    starts: set[int] = set()
    lower = lowered(text)
    absorbed: set[int] = set()  # the months of "01 năm 06 tháng", read with their years
    for m in _quantity_matches(lower, start, end, g):
        if m.start() in absorbed:
            continue
        if in_url_escapes(text, m.start(), m.start()):  # (the figure's own start only)
            continue  # a web address's escapes, "Keyword=S%E1%BB%91%2033/2019": no "91%"
        unit, needs = _unit_of(m.group("unit"), g)
        compound = g.compound_duration.get(unit)
        part = compound[0].match(lower, m.end(), end) if compound else None
        if part is not None:  # "từ 01 năm 06 tháng trở lên": 18 months
            per, smaller = compound[1], compound[2]
            q = _Quantity(m.start(), part.end(),
                          parse_number(m.group("number"), g.fractions) * per
                          + parse_number(part.group("number"), g.fractions), smaller, needs)
            absorbed.add(part.start("number"))
            _read_suffix(q, text, end, g)
            found.append(q)
            starts.add(q.start)
            continue
        if not needs and unit in g.in_sentence_units and _bare_cell(lower, m.start()) \
                and not _comparator_before(lower, start, m.start(), p):
            continue  # "2 lần/năm" alone in a table cell: a costing input, not a target
        if needs and ((p["period_after"].match(lower, m.end(), end)
                       and not _continuous_limit(lower, start, end, m, p,
                                                 unit in g.duration_units)
                       and not _lookback_limit(lower, start, end, m, g))
                      or (unit in g.date_part_units and _date_part_after(lower, m.end(), end, g))
                      or lower.endswith("ngày ", max(start, m.start() - 5), m.start())
                      or _time_of_day(lower, start, end, m, unit, g, p)):
            continue  # "trong 6 tháng đầu năm", "ngày 10 tháng 6": a period or a date
        q = _Quantity(m.start(), m.end(), parse_number(m.group("number"), g.fractions), unit,
                      needs)
        if unit in g.clock_units:
            _read_hours_a_day(q, m.group("number"), g)
            if q.unit != unit and p["duty_required"].search(lower, max(start, m.start() - 30),
                                                            m.start()):
                q.op_words = ("bảo đảm",)  # "đảm bảo trực 12/24 giờ": a duty the text orders
        if q.unit in g.duration_units and _PART_OF_WHOLE.fullmatch(m.group("number")):
            continue  # "cắt giảm 12/60 ngày": 12 of 60 days, no time of 0.2 days
        if not _read_suffix(q, text, end, g) \
                and (far := g.suffix_far.match(text, m.end(), end)) is not None \
                and not _comparator_before(lower, start, m.start(), p):
            # "giải quyết 80% diễn biến bệnh trở lên": the suffix after what is counted
            word = " ".join(far.group("word").lower().split())
            q.op, q.op_words = g.suffix_op[word], (word,)
        low = p["lower_bound"].search(lower, max(start, m.start() - 24), m.start())
        low_value = None if low is None else parse_number(low.group("number"), g.fractions)
        if low is not None and low.start() not in starts and low_value < q.value:
            # "7 - 8%": the lower bound carries the unit of the upper one (and is lower: "số
            # 2025-" / "05 ngày" is a number wrapped at its dash, no range)
            found.append(_Quantity(low.start(), low.end("number"), low_value, unit, needs))
            starts.add(low.start())
        found.append(q)
        starts.add(q.start)
    # bands first: "Từ 5 tỉnh đến dưới 10 tỉnh" is one band, not "từ 5 tỉnh" and a stray 10
    found.extend(_counted_ranges(lower, start, end, g, p, starts | {q.start for q in found}))
    found.extend(_magnitude_bands(lower, start, end, g, p, starts | {q.start for q in found}))
    # "từ 12 mã lực trở xuống": the suffix, not "từ", says which way
    found.extend(_counted_suffixed(lower, start, end, g, p,
                                   starts | {q.start for q in found}))
    found.extend(_counted(lower, start, end, g, p, starts | {q.start for q in found}))
    found.extend(_goal_counts(lower, start, end, g, p, starts | {q.start for q in found},
                              found))
    found.extend(_round_the_clock(lower, start, end, g, starts))
    found.sort(key=lambda q: q.start)
    return found


def _round_the_clock(lower: str, start: int, end: int, g: TargetGrammar,
                     taken: set[int]) -> list[_Quantity]:
    """Duty round the clock with no unit, "thường trực canh 24/24", "trực 24/7": 24 hours a
    day, exactly (the comparator of the whole day in ``hours_a_day``); the figure is found
    first, then the word of duty read back from it."""
    figure, duty_before = g.round_the_clock
    _, unit, _, whole_day_op = g.hours_a_day
    found = []
    for m in figure.finditer(lower, start, end):
        if m.start() in taken \
                or duty_before.search(lower, max(start, m.start() - _DUTY_READ_BACK),
                                      m.start()) is None:
            continue
        q = _Quantity(m.start(), m.end(), float(_HOURS_A_DAY), unit, False)
        q.op = whole_day_op
        found.append(q)
    return found


_DUTY_READ_BACK = 60  # characters read back from "24/7" for the word of duty


_PER_YEAR = re.compile(r"/\s*năm")  # "01 lần/năm"


def _read_hours_a_day(q: _Quantity, number: str, g: TargetGrammar) -> None:
    """"trực 12/24 giờ": 12 hours a day (at least), not the share 12/24 of an hour."""
    pattern, unit, op, whole_day_op = g.hours_a_day
    hours = pattern.fullmatch(number)
    if hours is not None:
        q.value, q.unit, q.needs_comparator = float(hours.group("hours")), unit, False
        # no comparator word: in a legal text, a bare figure (set aside)
        q.op = whole_day_op if q.value == _HOURS_A_DAY else op


_HOURS_A_DAY = 24


def _continuous_limit(lower: str, start: int, end: int, m: re.Match[str],
                      p: dict[str, re.Pattern[str]], duration: bool) -> bool:
    """A quantity followed by "liên tục" that is still a limit: occurrences in a row ("quá 12
    lần liên tiếp", no period of time), or a duration after a cap word ("tối thiểu 08 giờ liên
    tục") or bounded by a suffix ("từ 15 ngày liên tục trở lên", a band)."""
    continuous = p["continuous_after"].match(lower, m.end(), end)
    return continuous is not None and (
        not duration
        or p["strong_before"].search(lower, max(start, m.start() - 20), m.start()) is not None
        or p["suffix"].match(lower, continuous.end(), end) is not None)


def _lookback_limit(lower: str, start: int, end: int, m: re.Match[str],
                    g: TargetGrammar) -> bool:
    """"trong vòng 05 năm gần đây": a window looked back over, at most so long (a limit, not
    the period a report covers)."""
    before, after = g.lookback
    return before.search(lower, max(start, m.start() - 12), m.start()) is not None \
        and after.match(lower, m.end(), end) is not None


def _time_of_day(lower: str, start: int, end: int, m: re.Match[str], unit: str,
                 g: TargetGrammar, p: dict[str, re.Pattern[str]]) -> bool:
    """True for a figure of an hour of a day ("trước 16 giờ 00 ngày 20/11/2026": neither 16
    hours nor 0 days; "10 giờ 30 phút ngày …", "17h00, ngày …"): the deadline is the date."""
    if unit not in g.duration_units or lower.find("ngày", m.start(), m.end() + 40) == -1:
        return False  # (every match names the date's "ngày" after the figure)
    window = max(start, m.start() - _HOUR_REACH)
    return any(t.start() <= m.start() < t.end()
               for t in p["time_of_day"].finditer(lower, window, min(end, m.end() + 40)))


_HOUR_REACH = 12  # characters from an hour's figure to the minutes after it ("16 giờ 30 phút")


def _date_part_after(lower: str, position: int, end: int, g: TargetGrammar) -> bool:
    """A number right after a quantity makes it part of a date ("10 tháng 6 năm 2025"), unless
    that number is itself a quantity ("Từ 01 ha đến dưới 03 ha 3 điểm": a cell and its score)."""
    m = _DATE_PART.match(lower, position, end)
    if m is None or ("\n" in m.group() and _LIST_NUMBER.match(lower, m.start("number"), end)):
        return False  # ("50 điểm" / "4. Phương pháp": the next line's list number)
    after = g.quantity.match(lower, m.start("number"), end)
    # ("01 năm 06 tháng" is one length of time, read elsewhere)
    return after is None or _unit_of(after.group("unit"), g)[0] in g.duration_units


def _unit_of(unit_text: str, g: TargetGrammar) -> tuple[str, bool]:
    """The unit a unit word names, and whether it needs a comparator to be a target (worked
    out once per unit word as written, "ngày làm việc", for the process's grammar)."""
    if g is not target_grammar():
        return next((u, n) for p, u, n in g.unit_of if p.fullmatch(unit_text))
    return _unit_named(unit_text)


@lru_cache(maxsize=1024)
def _unit_named(unit_text: str) -> tuple[str, bool]:
    """:func:`_unit_of` for :func:`target_grammar`."""
    return next((u, n) for p, u, n in target_grammar().unit_of if p.fullmatch(unit_text))


def _read_suffix(q: _Quantity, text: str, end: int, g: TargetGrammar) -> bool:
    """Read "trở lên" / "trở xuống" right after ``q`` into its comparator; True if there."""
    suffix = g.suffix.match(text, q.end, end)
    if suffix is None:
        return False
    word = " ".join(suffix.group("word").lower().split())
    q.op, q.end, q.op_words = g.suffix_op[word], suffix.end(), (word,)
    return True


_COMPARATOR_REACH = 24  # characters before a quantity searched for its comparator


def _comparator_before(lower: str, start: int, position: int,
                       p: dict[str, re.Pattern[str]]) -> bool:
    """A comparator stands right before ``position`` (within ``_COMPARATOR_REACH``)."""
    window = max(start, position - _COMPARATOR_REACH)
    return p["comparator"].search(lower, window, position) is not None


def _bare_cell(lower: str, position: int) -> bool:
    """True when nothing but a label or number stands before ``position`` on its line (read
    back word by word up to the second word, not the whole line)."""
    return _words_back(lower, position, 2) < 2


def _words_back(text: str, position: int, most: int) -> int:
    """How many words stand on the line before ``position``, counted back up to ``most``:
    the cost is the length of those words, not of the line."""
    count = 0
    i = position
    while i > 0 and count < most:
        while i > 0 and text[i - 1].isspace() and text[i - 1] != "\n":
            i -= 1
        if i == 0 or text[i - 1] == "\n":
            break
        count += 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return count


_LIST_NUMBER = re.compile(r"\d{1,3}[.)]\s")
# "10 tháng 6": the day and month of a date (not an amount in thousands: "30 MW" / "15.000.000")
_DATE_PART = re.compile(r"\s*(?P<number>\d{1,2})(?!\d{0,1}\.\d{3})")


def _counted(lower: str, start: int, end: int, g: TargetGrammar, p: dict[str, re.Pattern[str]],
             taken: set[int]) -> list[_Quantity]:
    """Counts after a comparator: "ít nhất 20 mô hình", "tối đa 05 thành viên" (``p``: the
    grammar's patterns for ``lower``, as for :func:`_quantities`)."""
    found = []
    # (overlapping: a comparator among the words read after a count that is then left out
    # opens a count of its own: "Số bác sĩ trên 10.000 dân đạt 15 bác sĩ", per 10,000 and 15)
    matches = [*anchored_matches(g.counted, lower, start, end, g.counted_anchors, True),
               *anchored_matches(g.counted_spelled, lower, start, end, g.counted_anchors, True)]
    counted_to = {g.counted: start, g.counted_spelled: start}  # each pattern's last count kept
    for m in sorted(matches, key=lambda m: m.start()):
        if m.start() < counted_to[m.re] or m.start("number") in taken \
                or p["not_a_count"].match(lower, m.start("number")):
            continue
        unit, unit_end = m.group("noun"), m.end("noun")
        word = " ".join(m.group("word").split())
        share = "/" in m.group("number") or m.group("number") in g.fraction_glyphs
        if word in g.share_only and not share:
            continue  # "trên 500 doanh nghiệp" is read by the quantity grammar, if at all
        magnitude = not share and _in_magnitudes(m, g)
        if word in g.magnitude_only and not magnitude:
            continue  # "thu hút 500 doanh nghiệp": an aim only for a count in millions
        if magnitude:  # "xóa mù chữ cho 1,2 triệu người", "hơn 1 triệu dân" (not "… đồng")
            unit, unit_end = _magnitude_noun(m, g)
        elif share:  # "ít nhất 2/3 số người được triệu tập": a share
            if unit not in g.share_nouns:
                continue
            unit, unit_end = g.share_unit, m.end("number")  # (the whole of it: its subject)
        elif _no_counted_noun(m, g, "noun2", "noun3"):
            continue
        elif unit in g.clause_words:  # "có điểm dưới 5,0 thì …": a bare figure
            if word in g.noun_required:
                continue
            unit, unit_end = "", m.end("number")
        else:
            unit, unit_end = _count_noun(m, g, "noun2", "noun3")
        op = g.counted_op[word]
        number = m.group("number")
        value = parse_number(number, g.fractions)  # (a number word too: "tối đa hai …")
        if word in g.one_line_comparators and ("\n" in lower[m.start():unit_end]
                                               or ":" in lower[m.end("word"):m.start("number")]):
            continue  # "trên" / "|" / "3" / "Công chức": cells of a table; "nêu trên: 01 …"
        if word in g.per_words and value in g.per_denominators:
            continue  # "tỷ lệ sự cố trên 1000 chuyến bay": per 1000
        counted_to[m.re] = unit_end  # (the words read after the noun may open a count)
        if m.groupdict().get("high") and not share:  # (the spelled pattern has none)
            if op not in (">=", ">"):
                continue  # "tối đa 04 - 05 …": no band of a cap
            found.extend(_count_band(m, "number", value, unit_end, unit, m.start("word"),
                                     word, "<=", g, range_bound=True))
            continue
        if _excess_negated(lower, m.start("word"), word, op, g):
            op = g.inverse[op]  # "không bố trí quá 50 người dự thi": a cap
        q = _Quantity(m.start("number"), unit_end, value, unit, True)
        q.op, q.op_start, q.counted, q.op_words = op, m.start("word"), True, (word,)
        found.append(q)
        if share:
            continue  # a share is no list of counts
        # "ít nhất 100 doanh nghiệp …, 50 doanh nghiệp …": the comparator serves the list
        position = unit_end
        while (more := _LIST_COUNT.search(lower, position, min(end, position + 160))) \
                is not None and not _CLAUSE_END.search(lower, position, more.start()):
            if more.start("number") in taken:
                break
            # (in millions after millions: "thu hút 18 triệu lượt khách quốc tế và 71 triệu
            # lượt khách nội địa")
            if (counted := _counted_unit(more, g, magnitude)) is None:
                break
            noun, noun_end = counted
            item = _Quantity(more.start("number"), noun_end,
                             parse_number(more.group("number"), g.fractions), noun, True)
            item.op, item.op_start, item.counted = op, more.start("number"), True
            item.op_words = (word,)  # the list's comparator is said for it too
            found.append(item)
            position = more.end()
    return found


def _excess_negated(text: str, position: int, word: str, op: str, g: TargetGrammar) -> bool:
    """An excess ("quá", "vượt quá": ``op`` ">") a "không" earlier in its phrase forbids, or a
    list item under a line that forbids its items: a cap, as for a quantity
    (:func:`_comparator`)."""
    return op == ">" and word.split()[-1] in g.negated_anywhere \
        and (_negated_in_clause(text, position, g) or _forbidden_item(text, position, g))


def _counted_ranges(lower: str, start: int, end: int, g: TargetGrammar,
                    p: dict[str, re.Pattern[str]], taken: set[int]) -> list[_Quantity]:
    """Bands of counts: "từ 110 đến dưới 150 đối tượng" (>= 110, < 150 "đối tượng")."""
    found = []
    for m in anchored_matches(p["counted_range"], lower, start, end, g.range_openers):
        noun = m.group("noun")
        if _no_counted_noun(m, g, "noun2", "noun3") or noun in g.range_not_nouns \
                or m.start("low") in taken \
                or m.start("high") in taken or p["not_a_count"].match(lower, m.start("low")):
            continue  # (nor a span of years: "thời kỳ từ 2011-2020 là 11,5%")
        noun, noun_end = ("", m.end("high")) if noun in g.clause_words \
            else _count_noun(m, g, "noun2", "noun3")  # "từ 80 - 100 là loại tốt": bare
        word = m.group("open")
        low, high = _count_band(m, "low", parse_number(m.group("low"), g.fractions), noun_end,
                                noun, m.start(), word, "<" if m.group("below") else "<=", g)
        if word == "trên":
            low.op = ">"  # "Trên 500.000 đến 1.000.000 người": over the first
        found.extend((low, high))
    return found


def _magnitude_bands(lower: str, start: int, end: int, g: TargetGrammar,
                     p: dict[str, re.Pattern[str]], taken: set[int]) -> list[_Quantity]:
    """Bands of counts in thousands or millions, with no word before them: "đón 7-7,5 triệu
    lượt khách quốc tế" (>= 7, <= 7.5 "triệu lượt khách"); never of money ("5 - 6 triệu
    đồng")."""
    found: list[_Quantity] = []
    for m in _around_magnitudes(lower, start, end, g, p["magnitude_range"]):
        if m.group("noun") in g.not_units or m.start("low") in taken \
                or m.start("high") in taken:
            continue
        noun, noun_end = _count_noun(m, g, "noun2")
        low_value = parse_number(m.group("low"), g.fractions)
        if low_value >= parse_number(m.group("high"), g.fractions):
            continue  # "2025 - 2 triệu …": no band
        found.extend(_count_band(m, "low", low_value, noun_end,
                                 f"{m.group('magnitude')} {noun}", m.start(), "", "<=", g,
                                 range_bound=True))
    return found


def _goal_counts(lower: str, start: int, end: int, g: TargetGrammar,
                 p: dict[str, re.Pattern[str]], taken: set[int],
                 quantities: list[_Quantity]) -> list[_Quantity]:
    """Counts that open the items of a sentence of goals, with no comparator of their own:
    "mục tiêu …: Đến năm 2030 có khoảng 160 tổ hợp tác, với 4.000 thành viên; 240 hợp tác xã"
    (at least each); read from a cue ("mục tiêu") to the end of its sentence, and in the items
    of a list whose other items hold percentages (``quantities``: those found so far)."""
    found: list[_Quantity] = []
    read_to = start
    for cue in anchored_matches(p["goal_cue"], lower, start, end, g.goal_cue_anchors):
        if cue.start() < read_to:
            continue  # (in the sentence of an earlier cue)
        stop = min(end, cue.end() + g.goal_reach)
        sentence_end = p["goal_sentence_end"].search(lower, cue.end(), stop)
        read_to = stop if sentence_end is None else sentence_end.start()
        found.extend(_goal_items(lower, cue.end(), read_to, g, p, taken))
    percentages = sorted(q.start for q in quantities if q.unit == "%")
    if len(percentages) >= g.goal_list_percentages:
        found.extend(_items_among_percentages(lower, start, end, g, p, taken, percentages))
        found.extend(_lines_among_percentages(lower, start, end, g, p, taken, percentages))
    return found


def _marks(text: str, mark: str, start: int, end: int) -> list[int]:
    """Where ``mark`` (";") stands in ``text[start:end]``."""
    found = []
    i = text.find(mark, start, end)
    while i != -1:
        found.append(i)
        i = text.find(mark, i + 1, end)
    return found


def _items_among_percentages(lower: str, start: int, end: int, g: TargetGrammar,
                             p: dict[str, re.Pattern[str]], taken: set[int],
                             percentages: list[int]) -> list[_Quantity]:
    """Counts opening an item of a list (items apart by ";", on one line and in one sentence)
    of which at least ``g.goal_list_percentages`` other items hold a percentage (at the sorted
    ``percentages``): "… 50% số xã đạt chuẩn nông thôn mới; 15.000 hợp tác xã … hoạt động có
    hiệu quả; …"."""
    found: list[_Quantity] = []
    reach = g.goal_reach  # (the ";" read only within a sentence's reach of a percentage)
    windows = _merged((max(start, k - reach), min(end, k + reach)) for k in percentages)
    for i in (i for a, b in windows for i in _marks(lower, ";", a, b)):
        if (m := p["goal_item"].match(lower, i, end)) is None or m.start("number") in taken:
            continue
        first = max(lower.rfind("\n", start, i) + 1, lower.rfind(". ", start, i) + 2, start,
                    i - reach)
        last = min(end, i + g.goal_reach)
        if (closing := p["goal_sentence_end"].search(lower, i, last)) is not None:
            last = closing.start()
        items = [first, *_marks(lower, ";", first, last), last]
        holding = sum(1 for a, b in pairwise(items)
                      if a != i and _any_between(percentages, a, b))
        if holding >= g.goal_list_percentages:
            found.extend(_goal_items(lower, i, m.end(), g, p, taken))
    return found


def _lines_among_percentages(lower: str, start: int, end: int, g: TargetGrammar,
                             p: dict[str, re.Pattern[str]], taken: set[int],
                             percentages: list[int]) -> list[_Quantity]:
    """Counts opening a line of a list ("- Xây dựng 6 trường đạt chuẩn quốc gia.") of which
    at least ``g.goal_list_percentages`` lines of the ``g.goal_list_lines`` on either side hold
    a percentage."""
    found: list[_Quantity] = []
    lines = g.goal_list_lines
    # (read only the lines within reach of a percentage)
    windows = _merged((near[0][0], near[-1][1]) for k in percentages
                      if (near := _lines_near(lower, start, end, k, lines)))
    for m in (m for a, b in windows for m in p["goal_bullet"].finditer(lower, a, b)):
        if m.start("number") in taken:
            continue
        near = _lines_near(lower, start, end, m.start("number"), lines)
        holding = sum(_any_between(percentages, a, b) for a, b in near) \
            - _any_between(percentages, *_line_of(lower, start, end, m.start("number")))
        if holding >= g.goal_list_percentages and (q := _goal_count(m, g, taken)) is not None:
            found.append(q)
    return found


def _line_of(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The line holding ``position``, without its line break (within ``start``, ``end``)."""
    line_end = text.find("\n", position, end)
    return max(start, text.rfind("\n", start, position) + 1), end if line_end == -1 else line_end


def _lines_near(text: str, start: int, end: int, position: int,
                lines: int) -> list[tuple[int, int]]:
    """The line holding ``position`` and the ``lines`` lines on either side of it (within
    ``start``, ``end``), in order: their starts and ends."""
    first, last = _line_of(text, start, end, position)
    near = [(first, last)]
    for _ in range(lines):
        if first > start:
            previous = text.rfind("\n", start, first - 1) + 1
            near.insert(0, (previous, first))
            first = previous
        if last < end:
            following = text.find("\n", last + 1, end)
            following = end if following == -1 else following
            near.append((last, following))
            last = following
    return near


def _merged(windows: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``windows`` in order, those that overlap made one."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(windows):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _any_between(sorted_positions: list[int], a: int, b: int) -> bool:
    """True when one of ``sorted_positions`` lies in ``[a, b)``."""
    k = bisect_left(sorted_positions, a)
    return k < len(sorted_positions) and sorted_positions[k] < b


def _goal_items(lower: str, start: int, end: int, g: TargetGrammar,
                p: dict[str, re.Pattern[str]], taken: set[int]) -> list[_Quantity]:
    """The counts opening an item between ``start`` and ``end`` (:func:`_goal_counts`), each
    read from the end of the last one's noun ("45 nghìn HTX với 8 triệu thành viên")."""
    found = []
    position = start
    while (m := p["goal_item"].search(lower, position, end)) is not None:
        q = _goal_count(m, g, taken)
        position = m.end("number") if q is None else q.end
        if q is not None:
            found.append(q)
            if q.op_words and q.op_words[0] in g.goal_parts_openers:
                position = _more_parts(lower, q, end, g, taken, found)
    return found


def _more_parts(lower: str, part: _Quantity, end: int, g: TargetGrammar, taken: set[int],
                found: list[_Quantity]) -> int:
    """After a part of a count ("trong đó 800 người thực hiện nghĩa vụ quân sự"), the parts
    joined to it by "và" or a comma, each at least its figure (put in ``found``); where the
    reading stopped."""
    position = part.end
    while True:
        # (the words about the part before the joiner: up to the next figure)
        figure = _DIGIT.search(lower, position, min(end, position + _PART_REACH))
        if figure is None:
            return position
        digit = figure.start()
        joiner = g.goal_parts_joiner.search(lower, position, digit)
        m = g.goal_part.match(lower, digit) if joiner is not None and joiner.end() == digit \
            else None
        q = None if m is None else _goal_count(m, g, taken)
        if q is None:
            return position
        q.op_words = part.op_words
        found.append(q)
        position = q.end


def _goal_count(m: re.Match[str], g: TargetGrammar, taken: set[int]) -> _Quantity | None:
    """The count of a match of an item (groups "lead", "number", "noun", "noun2", "noun3"), at
    least its figure; None for a year, a figure of no counted thing, or one read already. A
    count in thousands or millions names its noun after the multiplier ("với 8 triệu thành
    viên")."""
    number, noun = m.group("number"), m.group("noun")
    if m.start("number") in taken or _YEAR.fullmatch(number) \
            or noun in g.clause_words or noun in g.goal_not_nouns \
            or (counted := _counted_unit(m, g)) is None:
        return None
    unit, unit_end = counted
    q = _Quantity(m.start("number"), unit_end, parse_number(number, g.fractions), unit, True)
    q.op, q.op_start, q.counted = g.goal_op, m.start("number"), True
    if lead := m.groupdict().get("lead"):  # "có khoảng 160 tổ hợp tác": no subject's words
        q.op_start, q.op_words = m.start("lead"), (" ".join(lead.split()),)
    taken.add(q.start)
    return q


_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")
_PART_REACH = 120  # characters read after a part for the next one's figure


def _around_magnitudes(lower: str, start: int, end: int, g: TargetGrammar,
                       pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` whose group "magnitude" is a word of ``g.magnitudes``, read
    only around those words (the text is not scanned digit by digit)."""
    found = []
    for word in g.magnitudes:
        i = lower.find(word, start, end)
        while i != -1:
            m = pattern.search(lower, max(start, i - _MAGNITUDE_BACK), min(end, i + 60))
            if m is not None and m.start("magnitude") == i:
                found.append(m)
            i = lower.find(word, i + len(word), end)
    return sorted(found, key=lambda m: m.start())


_MAGNITUDE_BACK = 24  # characters before "triệu" that hold a band of two figures


def _count_band(m: re.Match[str], low_group: str, low_value: float, noun_end: int, noun: str,
                op_start: int, word: str, high_op: str, g: TargetGrammar,
                range_bound: bool = False) -> tuple[_Quantity, _Quantity]:
    """The two bounds of a band of counts: at least group ``low_group``, at most (or under)
    group "high", which ends with the noun."""
    low = _Quantity(m.start(low_group), m.end(low_group), low_value, noun, True)
    high = _Quantity(m.start("high"), noun_end, parse_number(m.group("high"), g.fractions),
                     noun, True)
    said = (word,) if word else ()  # (a band with no word before it: "7-7,5 triệu …")
    low.op, low.op_start, low.op_words = ">=", op_start, said
    high.op, high.op_start, high.op_words = high_op, m.start("high"), said
    for bound in (low, high):
        bound.counted, bound.range_bound = True, range_bound
    return low, high


_SUFFIX_READ_BACK = 60  # characters read back from "trở lên" for the count it closes


def _counted_suffixed(lower: str, start: int, end: int, g: TargetGrammar,
                      p: dict[str, re.Pattern[str]], taken: set[int]) -> list[_Quantity]:
    """Counts closed by a suffix after the counted thing: "02 văn phòng thi hành án dân sự trở
    lên", "có trọng tải 20 tấn trở lên" (at least, or at most for "trở xuống")."""
    found = []
    for suffix in anchored_matches(g.suffix_word, lower, start, end, g.suffix_anchors):
        position = suffix.start()
        m = p["counted_suffixed"].search(lower, max(start, position - _SUFFIX_READ_BACK),
                                         position)
        if m is None or m.start("number") in taken or _no_counted_noun(m, g, "noun2") \
                or (m.start() > 0 and (lower[m.start() - 1].isalnum()
                                       or lower[m.start() - 1] in "/.,")):
            continue
        word = " ".join(suffix.group("word").split())
        noun, _ = _count_noun(m, g, "noun2")
        number = m.group("number")
        q = _Quantity(m.start("number"), suffix.end(),
                      parse_number(number, g.fractions), noun, True)
        q.op, q.op_start, q.counted, q.op_words = g.suffix_op[word], m.start("number"), True, \
            (word,)
        found.append(q)
        taken.add(q.start)
    return found


def _in_magnitudes(m: re.Match[str], g: TargetGrammar) -> bool:
    """True when the word after the number is a multiplier ("triệu", "nghìn") and a counted
    thing follows it ("1,2 triệu người"; not money, "50 triệu đồng", nor "50 triệu đã …")."""
    return m.group("noun") in g.magnitudes and bool(m.group("noun2")) \
        and m.group("noun2") not in g.magnitude_not_nouns


def _counted_unit(m: re.Match[str], g: TargetGrammar,
                  magnitudes: bool = True) -> tuple[str, int] | None:
    """The unit of a count (groups "noun" … "noun3") and where it ends: with ``magnitudes``, a
    multiplier and its noun ("triệu lượt khách"); else the counted noun or compound; None when
    the word after the number is no counted thing."""
    if magnitudes and _in_magnitudes(m, g):
        return _magnitude_noun(m, g)
    if _no_counted_noun(m, g, "noun2", "noun3"):
        return None
    return _count_noun(m, g, "noun2", "noun3")


def _magnitude_noun(m: re.Match[str], g: TargetGrammar) -> tuple[str, int]:
    """The unit of a count in thousands or millions and where it ends: the multiplier and the
    counted noun after it, a compound when two words make one ("triệu lượt khách")."""
    noun, end = _count_noun(m, g, "noun3", first="noun2")
    return f"{m.group('noun')} {noun}", end


def _no_counted_noun(m: re.Match[str], g: TargetGrammar, *more: str) -> bool:
    """True when the word after the number is no counted thing ("năm", "chương 2"), unless it
    opens a compound that is ("chương trình", ``compound_openers``)."""
    noun = m.group("noun")
    if noun not in g.not_units:
        return False
    if noun not in g.compound_openers and noun not in g.compound_heads:
        return True  # ("năm", "tháng": no compound to look up)
    compound = _count_noun(m, g, *more)[0]
    if compound in g.compounds:
        return False  # "đô thị" ("ít nhất 5 đô thị"), though "đô" alone is money
    return noun not in g.compound_openers or compound == noun


def _count_noun(m: re.Match[str], g: TargetGrammar, *more: str,
                first: str = "noun") -> tuple[str, int]:
    """The counted noun and where it ends: the first word of group "noun", or the longest
    compound it starts with the words of the groups ``more`` that follow it, in order ("hợp tác
    xã", "mô hình", "đối tượng" from the rules; "lao động", "tiêu chí" from the dictionary of
    two- and three-syllable words); never a compound that skips a word ("nhà đầu tư" is no "nhà
    tư"), and never the first word of a suffix ("từ 2,5 trở lên": no noun, a bare figure);
    ``first``: the group the noun starts at ("noun2" after a multiplier: "triệu lượt khách")."""
    noun = m.group(first)
    if noun in g.suffix_anchors:
        return "", m.end("number")
    words, ends = [noun], [m.end(first)]
    for group in more:
        if not m.group(group):
            break
        words.append(m.group(group))
        ends.append(m.end(group))
    for size in range(len(words), 1, -1):
        compound = " ".join(words[:size])
        if compound in g.compounds or compound in _compound_words():
            return compound, ends[size - 1]
    return noun, ends[0]


_COMPOUND_WORDS = Path(__file__).with_name("compound_words.txt.gz")


@cache
def _compound_words() -> frozenset[str]:
    """Two- and three-syllable words a counted noun may be (tools/build_compound_words.py:
    Viet74K's, 54,379 words); none without the file."""
    if not _COMPOUND_WORDS.is_file():
        return frozenset()
    with gzip.open(_COMPOUND_WORDS, "rt", encoding="utf-8") as words:
        return frozenset(words.read().split("\n")) - {""}


# "12/60" before a duration: a part of a whole ("cắt giảm 12/60 ngày", 12 of 60), not a
# fraction of a day, which has a small denominator ("1/2 ngày")
_PART_OF_WHOLE = re.compile(r"\d+\s*/\s*(?:[5-9]|\d{2,})")
_LIST_COUNT = re.compile(r"(?:(?:,|\s+(?:và|hoặc))\s+|;[ \t]+)(?P<number>\d+(?:[.,]\d+)?)\s+"
                         r"(?P<noun>[^\W\d_]+)"
                         r"(?:\s+(?P<noun2>[^\W\d_]+))?(?:\s+(?P<noun3>[^\W\d_]+))?")
_CLAUSE_END = re.compile(r"[;.:\n]")


def _quantity_matches(text: str, start: int, end: int, g: TargetGrammar):
    """Quantities found from their unit words ("%", "ngày" …) back to the number before them."""
    positions: set[int] = set()  # (a number's reading does not depend on its unit word's)
    # most words' places come with the shared words of the lower-cased copy (the one scan of it
    # the extractors share): those not after a letter, nor before one where the scan forbids it
    shared = shared_starts_after_no_letter(text, start, end, g.shared_unit_words,
                                           g.closed_unit_words)
    for scan, quick, word in g.unit_word_scans:  # not inside a word ("nhau", "thành")
        if (found := shared.get(word)) is not None:
            positions.update(found)
        elif quick is not None:  # ("h": the places with no letter around, each checked)
            positions.update(position for position in
                             map(_RE_START, quick.finditer(text, start, end))
                             if scan.match(text, position, end))
        else:
            positions.update(map(_REGEX_START, scan.finditer(text, start, end, overlapped=True)))
    seen: set[int] = set()
    hits = []
    for position in positions:
        # (most unit words follow a word: the last character before them, at most as far back
        # as a number is looked for, tells at once that no number ends there)
        last = text[max(start, position - _NUMBER_REACH):position].rstrip()[-1:]
        if last not in g.number_ends and not last.isdecimal():
            continue
        # a number spelled out in brackets may stand between number and unit, and a number
        # spelled out may take several words ("một trăm hai mươi ngày")
        window = max(start, position - (_NUMBER_REACH
                                        if last == ")" or last.isalpha() else 16))
        if not _may_end_a_number(text[window:position].rstrip(), g):
            continue
        number = g.number_before.search(text, window, position)
        if number is not None and number.start() not in seen:
            m = g.quantity.match(text, number.start(), end)
            before = text[number.start() - 1] if number.start() > 0 else " "
            ahead = text[number.start() - 2] if number.start() > 1 else " "
            in_range = before in "-–" and (ahead.isdigit() or ahead == "%"  # "12-24 giờ"
                                           or (m is not None and _unit_before_dash(
                                               text, number.start() - 1, m.group("unit"))))
            if m is not None and not (before.isalnum() or before in "/.,"
                                      or (before in "-–" and not in_range)) \
                    and not (m.group("number")[:1].isalpha() and _spelled_apart(text, m, g)):
                seen.add(number.start())
                hits.append(m)
    hits.sort(key=lambda m: m.start())
    return hits


_FIGURE_AFTER = re.compile(r"[ \t]*\([ \t]*(?P<figure>\d+(?:,\d+)?)(?![\d.,])")


def _spelled_apart(text: str, m: re.Match[str], g: TargetGrammar) -> bool:
    """True when the number spelled out before a unit word is not read there: its figure
    follows in brackets ("mười lăm ngày (15 ngày)" is read from the figure), or the unit word
    is a word of the number itself ("bảy nghìn năm trăm": "năm" is five, no year)."""
    value = parse_number(m.group("number"), g.fractions)
    figure = _FIGURE_AFTER.match(text, m.end())
    if figure is not None and parse_number(figure.group("figure"), g.fractions) == value:
        return True
    whole = g.spelled_whole.match(text, m.start("number"))
    return whole is not None and whole.end() > m.start("unit")


_UNIT_ENDING = re.compile(r"\d[ \t]*(?P<unit>[^\W\d_]{1,5})$")


def _unit_before_dash(text: str, dash: int, unit: str) -> bool:
    """True when the dash at ``dash`` follows a figure of the same unit: "200m-500m" is a range
    like "200-500m" (not "COVID-19 ngày")."""
    m = _UNIT_ENDING.search(text, max(0, dash - 8), dash)
    return m is not None and m.group("unit") == unit


_NUMBER_REACH = 48  # characters read back from a unit word for its number (one spelled out)
_RE_START = re.Match.start  # (a match's start, called by map in C)
_REGEX_START = regex.Match.start


def _may_end_a_number(before: str, g: TargetGrammar) -> bool:
    """False when no match of ``g.number_before`` can end ``before`` (the text before a unit
    word, without the spaces it ends with): it ends with a digit, a number word or glyph
    ("nửa", "½"), or the bracket closing the number or what spells it out ("05 (năm)")."""
    return before[-1:] == ")" or before[-1:].isdecimal() or before.endswith(g.number_words)


def _read_clause(text: str, c_start: int, c_end: int, members: list[_Quantity],
                 sentences: _Sentences, scanned: _Scanned, g: TargetGrammar,
                 carried: Target | None = None) -> list[Target]:
    """The targets of one clause; ``carried`` is the last limit read in the clause before."""
    members.sort(key=lambda q: q.start)
    scan, p = scanned.text, scanned.patterns  # (positions as in ``text``)
    calculation = _ClauseComputes(scanned, c_start, c_end)
    groups = [group for group in _range_groups(text, members, g)
              if not _clock_window(text, group, g)]
    # share out the words between consecutive groups at the last "và" / comma between them
    bounds = [c_start]
    for left_group, right_group in pairwise(groups):
        between = text[left_group[-1].end:right_group[0].start]
        cuts = list(_CONJUNCTION.finditer(between))
        bounds.append(left_group[-1].end + (cuts[-1].end() if cuts else 0))
    bounds.append(c_end)
    targets: list[Target] = []
    previous_subject: str | None = None  # of the clause's last figure read
    for index, group in enumerate(groups):
        first, last = group[0], group[-1]
        own_start = bounds[index] if index == 0 else max(bounds[index], groups[index - 1][-1].end)
        own_end = bounds[index + 1] if index + 1 < len(groups) else c_end
        if index + 1 < len(groups):
            own_end = min(own_end, groups[index + 1][0].start) if own_end > last.end else last.end
        left = text[own_start:first.start]
        right = text[last.end:max(last.end, own_end)]
        # ``left`` and ``right`` as the patterns of ``p`` read them
        left_scan, right_scan = scan[own_start:first.start], scan[last.end:max(last.end, own_end)]
        _comparator(first, text, left_scan, own_start, scanned, g)
        if first.op is None and index == 0 and carried is not None:
            _share_listed_case_comparator(text, first, carried, g)
        if first.op is None and index > 0 and p["per_case_after"].match(scan, first.end):
            _share_case_comparator(text, first, groups[index - 1][-1], g)
        # the same time restated in brackets: "168 giờ (tương đương 21 ngày)", one time, one
        # subject (and, in another unit, one bound: "không quá 07 ngày làm việc (56 giờ …)")
        before = groups[index - 1][-1] if index > 0 else None
        if before is not None and _restates(text, first, before, g):
            first.alternative = True
            if first.op is None and first.needs_comparator and before.op_words \
                    and first.unit != before.unit:
                _bounded_like(first, before)
        if first.op is None and index > 0 and len(groups[index - 1]) == 1:
            _share_listed_comparator(text, first, groups[index - 1][0], g)
        if first.op == ">=" and first.unit in g.duration_units \
                and p["once_every"].match(scan, first.end):
            # "họp định kỳ ít nhất 03 tháng một lần": at least once in every 3 months, an
            # interval of at most 3 months
            first.op = "<="
        if first.op is None \
                and p["shortened_to"].search(scan, max(0, first.start - 160), first.start):
            first.op, first.op_words = "<=", ("thành",)  # "rút ngắn … thành 07 ngày"
        # a term's label ends with the colon that opened the clause: "Hiệu lực chứng chỉ: 05
        # năm" (not any label: "Thời gian: 20 giờ" of a course is no target)
        label_start = c_start
        if index == 0 and c_start > 0 and text[c_start - 1] == ":":
            label_start = text.rfind("\n", 0, c_start - 1) + 1
        # a length of time with no comparator, or a limit no cap word bounds ("trong 05 năm")
        open_time = first.unit in g.duration_units and first.op in (None, "<=") \
            and not _bounded_by_word(first, g)
        if open_time \
                and p["fixed_term"].search(scan, max(label_start, first.start - 80), first.start):
            # "Thời hạn giữ chức vụ … là 05 năm", "có hiệu lực trong thời hạn 03 năm": the
            # length of a term, fixed, not a time limit (but a term capped is capped: "Thời
            # hạn giấy phép tối đa là 60 tháng")
            first.op, first.op_words = "=", ("thời hạn",)
        elif first.unit in g.ban_units and first.op == "<=" and first.op_words \
                and first.op_words[-1].startswith("trong") \
                and p["banned_during"].search(scan, max(c_start, first.start - 120), first.start):
            # "không được cấp giấy phép trong thời hạn 05 năm", "quyết định cấm tham gia hoạt
            # động đấu thầu … trong thời hạn 05 năm": a ban, a wait of at least that long (as
            # ``waiting_before``), not a time limit to act in
            first.op = ">="
        elif open_time and p["lapse_after"].match(scan, first.end):
            # "trong thời gian 06 tháng mà không thông báo lý do", "Sau thời gian 30 ngày mà
            # không có đề nghị khôi phục": a time gone by without an act, at least that long
            first.op, first.op_words = ">=", ("mà không",)
        if first.op is None and first.needs_comparator and first.unit in g.duration_units:
            if p["limit_label"].search(scan, max(c_start, first.start - 80), first.start):
                first.op, first.op_words = "<=", ("thời hạn",)  # "thời hạn nêu trên là 02 ngày"
            elif p["duration_label"].search(scan, max(c_start, first.start - 80), first.start):
                first.op, first.op_words = "=", ("thời hạn",)  # "có thời hạn 05 năm"
            elif p["counted_from"].match(scan, after := _past_echo(scan, first.end, p)) \
                    and not p["interval_before"].search(scan, max(c_start, first.start - 16),
                                                        first.start):
                # "10 ngày làm việc kể từ …" is a limit; "sau 60 ngày kể từ ngày hết thời hạn
                # quy định …" the time overdue; "được thi lại sau 02 năm kể từ …" the earliest
                # (the same time in other words between: "168 giờ (tương đương 21 ngày) kể từ")
                if p["overdue_after"].match(scan, after) and p["overdue_before"].search(
                        scan, max(c_start, first.start - 20), first.start):
                    first.op, first.op_words = ">", ("sau",)
                elif p["waiting_before"].search(scan, max(c_start, first.start - 120),
                                                first.start):
                    first.op, first.op_words = ">=", ("sau",)
                else:
                    first.op, first.op_words = "<=", ("kể từ",)
        if len(group) == 2 and first.op is None and first.unit in g.comparator_only_units:
            continue  # "(1200 - 1800) mm": a dimension; no target without a comparator
        if len(group) == 2 and first.op is None and first.value > last.value \
                and first.unit == last.unit:
            # a band written downwards, "80% - 60% (B)": at most the first, at least the second
            first.op, last.op = "<=", ">="
            last.reduction_start = first.reduction_start
            first.range_bound = last.range_bound = True
        elif len(group) == 2:  # "từ 80% đến 90%": at least the first, at most the second
            first.op = first.op if first.op in (">", ">=") else ">="
            joined = g.range_joiner.fullmatch(text, first.end, last.start)
            last.op = "<" if joined is not None and joined.group("below") else "<="
            last.reduction_start = first.reduction_start
            first.range_bound = last.range_bound = True
            last.op_words = last.op_words or first.op_words
        sentence = sentences.around(first.start)
        for q in group:
            bare = False
            if q.op is None:
                q.op = g.bare_percent_op if q.unit == "%" and q.value != 100 else \
                    g.bare_ops.get(q.unit, "=")
                if q.needs_comparator and q.reduction_start is None:
                    if q.unit not in g.duration_units:
                        continue
                    # "Thời hạn giải quyết: 15 ngày": a bare duration, a time limit only in
                    # some contexts (set aside; the rescue model reads the context)
                    q.op, bare = "<=", True
            # (a bare duration in a clause that computes is a term: "(10 ngày làm việc = 80 giờ
            # x 40.000 đồng/giờ)", no limit the rescue model may take back)
            reason = ("calculation" if calculation.found() else _bare_why(scanned, q)) \
                if bare else _set_aside_why(scanned, q, left_scan, calculation, g)
            if q.op == "<=" and q.op_words and q.op_words[-1] in g.lead_time_words \
                    and p["lead_time_after"].match(scan, q.end):
                q.op = g.lead_time_op  # "chậm nhất là 30 ngày, trước ngày khai mạc": a lead time
            label = text[label_start:c_start - 1] if label_start < c_start else None
            # the words up to the next group, when they all went to it ("Dưới 30% số đối tượng
            # … phải điều trị 4 điểm": the band's words; the score's left): a subject only
            spill = text[last.end:groups[index + 1][0].start] \
                if not right.strip() and index + 1 < len(groups) else ""
            found = _targets_for(text, q, _Words(left, left_scan), _Words(right, right_scan),
                                 own_start, sentence, sentences, scanned, g, label, spill)
            if found and (found[0].subject is None or q.alternative) \
                    and previous_subject is not None:
                # "tối thiểu 01 lần trong vòng 05 năm", "không quá 45 phút/ca và không quá
                # 3h/ngày": a figure with no words of its own shares the one before it, and so
                # does an alternative ("dưới 5% hoặc 10% đối với xã miền núi")
                found = [replace(t, subject=previous_subject) for t in found]
            previous_subject = found[0].subject if found else previous_subject
            targets.extend(found if reason is None
                           else [replace(t, set_aside=reason) for t in found])
    return targets


def _past_echo(text: str, position: int, p: dict[str, re.Pattern[str]]) -> int:
    """The position after the bracketed words that restate a figure right after ``position``
    ("168 giờ (tương đương 21 ngày) kể từ …", ``restated``), or ``position`` itself."""
    echo = p["restated"].match(text, position)
    return position if echo is None else echo.end()


def _specifies(scanned: _Scanned, start: int, end: int) -> bool:
    """The figure at ``[start, end)`` bounds a physical property of goods in a catalogue of
    goods ("Đường kính không quá 0,0508 mm" of a tariff line, "… không quá 97% tính theo khối
    lượng"); read in ``scanned``'s copy by its patterns (``TargetGrammar.specification``). The
    same bound on equipment a text requires ("Đường kính đá mài < 300 mm" in a norm's list) is
    a target (the fourth call of corpus/real/ANNOTATION.md)."""
    text, p = scanned.text, scanned.patterns
    return (p["specification.0"].search(text, max(0, start - 60), start) is not None
            or p["specification.1"].match(text, end) is not None) \
        and _in_catalogue(scanned, start)


def _in_catalogue(scanned: _Scanned, position: int) -> bool:
    """True when the line of ``position`` is a tariff line (it holds a tariff code,
    "7605.19.90") or the text lists goods by their codes: at least
    ``specification.catalogue_codes`` of them (``TargetGrammar.catalogue``)."""
    text = scanned.text
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    code = target_grammar().catalogue[0]
    if code.search(text, line_start, line_end if line_end != -1 else len(text)):
        return True
    if not scanned.catalogue:
        pattern, least = target_grammar().catalogue
        found = 0
        for _ in pattern.finditer(scanned.text):
            found += 1
            if found >= least:
                break
        scanned.catalogue.append(found >= least)
    return scanned.catalogue[0]


class _ClauseComputes:
    """Whether a clause computes ("45% + 33% = 78%", a tariff), searched for once, when first
    asked."""

    __slots__ = ("_clause", "_found", "_scanned")

    def __init__(self, scanned: _Scanned, start: int, end: int) -> None:
        self._scanned, self._clause = scanned, (start, end)
        self._found: bool | None = None

    def found(self) -> bool:
        """True when the clause computes."""
        if self._found is None:
            self._found = self._scanned.patterns["calculation"].search(
                self._scanned.text, *self._clause) is not None
        return self._found


def _reports_saving(scanned: _Scanned, q: _Quantity) -> bool:
    """The figure is what a simplified procedure saves or replaced ("Tỷ lệ cắt giảm chi phí:
    10%", "Thời gian giải quyết TTHC tiết kiệm: 45 ngày"), which no model takes back."""
    return scanned.patterns["reported_saving"].search(
        scanned.text, max(0, q.start - 80), q.start) is not None


def _bare_why(scanned: _Scanned, q: _Quantity) -> str:
    """Why a bare duration is set aside: a reported saving, or just bare."""
    return "saving" if _reports_saving(scanned, q) else "bare"


def _set_aside_why(scanned: _Scanned, q: _Quantity, left: str, calculation: _ClauseComputes,
                   g: TargetGrammar) -> str | None:
    """Why the figure is no target, or None: a condition ("từ 15 năm trở lên" of service), a
    rate charged ("2% trên doanh thu"), a term of a calculation or a tariff, a figure quoted in
    brackets ("Lai Châu (59,42%)") …; ``left``: the words before the figure, as ``scanned``
    reads them."""
    text, p = scanned.text, scanned.patterns
    if q.unit in g.duration_units and not q.counted and not q.negated and not q.range_bound \
            and g.condition_words.intersection(q.op_words):
        # (a range is none: "từ 350 đến 450 giờ" is a norm, "từ 5 đến dưới 10 năm" a band)
        return "condition"
    if q.unit in g.duration_units and (text[q.start:q.start + 4].lower().startswith("một")
                                       or (q.value == 1 and q.unit in g.one_period_units)) \
            and q.op_words and q.op_words[-1] in g.one_period_words \
            and not p["counted_from"].match(text, q.end):
        return "period"  # "làm thêm … 300 giờ trong một năm", "trong vòng một năm"
    if q.unit in g.occasion_units and q.op_words and q.op_words[-1] in g.one_period_words:
        return "occasion"  # "trong một lần khám bệnh": the occasion something is counted over
    if _specifies(scanned, q.start, q.end):
        return "specification"  # "Đường kính không quá 0,0508 mm": a specification of goods
    if q.op_words and q.op_words[-1] == "từ" and p["changed_from"].match(text, q.end):
        return "former"  # "từ 26 ngày xuống 24 ngày": the value before the change
    if q.unit in g.duration_units \
            and p["takes_effect_before"].search(text, max(0, q.start - 30), q.start):
        return "takes-effect"  # "Thông tư này có hiệu lực sau 45 ngày kể từ ngày ký"
    if q.unit in g.duration_units and p["pay_after"].match(text, q.end) \
            and not (q.op in ("<=", "<") and q.op_words):
        # "hưởng 0,5 tháng tiền lương": an amount of money; a cap on it ("tối đa không quá 02
        # tháng tiền lương") is a limit the text sets
        return "pay"
    if not q.op_words and _reports_saving(scanned, q):
        return "saving"  # "Tỷ lệ cắt giảm chi phí: 10%": what a simplification saves
    if q.unit != "%":
        return None
    # a cap, a floor or a band selects a case ("nắm giữ trên 50% vốn điều lệ", "thiệt hại từ 30%
    # đến 70% diện tích"): a limit, whatever the clause charges or computes
    # (a dash is no comparator: "75% - 4% = 71%" computes)
    bounded = not (g.limit_words.isdisjoint(q.op_words)
                   and g.condition_words.isdisjoint(q.op_words))
    if not bounded and (p["rate_after"].match(text, q.end) or p["rate_before"].search(left)):
        return "rate"  # a rate charged, unless capped: "được tính thêm tối đa 1% tiền lương"
    if q.value != 100 and p["progress_after"].match(text, q.end) \
            and not g.limit_words.intersection(q.op_words) \
            and not p["still_a_target"].search(left):
        return "progress"  # "đạt 104,24% dự toán" (but "hoàn thành 100% kế hoạch" is a goal,
        # "chi phí quản lý tối đa 1,28% dự toán thu, chi" a cap, and "phấn đấu giải ngân đạt
        # trên 95% kế hoạch vốn" a goal striven for)
    if not bounded and calculation.found():  # the clause computes
        return "calculation"
    if text[max(0, q.start - 1):q.start] == "(" and text[q.end:q.end + 1] == ")" \
            and not p["spelled_before"].search(text, max(0, q.start - 80), q.start):
        return "bracketed"  # (not "hơn năm mươi phần trăm (50%)": the number, written twice)
    return "table-cell" if _alone_on_line(text, q) else None


_CELL_FILLER = " |*"


def _alone_on_line(text: str, q: _Quantity) -> bool:
    """A bare percentage that is its line by itself (a table cell of figures); read from the
    quantity out to the first other character, not over the whole line."""
    if q.op_words:
        return False
    i = q.start
    while i > 0 and text[i - 1] in _CELL_FILLER:
        i -= 1
    if i > 0 and text[i - 1] != "\n":
        return False
    return _ALONE_AFTER.match(text, q.end) is not None


_ALONE_AFTER = re.compile(r"[ |*.]*(?:\n|\Z)")


def _clock_window(text: str, group: list[_Quantity], g: TargetGrammar) -> bool:
    """"từ 10 giờ đến 20 giờ": two hours of the day, each written with its unit, not a range of
    durations ("từ 350 đến 450 giờ")."""
    if len(group) != 2 or group[0].unit not in g.clock_units:
        return False
    first, last = group
    cue = g.comparator.search(text, max(0, first.start - 40), first.start)
    if cue is not None and " ".join(cue.group("word").lower().split()) != "từ":
        return False  # "trong vòng 10 giờ đến 20 giờ kể từ …": durations
    if g.range_below_word.search(text, first.end, last.start):
        return False  # "từ 4 giờ đến dưới 8 giờ": a band of durations
    # (the first written with its unit: "10 giờ", "07h30’"; not "350" of "từ 350 đến 450 giờ";
    # nor a figure spelled out again in brackets, as lengths of time are and hours of the day
    # are not: "từ 02 (hai) giờ đến 04 (bốn) giờ")
    return first.value < last.value <= 24 \
        and any(c.isalpha() for c in text[first.start:first.end]) \
        and not any("(" in text[q.start:q.end] for q in group)


def _range_groups(text: str, members: list[_Quantity],
                  g: TargetGrammar) -> list[list[_Quantity]]:
    """Quantities in order, a range's two bounds grouped together."""
    groups: list[list[_Quantity]] = []
    for q in members:
        if groups and len(groups[-1]) == 1:
            previous = groups[-1][0]
            if g.range_joiner.fullmatch(text, previous.end, q.start) \
                    and (previous.unit == q.unit or {previous.unit, q.unit} <= g.duration_units):
                # ("trên 180 ngày đến 01 năm": a band of durations in two units)
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups


_LIST_GAP = re.compile(r"\s*,\s*")


def _share_case_comparator(text: str, q: _Quantity, previous: _Quantity,
                           g: TargetGrammar) -> None:
    """"15 ngày đối với doanh nghiệp, 10 ngày đối với hợp tác xã": the value for the next case
    takes the comparator of the one before (same unit, itself said for a case, only a comma
    and the case's words between them)."""
    if not previous.op_words or not _same_measure(previous.unit, q.unit, g):
        return
    if not g.per_case_after.match(text, previous.end) \
            and not _LIST_GAP.fullmatch(text, previous.end, q.start):
        return  # ("ít nhất 30 ngày, 60 ngày đối với Hội thi cấp tỉnh": a list of the cases)
    if _CLAUSE_END.search(text, previous.end, q.start) or q.start - previous.end > 120:
        return
    _bounded_like(q, previous)


def _share_listed_case_comparator(text: str, q: _Quantity, previous: Target,
                                  g: TargetGrammar) -> None:
    """"diện tích tối thiểu đối với trung tâm … là 1.000 m2; trường trung cấp là 10.000 m2 …":
    the value a list gives the next case, after a semicolon, takes the limit's comparator
    (same unit; only the case's words and "là" between, ``case_after_semicolon``; or each value
    said for its case, "ít nhất 30 ngày đối với …; 60 ngày đối với …", durations in any unit)."""
    if not 0 < q.start - previous.end <= _LISTED_CASE_REACH:
        return
    after_is = previous.unit == q.unit \
        and g.case_after_semicolon.fullmatch(text, previous.end, q.start)
    said_for_case = _same_measure(previous.unit, q.unit, g) \
        and g.case_before_semicolon.fullmatch(text, previous.end, q.start) \
        and g.case_said_after.match(text, q.end)
    if after_is or said_for_case:
        q.op, q.op_words, q.op_start = previous.op, (previous.cue,), q.start


def _bounded_by_word(q: _Quantity, g: TargetGrammar) -> bool:
    """True when a cap or floor word was read for ``q`` ("tối đa", "tối đa là", "không quá")."""
    return any(_opens_with(word, g.limit_words) for word in q.op_words)


def _opens_with(word: str, bounds: Iterable[str]) -> bool:
    """True when the comparator ``word`` read is one of ``bounds`` or opens with one ("tối đa
    là" with "tối đa"; not "trong vòng" with "trong" … unless "trong" is listed)."""
    return any(word == bound or word.startswith(bound + " ") for bound in bounds)


def _share_listed_comparator(text: str, q: _Quantity, previous: _Quantity,
                             g: TargetGrammar) -> None:
    """A value listed right after a bounded one is bounded alike: the alternative to it, with
    nothing but "hoặc" between them ("không quá 10% hoặc 20%", "ít nhất 150% hoặc 200% hoặc
    300%"; same measure; not after a comma, which may open the next figure: "dưới 3%, 100% xã
    …"), or the next length of time per period of a schedule, after a comma or "và" ("không
    quá 9 giờ/ngày, 6 ngày/tuần")."""
    if not previous.op_words:
        return
    if _same_measure(previous.unit, q.unit, g) \
            and g.alternative_joiner.fullmatch(text, previous.end, q.start):
        _bounded_like(q, previous)
        q.alternative = True
    elif {previous.unit, q.unit} <= g.per_period_units \
            and _CONJUNCTION.fullmatch(text, previous.end, q.start):
        _bounded_like(q, previous)


def _bounded_like(q: _Quantity, previous: _Quantity) -> None:
    """``q`` takes the comparator ``previous`` read (one entry per mention: its own start)."""
    q.op, q.op_words, q.op_start = previous.op, previous.op_words, q.start


def _same_measure(unit: str | None, other: str | None, g: TargetGrammar) -> bool:
    """One unit, or days counted two ways ("07 ngày làm việc … 15 ngày"); not two units of
    time ("04 tuần trong 01 năm đối với …, 02 tuần …": a length per year)."""
    if unit == other:
        return True
    return unit is not None and other is not None and {unit, other} <= g.duration_units \
        and unit.split()[0] == other.split()[0]


_LISTED_CASE_REACH = 160


def _restates(text: str, q: _Quantity, previous: _Quantity, g: TargetGrammar) -> bool:
    """``q`` restates the length of time right before it in brackets ("Không quá 07 ngày làm
    việc (56 giờ làm việc)", "168 giờ (tương đương 21 ngày)")."""
    return {previous.unit, q.unit} <= g.duration_units \
        and g.restating.fullmatch(text, previous.end, q.start) is not None


def _comparator(q: _Quantity, text: str, left: str, own_start: int, scanned: _Scanned,
                g: TargetGrammar) -> None:
    """Read into ``q`` the comparator or reduction verb of ``left``, the words before it from
    ``own_start`` (as ``scanned`` reads them)."""
    p = scanned.patterns
    tail = max(0, len(left) - 40)  # a comparator sits right before the quantity (or before
    # the number written out: "chậm nhất mười lăm ngày (15 ngày)", a longer reach)
    m = p["comparator"].search(left, max(0, len(left) - 70))
    if m is None:
        m = p["comparator_far"].search(left, max(0, len(left) - 70))
    if m is None and q.op is None and p["up_to"].search(left, tail):
        q.op, q.op_words = "<=", ("đến",)  # "được giảm đến 50%": a cap
        return
    if m is None and q.op is None and q.needs_comparator and q.unit in g.duration_units \
            and (p["before_event"].search(left, max(0, len(left) - 70))
                 or ((q.unit not in g.clock_units
                      or p["lead_clock_after"].match(scanned.text, q.end))
                     and p["lead_before"].search(left, tail))):
            # (not "trước 10 giờ sáng": a time of day; but "trước 24 giờ khi bão đổ bộ")
        # "trước ngày bầu cử 30 ngày", "trước 30 ngày làm việc so với …": a lead time
        q.op, q.op_words = g.lead_time_op, ("trước",)
    if m:
        q.op_words = (*q.op_words, " ".join(m.group("word").lower().split()))
    if m and q.op is None:
        q.op = g.op_of[" ".join(m.group("word").lower().split())]
        q.op_start = own_start + m.start("word")
        negated = p["negation"].search(left) \
            or p["negation_inside"].search(left, 0, m.start("word"))
        word = q.op_words[-1]
        if not negated and word in g.negated_anywhere:
            # "không chuyển mục đích … với quy mô … quá 200 ha", "c) Đầu tư quá 20% …" under
            # "Công ty chứng khoán không được … thực hiện:": an excess forbidden is a cap
            at = own_start + m.start("word")
            negated = _negated_in_clause(text, at, g) or _forbidden_item(text, at, g)
        if negated and not _opens_with(word, g.not_negated):
            q.op = g.inverse.get(q.op, q.op)  # "Không để … vượt quá 2%", "không được … quá"
            q.negated = True
    before = left[: m.start("word")] if m else left
    # ("miễn hoặc giảm một lần tiền sử dụng đất": occasions are no cut)
    reductions = [] if q.unit in g.occasion_units else list(p["reduction"].finditer(before))
    if reductions and p["reduction_gap"].fullmatch(before, reductions[-1].end()):
        q.reduction_start = own_start + reductions[-1].start()
        if q.op in (None, "="):
            q.op = ">="
    elif reductions and m is None and not left[reductions[-1].end():].strip():
        q.reduction_start = own_start + reductions[-1].start()
        q.op = q.op or ">="


_LIST_INTRO_REACH = 1500  # characters read back from an item to its list's intro line
_NEGATION_REACH = 300  # characters read back from an excess for the "không" of its phrase


def _negated_in_clause(text: str, position: int, g: TargetGrammar) -> bool:
    """A "không" earlier in the phrase of ``position`` (back to a ".", ",", ";", ":" or line
    break), not after the words that open a case ("nếu", "hành vi"): "Không đủ sức khỏe …, đã
    phải nghỉ làm việc để điều trị quá 06 tháng" is no cap."""
    start = clause_start(text, max(0, position - _NEGATION_REACH), position, ".,;:\n")
    negation = g.negation_word.search(text, start, position)
    # (not the "không" of a case: "nếu không chi trả … quá 03 tháng" is a band, > 3 months)
    return negation is not None \
        and g.negation_in_case.search(text, start, negation.start()) is None


def _forbidden_item(text: str, position: int, g: TargetGrammar) -> bool:
    """True when ``position`` lies in a list item ("c) Đầu tư quá 20% …") whose list opens
    with a line that forbids its items ("… không được trực tiếp hoặc ủy thác … thực hiện:")."""
    line_start = text.rfind("\n", 0, position) + 1
    if not g.list_item.match(text, line_start, position):
        return False
    reach = max(0, line_start - _LIST_INTRO_REACH)
    colon = text.rfind(":\n", reach, line_start)
    while colon >= 0:
        intro_start = text.rfind("\n", 0, colon) + 1
        if not g.list_item.match(text, intro_start, colon):  # the intro, not an item's label
            return g.prohibition_intro.search(text, intro_start, colon) is not None
        colon = text.rfind(":\n", reach, intro_start)
    return False


class _Words(NamedTuple):
    """Words of the text, and the same words as the patterns of a :class:`_Scanned` read them
    (from its copy of the text: the same length, character for character)."""

    text: str
    scan: str

    def cut(self, start: int | None = None, end: int | None = None) -> _Words:
        """``[start:end]`` of both."""
        return _Words(self.text[start:end], self.scan[start:end])

    def last(self, count: int) -> _Words:
        """The last ``count`` characters of both, less the part of a word the cut halved ("…
        hời gian thử việc" from "Thời gian …"): a subject does not open with half a word."""
        if len(self.text) <= count:
            return self
        return self.cut(whole_word_start(self.text, len(self.text) - count, len(self.text)))

    def without(self, pattern: re.Pattern[str]) -> _Words:
        """Both without the matches of ``pattern`` in ``scan``: ``pattern.sub("", text)`` (which
        would remove what the pattern finds there)."""
        kept_text, kept_scan, position = [], [], 0
        for m in pattern.finditer(self.scan):
            kept_text.append(self.text[position:m.start()])
            kept_scan.append(self.scan[position:m.start()])
            position = m.end()
        if not position:  # (no match, or empty ones only: nothing removed)
            return self
        kept_text.append(self.text[position:])
        kept_scan.append(self.scan[position:])
        return _Words("".join(kept_text), "".join(kept_scan))

    def trimmed(self) -> _Words:
        """Both without what :func:`_trimmed` cuts from ``text``."""
        trimmed = _trimmed(self.text)
        start = self.text.find(trimmed) if trimmed else 0  # (what it cut comes first)
        return _Words(trimmed, self.scan[start:start + len(trimmed)])


def _without_parentheses(words: _Words) -> _Words:
    """``words`` with each bracketed part a space (the same parts in both: brackets have no
    case); ``words`` itself where no bracket opens."""
    if "(" not in words.text:
        return words
    return _Words(_PARENTHESES.sub(" ", words.text), _PARENTHESES.sub(" ", words.scan))


_AND = re.compile(r"\s+và\s+")


@cache
def _unit_lower_case(unit: str) -> str | None:
    """A unit's name as the patterns for the lower-cased text read it (None where it would
    read otherwise: a letter of ``scan.OTHER_CASES``, or one that lower-cases to two)."""
    lower = unit.lower()
    return lower if len(lower) == len(unit) and not holds_other_cases(unit) else None


def _targets_for(text: str, q: _Quantity, left: _Words, right: _Words, own_start: int,
                 sentence: tuple[int, int], sentences: _Sentences, scanned: _Scanned,
                 g: TargetGrammar, label: str | None = None, spill: str = "") -> list[Target]:
    p = scanned.patterns
    reduction = q.reduction_start is not None
    if len(left.text) > 400:  # a target's words are a phrase, not a page
        kept = left.last(400)
        own_start += len(left.text) - len(kept.text)
        left = kept
    openers = list(p["subject_opener"].finditer(left.scan))
    if openers:
        left = left.cut(openers[-1].end())  # the subject starts after "bảo đảm", "phấn đấu" …
    left_words, right_words = _without_parentheses(left), _without_parentheses(right)
    candidates = g.metrics_for.get((reduction, q.unit), ())
    chosen: list[Metric] = []
    conjuncts = _AND.split(left_words.text) if "và" in left_words.text else [left_words.text]
    if len(conjuncts) > 1:
        for conjunct in conjuncts:
            fit = next((m for m in candidates if m.fits(conjunct + " " + right_words.text)),
                       None)
            if fit is not None and fit not in chosen:
                chosen.append(fit)
    if len(chosen) < 2:
        # "03 hội nghị": the unit is a cue
        unit = _unit_lower_case(q.unit) if p is g.lower_case else None
        if unit is not None:
            whole = left_words.scan + " " + right_words.scan + " " + unit
            fit = next((m for m in candidates if m.fits(whole, lower_case=True)), None)
        else:
            whole = left_words.text + " " + right_words.text + " " + q.unit
            fit = next((m for m in candidates if m.fits(whole)), None)
        chosen = [fit] if fit is not None else []
    # the target's own words first, then its sentence: a year ("trong năm 2026") before "hằng năm"
    period = None
    weak = False
    if (p["yearly"].search(right_words.scan) or p["yearly"].search(left_words.scan)
            or _PER_YEAR.search(text, q.start, q.end)):
        period = "yearly"
    else:
        year = (p["year"].search(left_words.scan + " " + right_words.scan)
                or p["period_year_before"].search(left_words.scan[-80:]))
        sentence_year = year.group("year") if year else sentences.year(sentence)
        if sentence_year:
            period = sentence_year
        elif sentences.yearly_before(sentence, q.start):
            period, weak = "yearly", True  # "hằng năm" earlier in the sentence
    baseline = None
    if p["previous_year"].search(right_words.scan):
        baseline = "previous_year"
    else:
        baseline_year = p["baseline_year"].search(right_words.scan)
        if baseline_year:
            # made "previous_year" when the plan's year is known
            baseline = baseline_year.group("year")
    start = q.start  # or the comparator's or the reduction verb's, if earlier
    for bound in (q.op_start, q.reduction_start):
        if bound is not None and bound < start:
            start = bound
    metrics = chosen or [None]
    counted = _counted_phrase(text, q, g)
    ahead = whole_words_to(text, q.end, q.end + _SUBJECT_REACH)
    subject = _worded(_subject(left_words, right_words.text, p, g, counted, label, ahead), text,
                      q.start, g)
    if subject is None and spill:  # nothing before it, nor a label above: the spilt words
        subject = _subject(left_words, _PARENTHESES.sub(" ", spill), p, g, counted, label,
                           ahead)
    if q.unit in g.duration_units and subject is not None:
        line_start = text.rfind("\n", 0, q.start) + 1
        if g.step_doer.match(text, line_start) and text[line_start:q.start].strip():
            # "Lãnh đạo Phòng … 0,5 ngày làm việc" under "Phân công thụ lý hồ sơ": the step
            subject = _label_above(text, line_start, g) or subject
    if subject and g.counted_from.match(subject):
        # "05 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ" alone in a table's cell: the
        # event is no subject; the row's label above it is ("Đăng ký kết quả thực hiện …")
        subject = _label_above(text, q.start, g) or subject
    subject = _unmarked(subject)
    cue = q.op_words[-1] if q.op_words else (
        "range" if q.range_bound else "reduction" if reduction else None)
    if q.negated and cue is not None:
        cue = "không " + cue  # "không được vượt quá": the limit "không vượt quá"
    return [
        Target(m.id if m else "unknown", m.label if m else None, q.op or "=", q.value, q.unit,
               period, baseline, start, q.end, weak, subject, cue)
        for m in metrics
    ]


def _counted_phrase(text: str, q: _Quantity, g: TargetGrammar) -> str | None:
    """What a count counts: its noun, or for "02 văn phòng thi hành án dân sự trở lên" the
    words between the number and the suffix; None for a measure."""
    if not q.counted or q.unit == g.share_unit:
        return None  # (a share's whole is named after it: "2/3 số thành viên")
    suffix = next((w for w in q.op_words if w in g.suffix_op), None)
    if suffix is None:
        return q.unit
    own_words = text[q.start:q.end].split()
    if not " ".join(own_words).lower().endswith(suffix):
        return q.unit
    return " ".join(own_words[1:-len(suffix.split())]) or q.unit


_OPENING_MARKS = ",;:.-–+•*)(“”\""  # (with spaces) what a subject does not open with
_CLOSING_MARKS = ",;:.-–(“”\""  # nor end with


def _trimmed(words: str) -> str:
    """``words`` without the spaces and marks it opens and ends with (those of
    ``_OPENING_MARKS`` and ``_CLOSING_MARKS``, which are among them): what the regex
    ``^[\\s<opening>]+|[\\s<closing>]+$`` would cut, by string methods."""
    while (trimmed := words.lstrip().lstrip(_OPENING_MARKS)) != words:
        words = trimmed
    while (trimmed := words.rstrip().rstrip(_CLOSING_MARKS)) != words:
        words = trimmed
    return words
SUBJECT_MAX_WORDS = 14  # a subject is a phrase: its last (or first) words


def subject_phrase(words: str) -> str:
    """A subject made of a longer text (a table row's task): its first clause, at most
    ``SUBJECT_MAX_WORDS`` words."""
    return " ".join(_FIRST_CLAUSE_END.split(words, maxsplit=1)[0].split()[:SUBJECT_MAX_WORDS])


_FIRST_CLAUSE_END = re.compile(r"[;:]|\.(?:\s|$)")  # not the dot of "TTr.P2"
_ITEM_NUMBER = r"(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*)[).]"  # "b)", "2.1."
_LIST_MARK = re.compile(rf"{_ITEM_NUMBER}|[-+•*]", re.I)



_SUBJECT_REACH = 200  # characters before the quantity read for its subject

def _only_lead_words(words: list[str], g: TargetGrammar) -> bool:
    """True when the words of ``words`` that can be part of a subject (:func:`content_words`)
    are, all together, a lead with no subject ("trong thời hạn"); read no further than the
    longest lead's words."""
    content: list[str] = []
    for word in words:
        if _is_content(word):
            if len(content) == g.subject_lead_words:
                return False
            content.append(word)
    return g.subject_lead.fullmatch(" ".join(content)) is not None


def content_words(words: list[str], most: int | None = None) -> list[str]:
    """The words that can be part of a subject: with a letter, and no list mark ("b)", "-");
    with ``most``, the first ``most`` of them (the others are not looked at)."""
    if most is None:
        return [w for w in words if _is_content(w)]
    content: list[str] = []
    for word in words:
        if len(content) == most:
            break
        if _is_content(word):
            content.append(word)
    return content


def _is_content(word: str) -> bool:
    """A word with a letter and no list mark (:func:`content_words`): read from its first
    and last characters where they tell (a word opening with a letter has one; a list mark
    ends with one of ``_LIST_MARK_ENDS``), else by the patterns."""
    if not (word[:1].isalpha() or _HAS_LETTER.search(word)):
        return False
    return word[-1:] not in _LIST_MARK_ENDS or not _LIST_MARK.fullmatch(word)


_LIST_MARK_ENDS = ").-+•*"  # the last character of every match of ``_LIST_MARK``


def _unmarked(subject: str | None) -> str | None:
    """``subject`` without the list mark or item number it opens with ("b) Hội đồng họp",
    "2.1. Kỳ công bố"): the list's numbering is no part of what is measured; nor the marks it
    opens or ends with (:func:`_trimmed`: "Định kỳ 06 tháng,")."""
    if subject is None:
        return None
    return _trimmed(_LEADING_LIST_MARK.sub("", _trimmed(subject))) or None


_LEADING_LIST_MARK = re.compile(rf"^(?:{_ITEM_NUMBER}\s+)+", re.I)


def _lettered(text: str, most: int) -> int:
    """How many words of ``text`` have a letter (a subject needs two), counted up to ``most``."""
    count = 0
    for word in text.split():
        if _HAS_LETTER.search(word):
            count += 1
            if count == most:
                break
    return count


_LABEL_MAX_WORDS = 8  # a longer "label" before a colon is a sentence, not a name
_LINES_ABOVE = 6  # lines read back for the label of a table cell with no words of its own


def _worded(subject: str | None, text: str, position: int, g: TargetGrammar) -> str | None:
    """``subject`` when it has two words or more; else the label above the figure, if any
    ("STT" / "Tới" / "> 10 - 20": a cell of a table), else what there is."""
    if subject and _lettered(subject, 2) >= 2:
        return subject
    return _label_above(text, position, g) or subject or None


def _label_above(text: str, position: int, g: TargetGrammar) -> str | None:
    """The label of a figure standing alone in a table cell ("4.1 Viên chức lãnh đạo, quản lý
    trình độ đại học trở lên" / "4 điểm" / "-" / "Từ 80% trở lên"): the nearest line above with
    two words or more that is no other cell of figures (no comparator, no band)."""
    # (less the part of a word the window's start halved)
    window = whole_words_from(text, max(0, position - _SUBJECT_REACH * 2), position)
    lines = window.split("\n")[:-1]  # the figure's own line has no words before it
    # a line of table borders or list dashes only ("-", "|") is no line of the table's rows
    lines = [line for line in lines if _HAS_ALNUM.search(line)]
    for line in reversed(lines[-_LINES_ABOVE:]):
        figures = _LEADING_NUMBER.sub("", line)  # "4.1 Viên chức …": a row's number
        cell = _DIGITS.search(figures) and (g.comparator.search(figures)
                                            or _BAND_MARK.search(figures))
        # the label's words, up to the next cell's figure ("… truyền thông 3 điểm")
        words = content_words(list(takewhile(lambda w: not _DIGITS.search(w),
                                              _trimmed(figures).split())))
        if len(words) >= 2 and not cell:
            return _trimmed(" ".join(last_words(words, SUBJECT_MAX_WORDS))) or None
    return None


_BAND_MARK = re.compile(r"[<>≤≥]|\d\s*[-–]\s*\d")  # a cell of a band: "> 10 - 20", "< 74"
_LEADING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s")
_DIGITS = re.compile(r"\d")
_HAS_ALNUM = re.compile(r"[^\W_]")
_HAS_LETTER = re.compile(r"[^\W\d_]")  # a subject of figures only ("30 3", table cells) is none


def last_words(words: list[str], most: int) -> list[str]:
    """The last ``most`` words, or one more where the first of them ends a two-syllable word
    ("giá | trị chứng khoán …", "lao | động"): a subject does not open with half a word."""
    if len(words) <= most:
        return words
    first, before = words[-most].lower(), words[-most - 1].lower()
    return words[-most - 1:] if f"{before} {first}" in _compound_words() else words[-most:]


def _first_phrase(text: str) -> str:
    """``text`` up to its first clause mark, read on over a comma that joins a pair of words
    one name holds ("cuộc diễn tập phòng, chống thiên tai")."""
    from plan_parser.extract.reference_mentions import joined_pairs

    position = 0
    while (mark := _PHRASE_MARK.search(text, position)) is not None:
        if mark.group() == ",":
            before, after = text[:mark.start()].split(), text[mark.end():].split()
            if before and after and (before[-1].lower(), after[0].lower()) in joined_pairs():
                position = mark.end()
                continue
        return text[:mark.start()]
    return text


# (a point or comma between digits is part of a number: "trên 10.000 dân", "1,5 lần")
_PHRASE_MARK = re.compile(r";|(?<!\d)[.,]|[.,](?!\d)")
_SENTENCE_MARK = re.compile(r";|(?<!\d)\.|\.(?!\d)")


def _subject(left_words: _Words, right: str, p: dict[str, re.Pattern[str]], g: TargetGrammar,
             counted: str | None, label: str | None = None, ahead: str = "") -> str | None:
    """What the target measures: the words before the quantity (after "phấn đấu", "bảo đảm",
    without the comparator); else, for a time counted from an event, the duty after the
    event's clause ("… kể từ ngày nhận đủ hồ sơ hợp lệ, Bộ Giáo dục và Đào tạo thẩm tra", read
    on over a line break: ``ahead``); else the label before the colon that opened the clause
    ("Thời hạn giải quyết: Trong thời hạn 30 ngày …"); else the words after the quantity
    ("100% hợp tác xã … áp dụng …"). A count measures its own noun ("ít nhất 20 mô hình …").
    ``left_words`` are read by the patterns ``p`` (of a :class:`_Scanned`) in their ``scan``."""
    left = left_words.text
    if counted is not None:
        after = _trimmed(_first_phrase(right)).split()
        if not any(_HAS_LETTER.search(w) for w in after):
            # "Thôn phải có từ 400 hộ trở lên": the words before say whose count it is
            m = p["comparator"].search(left_words.scan)
            before_words = left_words.cut(None, m.start("word")) if m else left_words
            # (nor a second comparator or a modal left at its end: "Mỗi lớp tối đa không quá
            # 40 học viên", "Số lượng học viên … không được vượt quá 35 người")
            m = p["comparator"].search(before_words.scan, max(0, len(before_words.scan) - 20))
            if m and not before_words.scan[m.end("word"):].strip():
                before_words = before_words.cut(None, m.start("word"))
            before_text = before_words.without(p["subject_trailing"]).text
            # (not the period the count is for: "Đến năm 2030 có ít nhất 20 doanh nghiệp")
            years = list(g.year.finditer(before_text))
            if years:
                before_text = before_text[years[-1].end():]
            before = content_words(_trimmed(before_text).split())
            if _only_lead_words(before, g):
                before = []  # "có", "phải có": no subject of their own
            return _trimmed(" ".join(
                [*last_words(before, SUBJECT_MAX_WORDS - 1), counted]))
        # (not a conjunction left before the next count: "100 doanh nghiệp và 50 hợp tác xã")
        return _trimmed(p["subject_trailing"].sub(
            "", " ".join([counted, *after][:SUBJECT_MAX_WORDS])))
    m = p["comparator"].search(left_words.scan)
    if m:
        left_words = left_words.cut(None, m.start("word"))
        m = p["comparator"].search(left_words.scan, max(0, len(left_words.scan) - 70))
        if m and _lettered(left_words.text[:m.start("word")], 2) >= 2:
            # and one more before it ("mức hỗ trợ tối đa không quá 05 lần", "trong thời hạn
            # không quá 01 ngày"): neither says what is measured
            left_words = left_words.cut(None, m.start("word"))
    reductions = list(p["reduction"].finditer(left_words.scan))
    if reductions and p["reduction_gap"].fullmatch(p["subject_trailing"].sub(
            "", " " + left_words.scan[reductions[-1].end():])):
        # "tỷ lệ hộ nghèo giảm xuống": what is reduced stands before the verb
        left_words = left_words.cut(None, reductions[-1].start())
    elif reductions:
        # "giảm tỷ lệ hộ nghèo xuống": what is reduced
        left_words = left_words.cut(reductions[-1].end())
    # a subject is a phrase, not a page: its last words are all that is kept
    left_words = left_words.last(_SUBJECT_REACH).without(p["subject_trailing"])
    reference = p["subject_reference"].search(left_words.scan)
    if reference and _lettered(left_words.text[:reference.start()], 2) >= 2:
        # "đối tượng quy định tại điểm a khoản 3 Điều 12 của Luật này": what is measured
        # stands before the provision cited
        left_words = left_words.cut(None, reference.start()).without(p["subject_trailing"])
    left_words = left_words.trimmed().without(p["subject_skip"]).without(p["year"])
    tail = left_words.cut(-80).without(p["period_year_before"])
    left_words = _Words(left_words.text[:-80] + tail.text, left_words.scan[:-80] + tail.scan)
    left = left_words.text
    words = _trimmed(left).split()
    if _only_lead_words(words, g):
        words = []  # "Trong thời gian không quá 05 ngày, Bộ … bổ sung": the duty after it
    case = p["condition_opener"].match(left_words.scan) is not None
    if len(words) >= 2 and not case \
            and any(_HAS_LETTER.search(w) for w in words[-SUBJECT_MAX_WORDS:]):
        return _trimmed(" ".join(last_words(words, SUBJECT_MAX_WORDS))) or None
    after_text = _SENTENCE_MARK.split(right, maxsplit=1)[0]
    since = g.counted_from.match(after_text)
    duty = ""
    if since:  # "05 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở Nội vụ thẩm định": the duty
        event = re.split(r"[;.:]", " ".join(ahead.split()), maxsplit=1)[0]
        since = g.counted_from.match(event) or since
        _, comma, duty = event[since.end():].partition(",")
        if comma and _lettered(duty, 2) >= 2:
            after_text = duty
        else:
            duty = ""
    if duty and case:
        # "Trường hợp không có yêu cầu sửa đổi, trong thời hạn 07 ngày làm việc kể từ …, Sở Y
        # tế cấp phép": the duty after the event is what the limit measures, not the case
        return _trimmed(" ".join(content_words(duty.split())[:SUBJECT_MAX_WORDS])) \
            or None
    if len(words) >= 2 and any(_HAS_LETTER.search(w) for w in words[-SUBJECT_MAX_WORDS:]):
        return _trimmed(" ".join(last_words(words, SUBJECT_MAX_WORDS))) or None
    if not duty and len(words) < 2:
        # (a longer label is none: its words are counted no further than one too many)
        label_words = content_words(_trimmed(label or "").split(), _LABEL_MAX_WORDS + 1)
        if 2 <= len(label_words) <= _LABEL_MAX_WORDS:
            return " ".join(label_words)  # "Thời hạn giải quyết: Trong thời hạn 30 ngày …"
    after = _trimmed(after_text).split()
    after = after[1:] if after and after[0].startswith("/") else after
    # no list mark ("b) Trong thời hạn …"), no figures of a table row ("| 30 | 3 |")
    words = content_words(words)
    chosen = (words + after)[:SUBJECT_MAX_WORDS]
    return _trimmed(" ".join(chosen)) or None
