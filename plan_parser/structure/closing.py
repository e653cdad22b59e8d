"""The end of a plan: closing paragraphs, "Nơi nhận", signature block and appendices."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import cache

import regex

from plan_parser.normalize import NormalizedText
from plan_parser.structure.labels import Label, line_labels, match_label
from plan_parser.structure.model import Appendix, Recipients, Signature, TextSpan
from plan_parser.structure.rules import structure_rules
from plan_parser.structure.wrapping import continues_name


def is_authority_line(line: str) -> bool:
    """"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ"."""
    # (the case first: a line in lower case, the most, is not matched)
    return line == line.upper() and bool(structure_rules().authority.match(line))


def body_end(norm: NormalizedText, lines: list[tuple[int, int]], first: int) -> int:
    """Index of the first line after the content (recipients, signature or after "./.").

    The first line of "Nơi nhận" and the first ending on "./." are found by a search of the
    text from ``lines[first]`` on (each checked on its line alone, as a line is read); the
    lines before them are read only for an authority mark."""
    rules = structure_rules()
    text = norm.text
    stop = len(lines)
    recipients = _first_line_with(rules.recipients, text, lines, first,
                                  lambda line: rules.recipients.match(line) is not None)
    end_mark = _first_line_with(rules.end_mark, text, lines, first,
                                lambda line: rules.end_mark.search(line) is not None)
    for index in range(first, min(recipients, end_mark + 1, stop)):
        if is_authority_line(text[lines[index][0]:lines[index][1]]):
            return index
    if recipients <= end_mark:
        return recipients  # (len(lines) when neither is found)
    return end_mark + 1


def _first_line_with(pattern: regex.Pattern[str], text: str, lines: list[tuple[int, int]],
                     first: int, holds: Callable[[str], bool]) -> int:
    """Index of the first of ``lines[first:]`` that ``holds`` for, ``len(lines)`` if none: the
    lines where ``pattern`` matches in the text, each checked by ``holds``. A pattern matches
    in the text wherever it matches in a line alone unless it looks around or anchors at the
    text's ends: such a one is tried line by line."""
    if first >= len(lines):
        return len(lines)
    if _LOOKS_BEYOND_A_LINE.search(pattern.pattern):
        return next((index for index in range(first, len(lines))
                     if holds(text[lines[index][0]:lines[index][1]])), len(lines))
    m = pattern.search(text, lines[first][0])
    while m is not None:
        index = bisect_right(lines, m.start(), key=_line_start) - 1
        start, end = lines[index]
        if index >= first and holds(text[start:end]):
            return index
        if index + 1 >= len(lines):
            break
        m = pattern.search(text, max(lines[index + 1][0], m.start() + 1))
    return len(lines)


def _line_start(line: tuple[int, int]) -> int:
    return line[0]


# a lookaround, or an anchor at the start or end of the whole text (not of a line)
_LOOKS_BEYOND_A_LINE = regex.compile(r"\(\?<?[=!]|\\[AZzG]")


def closing_start(norm: NormalizedText, lines: list[tuple[int, int]], first: int,
                  end: int, labels: list[Label | None] | None = None) -> int:
    """Index where the closing paragraphs begin (``end`` when there are none); ``labels``:
    those of ``lines[first:end]``, when already read."""
    rules = structure_rules()
    text = norm.text
    if labels is None:
        labels = line_labels(text, lines, first, end)
    last_labelled = first
    for index, label in enumerate(labels[:end - first], first):
        if label:
            last_labelled = index
    for index in range(last_labelled + 1, end):
        line = text[lines[index][0]:lines[index][1]]
        if any(p.search(line) for p in rules.closing_formulas):
            return index
    return end


def read_recipients(norm: NormalizedText, lines: list[tuple[int, int]],
                    first: int) -> tuple[Recipients | None, range]:
    """The "Nơi nhận" block at or after ``first``, and the line indices it covers."""
    rules = structure_rules()
    text = norm.text
    for index in range(first, len(lines)):
        start, end = lines[index]
        if not rules.recipients.match(text, start, end):
            continue
        block = Recipients(start, end)
        last = index
        for item_index in range(index + 1, len(lines)):
            s, e = lines[item_index]
            label = match_label(text[s:e])
            if not label or label.kind not in ("dash", "plus"):
                break
            block.items.append(TextSpan(norm.display(s + label.end, e), s + label.end, e))
            block.end, last = e, item_index
        return block, range(index, last + 1)
    return None, range(0)


def read_signature(norm: NormalizedText, lines: list[tuple[int, int]], first: int,
                   skip: range) -> tuple[Signature | None, int]:
    """The signature block at or after ``first`` (lines in ``skip`` are the recipients).

    Returns the block and the index of the line after it.
    """
    rules = structure_rules()
    text = norm.text
    # the first authority mark or bare title ("GIÁM ĐỐC" signing without a mark comes before
    # the "TM. TỔ CHỨC" of a form in the appendix)
    start_at = next((i for i in range(first, len(lines)) if i not in skip
                     and (is_authority_line(line := text[lines[i][0]:lines[i][1]])
                          or line.strip() in rules.signer_titles)), None)
    if start_at is None:
        return None, first
    signature = Signature(lines[start_at][0], lines[start_at][1])
    index = start_at
    title_at = None
    while index < len(lines) and is_authority_line(text[lines[index][0]:lines[index][1]]):
        s, e = lines[index]
        index += 1
        while index < len(lines) and index not in skip and not is_authority_line(
                text[lines[index][0]:lines[index][1]]) and continues_name(
                text[s:e], text[lines[index][0]:lines[index][1]]):
            e = lines[index][1]  # "TM. ỦY BAN" / "NHÂN DÂN": one mark wrapped over two lines
            index += 1
        title_at = _title_after_mark(text, s, e, rules.signer_titles)
        if title_at is not None:
            e = title_at
            while e > s and text[e - 1].isspace():
                e -= 1
        signature.authority.append(TextSpan(" ".join(norm.display(s, e).split()), s, e))
        signature.end = e
    titles: list[tuple[int, int]] = []
    if signature.authority and title_at is not None:
        titles.append((title_at, lines[index - 1][1]))
    while index < len(lines) and index not in skip:
        s, e = lines[index]
        line = text[s:e]
        if line != line.upper() or not any(c.isalpha() for c in line):
            break
        titles.append((s, e))
        index += 1
    if len(titles) > 1 and text[titles[-1][0]:titles[-1][1]].strip(_AFTER_TITLE) \
            in rules.signer_titles:
        # the signer's own title on the last line, under a body's name or a title it acts
        # for ("KT. CHÁNH ÁN" / "TÒA ÁN NHÂN DÂN TỐI CAO" / "PHÓ CHÁNH ÁN")
        titles = titles[-1:]
    if titles:
        s, e = titles[0][0], titles[-1][1]
        # a stray mark of the PDF extraction after the title ("PHÓ THỦ TƯỚNG]") is no part of it
        e = s + len(text[s:e].rstrip(_AFTER_TITLE))
        signature.title = TextSpan(norm.display(s, e), s, e)
        signature.end = e
    while index < len(lines) and index not in skip:
        s, e = lines[index]
        line = text[s:e]
        if rules.signature_skip.match(line):
            index += 1
            continue
        named = rules.person_name.match(line)
        if named and line != line.upper():
            s, e = s + named.start("name"), s + named.end("name")
            signature.name = TextSpan(norm.display(s, e), s, e)
            signature.end = e
            index += 1
        break
    return signature, index


_AFTER_TITLE = " \t]}|*_"


def _title_after_mark(text: str, start: int, end: int, titles: frozenset[str]) -> int | None:
    """Where a title begins on the last line of a mark wrapped over lines ("KT. TRƯỞNG BAN
    GIÁM SÁT QUẢN LÝ" / "VỀ HQ PHÓ TRƯỞNG BAN": the title "PHÓ TRƯỞNG BAN"), or None."""
    line_start = text.rfind("\n", start, end) + 1
    if line_start <= start:
        return None  # one line: the mark's own words ("KT. CHỦ TỊCH") are no title
    last = text[line_start:end].rstrip()
    for title in _longest_first(titles):
        if last.endswith(title) and len(last) > len(title) and last[-len(title) - 1] == " ":
            return line_start + len(last) - len(title)
    return None


@cache
def _longest_first(titles: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(titles, key=len, reverse=True))


def read_appendices(norm: NormalizedText, lines: list[tuple[int, int]],
                    first: int) -> list[Appendix]:
    """"PHỤ LỤC" parts from line ``first`` on."""
    rules = structure_rules()
    text = norm.text
    appendices: list[Appendix] = []
    for index in range(first, len(lines)):
        s, e = lines[index]
        if rules.appendix.match(text, s, e):
            if appendices:
                appendices[-1].end = lines[index - 1][1]
            appendices.append(Appendix(s, lines[-1][1], TextSpan(norm.display(s, e), s, e)))
    return appendices
