"""Citations of other documents: "Kế hoạch số 135/KH-UBND ngày 23/4/2026 của UBND tỉnh ... về ...".

This module finds citation *mentions* in a text. Grammar in ``rules/references.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from plan_parser.extract.agencies import AgencyMatch, match_agency
from plan_parser.extract.dates import DateMatch, match_date
from plan_parser.extract.scan import ByText
from plan_parser.extract.symbols import Symbol, SymbolMemo, matching_kind, parse_symbol
from plan_parser.rules_loader import load_rules
from plan_parser.spans import run_start

_NUMBER_ONLY = re.compile(r"\d{1,5}[A-Za-z]?(?![\w/\-])")
_YEAR_ONLY = re.compile(r"\s+năm\s+((?:19|20)\d{2})(?!\d)")
_SPACES = re.compile(r"\s*")
MAX_TITLE_LENGTH = 1000  # a trích yếu is a clause, not a page: bounds the search on huge lines


@dataclass(frozen=True, slots=True)
class Citation:
    """One mention of a document by type word and number."""

    start: int
    end: int  # end of the whole mention, title included
    kind: str  # canonical type word: "Kế hoạch"
    symbol: Symbol | None  # None for a short form with a bare number
    number_only: str | None  # "144" in "Kế hoạch số 144"
    symbol_start: int
    symbol_end: int
    date: DateMatch | None
    year: int | None  # "năm 2026" without a full date
    issuer: AgencyMatch | None
    title_start: int | None
    title_end: int | None
    by_name: bool = False  # a law named before its number ("Luật Thủ đô số 39/2024/QH15")

    @property
    def symbol_text(self) -> str:
        """Canonical symbol, or the bare number of a short form."""
        return self.symbol.canonical if self.symbol else (self.number_only or "")


@dataclass(frozen=True, slots=True)
class NamesEndingIn:
    """The type names that end in one word: ``type_word_before`` restricted to them (the same
    alternatives in the same order), and the number of words and the length of the first word
    of each, as ``(words, length)`` pairs (where a match of such a name can start)."""

    pattern: re.Pattern[str]
    shapes: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class CitationGrammar:
    """Compiled citation patterns."""

    type_words: re.Pattern[str]
    type_word_symbol: re.Pattern[str]  # a type word right before a symbol, without "số"
    type_word_before: re.Pattern[str]  # a type word ending a text (searched before "số")
    type_name_ends: frozenset[str] | None  # the last words of the type names, lower case
    # per last word (lower case): the names ending in it, as where their match may start
    type_names_by_end: dict[str, NamesEndingIn] | None
    number_word: re.Pattern[str]
    named_law_before: re.Pattern[str]  # "Luật <name> " ending a text (searched before "số")
    kind_of: dict[str, str]
    symbol_only: set[str]  # type words cited only with a whole symbol ("văn bản")
    issuer_connector: re.Pattern[str]
    title_connectors: re.Pattern[str]
    title_end: re.Pattern[str]


def law_pattern(rules: dict, key: str) -> str:
    """The pattern ``key`` of rules/references.yaml with the words of a law's name
    (``law_name_words``, one definition for every pattern that reads a named law)."""
    return rules[key].replace("LAW_NAME_WORDS", rules["law_name_words"])


@cache
def citation_grammar() -> CitationGrammar:
    """Compile the citation grammar once per process."""
    rules = load_rules("references")
    aliases = rules.get("type_aliases", {})
    names = sorted([*(t["name"] for t in load_rules("doc_types")["types"]), *aliases],
                   key=len, reverse=True)
    alternatives = "|".join(_name_pattern(n) for n in names)
    connectors = sorted(rules["title_connectors"], key=len, reverse=True)
    verbs = sorted(rules["title_verbs"], key=len, reverse=True)
    return CitationGrammar(
        type_words=re.compile(
            rf"(?<![^\W\d_])(?P<kind>{alternatives})\s+{rules['number_word']}"
        ),
        type_word_before=re.compile(rf"(?<![^\W\d_])(?P<kind>{alternatives})\s+$"),
        type_name_ends=_last_words(names),
        type_names_by_end=_names_by_end(names),
        type_word_symbol=re.compile(
            rf"(?<![^\W\d_])(?P<kind>{alternatives})\s+(?=\d{{1,5}}[A-Za-z]?\s?[/-]\s?[\dA-ZĐ])"),
        number_word=re.compile(rf"(?<![^\W\d_])(?:{rules['number_word']})"),
        named_law_before=re.compile(law_pattern(rules, "named_law_before")),
        kind_of={n.lower(): aliases.get(n, n) for n in names},
        symbol_only={n.lower() for n in aliases},
        issuer_connector=re.compile(rules["issuer_connector"]),
        title_connectors=re.compile(
            r"\s+(?:(?P<connector>" + "|".join(re.escape(c) for c in connectors) + r")|(?P<verb>"
            + "|".join(re.escape(v) for v in verbs) + r"))(?![^\W\d_])"
        ),
        title_end=re.compile(rules["title_end"]),
    )


def citations_between(text: str, start: int, end: int) -> list[Citation]:
    """The citations of the whole ``text`` that start in ``[start, end)``: read once per text
    object (the preamble's basis paragraphs and the mentions of one analysis share them; an
    equal text in another analysis is read again, so that timing one document many times
    measures the work of one)."""
    citations, starts = _citations_of(text)
    return list(citations[bisect_left(starts, start):bisect_left(starts, end)])


_READ = ByText(2)  # the citations of the last texts read


def _citations_of(text: str) -> tuple[tuple[Citation, ...], list[int]]:
    store = _READ.of(text)
    if "citations" not in store:
        citations = tuple(find_citations(text, 0, len(text)))
        store["citations"] = citations, [c.start for c in citations]
    return store["citations"]


def _last_words(names: list[str]) -> frozenset[str] | None:
    """The last word of each name, lower case (None if some name does not end in a word
    that follows a space: then no word can rule out a type name before it)."""
    ends = set()
    for name in names:
        m = re.search(r"(?:^|\s)([^\W\d_]+)$", name)
        if m is None:
            return None
        ends.add(m.group(1).lower())
    return frozenset(ends)


def _name_pattern(name: str) -> str:
    """A type name as a pattern: its first letter in either case, spaces as any spaces."""
    return "[" + name[0].upper() + name[0].lower() + "]" + re.escape(name[1:]).replace(
        r"\ ", r"\s+")


def _names_by_end(names: list[str]) -> dict[str, NamesEndingIn] | None:
    """The names (longest first) grouped by their last word, lower case; None unless every
    name is words one space apart, the last of letters only (then a name can only start
    where :func:`_type_word_before` looks)."""
    if any(n != " ".join(n.split()) or not n.rsplit(" ", 1)[-1].isalpha() for n in names):
        return None
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name.rsplit(" ", 1)[-1].lower(), []).append(name)
    return {
        word: NamesEndingIn(
            pattern=re.compile(r"(?<![^\W\d_])(?P<kind>"
                               + "|".join(_name_pattern(n) for n in group) + r")\s+$"),
            shapes=tuple(sorted({(n.count(" ") + 1, len(n.split(" ", 1)[0])) for n in group})),
        )
        for word, group in groups.items()
    }


def _type_word_before(text: str, start: int, end: int, g: CitationGrammar) -> re.Match | None:
    """``g.type_word_before`` searched in ``text[start:end]``: a type name, then spaces up to
    ``end``. Tried only where a name that ends in the word before the final spaces can start:
    a name of n words starts the length of its first word before the end of the n-th word
    from the end (words as ``str.split`` and the pattern's spaces see them)."""
    if g.type_names_by_end is not None:
        if end <= start or not text[end - 1].isspace():
            return None
        window = text[start:end]
        words = window.rsplit(None, 1)  # [the rest, unstripped at the left; the last word]
        if not words:
            return None
        word = words[-1]
        if not word.isalpha():
            word_start = len(word)
            while word_start > 0 and word[word_start - 1].isalpha():
                word_start -= 1
            word = word[word_start:]
        names = g.type_names_by_end.get(word.lower())
        if names is None:
            return None
        if len(names.shapes) == 1:  # (the most: the names ending in the word are alike)
            offset = _name_offset(window, words, *names.shapes[0])
            if offset is None or offset < 0:
                return None
            return names.pattern.match(text, start + offset, end)
        offsets = {_name_offset(window, words, count, length)
                   for count, length in names.shapes} - {None}
        for offset in sorted(offsets):
            if offset >= 0:
                m = names.pattern.match(text, start + offset, end)
                if m is not None:
                    return m
        return None
    if g.type_name_ends is not None:
        word_end = run_start(text, start, end, str.isspace)
        word_start = run_start(text, start, word_end, str.isalpha)
        if word_end == end or text[word_start:word_end].lower() not in g.type_name_ends:
            return None
    return g.type_word_before.search(text, start, end)


def _name_offset(window: str, words: list[str], count: int, length: int) -> int | None:
    """Where in ``window`` a name of ``count`` words, the first ``length`` long, starts if it
    ends with the window's last word (``words``: ``window.rsplit(None, 1)``); None when the
    window has fewer words."""
    if count == 1:
        return len(window.rstrip()) - length
    # the end of the count-th word from the end: rsplit keeps the rest unstripped at the left
    # when it makes all its cuts
    cut = words if count == 2 else window.rsplit(None, count - 1)
    return len(cut[0]) - length if len(cut) == count else None


def find_citations(text: str, start: int = 0, end: int | None = None) -> list[Citation]:
    """All citations in ``text[start:end]`` in order (nested ones included)."""
    g = citation_grammar()
    end = len(text) if end is None else end
    found: list[Citation] = []
    memo: SymbolMemo = {}  # the symbols parsed so far (a plan cites its parent again and again)
    # anchor on the literal "số" (fast) and look back for the type word before it
    position = text.find("số", start, end)
    while position != -1:
        if not _NUMBER_AFTER_SO.match(text, position + 2, min(end, position + 12)):
            position = text.find("số", position + 2, end)
            continue  # "một số", "số lượng": not a document's number
        lookback = max(start, position - 40)
        before = _type_word_before(text, lookback, position, g)
        if before is not None:
            m = g.type_words.match(text, before.start(), end)
            if m is not None:
                citation = _read_citation(text, m, end, g, memo)
                if citation:
                    found.append(citation)
                    found.extend(_listed_after(text, citation, end, g, memo))
        else:
            citation = _named_law(text, position, max(start, position - 130), end, g, memo)
            if citation is not None:
                found.append(citation)
        position = text.find("số", position + 2, end)
    # "Quyết định 1719/QĐ-TTg", "Kế hoạch 223/KH-UBND": the number word left out; anchored on
    # each "/" (every symbol has one) and the number before it, then the type word before that
    seen = {c.start for c in found}
    added = False
    # each "/" but a date's ("15/6/2026", "6/2026"); the date after it is read to the end of
    # the text (as a match at the "/" would), not to ``end``
    for after in _SLASH_BUT_A_DATE.finditer(text, start):
        slash = after.start()
        if slash >= end:
            break
        number = _NUMBER_BEFORE_SLASH.search(text, max(start, slash - 16), slash)
        if number is not None:
            before = _type_word_before(text, max(start, number.start() - 40),
                                       number.start(), g)
            if before is not None and before.start() not in seen:
                m = g.type_word_symbol.match(text, before.start(), end)
                citation = _read_citation(text, m, end, g, memo) if m else None
                if citation and citation.symbol is not None:
                    found.append(citation)
                    seen.add(before.start())
                    added = True
    if added:
        found.sort(key=lambda c: c.start)
    return found


# what follows the "số" of a citation: its number (or a blank one, "số …/KH-UBND"), or a
# repeated "số" ("Chỉ thị số số 05")
_NUMBER_AFTER_SO = re.compile(r"\s*:?\s*(?:\d|[.…_ ]*/|số)")

# what follows a date's "/" ("15/6/2026", "6/2026"): a symbol's "/" is followed by letters or by
# a year and another "/" ("09/2019/NĐ-CP")
_DATE_AFTER_SLASH = re.compile(r"\d{1,2}/(?:19|20)\d\d(?![\d/])|(?:19|20)\d\d(?![\d/])")
# a "/" that no date follows (one scan in C for the "/" and the date after it)
_SLASH_BUT_A_DATE = re.compile(f"/(?!{_DATE_AFTER_SLASH.pattern})")

# the number (and a Party document's type) right before a symbol's "/": "1719", "45-KL"
_NUMBER_BEFORE_SLASH = re.compile(
    r"(?<![\w/])\d{1,5}[A-Za-z]?\s?(?:-\s?[A-ZĐ][A-Za-zĐđ]{0,5}\s?)?$")


def _named_law(text: str, position: int, lookback: int, limit: int, g: CitationGrammar,
               memo: SymbolMemo) -> Citation | None:
    """The law named before the "số" at ``position`` ("Luật Thủ đô số 39/2024/QH15"), when its
    number is a whole symbol."""
    if text.find("uật", lookback, position) == -1:
        return None  # no "Luật" in reach (one scan in C before the pattern's search)
    law = g.named_law_before.search(text, lookback, position)
    if law is None:
        return None
    number = g.number_word.match(text, position, limit)
    kind = g.kind_of.get(" ".join(law.group("kind").lower().split()))
    if number is None or kind is None:
        return None
    citation = _read_citation_at(text, kind, law.start(), number.end(), limit, g, memo)
    if citation is None or citation.symbol is None:
        return None
    return replace(citation, by_name=True)


def _read_citation(text: str, m: re.Match[str], limit: int, g: CitationGrammar,
                   memo: SymbolMemo) -> Citation | None:
    word = _kind_key(m.group("kind"))
    citation = _read_citation_at(text, g.kind_of[word], m.start(), m.end(), limit, g, memo)
    if citation is not None and citation.symbol is None and word in g.symbol_only:
        return None  # "văn bản số 2": no document's number
    return citation


def _listed_after(text: str, head: Citation, limit: int, g: CitationGrammar,
                  memo: SymbolMemo) -> list[Citation]:
    """The documents of the same kind listed after ``head`` by their symbols alone ("Công điện
    số 217/CĐ-TTg, 218/CĐ-TTg, 219/CĐ-TTg và 222/CĐ-TTg ngày 19/11/2025"): each a citation of
    the kind, the date after the last read as its own; or each with its date ("các văn bản số:
    10894/VPCP-CN ngày 8/11/2025, 8563/VPCP-CN ngày 12/9/2025")."""
    listed: list[Citation] = []
    last = head
    # each item may carry its own date ("10894/VPCP-CN ngày 8/11/2025, 8563/VPCP-CN ngày …")
    while last.symbol is not None and last.issuer is None and last.title_end is None \
            and len(listed) < _MOST_LISTED:
        joint = _LIST_JOINT.match(text, last.end, limit)
        if joint is None:
            break
        symbol = parse_symbol(text, joint.end(), memo)
        if symbol is None or symbol.number is None or symbol.type_code != head.symbol.type_code:
            break
        item = _read_citation_at(text, head.kind, joint.end(), joint.end(), limit, g, memo)
        if item is None or item.symbol is None:
            break
        listed.append(item)
        last = item
    return listed


@lru_cache(maxsize=1024)
def _kind_key(written: str) -> str:
    """A type word as written ("Kế  hoạch", "KẾ HOẠCH") as the grammar's ``kind_of`` keys it:
    lower case, one space between words."""
    return " ".join(written.lower().split())


_LIST_JOINT = re.compile(r"[ \t]*(?:,|và|;)[ \t\n]*(?:số[ \t]+)?(?=\d)")
_MOST_LISTED = 20


def _read_citation_at(text: str, kind: str, start: int, pos: int, limit: int,
                      g: CitationGrammar, memo: SymbolMemo) -> Citation | None:
    """The citation of a ``kind`` document whose symbol (or number) starts at ``pos``
    (``memo``: the symbols parsed so far in ``text``, see :func:`parse_symbol`)."""
    symbol = parse_symbol(text, pos, memo)
    number_only = None
    if symbol and symbol.number is not None:
        symbol_end = pos + len(symbol.text)
        symbol = matching_kind(symbol, kind)
    else:
        symbol = None
        bare = _NUMBER_ONLY.match(text, pos)
        if not bare:
            return None
        number_only, symbol_end = bare.group(), bare.end()
    cursor = symbol_end
    date = match_date(text, _SPACES.match(text, cursor).end())
    if date and date.end <= limit:
        cursor = date.end
    else:
        date = None
    year = None
    year_match = _YEAR_ONLY.match(text, cursor)
    if not date and year_match:
        year, cursor = int(year_match.group(1)), year_match.end()
    issuer = None
    connector = g.issuer_connector.match(text, cursor)
    if connector:
        issuer = match_agency(text, connector.end())
        if issuer and issuer.end <= limit:
            cursor = issuer.end
        else:
            issuer = None
    title_start = title_end = None
    opener = g.title_connectors.match(text, cursor)
    if opener:
        if opener.group("connector"):
            title_start = _SPACES.match(text, opener.end()).end()
        else:
            title_start = opener.start("verb")
        window = min(limit, opener.end() + MAX_TITLE_LENGTH)
        stop = g.title_end.search(text, opener.end(), window)
        title_end = stop.start() if stop else _line_end(text, opener.end(), window)
        while title_end > opener.end() and text[title_end - 1] in " ,.":
            title_end -= 1  # (not text[:title_end].rstrip(): a copy of the text per citation)
        if title_end <= title_start:
            title_start = title_end = None
    return Citation(
        start=start,
        end=title_end if title_end else cursor,
        kind=kind,
        symbol=symbol,
        number_only=number_only,
        symbol_start=pos,
        symbol_end=symbol_end,
        date=date,
        year=year,
        issuer=issuer,
        title_start=title_start,
        title_end=title_end,
    )


def _line_end(text: str, pos: int, limit: int) -> int:
    newline = text.find("\n", pos, limit)
    return limit if newline == -1 else newline
