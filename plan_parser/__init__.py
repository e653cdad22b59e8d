"""plan_parser: read, understand and check Vietnamese administrative plans (Kế hoạch).

Pipeline (one folder per stage):
readers → normalize → structure → extract → resolve → check → export.
Imports are lazy so the command line starts instantly.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "analyze_file", "analyze_text"]


def __getattr__(name: str):  # lazy re-exports
    if name in ("analyze_file", "analyze_text"):
        from plan_parser import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
