"""A fault stays small: a stage, extractor or rule that raises loses only its own part.

The failure becomes an ``internal-error`` finding that names the part and the exception; the
rest of the analysis goes on and is written. ``--strict`` turns such findings into exit code 3.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from plan_parser.model import Finding

INTERNAL_ERROR = "internal-error"
TIME_LIMIT = "time-limit"


def internal_error(part: str, exc: BaseException) -> Finding:
    """The finding for a failure of ``part`` (a stage like ``extract.targets`` or a rule id)."""
    from plan_parser.messages import finding

    detail = f"{type(exc).__name__}: {exc}"[:300]
    return finding(INTERNAL_ERROR, 0, 0, key=part, part=part, error=detail)


class FaultLog:
    """The internal errors of one document, in the order they happened, and its time budget
    (``limits().max_seconds``): once spent, the parts not run yet are skipped and one
    ``time-limit`` finding names the first of them."""

    def __init__(self, seconds: float | None = None) -> None:
        import time

        self.findings: list[Finding] = []
        self._clock = time.monotonic
        self._seconds = seconds
        self._deadline = None if seconds is None else self._clock() + seconds
        self.timed_out: str | None = None  # the first part skipped for lack of time

    def in_time(self, part: str) -> bool:
        """True while the document's time budget lasts; the first call after it is spent
        records a ``time-limit`` finding for ``part``."""
        if self.timed_out is not None:
            return False
        if self._deadline is None or self._clock() < self._deadline:
            return True
        from plan_parser.messages import finding

        self.timed_out = part
        self.findings.append(finding(TIME_LIMIT, 0, 0, key=part, part=part,
                                     seconds=f"{self._seconds:g}"))
        return False

    @contextmanager
    def contained(self, part: str) -> Iterator[None]:
        """Run a block; an exception in it is logged for ``part`` instead of propagating."""
        try:
            yield
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # the point of this module: any bug stays in its part
            self.findings.append(internal_error(part, exc))

    @property
    def parts(self) -> list[str]:
        """The parts that failed."""
        return [f.key or "" for f in self.findings]
