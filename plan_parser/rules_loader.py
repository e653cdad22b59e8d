"""Find and load the YAML rule files (rules are data; engine code stays generic).

Rules come from the bundled ``rules/`` folder (``plan_parser/_rules`` in an installed wheel).
A user can overlay their own folder with the ``PLAN_PARSER_RULES`` environment variable:
a file there with the same relative path replaces the bundled one.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def bundled_rules_dir() -> Path:
    """The rules folder shipped with the package (wheel) or the repository checkout."""
    for candidate in (_PACKAGE_DIR / "_rules", _PACKAGE_DIR.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "plan_parser rules folder not found (expected rules/ next to the package)")


def rule_path(name: str) -> Path:
    """Path of rule file ``name`` (e.g. ``"normalize/confusables"``), user overlay first."""
    relative = name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
    overlay = os.environ.get("PLAN_PARSER_RULES")
    if overlay:
        candidate = Path(overlay) / relative
        if candidate.is_file():
            return candidate
    return bundled_rules_dir() / relative


@cache
def load_rules(name: str) -> Any:
    """Parse rule file ``name`` once per process."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with rule_path(name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def rule_names(folder: str) -> list[str]:
    """Names of the rule files in ``folder`` (e.g. ``"lint"`` → ``["lint/format", …]``),
    bundled and overlay together; an overlay file replaces the bundled one of the same name."""
    names: set[str] = set()
    roots = [bundled_rules_dir()]
    overlay = os.environ.get("PLAN_PARSER_RULES")
    if overlay:
        roots.append(Path(overlay))
    for root in roots:
        directory = root / folder
        if directory.is_dir():
            names.update(f"{folder}/{p.stem}" for p in directory.glob("*.yaml"))
    return sorted(names)


def filled(pattern: str, **parts: str) -> str:
    """``pattern`` with each ``{name}`` of ``parts`` put in: a piece written once in the rules
    and used by several patterns (the partner cue of rules/assignments.yaml, a number spelled
    out), so that it stays in one place."""
    for name, part in parts.items():
        pattern = pattern.replace("{" + name + "}", part)
    return pattern
