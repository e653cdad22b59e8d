"""The batch store: every result kept in one SQLite file, so that a rerun analyses only new or
changed files and a killed run resumes where it stopped.

A result is keyed by the file's content (SHA-256 of its bytes) and the *setup* it was made
with (a digest of the tool's version, its rules, the parent profile and the options): the
analysis is a pure function of the three, so an equal key means an equal result. Each result
is committed as soon as it arrives (WAL journal: a killed run loses at most the files being
analysed). Every path a run saw is kept with the content it had, so a province sees the
versions of a commune's plan across submissions.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["SCHEMA_VERSION", "Result", "Store", "StoreError"]

SCHEMA_VERSION = "1"
_LEVEL = 1  # zlib's fastest: JSON shrinks 4.9 times (6.3 at level 6) in a quarter of the time

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    sha256   TEXT NOT NULL,
    setup    TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    reason   TEXT,
    analysis BLOB,   -- the analyze JSON, zlib-compressed
    summary  BLOB,   -- the plan's row (plan_parser.export.plan_summary), zlib-compressed
    seconds  REAL,
    created  TEXT NOT NULL,
    PRIMARY KEY (sha256, setup)
);
CREATE TABLE IF NOT EXISTS runs (
    id       INTEGER PRIMARY KEY,
    started  TEXT NOT NULL,
    finished TEXT,
    setup    TEXT NOT NULL,
    files    INTEGER,
    analysed INTEGER,
    reused   INTEGER,
    failed   INTEGER,
    skipped  INTEGER
);
CREATE TABLE IF NOT EXISTS submissions (
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    first_run  INTEGER NOT NULL,
    last_run   INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    PRIMARY KEY (path, sha256)
);
"""


@dataclass(slots=True)
class Result:
    """One file's outcome: ``ok`` with its analysis and row, or ``failed`` with the reason."""

    status: str
    reason: str | None = None
    analysis: bytes | None = None  # JSON text, UTF-8 (zlib-compressed when ``packed``)
    summary: dict[str, Any] | None = None
    seconds: float = 0.0
    packed: bool = False  # ``analysis`` compressed already (by the worker, off the main process)

    def pack(self) -> Result:
        """This result with its analysis compressed as the store keeps it: a worker packs
        its result, so the main process (which shares the cores with the workers) only
        stores it, and the bytes sent back are five times fewer."""
        if self.packed or self.analysis is None:
            return self
        return replace(self, analysis=zlib.compress(self.analysis, _LEVEL), packed=True)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The SQLite file of a batch (opened once per run, in the main process only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, isolation_level=None)  # autocommit: we BEGIN
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            version = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a plan-parser store ({exc})") from None
        if version is None:
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif version[0] != SCHEMA_VERSION:
            raise StoreError(f"{path}: a store of schema {version[0]}, this version reads "
                             f"{SCHEMA_VERSION}: use another --db")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- runs and submissions ------------------------------------------------------------------
    def start_run(self, setup: str, files: int) -> int:
        cursor = self._db.execute("INSERT INTO runs (started, setup, files) VALUES (?, ?, ?)",
                                  (_now(), setup, files))
        return int(cursor.lastrowid)

    def finish_run(self, run: int, analysed: int, reused: int, failed: int,
                   skipped: int) -> None:
        self._db.execute("UPDATE runs SET finished=?, analysed=?, reused=?, failed=?, skipped=? "
                         "WHERE id=?", (_now(), analysed, reused, failed, skipped, run))

    def saw(self, run: int, path: str, sha256: str) -> None:
        """Record that ``path`` had content ``sha256`` in ``run``."""
        now = _now()
        self._db.execute(
            "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (path, sha256) "
            "DO UPDATE SET last_run=excluded.last_run, last_seen=excluded.last_seen",
            (path, sha256, run, run, now, now))

    def versions(self, path: str) -> list[tuple[str, str]]:
        """The contents ``path`` had, oldest first: ``(sha256, first_seen)``."""
        return self._db.execute("SELECT sha256, first_seen FROM submissions WHERE path=? "
                                "ORDER BY first_run, first_seen", (path,)).fetchall()

    def earlier(self, path: str, sha256: str) -> tuple[int, dict[str, int] | None]:
        """How many contents ``path`` has had, and the counts of findings by severity of the
        one before ``sha256`` (its latest result), if it was analysed."""
        shas = [sha for sha, _ in self.versions(path)]
        if sha256 not in shas or shas.index(sha256) == 0:
            return len(shas), None
        before = shas[shas.index(sha256) - 1]
        row = self._db.execute("SELECT summary FROM results WHERE sha256=? AND status='ok' "
                               "ORDER BY created DESC LIMIT 1", (before,)).fetchone()
        if row is None or row[0] is None:
            return len(shas), None
        return len(shas), json.loads(zlib.decompress(row[0])).get("counts")

    # -- results -------------------------------------------------------------------------------
    def done(self, setup: str, digests: list[str]) -> set[str]:
        """Which of ``digests`` have a result under ``setup`` already."""
        found: set[str] = set()
        for i in range(0, len(digests), 500):
            chunk = digests[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(row[0] for row in self._db.execute(
                f"SELECT sha256 FROM results WHERE setup=? AND sha256 IN ({marks})",
                (setup, *chunk)))
        return found

    def put(self, sha256: str, setup: str, result: Result) -> None:
        """Keep one result (committed at once)."""
        summary = None if result.summary is None else zlib.compress(
            json.dumps(result.summary, ensure_ascii=False).encode("utf-8"), _LEVEL)
        analysis = result.pack().analysis
        self._db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (sha256, setup, result.status, result.reason, analysis, summary,
                          result.seconds, _now()))

    def get(self, sha256: str, setup: str) -> Result | None:
        """The result of ``sha256`` under ``setup``, without its analysis JSON (that is
        :meth:`analysis`)."""
        row = self._db.execute("SELECT status, reason, summary, seconds FROM results "
                               "WHERE sha256=? AND setup=?", (sha256, setup)).fetchone()
        if row is None:
            return None
        status, reason, summary, seconds = row
        return Result(status, reason, None,
                      json.loads(zlib.decompress(summary)) if summary is not None else None,
                      seconds or 0.0)

    def analysis(self, sha256: str, setup: str) -> bytes | None:
        """The analysis JSON of ``sha256`` under ``setup`` (None if there is none)."""
        row = self._db.execute("SELECT analysis FROM results WHERE sha256=? AND setup=?",
                               (sha256, setup)).fetchone()
        return None if row is None or row[0] is None else zlib.decompress(row[0])

    def runs(self) -> list[tuple]:
        return self._db.execute("SELECT id, started, finished, files, analysed, reused, "
                                "failed, skipped FROM runs ORDER BY id").fetchall()


class StoreError(Exception):
    """A store file that cannot be used; the message says why."""
