"""Compiled patterns of ``rules/structure.yaml`` and ``rules/doc_types.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class LabelPattern:
    """One kind of section label."""

    kind: str
    rank: int
    pattern: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class StructureRules:
    """Everything the structure stage matches lines against."""

    mottos: list[regex.Pattern[str]]
    party_motto: regex.Pattern[str]
    number_line: regex.Pattern[str]
    bare_number_label: regex.Pattern[str]  # "Số:" alone on its line
    name_open_endings: tuple[str, ...]
    name_continuations: tuple[str, ...]
    plan_types: frozenset[str]
    plan_issuers: frozenset[str]
    issues_plan: regex.Pattern[str]
    date_line: regex.Pattern[str]
    subject_line: regex.Pattern[str]
    rule_line: regex.Pattern[str]
    draft_mark: regex.Pattern[str]
    issuer_continuations: tuple[str, ...]
    letter_type: str  # the type name of a document without a type line (Công văn)
    consolidation_mark: regex.Pattern[str]  # "XÁC THỰC VĂN BẢN HỢP NHẤT"
    consolidation_anchor: str  # a literal every mark holds (a fast pre-check)
    adoption_date: regex.Pattern[str]  # "… thông qua ngày 16 tháng 6 năm 2025"
    consolidation_type: tuple[str, str]  # ("Văn bản hợp nhất", "VBHN")
    doc_types: dict[str, tuple[str, str | None]]  # UPPER NAME → (name, first code)
    doc_type_line: regex.Pattern[str]
    basis_openers: list[tuple[regex.Pattern[str], str]]
    inline_directive: regex.Pattern[str]  # ", tiếp theo các Công điện số …" mid-sentence
    implementing: list[tuple[regex.Pattern[str], str]]  # the opener words anywhere in a title
    legal_kinds: frozenset[str]  # a legal basis, not the plan being implemented
    guidance_kinds: frozenset[str]  # letters that guide the parent's implementation
    plan_kinds: frozenset[str]  # what a plan implements first: the plan above it
    competence_titles: regex.Pattern[str]  # a basis that gives competence, not a task
    amending_title: regex.Pattern[str]  # "Sửa đổi, bổ sung …": a title that amends
    issuing_clause: regex.Pattern[str]
    not_a_title: regex.Pattern[str]
    title_open_end: regex.Pattern[str]  # a title line that goes on: "… một số điều của"
    title_max_lines: int
    enacting_line: regex.Pattern[str]  # "QUYẾT NGHỊ:" alone on its line, before the enacted text
    labels: list[LabelPattern]
    title_end: regex.Pattern[str]
    abbreviations: frozenset[str]
    closing_formulas: list[regex.Pattern[str]]
    end_mark: regex.Pattern[str]
    recipients: regex.Pattern[str]
    authority: regex.Pattern[str]
    party_marks: frozenset[str]
    signature_skip: regex.Pattern[str]
    signer_titles: frozenset[str]
    person_name: regex.Pattern[str]
    appendix: regex.Pattern[str]
    attached_by: regex.Pattern[str]


@cache
def structure_rules() -> StructureRules:
    """Compile the structure rules once per process."""
    data = load_rules("structure")
    header, preamble, sections = data["header"], data["preamble"], data["sections"]
    closing, signature = data["closing"], data["signature"]
    doc_types = {}
    for entry in load_rules("doc_types")["types"]:
        codes = entry.get("codes") or [None]
        doc_types[entry["name"].upper()] = (entry["name"], codes[0])
    names = sorted(doc_types, key=len, reverse=True)
    doc_type_line = regex.compile(
        r"^(?P<type>" + "|".join(regex.escape(n).replace(r"\ ", r"\s+") for n in names)
        + r")(?:\s+(?P<rest>.+))?$",
        regex.MULTILINE,
    )
    def compile_line(pattern: str) -> regex.Pattern[str]:
        # MULTILINE: "^" must match at the start of any line, searched with pos/endpos
        return regex.compile(pattern, regex.MULTILINE)

    openers = []
    implementing = []
    for group in preamble["basis_openers"]:
        words = "|".join(regex.escape(w) for w in group["words"])
        openers.append((compile_line(rf"^(?:{words})\b"), group["kind"]))
        implementing.append((regex.compile(rf"(?i)(?<![\p{{L}}])(?:{words})\b"), group["kind"]))
    title_words = "|".join(regex.escape(w).replace(r"\ ", r"\s+")
                           for w in preamble.get("title_implementing", []))
    if title_words:
        # not "kèm theo" (an annex of another document), "ban hành theo" (the document that
        # issued what this one amends) nor "sửa đổi … theo"
        implementing.append((regex.compile(rf"(?i)(?<![\p{{L}}])(?<!kèm\s)(?<!hành\s)(?:{title_words})\s+(?=\S+\s+số|"
                                           rf"\S+\s+\S+\s+số|[\p{{Lu}}\p{{Ll}}]+\s+\d)"),
                             "directive"))
    return StructureRules(
        mottos=[compile_line(p) for p in header["mottos"]],
        party_motto=compile_line(header["party_motto"]),
        implementing=implementing,
        letter_type=header["letter_type"],
        consolidation_mark=regex.compile(header["consolidation"]["mark"]),
        consolidation_anchor=header["consolidation"]["anchor"],
        adoption_date=regex.compile(header["adoption_date"]),
        consolidation_type=(header["consolidation"]["type"], header["consolidation"]["code"]),
        number_line=compile_line(header["number_label"] + header["number_symbol"]),
        bare_number_label=compile_line(header["number_label"] + r"\s*$"),
        name_open_endings=tuple(header["name_open_endings"]),
        name_continuations=tuple(header["name_continuations"]),
        plan_types=frozenset(preamble["plan_types"]),
        plan_issuers=frozenset(preamble["plan_issuers"]),
        issues_plan=regex.compile(preamble["issues_plan"]),
        date_line=compile_line(header["date_line"]),
        subject_line=compile_line(header["subject_line"]),
        rule_line=compile_line(header["rule_line"]),
        draft_mark=compile_line(header["draft_mark"]),
        issuer_continuations=tuple(header["issuer_continuations"]),
        doc_types=doc_types,
        doc_type_line=doc_type_line,
        basis_openers=openers,
        inline_directive=regex.compile(preamble["inline_directive"]),
        legal_kinds=frozenset(preamble["parent_tiers"]["legal"]),
        guidance_kinds=frozenset(preamble["parent_tiers"]["guidance"]),
        plan_kinds=frozenset(preamble["parent_tiers"]["plan"]),
        competence_titles=regex.compile(preamble["parent_tiers"]["competence_titles"]),
        amending_title=regex.compile(preamble["parent_tiers"]["amending_title"]),
        issuing_clause=compile_line(preamble["issuing_clause"]),
        not_a_title=compile_line(preamble["not_a_title"]),
        title_open_end=regex.compile(preamble["title_open_end"]),
        title_max_lines=int(preamble["title_max_lines"]),
        enacting_line=compile_line(preamble["enacting_line"]),
        labels=[LabelPattern(e["kind"], e["rank"], compile_line(e["pattern"]))
                for e in sections["labels"]],
        title_end=compile_line(sections["title_end"]),
        abbreviations=frozenset(sections["abbreviations"]),
        closing_formulas=[compile_line(p) for p in closing["formulas"]],
        end_mark=compile_line(closing["end_mark"]),
        recipients=compile_line(closing["recipients"]),
        authority=compile_line(signature["authority"]),
        party_marks=frozenset(signature["party_marks"]),
        signature_skip=compile_line(signature["skip"]),
        signer_titles=frozenset(signature["titles"]),
        person_name=compile_line(signature["name"]),
        appendix=compile_line(r"^(?:PHỤ\s+LỤC|Phụ\s+lục\s+(?:[IVX]+|\d+|số))\b"),
        attached_by=compile_line(header["attached_by"]),
    )
