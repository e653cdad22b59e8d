"""A short human-readable report of one analysed document (``analyze --format text``)."""

from __future__ import annotations

from typing import Any


def render(doc: dict[str, Any]) -> str:
    """Render the JSON object of a document as plain text."""
    h = doc["header"]
    out = [f"# {doc['source']['path']} ({doc['source']['format']})"]
    number = h["number"] or "…"
    date = h["date"] or "/".join(str(x) if x else "…" for x in (h["day"], h["month"], h["year"]))
    out.append(f"{h['doc_type'] or 'Văn bản'} số {number}/{h['symbol'] or '?'} — "
               f"{h['place'] or '?'}, {date} — {h['issuer_full'] or h['issuer'] or '?'}")
    if h["title"]:
        out.append(f"Trích yếu: {h['title']}")
    parent = doc["parent"]
    if parent:
        out.append(f"Văn bản cấp trên: {parent['kind']} số {parent['symbol']}"
                   f" ngày {parent['date'] or '?'} của {parent['issuer'] or '?'}")
    signer = h["signer"]
    if signer["name"]:
        out.append(f"Ký: {' / '.join(signer['authority'] + [signer['title'] or ''])} — "
                   f"{signer['name']}")
    out.append("Bố cục:")
    _sections(doc["sections"], out, 1)
    findings = doc["findings"]
    out.append(f"Phát hiện: {len(findings)}")
    for f in findings:
        out.append(f"  {f['line']}:{f['column']}: {f['severity']} {f['rule']} {f['message']}")
    return "\n".join(out)


def _sections(nodes: list[dict[str, Any]], out: list[str], depth: int) -> None:
    bullets = 0
    for node in nodes:
        if node["kind"] in ("dash", "plus"):
            bullets += 1
            continue
        label = f"{node['label']})" if node["kind"] == "letter" else f"{node['label']}."
        out.append(f"{'  ' * depth}{label} {node['title'][:80]}")
        _sections(node["children"], out, depth + 1)
    if bullets:
        out.append(f"{'  ' * depth}({bullets} gạch đầu dòng)")
