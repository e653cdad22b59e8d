"""The body as a tree: I/II/III → 1/2/3 (1.1 …) → a)/b) → "-" → "+".

Nesting follows the label kinds, never markdown heading levels (real files mix them).
An unlabelled paragraph belongs to the innermost numbered item; it closes "-" and "+" items,
which are one paragraph each.
"""

from __future__ import annotations

from plan_parser.normalize import NormalizedText
from plan_parser.structure.labels import Label, line_labels, match_label, title_length
from plan_parser.structure.model import SectionNode, TextSpan

_BULLETS = ("dash", "plus")


def first_section_line(norm: NormalizedText, lines: list[tuple[int, int]],
                       after: int) -> int | None:
    """Index of the first body heading: the first "I.", "Chương I" or "Điều 1." line, else the
    first "1." line."""
    text = norm.text
    first_arabic = None
    for index in range(after, len(lines)):
        label = match_label(text[lines[index][0]:lines[index][1]])
        if label is None:
            continue
        if label.kind in ("roman", "chapter", "article"):
            return index
        if label.kind == "arabic" and first_arabic is None:
            first_arabic = index
    return first_arabic


def build_tree(norm: NormalizedText, lines: list[tuple[int, int]], first: int,
               stop: int, labels: list[Label | None] | None = None) -> list[SectionNode]:
    """Section tree of ``lines[first:stop]``; ``labels``: those of the lines from ``first`` on
    (at least up to ``stop``), when already read."""
    text = norm.text
    display_text = norm.display_text
    if labels is None:
        labels = line_labels(text, lines, first, stop)
    roots: list[SectionNode] = []
    stack: list[SectionNode] = []
    last_end = 0  # the end of the line before: where a node closed at this line ends
    for (start, end), label in zip(lines[first:stop], labels, strict=False):
        if label is None:
            while stack and stack[-1].kind in _BULLETS:
                stack.pop().end = last_end
        else:
            kind, written, rank, label_end = label
            while stack and stack[-1].rank >= rank:
                stack.pop().end = last_end
            title_start = start + label_end
            title_end = title_start + title_length(text, title_start, end)
            # (the title's display: ``norm.display`` without the call)
            node = SectionNode(kind, written, rank, start, end,
                               TextSpan(display_text[title_start:title_end], title_start,
                                        title_end))
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
        last_end = end
    for open_node in stack:  # (each node ends with the last line read while it was open)
        open_node.end = last_end
    _assign_paths(roots, "")
    return roots


def _assign_paths(nodes: list[SectionNode], prefix: str) -> None:
    """Paths like "IV.1.-3.+2": bullets are numbered per bullet sign among their siblings."""
    bullet_counts: dict[str, int] = {}
    for node in nodes:
        if node.kind in _BULLETS:
            bullet_counts[node.label] = bullet_counts.get(node.label, 0) + 1
            own = f"{node.label}{bullet_counts[node.label]}"
        else:
            own = node.label
        node.path = f"{prefix}.{own}" if prefix else own
        if node.children:  # (a leaf, the most, has nothing to number)
            _assign_paths(node.children, node.path)
