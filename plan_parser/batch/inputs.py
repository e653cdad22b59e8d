"""A batch of inputs: which files to analyse, which were not (and why), where each output goes.

Nothing is dropped without a line: every entry of a folder is either analysed, or listed with
its reason (unsupported format, unreadable, broken link, loop, hidden, repeated). Outputs
mirror the input tree below one folder, replace an old output atomically (a temporary file in
the same folder, then a rename), and are never written onto an input file or through a
symbolic link inside the output folder.

Only the standard library is imported: this module is loaded by the command line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "Inputs",
    "OutputError",
    "OutputFolder",
    "Tally",
    "check_output_place",
    "collect_inputs",
    "output_name",
]

_SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".doc")  # = readers.SUPPORTED_SUFFIXES
_SAVE_AS_DOCX = "open it in Word or LibreOffice and save it as .docx"
_HINTS = {".odt": _SAVE_AS_DOCX, ".rtf": _SAVE_AS_DOCX,
          ".docm": _SAVE_AS_DOCX, ".dotx": _SAVE_AS_DOCX, ".wpd": _SAVE_AS_DOCX,
          ".text": "if it is plain text, rename it to .txt"}

Key = tuple[int, int]  # (st_dev, st_ino): one file or folder, whatever path leads to it


class OutputError(Exception):
    """An output that cannot or must not be written; the message says why."""


@dataclass(slots=True)
class Inputs:
    """What a batch found in its arguments.

    ``files``: to analyse, in order; ``relative``: each file's path below the inputs' common
    folder (the output mirrors it); ``failed``: named inputs that cannot even be looked at;
    ``skipped``: entries found in folders and not analysed; ``ignored``: hidden entries and
    repeated files (not an error); ``empty``: folders with nothing to analyse;
    ``protected``: every file found, which no output may replace.
    """

    files: list[Path] = field(default_factory=list)
    relative: dict[Path, PurePath] = field(default_factory=dict)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    ignored: list[tuple[Path, str]] = field(default_factory=list)
    empty: list[tuple[Path, str]] = field(default_factory=list)
    protected: set[Key] = field(default_factory=set)
    # .zip archives read as folders (batch only): each member's path → (archive, member name)
    archives: bool = False
    members: dict[Path, tuple[Path, str]] = field(default_factory=dict)
    _seen: dict[Key, Path] = field(default_factory=dict)

    def add_file(self, path: Path, info: os.stat_result) -> None:
        """Add a file to analyse, once however many paths lead to it (an archive's members,
        when archives are read)."""
        key = (info.st_dev, info.st_ino)
        self.protected.add(key)
        if key in self._seen:
            self.ignored.append((path, f"the same file as {self._seen[key]}: analysed once"))
            return
        self._seen[key] = path
        if self.archives and path.suffix.lower() == ".zip":
            self._add_members(path)
        else:
            self.files.append(path)

    def _add_members(self, archive: Path) -> None:
        from plan_parser.batch.archives import ArchiveError, list_members

        try:
            members, others = list_members(archive, _SUPPORTED)
        except ArchiveError as exc:
            self.failed.append((archive, str(exc).removeprefix(f"{archive}: ")))
            return
        for name, reason in others:
            self.skipped.append((archive / name, reason))
        if not members and not others:
            self.empty.append((archive, "the archive holds no file"))
        for name in members:
            self.members[archive / name] = (archive, name)
            self.files.append(archive / name)


def collect_inputs(paths: list[Path], exclude: Key | None = None,
                   archives: bool = False) -> Inputs:
    """Expand folders (recursively, sorted) into the files to analyse and list the rest.

    A file named on the command line is always handed to the reader, which explains what is
    wrong with it; an entry found in a folder is analysed only when a reader takes its
    format. ``exclude`` is the output folder: not read as input when found inside a folder.
    ``archives``: .zip archives (named or found) are read as folders of plans.
    """
    inputs = Inputs(archives=archives)
    for path in paths:
        try:
            info = os.stat(path)
        except PermissionError:
            inputs.failed.append((path, "permission denied: a folder in its path cannot be "
                                        "entered"))
            continue
        except OSError:  # missing, broken link, ...: the reader names the cause
            inputs.files.append(path)
            continue
        if stat.S_ISDIR(info.st_mode):
            before = len(inputs.files)
            if _walk(path, info, inputs, exclude) and len(inputs.files) == before:
                inputs.empty.append((path, "directory has no .txt, .md, .docx or .pdf files"))
        else:
            inputs.add_file(path, info)
    inputs.relative = _relative_paths(paths, inputs.files)
    return inputs


def _walk(root: Path, info: os.stat_result, inputs: Inputs, exclude: Key | None) -> bool:
    """Depth-first walk in name order; folder links are followed unless they loop. False
    when ``root`` itself cannot be read."""
    names = _list(root, inputs)
    if names is None:
        return False
    start = frozenset({(info.st_dev, info.st_ino)})
    stack: list[tuple[Path, frozenset[Key], Iterator[str]]] = [(root, start, iter(names))]
    while stack:
        folder, ancestors, pending = stack[-1]
        name = next(pending, None)
        if name is None:
            stack.pop()
            continue
        path = folder / name
        sub = _classify(path, inputs, ancestors, exclude)
        if sub is not None and (listing := _list(path, inputs)) is not None:
            stack.append((path, ancestors | {sub}, iter(listing)))
    return True


def _list(folder: Path, inputs: Inputs) -> list[str] | None:
    """The sorted names in ``folder``, or None (and the folder listed as skipped)."""
    try:
        with os.scandir(folder) as listing:
            return sorted(entry.name for entry in listing)
    except OSError as exc:
        inputs.skipped.append((folder, f"unreadable folder: {_cause(exc)}"))
        return None


def _classify(path: Path, inputs: Inputs, ancestors: frozenset[Key],
              exclude: Key | None) -> Key | None:
    """Record one folder entry; return its key when it is a folder to walk into."""
    if path.name.startswith("."):
        inputs.ignored.append((path, "hidden (its name starts with '.'): not read"))
        return None
    try:
        info = os.stat(path)
    except OSError as exc:
        inputs.skipped.append((path, _stat_failure(path, exc)))
        return None
    key = (info.st_dev, info.st_ino)
    if stat.S_ISDIR(info.st_mode):
        if key in ancestors:
            inputs.skipped.append((path, "symbolic link loop: it leads back to a folder above "
                                         "it"))
            return None
        if key == exclude:
            inputs.ignored.append((path, "the --output folder: not read as input"))
            return None
        return key
    if not stat.S_ISREG(info.st_mode):
        inputs.skipped.append((path, "not a regular file (a device, pipe or socket)"))
        return None
    suffix = path.suffix.lower()
    if suffix not in _SUPPORTED and not (inputs.archives and suffix == ".zip"):
        inputs.protected.add(key)
        inputs.skipped.append((path, _unsupported(path)))
        return None
    inputs.add_file(path, info)
    return None


def _unsupported(path: Path) -> str:
    suffix = path.suffix.lower()
    what = f"'{suffix}' files" if suffix else "files without an extension"
    hint = _HINTS.get(suffix)
    return (f"unsupported format: no reader for {what}"
            + (f" ({hint})" if hint else "") + "; supported: " + ", ".join(_SUPPORTED))


def _stat_failure(path: Path, exc: OSError) -> str:
    """The reason an entry cannot be looked at: a broken or looping link, or permissions."""
    if exc.errno == errno.ELOOP:
        return "broken symbolic link: it loops (leads back to itself)"
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        try:
            target = repr(os.readlink(path))
        except OSError:
            target = ""
        return f"broken symbolic link: its target {target} does not exist".replace("  ", " ")
    return f"unreadable: {_cause(exc)}"


def _cause(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def _relative_paths(arguments: list[Path], files: list[Path]) -> dict[Path, PurePath]:
    """Each file's path below the common folder of the arguments (a folder argument is its
    own base, a file argument its folder): unique per input path, stable across runs."""
    bases = [os.path.abspath(a) if os.path.isdir(a) else os.path.dirname(os.path.abspath(a))
             for a in arguments]
    try:
        common = os.path.commonpath(bases) if bases else ""
    except ValueError:  # different drives (Windows): the drive becomes the first folder
        common = ""
    relative: dict[Path, PurePath] = {}
    for path in files:
        absolute = os.path.abspath(path)
        if common:
            rel = os.path.relpath(absolute, common)
        else:
            drive, rest = os.path.splitdrive(absolute)
            rel = os.path.join(drive.strip(":\\/") or "root", rest.lstrip("\\/"))
        relative[path] = PurePath(rel)
    return relative


def output_name(relative: PurePath, extension: str) -> PurePath:
    """``sub/plan.txt`` → ``sub/plan_txt.json``: the input's extension stays in the name."""
    name = relative.stem + relative.suffix.replace(".", "_") + extension
    return relative.parent / name


def check_output_place(output: Path, arguments: list[Path]) -> None:
    """Refuse an output folder that overlaps the inputs: equal to or inside a folder
    argument, the folder of a named file, or holding an input. Outputs mixed with plans
    could overwrite one (``a.txt`` → ``a_txt.txt``) or be read as one on the next run."""
    out_key = _key(output)
    around_output = _keys_above(output) + ([out_key] if out_key else [])
    mixed = "outputs would be mixed with the plans (and could overwrite one)"
    for argument in arguments:
        key = _key(argument)
        if key is None:
            continue
        if os.path.isdir(argument):
            if key in around_output:
                raise OutputError(f"--output {output} is (or is inside) the input folder "
                                  f"{argument}: {mixed}; choose a folder outside the inputs")
        elif out_key is not None and _key(os.path.dirname(os.path.realpath(argument))) == out_key:
            raise OutputError(f"--output {output} is the folder of the input {argument}: "
                              f"{mixed}; choose another folder")
        if out_key is not None and out_key in _keys_above(argument):
            raise OutputError(f"--output {output} holds the input {argument}: {mixed}; "
                              "choose another folder")


def _key(path: str | Path) -> Key | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _keys_above(path: str | Path) -> list[Key]:
    """The keys of the existing folders above ``path`` (links resolved)."""
    keys: list[Key] = []
    current = os.path.realpath(path)
    while (parent := os.path.dirname(current)) != current:
        if (key := _key(parent)) is not None:
            keys.append(key)
        current = parent
    return keys


_DIR_FD = (hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY")
           and {os.open, os.mkdir, os.stat, os.unlink, os.rename} <= os.supports_dir_fd
           and os.stat in os.supports_follow_symlinks)


class OutputFolder:
    """Write outputs below ``root``: atomically, never onto a protected (input) file, never
    through a symbolic link inside the folder. ``root`` itself may be a link (the user's
    choice); with ``race_free`` (POSIX) every folder is opened relative to its parent without
    following links, so nothing can be redirected outside ``root`` between check and write."""

    def __init__(self, root: Path, protected: set[Key] | None = None,
                 race_free: bool = _DIR_FD) -> None:
        self.root = root
        self.protected = protected if protected is not None else set()
        self.race_free = race_free
        self._claimed: dict[str, Path] = {}

    @classmethod
    def create(cls, root: Path) -> OutputFolder:
        """Make ``root`` (and its parents); raise :class:`OutputError` when it cannot be."""
        try:
            root.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise OutputError(f"--output {root}: exists and is not a folder") from None
        except OSError as exc:
            raise OutputError(f"--output {root}: cannot create the folder: {_cause(exc)}") from None
        return cls(root)

    def key(self) -> Key:
        info = os.stat(self.root)
        return (info.st_dev, info.st_ino)

    def claim(self, target: PurePath, source: Path) -> None:
        """Reserve ``target`` for ``source``; two inputs never share an output (not even
        names that differ only in letter case, one file on Windows and macOS)."""
        folded = str(target).casefold()
        owner = self._claimed.setdefault(folded, source)
        if owner != source:
            raise OutputError(f"its output {self.root / target} would replace the output of "
                              f"{owner} (names that differ only in letter case)")

    def write(self, target: PurePath, text: str | bytes, durable: bool = True) -> Path:
        """Write ``text`` (or bytes) at ``root/target`` atomically; return the path written.

        ``durable=False``: not forced to disk before the rename (still never seen half
        written), and an output that holds these bytes already is left alone — for outputs
        made again from a store, which is the durable record."""
        if target.is_absolute() or ".." in target.parts or not target.parts:
            raise OutputError(f"output path {target} is outside the output folder")
        data = text.encode("utf-8") if isinstance(text, str) else text
        if self.race_free:
            self._write_at(target, data, durable)
        else:
            self._write_portable(target, data, durable)
        return self.root / target

    # -- POSIX: folders opened relative to their parent, links never followed ------------

    def _write_at(self, target: PurePath, data: bytes, durable: bool = True) -> None:
        try:
            fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as exc:
            raise OutputError(f"cannot open the output folder {self.root}: {_cause(exc)}") from None
        try:
            shown = self.root
            for part in target.parts[:-1]:
                shown = shown / part
                inner = self._enter(fd, part, shown)
                os.close(fd)
                fd = inner
            existing = _lstat_at(target.name, fd)
            self._check_target(existing, self.root / target)
            if not durable and existing is not None and existing.st_size == len(data) \
                    and _holds(fd, target.name, data):
                return
            temp = f".{target.name}.{secrets.token_hex(4)}.tmp"
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            handle = os.open(temp, flags, 0o666, dir_fd=fd)
            try:
                _write_all(handle, data, durable)
                os.replace(temp, target.name, src_dir_fd=fd, dst_dir_fd=fd)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp, dir_fd=fd)
                raise
        except OSError as exc:
            raise OutputError(f"cannot write {self.root / target}: {_cause(exc)}") from None
        finally:
            os.close(fd)

    def _enter(self, fd: int, part: str, shown: Path) -> int:
        """Open (making it if needed) the folder ``part`` of ``fd``, without following a link."""
        try:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o777, dir_fd=fd)
            info = os.stat(part, dir_fd=fd, follow_symlinks=False)
            _check_folder(info, shown)
            return os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.EMLINK):
                raise OutputError(_link_refusal(shown)) from None
            raise OutputError(f"cannot make the folder {shown}: {_cause(exc)}") from None

    # -- elsewhere (Windows): the same checks on paths, then the same rename --------------

    def _write_portable(self, target: PurePath, data: bytes, durable: bool = True) -> None:
        folder = self.root
        for part in target.parts[:-1]:
            folder = folder / part
            try:
                folder.mkdir(exist_ok=True)
                _check_folder(os.lstat(folder), folder)
            except OSError as exc:
                raise OutputError(f"cannot make the folder {folder}: {_cause(exc)}") from None
        path = self.root / target
        try:
            self._check_target(os.lstat(path) if os.path.lexists(path) else None, path)
            temp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            handle = os.open(temp, flags, 0o666)
            try:
                _write_all(handle, data, durable)
                os.replace(temp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {_cause(exc)}") from None

    def _check_target(self, info: os.stat_result | None, shown: Path) -> None:
        """Refuse a link, a folder or an input file where the output goes."""
        if info is None:
            return
        if stat.S_ISLNK(info.st_mode):
            raise OutputError(_link_refusal(shown))
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{shown} is a folder: refusing to replace it")
        if (info.st_dev, info.st_ino) in self.protected:
            raise OutputError(f"{shown} is one of the input files: refusing to overwrite it "
                              "(choose an --output folder outside the inputs)")


def _check_folder(info: os.stat_result, shown: Path) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(_link_refusal(shown))
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{shown} exists and is not a folder")


def _link_refusal(shown: Path) -> str:
    return (f"{shown} is a symbolic link inside the output folder: refusing to write through "
            "it (remove the link or choose another --output)")


def _lstat_at(name: str, fd: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _write_all(handle: int, data: bytes, durable: bool = True) -> None:
    """Write (and, if ``durable``, flush to disk), then close: the rename that follows
    publishes whole data."""
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        if durable:
            os.fsync(stream.fileno())


def _holds(fd: int, name: str, data: bytes) -> bool:
    """The regular file ``name`` in folder ``fd`` holds exactly ``data``."""
    try:
        handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
    except OSError:
        return False
    with os.fdopen(handle, "rb") as stream:
        return stream.read(len(data) + 1) == data


@dataclass(slots=True)
class Tally:
    """The truthful counts of a batch, for its one summary line."""

    analysed: int = 0
    failed: int = 0
    skipped: int = 0
    ignored: int = 0
    internal: int = 0
    written: int = 0
    not_written: int = 0

    def line(self, output: Path | None = None) -> str:
        """E.g. ``5 file(s): 3 analysed, 1 failed, 1 skipped; 2 written, 1 not written into
        out``; hidden and repeated entries are counted apart (they are not errors)."""
        total = self.analysed + self.failed + self.skipped
        parts = [f"{self.analysed} analysed", f"{self.failed} failed", f"{self.skipped} skipped"]
        if self.internal:
            parts.append(f"{self.internal} with internal errors")
        text = f"{total} file(s): " + ", ".join(parts)
        if self.ignored:
            text += f" ({self.ignored} hidden or repeated not read)"
        if output is not None:
            text += f"; {self.written} written"
            if self.not_written:
                text += f", {self.not_written} not written"
            text += f" into {output}"
        return text
