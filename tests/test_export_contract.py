"""The JSON contract: schema-valid, and every span points at the original text."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import json_of

from plan_parser.export.json_export import analysis_to_dict
from plan_parser.export.schema import SCHEMA_PATH
from plan_parser.normalize import clean_fragment
from plan_parser.pipeline import analyze_file, analyze_text

VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def spans_in(value: Any, path: str = "$"):
    """Every object in the JSON that carries a span, with its JSON path."""
    if isinstance(value, dict):
        if "start" in value and "end" in value:
            yield path, value
        for key, child in value.items():
            yield from spans_in(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from spans_in(child, f"{path}[{index}]")


def line_column(text: str, offset: int) -> tuple[int, int]:
    """Independent reference: count line breaks (\\r\\n, \\r, \\n) before the offset."""
    line, line_start, i = 1, 0, 0
    while i < offset:
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 2
            line, line_start = line + 1, i
            continue
        if text[i] in "\r\n":
            line, line_start = line + 1, i + 1
        i += 1
    return line, offset - line_start + 1


def is_subsequence(words: list[str], within: list[str]) -> bool:
    """True when ``words`` occur in ``within`` in order."""
    remaining = iter(within)
    return all(word in remaining for word in words)


def assert_contract(doc: dict[str, Any], original: str) -> int:
    VALIDATOR.validate(doc)
    count = 0
    for path, span in spans_in(doc):
        start, end = span["start"], span["end"]
        assert 0 <= start <= end <= len(original), path
        assert (span["line"], span["column"]) == line_column(original, start), path
        if "text" in span:
            assert span["text"] == original[start:end], path
        count += 1
    # the values we report are what the spans hold (cleaned of decoration)
    header = doc["header"]
    for key in ("place", "issuer", "title", "issuer_parent"):
        if header[key] is not None:
            span = header["spans"][key]
            cleaned = clean_fragment(original, span["start"], span["end"],
                                     fmt=doc["source"]["format"])
            # a name written over two header lines may have other text between its pieces
            assert is_subsequence(header[key].split(), cleaned.split()), key
            assert cleaned.startswith(header[key].split()[0]), key
    for section in doc["sections"]:
        title = section["title_span"]
        assert section["start"] <= title["start"] <= title["end"] <= section["end"]
    for finding in doc["findings"]:
        assert finding["text"] == original[finding["start"]:finding["end"]]
    return count


def reader_text(path: Path) -> str:
    from plan_parser.readers import read_document

    return read_document(path).text


def test_every_span_of_every_corpus_file(any_plan_path: Path) -> None:
    doc = json_of(any_plan_path)
    assert assert_contract(doc, reader_text(any_plan_path)) > 50


def test_txt_reader_text_is_the_file_content(plan_path: Path) -> None:
    doc = json_of(plan_path)
    content = plan_path.read_text(encoding="utf-8")
    assert doc["source"]["length"] == len(content)
    title = doc["header"]["spans"]["title"]
    assert content[title["start"]:title["end"]].startswith(("Thực hiện", "Triển khai", "**Thực"))


@pytest.mark.parametrize(
    "variant",
    ["crlf", "nfd", "bom_free_tabs", "decorated"],
)
def test_contract_holds_on_noisy_variants(variant: str, tmp_path: Path) -> None:
    base = (Path(__file__).parent.parent / "corpus" / "plans" / "000_3eabe0cf1b1d1b61.txt"
            ).read_text(encoding="utf-8")
    text = {
        "crlf": base.replace("\n", "\r\n"),
        "nfd": unicodedata.normalize("NFD", base),
        "bom_free_tabs": base.replace(" ", "\t", 50),
        "decorated": base.replace("\nI. ", "\n## **I. ").replace("PHÁP\n", "PHÁP**\n"),
    }[variant]
    path = tmp_path / f"{variant}.txt"
    path.write_text(text, encoding="utf-8", newline="")
    doc = analysis_to_dict(analyze_file(path))
    assert assert_contract(doc, text) > 50
    assert doc["header"]["place"] in ("Lâm Thao", unicodedata.normalize("NFD", "Lâm Thao"))
    assert doc["parent"]["symbol"] == "135/KH-UBND"
    assert [s["label"] for s in doc["sections"]] == ["I", "II", "III", "IV"]


def test_empty_structure_still_satisfies_the_schema() -> None:
    doc = analysis_to_dict(analyze_text("Một dòng văn bản không có cấu trúc."))
    assert assert_contract(doc, "Một dòng văn bản không có cấu trúc.") >= 0
    assert doc["sections"] == [] and doc["parent"] is None


def test_contract_on_other_plan_shapes() -> None:
    from test_structure_general import CONG_VAN, PARTY_PLAN, PDF_LIKE_HEADER, STATE_PLAN

    for text in (STATE_PLAN, PARTY_PLAN, PDF_LIKE_HEADER, CONG_VAN):
        assert assert_contract(analysis_to_dict(analyze_text(text)), text) > 5
