"""Score analyses of real documents against ``corpus/real/gold`` (see corpus/real/ANNOTATION.md).

The scorer reads the analysis as exported JSON (the ``analyze`` contract), so the output of any
version of the tool can be scored, including the first run of an older one. Groups:

- ``header``: doc_type, number, symbol (whole số/ký hiệu), date, issuer, signer name, title and
  authority; precision/recall over the fields that are filled;
- ``parent``: one decision per document (a symbol, or none), scored as accuracy;
- ``citations``: the distinct numbered documents cited (canonical symbols), micro P/R;
- ``targets``: a gold target is found when a predicted target overlaps its quote with the same
  value and direction (``targets.loose`` needs only the overlap); a gold fraction written rounded
  to three decimals or more (0.667 for 2/3) matches the exact value, and so does one written as
  a percentage (66.67 %);
- ``targets.subject``: over the targets matched, the words of the tool's subject against the
  reader's (words in common / the reader's: recall; / the tool's: precision), where the reader
  gave one (``deadlines.subject``: the same over the deadlines matched, what is due);
- ``deadlines``: a gold deadline is found when a predicted calendar deadline overlaps its quote
  with the same day, month and year (for a range of years, "2025 - 2030", either end); only
  deadlines with a calendar component (a day, month, year, quarter, weekday, or the last or
  first working day of a month) are scored (time
  limits counted from an event are targets, a bare frequency such as "báo cáo hằng năm" is a
  report period, not a deadline: the guideline's definition).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plan_parser.evaluation import Score

HEADER_FIELDS = ("doc_type", "number", "symbol", "date", "issuer", "signer.name",
                 "signer.title", "signer.authority")
GROUPS = ("header", "parent", "citations", "targets", "targets.loose", "targets.subject",
          "deadlines", "deadlines.subject")
_OPS_EQUIVALENT = {">=": {">=", ">"}, ">": {">", ">="}, "<=": {"<=", "<"}, "<": {"<", "<="},
                   "=": {"=", ">="}}


def fold(text: str | None) -> str | None:
    """Case, tone style, markup and spacing folded away, for comparing names."""
    if text is None:
        return None
    from plan_parser.normalize.tone import canonical_tone

    text = unicodedata.normalize("NFC", str(text)).replace("*", " ").replace("\\", " ")
    return " ".join(canonical_tone(text).casefold().split()) or None


def symbol_key(symbol: str | None) -> str | None:
    """A số/ký hiệu reduced to compare: no spaces, no 'số', one case, look-alikes mapped."""
    if not symbol:
        return None
    text = unicodedata.normalize("NFKC", symbol)
    text = text.translate(str.maketrans("АВСЕНКМОРТХаеорсх", "ABCEHKMOPTXaeopcx"))
    text = re.sub(r"(?i)^s[ốo]\s*:?", "", text.strip())
    return re.sub(r"\s+", "", text).casefold() or None


def full_symbol(header: dict[str, Any]) -> str | None:
    """The whole số/ký hiệu of an exported header (``full_symbol`` if the export has it)."""
    if header.get("full_symbol"):
        return header["full_symbol"]
    number, symbol = header.get("number"), header.get("symbol")
    if not symbol:
        return None
    if not number:
        return symbol
    joiner = "-" if header.get("system") == "party" else "/"
    return f"{number}{joiner}{symbol}"


@dataclass(slots=True)
class RealDocumentReport:
    """Scores and misses of one document."""

    file: str
    scores: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    failed: str | None = None  # the analysis produced no output (crash, unreadable)
    doc_type: str | None = None  # the type the reader gave ("Kế hoạch", "Thông tư" …)


@dataclass(slots=True)
class RealReport:
    """All documents, and the totals per group and per header field."""

    documents: list[RealDocumentReport] = field(default_factory=list)

    def total(self, group: str, doc_type: str | None = None) -> Score:
        """Micro-averaged score of ``group`` over the documents (of ``doc_type`` if given)."""
        score = Score()
        for doc in self.documents:
            if group in doc.scores and (doc_type is None or doc.doc_type == doc_type):
                score.add(doc.scores[group])
        return score

    def doc_types(self) -> list[tuple[str, int]]:
        """The documents' types with their counts, the most frequent first."""
        counts: dict[str, int] = {}
        for doc in self.documents:
            if doc.doc_type:
                counts[doc.doc_type] = counts.get(doc.doc_type, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def bootstrap_interval(report: RealReport, group: str, draws: int = 2000, seed: int = 0,
                       level: float = 0.95) -> dict[str, tuple[float, float]]:
    """Percentile intervals of ``group``'s micro precision and recall when the documents are
    drawn again with replacement (the unit of sampling is the document: targets of one document
    are not independent). Seeded, so the same report gives the same interval."""
    import random

    scores = [doc.scores[group] for doc in report.documents if group in doc.scores]
    if not scores:
        return {}
    draw = random.Random(seed)
    precisions, recalls = [], []
    for _ in range(draws):
        total = Score()
        for score in draw.choices(scores, k=len(scores)):
            total.add(score)
        precisions.append(total.precision)
        recalls.append(total.recall)
    tail = (1 - level) / 2

    def percentiles(values: list[float]) -> tuple[float, float]:
        values.sort()
        return values[int(tail * (draws - 1))], values[int((1 - tail) * (draws - 1))]

    return {"precision": percentiles(precisions), "recall": percentiles(recalls)}


def _count(score: Score, gold: Any, predicted: Any, same: bool) -> None:
    score.gold += gold is not None
    score.predicted += predicted is not None
    score.correct += bool(gold is not None and predicted is not None and same)


def _header_scores(gold: dict[str, Any], doc: dict[str, Any], report: RealDocumentReport) -> None:
    header = doc.get("header") or {}
    signer = header.get("signer") or {}
    predicted = {
        "doc_type": fold(header.get("doc_type")),
        "number": header.get("number"),
        "symbol": symbol_key(full_symbol(header)),
        "date": header.get("date"),
        "issuer": fold(header.get("issuer")),
        "signer.name": fold(signer.get("name")),
        "signer.title": fold(signer.get("title")),
        "signer.authority": [fold(a) for a in signer.get("authority") or []] or None,
    }
    gold_signer = gold.get("signer") or {}
    expected = {
        "doc_type": fold(gold.get("doc_type")),
        "number": gold.get("number"),
        "symbol": symbol_key(gold.get("symbol")),
        "date": str(gold["date"]) if gold.get("date") else None,
        "issuer": fold(gold.get("issuer")),
        "signer.name": fold(gold_signer.get("name")),
        "signer.title": fold(gold_signer.get("title")),
        "signer.authority": [fold(a) for a in gold_signer.get("authority") or []] or None,
    }
    total = report.scores.setdefault("header", Score())
    for name in HEADER_FIELDS:
        g, p = expected[name], predicted[name]
        same = g == p or (name == "number" and _same_number(g, p))
        score = report.scores.setdefault(f"header.{name}", Score())
        _count(score, g, p, same)
        _count(total, g, p, same)
        if not same and (g is not None or p is not None):
            report.misses.append(f"header.{name}: gold {g!r}, got {p!r}")


def _same_number(gold: Any, predicted: Any) -> bool:
    g, p = str(gold or ""), str(predicted or "")
    return g.isdigit() and p.isdigit() and int(g) == int(p)


def _parent_scores(gold: dict[str, Any], doc: dict[str, Any], report: RealDocumentReport) -> None:
    expected = symbol_key((gold.get("parent") or {}).get("symbol"))
    named_only = gold.get("parent") is not None and expected is None
    predicted = symbol_key((doc.get("parent") or {}).get("symbol"))
    if named_only:  # a parent without a number (a law by name): right if a parent was found
        predicted_name = fold((doc.get("parent") or {}).get("kind"))
        same = predicted_name is not None
    else:
        same = expected == predicted
    score = report.scores.setdefault("parent", Score())
    score.gold += 1
    score.predicted += 1
    score.correct += same
    if not same:
        report.misses.append(f"parent: gold {expected!r}, got {predicted!r}")


def _citation_scores(gold: dict[str, Any], doc: dict[str, Any],
                     report: RealDocumentReport) -> None:
    own = symbol_key(gold["header"].get("symbol"))
    expected = {symbol_key(c["symbol"]) for c in gold.get("citations") or []} - {None, own}
    predicted: set[str | None] = set()
    for ref in doc.get("references") or []:
        if ref.get("role") == "self":
            continue
        forms = {m.get("form") for m in ref.get("mentions") or []}
        if forms == {"self"}:
            continue
        predicted.add(symbol_key(ref.get("symbol")))
    predicted -= {None, own}
    score = report.scores.setdefault("citations", Score())
    score.gold += len(expected)
    score.predicted += len(predicted)
    score.correct += len(expected & predicted)
    for missing in sorted(expected - predicted):
        report.misses.append(f"citation missed: {missing}")
    for extra in sorted(predicted - expected):
        report.misses.append(f"citation extra: {extra}")


def _quote_span(lines: list[tuple[int, str]], quote: str, line: int) -> tuple[int, int] | None:
    """Original offsets of ``quote`` on (or near) 1-based ``line``."""
    for candidate in (line, line - 1, line + 1, line - 2, line + 2):
        if 1 <= candidate <= len(lines):
            start, content = lines[candidate - 1]
            at = content.find(quote)
            if at >= 0:
                return start + at, start + at + len(quote)
    return None


def _line_table(text: str) -> list[tuple[int, str]]:
    table, pos = [], 0
    for piece in text.splitlines(keepends=True):
        table.append((pos, piece.rstrip("\r\n")))
        pos += len(piece)
    return table


DEADLINE_SLACK = 40  # characters a deadline may lie from its quote and still match it


def _overlaps(a: tuple[int, int], item: dict[str, Any], slack: int = 0) -> bool:
    return item["start"] < a[1] + slack and a[0] - slack < item["end"]


def _match(gold_items: list[dict[str, Any]], predicted: list[dict[str, Any]],
           lines: list[tuple[int, str]], agrees: Callable[[dict, dict], bool],
           score: Score, report: RealDocumentReport, label: str,
           slack: int = 0) -> dict[int, int]:
    """Count the gold items ``agrees`` matches (near their quote), report the rest; the
    matches, gold index → predicted index."""
    used: set[int] = set()
    score.gold += len(gold_items)
    score.predicted += len(predicted)
    spans = [_quote_span(lines, item["quote"], item["line"]) for item in gold_items]
    hits: dict[int, int] = {}  # gold item → predicted item
    # an item that overlaps its quote is matched before one that is only near it (``slack``):
    # a near one must not take the prediction of the next line's item
    for reach in dict.fromkeys((0, slack)):
        for g, item in enumerate(gold_items):
            if g in hits or spans[g] is None:
                continue
            for i, p in enumerate(predicted):
                if i not in used and _overlaps(spans[g], p, reach) and agrees(item, p):
                    hits[g] = i
                    used.add(i)
                    break
    for g, item in enumerate(gold_items):
        if g not in hits:
            report.misses.append(f"{label} missed (line {item['line']}): {item['quote']!r}")
    score.correct += len(hits)
    for i, p in enumerate(predicted):
        if i not in used:
            report.misses.append(f"{label} extra (line {p.get('line')}): {p.get('text', '')!r}")
    return hits


_SUBJECT_WORD = re.compile(r"[^\W\d_]+")


def _subject_words(subject: Any) -> Counter[str]:
    return Counter(w.lower() for w in _SUBJECT_WORD.findall(subject or ""))


def _subject_scores(gold_items: list[dict[str, Any]], predicted: list[dict[str, Any]],
                    hits: dict[int, int], score: Score) -> None:
    """Words of the tool's subjects against the reader's, over the targets matched (the words
    in common, of the reader's, of the tool's: recall and precision of the subject's words)."""
    for g, p in hits.items():
        gold, tool = _subject_words(gold_items[g].get("subject")), \
            _subject_words(predicted[p].get("subject"))
        if not gold:
            continue  # the reader gave none: nothing to compare with
        score.gold += sum(gold.values())
        score.predicted += sum(tool.values())
        score.correct += sum((gold & tool).values())


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _rounding(value: Any) -> float:
    """How far a gold value may be from the exact one: a fraction written rounded to three
    decimals or more ("2/3" as 0.667 or 0.6667) stands for the exact fraction."""
    decimals = len(str(value).partition(".")[2]) if isinstance(value, float) else 0
    return 0.5 * 10 ** -decimals + 1e-9 if decimals >= 3 else 1e-9


_SHARE_UNIT = "phần"  # the unit of a fraction of a whole (rules/targets.yaml, counted.shares)


# lengths of time in a common measure: "từ 01 năm 06 tháng trở lên" is 18 tháng or 1.5 năm,
# and readers wrote either (scoring since 2026-12-06; before, only the same number counted)
_DURATIONS = {"năm": ("tháng", 12), "tháng": ("tháng", 1), "tuần": ("ngày", 7),
              "ngày": ("ngày", 1), "giờ": ("phút", 60), "phút": ("phút", 1)}


# a count in thousands or millions: "1 triệu căn" is 1 "triệu căn" or 1000000 "căn", and
# readers wrote either (scoring since 2026-12-07; before, only the same number counted; the
# number as written still agrees: "< 500" under "(1.000 người)" as 500 "nghìn người")
_MULTIPLIERS = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6}


def _multiplier(unit: Any) -> float:
    """The multiplier a unit opens with ("triệu lượt khách": a million), else 1."""
    first, space, _ = str(unit or "").partition(" ")
    return _MULTIPLIERS.get(first.lower(), 1.0) if space else 1.0


def _target_agrees(gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    g, p = _number(gold.get("value")), _number(predicted.get("value"))
    tolerance = _rounding(gold.get("value"))
    if g is not None and p is not None and str(gold.get("unit") or "").startswith("%") \
            and predicted.get("unit") == _SHARE_UNIT:
        # a share ("2/3 tổng số thành viên") a reader wrote as a percentage (66.67), the unit
        # "%" alone or followed by what it is of ("% số thành viên")
        p *= 100
        tolerance = 0.5 * 10 ** -len(str(gold.get("value")).partition(".")[2]) + 1e-9
    gold_unit, unit = _DURATIONS.get(gold.get("unit") or ""), _DURATIONS.get(
        predicted.get("unit") or "")
    if g is not None and p is not None and gold_unit and unit and gold_unit[0] == unit[0] \
            and gold_unit != unit:
        p = p * unit[1] / gold_unit[1]  # the predicted length in the reader's unit
    if g is None or p is None:
        return False
    scaled = p * _multiplier(predicted.get("unit")) / _multiplier(gold.get("unit"))
    if abs(g - p) > tolerance and abs(g - scaled) > tolerance:
        return False
    return predicted.get("op") in _OPS_EQUIVALENT.get(gold.get("op"), {gold.get("op")})


def _calendar(deadline: dict[str, Any]) -> bool:
    """A deadline with a calendar component (a day, month, year, quarter, weekday, or the last
    or first working day of a month: "ngày cuối cùng của tháng", "ngày làm việc đầu tiên của
    tháng", the second since 2026-12-07). Time limits counted from an event are scored as
    targets, and a bare frequency ("báo cáo hằng năm") is neither."""
    if deadline.get("kind") == "relative":
        return False
    return bool(deadline.get("last_day") or deadline.get("first_working_day")) or any(
        deadline.get(k) is not None for k in ("day", "month", "year", "quarter", "weekday"))


_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")


def _deadline_agrees(gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    if predicted.get("kind") == "relative":
        return False
    if not all(gold.get(k) is None or gold.get(k) == predicted.get(k) for k in ("day", "month")):
        return False
    if gold.get("year") is None or gold.get("year") == predicted.get("year"):
        return True
    # a range of years ("2025 - 2030") as the time of a task: the guideline did not say which
    # end to give until 2026-12-02 (now the first), and readers gave either
    years = _YEAR_RANGE.search(gold.get("quote") or "")
    return years is not None and predicted.get("year") in {int(years[1]), int(years[2])}


def score_document(gold: dict[str, Any], doc: dict[str, Any] | None, text: str,
                   failure: str | None = None) -> RealDocumentReport:
    """Scores of one document's exported analysis (``None`` when there is no output)."""
    report = RealDocumentReport(gold["file"], failed=failure,
                                doc_type=(gold.get("header") or {}).get("doc_type"))
    doc = _within_window(doc or {}, gold.get("window"))
    lines = _line_table(text)
    asked = set(gold.get("asked") or ("header", "parent", "citations"))
    if "header" in asked:
        _header_scores(gold["header"], doc, report)
    if "parent" in asked:
        _parent_scores(gold, doc, report)
    if "citations" in asked:
        _citation_scores(gold, doc, report)
    targets = list(doc.get("targets") or [])
    hits = _match(gold.get("targets") or [], targets, lines, _target_agrees,
                  report.scores.setdefault("targets", Score()), report, "target")
    _subject_scores(gold.get("targets") or [], targets, hits,
                    report.scores.setdefault("targets.subject", Score()))
    loose = RealDocumentReport(gold["file"])
    _match(gold.get("targets") or [], targets, lines, lambda g, p: True,
           report.scores.setdefault("targets.loose", Score()), loose, "target")
    deadlines = [d for d in doc.get("deadlines") or [] if _calendar(d)]
    due = _match(gold.get("deadlines") or [], deadlines, lines, _deadline_agrees,
                 report.scores.setdefault("deadlines", Score()), report, "deadline",
                 slack=DEADLINE_SLACK)
    _subject_scores(gold.get("deadlines") or [], deadlines, due,
                    report.scores.setdefault("deadlines.subject", Score()))
    return report


def _within_window(doc: dict[str, Any], window: dict[str, Any] | None) -> dict[str, Any]:
    """The analysis restricted to the lines a reader annotated: a long document's gold may
    cover only its opening (``window: {last_line: N}``, lines 1..N) or a later stretch
    (``window: {first_line: M, last_line: N}``, lines M..N); targets and deadlines outside
    it (by the line of their first figure, :func:`_figure_line`), and documents cited only
    outside it, are not scored."""
    if not window:
        return doc
    first, last = int(window.get("first_line") or 1), int(window["last_line"])

    def inside_lines(item: dict[str, Any]) -> bool:
        return first <= item.get("line", 0) <= last

    def figure_inside(item: dict[str, Any]) -> bool:
        return first <= _figure_line(item) <= last

    inside = dict(doc)
    for key in ("targets", "deadlines"):
        inside[key] = [item for item in doc.get(key) or [] if figure_inside(item)]
    inside["references"] = [ref for ref in doc.get("references") or []
                            if any(inside_lines(m) for m in ref.get("mentions") or [])]
    return inside


def _figure_line(item: dict[str, Any]) -> int:
    """The line of an item's first figure: a window holds a target or a deadline by the line of
    its number, as readers quote it ("a) Trong thời" / "hạn 03 ngày làm việc …" belongs to the
    window that holds "hạn 03 ngày"), not by the line its comparator opens on."""
    text = item.get("text") or ""
    digit = _DIGIT.search(text)
    return item.get("line", 0) + text.count("\n", 0, digit.start() if digit else 0)


_DIGIT = re.compile(r"\d")


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """Every gold file of ``gold_dir``, sorted by name."""
    import yaml

    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(gold_dir.glob("*.yaml"))]


def evaluate(gold_dir: Path, texts_root: Path,
             analyse: Callable[[Path], tuple[dict[str, Any] | None, str | None]]) -> RealReport:
    """Score ``analyse(path) -> (exported dict or None, failure reason or None)`` on the gold."""
    report = RealReport()
    for gold in load_gold(gold_dir):
        path = texts_root / gold["file"]
        doc, failure = analyse(path)
        # as read by the tool: "\r\n" kept, so that offsets agree with the exported spans
        text = path.read_bytes().decode("utf-8")
        report.documents.append(score_document(gold, doc, text, failure))
    return report


def render(report: RealReport, title: str = "Real documents") -> str:
    """Markdown tables: the groups, then the header fields."""
    def row(name: str, score: Score) -> str:
        return (f"| {name} | {score.precision:.2f} | {score.recall:.2f} | {score.f1:.2f} | "
                f"{score.correct} | {score.gold} | {score.predicted} |")

    failed = [d for d in report.documents if d.failed]
    out = [f"### {title}: {len(report.documents)} documents, {len(failed)} without output", "",
           "| group | precision | recall | F1 | correct | gold | predicted |",
           "|---|---|---|---|---|---|---|"]
    out += [row(g, report.total(g)) for g in GROUPS]
    out += ["", "| header field | precision | recall | F1 | correct | gold | predicted |",
            "|---|---|---|---|---|---|---|"]
    out += [row(f, report.total(f"header.{f}")) for f in HEADER_FIELDS]
    out += ["", "| document type (as read) | documents | targets P | targets R | targets gold "
            "| deadlines P | deadlines R | deadlines gold |", "|---|---|---|---|---|---|---|---|"]
    for doc_type, count in report.doc_types():
        out.append(f"| {doc_type} | {count} | {_rates(report.total('targets', doc_type))} | "
                   f"{_rates(report.total('deadlines', doc_type))} |")
    return "\n".join(out)


def _rates(score: Score) -> str:
    """"precision | recall | gold" of a table row; "–" where nothing was predicted or gold."""
    precision = f"{score.precision:.2f}" if score.predicted else "–"
    recall = f"{score.recall:.2f}" if score.gold else "–"
    return f"{precision} | {recall} | {score.gold}"


def render_misses(report: RealReport) -> Iterable[str]:
    """One line per miss, prefixed by the file."""
    for doc in report.documents:
        if doc.failed:
            yield f"{doc.file}: NO OUTPUT ({doc.failed})"
        for miss in doc.misses:
            yield f"{doc.file}: {miss}"
