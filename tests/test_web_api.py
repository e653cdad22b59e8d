"""Issue 11: the web app's JSON API, with FastAPI's test client — the contract, the bad inputs
(a clear 4xx, and the server goes on serving), the .docx given back with Word comments."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_hostile_readers import zip_parts

from plan_parser.pipeline import analyze_file
from plan_parser.web import service
from plan_parser.web.app import ServerLimits, create_app

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "corpus" / "plans"
PLAN = PLANS / "004_0bb98ddc820da85f.txt"
DOCX = PLANS / "001_4816794cbecccb5d.docx"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(ServerLimits(max_upload=1024 * 1024, timeout=20))) as c:
        yield c


def upload(path: Path, name: str | None = None) -> dict:
    return {"file": (name or path.name, path.read_bytes())}


def test_health_rules_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    rules = client.get("/api/rules").json()
    assert len(rules) == len({r["id"] for r in rules}) >= 50
    assert {"target-weaker", "misspelled-syllable"} <= {r["id"] for r in rules}
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/analyze", "/api/lint", "/api/rules", "/healthz"} <= set(paths)
    page = client.get("/")
    assert page.status_code == 200 and "Kiểm tra dự thảo kế hoạch" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # works offline


def test_analyze_gives_the_cli_contract(client: TestClient) -> None:
    doc = client.post("/api/analyze", files=upload(PLAN)).json()
    cli = analyze_file(PLAN)
    assert doc["header"]["issuer"] == "Thanh tra tỉnh"
    assert doc["lead_unit"]["name"] == "Văn phòng Thanh tra tỉnh"
    assert sorted(f["rule"] for f in doc["findings"]) == sorted(f.rule for f in cli.findings)
    as_json = client.post("/api/analyze", json={"text": PLAN.read_text("utf-8")}).json()
    assert as_json["header"]["issuer"] == "Thanh tra tỉnh"
    assert len(as_json["targets"]) == len(doc["targets"]) == 9


def test_lint_and_sarif(client: TestClient) -> None:
    lint = client.post("/api/lint", files=upload(PLAN)).json()
    assert lint["counts"]["error"] == 0 and lint["counts"]["warning"] >= 10
    assert sum(lint["counts"].values()) == len(lint["findings"])
    sarif = client.post("/api/lint?format=sarif", files=upload(PLAN)).json()
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == len(lint["findings"])


def test_view_has_the_text_and_the_targets_beside_the_parent(client: TestClient) -> None:
    view = client.post("/api/view", files=upload(PLAN)).json()
    assert view["text"] == PLAN.read_text("utf-8")
    for f in view["analysis"]["findings"]:  # every span points into the text returned
        assert 0 <= f["start"] <= f["end"] <= len(view["text"])
    metrics = view["metrics"]
    assert metrics["tthc_digital_share"]["status"] == "missing"
    assert metrics["online_conference_share"]["status"] == "meets"


def test_docx_comes_back_with_a_comment_per_finding(client: TestClient) -> None:
    from docx import Document

    response = client.post("/api/docx", files=upload(DOCX))
    assert response.status_code == 200
    assert response.headers["content-disposition"].endswith('_gop-y.docx"')
    comments = list(Document(io.BytesIO(response.content)).comments)
    findings = client.post("/api/lint", files=upload(DOCX)).json()["findings"]
    assert len(comments) == len(findings) >= 10
    texts = [c.text for c in comments]
    assert any(t.startswith("Cảnh báo [motto-missing]") for t in texts)
    refused = client.post("/api/docx", files=upload(PLAN))
    assert refused.status_code == 415 and ".docx only" in refused.json()["error"]


def test_hostile_uploads_get_a_clear_4xx_and_the_server_goes_on(client: TestClient) -> None:
    too_big = client.post("/api/lint", files={"file": ("big.txt", b"a" * (1024 * 1024 + 10))})
    assert too_big.status_code == 413 and "1 MB" in too_big.json()["error"]
    broken = client.post("/api/lint", files={"file": ("hong.docx", b"PK\x03\x04 junk")})
    assert broken.status_code == 422 and "corrupt .docx" in broken.json()["error"]
    bomb = zip_parts({"[Content_Types].xml": b"<Types/>",
                 "word/document.xml": b"<w:document>" + b" " * (200 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    started = time.perf_counter()
    refused = client.post("/api/lint", files={"file": ("bom.docx", bomb)})
    assert refused.status_code == 422 and time.perf_counter() - started < 20
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;'
              '&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e "&c;&c;'
              '&c;&c;&c;&c;&c;&c;&c;&c;">]>'
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:body><w:p><w:r><w:t>KẾ HOẠCH &e;&e;&e;&e;</w:t></w:r></w:p></w:body>'
              '</w:document>').encode()
    started = time.perf_counter()
    entities = client.post("/api/lint", files={"file": ("thuc-the.docx", zip_parts({
        "[Content_Types].xml": b"<Types/>", "word/document.xml": laughs}))})
    assert entities.status_code in (200, 422) and time.perf_counter() - started < 20
    if entities.status_code == 200:  # read, entities left unexpanded: no "haha…" in the text
        assert all("haha" not in (f.get("text") or "") for f in entities.json()["findings"])
    locked = client.post("/api/lint", files={"file": ("khoa.pdf", _locked_pdf())})
    assert locked.status_code == 422 and "password" in locked.json()["error"]
    unsupported = client.post("/api/lint", content=b"text", headers={"content-type": "text/plain"})
    assert unsupported.status_code == 415
    empty = client.post("/api/lint", files={"text": (None, "  ")})
    assert empty.status_code == 400
    assert client.post("/api/lint", files=upload(PLAN)).status_code == 200  # still serving


def _locked_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(PLANS / "000_3eabe0cf1b1d1b61.pdf")))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _slow(name: str, data: bytes, parent=None, final: bool = False) -> dict:
    """A document that never finishes (for the time limit of a request)."""
    time.sleep(60)
    return {}


def test_a_request_past_its_time_limit_fails_alone(monkeypatch) -> None:
    real = service.analyse
    monkeypatch.setattr(service, "analyse", _slow)  # the workers fork after this
    with TestClient(create_app(ServerLimits(timeout=2))) as c:
        started = time.perf_counter()
        slow = c.post("/api/lint", files=upload(PLAN))
        assert slow.status_code == 422 and "within 2 s" in slow.json()["error"]
        assert time.perf_counter() - started < 15
        monkeypatch.setattr(service, "analyse", real)
        assert c.get("/healthz").status_code == 200
