"""The work of one file in a batch: a pure function of (file bytes, parent profile, rules).

Runs in a worker process. Whatever goes wrong with the file becomes a ``failed`` result with
its reason; nothing raises out of :func:`analyse_one`.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from plan_parser.batch.options import FileOptions
from plan_parser.batch.store import Result

__all__ = ["analyse_one", "is_transient", "warm_up"]

_OPTIONS: dict[tuple, FileOptions] = {}  # one per request, so a parent is profiled once a process


def analyse_one(path: str, request: FileOptions, sha256: str | None = None,
                member: tuple[str, str] | None = None) -> Result:
    """Analyse the file at ``path`` as ``request`` says: its analysis JSON (packed as the
    store keeps it, :meth:`Result.pack`) and its row, or the reason it could not be
    analysed. ``sha256``: the content the run hashed; a file that changed since is refused
    (its result would be kept under the old content).
    ``member``: ``(archive, name)`` when the file is a member of a .zip archive."""
    from plan_parser.batch.archives import ArchiveError, read_member
    from plan_parser.export.json_export import analysis_to_dict
    from plan_parser.export.plan_summary import plan_summary
    from plan_parser.pipeline import analyze_file, analyze_source
    from plan_parser.readers import InputError
    from plan_parser.readers.dispatch import read_data

    started = time.perf_counter()
    options = _OPTIONS.setdefault(_key(request), request)
    try:
        lint_options = options.options_for(Path(member[0]) if member else Path(path))
        if member is None:
            analysis = analyze_file(Path(path), lint_options)
        else:
            analysis = analyze_source(read_data(path, read_member(Path(member[0]), member[1])),
                                      lint_options)
        if sha256 is not None and analysis.source.sha256 != sha256:
            return Result("failed", f"{path}: changed while the batch ran: run it again",
                          seconds=time.perf_counter() - started)
        doc = analysis_to_dict(analysis)
        summary = plan_summary(analysis, doc)
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except (InputError, ArchiveError) as exc:
        return Result("failed", str(exc), seconds=time.perf_counter() - started)
    except OSError as exc:
        return Result("failed", f"{path}: cannot be read: {exc.strerror or exc}",
                      seconds=time.perf_counter() - started)
    except MemoryError:
        return Result("failed", f"{path}: out of memory", seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug must not stop the batch; the reason names it
        return Result("failed", f"{path}: internal error {type(exc).__name__}: {exc} "
                      "(please report this file)", seconds=time.perf_counter() - started)
    return Result("ok", None, data, summary, time.perf_counter() - started).pack()


def is_transient(result: Result) -> bool:
    """A failure a rerun should try again (not kept in the store)."""
    return result.status == "failed" and any(
        mark in (result.reason or "") for mark in _TRANSIENT)


_TRANSIENT = ("time limit", "worker died", "changed while the batch ran", "out of memory")


def warm_up(request: FileOptions) -> None:
    """Load rules, grammars, the spelling model and the parent profile once, before the pool
    forks, so that every worker starts with them (shared, copy-on-write)."""
    from plan_parser.lint.context import LintOptions
    from plan_parser.pipeline import analyze_text

    analyze_text("ỦY BAN NHÂN DÂN XÃ A\nKẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\n",
                 options=LintOptions())
    options = _OPTIONS.setdefault(_key(request), request)
    if request.parent_path is not None and not request.no_parent:
        options.options_for(request.parent_path)


def _key(request: FileOptions) -> tuple:
    state = request.__getstate__()
    return tuple(sorted((k, str(v)) for k, v in state.items()))
