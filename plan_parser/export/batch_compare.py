"""Plans that implement the same parent, compared with each other: the values of a metric
far from the group's, and reporting dates that differ from the group's usual ones.

A value is an outlier when it lies more than ``OUTLIER_MADS`` scaled median absolute
deviations from the group's median (a robust rule: one wild value does not move the
median). The spread is never taken below ``MIN_SPREAD`` of the median, so that when most
plans copy one value (the spread is then zero) a value a little off ("16%" among "15%") is
not called an outlier.
"""

from __future__ import annotations

from collections import Counter
from statistics import median
from typing import Any

__all__ = ["MIN_GROUP", "MIN_SPREAD", "OUTLIER_MADS", "compare_groups", "group_key"]

OUTLIER_MADS = 3.0
MIN_SPREAD = 0.1  # of the median's size
MIN_GROUP = 3  # plans with a value, at least, before any is called an outlier
_MAD_SCALE = 1.4826  # the MAD of a normal distribution, scaled to its standard deviation


def group_key(row: dict[str, Any]) -> str | None:
    """The parent a plan implements: its cited parent's symbol, else the profile applied."""
    parent = row.get("parent") or {}
    return parent.get("symbol") or row.get("profile")


def compare_groups(rows: list[dict[str, Any]]) -> None:
    """Mark, in place, each row's ``outliers`` (metric ids) and ``dates_differ`` (bool)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        row["outliers"], row["dates_differ"] = [], False
        if row.get("status") == "ok" and (key := group_key(row)) is not None:
            groups.setdefault(key, []).append(row)
    for members in groups.values():
        _metric_outliers(members)
        _differing_dates(members)


def _metric_outliers(members: list[dict[str, Any]]) -> None:
    metrics = {m for row in members for m in row.get("metrics") or {}}
    for metric in sorted(metrics):
        valued = [(row, cell["value"]) for row in members
                  if (cell := (row.get("metrics") or {}).get(metric))
                  and cell.get("value") is not None]
        if len(valued) < MIN_GROUP:
            continue
        values = [v for _, v in valued]
        middle = median(values)
        spread = max(median(abs(v - middle) for v in values) * _MAD_SCALE,
                     MIN_SPREAD * abs(middle))
        for row, value in valued:
            if abs(value - middle) > OUTLIER_MADS * spread if spread else value != middle:
                row["outliers"].append(metric)


def _differing_dates(members: list[dict[str, Any]]) -> None:
    dated = [row for row in members if row.get("reporting_dates")]
    if len(dated) < MIN_GROUP:
        return
    usual, count = Counter(tuple(row["reporting_dates"]) for row in dated).most_common(1)[0]
    if count < 2:
        return
    for row in dated:
        row["dates_differ"] = tuple(row["reporting_dates"]) != usual
