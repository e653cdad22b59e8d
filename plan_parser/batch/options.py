"""The lint options of each file of a run: the project file found upward from it, the parent
profile loaded once. Picklable, so that every worker of a pool builds the same options."""

from __future__ import annotations

from pathlib import Path

__all__ = ["FileOptions"]


class FileOptions:
    """What the user asked for (``--parent``, ``--no-parent``, ``--final``, ``--config``),
    turned into LintOptions per file by :meth:`options_for`."""

    def __init__(self, parent: Path | None = None, no_parent: bool = False,
                 final: bool = False, config: Path | None = None) -> None:
        self.parent_path, self.no_parent, self.final = parent, no_parent, final
        self.config_path = config
        self._configs: dict[Path, object] = {}
        self._parents: dict[Path, object] = {}
        self._found: dict[Path, Path | None] = {}  # a folder's project file, looked up once

    def __getstate__(self) -> dict:
        """Only the request crosses to a worker; each process loads configs and parents."""
        return {"parent": self.parent_path, "no_parent": self.no_parent, "final": self.final,
                "config": self.config_path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def config_file(self, path: Path) -> Path | None:
        """The project file that applies to ``path``: the one asked for, else the nearest
        above its folder (looked up once per folder)."""
        from plan_parser.lint.config import find_config

        if self.config_path is not None:
            return self.config_path
        if path.parent not in self._found:
            self._found[path.parent] = find_config(path)
        return self._found[path.parent]

    def options_for(self, path: Path):
        """LintOptions for ``path``; raises ConfigError/ProfileError/InputError on bad setup."""
        from plan_parser.lint.config import load_config
        from plan_parser.lint.context import LintOptions

        config_file = self.config_file(path)
        config = None
        if config_file is not None:
            config_file = config_file.resolve()
            if config_file not in self._configs:
                self._configs[config_file] = load_config(config_file)
            config = self._configs[config_file]
        parent_path = self.parent_path or (config.parent if config else None)
        parent = None
        if parent_path is not None and not self.no_parent:
            parent_path = parent_path.resolve()
            if parent_path not in self._parents:
                from plan_parser.pipeline import parent_from_path

                self._parents[parent_path] = parent_from_path(parent_path)
            parent = self._parents[parent_path]
        final = self.final or bool(config and config.final)
        use_default = not self.no_parent and (config is None or config.default_parent)
        return LintOptions(final=final, parent=parent, use_default_parent=use_default,
                           config=config)
