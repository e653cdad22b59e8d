"""A syllable missing from a fixed name: "Hội đồng nhân tỉnh" → "Hội đồng nhân dân tỉnh",
"Ủy ban dân xã" → "Ủy ban nhân dân xã".

The names are the agency names of rules/agencies.yaml (three syllables or more); each with one
syllable after the first left out is looked for. A name of a locality ("Ủy ban nhân dân") counts as
shortened only before a locality word ("… xã", "… tỉnh"), so that another name sharing the
shortened form stays ("Ủy ban Dân tộc"); any other only written with its capital and where the
syllables meeting at the gap are rarely written together in official texts (the syllable model).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from plan_parser.rules_loader import load_rules
from plan_parser.spelling.model import SyllableModel

_RARE_JUNCTION = 3  # the two syllables meeting at the gap, seen together fewer times than this


@dataclass(frozen=True, slots=True)
class Shortened:
    """A name written with one syllable left out, where it is and what it should be."""

    start: int
    end: int
    written: str
    name: str
    junction: str  # the two syllables meeting at the gap ("nhân tỉnh")


@dataclass(frozen=True, slots=True)
class _Form:
    name: str
    junction: str
    locality: bool


@cache
def _forms() -> tuple[regex.Pattern[str], dict[str, _Form], tuple[str, ...]]:
    data = load_rules("agencies")
    localities = sorted((entry["generic"] for entry in data["localities"]), key=len, reverse=True)
    forms: dict[str, _Form] = {}
    full: set[str] = set()
    for head in data["heads"]:
        words = head["name"].split()
        full.add(" ".join(words).lower())
        if len(words) < 3:
            continue
        locality = bool(head.get("locality"))
        # any syllable but the first; the last only of a locality's name, which the locality
        # word closes ("Hội đồng nhân tỉnh")
        for i in range(1, len(words) if locality else len(words) - 1):
            short = words[:i] + words[i + 1:]
            junction = f"{words[i - 1]} {words[i + 1]}" if i + 1 < len(words) else ""
            forms.setdefault(" ".join(short).lower(), _Form(head["name"], junction.lower(),
                                                            locality))
    forms = {k: v for k, v in forms.items() if k not in full}  # a shortened form that is a name
    alternation = _trie_alternation([k.split() for k in forms])
    place = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in localities)
    # no leading lookbehind: tried only where a form's first word starts a word (scan.py)
    pattern = regex.compile(rf"(?P<short>{alternation})(?![\p{{L}}\d])"
                            rf"(?P<place>\s+(?:{place})(?![\p{{L}}\d]))?", regex.I)
    anchors = tuple(sorted({k.split()[0] for k in forms}))
    return pattern, forms, anchors


def _trie_alternation(names: list[list[str]]) -> str:
    """A regex matching any of ``names`` (each a list of words, spaces between them), built as a
    tree of their words so that a try fails at the first word no name has there; a longer name
    is tried before a shorter one it starts with (as the longest-first alternation it
    replaces)."""
    tree: dict = {}
    for words in names:
        node = tree
        for word in words:
            node = node.setdefault(word, {})
        node[""] = {}  # a name ends here

    def branches(node: dict) -> str:
        parts = []
        for word in sorted(w for w in node if w):
            child = node[word]
            rest = ""
            if any(child):
                deeper = r"\s+" + branches(child)
                rest = f"(?:{deeper})?" if "" in child else deeper
            parts.append(regex.escape(word) + rest)
        return "(?:" + "|".join(parts) + ")"

    return branches(tree)


def shortened_names(text: str, start: int, end: int, model: SyllableModel) -> list[Shortened]:
    """Agency names written with one inner syllable left out, in ``text[start:end]``."""
    from plan_parser.extract.scan import anchored_matches, lowered

    pattern, forms, anchors = _forms()
    found = []
    for m in anchored_matches(pattern, lowered(text), start, end, anchors):
        written = text[m.start("short"):m.end("short")]
        form = forms[" ".join(written.lower().split())]
        if form.locality and m.group("place") is None:
            continue
        if not form.locality and (not written[0].isupper()
                                  or model.bigrams.get(form.junction, 0) >= _RARE_JUNCTION):
            continue  # a name is written with its capital ("trái chủ nước ngoài" is no name)
        found.append(Shortened(m.start("short"), m.end("short"), written, form.name,
                               form.junction))
    return found
