"""Section labels (I., 1., 1.1., a), -, +) and the titles that follow them."""

from __future__ import annotations

from dataclasses import dataclass

from plan_parser.structure.rules import structure_rules


@dataclass(frozen=True, slots=True)
class Label:
    """A label at the start of a line."""

    kind: str
    label: str
    rank: float  # smaller is shallower; 1.1 ranks under 1
    end: int  # offset in the line where the label (and its spacing) ends


def match_label(line: str) -> Label | None:
    """The section label opening ``line``, or None."""
    for item in structure_rules().labels:
        m = item.pattern.match(line)
        if m:
            label = m.group("label")
            rank = float(item.rank)
            if item.kind == "arabic":
                rank += 0.1 * label.count(".")
            return Label(item.kind, label, rank, m.end())
    return None


def title_length(text: str) -> int:
    """Length of the title at the start of ``text`` (the heading part of a line)."""
    rules = structure_rules()
    for m in rules.title_end.finditer(text):
        if m.group().startswith("."):
            word = text[:m.start()].rsplit(" ", 1)[-1]
            if word in rules.abbreviations or (len(word) == 1 and word.isupper()):
                continue  # "TP. Hà Nội", an initial
        return len(text[:m.start()].rstrip())
    return len(text.rstrip(" .:;"))
