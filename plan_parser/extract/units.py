"""Mentions of responsible units: agencies, office-holders, named units, heads of groups.

Grammar in ``rules/units.yaml`` (and the agency grammar of ``rules/agencies.yaml``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from plan_parser.extract.agencies import AgencyMatch, agency_grammar, find_heads, match_agency
from plan_parser.extract.scan import (
    leading_literals,
    lowered,
    word_starts_at_anchors,
)
from plan_parser.gazetteer import name_key
from plan_parser.normalize.tone import canonical_tone
from plan_parser.rules_loader import load_rules

_WORD = re.compile(r"[ \t]+([^\s,;:.()“”\"]+)")  # names never cross a line break
_DASH_JOIN = re.compile(r"\s*[-–—]\s*")
_BLANKS = re.compile(r"[ \t]+")
_LINE_DASH = re.compile(r"[ \t]*[-–—][ \t]*")
_BARE_WORD = re.compile(r"[^\s,;:.()“”\"]+")
_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,2}(?![\w/])")
_JOINER = re.compile(r"\s*(?:và|&)\s*", re.I)  # "HĐND và UBND xã", "HĐND & UBND xã"


@dataclass(frozen=True, slots=True)
class UnitMention:
    """A unit named in the text (normalized offsets)."""

    start: int
    end: int
    kind: str  # agency | named | group_head | group
    head: str  # canonical head: "Ủy ban nhân dân", "Phòng", "Thủ trưởng" …
    agency: AgencyMatch | None = None  # for agencies and owner agencies of named units


@dataclass(frozen=True, slots=True)
class UnitGrammar:
    """Compiled unit grammar."""

    named_heads: re.Pattern[str]  # matched at a position (any case)
    named_heads_scan: re.Pattern[str]  # scanned over the lower-cased text
    named_anchors: tuple[str, ...]  # the literal words every named head starts with
    known_names: re.Pattern[str]  # one alternation, longest name first
    group_heads: re.Pattern[str]  # matched on the lower-cased text, where an anchor starts
    group_anchors: tuple[str, ...]  # the literal words every group head starts with
    groups: re.Pattern[str]
    group_of_agency: re.Pattern[str]
    non_actor_before: re.Pattern[str]
    name_stops: frozenset[str]
    max_name_words: int
    level_words: re.Pattern[str]
    not_units: frozenset[str]
    party_heads: frozenset[str]  # "Đảng bộ", "Đảng ủy": may be followed by their agency
    not_unit_agencies: frozenset[str]  # names of the agency heads in ``not_units``
    party_agencies: frozenset[str]  # names of the agency heads in ``party_heads``
    head_compound: re.Pattern[str] | None  # "giao " before "ban": no head


def _loose(phrase: str) -> str:
    """Regex for a phrase: any case, flexible spaces, any dash spacing."""
    words = canonical_tone(phrase).split()
    parts = []
    for word in words:
        if word in ("-", "–"):
            parts.append(r"[-–—]")
        else:
            parts.append(re.escape(word))
    pattern = r"\s*".join(parts) if "-" in phrase else r"\s+".join(parts)
    return pattern.replace(r"\s+[-–—]\s+", r"\s*[-–—]\s*").replace(r"\-", r"[-–—]")


@cache
def unit_grammar() -> UnitGrammar:
    """Compile the unit grammar once per process."""
    data = load_rules("units")
    heads = sorted(data["named_heads"], key=len, reverse=True)
    names = sorted(data["known_names"], key=len, reverse=True)
    group_heads = sorted(data["group_heads"], key=len, reverse=True)
    nouns = "|".join(_phrase_pattern(n) for n in sorted(data["group_nouns"], key=len,
                                                          reverse=True))
    group_alternatives = "|".join(_loose(h.lower()) for h in group_heads)
    named_alternatives = "|".join(_loose(h.lower()) for h in heads)
    not_units = frozenset(name_key(n) for n in data["not_units"])
    party_heads = frozenset(name_key(h) for h in data["party_heads"])
    agency_names = {head.name for head in agency_grammar().head_of.values()}
    return UnitGrammar(
        named_heads=re.compile(
            r"(?P<head>" + "|".join(_loose(h) for h in heads) + r")(?![^\W\d_])", re.I),
        named_heads_scan=re.compile(r"(?P<head>" + named_alternatives + r")(?![^\W\d_])"),
        named_anchors=leading_literals(named_alternatives),
        known_names=re.compile(r"[ \t]+(?:" + "|".join(_phrase_pattern(n) for n in names)
                               + r")(?![^\W\d_])", re.I),
        group_heads=re.compile(r"(?P<head>" + group_alternatives + r")(?![^\W\d_])"),
        group_anchors=leading_literals(group_alternatives),
        # "các" + nouns, or two nouns or more: one bare noun ("cơ quan hành chính …") is no group
        groups=re.compile(
            r"\s+(?:các\s+(?:" + nouns + r")(?:(?:\s*,\s*|\s+và\s+)(?:" + nouns + r"))*"
            + r"|(?:" + nouns + r")(?:(?:\s*,\s*|\s+và\s+)(?:" + nouns + r"))+)"
            + data["group_tail"] + r"(?![^\W\d_])", re.I),
        group_of_agency=re.compile(data["group_of_agency"], re.I),
        non_actor_before=re.compile(r"(?:" + "|".join(data["non_actor_before"]) + r")\s+$",
                                    re.I),
        name_stops=frozenset(data["name_stops"]),
        max_name_words=int(data["max_name_words"]),
        level_words=re.compile(r"[ \t]+(?:" + "|".join(_loose(w) for w in data["level_words"])
                               + r")(?![^\W\d_])"),
        party_heads=party_heads,
        party_agencies=frozenset(n for n in agency_names if name_key(n) in party_heads),
        head_compound=re.compile(
            r"(?:" + "|".join(re.escape(c.lower().rsplit(" ", 1)[0]) for c in
                             data.get("head_compounds", [])) + r")\s+$")
        if data.get("head_compounds") else None,
        not_units=not_units,
        not_unit_agencies=frozenset(n for n in agency_names if name_key(n) in not_units),
    )


def _phrase_pattern(phrase: str) -> str:
    text = canonical_tone(phrase)
    out = []
    for piece in re.split(r"(\s*[-–]\s*|\s+|,)", text):
        if not piece:
            continue
        if piece.strip() in ("-", "–"):
            out.append(r"\s*[-–—]\s*")
        elif piece.isspace():
            out.append(r"\s+")
        elif piece == ",":
            out.append(",")
        else:
            out.append(re.escape(piece))
    return "".join(out)


def find_unit_mentions(text: str, start: int, end: int,
                       excluded: list[tuple[int, int]] | None = None) -> list[UnitMention]:
    """Unit mentions in ``text[start:end]`` outside the ``excluded`` spans (citations)."""
    excluded = excluded or []
    candidates: list[UnitMention] = []
    candidates.extend(_named_units(text, start, end))
    candidates.extend(_group_heads(text, start, end))
    candidates.extend(_agencies(text, start, end))
    g = unit_grammar()
    candidates = [c for c in candidates if not _non_actor(text, c.start, start, g)]
    chosen: list[UnitMention] = []
    taken = _Intervals(excluded)
    # longest first; a mention inside another is part of it ("Văn phòng Thanh tra tỉnh")
    for mention in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        if taken.overlaps(mention.start, mention.end):
            continue
        taken.add(mention.start, mention.end)
        chosen.append(mention)
    chosen.sort(key=lambda m: m.start)
    return chosen


class _Intervals:
    """Disjoint spans with an overlap test in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _non_actor(text: str, position: int, start: int, g: UnitGrammar) -> bool:
    """A mention right after "thẩm quyền", or after "đối với" in mid-sentence, is no actor."""
    before = g.non_actor_before.search(text, max(start, position - 20), position)
    if before is None:
        return False
    # at a line start it is a heading: read back over the spaces only, not the whole line
    i = before.start()
    while i > 0 and text[i - 1] != "\n" and text[i - 1].isspace():
        i -= 1
    return i > 0 and text[i - 1] != "\n"


def _agencies(text: str, start: int, end: int) -> list[UnitMention]:
    g = unit_grammar()
    found = []
    for m in find_heads(text, start, end):
        agency = match_agency(text, m.start())
        if agency is None or agency.end > end:
            continue
        if agency.head.name in g.not_unit_agencies:
            continue
        end_at = agency.end
        if agency.head.name in g.party_agencies and agency.locality_kind is None:
            owner = match_agency(text, agency.end + 1) if text[agency.end:agency.end + 1] == " " \
                else None  # "Đảng bộ Thanh tra tỉnh": the party organisation of an agency
            if owner is not None and owner.end <= end:
                end_at = owner.end
        found.append(UnitMention(agency.start, end_at, "agency", agency.head.name, agency))
    return found


def _owner(text: str, pos: int, end: int) -> tuple[int, AgencyMatch | None]:
    """An owner agency after a named unit's head: "Thanh tra tỉnh", "HĐND và UBND xã"."""
    agency = match_agency(text, pos)
    if agency is None:
        return pos, None
    final = agency
    joiner = _JOINER.match(text, agency.end)
    if joiner:
        second = match_agency(text, joiner.end())
        if second is not None and second.end <= end:
            final = second
    return final.end, final


def _named_units(text: str, start: int, end: int) -> list[UnitMention]:
    g = unit_grammar()
    found = []
    low = lowered(text)
    for m in word_starts_at_anchors(g.named_heads_scan, low, start, end, g.named_anchors,
                                    scan_unshared=True):
        if g.head_compound is not None and g.head_compound.search(
                low, max(0, m.start() - 12), m.start()):
            continue  # "giao ban": a meeting, not a board
        unit = _named_unit_at(text, m, end, g)
        if unit is not None:
            found.append(unit)
    return found


def _named_unit_at(text: str, m: re.Match[str], end: int, g: UnitGrammar) -> UnitMention | None:
    """The named unit whose head ``m`` matched ("Phòng Văn hóa - Xã hội", "các Phòng …")."""
    head_start, pos = m.span()  # (the head group spans the match: only a lookahead follows)
    head = text[head_start:pos]  # as written (``m`` may be on lower-cased text)
    if len(head) > 1 and head.isupper():
        return None  # an all-capitals heading ("TỔ CHỨC THỰC HIỆN"), not a unit
    after = text[pos:pos + 4]
    owner_start = pos + len(after) - len(after.lstrip())
    owner_end, owner = _owner(text, owner_start, end)
    if owner is not None and owner.head.name not in g.not_unit_agencies:
        name_end = owner_end
    else:
        owner = None
        name_end = _name_end(text, pos, end, g)
    before = text[max(0, head_start - 4):head_start]
    plural = before.lower() == "các " and (head_start < 5 or not text[head_start - 5].isalnum())
    unit_start = head_start - 4 if plural else head_start
    if name_end is None:
        if plural:  # "các chi bộ trực thuộc Đảng bộ Thanh tra tỉnh"
            tail = g.group_of_agency.match(text, pos, end)
            owner = match_agency(text, tail.end()) if tail else None
            if owner is not None and owner.end <= end:
                owner_end = owner.end
                party = owner.head.name in g.party_agencies
                if party and text[owner_end:owner_end + 1] == " ":
                    inner = match_agency(text, owner_end + 1)  # "Đảng bộ Thanh tra tỉnh"
                    if inner is not None and inner.end <= end:
                        owner_end = inner.end
                return UnitMention(unit_start, owner_end, "group", _canonical_head(head), owner)
        # a head alone ("Văn phòng"), only when written with a capital and not plural
        if head[0].isupper() and not plural and _canonical_head(head) == "Văn phòng":
            return UnitMention(unit_start, pos, "named", "Văn phòng")
        return None
    level = g.level_words.match(text, name_end)
    if level and owner is None:
        name_end = level.end()
    if name_key(text[head_start:name_end]) in g.not_units:
        return None  # "Ban Bí thư"
    return UnitMention(unit_start, name_end, "group" if plural else "named",
                       _canonical_head(head), owner)


def _canonical_head(head: str) -> str:
    """A head as written, with single spaces and a capital: "phòng" → "Phòng"."""
    canonical = " ".join(head.split())
    return canonical[0].upper() + canonical[1:]


def _name_end(text: str, pos: int, end: int, g: UnitGrammar) -> int | None:
    """End of the proper name after a head, or None when there is none."""
    m = g.known_names.match(text, pos, end)
    if m:
        number = _NUMBER_AFTER.match(text, m.end(), end)  # "Phòng Nghiệp vụ 1"
        name_end = number.end() if number else m.end()
        dash = _LINE_DASH.match(text, name_end, end)
        if dash and dash.end() < end and text[dash.end()].isupper():
            # "Tổ chức - Biên chế": the known name is only the first part of this one
            word = _BARE_WORD.match(text, dash.end(), end)
            name_end = _more_words(text, word.end(), end, g, 3)
        else:
            # "Nghiệp vụ Y", "Nghiệp vụ Dược": capitalised words go on with the name
            while (nxt := _WORD.match(text, name_end, end)) is not None and \
                    nxt.group(1)[0].isupper() and match_agency(text, nxt.start(1)) is None \
                    and not g.named_heads.match(text, nxt.start(1)):
                name_end = nxt.end()
        if text[name_end:name_end + 1] == " ":
            owner = match_agency(text, name_end + 1)  # "Ban Biên tập … Thanh tra tỉnh"
            if owner is not None and owner.end <= end:
                name_end = owner.end
        return name_end
    first = _WORD.match(text, pos, end)
    if first is None or not (first.group(1)[0].isupper() or first.group(1)[0].isdigit()):
        return None
    return _more_words(text, first.start(), end, g, 0)


def _more_words(text: str, name_end: int, end: int, g: UnitGrammar, count: int) -> int:
    """Extend a name from ``name_end`` by words up to a stop word or the word limit."""
    while count < g.max_name_words:
        nxt = _WORD.match(text, name_end, end)
        if nxt is None:
            break
        word = nxt.group(1)
        if word.lower() in g.name_stops and not word[0].isupper():
            break
        if word in ("-", "–"):
            after = _WORD.match(text, nxt.end(), end)
            if after is None or not after.group(1)[0].isupper():
                break
            name_end = after.end()
            count += 2
            continue
        name_end = nxt.end()
        count += 1
    return name_end


def _group_heads(text: str, start: int, end: int) -> list[UnitMention]:
    g = unit_grammar()
    found = []
    for m in word_starts_at_anchors(g.group_heads, lowered(text), start, end,
                                    g.group_anchors):
        head = _canonical_head(text[m.start():m.end()])
        rest = _BLANKS.match(text, m.end(), end)
        if not rest:
            continue
        after = rest.end()
        # a named group first ("Trưởng các Phòng Nghiệp vụ"), then collective nouns
        if text[after:after + 4].lower() == "các ":
            head_match = g.named_heads.match(text, after + 4, end)
        else:
            head_match = g.named_heads.match(text, after, end)
        named = _named_unit_at(text, head_match, end, g) if head_match else None
        if named is not None and named.kind == "group":
            found.append(UnitMention(m.start(), named.end, "group_head", head))
            continue
        group = g.groups.match(text, m.end(), end)
        if group:
            found.append(UnitMention(m.start(), group.end(), "group_head", head))
    return found


__all__ = ["_DASH_JOIN", "UnitMention", "find_unit_mentions", "unit_grammar"]
