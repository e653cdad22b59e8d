"""The counted nouns' dictionary (plan_parser/extract/compound_words.txt.gz) is what
tools/build_compound_words.py builds from underthesea's Viet74K, and a count's unit is the whole
word it names, also where the development texts never count that word."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_dictionary_is_the_built_one() -> None:
    sys.path.insert(0, str(ROOT / "tools"))  # (the tool imports its sibling viet74k.py)
    try:
        spec = importlib.util.spec_from_file_location(
            "build_compound_words", ROOT / "tools" / "build_compound_words.py")
        tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tool)
        built = sorted(tool.dictionary_words())
    finally:
        sys.path.remove(str(ROOT / "tools"))
    with gzip.open(ROOT / "plan_parser" / "extract" / "compound_words.txt.gz", "rt",
                   encoding="utf-8") as shipped:
        assert shipped.read().split("\n")[:-1] == built
    assert "lao động" in built and "bác sĩ" in built


def test_a_count_names_the_whole_word() -> None:
    from plan_parser.extract.targets import find_targets

    # before, "bác" (the first syllable: no development text counts doctors)
    assert [(t.op, t.value, t.unit) for t in find_targets(
        "Phấn đấu đạt ít nhất 15 bác sĩ trên 10.000 dân.")] == [(">=", 15, "bác sĩ")]
    assert [(t.op, t.value, t.unit) for t in find_targets(
        "Mỗi xã có ít nhất 10 lao động trở lên được đào tạo.")] == [(">=", 10, "lao động")]


def test_what_a_count_measures() -> None:
    from plan_parser.extract.targets import find_targets

    def read(text: str) -> list[tuple[float, str, str | None]]:
        return [(t.value, t.unit, t.subject) for t in find_targets(text)]

    # a number's point is no clause mark ("trên 10" was the subject's end)
    assert read("Phấn đấu đạt ít nhất 15 bác sĩ trên 10.000 dân.") \
        == [(15, "bác sĩ", "bác sĩ trên 10.000 dân")]
    # the period and the verb of having are no part of it; a list's next count names its
    # whole noun; no conjunction ends a subject
    assert read("Đến năm 2030 có ít nhất 20 doanh nghiệp, 5 hợp tác xã.") \
        == [(20, "doanh nghiệp", "doanh nghiệp"), (5, "hợp tác xã", "hợp tác xã")]
    assert read("Phấn đấu có ít nhất 100 doanh nghiệp và 50 hợp tác xã tham gia.")[0] \
        == (100, "doanh nghiệp", "doanh nghiệp")
