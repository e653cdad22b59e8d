"""Limits in one place (plan_parser/limits.py), overridable by environment, and the time budget
of one document: once spent, the stages not run yet are skipped and reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_parser.limits import Limits, limits

PLAN = Path(__file__).resolve().parent.parent / "corpus" / "plans" / "004_0bb98ddc820da85f.txt"


@pytest.fixture()
def env_limits(monkeypatch: pytest.MonkeyPatch):
    """Set ``PLAN_PARSER_<NAME>`` variables for one test, with the cache cleared around it."""

    def set_limit(name: str, value: str) -> None:
        monkeypatch.setenv(f"PLAN_PARSER_{name.upper()}", value)
        limits.cache_clear()

    yield set_limit
    limits.cache_clear()


def test_defaults_are_the_documented_ones() -> None:
    limits.cache_clear()
    assert limits() == Limits()
    assert limits().max_text_chars == 2_000_000
    assert limits().max_seconds == 60.0


def test_a_limit_is_overridden_by_its_environment_variable(env_limits) -> None:
    env_limits("max_seconds", "2.5")
    env_limits("max_findings_per_rule", "7")
    assert limits().max_seconds == 2.5
    assert limits().max_findings_per_rule == 7


def test_a_limit_that_is_not_a_number_is_named(env_limits) -> None:
    env_limits("max_text_chars", "many")
    with pytest.raises(ValueError, match="PLAN_PARSER_MAX_TEXT_CHARS"):
        limits()


def test_a_spent_time_budget_skips_the_rest_and_says_where(env_limits) -> None:
    from plan_parser.export.json_export import analysis_to_dict
    from plan_parser.pipeline import analyze_file

    env_limits("max_seconds", "0")
    doc = analysis_to_dict(analyze_file(PLAN))
    timed = [f for f in doc["findings"] if f["rule"] == "time-limit"]
    assert len(timed) == 1
    assert "“structure”" in timed[0]["message"] and "0 giây" in timed[0]["message"]
    # nothing after normalizing ran, yet the export is whole and says so
    assert doc["targets"] == [] and doc["header"]["doc_type"] is None


def test_within_the_budget_nothing_is_skipped(env_limits) -> None:
    from plan_parser.pipeline import analyze_file

    env_limits("max_seconds", "600")
    analysis = analyze_file(PLAN)
    assert not [f for f in analysis.findings if f.rule == "time-limit"]
    assert analysis.structure.header.doc_type_name == "Kế hoạch"
    assert analysis.structure.signature.name.text == "Hoàng Anh Đức"
    assert analysis.targets
