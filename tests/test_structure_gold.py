"""Header, parent and section tree of every corpus file (and its .docx/.pdf twins) vs gold."""

from __future__ import annotations

from pathlib import Path

from conftest import CORPUS, json_of

from plan_parser.evaluation import load_gold, score_document


def gold_for(path: Path) -> dict:
    return load_gold(CORPUS / "gold" / "structure" / f"{path.stem}.yaml")


def test_every_plan_has_gold() -> None:
    plans = {p.stem for p in (CORPUS / "plans").glob("*.txt")}
    gold = {p.stem for p in (CORPUS / "gold" / "structure").glob("*.yaml")}
    assert plans == gold and len(plans) == 5


def test_matches_gold(any_plan_path: Path) -> None:
    report = score_document(json_of(any_plan_path), gold_for(any_plan_path))
    assert report.mismatches == []
    assert report.scores["sections"].gold >= 30


def test_parent_of_each_plan(plan_path: Path) -> None:
    doc = json_of(plan_path)
    gold = gold_for(plan_path)["parent"]
    assert {k: doc["parent"][k] for k in gold} == gold
    # the parent points at its mention in the basis paragraph
    assert doc["parent"]["text"].startswith("Kế hoạch số ")


def test_twins_agree_with_their_text_plan(plan_path: Path) -> None:
    text_doc = json_of(plan_path)
    for twin in (plan_path.with_suffix(".docx"), plan_path.with_suffix(".pdf")):
        if not twin.exists():
            continue
        twin_doc = json_of(twin)
        keys = ("number", "symbol", "place", "date", "issuer", "issuer_full", "title", "signer")
        for key in keys:
            assert twin_doc["header"][key] == text_doc["header"][key], (twin.name, key)
        titles = [s["title"] for s in text_doc["sections"]]
        assert [s["title"] for s in twin_doc["sections"]] == titles


def test_blank_number_and_day_are_null_not_guessed() -> None:
    doc = json_of(CORPUS / "plans" / "003_6232d6d9fe3216a3.txt")
    header = doc["header"]
    parts = (header["number"], header["day"], header["month"], header["year"])
    assert parts == (None, None, None, 2026)
    assert header["date"] is None
    assert header["spans"]["number_line"]["text"] == "Số: /KH-UBND"


def test_section_gap_is_kept_as_written() -> None:
    """Plan 000 numbers its implementation units 1, 3, 4, 5: the tree shows what is written."""
    doc = json_of(CORPUS / "plans" / "000_3eabe0cf1b1d1b61.txt")
    part_iv = doc["sections"][3]
    assert part_iv["label"] == "IV"
    assert [child["label"] for child in part_iv["children"]] == ["1", "3", "4", "5"]
