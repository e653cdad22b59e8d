"""Documents issued with a decision ("Quyết định … ban hành Kế hoạch …"): after the decision's
signature comes the attached plan, with its type line, title, a "(Ban hành kèm theo Quyết định
số …)" line and its own section tree."""

from __future__ import annotations

from plan_parser.normalize import NormalizedText
from plan_parser.structure.labels import match_label
from plan_parser.structure.model import Attachment, TextSpan
from plan_parser.structure.rules import structure_rules
from plan_parser.structure.sections import build_tree, first_section_line

_TITLE_LINES = 4  # the attached-by line follows the type line within this many title lines


def read_attachments(norm: NormalizedText, lines: list[tuple[int, int]],
                     first: int) -> list[Attachment]:
    """Every attached document from line ``first`` on, each up to the next one."""
    rules = structure_rules()
    text = norm.text
    starts: list[tuple[int, int, int | None]] = []  # (type line, attached-by line or None, …)
    for index in range(first, len(lines)):
        start, end = lines[index]
        m = rules.doc_type_line.match(text, start, end)
        if m is None or not m.group("type").isupper() or m.group("rest"):
            continue
        by = next((j for j in range(index + 1, min(len(lines), index + 2 + _TITLE_LINES))
                   if rules.attached_by.match(text, lines[j][0], lines[j][1])), None)
        if by is not None:
            starts.append((index, by, None))
    attachments: list[Attachment] = []
    for position, (type_index, by_index, _) in enumerate(starts):
        stop = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        t_start, t_end = lines[type_index]
        m = rules.doc_type_line.match(text, t_start, t_end)
        written = m.group("type")
        name, _code = rules.doc_types[" ".join(written.split())]
        title = None
        if by_index > type_index + 1:
            s, e = lines[type_index + 1][0], lines[by_index - 1][1]
            title = TextSpan(" ".join(norm.display(s, e).split()), s, e)
        b_start, b_end = lines[by_index]
        body_from = by_index + 1
        section = first_section_line(norm, lines, body_from)
        sections = []
        if section is not None and section < stop:
            sections = build_tree(norm, lines, section, _body_stop(norm, lines, section, stop))
        attachments.append(Attachment(
            t_start, lines[stop - 1][1],
            TextSpan(norm.display(*m.span("type")), *m.span("type")), name, title,
            TextSpan(norm.display(b_start, b_end), b_start, b_end), sections))
    return attachments


def _body_stop(norm: NormalizedText, lines: list[tuple[int, int]], first: int, stop: int) -> int:
    """The attached body ends before its first "PHỤ LỤC" line, if any."""
    rules = structure_rules()
    for index in range(first, stop):
        if rules.appendix.match(norm.text, lines[index][0], lines[index][1]) and \
                match_label(norm.text[lines[index][0]:lines[index][1]]) is None:
            return index
    return stop
