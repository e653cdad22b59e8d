"""Agency names: "UBND tỉnh Bắc Ninh", "Thủ tướng Chính phủ", "Sở Nội vụ", "Thanh tra tỉnh".

Grammar in ``rules/agencies.yaml``: a head (with abbreviations), an optional field
(Bộ/Sở + field), an optional alias in parentheses, and an optional locality whose proper
name is checked against the 2025 gazetteer so the match stops where the name does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.gazetteer import gazetteer, name_key
from plan_parser.normalize.tone import canonical_tone
from plan_parser.rules_loader import load_rules

_TOKEN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class AgencyHead:
    """One head from the rule file."""

    name: str
    system: str
    locality: bool
    field: bool
    bare_place: str | None = None  # gazetteer list of a place named without a generic noun
    locality_required: bool = False  # "Giám đốc Sở": a title only with the unit it heads


@dataclass(frozen=True, slots=True)
class AgencyMatch:
    """An agency name found in a text (offsets into that text)."""

    start: int
    end: int
    head: AgencyHead
    field: str | None = None
    locality_kind: str | None = None  # "tỉnh", "xã" ...
    locality_name: str | None = None  # gazetteer spelling when known
    place_known: bool = False
    alias: str | None = None  # "UBND" in "Ủy ban nhân dân (UBND) tỉnh ..."
    alias_span: tuple[int, int] | None = None  # span of " (UBND)"

    @property
    def canonical(self) -> str:
        """Full name with abbreviations expanded: "Ủy ban nhân dân tỉnh Bắc Ninh"."""
        parts = [self.head.name]
        if self.field:
            parts.append(self.field)
        if self.locality_kind:
            parts.append(self.locality_kind)
        if self.locality_name:
            parts.append(self.locality_name)
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class AgencyGrammar:
    """Compiled agency patterns."""

    heads: re.Pattern[str]
    head_of: dict[str, AgencyHead]  # name_key of a spelling → head
    fields: re.Pattern[str]
    field_of: dict[str, str]
    localities: re.Pattern[str]
    locality_list: dict[str, str | None]  # generic → gazetteer list ("province"/"commune"/None)
    aliases: re.Pattern[str]


def _phrase(text: str, first_letter_exact: bool = True) -> str:
    """Regex for a phrase: first letter as written, the rest ignoring case; flexible spaces."""
    text = canonical_tone(text)
    words = [re.escape(w) for w in text.split()]
    body = r"\s+".join(words)
    if not first_letter_exact or not text[0].isalpha():
        return f"(?i:{body})"
    return re.escape(text[0]) + f"(?i:{body[len(re.escape(text[0])):]})"


def _by_first_letter(spellings: list[str]) -> str:
    """The spellings' patterns (:func:`_phrase`) as one alternation, those with the same first
    letter grouped under it: "B(?i:an…|ộ…)|S(?i:ở)…". Two groups never match at one position
    and a group keeps the spellings' order, so the matches are those of the plain alternation;
    the engine tests a first letter once instead of once per spelling."""
    groups: dict[str, list[str]] = {}
    for spelling in spellings:
        first = canonical_tone(spelling)[0]
        if not first.isalpha():  # its pattern ignores the case of all of it: keep them plain
            return "|".join(_phrase(s) for s in spellings)
        groups.setdefault(first, []).append(_phrase(spelling)[len(re.escape(first)):])
    return "|".join(re.escape(first) + "(?:" + "|".join(rests) + ")"
                    for first, rests in groups.items())


@cache
def agency_grammar() -> AgencyGrammar:
    """Compile the agency grammar once per process."""
    data = load_rules("agencies")
    head_of: dict[str, AgencyHead] = {}
    spellings: list[str] = []
    for entry in data["heads"]:
        head = AgencyHead(entry["name"], entry.get("system", "state"),
                          bool(entry.get("locality")) or bool(entry.get("locality_required")),
                          bool(entry.get("field")), entry.get("bare_place"),
                          bool(entry.get("locality_required")))
        for spelling in [entry["name"], *entry.get("abbreviations", [])]:
            head_of[name_key(spelling)] = head
            spellings.append(spelling)
    spellings.sort(key=len, reverse=True)
    alternatives = _by_first_letter(spellings)
    heads = re.compile(r"(?:" + alternatives + r")(?![^\W\d_])")  # boundary: see find_heads
    fields = sorted(data["fields"], key=len, reverse=True)
    localities = {entry["generic"]: entry.get("gazetteer") for entry in data["localities"]}
    generics = sorted(localities, key=len, reverse=True)
    field_words = "|".join(_phrase(f) for f in sorted(data["fields"], key=len, reverse=True))
    before_field = {e["generic"] for e in data["localities"] if e.get("not_before_field")}

    def generic_pattern(generic: str) -> str:
        pattern = _phrase(generic, first_letter_exact=False)
        # "Thanh tra Sở" (this department's) but not "Thanh tra | Sở Nội vụ"
        return pattern + rf"(?![ \t]+(?:{field_words}))" if generic in before_field else pattern

    abbreviations = sorted({a for e in data["heads"] for a in e.get("abbreviations", [])
                            if " " not in a}, key=len, reverse=True)
    return AgencyGrammar(
        heads=heads,
        head_of=head_of,
        # a name never runs over a line break (one paragraph per normalized line)
        fields=re.compile(r"[ \t]+(" + "|".join(_phrase(f) for f in fields) + r")(?![^\W\d_])"),
        field_of={name_key(f): f for f in fields},
        localities=re.compile(
            r"[ \t]+(" + "|".join(generic_pattern(g) for g in generics)
            + r")(?![^\W\d_])"
        ),
        locality_list=localities,
        aliases=re.compile(r"\s*\((" + "|".join(re.escape(a) for a in abbreviations) + r")\)"),
    )


def find_heads(text: str, start: int, end: int):
    """Agency heads starting at a word boundary (not inside a symbol such as "QĐ-UBND")."""
    from plan_parser.extract.scan import word_start_matches

    return word_start_matches(agency_grammar().heads, text, start, end, also_not_after="-/")


def match_agency(text: str, pos: int) -> AgencyMatch | None:
    """An agency name starting exactly at ``pos``, or None."""
    g = agency_grammar()
    m = g.heads.match(text, pos)
    if not m or (pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "-/")):
        return None
    head = g.head_of[name_key(m.group())]
    end = m.end()
    field = None
    if head.field:
        fm = g.fields.match(text, end)
        if not fm:
            return None
        field = g.field_of[name_key(fm.group(1))]
        end = fm.end()
    alias = alias_span = None
    am = g.aliases.match(text, end)
    if am:
        alias, alias_span, end = am.group(1), am.span(), am.end()
    kind = name = None
    known = False
    if head.locality:
        lm = g.localities.match(text, end)
        if lm:
            kind = lm.group(1).lower()
            end = lm.end()
            if kind in g.locality_list:
                name, known, end = _place_name(text, end, g.locality_list[kind])
            else:  # a generic that is no place ("Sở"): written as in the rules
                kind = next(k for k in g.locality_list if k.lower() == kind)
        elif head.bare_place:
            bare, known, bare_end = _place_name(text, end, head.bare_place)
            if known:
                name, end = bare, bare_end
        if head.locality_required and kind is None:
            return None
    return AgencyMatch(pos, end, head, field, kind, name, known, alias, alias_span)


def agency_display(display, agency: AgencyMatch) -> str:
    """The agency's name as written, without an alias definition such as " (UBND)".

    ``display(start, end)`` renders a span of the text the agency was found in.
    """
    if agency.alias_span is None:
        return display(agency.start, agency.end)
    before = display(agency.start, agency.alias_span[0]).strip()
    after = ""
    if agency.alias_span[1] < agency.end:
        after = display(agency.alias_span[1], agency.end).strip()
    return f"{before} {after}".strip()


def find_agency(text: str, start: int, end: int | None = None) -> AgencyMatch | None:
    """The first agency name within ``text[start:end]``."""
    end = len(text) if end is None else end
    for m in find_heads(text, start, end):
        found = match_agency(text, m.start())
        if found and found.end <= end:
            return found
    return None


def _place_name(text: str, pos: int, gazetteer_list: str | None) -> tuple[str | None, bool, int]:
    """Read a proper place name after a generic noun: (name, known, end offset)."""
    tokens: list[re.Match[str]] = []
    cursor = pos
    limit = gazetteer().longest_name
    while len(tokens) < limit:
        if not text.startswith(" ", cursor):
            break
        m = _TOKEN.match(text, cursor + 1)
        if not m or not (tokens or m.group()[0].isupper()):
            break  # (a name starts with a capital: no need to read on)
        tokens.append(m)
        cursor = m.end()
    if not tokens:
        return None, False, pos
    gaz = gazetteer()
    for count in range(len(tokens), 0, -1):
        candidate = text[tokens[0].start():tokens[count - 1].end()]
        if gazetteer_list == "province" and gaz.province(candidate):
            return gaz.province(candidate).name, True, tokens[count - 1].end()
        if gazetteer_list == "commune" and gaz.communes_named(candidate):
            return gaz.communes_named(candidate)[0].name, True, tokens[count - 1].end()
    # not in the gazetteer: a run of capitalised syllables (a misspelling, a former unit ...)
    run = 0
    while run < len(tokens) and tokens[run].group()[0].isupper():
        run += 1
    if run < 2:
        return None, False, pos
    run = min(run, 3)
    if run == 3 and len(tokens) > 3 and tokens[3].group()[0].islower():
        run = 2  # "xã Tân Hòa Xây dựng ..." — the third capital opens a clause
    last = tokens[run - 1]
    return text[tokens[0].start():last.end()], False, last.end()

