"""Every rule file carries examples; this runs them all (like LanguageTool's <example>)."""

from __future__ import annotations

import pytest

from plan_parser.rules_loader import load_rules


def examples(name: str, section: str | None = None) -> list[dict]:
    data = load_rules(name)
    if section:
        data = data[section]
    return data["examples"]


@pytest.mark.parametrize("example", examples("normalize/text"), ids=lambda e: e["text"][:30])
def test_text_layout_examples(example: dict) -> None:
    from plan_parser.normalize import normalize

    assert normalize(example["text"]).text == example["normalized"]


@pytest.mark.parametrize("example", examples("normalize/tone_style"), ids=lambda e: e["text"])
def test_tone_style_examples(example: dict) -> None:
    from plan_parser.normalize.tone import canonical_tone, tone_style_of

    assert canonical_tone(example["text"]) == example["canonical"]
    assert tone_style_of(example["text"]) == example["style"]


@pytest.mark.parametrize("example", examples("symbols"), ids=lambda e: e["text"])
def test_symbol_examples(example: dict) -> None:
    from plan_parser.extract.symbols import matching_kind, parse_symbol

    symbol = parse_symbol(example["text"])
    assert symbol is not None
    if "kind" in example:  # read after its type word
        symbol = matching_kind(symbol, example["kind"])
    assert symbol.text == example["text"]
    assert (symbol.canonical, symbol.number, symbol.type_code, symbol.issuer_code,
            symbol.system, symbol.year, list(symbol.malformed)) == (
        example["canonical"], example["number"], example["type_code"], example["issuer_code"],
        example["system"], example.get("year"), example.get("malformed", []))


@pytest.mark.parametrize("example", examples("dates"), ids=lambda e: e["text"])
def test_date_examples(example: dict) -> None:
    from plan_parser.extract.dates import match_date

    date = match_date(example["text"])
    assert date is not None and date.end == len(example["text"].rstrip())
    assert (date.day, date.month, date.year) == (example["day"], example["month"], example["year"])


@pytest.mark.parametrize("example", examples("agencies"), ids=lambda e: e["text"][:40])
def test_agency_examples(example: dict) -> None:
    from plan_parser.extract.agencies import find_agency

    agency = find_agency(example["text"], 0)
    if example["agency"] is None:
        assert agency is None
        return
    assert agency is not None
    assert example["text"][agency.start:agency.end] == example["agency"]
    assert agency.canonical == example["canonical"]


@pytest.mark.parametrize("example", examples("references"), ids=lambda e: e["text"][:40])
def test_citation_examples(example: dict) -> None:
    from plan_parser.extract.references import find_citations

    text = example["text"]
    found = [
        {
            "kind": c.kind,
            "symbol": c.symbol_text,
            "date": c.date.iso if c.date else None,
            "issuer": text[c.issuer.start:c.issuer.end] if c.issuer else None,
            "title": text[c.title_start:c.title_end] if c.title_start is not None else None,
        }
        for c in find_citations(text)
    ]
    assert found == example["citations"]


@pytest.mark.parametrize("example", examples("doc_types"), ids=lambda e: e["line"])
def test_doc_type_examples(example: dict) -> None:
    from plan_parser.structure.rules import structure_rules

    rules = structure_rules()
    m = rules.doc_type_line.match(example["line"])
    assert m is not None
    assert rules.doc_types[m.group("type")] == (example["type"], example["code"])


@pytest.mark.parametrize("example", examples("structure", "header"), ids=lambda e: e["line"])
def test_header_line_examples(example: dict) -> None:
    from plan_parser.normalize import normalize
    from plan_parser.structure.header import read_header

    norm = normalize(example["line"])
    header = read_header(norm, norm.line_spans(), None, 1)
    if "number" in example:
        assert header.number == example["number"]
        assert header.symbol is not None and header.symbol.text == example["symbol"]
    if "place" in example:
        assert header.place is not None and header.place.text == example["place"]
        assert (header.day, header.month, header.year) == (
            example["day"], example["month"], example["year"])


@pytest.mark.parametrize("example", examples("structure", "preamble"), ids=lambda e: e["text"][:40])
def test_issuing_clause_examples(example: dict) -> None:
    from plan_parser.normalize import normalize
    from plan_parser.structure.preamble import read_preamble

    norm = normalize(example["text"])
    preamble = read_preamble(norm, norm.line_spans(), 0, 1, title=None)
    assert preamble.issuer is not None
    assert norm.text[preamble.issuer.start:preamble.issuer.end] == example["issuer"]


@pytest.mark.parametrize("example", load_rules("structure")["preamble"]["enacting_examples"],
                         ids=lambda e: e["line"])
def test_enacting_line_examples(example: dict) -> None:
    from plan_parser.structure.rules import structure_rules

    line = example["line"]
    assert bool(structure_rules().enacting_line.match(line, 0, len(line))) is example["enacts"]


@pytest.mark.parametrize("example", load_rules("structure")["preamble"]["title_examples"],
                         ids=lambda e: e["title"][:40])
def test_title_examples(example: dict) -> None:
    """A title broken over lines is read whole, up to the first basis paragraph."""
    from plan_parser.normalize import normalize
    from plan_parser.structure.preamble import read_preamble

    norm = normalize("\n".join(example["lines"]))
    lines = norm.line_spans()
    preamble = read_preamble(norm, lines, 0, len(lines), title=None)
    assert preamble.title is not None and preamble.title.text == example["title"]


def test_a_title_stops_after_its_longest_length() -> None:
    """A run of lines that each end on "của" is no title of a thousand lines."""
    from plan_parser.normalize import normalize
    from plan_parser.structure.preamble import read_preamble
    from plan_parser.structure.rules import structure_rules

    norm = normalize("Quy định một số điều của\n" + "Nghị định Số 1 của\n" * 50 + "Căn cứ Luật;")
    lines = norm.line_spans()
    preamble = read_preamble(norm, lines, 0, len(lines), title=None)
    assert preamble.title is not None
    assert preamble.title.text.count("của") == structure_rules().title_max_lines


@pytest.mark.parametrize("example", examples("structure", "worked_examples"),
                         ids=lambda e: e["text"][:40])
def test_worked_example_examples(example: dict) -> None:
    from plan_parser.structure.examples import worked_examples

    text = example["text"]
    assert [text[a:b] for a, b in worked_examples(text)] == example["examples"]


@pytest.mark.parametrize("example", examples("structure", "sections"), ids=lambda e: e["line"])
def test_section_label_examples(example: dict) -> None:
    from plan_parser.structure.labels import match_label, title_length

    label = match_label(example["line"])
    if example["kind"] is None:
        assert label is None
        return
    assert label is not None and (label.kind, label.label) == (example["kind"], example["label"])
    rest = example["line"][label.end:]
    assert rest[:title_length(rest)] == example["title"]


@pytest.mark.parametrize("example", examples("structure", "closing"), ids=lambda e: e["line"][:40])
def test_closing_examples(example: dict) -> None:
    from plan_parser.structure.rules import structure_rules

    rules = structure_rules()
    assert any(p.search(example["line"]) for p in rules.closing_formulas) == example["closing"]


@pytest.mark.parametrize("example", examples("structure", "signature"), ids=lambda e: e["line"])
def test_authority_mark_examples(example: dict) -> None:
    from plan_parser.structure.closing import is_authority_line
    from plan_parser.structure.rules import structure_rules

    m = structure_rules().authority.match(example["line"])
    if example["mark"] is None:
        assert not is_authority_line(example["line"])
    else:
        assert is_authority_line(example["line"]) and m.group("mark") == example["mark"]


@pytest.mark.parametrize("example", load_rules("structure")["signature"]["name_examples"],
                         ids=lambda e: e["block"][-30:])
def test_signer_name_examples(example: dict) -> None:
    from plan_parser.pipeline import analyze_text

    text = ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/KH-UBND\nKẾ HOẠCH\nThực hiện công việc\n"
            "I. NHIỆM VỤ\nTổ chức thực hiện./.\n" + example["block"] + "\n")
    signature = analyze_text(text).structure.signature
    assert signature is not None
    name = signature.name.text if signature.name else None
    assert name == example["signer_name"]
    if "signer_title" in example:
        assert signature.title is not None and signature.title.text == example["signer_title"]


@pytest.mark.parametrize("example", load_rules("references")["mention_examples"],
                         ids=lambda e: e["text"][:40])
def test_reference_mention_examples(example: dict) -> None:
    from plan_parser.extract.reference_mentions import find_mentions

    found = []
    for m in find_mentions(example["text"]):
        item = {"form": m.form, "kind": m.kind}
        if m.law_name:
            item["name"] = m.law_name
        else:
            item["symbol"] = m.symbol.canonical if m.symbol else m.number_only
        found.append(item)
    assert found == example["mentions"]


@pytest.mark.parametrize("example", examples("registry"), ids=lambda e: e["text"][:40])
def test_registry_examples(example: dict) -> None:
    from plan_parser.pipeline import analyze_text

    analysis = analyze_text(example["text"] + ".")
    rules = [f.rule for f in analysis.findings if f.rule.startswith("citation-contradicts")]
    assert rules == example["findings"]


@pytest.mark.parametrize("example", examples("targets"), ids=lambda e: e["text"][:40])
def test_target_examples(example: dict) -> None:
    from plan_parser.extract.targets import find_targets
    from plan_parser.normalize import normalize

    text = normalize(example["text"]).text
    found = [{"metric": t.metric, "op": t.op, "value": t.value, "unit": t.unit,
              "period": t.period, "baseline": t.baseline, "subject": t.subject}
             for t in find_targets(text)]
    assert len(found) == len(example["targets"])
    for got, expected in zip(found, example["targets"], strict=True):
        assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("example", examples("deadlines"), ids=lambda e: e["text"][:40])
def test_deadline_examples(example: dict) -> None:
    from plan_parser.extract.deadlines import find_deadlines
    from plan_parser.normalize import normalize

    text = normalize(example["text"]).text
    found = []
    for d in find_deadlines(text):
        relative = ({"amount": d.relative[0], "unit": d.relative[1], "anchor": d.relative[2]}
                    if d.relative else None)
        found.append({"kind": d.kind, "day": d.day, "month": d.month, "year": d.year,
                      "recurrence": d.recurrence, "relative": relative,
                      "quarter": d.quarter, "weekday": d.weekday, "last_day": d.last_day,
                      "first_working_day": d.first_working_day})
    assert len(found) == len(example["deadlines"])
    for got, expected in zip(found, example["deadlines"], strict=True):
        assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("example", load_rules("deadlines")["context_examples"],
                         ids=lambda e: e["text"][:40])
def test_deadline_context_examples(example: dict) -> None:
    """The rules that read a date in its context (a condition, a reported order), through the
    whole pipeline."""
    from plan_parser.pipeline import analyze_text

    found = [{"kind": d.kind, "day": d.day, "month": d.month, "year": d.year,
              "subject": d.subject} for d in analyze_text(example["text"]).deadlines]
    keys = ("kind", "day", "month", "year")
    assert [{k: f[k] for k in keys} for f in found] == [{k: e[k] for k in keys}
                                                        for e in example["deadlines"]]
    # what is due, where the example says (rules/deadlines.yaml subject_lead)
    assert [f["subject"] for f, e in zip(found, example["deadlines"], strict=True)
            if "subject" in e] == [e["subject"] for e in example["deadlines"] if "subject" in e]


@pytest.mark.parametrize("example", load_rules("deadlines")["vague_examples"],
                         ids=lambda e: e["text"][:40])
def test_vague_report_examples(example: dict) -> None:
    from plan_parser.extract.deadlines import find_deadlines, find_vague_reports
    from plan_parser.normalize import normalize

    text = normalize(example["text"]).text
    vague = find_vague_reports(text, 0, len(text), find_deadlines(text))
    assert bool(vague) == example["vague"]


@pytest.mark.parametrize("example", examples("units"), ids=lambda e: e["text"][:40])
def test_unit_examples(example: dict) -> None:
    from plan_parser.extract.units import find_unit_mentions
    from plan_parser.normalize import normalize

    norm = normalize(example["text"])
    found = [norm.display(m.start, m.end)
             for m in find_unit_mentions(norm.text, 0, len(norm.text))]
    assert found == example["units"]


@pytest.mark.parametrize("example", examples("assignments"), ids=lambda e: e["text"][:40])
def test_assignment_examples(example: dict) -> None:
    from plan_parser.export.json_export import analysis_to_dict
    from plan_parser.pipeline import analyze_text

    doc = analysis_to_dict(analyze_text(example["text"]))
    found = [{"unit": a["unit"], "role": a["role"]} for a in doc["assignments"]]
    assert found == example["assignments"]
    assert doc["lead_unit"]["name"] == example["lead"]


def _linearised(header: list[str], row: list[str], subheader: list[str] | None = None) -> str:
    """A table written cell by cell between "|" lines, as converted documents have it."""
    under = [*subheader[:2], None, *subheader[2:], None] if subheader else []
    cells = [*header, None, *under, *row, None]
    lines = ["KẾ HOẠCH", "Về thực hiện nhiệm vụ", "I. MỤC TIÊU", "1. Thực hiện tốt.", "|"]
    for cell in cells:
        if cell is not None:
            lines.append(f"**{cell}**" if cell in header else cell)
        lines.append("|")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("example", examples("tables"), ids=lambda e: " ".join(e["row"])[:40])
def test_table_examples(example: dict) -> None:
    from plan_parser.pipeline import analyze_text

    analysis = analyze_text(_linearised(example["header"], example["row"],
                                        example.get("subheader")), fmt="md")
    for expected, got in ((example.get("targets"), [
            {"op": t.op, "value": t.value, "unit": t.unit, "period": t.period}
            for t in analysis.targets]),
            (example.get("deadlines"), [{"kind": d.kind, "day": d.day, "month": d.month,
                                         "year": d.year, "subject": d.subject}
                                        for d in analysis.deadlines])):
        if expected is not None:
            assert [{k: g[k] for k in e} for g, e in zip(got, expected, strict=False)] == expected
            assert len(got) == len(expected)


@pytest.mark.parametrize("example", load_rules("tables").get("plain_examples", []),
                         ids=lambda e: e["text"][:40])
def test_plain_table_examples(example: dict) -> None:
    from plan_parser.extract.tables import plain_time_cells
    from plan_parser.normalize import normalize

    assert [c.text for c in plain_time_cells(normalize(example["text"]))] == example["times"]
