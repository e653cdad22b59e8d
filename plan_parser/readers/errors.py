"""The one exception type for input that cannot be read."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file that cannot be read; the message names the file and the cause."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
