"""The word list Viet74K that the required package underthesea installs
(underthesea/corpus/data/Viet74K.txt, 73,901 words, one a line), read once for the build tools
that learn from it (build_syllable_lm.py, build_compound_words.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def viet74k_lines() -> tuple[str, ...]:
    """The lines of the word list, as written."""
    import underthesea

    path = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
    return tuple(path.read_text(encoding="utf-8").splitlines())
