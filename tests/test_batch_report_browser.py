"""Issue 10: report.html opens in headless Chromium with no console error, and its sorting and
filtering work without a server.

Needs Debian's ``chromium`` (``.ci/run`` installs it; elsewhere: ``apt-get install
chromium``). The page is opened from disk (``file://``) with the network turned off; a probe
script appended to a copy of the page drives the filter and the sort and logs what it sees.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "corpus" / "plans"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")

_PROBE = """
<script>
(function(){
  function visible(id){
    return Array.prototype.filter.call(document.querySelectorAll('#'+id+' tbody tr'),
      function(r){return r.style.display!=='none';}).length;}
  console.log('PROBE rows ' + visible('plans'));
  document.getElementById('filter').value = 'hòa xá';
  applyFilters();
  console.log('PROBE filtered ' + visible('plans'));
  document.getElementById('filter').value = '';
  document.getElementById('status-filter').value = 'failed';
  applyFilters();
  console.log('PROBE failed ' + visible('plans'));
  document.getElementById('status-filter').value = '';
  applyFilters();
  var heads = document.querySelectorAll('#plans thead th');
  var warnings = heads[heads.length - 2];  // the last but one: warnings
  sortBy(warnings); sortBy(warnings);  // twice: most warnings first
  console.log('PROBE top ' + document.querySelector('#plans tbody tr td').textContent.trim());
})();
</script>
"""


def _console(page: Path, profile: Path) -> list[str]:
    """The console lines Chromium logs while it loads ``page``."""
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    inputs = root / "in"
    inputs.mkdir()
    for name in ("000_3eabe0cf1b1d1b61.txt", "002_13f964805a2db5fd.txt",
                 "004_0bb98ddc820da85f.txt"):
        shutil.copy(PLANS / name, inputs / name)
    (inputs / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    done = subprocess.run([sys.executable, "-m", "plan_parser", "batch", str(inputs), "--out",
                           str(root / "out"), "-j", "2"], capture_output=True, text=True,
                          cwd=ROOT, timeout=240)
    assert done.returncode == 2, done.stderr  # the broken PDF
    return root / "out" / "report.html"


def test_the_report_opens_with_no_console_error(report: Path, tmp_path: Path) -> None:
    assert _console(report, tmp_path / "profile") == []


def test_filter_and_sort_work_offline(report: Path, tmp_path: Path) -> None:
    probed = tmp_path / "probed.html"
    probed.write_text(report.read_text("utf-8").replace("</body>", _PROBE + "</body>"),
                      encoding="utf-8")
    lines = _console(probed, tmp_path / "profile")
    said = dict(m.groups() for line in lines if (m := re.search(r'"PROBE (\w+) (.*?)"', line)))
    errors = [line for line in lines if "PROBE" not in line]
    assert errors == []
    assert said["rows"] == "4"  # three plans and the broken file
    assert said["filtered"] == "1"  # "Hoà Xá" (002), however its tone marks are placed
    assert said["failed"] == "1"
    assert said["top"] == "002_13f964805a2db5fd.txt"  # 20 warnings, against 15 and 13
