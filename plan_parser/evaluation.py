"""Evaluate the analysis of the corpus against its gold annotations (``corpus/gold/<part>/``).

Each plan ``corpus/plans/<stem>.txt`` may have twins (``.docx``, ``.pdf``); all are scored
against the same gold file. Scores are precision/recall/F1 per field group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMATS = (".txt", ".md", ".docx", ".pdf")
STRUCTURE_GROUPS = ("header", "parent", "sections", "closing")
EXTRACTOR_GROUPS = ("references", "targets", "deadlines", "units")
REPORTED_GROUPS = ("lead", "vague")
F1_BAR = 0.95  # the accuracy bar of the extractors (issue 3)
FIELD_GROUPS = ("references.date", "references.issuer", "references.role", "targets.unit",
                "targets.period", "targets.baseline", "units.typo_of")
# the formats the accuracy bar applies to; PDF text is reported, its layout is lossy
REQUIRED_FORMATS = (".txt", ".md", ".docx")


@dataclass(slots=True)
class Score:
    """Counts for one field group."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        """Accumulate another score."""
        self.correct += other.correct
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        """Correct / predicted (1.0 when nothing was predicted and nothing expected)."""
        return self.correct / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        """Correct / gold."""
        return self.correct / self.gold if self.gold else float(self.predicted == 0)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class DocumentReport:
    """Scores and mismatches of one file."""

    path: Path
    scores: dict[str, Score] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class CorpusReport:
    """All documents of a corpus."""

    documents: list[DocumentReport] = field(default_factory=list)

    def totals(self, suffixes: tuple[str, ...]) -> dict[str, Score]:
        """Scores summed over the documents with these suffixes."""
        totals: dict[str, Score] = {}
        for doc in self.documents:
            if doc.path.suffix.lower() not in suffixes:
                continue
            for group, score in doc.scores.items():
                totals.setdefault(group, Score()).add(score)
        return totals

    def lint_passed(self) -> bool:
        """Lint precision and recall at the bar on txt and docx (when there is defect gold)."""
        from plan_parser.evaluation_lint import LINT_PRECISION_BAR, LINT_RECALL_BAR

        for suffixes in ((".txt", ".md"), (".docx",)):
            score = self.totals(suffixes).get("lint")
            if score is not None and (score.precision < LINT_PRECISION_BAR
                                      or score.recall < LINT_RECALL_BAR):
                return False
        return True

    @property
    def all_passed(self) -> bool:
        """Structure exact on every required-format file; extractors at F1 ≥ the bar."""
        required = [d for d in self.documents if d.path.suffix.lower() in REQUIRED_FORMATS]
        if any(d.error for d in required):
            return False
        for doc in required:
            if any(m.split(":")[0] in STRUCTURE_GROUPS or m.split(".")[0] in STRUCTURE_GROUPS
                   for m in doc.mismatches):
                return False
        for suffixes in ((".txt", ".md"), (".docx",)):
            totals = self.totals(suffixes)
            for group in EXTRACTOR_GROUPS:
                if group in totals and totals[group].f1 < F1_BAR:
                    return False
        return True


def load_gold(path: Path) -> dict[str, Any]:
    """Read one gold file."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_gold_parts(corpus: Path, stem: str) -> dict[str, Any]:
    """The structure gold of a plan, with its extractor gold files under their part names."""
    gold = load_gold(corpus / "gold" / "structure" / f"{stem}.yaml")
    for part in ("references", "targets", "deadlines", "units", "defects"):
        path = corpus / "gold" / part / f"{stem}.yaml"
        if path.is_file():
            gold[f"gold_{part}"] = load_gold(path) or {}
    return gold


def score_document(doc: dict[str, Any], gold: dict[str, Any],
                   original: str | None = None) -> DocumentReport:
    """Compare one analysed document (its JSON object) with its gold annotation; with the
    reader's ``original`` text the lint findings are scored against the defect gold too."""
    report = DocumentReport(Path(doc["source"]["path"]))
    report.scores["header"] = _score_fields("header", _flatten_header(doc["header"]),
                                            _flatten_header(gold["header"]), report)
    if gold.get("parent") is not None:
        predicted = {k: (doc["parent"] or {}).get(k) for k in gold["parent"]}
        report.scores["parent"] = _score_fields("parent", predicted, gold["parent"], report)
    report.scores["sections"] = _score_sections(doc["sections"], gold.get("sections", []), report)
    other = Score()
    recipients = len(doc["recipients"]["items"]) if doc["recipients"] else 0
    _check(other, "recipients", recipients, gold.get("recipients"), report)
    closing = doc["closing"]["text"] if doc["closing"] else None
    expected = gold.get("closing_starts")
    closing_ok = (closing is None and expected is None) or (
        closing is not None and expected is not None
        and " ".join(closing.split()).startswith(expected))
    _check(other, "closing", closing_ok, True, report)
    report.scores["closing"] = other
    from plan_parser.evaluation_extractors import score_extractors

    score_extractors(doc, gold, report)
    if original is not None and "gold_defects" in gold:
        from plan_parser.evaluation_lint import score_lint

        score_lint(doc, gold["gold_defects"].get("defects") or [], original, report)
    return report


def _flatten_header(header: dict[str, Any]) -> dict[str, Any]:
    flat = {k: v for k, v in header.items() if k not in ("signer", "spans", "issuer_source")}
    signer = header.get("signer") or {}
    flat.update({f"signer.{k}": v for k, v in signer.items()})
    return flat


def _check(score: Score, name: str, predicted: Any, expected: Any, report: DocumentReport) -> None:
    score.gold += 1
    score.predicted += 1
    if predicted == expected:
        score.correct += 1
    else:
        report.mismatches.append(f"{name}: got {predicted!r}, gold {expected!r}")


def _score_fields(group: str, predicted: dict[str, Any], gold: dict[str, Any],
                  report: DocumentReport) -> Score:
    score = Score()
    for key, expected in gold.items():
        _check(score, f"{group}.{key}", predicted.get(key), expected, report)
    return score


def _flatten_sections(nodes: list[dict[str, Any]], out: dict[str, str]) -> dict[str, str]:
    for node in nodes:
        out[node["path"]] = node["title"]
        _flatten_sections(node["children"], out)
    return out


def _score_sections(nodes: list[dict[str, Any]], gold: list[dict[str, Any]],
                    report: DocumentReport) -> Score:
    predicted = _flatten_sections(nodes, {})
    score = Score(predicted=len(predicted), gold=len(gold))
    gold_paths = set()
    for item in gold:
        path = item["path"]
        gold_paths.add(path)
        title = predicted.get(path)
        if title is None:
            report.mismatches.append(f"sections: missing {path}")
            continue
        clean = " ".join(title.split())
        ok = clean == item["title"] if "title" in item else clean.startswith(item["title_prefix"])
        if ok:
            score.correct += 1
        else:
            expected = item.get("title", item.get("title_prefix"))
            report.mismatches.append(f"sections: {path} title {clean!r}, gold {expected!r}")
    for path in predicted.keys() - gold_paths:
        report.mismatches.append(f"sections: unexpected {path}")
    return score


def evaluate_corpus(corpus: Path) -> CorpusReport:
    """Analyse every plan (and twin) that has a gold file and score it."""
    from plan_parser.export.json_export import analysis_to_dict
    from plan_parser.pipeline import analyze_file
    from plan_parser.readers import InputError

    report = CorpusReport()
    for gold_path in sorted((corpus / "gold" / "structure").glob("*.yaml")):
        gold = load_gold_parts(corpus, gold_path.stem)
        for suffix in FORMATS:
            plan = corpus / "plans" / f"{gold_path.stem}{suffix}"
            if not plan.is_file():
                continue
            try:
                analysis = analyze_file(plan)
            except InputError as exc:
                report.documents.append(DocumentReport(plan, error=str(exc)))
                continue
            doc = analysis_to_dict(analysis)
            result = score_document(doc, gold, analysis.source.text)
            result.path = plan
            report.documents.append(result)
    return report


def render_report(report: CorpusReport) -> str:
    """The score tables (markdown) followed by every mismatch."""
    lines: list[str] = []
    for title, groups in (("Structure", list(STRUCTURE_GROUPS)),
                          ("Extractors", list(EXTRACTOR_GROUPS) + list(REPORTED_GROUPS)),
                          ("Fields of the matched items", list(FIELD_GROUPS))):
        lines.append(f"{title} (precision / recall / F1):")
        lines.append("")
        lines.append("| format | " + " | ".join(groups) + " |")
        lines.append("|---|" + "---|" * len(groups))
        for suffixes, label in (((".txt", ".md"), "txt"), ((".docx",), "docx"), ((".pdf",), "pdf")):
            totals = report.totals(suffixes)
            if not totals:
                continue
            cells = []
            for group in groups:
                s = totals.get(group)
                cells.append("–" if s is None else f"{s.precision:.2f} / {s.recall:.2f} / "
                             f"{s.f1:.2f} ({s.correct}/{s.gold})")
            count = sum(1 for d in report.documents if d.path.suffix.lower() in suffixes)
            lines.append(f"| {label} ({count}) | " + " | ".join(cells) + " |")
        lines.append("")
    lines.extend(_lint_table(report))
    for doc in report.documents:
        if doc.error:
            lines.append(f"{doc.path}: ERROR {doc.error}")
        for mismatch in doc.mismatches:
            lines.append(f"{doc.path}: {mismatch}")
    lines.append(f"bar met: structure exact, extractors F1 ≥ {F1_BAR} on txt and docx"
                 if report.all_passed else
                 f"BAR NOT MET: structure must be exact and extractors F1 ≥ {F1_BAR} (txt, docx)")
    if any("lint" in d.scores for d in report.documents):
        from plan_parser.evaluation_lint import LINT_PRECISION_BAR, LINT_RECALL_BAR

        bar = f"precision ≥ {LINT_PRECISION_BAR}, recall ≥ {LINT_RECALL_BAR} on txt and docx"
        lines.append(f"lint bar met: {bar}" if report.lint_passed() else
                     f"LINT BAR NOT MET: {bar}")
    return "\n".join(lines)


def _lint_table(report: CorpusReport) -> list[str]:
    """Lint findings against the defect gold: all rules, then one row per rule."""
    if not any("lint" in d.scores for d in report.documents):
        return []
    lines = ["Lint findings against the defect gold (precision / recall, correct/gold, "
             "predicted):", "", "| rule | txt | docx |", "|---|---|---|"]
    by_format = {label: report.totals(suffixes) for suffixes, label in
                 (((".txt", ".md"), "txt"), ((".docx",), "docx"))}
    rules = sorted({g for totals in by_format.values() for g in totals if g.startswith("lint")},
                   key=lambda g: (g != "lint", g))
    for group in rules:
        cells = []
        for label in ("txt", "docx"):
            s = by_format[label].get(group)
            cells.append("–" if s is None else f"{s.precision:.2f} / {s.recall:.2f} "
                         f"({s.correct}/{s.gold}, {s.predicted})")
        name = "**all rules**" if group == "lint" else group.split(":", 1)[1]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    return lines
