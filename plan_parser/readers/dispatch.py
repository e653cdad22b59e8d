"""Pick the reader for a file: path checks, then magic bytes, then the extension.

Heavy libraries (python-docx, pypdf) are imported only by the reader that needs them,
so importing this module stays cheap.
"""

from __future__ import annotations

import errno
import io
import stat
import zipfile
from pathlib import Path

from plan_parser.limits import how_to_raise, limits
from plan_parser.model import Finding
from plan_parser.readers import SUPPORTED_SUFFIXES, SourceDocument
from plan_parser.readers.errors import InputError

# MAX_BYTES comes from the module __getattr__ below
__all__ = [  # noqa: F822
    "MAX_BYTES", "READERS", "read_data", "read_document", "sniff_format", "text_limit_error"]

_SUPPORTED = ", ".join(SUPPORTED_SUFFIXES)
_TEXT_SUFFIXES = {".txt": "txt", ".md": "md"}

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"

#: Binary formats people mistake for documents: magic prefix -> what it is.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
)

_DOC_HINT = "open it in Word or LibreOffice and save it as .docx"

#: Bytes looked at to recognise a format: never more of an entry or a file than this.
_SNIFF_BYTES = 1024

#: UTF-8 continuation bytes: every other byte of UTF-8 text starts a character.
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))


def __getattr__(name: str) -> int:
    """``MAX_BYTES`` (kept for compatibility): ``limits().max_file_bytes`` in force now."""
    if name == "MAX_BYTES":
        return limits().max_file_bytes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: the reader of each format: (module, function); a new format is one line here, one module
READERS: dict[str, tuple[str, str]] = {
    "txt": ("plan_parser.readers.text_reader", "read_text"),
    "md": ("plan_parser.readers.text_reader", "read_text"),
    "docx": ("plan_parser.readers.docx_reader", "read_docx"),
    "pdf": ("plan_parser.readers.pdf_reader", "read_pdf"),
    "doc": ("plan_parser.readers.doc_reader", "read_doc"),
}


def read_document(path: str | Path) -> SourceDocument:
    """Read a supported file; raise :class:`InputError` with a clear cause otherwise."""
    name = str(path)
    return read_data(name, _read_bytes(Path(path), name))


def read_data(name: str, data: bytes) -> SourceDocument:
    """Read the bytes of a file named ``name`` (from disk, an archive or an upload)."""
    import importlib

    if not data:
        raise InputError(name, "file is empty (0 bytes)")
    _check_file_size(name, len(data))
    suffix = Path(name).suffix.lower()
    fmt = sniff_format(name, data, suffix)
    module, function = READERS[fmt]
    read = getattr(importlib.import_module(module), function)
    if fmt in _TEXT_SUFFIXES.values():
        _check_text_size(name, data)
        doc = read(name, data, fmt)
    else:
        doc = read(name, data)
    if len(doc.text) > limits().max_text_chars:  # every format, whatever its reader did
        raise text_limit_error(name, len(doc.text))
    if fmt in ("docx", "pdf", "doc") and suffix != f".{fmt}":
        doc.findings.insert(0, _mismatch_finding(suffix, fmt))
    return doc


def text_limit_error(name: str, chars: int | None = None) -> InputError:
    """The refusal of a document whose text (``chars`` long, if known) passes the limit."""
    limit = limits().max_text_chars
    count = "more characters" if chars is None else f"{chars:,} characters, more"
    return InputError(
        name,
        f"text too long: {count} than the limit of {limit:,} (a plan has 10–200 thousand). "
        + how_to_raise("max_text_chars"),
    )


def _check_text_size(name: str, data: bytes) -> None:
    """Refuse a text file that must decode to more characters than the limit, before decoding."""
    limit = limits().max_text_chars
    # (no file decodes to more characters than it has bytes: one within the limit needs no count)
    if len(data) > limit and _min_text_chars(data) > limit:
        raise text_limit_error(name)


def _min_text_chars(data: bytes) -> int:
    """A lower bound on the characters ``data`` decodes to as the text reader decodes it.

    UTF-16/32 (with a byte-order mark, or UTF-16 guessed from NUL bytes) take at most four
    bytes a character; UTF-8 (and the 8-bit encodings, one byte each) one character per byte
    that is not a continuation byte.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] == b"\x00\x00\xfe\xff":
        return len(data) // 4 - 1
    if b"\x00" in data:
        return len(data) // 4
    return len(data.translate(None, _UTF8_CONTINUATION))


def _read_bytes(path: Path, name: str) -> bytes:
    """Read the whole file after checking that it is a readable regular file of sane size."""
    try:
        info = path.stat()
    except FileNotFoundError:
        broken = path.is_symlink()
        raise InputError(
            name, "no such file (broken symbolic link)" if broken else "no such file"
        ) from None
    except NotADirectoryError:
        raise InputError(name, "no such file (a parent in the path is not a directory)") from None
    except PermissionError:
        raise InputError(name, "permission denied: cannot access the file") from None
    except OSError as exc:
        raise InputError(name, f"cannot access the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "is not a regular file (a device, pipe or socket?)")
    _check_file_size(name, info.st_size)
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied: the file is not readable") from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputError(name, "is a directory, not a file") from None
        raise InputError(name, f"cannot read the file: {exc.strerror or exc}") from None
    return data  # its size is checked again by read_data (it may have grown since stat())


def _check_file_size(name: str, size: int) -> None:
    limit = limits().max_file_bytes
    if size > limit:
        raise InputError(
            name,
            f"file too large ({size / 1024 / 1024:.1f} MB; the limit is "
            f"{limit / 1024 / 1024:g} MB). " + how_to_raise("max_file_bytes"),
        )


def sniff_format(name: str, data: bytes, suffix: str) -> str:
    """Return a key of :data:`READERS` from the content first, then the extension."""
    if _looks_like_pdf(data):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _classify_zip(name, data, suffix)
    if data.startswith(_OLE2_MAGIC):
        if _is_word_97(data):
            return "doc"
        raise InputError(name, _ole2_reason(data, suffix))
    if data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise InputError(name, f"RTF (Rich Text Format) documents are not supported: {_DOC_HINT}")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(
                name, f"file is binary data ({what}), not a document (supported: {_SUPPORTED})"
            )
    return _by_suffix(name, suffix)


def _looks_like_pdf(data: bytes) -> bool:
    """``%PDF-`` at the start, or (as readers tolerate) within the first KiB of a PDF file."""
    if data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(b"%PDF-"):
        return True
    return b"%PDF-" in data[:_SNIFF_BYTES] and b"%%EOF" in data[-2048:]


def _by_suffix(name: str, suffix: str) -> str:
    """Format for content with no recognised magic bytes."""
    if suffix in _TEXT_SUFFIXES:
        return _TEXT_SUFFIXES[suffix]
    if suffix == ".docx":
        raise InputError(
            name, "not a valid .docx file: it is not a ZIP package (damaged, or not a Word file)"
        )
    if suffix == ".pdf":
        raise InputError(name, "not a valid PDF file: the %PDF- header is missing")
    if suffix in (".doc", ".dot"):
        raise InputError(name, "not a valid .doc file: it is not a Word 97–2003 document "
                               f"(damaged?): {_DOC_HINT}")
    if suffix == ".odt":
        raise InputError(name, f"OpenDocument .odt is not supported: {_DOC_HINT}")
    if suffix == ".rtf":
        raise InputError(name, f"RTF documents are not supported: {_DOC_HINT}")
    if not suffix:
        raise InputError(
            name, f"file has no extension; unsupported file type (supported: {_SUPPORTED})"
        )
    raise InputError(name, f"unsupported file type '{suffix}' (supported: {_SUPPORTED})")


def _classify_zip(name: str, data: bytes, suffix: str) -> str:
    """A ZIP package: accept Word documents, explain everything else."""
    what = ".docx file" if suffix == ".docx" else "ZIP archive"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = _peek(archive, "mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            name, f"corrupt {what}: the ZIP container is damaged or truncated ({exc})"
        ) from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted or exotic compression
        raise InputError(name, f"cannot open {what}: {exc}") from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(_ODF_TEXT):
        raise InputError(name, f"OpenDocument .odt is not supported: {_DOC_HINT}")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise InputError(name, "OpenDocument files other than text are not supported")
    if "xl/workbook.xml" in names:
        raise InputError(name, "is an Excel workbook, not a Word document: plans must be .docx")
    if "ppt/presentation.xml" in names:
        raise InputError(name, "is a PowerPoint file, not a Word document: plans must be .docx")
    if "[Content_Types].xml" in names:
        raise InputError(
            name, "corrupt .docx: the package has no word/document.xml (main document part)"
        )
    if suffix == ".docx":
        raise InputError(name, "corrupt .docx: the ZIP package has no word/document.xml")
    raise InputError(
        name, f"is a ZIP archive, not a Word document; unzip it first (supported: {_SUPPORTED})"
    )


def _peek(archive: zipfile.ZipFile, name: str, size: int = 100) -> bytes:
    """The first ``size`` inflated bytes of an entry: never the whole entry (a ZIP bomb)."""
    with archive.open(name) as entry:
        return entry.read(size)


def _is_word_97(data: bytes) -> bool:
    """An OLE2 compound file holding a Word document stream (not an encrypted .docx)."""
    return "WordDocument".encode("utf-16-le") in data \
        and "EncryptedPackage".encode("utf-16-le") not in data


def _ole2_reason(data: bytes, suffix: str) -> str:
    """Explain an OLE2 compound file (legacy Office format or an encrypted .docx)."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (
            "the Word document is password-protected (encrypted): remove the password "
            "in Word (File > Info > Protect Document) and save again"
        )
    if "Workbook".encode("utf-16-le") in data:
        return "legacy Excel .xls format is not supported: plans must be .docx"
    return f"an Office file of an unknown kind (OLE2 binary), not a Word document: {_DOC_HINT}"


def _mismatch_finding(suffix: str, fmt: str) -> Finding:
    shown = f"'{suffix}'" if suffix else "(không có đuôi)"
    from plan_parser.messages import finding

    return finding("file-extension-mismatch", 0, 0, shown=shown, fmt=fmt)
