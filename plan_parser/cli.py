"""Command line: ``plan-parser analyze|lint|profile|rules|text|schema|eval``.

Imports of the pipeline are inside the commands so that ``plan-parser --help`` is instant.
Exit codes: 0 success, 2 bad usage or unreadable input (the other files are still processed),
3 an internal error (a bug: please report it with the file).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Đọc, hiểu và kiểm tra kế hoạch hành chính. Read, understand and check Vietnamese plans.",
)

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


class OutputFormat(StrEnum):
    json = "json"
    text = "text"


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    html = "html"


class Severity(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


ParentOption = Annotated[Path | None, typer.Option(
    "--parent", "-p", help="The parent plan (.txt .md .docx .pdf) or a profile YAML. Default: "
    "the project file's `parent`, else the built-in KL 226 / QĐ 534 profile.")]
NoParentOption = Annotated[bool, typer.Option(
    "--no-parent", help="Do not compare with any parent (not even the built-in profile).")]
FinalOption = Annotated[bool, typer.Option(
    "--final", help="Lint as issued: a blank number or day is an error, not a draft note.")]
StrictOption = Annotated[bool, typer.Option(
    "--strict", help="Exit with code 3 when a stage or rule of the tool fails on a file (its "
    "other results are still written).")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", "-c", help="Project file (default: .planlint.yaml found upward from each "
    "file).")]


class _Setup:
    """Lint options per file: the project file found upward from it, the parent loaded once."""

    def __init__(self, parent: Path | None, no_parent: bool, final: bool,
                 config: Path | None) -> None:
        self.parent_path, self.no_parent, self.final = parent, no_parent, final
        self.config_path = config
        self._configs: dict[Path, object] = {}
        self._parents: dict[Path, object] = {}

    def options_for(self, path: Path):
        """LintOptions for ``path``; raises ConfigError/ProfileError/InputError on bad setup."""
        from plan_parser.lint.config import find_config, load_config
        from plan_parser.lint.context import LintOptions

        config_file = self.config_path or find_config(path)
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


def _error(message: str) -> None:
    sys.stderr.write(f"plan-parser: error: {message}\n")


def _warn(message: str) -> None:
    sys.stderr.write(f"plan-parser: warning: {message}\n")


def _version(value: bool) -> None:
    if value:
        from plan_parser import __version__

        typer.echo(f"plan-parser {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """plan-parser: Vietnamese administrative plans (Kế hoạch) → structure, JSON, findings."""


def expand_inputs(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]], list[Path]]:
    """Files to process (directories expanded, sorted), inputs that cannot be used, and the
    files of the directories that are skipped because no reader takes them."""
    from plan_parser.readers import SUPPORTED_SUFFIXES

    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file())
            usable = [p for p in found if p.suffix.lower() in SUPPORTED_SUFFIXES]
            skipped.extend(p for p in found if p.suffix.lower() not in SUPPORTED_SUFFIXES
                           and not p.name.startswith("."))
            if not usable:
                problems.append((path, "directory has no .txt, .md, .docx or .pdf files"))
            files.extend(usable)
        else:
            files.append(path)
    return files, problems, skipped


class _Batch:
    """Analyse many files: bad inputs are reported and skipped, the rest go on.

    ``status`` is the exit code so far: 2 when a file could not be read or analysed, 3 for
    internal errors only in strict mode. The counts say truthfully what happened.
    """

    def __init__(self, paths: list[Path], setup: _Setup, strict: bool = False) -> None:
        self.files, problems, self.skipped = expand_inputs(paths)
        self.setup = setup
        self.strict = strict
        self.status = 0
        self.analysed = 0
        self.failed = 0
        self.with_internal_errors = 0
        for path, reason in problems:
            _error(f"{path}: {reason}")
            self.status = EXIT_BAD_INPUT
        for path in self.skipped:
            _warn(f"{path}: skipped: no reader for '{path.suffix or path.name}' files")

    def analyses(self):
        """``(path, analysis)`` of every file that could be read."""
        from plan_parser.faults import INTERNAL_ERROR
        from plan_parser.lint.config import ConfigError
        from plan_parser.parent.profile import ProfileError
        from plan_parser.pipeline import analyze_file
        from plan_parser.readers import InputError

        for path in self.files:
            try:
                analysis = analyze_file(path, self.setup.options_for(path))
            except (ConfigError, ProfileError) as exc:  # the whole run is misconfigured
                _error(str(exc))
                raise typer.Exit(EXIT_BAD_INPUT) from None
            except InputError as exc:
                _error(str(exc))
                self.failed += 1
                self.status = max(self.status, EXIT_BAD_INPUT)
                continue
            except Exception as exc:  # a bug must not stop the batch
                _error(f"{path}: internal error {type(exc).__name__}: {exc} "
                       "(please report this file)")
                self.failed += 1
                self.status = max(self.status, EXIT_INTERNAL if self.strict else EXIT_BAD_INPUT)
                continue
            self.analysed += 1
            internal = [f for f in analysis.findings if f.rule == INTERNAL_ERROR]
            if internal:
                self.with_internal_errors += 1
                for finding in internal:
                    _warn(f"{path}: {finding.message}")
                if self.strict:
                    self.status = max(self.status, EXIT_INTERNAL)
            yield path, analysis

    def summary(self) -> str:
        """One line: how many files were analysed, failed and skipped."""
        parts = [f"{self.analysed} analysed", f"{self.failed} failed",
                 f"{len(self.skipped)} skipped"]
        if self.with_internal_errors:
            parts.append(f"{self.with_internal_errors} with internal errors")
        return f"{len(self.files) + len(self.skipped)} file(s): " + ", ".join(parts)


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .docx .pdf).")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f",
                                                        help="json or text.")] = OutputFormat.json,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Folder to write one <name>.json per input (batch mode).")] = None,
    parent: ParentOption = None,
    no_parent: NoParentOption = False,
    final: FinalOption = False,
    config: ConfigOption = None,
    strict: StrictOption = False,
) -> None:
    """Analyse plans: header, parent plan, section tree, findings.

    One file prints one JSON object; several print JSON Lines (one object per line), or one
    file each into --output. A file that cannot be read is reported on stderr and skipped.
    """
    import json

    from plan_parser.export.json_export import analysis_to_dict

    batch = _Batch(paths, _Setup(parent, no_parent, final, config), strict)
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
    single = len(batch.files) == 1 and output is None
    for path, analysis in batch.analyses():
        doc = analysis_to_dict(analysis)
        if output_format is OutputFormat.text:
            from plan_parser.export.text_report import render

            rendered = render(doc)
        elif single:
            rendered = json.dumps(doc, ensure_ascii=False, indent=2)
        else:
            rendered = json.dumps(doc, ensure_ascii=False)
        if output is not None:
            suffix = ".txt" if output_format is OutputFormat.text else ".json"
            target = output / f"{path.stem}{path.suffix.replace('.', '_')}{suffix}"
            target.write_text(rendered + "\n", encoding="utf-8")
        else:
            typer.echo(rendered)
    if output is not None or len(batch.files) + len(batch.skipped) > 1:
        where = f" into {output}" if output is not None else ""
        sys.stderr.write(f"plan-parser: {batch.summary()}{where}\n")
    raise typer.Exit(batch.status)


@app.command()
def lint(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .docx .pdf).")],
    parent: ParentOption = None,
    output_format: Annotated[LintFormat, typer.Option(
        "--format", "-f", help="text, json, sarif (SARIF 2.1.0), github (annotations) or html "
        "(a page for the browser).")
    ] = LintFormat.text,
    min_severity: Annotated[Severity, typer.Option(
        "--min-severity", help="Report only findings at least this severe.")] = Severity.info,
    final: FinalOption = False,
    no_parent: NoParentOption = False,
    config: ConfigOption = None,
    strict: StrictOption = False,
) -> None:
    """Check drafts before signing: thể thức, language, structure, citations, tasks, and
    deviations from the parent plan.

    Exit code 1 when an error is found, 2 for bad input, 0 otherwise.
    """
    from plan_parser.export.json_export import SpanWriter, finding_dict
    from plan_parser.export.lint_formats import (
        SEVERITY_RANK,
        render_github,
        render_html,
        render_json,
        render_sarif,
        render_text,
    )
    batch = _Batch(paths, _Setup(parent, no_parent, final, config), strict)
    threshold = SEVERITY_RANK[min_severity.value]
    from plan_parser.messages import note

    results = []
    texts: dict[str, str] = {}
    notes: dict[str, str] = {}
    for path, analysis in batch.analyses():
        texts[str(path)] = analysis.source.text
        profile = analysis.parent_profile
        notes[str(path)] = (note("parent_profile_applied", name=profile.name,
                                 source=profile.source or "")
                            if profile else note("parent_profile_none"))
        writer = SpanWriter(analysis)
        findings = [finding_dict(f, writer) for f in analysis.findings
                    if SEVERITY_RANK[f.severity] >= threshold]
        results.append((str(path), findings))
    renderers = {LintFormat.text: lambda r: render_text(r, color=sys.stdout.isatty(),
                                                        notes=notes),
                 LintFormat.json: render_json, LintFormat.sarif: render_sarif,
                 LintFormat.github: render_github,
                 LintFormat.html: lambda r: render_html(r, texts)}
    rendered = renderers[output_format](results)
    if rendered:
        typer.echo(rendered)
    if len(batch.files) + len(batch.skipped) > 1:
        sys.stderr.write(f"plan-parser: {batch.summary()}\n")
    status = batch.status
    if status == 0 and any(f["severity"] == "error" for _, fs in results for f in fs):
        status = 1
    raise typer.Exit(status)


@app.command()
def profile(
    parent: Annotated[Path, typer.Argument(help="The parent plan (.txt .md .docx .pdf).")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the profile YAML here (default: print it).")] = None,
) -> None:
    """Write the profile of a parent plan (identity, targets, reports, task groups) as YAML,
    for `lint --parent` and for editing by hand."""
    import yaml

    from plan_parser.parent.from_plan import profile_of_plan
    from plan_parser.pipeline import analyze_file
    from plan_parser.readers import InputError

    try:
        analysis = analyze_file(parent, _no_lint_options())
    except InputError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from None
    data = profile_of_plan(analysis, str(parent)).to_yaml_data()
    header = (f"# Parent profile of {parent}, written by `plan-parser profile`.\n"
              "# Edit freely: targets (metric ids of rules/targets.yaml), deadlines, task "
              "groups.\n")
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        sys.stderr.write(f"plan-parser: profile of {parent} written to {output}\n")


def _no_lint_options():
    from plan_parser.lint.context import LintOptions

    return LintOptions(use_default_parent=False)


rules_app = typer.Typer(no_args_is_help=True, help="The lint rules: list them, test them.")
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
def rules_list(
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f",
                                                        help="text or json.")] = OutputFormat.text,
) -> None:
    """Every lint rule with its id, type, severity and description."""
    from plan_parser.lint.rules import lint_rules

    rules = lint_rules()
    if output_format is OutputFormat.json:
        import json

        typer.echo(json.dumps([{"id": r.id, "type": r.type, "severity": r.severity,
                                "category": r.category, "description": r.description,
                                "file": r.source, "examples": len(r.examples)} for r in rules],
                              ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rules)} lint rules", show_lines=False)
    for column in ("id", "category", "type", "severity", "description"):
        table.add_column(column, overflow="fold")
    for r in rules:
        table.add_row(r.id, r.category, r.type, r.severity, r.description)
    Console().print(table)


@rules_app.command("test")
def rules_test() -> None:
    """Run every rule's examples; exit 1 if one fails."""
    from plan_parser.rule_examples import run_all_examples

    results = run_all_examples()
    failed = [r for r in results if not r.ok]
    for r in failed:
        typer.echo(f"FAIL {r.rule} example {r.index + 1}: {r.detail}")
    rules = len({r.rule for r in results})
    typer.echo(f"{len(results) - len(failed)}/{len(results)} examples of {rules} rules passed")
    raise typer.Exit(1 if failed else 0)


@app.command()
def text(
    path: Annotated[Path, typer.Argument(help="A .txt, .md, .docx or .pdf file.")],
    normalized: Annotated[bool, typer.Option("--normalized", "-n",
                                             help="Print the normalized text instead.")] = False,
) -> None:
    """Print the text a reader extracts (all offsets in the JSON point into it)."""
    from plan_parser.readers import InputError, read_document

    try:
        source = read_document(path)
    except InputError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if normalized:
        from plan_parser.normalize import normalize

        sys.stdout.write(normalize(source.text, fmt=source.format).text + "\n")
    else:
        sys.stdout.write(source.text)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the analyze output."""
    from plan_parser.export.schema import schema_text

    sys.stdout.write(schema_text())


@app.command("eval")
def evaluate(
    corpus: Annotated[Path, typer.Argument(help="Corpus folder with plans/ and gold/.")] = Path(
        "corpus"),
) -> None:
    """Compare the analysis of the corpus with its gold annotations and print the scores."""
    from plan_parser.evaluation import evaluate_corpus, render_report

    if not (corpus / "gold").is_dir():
        _error(f"{corpus}: no gold/ folder with annotations")
        raise typer.Exit(EXIT_BAD_INPUT)
    report = evaluate_corpus(corpus)
    typer.echo(render_report(report))
    raise typer.Exit(0 if report.all_passed and report.lint_passed() else 1)


def main() -> None:
    """Entry point of the ``plan-parser`` command."""
    app()
