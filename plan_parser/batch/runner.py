"""``plan-parser batch``: map the analysis of one file over a process pool, keep every result
in the store, then write what the province reads.

The pool is pebble's (a maintained process pool that kills a worker past its time limit and
starts another), fed with files whose result the store does not hold yet. The run is only the
map; the per-file work is :func:`plan_parser.batch.worker.analyse_one`, a pure function of
(file bytes, parent profile, rules), which is what an engine such as Dask, Ray or Spark would
map if one machine were ever not enough.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from plan_parser.batch.archives import ArchiveError, read_member
from plan_parser.batch.inputs import Inputs, collect_inputs
from plan_parser.batch.options import FileOptions
from plan_parser.batch.store import Result, Store

__all__ = ["BatchRun", "PlanResult", "file_digest", "largest_first", "member_digest", "run_batch",
           "setup_digest"]

_CHUNK = 1 << 20


@dataclass(slots=True)
class PlanResult:
    """One input of the run: where it is, what it held and what came of it."""

    path: Path
    relative: PurePath
    sha256: str | None
    setup: str
    result: Result
    reused: bool = False  # taken from the store, not analysed again


@dataclass(slots=True)
class BatchRun:
    """What a run did, for its summary line, its exit code and its reports."""

    inputs: Inputs
    plans: list[PlanResult] = field(default_factory=list)
    analysed: int = 0  # analysed in this run
    reused: int = 0  # results of an earlier run, same content and setup
    failed: int = 0  # inputs named that could not be looked at, and files that failed
    skipped: int = 0  # entries of folders that were not analysed (unsupported, unreadable)
    run_id: int = 0

    @property
    def ok(self) -> list[PlanResult]:
        return [p for p in self.plans if p.result.status == "ok"]

    def line(self) -> str:
        """``N file(s): a analysed, r reused from the store, f failed, s skipped``."""
        total = self.analysed + self.reused + self.failed + self.skipped
        return (f"{total} file(s): {self.analysed} analysed, {self.reused} reused from the "
                f"store, {self.failed} failed, {self.skipped} skipped")


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes (read in chunks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def member_digest(archive: Path, member: str) -> str:
    """SHA-256 of an archive member's bytes."""
    return hashlib.sha256(read_member(archive, member)).hexdigest()


def setup_digest(request: FileOptions) -> str:
    """What besides a file's bytes decides its result: the tool's code and data, the rules
    (with any overlay), the limits, the parent profile and the options asked for."""
    from plan_parser.limits import limits
    from plan_parser.rules_loader import bundled_rules_dir

    digest = hashlib.sha256()
    roots = [Path(__file__).resolve().parent.parent, bundled_rules_dir()]
    if overlay := os.environ.get("PLAN_PARSER_RULES"):
        roots.append(Path(overlay))
    for root in roots:
        for file in sorted(p for p in root.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts):
            digest.update(str(file.relative_to(root)).encode() + b"\0")
            digest.update(file.read_bytes())
    digest.update(repr(limits()).encode())
    state = request.__getstate__()
    digest.update(repr(sorted((k, str(v)) for k, v in state.items())).encode())
    for extra in (request.parent_path, request.config_path):
        if extra is not None and Path(extra).is_file():
            digest.update(Path(extra).read_bytes())
    return digest.hexdigest()[:32]


def _per_file_setup(base: str, path: Path, request: FileOptions,
                    configs: dict[Path, str]) -> str:
    """``base`` with the project file (.planlint.yaml) that applies to ``path``, if any."""
    if request.config_path is not None:
        return base
    found = request.config_file(path)
    if found is None:
        return base
    if found not in configs:
        configs[found] = hashlib.sha256(found.read_bytes()).hexdigest()[:16]
    return hashlib.sha256(f"{base}:{configs[found]}".encode()).hexdigest()[:32]


def run_batch(paths: list[Path], request: FileOptions, store: Store, *, jobs: int,
              timeout: float, exclude: tuple[int, int] | None = None,
              progress: Callable[[int, int], object] | None = None,
              work: Callable[..., Result] | None = None) -> BatchRun:
    """Analyse every input not in ``store`` yet, on ``jobs`` processes, each file within
    ``timeout`` seconds; keep each result in ``store`` as it comes. ``progress(done, total)``
    is told after each file. ``work(path, request, sha256)`` is the per-file function
    (:func:`~plan_parser.batch.worker.analyse_one`; tests pass another)."""
    inputs = collect_inputs(paths, exclude, archives=True)
    run = BatchRun(inputs, failed=len(inputs.failed), skipped=len(inputs.skipped))
    base = setup_digest(request)
    run.run_id = store.start_run(base, len(inputs.files))
    configs: dict[Path, str] = {}
    pending: list[PlanResult] = []
    for path in inputs.files:
        relative = inputs.relative.get(path, PurePath(path.name))
        member = inputs.members.get(path)
        try:
            sha = member_digest(*member) if member else file_digest(path)
            setup = _per_file_setup(base, member[0] if member else path, request, configs)
        except ArchiveError as exc:
            run.plans.append(PlanResult(path, relative, None, base, Result("failed", str(exc))))
            run.failed += 1
            continue
        except OSError as exc:
            failure = Result("failed", f"{path}: cannot be read: {exc.strerror or exc}")
            run.plans.append(PlanResult(path, relative, None, base, failure))
            run.failed += 1
            continue
        store.saw(run.run_id, str(path), sha)
        pending.append(PlanResult(path, relative, sha, setup, Result("failed", "not run")))
    by_setup: dict[str, list[str]] = {}
    for plan in pending:
        by_setup.setdefault(plan.setup, []).append(plan.sha256)
    done = {(sha, setup) for setup, shas in by_setup.items() for sha in store.done(setup, shas)}
    todo = []
    for plan in pending:
        if (plan.sha256, plan.setup) in done:
            plan.result = store.get(plan.sha256, plan.setup) or plan.result
            plan.reused = True
            if plan.result.status == "ok":
                run.reused += 1
            else:
                run.failed += 1  # the same bytes fail the same way: not tried again
        else:
            todo.append(plan)
        run.plans.append(plan)
    total = len(todo)
    if progress is not None:
        progress(0, total)
    if todo:
        if work is None:
            from plan_parser.batch.worker import analyse_one as work
        _analyse(todo, request, store, jobs, timeout, run, progress, work)
    store.finish_run(run.run_id, run.analysed, run.reused, run.failed, run.skipped)
    return run


def largest_first(todo: list[PlanResult],
                  members: dict[Path, tuple[Path, str]]) -> list[PlanResult]:
    """``todo`` with the largest inputs first, so that no long file starts last while the
    other workers have nothing left to do (the longest-processing-time-first order; the size
    of a file stands for its work). An input whose size cannot be read keeps its place."""
    import zipfile

    archives: dict[Path, dict[str, int]] = {}

    def size(plan: PlanResult) -> int:
        member = members.get(plan.path)
        try:
            if member is None:
                return plan.path.stat().st_size
            if member[0] not in archives:
                with zipfile.ZipFile(member[0]) as archive:
                    archives[member[0]] = {i.filename: i.file_size for i in archive.infolist()}
            return archives[member[0]].get(member[1], 0)
        except (OSError, zipfile.BadZipFile):
            return 0

    return sorted(todo, key=size, reverse=True)  # (stable: equal sizes keep their order)


def _member(run: BatchRun, plan: PlanResult) -> tuple[str, str] | None:
    member = run.inputs.members.get(plan.path)
    return (str(member[0]), member[1]) if member else None


def _analyse(todo: list[PlanResult], request: FileOptions, store: Store, jobs: int,
             timeout: float, run: BatchRun, progress: Callable[[int, int], object] | None,
             work: Callable[..., Result]) -> None:
    from pebble import ProcessPool
    from pebble.common import ProcessExpired

    from plan_parser.batch.worker import is_transient, warm_up

    warm_up(request)  # before the fork: every worker starts with the rules and models loaded
    finished = 0
    with ProcessPool(max_workers=max(1, jobs)) as pool:
        futures = {pool.schedule(work, args=(str(plan.path), request, plan.sha256,
                                             _member(run, plan)),
                                 timeout=timeout): plan
                   for plan in largest_first(todo, run.inputs.members)}
        for future in as_completed(futures):
            plan = futures[future]
            try:
                result = future.result()
            except FutureTimeout:
                result = Result("failed", f"{plan.path}: time limit: not analysed within "
                                f"{timeout:g} s (--timeout)", seconds=timeout)
            except ProcessExpired as exc:
                result = Result("failed", f"{plan.path}: the worker died ({exc}); the file "
                                "may need more memory than the machine has")
            except Exception as exc:  # pickling or pool trouble: the file is named
                result = Result("failed", f"{plan.path}: {type(exc).__name__}: {exc}")
            plan.result = result
            if result.status == "ok":
                run.analysed += 1
            else:
                run.failed += 1
            if not is_transient(result):
                store.put(plan.sha256, plan.setup, result)
            finished += 1
            if progress is not None:
                progress(finished, len(todo))
