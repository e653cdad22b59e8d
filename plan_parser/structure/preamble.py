"""The preamble: trích yếu (title), basis paragraphs, the issuing clause and the parent plan."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from plan_parser.extract.agencies import AgencyMatch, match_agency
from plan_parser.extract.references import Citation, find_citations
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
        while index < stop and _continues_caps_title(text, (start, end), lines[index]):
            end = lines[index][1]
            index += 1
        title = TextSpan(" ".join(norm.display(start, end).split()), start, end)
    basis: list[BasisParagraph] = []
    clause: TextSpan | None = None
    issuer: AgencyMatch | None = None
    for start, end in lines[index:stop]:
        paragraph = BasisParagraph(start, end, _basis_kind(text[start:end]),
                                   top_level(find_citations(text, start, end)))
        found = _issuing_clause(text, start, end)
        if found:
            clause_span, issuer = found
            clause = TextSpan(norm.display(*clause_span), *clause_span)
            if clause_span[0] == start:
                paragraph.kind = "issuing"
        basis.append(paragraph)
    title_citations = top_level(find_citations(_words_lowered(text, title.start, title.end),
                                               title.start, title.end)) if title else []
    return Preamble(title, basis, clause, issuer, title_citations, text)


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
    """The document this one implements: the latest directive cited in the basis.

    A commune plan cites the Party conclusion, the Government's decision and the province's
    plan; the one it implements directly is the most recent of them, whether the basis says
    "Thực hiện" or "Căn cứ". A guidance letter (Công văn hướng dẫn …) implements that plan
    rather than being it, and a legal normative document (Luật, Nghị định, a numbered
    "…/2025/QĐ-UBND") is a legal basis: they are chosen only when nothing else is cited.
    A document that is not a plan (a decree, a circular, a decision) only implements what it
    says it carries out ("Thực hiện …", its title) or a plan-like document it names as its
    basis; its legal bases alone give it no parent. The title and the issuing clause come last.
    """
    rules = structure_rules()

    def tier(c: Citation) -> int:
        if c.kind in rules.legal_kinds or (c.symbol is not None and c.symbol.year is not None):
            return 2
        return 1 if c.kind in rules.guidance_kinds else 0

    def usable(paragraph_kind: str, c: Citation) -> bool:
        if c.symbol is None and not c.number_only:
            return False
        if is_plan:
            return True
        return paragraph_kind == "directive" or (paragraph_kind == "legal"
                                                  and c.kind in rules.plan_kinds)

    candidates = [c for p in preamble.basis if p.kind in ("directive", "legal", "other")
                  for c in p.citations if usable(p.kind, c)]
    titled = [c for c in preamble.title_citations if _implements(preamble, c)]
    if titled and not any(p.kind == "directive" and p.citations for p in preamble.basis):
        # "Quyết định ban hành Kế hoạch triển khai Quyết định số …" whose basis only says
        # "Căn cứ": the title names what it carries out
        return _latest(titled)
    if candidates:
        best = min(tier(c) for c in candidates)
        chosen = [c for c in candidates if tier(c) == best]
        if is_plan:  # a plan implements the plan above it rather than the decisions around it
            chosen = [c for c in chosen if c.kind in rules.plan_kinds] or chosen
        return _latest(chosen)
    implemented = (preamble.title_citations if is_plan else
                   [c for c in preamble.title_citations if _implements(preamble, c)])
    if implemented:
        return _latest(implemented)
    if is_plan:
        candidates = [c for p in preamble.basis if p.kind == "issuing" for c in p.citations
                      if c.symbol is not None or c.number_only]
        if candidates:
            best = min(tier(c) for c in candidates)
            return _latest([c for c in candidates if tier(c) == best])
    return None


def _implements(preamble: Preamble, citation: Citation) -> bool:
    """A title saying the document carries the citation out ("… thực hiện Chương trình …"
    before it, or "… triển khai Quyết định số 06/… và Quyết định số 3103/…"), not that it
    amends or repeals it."""
    title = preamble.title
    if title is None or not title.start <= citation.start <= title.end:
        return False
    rules = structure_rules()
    # searched up to the citation's end: "theo" must be followed by the citation itself
    openers = [m for pattern, kind in rules.implementing if kind == "directive"
               for m in pattern.finditer(preamble.text, title.start, citation.end)
               if m.end() <= citation.start]
    if not openers:
        return False
    between = preamble.text[max(m.end() for m in openers):citation.start]
    return len(between) <= 60 or bool(_CHAINED.fullmatch(between))


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


def _issuing_clause(text: str, start: int, end: int) -> tuple[tuple[int, int], AgencyMatch] | None:
    """The last "<agency> ban hành Kế hoạch ..." clause in a paragraph, with its agency."""
    found = None
    for m in structure_rules().issuing_clause.finditer(text, start, end, overlapped=True):
        issuer_start = m.start("issuer")
        agency = match_agency(text, issuer_start)
        if agency and agency.end == m.end("issuer"):
            found = ((issuer_start, end), agency)
    return found
