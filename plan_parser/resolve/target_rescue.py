"""Taking back figures a rule set aside: a logistic model, learnt from the annotated development
documents (tools/build_target_rescue.py), scores each set-aside figure by its context, and
those above the model's threshold are targets after all.

The rules that set figures aside ("từ 15 năm trở lên" of service is a condition, "Mức phụ cấp
20%" in a decree is a rate) are right more often than not, but readers of legal texts count many
of those figures as limits ("phải có thời gian công tác từ đủ 03 năm trở lên"). The words around
a figure tell the two apart better than one more rule would; the model weighs them.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import regex

from plan_parser.extract.targets import Target
from plan_parser.spans import SpanSet

MODEL_PATH = Path(__file__).with_name("target_rescue.tsv.gz")

_WORD = regex.compile(r"[\p{L}]+")
_LIST_MARK = regex.compile(r"^[\s*|+\-–•]*(?:[a-zđ]\)|\d+(?:\.\d+)*[.)]|[IVX]+\.)?[\s*|]*$")
_CONTEXT = 60  # characters read on each side of a figure, not across a line break
_WORDS = 5  # words kept on each side


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: one model per process
class RescueModel:
    """Weights of the features, the bias and the probability from which a figure is taken back."""

    weights: dict[str, float]
    bias: float
    threshold: float
    reasons: frozenset[str]  # the reasons whose figures it may take back

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


NO_MODEL = RescueModel({}, 0.0, 2.0, frozenset())  # takes nothing back


@cache
def rescue_model(path: Path = MODEL_PATH) -> RescueModel:
    """The shipped model, read once; without its file, a model that takes nothing back."""
    if not path.is_file():
        return NO_MODEL
    weights: dict[str, float] = {}
    bias, threshold = 0.0, 2.0
    reasons: frozenset[str] = frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            key, _, value = line.rstrip("\n").rpartition("\t")
            if key == "#bias":
                bias = float(value)
            elif key == "#threshold":
                threshold = float(value)
            elif key == "#reasons":
                reasons = frozenset(filter(None, value.split(",")))
            elif key and not key.startswith("#"):
                weights[key] = float(value)
    return RescueModel(weights, bias, threshold, reasons)


def features(target: Target, text: str, legal: bool) -> list[str]:
    """What the model reads of a set-aside figure: why it was set aside, its unit, comparator
    and direction, the words on each side of it on its line, and for a table's cell alone on
    its line (no word before it) the last two words of the line above. Features tried and
    left out, with their cross-validated scores, are in docs/history.md."""
    line_start = text.rfind("\n", max(0, target.start - _CONTEXT), target.start) + 1
    line_end = text.find("\n", target.end, target.end + _CONTEXT)
    before_text = text[max(line_start, target.start - _CONTEXT):target.start]
    after_text = text[target.end:line_end if line_end != -1 else target.end + _CONTEXT]
    before = [w.lower() for w in _WORD.findall(before_text)][-_WORDS:]
    after = [w.lower() for w in _WORD.findall(after_text)][:_WORDS]
    own = [w.lower() for w in _WORD.findall(text[target.start:target.end])]
    kind = "legal" if legal else "other"
    found = [f"why={target.set_aside}", f"why={target.set_aside}|{kind}", f"kind={kind}",
             f"unit={target.unit}", f"cue={target.cue or '-'}", f"op={target.op}",
             f"why={target.set_aside}|unit={target.unit}"]
    if target.value == 100:
        found.append("value=100")
    if line_start >= target.start - _CONTEXT and _LIST_MARK.match(text, line_start, target.start):
        found.append("line-start")
    found += [f"own={w}" for w in own]
    for i, word in enumerate(reversed(before), 1):
        found.append(f"b{i}={word}" if i <= 2 else f"b={word}")
    if len(before) >= 2:
        found.append(f"bb={before[-2]}_{before[-1]}")
    for i, word in enumerate(after, 1):
        found.append(f"a{i}={word}" if i <= 2 else f"a={word}")
    if len(after) >= 2:
        found.append(f"aa={after[0]}_{after[1]}")
    if not before and line_start > 0:  # a cell alone: the words ending the line above
        above_start = text.rfind("\n", max(0, line_start - 1 - _CONTEXT), line_start - 1) + 1
        above = [w.lower() for w in _WORD.findall(text[above_start:line_start - 1])][-2:]
        found += [f"p={w}" for w in above]
    return found


def take_back(targets: list[Target], text: str, legal: bool,
              model: RescueModel) -> tuple[list[Target], list[Target]]:
    """``(targets, still set aside)``: the figures not set aside, with those set aside that the
    model scores at or above its threshold (unless a target already covers them)."""
    kept = [t for t in targets if t.set_aside is None]
    aside = [t for t in targets if t.set_aside is not None]
    if not aside or not model.weights:
        return kept, aside
    taken = SpanSet((t.start, t.end) for t in kept)
    back, still = [], []
    for target in aside:
        if target.set_aside in model.reasons and not taken.overlaps(target.start, target.end) \
                and model.probability(features(target, text, legal)) >= model.threshold:
            back.append(replace(target, set_aside=None))
        else:
            still.append(target)
    if not back:
        return kept, still
    return sorted([*kept, *back], key=lambda t: t.start), still
