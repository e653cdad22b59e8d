"""A parent profile: what a plan implementing the parent must cite, set and keep to.

Written by ``plan-parser profile PARENT -o parent.yaml`` (from a plan file, analysed by the same
pipeline) and editable by users; the built-in profile of KL 226-KL/TW / QĐ 534/QĐ-TTg lives in
``rules/parents/``. Format::

    schema: plan-parser/profile/1
    name: "Kế hoạch số 135/KH-UBND ngày 23/4/2026 của UBND tỉnh …"
    documents:        # the parent's identity; a plan must cite at least one of them
      - {kind: "Kế hoạch", symbol: "135/KH-UBND", date: "2026-04-23", issuer: "UBND tỉnh …"}
    targets:          # metric ids of rules/targets.yaml
      - {metric: online_conference_share, op: ">=", value: 60, unit: "%",
         also: [conference_and_meeting_online_share], level: commune, label: "…"}
    deadlines:        # reports due to the parent
      - {subject: "báo cáo 6 tháng", recurrence: semiannual, day: 10, month: 6}
    task_groups:      # the parent's groups of tasks
      - {title: "Đổi mới công tác soạn thảo, ban hành văn bản"}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA = "plan-parser/profile/1"
DEFAULT_PROFILE = "parents/kl226-qd534"


class ProfileError(ValueError):
    """A profile file is malformed (the message names the file)."""


@dataclass(frozen=True, slots=True)
class ParentDocument:
    """The identity of a parent document."""

    kind: str | None
    symbol: str
    date: str | None
    issuer: str | None


@dataclass(frozen=True, slots=True)
class ParentTarget:
    """A target the plan must set at least as strictly."""

    metric: str
    op: str
    value: float
    unit: str
    also: tuple[str, ...] = ()  # metrics that meet the same requirement
    level: str | None = None  # commune | province: the target applies to that level only
    label: str | None = None


@dataclass(frozen=True, slots=True)
class ParentDeadline:
    """A report due to the parent, by recurrence and day/month."""

    recurrence: str | None
    day: int | None
    month: int | None
    year: int | None = None
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class ParentTaskGroup:
    """A group of tasks of the parent that a plan should take up."""

    title: str


@dataclass(slots=True)
class ParentProfile:
    """Everything a plan is compared with."""

    name: str
    documents: list[ParentDocument] = field(default_factory=list)
    targets: list[ParentTarget] = field(default_factory=list)
    deadlines: list[ParentDeadline] = field(default_factory=list)
    task_groups: list[ParentTaskGroup] = field(default_factory=list)
    text: str | None = None  # the parent's normalized text, when read from a plan file
    source: str | None = None  # path of the file it came from, or "built-in"
    selected_by: tuple[str, ...] = ()  # built-in profiles: the citations that select them

    def to_yaml_data(self) -> dict[str, Any]:
        """The profile as YAML-ready data (the format of the module docstring)."""
        def clean(d: dict[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in d.items() if v not in (None, (), [])}

        return {
            "schema": SCHEMA,
            "name": self.name,
            "documents": [clean({"kind": d.kind, "symbol": d.symbol, "date": d.date,
                                 "issuer": d.issuer}) for d in self.documents],
            "targets": [clean({"metric": t.metric, "op": t.op, "value": _number(t.value),
                               "unit": t.unit, "also": list(t.also), "level": t.level,
                               "label": t.label}) for t in self.targets],
            "deadlines": [clean({"subject": d.subject, "recurrence": d.recurrence, "day": d.day,
                                 "month": d.month, "year": d.year}) for d in self.deadlines],
            "task_groups": [{"title": g.title} for g in self.task_groups],
        }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def profile_from_data(data: Any, source: str) -> ParentProfile:
    """Build a profile from parsed YAML, checking its shape."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ProfileError(f"{source}: not a parent profile (expected `schema: {SCHEMA}`)")
    try:
        return ParentProfile(
            name=str(data.get("name", source)),
            documents=[ParentDocument(d.get("kind"), str(d["symbol"]), _iso(d.get("date")),
                                      d.get("issuer")) for d in data.get("documents", [])],
            targets=[ParentTarget(t["metric"], t["op"], float(t["value"]), t.get("unit", "%"),
                                  tuple(t.get("also", [])), t.get("level"), t.get("label"))
                     for t in data.get("targets", [])],
            deadlines=[ParentDeadline(d.get("recurrence"), d.get("day"), d.get("month"),
                                      d.get("year"), d.get("subject"))
                       for d in data.get("deadlines", [])],
            task_groups=[ParentTaskGroup(g["title"]) for g in data.get("task_groups", [])],
            source=source,
            selected_by=tuple(str(s) for s in data.get("selected_by", [])),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ProfileError(f"{source}: malformed profile entry: {exc}") from exc


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


def load_profile(path: Path) -> ParentProfile:
    """Read a profile YAML file."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc}") from exc
    return profile_from_data(data, str(path))


def default_profile() -> ParentProfile:
    """The built-in profile of KL 226-KL/TW and QĐ 534/QĐ-TTg (the first one shipped)."""
    from plan_parser.rules_loader import load_rules, rule_path

    profile = profile_from_data(load_rules(DEFAULT_PROFILE), str(rule_path(DEFAULT_PROFILE)))
    profile.source = "built-in"
    return profile


@cache
def builtin_profiles() -> tuple[ParentProfile, ...]:
    """Every profile of ``rules/parents/``; each is selected by the citations it lists in
    ``selected_by`` (by default, its own documents)."""
    from plan_parser.rules_loader import load_rules, rule_names, rule_path

    profiles = []
    for name in sorted(rule_names("parents")):
        profile = profile_from_data(load_rules(name), str(rule_path(name)))
        profile.source = "built-in"
        if not profile.selected_by:
            profile.selected_by = tuple(d.symbol for d in profile.documents)
        profiles.append(profile)
    return tuple(profiles)


def select_builtin(cited: set[str]) -> ParentProfile | None:
    """The built-in profile a plan belongs to: the first whose selecting citations the plan
    makes (canonical symbols, e.g. ``226-KL/TW``); None for a plan on any other topic."""
    for profile in builtin_profiles():
        if cited.intersection(profile.selected_by):
            return profile
    return None
