"""Deviations of a plan from its parent profile.

Rules (``rules/lint/parent.yaml``): ``target-weaker``, ``target-missing``, ``target-stricter``,
``deadline-later-than-parent``, ``task-group-missing``, ``parent-not-cited``,
``parent-citation-mismatch``, ``copied-from-parent``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import compress
from typing import TYPE_CHECKING

import numpy as np

from plan_parser.check.citations import vn_date as _vn_date
from plan_parser.check.issue import Issue
from plan_parser.normalize.tokens import Tokens, in_sorted, joint_hashes
from plan_parser.parent.profile import ParentProfile, select_builtin

if TYPE_CHECKING:
    from plan_parser.check.context import CheckContext
    from plan_parser.extract.targets import Target

_HIGHER_OPS = (">=", ">", "=")
_LOWER_OPS = ("<=", "<", "=")
_OP_VI = {">=": "tối thiểu", ">": "trên", "=": "", "<=": "không quá", "<": "dưới"}


def parent_profile(ctx: CheckContext) -> ParentProfile | None:
    """The profile the plan of ``ctx`` is compared with (see :func:`profile_for`)."""
    return ctx.memo("parent-profile", lambda: profile_for(ctx.analysis, ctx.options))


def profile_for(analysis, options) -> ParentProfile | None:
    """The profile a plan is compared with: the one given, else the built-in profile whose
    documents the plan (or its parent's title) cites (KL 226 / QĐ 534 ...), else none."""
    if options.parent is not None:
        return options.parent
    if not options.use_default_parent:
        return None
    return select_builtin(_cited_symbols(analysis))


def _cited_symbols(analysis) -> set[str]:
    cited = {d.symbol.canonical for d in analysis.references if d.symbol is not None}
    parent = analysis.structure.parent
    if parent is not None and parent.symbol is not None:
        cited.add(parent.symbol.canonical)
    return cited


def deviation_issues(ctx: CheckContext) -> list[Issue]:
    """Every deviation of the plan from its parent profile."""
    profile = parent_profile(ctx)
    if profile is None or not ctx.analysis.structure.sections:
        return []
    from plan_parser.messages import rules_in_category

    options = rules_in_category("parent")
    return [*_identity(ctx, profile), *_targets(ctx, profile),
            *_deadlines(ctx, profile), *_task_groups(ctx, profile,
                                                     options.get("task-group-missing", {})),
            *_copies(ctx, profile, options.get("copied-from-parent", {}))]


# -- identity -----------------------------------------------------------------------------------
def _identity(ctx: CheckContext, profile: ParentProfile) -> list[Issue]:
    from plan_parser.check.citations import issuers_conflict, registry
    from plan_parser.extract.agencies import find_agency

    if not profile.documents:
        return []
    cited = {d.symbol.canonical: d for d in ctx.analysis.references
             if d.role != "self" and d.symbol is not None}
    issues: list[Issue] = []
    found = False
    for parent in profile.documents:
        document = cited.get(parent.symbol)
        if document is None:
            continue
        found = True
        known = registry().get(parent.symbol)
        for mention in document.mentions:
            if mention.form == "alias":
                continue
            date = mention.date
            if parent.date and date is not None and date.iso and date.iso != parent.date and \
                    not (known and known.date == parent.date):
                issues.append(Issue("parent-citation-mismatch", date.start, date.end,
                                    {"document": parent.symbol, "field": "ngày",
                                     "right": _vn_date(parent.date),
                                     "written": ctx.display(date.start, date.end)},
                                    _vn_date(parent.date)))
            issuer = mention.issuer
            true_issuer = find_agency(parent.issuer, 0) if parent.issuer else None
            if issuer is not None and true_issuer is not None and \
                    issuers_conflict(true_issuer, issuer) and \
                    not (known and known.issuer == parent.issuer):
                issues.append(Issue("parent-citation-mismatch", issuer.start, issuer.end,
                                    {"document": parent.symbol, "field": "cơ quan ban hành",
                                     "right": parent.issuer,
                                     "written": ctx.display(issuer.start, issuer.end)},
                                    parent.issuer))
    if found:
        return issues
    # the parent's kind, date and issuer with another number: a wrong number
    for parent in profile.documents:
        for document in ctx.analysis.references:
            if document.role == "self" or document.symbol is None or not parent.date:
                continue
            if document.kind == parent.kind and parent.date in document.dates:
                mention = document.mentions[0]
                start = mention.citation.symbol_start if mention.citation else mention.start
                end = mention.citation.symbol_end if mention.citation else mention.end
                return [Issue("parent-citation-mismatch", start, end,
                              {"document": parent.symbol, "field": "số, ký hiệu",
                               "right": parent.symbol, "written": ctx.display(start, end)},
                              parent.symbol)]
    anchor = _anchor(ctx)
    names = " hoặc ".join(f"{d.kind or ''} số {d.symbol}".strip() for d in profile.documents)
    return [Issue("parent-not-cited", *anchor, {"parent": names}, key="parent")]


def _anchor(ctx: CheckContext) -> tuple[int, int]:
    """Where a finding about the whole plan points: the basis, else the title."""
    structure = ctx.analysis.structure
    if structure.basis:
        first = structure.basis[0]
        line_end = ctx.text.find("\n", first.start, first.end)
        return first.start, line_end if line_end != -1 else first.end
    if structure.header.title:
        return structure.header.title.start, structure.header.title.end
    return 0, 0


# -- targets ------------------------------------------------------------------------------------
@cache
def _metric_info() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, float]]]:
    from plan_parser.extract.targets import target_grammar
    from plan_parser.rules_loader import load_rules

    grammar = target_grammar()
    direction = {m.id: m.direction for m in grammar.metrics}
    labels = {m.id: m.label for m in grammar.metrics}
    conversions = {unit: (base, float(factor)) for unit, (base, factor) in
                   (load_rules("targets").get("conversions") or {}).items()}
    return direction, labels, conversions


@cache
def _satisfied_by() -> dict[str, tuple[str, ...]]:
    from plan_parser.rules_loader import load_rules

    return {m["id"]: tuple(m.get("satisfied_by", [])) for m in load_rules("targets")["metrics"]}


def _in_unit(target: Target, unit: str) -> float | None:
    if target.unit == unit:
        return target.value
    _, _, conversions = _metric_info()
    base, factor = conversions.get(target.unit, (None, 0.0))
    if base == unit:
        return target.value * factor
    return None


@dataclass(frozen=True, slots=True)
class TargetComparison:
    """How a plan meets one target of its parent: ``status`` is ``meets``, ``stricter``,
    ``weaker`` or ``missing``; ``target`` is the plan's target compared (None if missing)."""

    metric: str
    label: str
    required: str  # the parent's requirement, in words ("tối thiểu 15%")
    status: str
    written: str | None = None  # the plan's value, in words
    target: Target | None = None


def compare_targets(analysis, profile: ParentProfile, level: str) -> list[TargetComparison]:
    """Each target of ``profile`` that applies at ``level`` (commune or province), compared
    with the plan's strongest target of the same metric (in the parent's unit)."""
    direction, labels, _ = _metric_info()
    compared: list[TargetComparison] = []
    for required in profile.targets:
        if required.level and required.level != level:
            continue
        higher = direction.get(required.metric, "higher") == "higher"
        metrics = {required.metric, *required.also, *_satisfied_by().get(required.metric, ())}
        candidates = []
        for t in analysis.targets:
            if t.metric not in metrics or t.op not in (_HIGHER_OPS if higher else _LOWER_OPS):
                continue
            value = _in_unit(t, required.unit)
            if value is not None:
                candidates.append((value, t))
        label = required.label or labels.get(required.metric, required.metric)
        wanted = _describe(required.op, required.value, required.unit)
        if not candidates:
            compared.append(TargetComparison(required.metric, label, wanted, "missing"))
            continue
        value, target = (max if higher else min)(candidates, key=lambda c: c[0])
        exclusive = target.op in (">", "<")
        weaker = value < required.value if higher else value > required.value
        stricter = value > required.value if higher else value < required.value
        if exclusive and value == required.value:
            stricter = True
        status = "weaker" if weaker else "stricter" if stricter else "meets"
        compared.append(TargetComparison(required.metric, label, wanted, status,
                                         _describe(target.op, target.value, target.unit),
                                         target))
    return compared


def _targets(ctx: CheckContext, profile: ParentProfile) -> list[Issue]:
    from plan_parser.check.context import plan_level

    issues: list[Issue] = []
    for c in compare_targets(ctx.analysis, profile, plan_level(ctx)):
        params = {"label": c.label, "required": c.required}
        if c.target is None:
            issues.append(Issue("target-missing", *_anchor(ctx), params, key=c.metric))
        elif c.status == "weaker":
            issues.append(Issue("target-weaker", c.target.start, c.target.end,
                                {**params, "written": c.written}, c.required, key=c.metric))
        elif c.status == "stricter":
            issues.append(Issue("target-stricter", c.target.start, c.target.end,
                                {**params, "written": c.written}, key=c.metric))
    return issues


def _describe(op: str, value: float, unit: str) -> str:
    number = f"{value:g}".replace(".", ",")
    return " ".join(x for x in (_OP_VI.get(op, op), f"{number}{unit}" if unit == "%"
                                else f"{number} {unit}") if x)


# -- deadlines ----------------------------------------------------------------------------------
def _deadlines(ctx: CheckContext, profile: ParentProfile) -> list[Issue]:
    issues: list[Issue] = []
    for due in profile.deadlines:
        if due.day is None or due.month is None:
            continue
        for d in ctx.analysis.deadlines:
            if d.kind != "before_date" or d.day is None or d.month is None:
                continue
            if due.recurrence != d.recurrence:
                continue
            if due.recurrence is None and not (d.subject and "báo cáo" in d.subject.lower()):
                continue
            late = (d.month, d.day) > (due.month, due.day)
            if due.year and d.year:
                late = (d.year, d.month, d.day) > (due.year, due.month, due.day)
            if late:
                parent_date = f"{due.day:02d}/{due.month:02d}" + (f"/{due.year}" if due.year
                                                                  else "")
                issues.append(Issue("deadline-later-than-parent", d.start, d.end,
                                    {"written": ctx.display(d.start, d.end),
                                     "parent_date": parent_date,
                                     "report": due.subject or "báo cáo"}, parent_date))
    return issues


# -- task groups --------------------------------------------------------------------------------
def _task_groups(ctx: CheckContext, profile: ParentProfile, options: dict) -> list[Issue]:
    if not profile.task_groups:
        return []
    from rapidfuzz import fuzz

    from plan_parser.gazetteer import name_key

    threshold = float(options.get("similarity", 60))
    titles = [name_key(n.title.text) for n in ctx.analysis.structure.iter_sections()
              if n.kind in ("roman", "arabic", "letter")]
    issues = []
    for group in profile.task_groups:
        wanted = name_key(group.title)
        # any title at the threshold will do: the titles are scored in order until one is
        if not any(fuzz.token_set_ratio(wanted, title, score_cutoff=threshold) >= threshold
                   for title in titles):
            issues.append(Issue("task-group-missing", *_tasks_anchor(ctx),
                                {"group": group.title}, key=group.title))
    return issues


def _tasks_anchor(ctx: CheckContext) -> tuple[int, int]:
    for node in ctx.analysis.structure.sections:
        if node.kind == "roman" and re.search(r"nhiệm\s+vụ|giải\s+pháp", node.title.text, re.I):
            return node.start, node.title.end
    return _anchor(ctx)


# -- copies -------------------------------------------------------------------------------------
_WORD = re.compile(r"\w+")


def _copies(ctx: CheckContext, profile: ParentProfile, options: dict) -> list[Issue]:
    """Runs of at least ``min_words`` words that the parent's text also has, word for word."""
    if not profile.text:
        return []
    size = int(options.get("shingle", 8))
    minimum = int(options.get("min_words", 30))
    shingles = _shingles(profile, size)
    body = ctx.analysis.structure.body
    if body is None:
        return []
    tokens = ctx.tokens  # the document's tokens, shared with the lint
    first_token, end_token = tokens.first_at(body[0]), tokens.first_at(body[1])
    lower = tokens.lower
    index = _word_tokens(tokens, first_token, end_token)  # word k is token index[k]
    # a copy of ``minimum`` words has all its neighbouring pairs in the parent: the pairs are
    # looked up first (by the words' hashes, in arrays), and the n-grams only inside runs of
    # pairs long enough to hold one; runs are found by a regex over bytes of 0/1 flags (one
    # per pair, one per n-gram). A pair flagged by a clash of hashes changes nothing: the
    # n-grams are looked up as words, and a run of n-grams the parent has (each of its pairs
    # the parent's) lies inside a run of the parent's pairs all the same
    paired = _parent_pair_hashes(profile).flags(tokens.hashes()[index])  # words k and k + 1
    started = bytearray(len(index))  # 1 where the parent has the n-gram that word k starts
    for m in _run_of_ones(max(1, minimum - 1)).finditer(paired):
        segment = list(map(lower.__getitem__, index[m.start():m.end() + 1].tolist()))
        grams = zip(*(segment[k:] for k in range(size)), strict=False)
        flags = bytes(map(shingles.__contains__, grams))
        started[m.start():m.start() + len(flags)] = flags
    issues = []
    for m in _run_of_ones(max(1, minimum - size + 1)).finditer(started):
        first, last = m.start(), m.end() - 1  # the first and the last n-gram of the copy
        words_copied = last - first + size
        start, end = tokens.span(int(index[first]), int(index[last + size - 1]) + 1)
        issues.append(Issue("copied-from-parent", start, end, {"words": words_copied}))
    return issues


def _word_tokens(tokens: Tokens, first: int, end: int) -> np.ndarray:
    """The indices of the tokens ``[first, end)`` that are words, not marks (single tokens
    of no word character: see ``is_mark``): the tokens whose hashes are a mark's, looked up
    in arrays, then those looked up as marks."""
    marks = {t for t in tokens.vocabulary if len(t) == 1 and not (t.isalnum() or t == "_")}
    mark_hashes = np.unique(np.fromiter(map(hash, marks), dtype=np.int64, count=len(marks)))
    maybe = (np.flatnonzero(in_sorted(tokens.hashes()[first:end], mark_hashes))
             + first).tolist()
    is_word = np.ones(end - first, dtype=bool)
    lower = tokens.lower
    marked = list(compress(maybe, map(marks.__contains__, map(lower.__getitem__, maybe))))
    is_word[np.array(marked, dtype=np.int64) - first] = False
    return np.flatnonzero(is_word) + first


class _PairHashes:
    """The neighbouring word pairs of a parent's text by the words' hashes (each pair's
    joined into one number, see ``joint_hashes``), sorted for a binary search in C."""

    __slots__ = ("keys",)

    def __init__(self, words: list[str]) -> None:
        hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
        self.keys = np.unique(joint_hashes(hashes[:-1], hashes[1:]))

    def flags(self, hashes: np.ndarray) -> bytes:
        """One byte per neighbouring pair of the words of ``hashes``: 1 where the parent has
        a pair of the same hashes (its pair, but for a clash of hashes)."""
        if len(hashes) < 2:
            return b""
        return in_sorted(joint_hashes(hashes[:-1], hashes[1:]), self.keys).tobytes()


_PAIR_HASHES: dict[str, _PairHashes] = {}


def _parent_pair_hashes(profile: ParentProfile) -> _PairHashes:
    """The pair hashes of the parent's text, made once per parent text (as ``_shingles``)."""
    table = _PAIR_HASHES.get(profile.text)
    if table is None:
        _PAIR_HASHES.clear()  # one parent at a time in practice
        table = _PAIR_HASHES[profile.text] = _PairHashes(_WORD.findall(profile.text.lower()))
    return table


@cache
def _run_of_ones(length: int) -> re.Pattern[bytes]:
    """A run of at least ``length`` 1 bytes."""
    return re.compile(b"\x01{%d,}" % length)


_SHINGLES: dict[int, tuple[str, frozenset[tuple[str, ...]]]] = {}


def _shingles(profile: ParentProfile, size: int) -> frozenset[tuple[str, ...]]:
    """The parent's word n-grams, computed once per parent text (keyed on the text itself:
    an object id may be reused by the next profile)."""
    cached = _SHINGLES.get(size)
    if cached is None or cached[0] != profile.text:
        if any(text != profile.text for text, _ in _SHINGLES.values()):
            _SHINGLES.clear()  # one parent at a time in practice
        words = _WORD.findall(profile.text.lower())
        cached = (profile.text, frozenset(zip(*(words[k:] for k in range(size)), strict=False)))
        _SHINGLES[size] = cached
    return cached[1]
