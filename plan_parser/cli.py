"""Command line: ``plan-parser analyze|text|schema|eval``.

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


def _error(message: str) -> None:
    sys.stderr.write(f"plan-parser: error: {message}\n")


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


def expand_inputs(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to process (directories expanded, sorted) and inputs that cannot be used."""
    from plan_parser.readers import SUPPORTED_SUFFIXES

    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                problems.append((path, "directory has no .txt, .md, .docx or .pdf files"))
            files.extend(found)
        else:
            files.append(path)
    return files, problems


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .docx .pdf).")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f",
                                                        help="json or text.")] = OutputFormat.json,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Folder to write one <name>.json per input (batch mode).")] = None,
) -> None:
    """Analyse plans: header, parent plan, section tree, findings.

    One file prints one JSON object; several print JSON Lines (one object per line), or one
    file each into --output. A file that cannot be read is reported on stderr and skipped.
    """
    import json

    from plan_parser.export.json_export import analysis_to_dict
    from plan_parser.pipeline import analyze_file
    from plan_parser.readers import InputError

    files, problems = expand_inputs(paths)
    status = 0
    for path, reason in problems:
        _error(f"{path}: {reason}")
        status = EXIT_BAD_INPUT
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
    single = len(files) == 1 and output is None
    for path in files:
        try:
            doc = analysis_to_dict(analyze_file(path))
        except InputError as exc:
            _error(str(exc))
            status = max(status, EXIT_BAD_INPUT)
            continue
        except Exception as exc:  # a bug must not stop the batch
            _error(f"{path}: internal error {type(exc).__name__}: {exc} (please report this file)")
            status = EXIT_INTERNAL
            continue
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
    if output is not None:
        sys.stderr.write(f"plan-parser: {len(files)} file(s) analysed into {output}\n")
    raise typer.Exit(status)


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
    raise typer.Exit(0 if report.all_passed else 1)


def main() -> None:
    """Entry point of the ``plan-parser`` command."""
    app()
