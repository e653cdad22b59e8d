"""Project configuration: ``.planlint.yaml`` in the file's folder or any folder above it.

::

    final: false                      # lint as issued: blank number/day are errors
    parent: ke-hoach-tinh.yaml        # a parent profile or plan file (relative to this file)
    rules:
      date-leading-zero: off          # disable a rule
      tone-style-mixed: warning       # change its severity
    vocabulary:
      accept: ["phân đấu"]            # phrases the language rules never report
      confusables:                    # more collocations for confusable-word
        - {wrong: "sáng kiến kinh nghiệm", right: "..."}
    ignore:                           # waive single findings by rule and text
      - {rule: unit-name-typo, text: "Văn phòng UBND và UBND xã"}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plan_parser.model import SEVERITIES
from plan_parser.normalize.tone import canonical_tone

CONFIG_NAMES = (".planlint.yaml", ".planlint.yml", "planlint.yaml")


class ConfigError(ValueError):
    """The configuration file is malformed (the message names the file)."""


@dataclass(slots=True)
class LintConfig:
    """Settings read from a project file (all optional)."""

    path: Path | None = None
    final: bool | None = None
    parent: Path | None = None
    default_parent: bool = True  # `parent: none` turns the built-in profiles off
    severities: dict[str, str] = field(default_factory=dict)  # rule id → severity or "off"
    accepted: frozenset[str] = frozenset()
    confusables: list[dict[str, Any]] = field(default_factory=list)
    ignore: list[dict[str, str]] = field(default_factory=list)

    def severity(self, rule_id: str) -> str | None:
        """The configured severity of a rule ("off" when disabled), or None."""
        return self.severities.get(rule_id)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file in ``start`` (a file's folder) or above it."""
    folder = start if start.is_dir() else start.parent
    for directory in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path) -> LintConfig:
    """Read and check a configuration file."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: configuration must be a mapping")
    from plan_parser.lint.rules import rule_by_id

    known = rule_by_id()
    severities: dict[str, str] = {}
    for rule_id, value in (data.get("rules") or {}).items():
        value = "off" if value is False else str(value)
        if rule_id not in known:
            raise ConfigError(f"{path}: unknown rule {rule_id!r} (see `plan-parser rules list`)")
        if value not in (*SEVERITIES, "off"):
            raise ConfigError(f"{path}: rule {rule_id}: {value!r} is not error, warning, info "
                              "or off")
        severities[rule_id] = value
    vocabulary = data.get("vocabulary") or {}
    parent = data.get("parent")
    no_parent = parent is False or str(parent).strip().lower() in ("none", "off", "false", "no")
    return LintConfig(
        path=path,
        final=data.get("final"),
        parent=(path.parent / parent) if parent and not no_parent else None,
        default_parent=not no_parent,
        severities=severities,
        accepted=frozenset(canonical_tone(str(w)).lower() for w in vocabulary.get("accept", [])),
        confusables=list(vocabulary.get("confusables", [])),
        ignore=[dict(entry) for entry in data.get("ignore", [])],
    )
