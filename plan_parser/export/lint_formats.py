"""Lint output: text for people, JSON for tools, SARIF 2.1.0 for editors and CI, GitHub
workflow annotations. Each takes ``(path, findings)`` pairs where findings are the JSON
objects of :func:`plan_parser.export.json_export.finding_dict`."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

FileFindings = tuple[str, list[dict[str, Any]]]


def summary(results: list[FileFindings]) -> dict[str, int]:
    """Counts of findings per severity over all files."""
    counts = Counter(f["severity"] for _, findings in results for f in findings)
    return {s: counts.get(s, 0) for s in ("error", "warning", "info")}


def render_text(results: list[FileFindings], color: bool = False,
                notes: dict[str, str] | None = None) -> str:
    """``path:line:col: severity rule-id message``, the offending text and the suggested fix;
    then the file's note (which parent profile it was compared with), if any."""
    import io

    from rich.console import Console
    from rich.markup import escape

    console = Console(file=io.StringIO(), record=True, force_terminal=color, no_color=not color,
                      width=200, highlight=False, soft_wrap=True)
    style = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    for path, findings in results:
        for f in findings:
            console.print(f"{escape(path)}:{f['line']}:{f['column']}: "
                          f"[{style[f['severity']]}]{f['severity']}[/] "
                          f"[bold]{f['rule']}[/] {escape(f['message'])}")
            shown = " ".join(f["text"].split())
            if shown:
                console.print(f"    | {escape(shown[:160])}", style="dim")
            if f.get("suggestion"):
                console.print(f"    → {escape(f['suggestion'])}", style="green")
        if notes and notes.get(path):
            console.print(f"{escape(path)}: {escape(notes[path])}", style="dim")
    counts = summary(results)
    files = len(results)
    console.print(f"{files} tệp: {counts['error']} lỗi, {counts['warning']} cảnh báo, "
                  f"{counts['info']} thông tin")
    return console.export_text(styles=color).rstrip("\n")


def render_json(results: list[FileFindings]) -> str:
    """One JSON object: every file with its findings, and the counts."""
    from plan_parser.export.json_export import SCHEMA_VERSION

    return json.dumps({
        "schema_version": SCHEMA_VERSION,
        "files": [{"path": path, "findings": findings} for path, findings in results],
        "summary": summary(results),
    }, ensure_ascii=False, indent=2)


def render_sarif(results: list[FileFindings]) -> str:
    """A SARIF 2.1.0 log with one run; columns count Unicode code points."""
    from plan_parser import __version__
    from plan_parser.lint.rules import lint_rules

    rules = list(lint_rules())
    index = {r.id: i for i, r in enumerate(rules)}
    sarif_results = []
    for path, findings in results:
        for f in findings:
            result: dict[str, Any] = {
                "ruleId": f["rule"],
                "level": _SARIF_LEVEL[f["severity"]],
                "message": {"text": f["message"]},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(path)},
                    "region": _region(f),
                }}],
            }
            if f["rule"] in index:
                result["ruleIndex"] = index[f["rule"]]
            if f.get("suggestion") and f["end"] > f["start"]:
                result["fixes"] = [{
                    "description": {"text": f"Sửa thành “{f['suggestion']}”"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(path)},
                        "replacements": [{"deletedRegion": _region(f),
                                          "insertedContent": {"text": f["suggestion"]}}],
                    }],
                }]
            if f.get("key"):
                result["properties"] = {"key": f["key"]}
            sarif_results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "plan-parser",
                "version": __version__,
                "informationUri": "https://github.com/plan-parser/plan-parser",
                "rules": [{
                    "id": r.id,
                    "name": r.id,
                    "shortDescription": {"text": r.description or r.id},
                    "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                    "properties": {"category": r.category, "type": r.type},
                } for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _region(f: dict[str, Any]) -> dict[str, int]:
    return {"startLine": f["line"], "startColumn": f["column"], "endLine": f["end_line"],
            "endColumn": f["end_column"], "charOffset": f["start"],
            "charLength": f["end"] - f["start"]}


def _uri(path: str) -> str:
    from pathlib import Path

    candidate = Path(path)
    try:
        return candidate.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return candidate.resolve().as_uri()


def render_github(results: list[FileFindings]) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::message``)."""
    lines = []
    for path, findings in results:
        for f in findings:
            properties = ",".join(f"{k}={_escape_property(str(v))}" for k, v in (
                ("file", path), ("line", f["line"]), ("col", f["column"]),
                ("endLine", f["end_line"]), ("endColumn", f["end_column"]),
                ("title", f["rule"])))
            message = f["message"] + (f" (đề xuất: {f['suggestion']})" if f.get("suggestion")
                                      else "")
            lines.append(f"::{_GITHUB_LEVEL[f['severity']]} {properties}::"
                         f"{_escape_data(message)}")
    return "\n".join(lines)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_html(results: list[FileFindings], texts: dict[str, str],
                formats: dict[str, str] | None = None) -> str:
    """A self-contained page for a browser (no network assets): per file, the text with line
    numbers and every finding highlighted — nested where findings overlap, markdown characters
    hidden — beside the list of findings, linked both ways (the renderer of the served page,
    ``findings_view.js``), for drafters who do not use a terminal."""
    import html

    from plan_parser.export.findings_view import view_assets
    from plan_parser.rules_loader import load_rules

    words = load_rules("messages")["web_page"]
    script, style = view_assets()
    counts = summary(results)
    data = [{"path": path, "text": texts.get(path, ""),
             "format": (formats or {}).get(path) or path.rsplit(".", 1)[-1].lower(),
             "findings": findings} for path, findings in results]
    embedded = json.dumps({"words": words, "files": data}, ensure_ascii=False)
    embedded = embedded.replace("</", "<\\/").replace("<!--", "<\\!--")
    parts = ["<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>",
             "<link rel='icon' href='data:,'>",
             "<title>plan-parser: kết quả kiểm tra</title><style>",
             "body{font-family:system-ui,sans-serif;margin:1.5em;color:#1f2933}",
             ".file{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1em}",
             ".panel{border:1px solid #d8dde3;padding:.6em .9em}", style, "</style></head><body>",
             f"<h1>Kết quả kiểm tra {len(results)} văn bản</h1><p>{counts['error']} lỗi, "
             f"{counts['warning']} cảnh báo, {counts['info']} thông tin.</p>"]
    for index, (path, _) in enumerate(results):
        parts.append(
            f"<section><h2>{html.escape(path)} <span class='muted' id='counts-{index}'></span>"
            f"</h2><div class='file'><div class='panel doc' id='doc-{index}'></div>"
            f"<div class='panel'><ul class='findings' id='list-{index}'></ul>"
            f"<div id='detail-{index}' class='muted'></div></div></div></section>")
    parts.append(f"<script type='application/json' id='data'>{embedded}</script>")
    parts.append(f"<script>{script}</script>")
    parts.append("<script>(function(){var d=JSON.parse(document.getElementById('data')"
                 ".textContent);d.files.forEach(function(f,i){makeView({doc:document."
                 "getElementById('doc-'+i),list:document.getElementById('list-'+i),detail:"
                 "document.getElementById('detail-'+i),counts:document.getElementById("
                 "'counts-'+i),prefix:'f'+i+'-'},f,d.words).render();});})();</script>")
    parts.append("</body></html>")
    return "\n".join(parts)
