"""The parsed structure of a plan. All offsets are into the *normalized* text;
the export stage maps them to the original."""

from __future__ import annotations

from dataclasses import dataclass, field

from plan_parser.extract.references import Citation


@dataclass(slots=True)
class TextSpan:
    """A piece of text with its normalized span."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Header:
    """Thể thức fields at the top of the document."""

    system: str = "state"  # "state" | "party"
    draft_mark: TextSpan | None = None  # "DỰ THẢO"
    doc_type: TextSpan | None = None  # as written ("KẾ HOẠCH")
    doc_type_name: str | None = None  # canonical ("Kế hoạch")
    doc_type_code: str | None = None  # "KH"
    number_line: TextSpan | None = None  # "Số: 12A/KH-UBND"
    number: str | None = None  # "12A"; None when blank
    symbol: TextSpan | None = None  # "KH-UBND" (the ký hiệu after the number and year)
    symbol_year: int | None = None  # 2025 of "15/2025/QĐ-UBND"
    full_symbol: str | None = None  # canonical số/ký hiệu: "15/2025/QĐ-UBND", "45-KL/TW"
    type_code: str | None = None
    issuer_code: str | None = None
    place: TextSpan | None = None
    date: TextSpan | None = None  # "ngày 24 tháng 4 năm 2026"
    day: int | None = None
    month: int | None = None
    year: int | None = None
    date_iso: str | None = None
    issuer: TextSpan | None = None  # as written
    issuer_full: str | None = None  # canonical, completed with the place when written bare
    issuer_source: str | None = None  # "header" | "issuing-clause" | "closing"
    issuer_parent: TextSpan | None = None  # cơ quan chủ quản, when the header names it
    title: TextSpan | None = None  # trích yếu
    mottos: list[TextSpan] = field(default_factory=list)


@dataclass(slots=True)
class SectionNode:
    """One numbered or bulleted item of the body, with its children."""

    kind: str  # chapter | article | roman | arabic | letter | dash | plus
    label: str  # "II", "4", "a", "-", "+"
    rank: float
    start: int
    end: int
    title: TextSpan
    children: list[SectionNode] = field(default_factory=list)
    path: str = ""  # "II.4.a"


@dataclass(slots=True)
class BasisParagraph:
    """A "Thực hiện ..." / "Căn cứ ..." paragraph of the preamble."""

    start: int
    end: int
    kind: str  # directive | legal | proposal | other
    citations: list[Citation] = field(default_factory=list)  # top-level citations only


@dataclass(slots=True)
class Recipients:
    """The "Nơi nhận" block."""

    start: int
    end: int
    items: list[TextSpan] = field(default_factory=list)


@dataclass(slots=True)
class Signature:
    """The signature block."""

    start: int
    end: int
    # as written: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    authority: list[TextSpan] = field(default_factory=list)
    title: TextSpan | None = None  # "PHÓ CHỦ TỊCH"
    name: TextSpan | None = None


@dataclass(slots=True)
class Attachment:
    """A document issued with this one ("Ban hành kèm theo Quyết định số …"): a plan, a
    regulation, a programme, with its own type, title and section tree."""

    start: int
    end: int
    doc_type: TextSpan  # as written ("KẾ HOẠCH")
    doc_type_name: str  # canonical ("Kế hoạch")
    title: TextSpan | None
    attached_by: TextSpan | None  # "(Kèm theo Quyết định số 2820/QĐ-UBND ngày …)"
    sections: list[SectionNode] = field(default_factory=list)


@dataclass(slots=True)
class Appendix:
    """A "PHỤ LỤC" part after the signature."""

    start: int
    end: int
    title: TextSpan


@dataclass(slots=True)
class DocumentStructure:
    """Everything the structure stage found."""

    header: Header
    basis: list[BasisParagraph] = field(default_factory=list)
    parent: Citation | None = None
    issuing_clause: TextSpan | None = None
    sections: list[SectionNode] = field(default_factory=list)
    body: tuple[int, int] | None = None  # from the first section to the end of the content
    enacted: int | None = None  # where the text after an enacting line ("QUYẾT NGHỊ:") starts
    closing: TextSpan | None = None
    recipients: Recipients | None = None
    signature: Signature | None = None
    appendices: list[Appendix] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    examples: list[tuple[int, int]] = field(default_factory=list)  # worked examples ("Ví dụ 1:")
    _index: object | None = field(default=None, repr=False, compare=False)

    def iter_sections(self):
        """Every section node, depth first."""
        stack = list(reversed(self.sections))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))
