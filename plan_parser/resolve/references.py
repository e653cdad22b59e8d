"""Group reference mentions into distinct documents and give each its role.

Identity is the document's canonical symbol (type code, number, issuer code); a short form that
gives only a number ("Kế hoạch số 144") joins the document of the same kind and number; an alias
joins the document it was defined for; a law cited by name is identified by its name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from plan_parser.extract.agencies import AgencyMatch
from plan_parser.extract.reference_mentions import ReferenceMention
from plan_parser.structure.model import DocumentStructure


@dataclass(slots=True)
class ReferencedDocument:
    """A distinct document cited by the plan (or the plan itself, role "self")."""

    id: str
    kind: str | None
    mentions: list[ReferenceMention] = field(default_factory=list)
    role: str = "cited"  # parent | basis | cited | self

    @property
    def symbol(self):
        """The parsed symbol of the most complete mention, if any."""
        return next((m.symbol for m in self.mentions if m.symbol is not None), None)

    @property
    def number(self) -> str | None:
        """The document's number ("534", "226")."""
        symbol = self.symbol
        if symbol is not None:
            return symbol.number
        return next((m.number_only for m in self.mentions if m.number_only), None)

    @property
    def law_name(self) -> str | None:
        """The name of a law cited by name."""
        return next((m.law_name for m in self.mentions if m.law_name), None)

    @property
    def dates(self) -> list[str]:
        """Distinct ISO dates given by the mentions, in order of appearance."""
        seen: list[str] = []
        for m in self.mentions:
            if m.form != "alias" and m.date and m.date.iso and m.date.iso not in seen:
                seen.append(m.date.iso)
        return seen

    @property
    def issuers(self) -> list[AgencyMatch]:
        """Issuing bodies named by the mentions, in order of appearance."""
        return [m.issuer for m in self.mentions if m.form != "alias" and m.issuer is not None]

    @property
    def fullest(self) -> ReferenceMention | None:
        """The most complete mention: with date and issuer, the longest."""
        candidates = [m for m in self.mentions if m.citation is not None]
        if not candidates:
            return None
        return max(candidates, key=lambda m: (m.date is not None, m.issuer is not None,
                                              m.end - m.start, -m.start))

    @property
    def issuer(self) -> AgencyMatch | None:
        """The issuing body in its fullest mention (the longest name)."""
        issuers = self.issuers
        if not issuers:
            return None
        return max(issuers, key=lambda a: (a.end - a.start, -a.start))


def slug(text: str) -> str:
    """An ASCII id: "226-KL/TW" → "226-kl-tw", "Luật Tổ chức …" → "luat-to-chuc-…"."""
    folded = text.replace("đ", "d").replace("Đ", "D")
    if not folded.isascii():  # (an ASCII text has no marks to take off: "534/QD-TTg")
        folded = "".join(c for c in unicodedata.normalize("NFD", folded)
                         if not unicodedata.combining(c))
    # the runs of letters and digits, one "-" between two ("[^\W_]": what str.isalnum takes)
    return "-".join(_ALNUM_RUN.findall(folded.lower()))


_ALNUM_RUN = re.compile(r"[^\W_]+")


def resolve_documents(mentions: list[ReferenceMention], structure: DocumentStructure,
                      preamble: tuple[int, int] | None) -> list[ReferencedDocument]:
    """Distinct documents of ``mentions``; ``preamble`` is the span of title + basis."""
    _drop_footnote_marks(mentions)
    documents: list[ReferencedDocument] = []
    by_key: dict[str, ReferencedDocument] = {}
    document_of: dict[int, ReferencedDocument] = {}
    numbered: dict[tuple[str | None, str], str] = {}  # (kind, number) → first document's key

    def add(index: int, key: str, kind: str | None) -> None:
        document = by_key.get(key)
        mention = mentions[index]
        if document is None:
            document = ReferencedDocument(id=slug(key) if key != "self" else "self", kind=kind)
            by_key[key] = document
            documents.append(document)
            number = mention.symbol.number if mention.symbol is not None \
                else mention.number_only
            if number is not None:
                numbered.setdefault((kind, number), key)
        document.mentions.append(mention)
        document_of[index] = document

    for index, mention in enumerate(mentions):
        if mention.form == "self":
            add(index, "self", mention.kind)
        elif mention.alias_of is not None and mention.alias_of in document_of:
            document = document_of[mention.alias_of]
            document.mentions.append(mention)
            document_of[index] = document
        elif mention.symbol is not None:
            add(index, mention.symbol.canonical, mention.kind)
            if mention.law_name is not None:  # "Luật Đất đai số 31/2024/QH15": the name is
                _join_law_name(mention.law_name.lower(), document_of[index], by_key, documents)
        elif mention.law_name is not None:
            add(index, mention.law_name.lower(), "Luật")
        elif mention.number_only is not None:
            key = numbered.get((mention.kind, mention.number_only),
                               f"{mention.kind} {mention.number_only}")
            add(index, key, mention.kind)
    documents = _merge_early_short_forms(documents)
    for document in documents:
        document.mentions.sort(key=lambda m: m.start)
        document.role = _role(document, structure, preamble)
    return documents


# a symbol ending in a footnote's number ("Nghị quyết số 66-NQ/TW1" in a table cell whose
# footnote 1 reads "Nghị quyết số 66-NQ/TW ngày …"): the last code in letters, one or two digits
_MARKED = re.compile(r"(?P<base>.*[/-](?P<code>[^\W\d_]+))(?P<mark>\d{1,2})")
_NUMBERED_CODES = re.compile(r"(?:UBTV)?QH")  # a legislature's code takes its term's number


def _drop_footnote_marks(mentions: list[ReferenceMention]) -> None:
    """Read a symbol that is another mention's symbol plus one or two digits as that symbol
    with a footnote's number after it (the mark is left out of the symbol and its span)."""
    canonicals = {m.symbol.canonical for m in mentions if m.symbol is not None}
    for mention in mentions:
        symbol = mention.symbol
        # (a mark is digits at the end: most symbols end on a letter and need no match)
        marked = _MARKED.fullmatch(symbol.canonical) if symbol is not None \
            and symbol.canonical[-1:].isdecimal() else None
        if marked is None or marked.group("base") not in canonicals \
                or _NUMBERED_CODES.fullmatch(marked.group("code")) \
                or not symbol.text.endswith(marked.group("mark")):
            continue
        cut = len(marked.group("mark"))
        mention.symbol = replace(
            symbol, text=symbol.text[:-cut], canonical=marked.group("base"),
            issuer_code=symbol.issuer_code[:-cut] if symbol.issuer_code else None)
        ends_on_symbol = mention.citation is None or mention.end == mention.citation.symbol_end
        if ends_on_symbol and mention.end > mention.start + cut:
            mention.end -= cut  # (a citation that goes on past its symbol keeps its end)


def _join_law_name(name: str, document: ReferencedDocument,
                   by_key: dict[str, ReferencedDocument],
                   documents: list[ReferencedDocument]) -> None:
    """Let a law's name lead to its numbered document, taking over mentions by name alone."""
    named = by_key.get(name)
    if named is not None and named is not document and named.symbol is None:
        document.mentions.extend(named.mentions)
        documents.remove(named)
    by_key[name] = document


def _merge_early_short_forms(documents: list[ReferencedDocument]) -> list[ReferencedDocument]:
    """A short form met before the full citation ("Kế hoạch số 144" … "144/KH-UBND")."""
    with_symbol: dict[tuple[str | None, str | None], ReferencedDocument] = {}
    for d in documents:  # the first document with a symbol, by kind and number
        if d.symbol is not None:
            with_symbol.setdefault((d.kind, d.number), d)
    kept: list[ReferencedDocument] = []
    for document in documents:
        if document.symbol is None and document.law_name is None and document.id != "self":
            target = with_symbol.get((document.kind, document.number))
            if target is not None:
                target.mentions.extend(document.mentions)
                continue
        kept.append(document)
    return kept


def _role(document: ReferencedDocument, structure: DocumentStructure,
          preamble: tuple[int, int] | None) -> str:
    if document.id == "self":
        return "self"
    parent = structure.parent
    if parent is not None and any(m.citation is not None and m.citation.start == parent.start
                                  for m in document.mentions):
        return "parent"
    if parent is not None and parent.symbol is not None and document.symbol is not None and \
            document.symbol.canonical == parent.symbol.canonical:
        return "parent"
    if preamble is not None and any(preamble[0] <= m.start < preamble[1]
                                    for m in document.mentions):
        return "basis"
    return "cited"
