"""Command line: ``plan-parser analyze|batch|lint|serve|profile|rules|text|schema|eval``.

Imports of the pipeline are inside the commands so that ``plan-parser --help`` is instant.
Exit codes: 0 success, 2 bad usage, or an input that was not analysed (unreadable, unsupported
format, broken link, unreadable folder, ...) or whose output was not written (the other files
are still processed; each one is named on stderr with its reason), 3 an internal error with
--strict (a bug: please report it with the file). ``lint`` also exits 1 for an error found.
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


def _setup(parent: Path | None, no_parent: bool, final: bool, config: Path | None):
    """The lint options per file of a run (the project file found upward from each file)."""
    from plan_parser.batch.options import FileOptions

    return FileOptions(parent, no_parent, final, config)


def _error(message: str) -> None:
    sys.stderr.write(f"plan-parser: error: {message}\n")


def _warn(message: str) -> None:
    sys.stderr.write(f"plan-parser: warning: {message}\n")


def _note(message: str) -> None:
    sys.stderr.write(f"plan-parser: note: {message}\n")


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


class _Batch:
    """Analyse many files: bad inputs are reported and skipped, the rest go on.

    Every input not analysed gets one line on stderr with its reason. ``status`` is the exit
    code so far: 2 when an input could not be read, analysed or written (or was skipped), 3
    for internal errors only in strict mode. ``tally`` counts truthfully what happened.
    """

    def __init__(self, paths: list[Path], setup, strict: bool = False,
                 exclude: tuple[int, int] | None = None) -> None:
        from plan_parser.batch.inputs import Tally, collect_inputs

        self.inputs = collect_inputs(paths, exclude)
        self.files = self.inputs.files
        self.setup = setup
        self.strict = strict
        self.tally = Tally(failed=len(self.inputs.failed), skipped=len(self.inputs.skipped),
                           ignored=len(self.inputs.ignored))
        self.status = 0
        for path, reason in self.inputs.failed + self.inputs.empty:
            _error(f"{path}: {reason}")
        for path, reason in self.inputs.skipped:
            _error(f"{path}: skipped: {reason}")
        for path, reason in self.inputs.ignored:
            _note(f"{path}: {reason}")
        if self.inputs.failed or self.inputs.empty or self.inputs.skipped:
            self.status = EXIT_BAD_INPUT

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
                self._fail(str(exc))
                continue
            except OSError as exc:  # e.g. a folder above it cannot be searched for a config
                self._fail(f"{path}: cannot be read: {exc.strerror or exc}")
                continue
            except Exception as exc:  # a bug must not stop the batch
                self._fail(f"{path}: internal error {type(exc).__name__}: {exc} "
                           "(please report this file)", EXIT_INTERNAL if self.strict else None)
                continue
            self.tally.analysed += 1
            internal = [f for f in analysis.findings if f.rule == INTERNAL_ERROR]
            if internal:
                self.tally.internal += 1
                for finding in internal:
                    _warn(f"{path}: {finding.message}")
                if self.strict:
                    self.status = max(self.status, EXIT_INTERNAL)
            yield path, analysis

    def _fail(self, message: str, status: int | None = None) -> None:
        _error(message)
        self.tally.failed += 1
        self.status = max(self.status, status or EXIT_BAD_INPUT)

    def not_written(self, path: Path, reason: str) -> None:
        """An analysed file whose output could not or must not be written."""
        _error(f"{path}: output not written: {reason}")
        self.tally.not_written += 1
        self.status = max(self.status, EXIT_BAD_INPUT)

    def summary(self, output: Path | None = None) -> str:
        """One line: how many files were analysed, failed, skipped (and written)."""
        return self.tally.line(output)

    def wants_summary(self) -> bool:
        """A summary unless the run was one file and nothing else was found."""
        t = self.tally
        return len(self.files) + t.skipped + t.ignored + len(self.inputs.failed) > 1


_OUTPUT_HELP = (
    "Folder to write one file per input: <name>_<ext>.json (.txt with --format text), in the "
    "input's sub-folders below the inputs' common folder (plans/sub1/plan.txt → "
    "DIR/sub1/plan_txt.json), so no two inputs share an output. Each output replaces an old "
    "one atomically; an input file is never overwritten and a symbolic link inside DIR is "
    "never written through (both refused, exit 2). DIR must not overlap the inputs (be, or "
    "be inside, an input folder or the folder of an input file, or hold an input).")


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .docx .pdf).")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f",
                                                        help="json or text.")] = OutputFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=_OUTPUT_HELP)] = None,
    parent: ParentOption = None,
    no_parent: NoParentOption = False,
    final: FinalOption = False,
    config: ConfigOption = None,
    strict: StrictOption = False,
) -> None:
    """Analyse plans: header, parent plan, section tree, findings.

    One file prints one JSON object; several print JSON Lines (one object per line), or one
    file each into --output. Folders are read recursively (hidden entries, named ".…", are
    noted and not read); every file not analysed (cannot be read, unsupported format, broken
    or looping link, unreadable folder) or not written is named on stderr with its reason,
    and a summary counts them. Exit code 0 when every input
    was analysed and written, 2 otherwise (the other files are still processed), 3 with
    --strict for an internal error.
    """
    import json

    from plan_parser.batch.inputs import OutputError, output_name
    from plan_parser.export.json_export import analysis_to_dict

    folder = _output_folder(output, paths) if output is not None else None
    batch = _Batch(paths, _setup(parent, no_parent, final, config), strict,
                   exclude=folder.key() if folder else None)
    extension = ".txt" if output_format is OutputFormat.text else ".json"
    if folder is not None:
        folder.protected = batch.inputs.protected
    single = len(batch.files) == 1 and folder is None
    for path, analysis in batch.analyses():
        doc = analysis_to_dict(analysis)
        if output_format is OutputFormat.text:
            from plan_parser.export.text_report import render

            rendered = render(doc)
        elif single:
            rendered = json.dumps(doc, ensure_ascii=False, indent=2)
        else:
            rendered = json.dumps(doc, ensure_ascii=False)
        if folder is None:
            typer.echo(rendered)
            continue
        try:
            target = output_name(batch.inputs.relative[path], extension)
            folder.claim(target, path)
            folder.write(target, rendered + "\n")
            batch.tally.written += 1
        except OutputError as exc:
            batch.not_written(path, str(exc))
    if folder is not None or batch.wants_summary():
        sys.stderr.write(f"plan-parser: {batch.summary(output)}\n")
    raise typer.Exit(batch.status)


_BATCH_OUT_HELP = (
    "Folder for the results: report.html, summary.xlsx, summary.csv, findings.jsonl, "
    "plans/<input path>.json and the store (plans.sqlite). Must not overlap the inputs.")


@app.command()
def batch(
    paths: Annotated[list[Path], typer.Argument(
        help="Files, folders (recursive) or glob patterns (quoted: 'xa/**/*.docx').")],
    out: Annotated[Path, typer.Option("--out", "-o", help=_BATCH_OUT_HELP)] = Path(
        "plan-parser-batch"),
    parent: ParentOption = None,
    no_parent: NoParentOption = False,
    final: FinalOption = False,
    config: ConfigOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Worker processes (0, the default: one per core).")] = 0,
    db: Annotated[Path | None, typer.Option(
        "--db", help="The store of results (SQLite; default OUT/plans.sqlite). A rerun "
        "analyses only new or changed files; a killed run resumes.")] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=1, help="Seconds allowed per file; past it the file is listed as "
        "failed and the others go on.")] = 120.0,
    progress: Annotated[bool, typer.Option(
        "--progress/--no-progress", help="Show a progress bar (on a terminal).")] = True,
) -> None:
    """Check a batch of plans (a province's hundreds): one report to act on.

    Runs on all cores; each file is analysed once (results are kept in a store keyed by the
    file's content and the rules), a failing file is listed with its reason and never stops
    the others. Writes report.html (plans × metrics, plans, findings), summary.xlsx,
    summary.csv, findings.jsonl and one JSON per plan into --out. Exit code 0 when every input
    was analysed, 2 when some failed or were skipped (each named with its reason).
    """
    import os

    from plan_parser.batch.inputs import OutputError
    from plan_parser.batch.store import Store, StoreError

    paths = _expand_globs(paths)
    folder = _output_folder(out, paths)
    try:
        store = Store(db or out / "plans.sqlite")
    except (StoreError, OSError) as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from None
    from plan_parser.batch.outputs import write_outputs
    from plan_parser.batch.runner import run_batch

    with store:
        with _ProgressBar(progress) as tick:  # (the bar ends before anything else is said)
            run = run_batch(paths, _setup(parent, no_parent, final, config), store,
                            jobs=jobs or os.cpu_count() or 1, timeout=timeout,
                            exclude=folder.key(), progress=tick)
        for plan in run.plans:
            if plan.result.status != "ok":
                _error(plan.result.reason or f"{plan.path}: failed")
        for path, reason in run.inputs.failed + run.inputs.empty:
            _error(f"{path}: {reason}")
        for path, reason in run.inputs.skipped:
            _error(f"{path}: skipped: {reason}")
        try:
            write_outputs(run, store, folder)
        except OutputError as exc:
            _error(str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None
    sys.stderr.write(f"plan-parser: {run.line()}; report: {out / 'report.html'}\n")
    raise typer.Exit(EXIT_BAD_INPUT if run.failed or run.skipped or run.inputs.empty else 0)


def _output_folder(output: Path, paths: list[Path]):
    """The output folder, made, once checked not to overlap the inputs (else exit 2)."""
    from plan_parser.batch.inputs import OutputError, OutputFolder, check_output_place

    try:
        check_output_place(output, paths)
        return OutputFolder.create(output)
    except OutputError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from None


def _expand_globs(paths: list[Path]) -> list[Path]:
    """Arguments that name no file but hold a glob pattern, expanded (sorted); the shell
    usually does this, a quoted pattern or a Windows prompt does not."""
    import glob

    expanded: list[Path] = []
    for path in paths:
        text = str(path)
        if not path.exists() and any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if matches:
                expanded += [Path(m) for m in matches]
                continue
        expanded.append(path)
    return expanded


class _ProgressBar:
    """A rich progress bar on stderr (count, rate, time left); a no-op when turned off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._progress = None
        self._task = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]Phân tích[/]"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(), TextColumn("còn"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False)
        self._progress.start()
        self._task = self._progress.add_task("batch", total=None, rate="")
        return self._tick

    def _tick(self, done: int, total: int) -> None:
        task = self._progress.tasks[0]
        rate = f"{done / task.elapsed:.1f} tệp/s" if done and task.elapsed else ""
        self._progress.update(self._task, completed=done, total=total, rate=rate)

    def __exit__(self, *_: object) -> None:
        if self._progress is not None:
            self._progress.stop()


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

    Exit code 1 when an error is found, 2 for bad input (a file that cannot be read, or a
    file of a folder that was skipped: each is named on stderr with its reason), 0 otherwise.
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
    batch = _Batch(paths, _setup(parent, no_parent, final, config), strict)
    threshold = SEVERITY_RANK[min_severity.value]
    from plan_parser.messages import note

    results = []
    texts: dict[str, str] = {}
    formats: dict[str, str] = {}
    notes: dict[str, str] = {}
    for path, analysis in batch.analyses():
        texts[str(path)] = analysis.source.text
        formats[str(path)] = analysis.source.format
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
                 LintFormat.html: lambda r: render_html(r, texts, formats)}
    rendered = renderers[output_format](results)
    if rendered:
        typer.echo(rendered)
    if batch.wants_summary():
        sys.stderr.write(f"plan-parser: {batch.summary()}\n")
    status = batch.status
    if status == 0 and any(f["severity"] == "error" for _, fs in results for f in fs):
        status = 1
    raise typer.Exit(status)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this computer "
                                           "only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    max_upload_mb: Annotated[float, typer.Option(
        "--max-upload-mb", help="Largest upload accepted (413 above it).")] = 20.0,
    timeout: Annotated[float, typer.Option(
        help="Seconds one document may take; past it the request gets a clear 4xx.")] = 30.0,
    workers: Annotated[int, typer.Option(help="Worker processes that analyse uploads.")] = 2,
) -> None:
    """A web page for drafters and a JSON API, on this computer (http://127.0.0.1:8000).

    Upload or paste a draft, see every finding on the text, download the JSON, SARIF or the
    .docx with Word comments. API: /api/analyze, /api/lint, /api/view, /api/docx, /api/rules,
    /healthz; OpenAPI at /docs."""
    try:
        import uvicorn
    except ImportError:
        _error("the web app needs uvicorn and fastapi: pip install plan-parser again")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    from plan_parser.web.app import ServerLimits, create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        _warn(f"listening on {host}: other computers of the network can reach this server")
    limits = ServerLimits(max_upload=int(max_upload_mb * 1024 * 1024), timeout=timeout,
                          workers=workers)
    uvicorn.run(create_app(limits), host=host, port=port, log_level="info")


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
                                "on_by_default": r.on_by_default,
                                "category": r.category, "description": r.description,
                                "file": r.source, "examples": len(r.examples)} for r in rules],
                              ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rules)} lint rules", show_lines=False)
    for column in ("id", "category", "type", "severity", "description"):
        table.add_column(column, overflow="fold")
    for r in rules:  # a rule still being measured shows how to turn it on
        severity = r.severity if r.on_by_default else f"off (rules: {{{r.id}: {r.severity}}})"
        table.add_row(r.id, r.category, r.type, severity, r.description)
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
