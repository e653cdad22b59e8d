"""Every mention of a document in a text: citations, bare symbols, laws by name, aliases,
and the document itself ("Kế hoạch này"). Grammar in ``rules/references.yaml``.

Forms: ``full`` (with a date or an issuer), ``short`` (type word and number only, or a bare
symbol), ``alias`` (a name defined by "(sau đây gọi tắt là …)" and its later uses), ``self``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

import regex

from plan_parser.extract.agencies import AgencyMatch
from plan_parser.extract.dates import DateMatch, match_date
from plan_parser.extract.references import Citation, citations_between, law_pattern
from plan_parser.extract.scan import anchored_matches, in_url_escapes, word_start_matches
from plan_parser.extract.symbols import Symbol, grammar, parse_symbol
from plan_parser.rules_loader import load_rules
from plan_parser.spans import SpanSet


@dataclass(slots=True)
class ReferenceMention:
    """One mention of a document (normalized offsets)."""

    start: int
    end: int
    form: str  # full | short | alias | self
    kind: str | None  # "Kết luận", "Luật" …
    symbol: Symbol | None = None
    number_only: str | None = None  # "144" in "Kế hoạch số 144"
    law_name: str | None = None  # "Luật Tổ chức chính quyền địa phương"
    citation: Citation | None = None
    alias_of: int | None = None  # index of the mention an alias stands for
    law_date: DateMatch | None = None  # "Luật … ngày 16 tháng 6 năm 2025"

    @property
    def date(self) -> DateMatch | None:
        """The date the mention gives, if any."""
        return self.citation.date if self.citation else self.law_date

    @property
    def issuer(self) -> AgencyMatch | None:
        """The issuing body the mention names, if any."""
        return self.citation.issuer if self.citation else None


@dataclass(frozen=True, slots=True)
class MentionGrammar:
    """Compiled mention patterns."""

    alias_definition: re.Pattern[str]
    self_reference: re.Pattern[str]
    law_name: regex.Pattern[str]
    numbered_law: regex.Pattern[str]
    law_stops: frozenset[str]
    known_laws: regex.Pattern[str] | None
    # a word before a law name's comma and the word after it, as in the names of
    # rules/law_names.yaml ("phòng", "chống"): the name goes on over such a comma
    comma_pairs: frozenset[tuple[str, str]]
    law_names: dict[str, str]  # a known name, case folded → as the rules write it
    bare_symbol: re.Pattern[str]
    # what every match of ``bare_symbol`` starts with (its number's first digit), if the rules
    # say so: the scan around a "/" starts there, not at every position before it
    bare_symbol_start: re.Pattern[str] | None
    kind_of_code: dict[str, str]


@cache
def mention_grammar() -> MentionGrammar:
    """Compile the mention grammar once per process."""
    rules = load_rules("references")
    derived = [entry["name"] for entry in load_rules("law_names").get("names", [])]
    laws = list(dict.fromkeys([*load_rules("registry").get("laws", []), *derived]))
    # (its words after "Luật" in any case: "Luật Khoa học, Công nghệ và Đổi mới sáng tạo" is
    # one name; "Luật" itself capitalised: "pháp luật phòng, chống tham nhũng" names no law)
    known = (regex.compile("(?<![\\p{L}\\d])(?:" + "|".join(
        _known_name_pattern(name) for name in sorted(laws, key=len, reverse=True))
        + ")(?![\\p{L}\\d])") if laws else None)
    not_pairs = re.compile(rules["law_comma_pairs_not_from"])
    kind_of_code: dict[str, str] = {}
    for entry in load_rules("doc_types")["types"]:
        for code in entry.get("codes", []):
            kind_of_code.setdefault(code, entry["name"])
    symbols = load_rules("symbols")
    number, code = symbols["number"], symbols["code"]
    bare = re.compile(  # no leading lookbehind (fast scan): see _bare_symbols; a stray space
        # around a separator is tolerated ("223/KH- UBND") and reported as malformed
        # (and a line break right after a hyphen: a table cell wraps there, "03/2017/TT-" /
        # "BLĐTBXH", as the symbol grammar crosses it)
        rf"(?:{number} ?- ?{code} ?/ ?{code}(?: ?-{_HYPHEN_WRAP}{code})*"
        rf"|{number} ?/ ?(?:(?:19|20)\d\d ?/ ?)?{code}(?: ?-{_HYPHEN_WRAP}{code})+"
        rf"|{number} ?/ ?(?:19|20)\d\d ?/ ?(?:UBTV)?QH\d{{1,2}})(?![\w/])"
    )
    return MentionGrammar(
        alias_definition=re.compile(rules["alias_definition"]),
        self_reference=re.compile(rules["self_reference"].replace("(?<![^\\W\\d_])", "", 1)),
        law_name=regex.compile(rules["law_name"].replace("(?<![^\\W\\d_])", "", 1)),
        numbered_law=regex.compile(law_pattern(rules, "numbered_law")),
        law_stops=frozenset(rules["law_name_stops"]),
        known_laws=known,
        law_names={name.casefold(): name for name in sorted(laws, key=_canonical_first)},
        comma_pairs=frozenset(pair for name in laws if not not_pairs.search(name)
                              for pair in _comma_pairs(name)),
        bare_symbol=bare,
        # (each alternative of ``bare`` opens on the number)
        bare_symbol_start=(_DIGIT if _MANDATORY_DIGIT_FIRST.match(number) and "|" not in number
                           else None),
        kind_of_code=kind_of_code,
    )


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[ReferenceMention]:
    """All document mentions in ``text[start:end]``, in order of position."""
    end = len(text) if end is None else end
    g = mention_grammar()
    mentions: list[ReferenceMention] = []
    for citation in citations_between(text, start, end):
        if citation.by_name:
            continue  # read with its name by _laws
        form = "full" if (citation.date or citation.issuer) else "short"
        mentions.append(ReferenceMention(citation.start, citation.end, form, citation.kind,
                                         citation.symbol, citation.number_only,
                                         citation=citation))
    _laws(text, start, end, g, mentions)
    covered = [(m.start, m.citation.symbol_end) if m.citation is not None else (m.start, m.end)
               for m in mentions]
    _bare_symbols(text, start, end, g, mentions, covered)
    mentions.sort(key=_START)
    _aliases(text, start, end, g, mentions)
    for m in word_start_matches(g.self_reference, text, start, end):
        kind = " ".join(m.group().split()[:-1])
        mentions.append(ReferenceMention(m.start(), m.end(), "self", kind))
    mentions.sort(key=_START_END)
    return [m for m in mentions if not _in_web_address(text, m)]


_START = attrgetter("start")  # (sort keys read in C)
_START_END = attrgetter("start", "end")


def _in_web_address(text: str, mention: ReferenceMention) -> bool:
    """A symbol cut out of a web address's escapes ("Keyword=S%E1%BB%91%2031/2015/N%C4%90-CP"
    reads "2031/2015/N" and "…/TT-BL"): the document's own text cites it, not the link."""
    if mention.form == "self":
        return False
    symbol_end = mention.citation.symbol_end if mention.citation is not None else mention.end
    return in_url_escapes(text, mention.start, symbol_end)


def _bare_symbols(text: str, start: int, end: int, g: MentionGrammar,
                  mentions: list[ReferenceMention], covered: list[tuple[int, int]]) -> None:
    covered = sorted(covered)
    covered_starts = [s for s, _ in covered]
    for m in _slash_anchored(text, start, end, g.bare_symbol, g.bare_symbol_start):
        i = bisect_right(covered_starts, m.start()) - 1
        if i >= 0 and covered[i][0] <= m.start() < covered[i][1]:
            continue
        symbol = parse_symbol(text, m.start())
        if symbol is None or symbol.number is None:
            continue
        # without a type code only a National Assembly text in a list: "Luật số 43/2024/QH15,
        # số 47/2024/QH15"
        if symbol.type_code is None and not (
                symbol.year and symbol.issuer_code
                and _NATIONAL_ASSEMBLY.fullmatch(symbol.issuer_code)):
            continue
        kind = g.kind_of_code.get(symbol.type_code) if symbol.type_code else None
        mentions.append(ReferenceMention(m.start(), m.start() + len(symbol.text), "short", kind,
                                         symbol))


_HYPHEN_WRAP = r"(?:[ \t]*\r?\n[ \t]*| ?)"
_NATIONAL_ASSEMBLY = re.compile(r"(?:UBTV)?QH\d{1,2}")
_DIGIT = re.compile(r"\d")
# a pattern that opens on a digit it cannot leave out: "\d" not followed by a quantifier that
# allows none ("\d{1,5}", "\d+" or a single "\d"; not "\d?", "\d*", "\d{0,3}"); with no "|"
# in it, no alternative can open otherwise
_MANDATORY_DIGIT_FIRST = re.compile(r"\\d(?:\{[1-9]|\+|(?![*?{]))")


def _slash_anchored(text: str, start: int, end: int, pattern: re.Pattern[str],
                    first: re.Pattern[str] | None = None):
    """Matches of a symbol pattern found around each "/" (every symbol has one; fast).
    ``first``: what every match of ``pattern`` starts with; the scan of the window before a
    "/" starts at its first occurrence (the same matches: none can start before it)."""
    last_end = start
    find = text.find
    slash = find("/", start, end)
    while slash != -1:
        after = text[slash + 1:slash + 6]
        if not (after[:1].isupper() or (after[:2] in ("19", "20") and after[4:5] == "/")):
            slash = find("/", slash + 1, end)  # a date or a fraction, not a symbol
            continue
        window_start = max(last_end, slash - 24)
        m = None
        if first is not None:
            opening = first.search(text, window_start, slash)
            # (none before the "/": no match holds it, as none starts at or after it)
            if opening is not None:
                m = _holding(pattern, text, opening.start(), min(end, slash + 48), slash, True)
        else:
            m = _holding(pattern, text, window_start, min(end, slash + 48), slash, False)
        if m is not None:
            at = m.start()
            if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "/-."):
                yield m
                last_end = m.end()
                slash = find("/", last_end, end)
                continue
        slash = find("/", slash + 1, end)


def _holding(pattern: re.Pattern[str], text: str, start: int, end: int, position: int,
             not_empty: bool) -> re.Match[str] | None:
    """The first of ``pattern.finditer(text, start, end)`` that holds ``position``, if any.
    ``not_empty``: no match of ``pattern`` is empty; then the matches are searched for one by
    one, each after the last (as finditer goes on), and none after ``position``."""
    if not not_empty:
        return next((m for m in pattern.finditer(text, start, end)
                     if m.start() <= position < m.end()), None)
    m = pattern.search(text, start, end)
    while m is not None and m.start() <= position:
        if position < m.end():
            return m
        m = pattern.search(text, m.end(), end)
    return None


def _laws(text: str, start: int, end: int, g: MentionGrammar,
          mentions: list[ReferenceMention]) -> None:
    """Laws cited by name: the known names first, then a name up to the "số" of its number,
    then any other name (each where none before it was read)."""
    taken = SpanSet(())
    if g.known_laws is not None:
        for m in g.known_laws.finditer(text, start, end):
            taken.add(*m.span())
            symbol, name_end = _law_number(text, m.end(), end)
            name = " ".join(m.group().split())
            mentions.append(_law_mention(text, m.start(), g.law_names.get(name.casefold(), name),
                                         symbol, name_end, end))
    # "Luật Phí và lệ phí số 97/2015/QH13", "Bộ luật tố tụng hình sự số 01/2015/QH13": a name
    # of any words up to the "số" of its number
    for m in anchored_matches(g.numbered_law, text, start, end, ("Luật", "Bộ luật", "Bộ Luật")):
        if taken.overlaps(m.start(), m.start() + 1):
            continue
        symbol, name_end = _law_number(text, m.end("name"), end)
        if symbol is None:
            continue
        head = m.group()[: m.start("name") - m.start()]
        name = " ".join(f"{head} {m.group('name')}".split()).rstrip(",")
        taken.add(m.start(), name_end)  # at the end: matches come in order (linear)
        mentions.append(_law_mention(text, m.start(), name, symbol, name_end, end))
    for m in anchored_matches(g.law_name, text, start, end, ("Luật", "Bộ luật")):
        if taken.overlaps(m.start(), m.start() + 1):
            continue
        words = m.group("name").split()
        kept: list[str] = []
        for word in words:
            if word in g.law_stops:
                break
            kept.append(word)
        if not kept:
            continue
        head = m.group()[: m.start("name") - m.start()].strip()
        words_end = _end_of_words(text, m.start("name"), len(kept))
        if len(kept) == len(words):  # (no stop word: the name may go on over a comma)
            kept, words_end = _over_commas(text, kept, words_end, end, g)
        name = f"{' '.join(head.split())} {' '.join(kept)}"
        symbol, name_end = _law_number(text, words_end, end)
        mentions.append(_law_mention(text, m.start(), name, symbol, name_end, end))


def _known_name_pattern(name: str) -> str:
    """A known law's name as a pattern: "Luật" as written, the words after it in any case."""
    head, _, rest = name.partition(" ")
    words = regex.escape(rest).replace(r"\ ", r"\s+")
    return f"{regex.escape(head)}\\s+(?i:{words})" if rest else regex.escape(head)


def _canonical_first(name: str) -> tuple[bool, str]:
    """Of two known names that differ only in case, the one written as laws are named ("Luật
    Khám bệnh, chữa bệnh": its second word capitalised) is kept: it sorts last."""
    words = name.split()
    return (len(words) > 1 and words[1][:1].isupper(), name)


def joined_pairs() -> frozenset[tuple[str, str]]:
    """The pairs of words a comma joins inside one name, as the known law names join them
    ("phòng", "chống"; "khám bệnh", "chữa bệnh" by their last and first words), lower case."""
    return mention_grammar().comma_pairs


def _comma_pairs(name: str) -> list[tuple[str, str]]:
    """The word before each comma of a law's name and the word after it, lower case."""
    parts = name.split(",")
    return [(before.split()[-1].lower(), after.split()[0].lower())
            for before, after in itertools.pairwise(parts) if before.split() and after.split()]


_AFTER_COMMA = regex.compile(r",?[ \t]+(?P<words>\p{L}+(?:[ \t]+\p{L}+){0,9})(?![\p{L}\d])")


def _over_commas(text: str, kept: list[str], words_end: int, end: int,
                 g: MentionGrammar) -> tuple[list[str], int]:
    """A law's name read on over each comma that joins a pair of words the derived names join
    ("Luật Phòng, chống thiên tai": "phòng, chống"), up to a stop word."""
    # (a name's last word read with what follows it up to a space: "Phòng," ends at its comma)
    while text[words_end - 1:words_end + 1].startswith(",") \
            and (more := _AFTER_COMMA.match(text, words_end, end)) is not None:
        words = more.group("words").split()
        if (kept[-1].lower(), words[0].lower()) not in g.comma_pairs:
            break
        taken = list(itertools.takewhile(lambda w: w not in g.law_stops, words))
        kept = [*kept[:-1], f"{kept[-1]},", *taken]
        words_end = _end_of_words(text, more.start("words"), len(taken))
        if len(taken) < len(words):
            break
    return kept, words_end


def _law_mention(text: str, begin: int, name: str, symbol: Symbol | None, name_end: int,
                 end: int) -> ReferenceMention:
    """A law's mention from its name on, with the date after its name (or number), if any."""
    date = _date_after(text, name_end, end)
    return ReferenceMention(begin, date.end if date else name_end, "full", "Luật", symbol=symbol,
                            law_name=name, law_date=date)


def _law_number(text: str, position: int, end: int) -> tuple[Symbol | None, int]:
    """The number after a law's name ("Luật Đất đai số 31/2024/QH15") and where it ends."""
    numbered = _LAW_NUMBER.match(text, position, end)
    if numbered:
        symbol = parse_symbol(text, numbered.end())
        if symbol is not None and symbol.number and numbered.end() + len(symbol.text) <= end:
            return symbol, numbered.end() + len(symbol.text)
    return None, position


def _date_after(text: str, position: int, end: int) -> DateMatch | None:
    """The date right after a law's name ("… ngày 16 tháng 6 năm 2025"), if any."""
    gap = len(text[position:position + 4]) - len(text[position:position + 4].lstrip(" "))
    date = match_date(text, position + gap) if gap else None
    return date if date is not None and date.end <= end else None


_NEXT_WORD = re.compile(r"\s*\S+")
_LAW_NUMBER = re.compile(r",?\s*số\s*:?\s*(?=\d)")


def _end_of_words(text: str, position: int, count: int) -> int:
    """Where the ``count`` whitespace-separated words from ``position`` end."""
    for _ in range(count):
        match = _NEXT_WORD.match(text, position)
        if not match:
            break
        position = match.end()
    return position


def _aliases(text: str, start: int, end: int, g: MentionGrammar,
             mentions: list[ReferenceMention]) -> None:
    """Alias definitions and later uses of non-citation aliases. ``mentions`` are in order of
    position; each alias text is looked for once, after its first definition (a use belongs
    to the first document given that name)."""
    starts = [x.start for x in mentions]
    ending_at: dict[int, list[ReferenceMention]] = {}
    for x in mentions:
        if x.form != "self":
            ending_at.setdefault(x.end, []).append(x)
    index_of = {id(x): i for i, x in enumerate(mentions)}
    definitions: dict[str, int] = {}  # alias → where its first definition ends
    for m in g.alias_definition.finditer(text, start, end):
        alias_start, alias_end = m.span("alias")
        inside = mentions[bisect_left(starts, alias_start):bisect_left(starts, alias_end)]
        if inside:  # the alias is itself a citation ("Kết luận số 226-KL/TW"): its symbol says
            for mention in inside:  # which document it is
                mention.form = "alias"
            continue
        target = _directly_before(text, ending_at, m.start())
        if target is None:
            continue  # names something else ("… các Phòng Nghiệp vụ (sau đây gọi chung là …)")
        mentions.append(ReferenceMention(alias_start, alias_end, "alias", target.kind,
                                         target.symbol, target.number_only, target.law_name,
                                         alias_of=index_of[id(target)]))
        definitions.setdefault(m.group("alias"), m.end())
    named: dict[str, list[ReferenceMention]] = {}  # the alias mentions by their text
    for x in mentions:
        if x.form == "alias":
            named.setdefault(text[x.start:x.end], []).append(x)
    for alias, after in definitions.items():
        target = next(x for x in named[alias] if x.end <= after)
        for use in _uses(text, alias, after, end):
            mentions.append(ReferenceMention(use.start(), use.end(), "alias", target.kind,
                                             target.symbol, target.number_only, target.law_name,
                                             alias_of=target.alias_of))


def _uses(text: str, alias: str, after: int, end: int) -> Iterator[re.Match[str]]:
    """The uses of ``alias`` in ``text[after:end]``, found from its first word with str.find
    (far faster than a regex scan of the whole text for each alias)."""
    pattern = re.compile(r"(?<![\w])" + re.escape(alias).replace(r"\ ", r"\s+") + r"(?![\w])")
    if not alias[:1] or alias[0].isspace():
        yield from pattern.finditer(text, after, end)
        return
    first = alias.split(maxsplit=1)[0]
    position = text.find(first, after, end)
    while position != -1:
        m = pattern.match(text, position, end)
        if m is not None:
            yield m
            position = text.find(first, m.end(), end)
        else:
            position = text.find(first, position + 1, end)


def _directly_before(text: str, ending_at: dict[int, list[ReferenceMention]],
                     position: int) -> ReferenceMention | None:
    """The outermost citation ending right before ``position`` (nested ones end there too)."""
    adjacent_end = position
    while adjacent_end > 0 and text[adjacent_end - 1] in " ,":
        adjacent_end -= 1
    adjacent = ending_at.get(adjacent_end, [])
    return min(adjacent, key=lambda m: m.start) if adjacent else None


__all__ = ["ReferenceMention", "find_mentions", "grammar"]
