"""Issue 11: the drafter's page in a real browser — Debian's Chromium driven headless by
Playwright (``executable_path``): upload a sample plan, see every finding highlighted, click one,
download the JSON and the .docx with Word comments. No console error.

Needs ``chromium`` (Debian; ``.ci/run`` installs it) and the ``playwright`` package (the test
extra; its own browsers are never downloaded).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "corpus" / "plans"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium (apt-get install chromium)")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server():
    from plan_parser.web.local import local_server

    with local_server() as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def _open(browser, url: str, plan: Path):
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url + "/")
    page.set_input_files("#file", str(plan))
    page.click("#check")
    page.wait_for_selector("#doc [data-f]", timeout=60_000)
    return page, problems


def test_every_finding_is_highlighted_and_clicks_link_both_ways(server, browser,
                                                                tmp_path: Path) -> None:
    page, problems = _open(browser, server, PLANS / "004_0bb98ddc820da85f.txt")
    highlighted, listed = page.evaluate("""() => {
        const ids = new Set();
        document.querySelectorAll('#doc [data-f]').forEach(
            m => m.getAttribute('data-f').split(' ').forEach(i => ids.add(i)));
        return [ids.size, document.querySelectorAll('#findings li[data-f]').length]; }""")
    assert listed == 15 and highlighted == listed  # every finding, overlapping ones included
    page.click("#doc mark >> nth=0")
    first = page.get_attribute("#doc mark >> nth=0", "data-f").split(" ")[0]
    assert "selected" in page.get_attribute(f"#finding-{first}", "class")
    assert "Quy tắc:" in page.inner_text("#detail")
    page.click("#finding-8")
    assert page.locator("#doc .selected").count() >= 1
    with page.expect_download() as download:
        page.click("#dl-json")
    saved = tmp_path / "ket-qua.json"
    download.value.save_as(saved)
    doc = json.loads(saved.read_text("utf-8"))
    assert len(doc["findings"]) == 15 and doc["header"]["issuer"] == "Thanh tra tỉnh"
    page.screenshot(path=str(tmp_path / "page.png"), full_page=False)
    assert problems == []


def test_the_docx_comes_back_with_word_comments(server, browser, tmp_path: Path) -> None:
    from docx import Document

    page, problems = _open(browser, server, PLANS / "001_4816794cbecccb5d.docx")
    listed = page.locator("#findings li[data-f]").count()
    with page.expect_download() as download:
        page.click("#dl-docx")
    saved = tmp_path / "gop-y.docx"
    download.value.save_as(saved)
    assert len(list(Document(saved).comments)) == listed >= 10
    assert problems == []
