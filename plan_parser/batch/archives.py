""".zip archives as batch inputs: each plan inside is an input of its own.

An archive is listed from its directory, and a member is inflated only when it is read, by a
counting reader that stops at the limits whatever sizes the directory declares: a member
larger than ``max_file_bytes``, or an archive inflating past ``max_archive_bytes``, is
refused with its reason. Members with unsafe names (absolute, ``..``), hidden ones, folders
and unsupported formats are listed with their reason, never silently dropped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from plan_parser.limits import how_to_raise, limits

__all__ = ["MAX_MEMBERS", "ArchiveError", "list_members", "read_member"]

MAX_MEMBERS = 10_000  # entries listed from one archive
_CHUNK = 1 << 16


class ArchiveError(Exception):
    """An archive or member that cannot be read; the message says why."""


def list_members(archive: Path, supported: tuple[str, ...]) -> tuple[list[str],
                                                                     list[tuple[str, str]]]:
    """The members of ``archive`` to analyse, and the others with their reason."""
    try:
        with zipfile.ZipFile(archive) as opened:
            infos = opened.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ArchiveError(f"{archive}: corrupt .zip archive ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise ArchiveError(f"{archive}: a .zip archive of {len(infos)} entries (at most "
                           f"{MAX_MEMBERS} are read)")
    members: list[str] = []
    others: list[tuple[str, str]] = []
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name).parts
        if info.is_dir():
            continue
        if name.startswith("/") or ".." in parts or ":" in name or "\\" in name:
            others.append((name, "unsafe name in the archive (absolute or '..'): not read"))
        elif any(part.startswith(".") or part == "__MACOSX" for part in parts):
            others.append((name, "hidden entry of the archive: not read"))
        elif PurePosixPath(name).suffix.lower() == ".zip":
            others.append((name, "an archive inside an archive: unzip it first"))
        elif PurePosixPath(name).suffix.lower() not in supported:
            others.append((name, "unsupported format; supported: " + ", ".join(supported)))
        else:
            members.append(name)
    return members, others


def read_member(archive: Path, member: str) -> bytes:
    """The bytes of ``member``, counted while inflating (never past the limits)."""
    cap = limits().max_file_bytes
    try:
        with zipfile.ZipFile(archive) as opened, opened.open(member) as stream:
            chunks, size = [], 0
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > cap:
                    raise ArchiveError(
                        f"{archive}/{member}: inflates to more than {cap / 1024 / 1024:g} MB "
                        "(the limit of a file). " + how_to_raise("max_file_bytes"))
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as exc:
        raise ArchiveError(f"{archive}/{member}: cannot be read from the archive ({exc})") \
            from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, exotic compression
        raise ArchiveError(f"{archive}/{member}: {exc}") from None
    return b"".join(chunks)
