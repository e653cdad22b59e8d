"""Numbers spelled out in several words ("mười lăm", "hai mươi mốt", "một trăm linh năm",
"mười lăm nghìn"): one pattern that matches such a number whole, and its value.

The grammar is data (``numbers.spelled`` of rules/targets.yaml): the digits, the forms a digit
takes after tens ("mốt", "tư", "lăm"), the words for ten, tens, an empty tens place, hundreds
and thousands. A single digit word ("hai") is no spelled-out number here: each extractor
lists which single words it reads, since "năm" is also the word for year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_parser.rules_loader import load_rules


@dataclass(frozen=True, slots=True)
class SpelledNumbers:
    """The grammar of numbers spelled out in several words."""

    pattern: str  # a regular expression (no groups) matching one such number, lower-case
    whole: re.Pattern[str]  # ``pattern`` compiled: the number read whole from a position
    words: frozenset[str]  # every word a spelled-out number is made of
    digits: dict[str, int]  # "một" → 1, and after tens "mốt" → 1, "lăm" → 5
    ten: str
    tens: str
    hundred: str
    thousand: frozenset[str]

    def value(self, text: str) -> float | None:
        """The value of ``text`` when it is a number spelled out (``None`` otherwise):
        "hai mươi lăm" → 25, "một trăm linh năm" → 105, "mười lăm nghìn" → 15000."""
        total = group = digit = 0
        words = text.lower().split()
        if not words or any(w not in self.words for w in words):
            return None
        for word in words:
            if word == self.ten:
                group += 10
            elif word == self.tens:
                group, digit = group + digit * 10, 0
            elif word == self.hundred:
                group, digit = group + digit * 100, 0
            elif word in self.thousand:
                total, group, digit = total + (group + digit) * 1000, 0, 0
            elif word in self.digits:
                digit = self.digits[word]
        return float(total + group + digit)


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def spelled_numbers() -> SpelledNumbers:
    """The grammar of rules/targets.yaml, compiled once."""
    data = load_rules("targets")["numbers"]["spelled"]
    digit = f"(?:{_alternation(list(data['digits']))})"
    after_tens = [w for w in [*data["digits"], *data["after_tens"]]
                  if w not in data["not_after_tens"]]
    unit = f"(?:{_alternation(after_tens)})"
    ten, tens, hundred = data["ten"], data["tens"], data["hundred"]
    # "mười", "mười lăm", "hai mươi", "hai mươi mốt"
    tens_part = rf"(?:{ten}|{digit}\s+{tens})(?:\s+{unit})?"
    # "một trăm", "một trăm linh năm", "ba trăm hai mươi"
    empty = _alternation(data["empty_tens"])
    hundreds = rf"{digit}\s+{hundred}(?:\s+(?:{tens_part}|(?:{empty})\s+{digit}))?"
    below_thousand = rf"(?:{hundreds}|{tens_part})"
    thousand = _alternation(data["thousand"])
    # "mười lăm nghìn", "hai nghìn năm trăm"
    thousands = rf"(?:{below_thousand}|{digit})\s+(?:{thousand})(?:\s+{below_thousand})?"
    pattern = (rf"(?<![^\W\d_])(?:{thousands}|{below_thousand})(?![^\W\d_])")
    words = frozenset([*data["digits"], *data["after_tens"], ten, tens, hundred,
                       *data["empty_tens"], *data["thousand"]])
    return SpelledNumbers(
        pattern=pattern, whole=re.compile(pattern), words=words,
        digits={**data["digits"], **data["after_tens"]},
        ten=ten, tens=tens, hundred=hundred, thousand=frozenset(data["thousand"]))


@cache
def _fraction_words() -> dict[str, float]:
    return {" ".join(w.split()): float(v)
            for w, v in load_rules("targets")["numbers"]["fractions"].items()}


def number_word_value(word: str) -> float | None:
    """The value of a number written in words, by the numeral grammar ("hai" → 2, "mười" → 10,
    "mười lăm" → 15) or as a fraction of ``numbers.fractions`` ("nửa" → 0.5); ``None`` for
    other words. Each extractor lists the single words it reads ("năm" is also a year)."""
    words = " ".join(word.lower().split())
    fraction = _fraction_words().get(words)
    return fraction if fraction is not None else spelled_numbers().value(words)
