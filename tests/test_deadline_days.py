"""A day of the month written alone ("trước ngày 20") after a monthly duty in its sentence is
due on that day of each month (rules/deadlines.yaml ``day_of_month``, whose examples run here)."""

from __future__ import annotations

import pytest

from plan_parser.rules_loader import load_rules


@pytest.mark.parametrize("example", load_rules("deadlines")["day_of_month"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_day_of_month_examples(example: dict) -> None:
    from plan_parser.extract.deadlines import find_deadlines

    found = find_deadlines(example["text"])
    days = [(d.kind, d.day, d.recurrence) for d in found if d.day is not None]
    if example["day"] is None:
        assert days == []
    else:
        assert days == [("recurring", example["day"], "monthly")]
        # the bare "hằng tháng" of the sentence is read into the day, not kept beside it
        assert not [d for d in found if d.kind == "recurring" and d.day is None]
