"""Scoring of the extractors (references, targets, deadlines, units) against corpus gold."""

from __future__ import annotations

from collections import Counter
from typing import Any

from plan_parser.evaluation import DocumentReport, Score


def _multiset_score(group: str, predicted: list[tuple], gold: list[tuple],
                    report: DocumentReport) -> Score:
    remaining = Counter(gold)
    correct = 0
    for item in predicted:
        if remaining[item] > 0:
            remaining[item] -= 1
            correct += 1
        else:
            report.mismatches.append(f"{group}: unexpected {item}")
    for item, count in remaining.items():
        for _ in range(count):
            report.mismatches.append(f"{group}: missing {item}")
    return Score(correct=correct, predicted=len(predicted), gold=len(gold))


def _issuer_key(issuer: str | None) -> tuple | None:
    if issuer is None:
        return None
    from plan_parser.check.citations import agency_key
    from plan_parser.extract.agencies import find_agency
    from plan_parser.gazetteer import name_key

    agency = find_agency(issuer, 0)
    if agency is None:
        return (name_key(issuer),)
    return agency_key(agency)


def _reference_key(kind: str | None, symbol: str | None, name: str | None) -> tuple:
    from plan_parser.gazetteer import name_key

    return (kind, symbol) if symbol else (kind, name_key(name or ""))


def _field_scores(group: str, predicted: dict[tuple, dict], gold: dict[tuple, dict],
                  fields: tuple[str, ...], report: DocumentReport) -> None:
    """Accuracy of extra fields on the items whose key matched ("references.role" …)."""
    for name in fields:
        score = Score()
        for key, expected in gold.items():
            if key not in predicted:
                continue
            score.gold += 1
            score.predicted += 1
            got, want = predicted[key].get(name), expected.get(name)
            if got == want:
                score.correct += 1
            else:
                report.mismatches.append(f"{group}.{name}: {key} got {got!r}, gold {want!r}")
        report.scores[f"{group}.{name}"] = score


def score_references(doc: dict[str, Any], gold: dict[str, Any], report: DocumentReport) -> Score:
    """Distinct documents, correct when kind+symbol (or law name), date and issuer all agree."""
    refs = [r for r in doc["references"] if r["role"] != "self"]
    golds = gold.get("documents") or []
    predicted = [(_reference_key(r["kind"], r["symbol"] if not r["name"] else None, r["name"]),
                  r["date"], _issuer_key(r["issuer"])) for r in refs]
    expected = [(_reference_key(g["kind"], g.get("symbol"), g.get("name")), g.get("date"),
                 _issuer_key(g.get("issuer"))) for g in golds]
    score = _multiset_score("references", predicted, expected, report)
    by_key = {p[0]: {"date": r["date"], "issuer": p[2], "role": r["role"]}
              for p, r in zip(predicted, refs, strict=True)}
    gold_by_key = {e[0]: {"date": g.get("date"), "issuer": e[2], "role": g.get("role")}
                   for e, g in zip(expected, golds, strict=True)}
    _field_scores("references", by_key, gold_by_key, ("date", "issuer", "role"), report)
    return score


def score_targets(doc: dict[str, Any], gold: dict[str, Any], report: DocumentReport) -> Score:
    """(section, metric, op, value) of each target occurrence."""
    targets = doc["targets"]
    golds = gold.get("targets") or []
    predicted = [(t["section"], t["metric"], t["op"], round(float(t["value"]), 3)) for t in targets]
    expected = [(g["section"], g["metric"], g["op"], round(float(g["value"]), 3)) for g in golds]
    score = _multiset_score("targets", predicted, expected, report)
    _field_scores("targets", dict(zip(predicted, targets, strict=True)),
                  dict(zip(expected, golds, strict=True)), ("unit", "period", "baseline"), report)
    return score


def _relative(value: dict | None) -> tuple | None:
    return (value["amount"], value["unit"]) if value else None


def score_deadlines(doc: dict[str, Any], gold: dict[str, Any], report: DocumentReport) -> Score:
    """(section, kind, day, month, year, recurrence, relative amount and unit)."""
    def key(d: dict) -> tuple:
        return (d["section"], d["kind"], d.get("day"), d.get("month"), d.get("year"),
                d.get("recurrence"), _relative(d.get("relative")))
    return _multiset_score("deadlines", [key(d) for d in doc["deadlines"]],
                           [key(g) for g in gold.get("deadlines") or []], report)


def score_vague(doc: dict[str, Any], gold: dict[str, Any], report: DocumentReport) -> Score:
    """Vague report obligations, by section."""
    predicted = [("vague", _section_of_finding(doc, f)) for f in doc["findings"]
                 if f["rule"] == "vague-deadline"]
    expected = [("vague", g["section"]) for g in gold.get("vague") or []]
    return _multiset_score("vague", predicted, expected, report)


def _section_of_finding(doc: dict[str, Any], finding: dict[str, Any]) -> str:
    best = "preamble"

    def walk(nodes: list[dict]) -> None:
        nonlocal best
        for node in nodes:
            if node["start"] <= finding["start"] <= node["end"]:
                best = node["path"]
            walk(node["children"])

    walk(doc["sections"])
    if doc["closing"] and doc["closing"]["start"] <= finding["start"]:
        best = "closing"
    return best


def gold_unit_key(name: str) -> str:
    """The unit key of a gold name, read with the same grammar as the text."""
    from plan_parser.extract.units import find_unit_mentions
    from plan_parser.normalize import normalize
    from plan_parser.resolve.units import unit_key

    norm = normalize(name)
    mentions = find_unit_mentions(norm.text, 0, len(norm.text))
    kind = mentions[0].kind if mentions else "named"
    return unit_key(name, kind)


def score_units(doc: dict[str, Any], gold: dict[str, Any], report: DocumentReport) -> Score:
    """Distinct units by canonical key."""
    from plan_parser.resolve.units import unit_key

    units = doc["units"]
    golds = gold.get("units") or []
    predicted = [("unit", unit_key(u["name"], u["kind"])) for u in units]
    expected = [("unit", gold_unit_key(g["name"])) for g in golds]
    score = _multiset_score("units", predicted, expected, report)

    def typo(value: str | None) -> str | None:
        return gold_unit_key(value) if value else None

    _field_scores("units", {k: {"typo_of": typo(u["typo_of"])} for k, u in zip(predicted, units,
                                                                                strict=True)},
                  {k: {"typo_of": typo(g.get("typo_of"))} for k, g in zip(expected, golds,
                                                                          strict=True)},
                  ("typo_of",), report)
    return score


def score_lead(doc: dict[str, Any], gold: dict[str, Any], report: DocumentReport) -> Score:
    """The plan's overall lead unit."""
    from plan_parser.resolve.units import unit_key

    expected = gold.get("lead")
    predicted = doc["lead_unit"]["name"] if doc["lead_unit"] else None
    score = Score(gold=int(expected is not None), predicted=int(predicted is not None))
    if (expected and predicted and gold_unit_key(expected) == unit_key(predicted, "named")) or (
            expected and predicted and gold_unit_key(expected) == gold_unit_key(predicted)):
        score.correct = 1
    elif expected or predicted:
        report.mismatches.append(f"lead: got {predicted!r}, gold {expected!r}")
    return score


def score_extractors(doc: dict[str, Any], gold: dict[str, Any], report: DocumentReport) -> None:
    """Add the extractor scores of one document to its report."""
    if "gold_references" in gold:
        report.scores["references"] = score_references(doc, gold["gold_references"], report)
    if "gold_targets" in gold:
        report.scores["targets"] = score_targets(doc, gold["gold_targets"], report)
    if "gold_deadlines" in gold:
        report.scores["deadlines"] = score_deadlines(doc, gold["gold_deadlines"], report)
        report.scores["vague"] = score_vague(doc, gold["gold_deadlines"], report)
    if "gold_units" in gold:
        report.scores["units"] = score_units(doc, gold["gold_units"], report)
        report.scores["lead"] = score_lead(doc, gold["gold_units"], report)
