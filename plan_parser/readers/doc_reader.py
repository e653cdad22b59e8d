"""Legacy Word (.doc, Word 97–2003) reader: the text as antiword (Debian ``antiword``) or,
failing it, catdoc extracts it, one paragraph a line.

Without either program the file is refused with what to install (``apt-get install
antiword``) or how to do without (save it as .docx). The converter runs on a private temporary
copy of the bytes, with a time limit, and its output counts against the text limit.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile

from plan_parser.limits import limits
from plan_parser.readers import SourceDocument
from plan_parser.readers.errors import InputError

__all__ = ["CONVERTERS", "INSTALL", "converter", "read_doc"]

INSTALL = "apt-get install antiword"
#: the programs tried, in order, and their arguments before the file (UTF-8, no wrapping)
CONVERTERS = (("antiword", ("-m", "UTF-8.txt", "-w", "0")),
              ("catdoc", ("-d", "utf-8", "-w")))
_SECONDS = 60


def converter() -> tuple[str, tuple[str, ...]] | None:
    """The first converter installed, with its arguments; None when there is none."""
    for program, arguments in CONVERTERS:
        found = shutil.which(program)
        if found is not None:
            return found, arguments
    return None


def read_doc(path: str, data: bytes) -> SourceDocument:
    """The text of a .doc file; raise :class:`InputError` when no converter is installed or
    the file cannot be converted."""
    found = converter()
    if found is None:
        raise InputError(path, "legacy Word .doc: cần chuyển .doc — no converter is installed "
                               f"({INSTALL}), or open it in Word or LibreOffice and save it "
                               "as .docx")
    program, arguments = found
    handle, temporary = tempfile.mkstemp(suffix=".doc")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        try:
            done = subprocess.run([program, *arguments, temporary], capture_output=True,
                                  timeout=_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"legacy Word .doc: {os.path.basename(program)} did not "
                                   f"finish within {_SECONDS} s") from None
    finally:
        os.unlink(temporary)
    if done.returncode != 0 or not done.stdout.strip():
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(path, "legacy Word .doc that cannot be converted"
                               + (f" ({said[-1]})" if said else "")
                               + ": open it in Word or LibreOffice and save it as .docx")
    if len(done.stdout) > 4 * limits().max_text_chars:
        from plan_parser.readers.dispatch import text_limit_error

        raise text_limit_error(path)
    text = done.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
    return SourceDocument(path=path, format="doc", text=text,
                          sha256=hashlib.sha256(data).hexdigest(), encoding=None)
