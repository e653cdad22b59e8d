"""Take the screenshot of the drafter's page that README shows (docs/web-page.png): start
`plan-parser serve`, upload a sample plan in Debian's Chromium (Playwright), select a finding.

    python tools/web_screenshot.py [--plan corpus/plans/004_0bb98ddc820da85f.txt]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plan", type=Path,
                        default=ROOT / "corpus" / "plans" / "004_0bb98ddc820da85f.txt")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "web-page.png")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from plan_parser.web.local import local_server

    with local_server() as (url, _):
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.goto(url + "/")
            page.set_input_files("#file", str(args.plan))
            page.click("#check")
            page.wait_for_selector("#doc [data-f]", timeout=60_000)
            count = page.locator("#findings li[data-f]").count()
            page.click("#finding-8")
            page.evaluate("window.scrollTo(0, document.getElementById('result').offsetTop)")
            page.screenshot(path=str(args.out))
            browser.close()
        print(f"{args.out}: {args.plan.name}, {count} findings highlighted")


if __name__ == "__main__":
    main()
