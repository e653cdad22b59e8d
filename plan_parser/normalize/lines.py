"""Pass 3 — whitespace and lines: one space between words, one line break between lines.

Blank lines disappear; a sentence split across lines by a page break is joined back
(see ``rules/normalize/text.yaml``). The result has no leading, trailing or doubled whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.normalize.offset_map import Edit
from plan_parser.rules_loader import load_rules

_DOUBLE_SPACE = re.compile("  +")  # two literal spaces first: the engine skips ahead to them


@dataclass(frozen=True, slots=True)
class LineRules:
    """Compiled layout rules."""

    breaks: re.Pattern[str]  # from a line break on: the rest of a whitespace run
    spaces: re.Pattern[str]  # a horizontal whitespace run that is not a single space
    odd_spaces: str  # horizontal whitespace characters other than " "
    closing: frozenset[str]
    list_label: re.Pattern[str]
    signed: re.Pattern[str]  # "(Đã ký)": a signature cell
    glued_before: re.Pattern[str]  # an authority mark or title glued to the word before it


@cache
def line_rules() -> LineRules:
    """Compile the layout rules once per process."""
    data = load_rules("normalize/text")
    inner = data["spaces"][1:-1]  # the character class body, e.g. " \t\u00a0..."
    odd = inner.replace(" ", "")
    expanded = "".join(
        "".join(chr(c) for c in range(ord(odd[i - 1]), ord(odd[i + 1]) + 1)) if ch == "-" else ch
        for i, ch in enumerate(odd)
    )
    return LineRules(
        breaks=re.compile(rf"\n[{inner}\f\n]*"),
        spaces=re.compile(rf"[{inner}]*[{odd}][{inner}]*| {{2,}}"),
        odd_spaces="".join(dict.fromkeys(expanded)),  # each once (a range repeats its ends)
        closing=frozenset(data["closing_punctuation"]),
        list_label=re.compile(data["list_label"]),
        signed=re.compile(data["glued_signature"]["signed"]),
        glued_before=re.compile(data["glued_signature"]["glued_before"]),
    )


def joins_previous_line(previous_char: str, following: str, rules: LineRules) -> bool:
    """True when the line starting ``following`` continues a sentence cut by a page break."""
    if not following or previous_char in rules.closing:
        return False
    first = following[0]
    if not (first.islower() or first.isdigit()):
        return False
    return rules.list_label.match(following) is None


def line_edits(text: str, *, soft_wrap: bool = False, wrap_across_blank: bool = True,
               odd_spaces: bool = True) -> list[Edit]:
    """Edits of pass 3 on ``text`` (decoration already removed).

    ``soft_wrap`` (PDF text) also joins lines broken by a full-width visual wrap; across a
    blank line too when ``wrap_across_blank`` (in a PDF a blank line may be a page break; in
    Markdown it ends a paragraph). ``odd_spaces``: False when ``text`` is known to hold no
    whitespace character other than " " (then none is looked for).
    """
    rules = line_rules()
    edits: list[Edit] = _signature_breaks(text, rules) if "ã ký)" in text else []
    length = len(text)
    long_line = _long_line_length(text) if soft_wrap else 0
    horizontal = " \f" + rules.odd_spaces
    closing = rules.closing
    for m in rules.breaks.finditer(text):
        start, end = m.span()
        while start > 0 and text[start - 1] in horizontal:
            start -= 1  # trailing spaces of the line before
        if start == 0 or end == length:
            edits.append((start, end, ""))
            continue
        following = text[end:end + 12]
        last = start - 1  # the line's last character, read past emphasis marks ("…;*")
        while last > 0 and text[last] in _EMPHASIS_OR_SPACE:
            last -= 1
        first = following[0]  # (``end < length``: the line after has a first character)
        if soft_wrap and _split_symbol(text, start, end):
            separator = ""  # "208/KH-" + "UBND": a symbol broken at a hyphen or slash
        elif ((first.islower() or first.isdigit()) and text[last] not in closing
              and joins_previous_line(text[last], following, rules)) or (
            soft_wrap and (wrap_across_blank or text.count("\n", start, end) == 1)
            and _wrapped(text, start, end, following, long_line, rules)
        ):  # (the first two tests are the cheap ones of joins_previous_line, done inline)
            separator = " "
        else:
            separator = "\n"
        if end - start != 1 or text[start] != separator:  # (text[start:end] != separator)
            edits.append((start, end, separator))
    odd_present = odd_spaces and any(c in text for c in rules.odd_spaces)
    spaces = rules.spaces if odd_present else _DOUBLE_SPACE
    # (without odd spaces, only two spaces in a row make a match: one str search first)
    for m in spaces.finditer(text) if odd_present or "  " in text else ():
        start, end = m.span()
        if (end < length and text[end] == "\n") or (start > 0 and text[start - 1] == "\n"):
            continue  # part of a line-break run, handled above
        edits.append((start, end, "" if start == 0 or end == length else " "))
    # a single space at either end of the whole text
    if text[:1] == " " and text[1:2] not in (" ", "\n"):
        edits.append((0, 1, ""))
    if length > 1 and text[-1] == " " and text[-2] not in (" ", "\n"):
        edits.append((length - 1, length, ""))
    return edits



_EMPHASIS = "*_"  # Markdown emphasis closing a line ("… năm 2025;*") is not its punctuation
_EMPHASIS_OR_SPACE = _EMPHASIS + " \t"

_HEADING_START = re.compile(r"(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])[.)]\s")
_ITEM_START = re.compile(r"[-–+•*]\s|[IVXLC]{1,5}[.)]\s|\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s")


def looks_hard_wrapped(text: str) -> bool:
    """True for text wrapped at a fixed width like a PDF text layer (converted Markdown, text
    extracted from the Gazette): most long lines end in the middle of a sentence."""
    lines = list(map(str.strip, text.split("\n")))
    lengths = sorted(map(len, lines))
    long_line = lengths[max(0, int(len(lengths) * 0.9) - 1)] if lengths else 0
    if long_line < 40:
        return False
    closing = line_rules().closing
    threshold = 0.7 * long_line
    long_lines = [line for line in lines if len(line) >= threshold]
    open_ended = sum(line[-1] not in closing for line in long_lines)
    return len(long_lines) >= 5 and open_ended >= 0.5 * len(long_lines)


def _long_line_length(text: str) -> int:
    """Length of the document's long lines (90th percentile), the width of a full PDF line."""
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    if not lengths:
        return 0
    return lengths[max(0, int(len(lengths) * 0.9) - 1)]


def _wrapped(text: str, start: int, end: int, following: str, long_line: int,
             rules: LineRules) -> bool:
    """True when a line break looks like a visual wrap inside a paragraph.

    A page break between the lines is fine (the pages are already joined); a heading
    ("1. Mục đích") does not run on into a paragraph that starts with a capital, nor a line in
    capitals (a title, the issuing authority) into one in normal case ("Căn cứ …").
    """
    line_begin = text.rfind("\n", 0, start) + 1
    previous = text[line_begin:start].rstrip(" \t" + _EMPHASIS).strip()
    first_word = following.split(maxsplit=1)[0] if following.strip() else ""
    return bool(
        previous
        and previous[-1] not in rules.closing
        and not (previous.isupper() and any(c.islower() for c in first_word))
        and len(previous) >= 0.7 * long_line
        and not _ITEM_START.match(following)
        and rules.list_label.match(following) is None
        and not _HEADING_START.match(previous)
    )


def _split_symbol(text: str, start: int, end: int) -> bool:
    """True for "… số 208/KH-" + "UBND …": a line ending inside a document symbol."""
    if start < 2 or text[start - 1] not in "-/" or not text[start - 2].isalnum():
        return False
    following = text[end:end + 1]
    return following.isdigit() or following.isupper()


def _signature_breaks(text: str, rules: LineRules) -> list[Edit]:
    """Line breaks put back into a signature cell a converter ran together: before an
    authority mark ("KT. ", "TM. ") or a "PHÓ" title glued to a capital or opening the cell,
    and around "(Đã ký)"; the cell's closing border goes."""
    edits: list[Edit] = []
    for signed in rules.signed.finditer(text):
        line_start = text.rfind("\n", 0, signed.start()) + 1
        line_end = text.find("\n", signed.end())
        line_end = len(text) if line_end == -1 else line_end
        for m in rules.glued_before.finditer(text, line_start, signed.start()):
            if m.start() > line_start and text[m.start() - 1].isupper():
                edits.append((m.start(), m.start(), "\n"))
            elif text[max(line_start, m.start() - 2):m.start()] == "| ":
                border = m.start() - 3 if text[m.start() - 3:m.start() - 2] == " " else \
                    m.start() - 2
                edits.append((border, m.start(), "\n"))  # the cell after the recipients
        if signed.start() > line_start and not text[signed.start() - 1].isspace():
            edits.append((signed.start(), signed.start(), "\n"))
        if signed.end() < line_end and not text[signed.end()].isspace():
            edits.append((signed.end(), signed.end(), "\n"))
        if text.endswith(" |", signed.end(), line_end):
            edits.append((line_end - 2, line_end, ""))  # the cell's closing border
    return edits
