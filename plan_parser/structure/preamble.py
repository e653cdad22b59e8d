"""The preamble: trích yếu (title), basis paragraphs, the issuing clause and the parent plan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import repeat

import regex

from plan_parser.extract.agencies import AgencyMatch, match_agency
from plan_parser.extract.references import Citation, citations_between, find_citations
from plan_parser.extract.scan import top_level_alternatives
from plan_parser.normalize import NormalizedText
from plan_parser.structure.labels import match_label
from plan_parser.structure.model import BasisParagraph, TextSpan
from plan_parser.structure.rules import structure_rules


@dataclass(slots=True)
class Preamble:
    """What lies between the type line and the first section."""

    title: TextSpan | None
    basis: list[BasisParagraph]
    issuing_clause: TextSpan | None
    issuer: AgencyMatch | None  # the body named in the issuing clause
    title_citations: list[Citation]
    text: str = ""  # the normalized text the spans point into
    enacting: AgencyMatch | None = None  # "ỦY BAN THƯỜNG VỤ QUỐC HỘI" on its line before the bases


def is_title_line(line: str) -> bool:
    """True when the first line after the type line is a trích yếu, not a basis paragraph."""
    rules = structure_rules()
    return not rules.not_a_title.search(line) and match_label(line) is None


def read_preamble(norm: NormalizedText, lines: list[tuple[int, int]], first: int, stop: int,
                  title: TextSpan | None) -> Preamble:
    """Read ``lines[first:stop]``; ``title`` is given when the header already found one."""
    text = norm.text
    index = first
    if title is None and index < stop and is_title_line(text[lines[index][0]:lines[index][1]]):
        start, end = lines[index]
        index += 1
        # an upper-case title broken over lines ("QUY" / "ĐỊNH CHI TIẾT …", "VỀ" / "VIỆC …")
        while index < stop and (_continues_caps_title(text, (start, end), lines[index])
                                or _continues_title(text, (start, end), lines[index])):
            end = lines[index][1]
            index += 1
        title = TextSpan(" ".join(norm.display(start, end).split()), start, end)
    # a title the conversion wrote twice ("**NGHỊ QUYẾT****Về việc …**" / "**Về việc …**"),
    # and the rule drawn under a title ("-----------"), before the body that enacts
    while index < stop and _repeats_title_or_rule(text[lines[index][0]:lines[index][1]], title):
        index += 1
    basis: list[BasisParagraph] = []
    clause: TextSpan | None = None
    issuer: AgencyMatch | None = None
    enacting: AgencyMatch | None = None
    for start, end in _paragraphs(text, lines[index:stop]):
        paragraph = BasisParagraph(start, end, _paragraph_kind(text, start, end),
                                   top_level(citations_between(text, start, end)))
        if not basis and enacting is None:
            enacting = _enacting_body(text, start, end)
        found = _issuing_clause(text, start, end)
        if found:
            clause_span, issuer = found
            clause = TextSpan(norm.display(*clause_span), *clause_span)
            if clause_span[0] == start:
                paragraph.kind = "issuing"
        basis.append(paragraph)
    title_citations = top_level(find_citations(_words_lowered(text, title.start, title.end),
                                               title.start, title.end)) if title else []
    return Preamble(title, basis, clause, issuer, title_citations, text, enacting)


def _repeats_title_or_rule(line: str, title: TextSpan | None) -> bool:
    """A line with no word or number (a rule "-----------"), or the title written again."""
    if not any(c.isalnum() for c in line):
        return True
    return title is not None and " ".join(line.split()) == " ".join(title.text.split())


def _enacting_body(text: str, start: int, end: int) -> AgencyMatch | None:
    """A body named alone in capitals on the line before the bases ("ỦY BAN THƯỜNG VỤ QUỐC
    HỘI", "CHÍNH PHỦ"): the body that enacts. An office holder ("BỘ TRƯỞNG BỘ TÀI CHÍNH") is
    no body and is not read."""
    while start < end and text[start] in " \t*_":
        start += 1
    while end > start and text[end - 1] in " \t*_":
        end -= 1
    piece = text[start:end]
    if len(piece) < 4 or "\n" in piece or not piece.isupper():
        return None
    agency = match_agency(text, start)
    return agency if agency is not None and agency.end == end else None


_PARAGRAPH_END = regex.compile(r"[;.:!?]\W*$")
_CLOSING = regex.compile(r"[;.:!?]")
_WORD = regex.compile(r"\w")


def _paragraphs(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Hard-wrapped lines joined into the paragraphs they belong to: a line goes on with the one
    before when that one has no closing punctuation, neither is in capitals (a heading such as
    "THỦ TƯỚNG CHÍNH PHỦ" or "QUYẾT ĐỊNH:") and it opens no basis paragraph of its own.

    What the paragraph so far ends on and whether it is in capitals are carried from line to
    line, so a paragraph of many lines is not read again for each (linear time)."""
    joined: list[tuple[int, int]] = []
    # the last paragraph: blank; ends on closing punctuation; in capitals
    blank = closed = upper = False
    has_lower = has_upper = False
    for start, end in lines:
        line = text[start:end].strip()
        line_lower, line_upper = _cases(line)
        if joined and line and not blank and not closed and not upper \
                and _basis_kind(line) == "other" \
                and not (line_upper and not line_lower):
            joined[-1] = (joined[-1][0], end)
            has_lower, has_upper = has_lower or line_lower, has_upper or line_upper
        else:
            joined.append((start, end))
            has_lower, has_upper = line_lower, line_upper
            blank, closed = not line, False
        closed = _ends_closed(line, closed)
        upper = has_upper and not has_lower
    return joined


def _cases(line: str) -> tuple[bool, bool]:
    """Whether ``line`` has a lower-case letter, and an upper-case one."""
    return any(map(str.islower, line)), any(map(str.isupper, line))


def _ends_closed(line: str, closed_before: bool) -> bool:
    """Whether a paragraph ends on closing punctuation (then only marks and spaces) once
    ``line`` is added to it; ``closed_before``: whether it did before (a line without a word
    keeps that, unless it closes the paragraph itself)."""
    if _WORD.search(line):
        return _PARAGRAPH_END.search(line) is not None
    return closed_before or _CLOSING.search(line) is not None


_CAPS_WORD = regex.compile(r"(?<![\p{L}\d/\-])\p{Lu}[\p{Lu}\p{M}]*(?![\p{L}\d/\-])")


def _words_lowered(text: str, start: int, end: int) -> str:
    """``text`` with the words of an upper-case title lower-cased ("QUYẾT ĐỊNH SỐ 06/QĐ-TTG"
    reads as "quyết định số 06/QĐ-TTG"); codes and offsets stay as they are."""
    part = text[start:end]
    if any(c.islower() for c in part):
        return text
    lowered = _CAPS_WORD.sub(lambda m: m.group().lower(), part)
    return text[:start] + lowered + text[end:] if len(lowered) == len(part) else text


def _continues_caps_title(text: str, title: tuple[int, int], line: tuple[int, int]) -> bool:
    """True when ``line`` goes on with an upper-case title: it is upper case too, is not a
    label, a basis paragraph or the issuing body's name."""
    words = text[line[0]:line[1]].strip()
    if not words or not text[title[0]:title[1]].isupper() or not words.isupper():
        return False
    if match_label(words) is not None or _basis_kind(words) != "other":
        return False
    agency = match_agency(text, line[0] + (len(text[line[0]:line[1]]) - len(
        text[line[0]:line[1]].lstrip())))
    return agency is None or agency.end < line[1] - 1


def _continues_title(text: str, title: tuple[int, int], line: tuple[int, int]) -> bool:
    """True when ``line`` goes on with a title in lower case: the title's last line ends on a
    word that cannot end a name ("… một số điều của") or ``line`` opens in lower case ("của
    Chính phủ quy định …"); ``line`` is no basis paragraph or label and no blank line is
    between."""
    words = text[line[0]:line[1]].strip()
    first_line_end = text.find("\n", title[0], title[1])
    if not words or text[title[0]:first_line_end if first_line_end != -1 else title[1]].isupper() \
            or text.count("\n", title[1], line[0]) > 1:
        return False  # (a blank line ends the title)
    if text.count("\n", title[0], title[1]) + 1 >= structure_rules().title_max_lines:
        return False  # a title is a few lines at most: no run of lines becomes one
    if match_label(words) is not None or _basis_kind(words) != "other":
        return False
    last_line = text[text.rfind("\n", title[0], title[1]) + 1:title[1]]
    return words[0].islower() or structure_rules().title_open_end.search(last_line) is not None


def top_level(citations: list[Citation]) -> list[Citation]:
    """Drop citations nested in the title of another ("... về việc thực hiện Kết luận số ...")."""
    result: list[Citation] = []
    covered_until = -1  # end of the furthest title seen so far (citations come in order)
    for citation in citations:
        if citation.start < covered_until:
            continue
        result.append(citation)
        if citation.title_end is not None:
            covered_until = max(covered_until, citation.title_end)
    return result


def find_parent(preamble: Preamble, is_plan: bool = True) -> Citation | None:
    """The document this one carries out (the rule of corpus/real/ANNOTATION.md, "Parent").

    Candidates are what the document says it carries out ("Thực hiện …", "Tiếp theo …", its
    title) and the directives it names as a basis ("Căn cứ …") that give it a task rather than
    competence: not a law, a decree or a numbered normative text ("…/2025/QĐ-UBND"), not a
    decision setting up a body or its rules. Among them, for a plan, the plan above comes first
    (a commune plan citing the Party conclusion, the Government's decision and the province's
    plan carries out the province's plan); otherwise the latest directive; guidance letters,
    then legal texts the document says it carries out, only when nothing else is named. A title
    naming what the document carries out wins over a basis that only says "Căn cứ". A plan with
    no candidate falls back on the directive its issuing clause names.
    """
    rules = structure_rules()

    def tier(c: Citation) -> int:
        if c.kind in rules.legal_kinds or (c.symbol is not None and c.symbol.year is not None):
            return 2
        return 1 if c.kind in rules.guidance_kinds else 0

    def numbered(c: Citation) -> bool:
        return c.symbol is not None or c.number_only is not None

    titles: dict[int, tuple[int, int]] = {}  # a basis citation's start → the span of its title
    for paragraph in preamble.basis:
        for index, c in enumerate(paragraph.citations):
            # what follows it up to the next citation of the paragraph
            following = paragraph.citations[index + 1:]
            titles[c.start] = (c.symbol_end, following[0].start if following else paragraph.end)

    def gives_task(c: Citation) -> bool:
        return tier(c) != 2 and not (c.start in titles and rules.competence_titles.search(
            preamble.text, *titles[c.start]))

    def is_plan_like(c: Citation) -> bool:
        """A plan, or a decision whose title says it issues one ("… ban hành Kế hoạch …")."""
        if c.kind in rules.plan_kinds:
            return True
        span = titles.get(c.start)
        return span is not None and rules.issues_plan.search(
            preamble.text[span[0]:span[1]].lower()) is not None

    named_in_title = _named_in_title(preamble, titles,
                                     lambda c: numbered(c) and tier(c) != 2)
    if named_in_title is not None:
        # "Kế hoạch thực hiện Quy hoạch mạng lưới cơ sở văn hóa …" and "Căn cứ Quyết định số
        # 991/QĐ-TTg … phê duyệt Quy hoạch mạng lưới cơ sở văn hóa …": the title names it
        return named_in_title
    said = [c for p in preamble.basis if p.kind == "directive" for c in p.citations if numbered(c)]
    named = [c for p in preamble.basis if p.kind == "legal" or (is_plan and p.kind == "other")
             for c in p.citations if numbered(c) and gives_task(c)]
    titled = [c for c in preamble.title_citations if _implements(preamble, c)]
    if titled and not said:
        # "Quyết định ban hành Kế hoạch triển khai Quyết định số …" whose basis only says
        # "Căn cứ": the title names what it carries out
        return _latest(titled)
    candidates = said + named + titled
    for level in (0, 1, 2):
        chosen = [c for c in candidates if tier(c) == level]
        if chosen:
            # a plan carries out the plan above it; another document (a decision publishing
            # procedures) the latest directive it names, not a plan around it
            plan_like = [c for c in chosen if is_plan_like(c)] if is_plan else []
            return _latest(plan_like or chosen)
    if is_plan:
        implemented = preamble.title_citations or [
            c for p in preamble.basis if p.kind == "issuing" for c in p.citations if numbered(c)]
        if implemented:
            best = min(tier(c) for c in implemented)
            return _latest([c for c in implemented if tier(c) == best])
    return None


_TITLE_WORD = regex.compile(r"[\p{L}\d]+")
_NAMED_MIN_WORDS = 5  # a name this long at least (fewer words match too much)
_NAMED_SHARE = 0.8  # of its words found in the basis citation's title


def _named_in_title(preamble: Preamble, titles: dict[int, tuple[int, int]],
                    eligible) -> Citation | None:
    """The basis citation whose title holds what the document's title says it carries out by
    name, without a number ("thực hiện Quy hoạch mạng lưới cơ sở văn hóa và thể thao thời kỳ
    2021-2030"): the one sharing most of the name's words, if it shares most of them (a
    directive: laws, decrees and texts with a year in their symbol give competence)."""
    title = preamble.title
    if title is None:
        return None
    text = preamble.text
    if structure_rules().amending_title.match(text, title.start, title.end):
        return None  # what an amended document carries out is not this one's parent
    openers = [m for pattern, kind in structure_rules().implementing if kind == "directive"
               for m in pattern.finditer(text, title.start, title.end)]
    if not openers:
        return None
    opened = max(m.end() for m in openers)
    after = text[opened:title.end]
    if any(c.start >= opened for c in preamble.title_citations):
        return None  # the title names a numbered document: that rule applies
    name = {w.lower() for w in _TITLE_WORD.findall(after)}
    if len(name) < _NAMED_MIN_WORDS:
        return None
    best, best_share = None, 0.0
    for paragraph in preamble.basis:
        if paragraph.kind == "proposal":
            continue  # "Theo đề nghị … tại Tờ trình số …": a proposal is carried out by no one
        for c in paragraph.citations:
            span = titles.get(c.start)
            if span is None or not eligible(c):
                continue
            words = {w.lower() for w in _TITLE_WORD.findall(text[span[0]:span[1]])}
            share = len(name & words) / len(name)
            if share > best_share:
                best, best_share = c, share
    return best if best_share >= _NAMED_SHARE else None


def _implements(preamble: Preamble, citation: Citation) -> bool:
    """A title saying the document carries the citation out ("… thực hiện Chương trình …"
    before it, or "… triển khai Quyết định số 06/… và Quyết định số 3103/…"), not that it
    amends or repeals it."""
    title = preamble.title
    if title is None or not title.start <= citation.start <= title.end:
        return False
    rules = structure_rules()
    if rules.amending_title.match(preamble.text, title.start, title.end):
        return False  # "Sửa đổi … Chương trình … thực hiện Nghị quyết số 66-NQ/TW": not its own
    # searched up to the citation's end: "theo" must be followed by the citation itself
    openers = [m for pattern, kind in rules.implementing if kind == "directive"
               for m in pattern.finditer(preamble.text, title.start, citation.end)
               if m.end() <= citation.start]
    if not openers:
        return False
    between = preamble.text[max(m.end() for m in openers):citation.start]
    return len(between) <= 60 or bool(_CHAINED.fullmatch(between)) or bool(
        _PROVIDED_IN.search(between))


# "Hướng dẫn thực hiện một số điều … quy định tại Nghị định số 61/2015/NĐ-CP": what is carried
# out is provided in the citation, however long its description (one clause, no sentence break)
_PROVIDED_IN = regex.compile(r"(?i)^[^;:.]{0,200}?(?:quy\s+định\s+tại|ban\s+hành\s+kèm\s+theo)\s+$")


# what may stand between "triển khai" and a later citation of the same list: earlier citations
# with their dates and issuers, joined by "và" or commas
_CHAINED = regex.compile(r"(?i)[^;:.]*?(?:\s+và\s+|,\s*)[^;:.]{0,60}")


def _latest(citations: list[Citation]) -> Citation:
    dated = [c for c in citations if c.date and c.date.iso]
    if dated:
        return max(dated, key=lambda c: (c.date.iso, c.start))
    return citations[-1]


def _basis_kind(line: str) -> str:
    for pattern, kind in structure_rules().basis_openers:
        if pattern.match(line):
            return kind
    return "other"


def _paragraph_kind(text: str, start: int, end: int) -> str:
    """The kind of a preamble paragraph: by its opener, or "directive" when its opening
    sentence says it carries documents out ("…, tiếp theo các Công điện số …")."""
    kind = _basis_kind(text[start:end])
    if kind == "other" and structure_rules().inline_directive.search(text, start, end):
        return "directive"
    return kind


def _issuing_clause(text: str, start: int, end: int) -> tuple[tuple[int, int], AgencyMatch] | None:
    """The last "<agency> ban hành Kế hoạch ..." clause in a paragraph, with its agency."""
    pattern = structure_rules().issuing_clause
    if _opens_clauses(pattern.pattern):
        # the clauses (all that overlap) are the matches at the places the rule's opening
        # allows (a line start or one of ";,."), tried from the last: those before the last
        # one naming an agency are never read
        clauses: Iterable = (m for m in map(pattern.match, repeat(text),
                                            _clause_openings(text, start, end), repeat(end))
                             if m is not None)
    else:
        clauses = reversed(list(pattern.finditer(text, start, end, overlapped=True)))
    for m in clauses:  # (the last that names an agency: none before it is read)
        issuer_start = m.start("issuer")
        agency = match_agency(text, issuer_start)
        if agency and agency.end == m.end("issuer"):
            return (issuer_start, end), agency
    return None


# how the issuing clause's rule opens: at a line start, or at one of ";,." and the spaces after
_CLAUSE_OPENING = r"(?:^|[;,.]\s*)"
_CLAUSE_MARKS = ";,."
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # (more than "^" may follow)


@cache
def _opens_clauses(pattern: str) -> bool:
    """True when every match of ``pattern`` starts as the rule's opening says (it starts
    with the opening and has no other alternative at its top level); worked out once per
    rule."""
    return pattern.startswith(_CLAUSE_OPENING) and len(top_level_alternatives(pattern)) == 1


def _clause_openings(text: str, start: int, end: int) -> list[int]:
    """The offsets of ``text[start:end]`` at which a clause of the rule's opening may start,
    last first: each ";", ",", ".", each line start and ``start`` (more places than the rule's
    opening takes, never fewer: a match is tried at each; found by ``str.find``)."""
    found = {start}
    for mark in _CLAUSE_MARKS:
        at = text.find(mark, start, end)
        while at != -1:
            found.add(at)
            at = text.find(mark, at + 1, end)
    for mark in _LINE_BREAKS:
        at = text.find(mark, start, end - 1)
        while at != -1:
            found.add(at + 1)
            at = text.find(mark, at + 1, end - 1)
    return sorted(found, reverse=True)
