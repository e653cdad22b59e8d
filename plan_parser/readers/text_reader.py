"""Plain-text reader (.txt, .md): bytes to text, otherwise unchanged.

The text is returned exactly as decoded (line endings, tabs, HTML entities and all):
normalisation happens later, with an offset map back to this text. Only a leading
byte-order mark is dropped.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from typing import NoReturn

from plan_parser.messages import finding
from plan_parser.model import Finding
from plan_parser.readers import SourceDocument
from plan_parser.readers.errors import InputError
from plan_parser.readers.legacy_encoding import (
    LegacyReport,
    convert_legacy,
    detect_legacy_encoding,
)

__all__ = ["decode_text", "legacy_findings", "read_text"]

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

#: C0 control characters that never occur in a text document (tab, LF, VT, FF, CR allowed).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes(b for b in range(0x80) if _CONTROL_RE.match(chr(b)))  # the same, as bytes

_LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}

#: A file that is mostly legacy-encoded is rejected; isolated legacy runs become findings.
_LEGACY_REJECT_SHARE = 0.5


def read_text(path: str, data: bytes, fmt: str = "txt") -> SourceDocument:
    """Decode a plain-text file; raise :class:`InputError` if it is not readable text."""
    text, encoding = decode_text(path, data)
    if not text.strip():
        raise InputError(path, "file is empty (it contains only whitespace)")
    findings = _legacy_findings(path, text)
    return SourceDocument(
        path=path,
        format=fmt,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        findings=findings,
    )


def decode_text(path: str, data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for UTF-8 (BOM or not), UTF-16/32 with BOM, BOM-less UTF-16."""
    if not data:
        raise InputError(path, "file is empty")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict_decode(path, data[len(bom) :], codec, name)
            utf8 = data[len(bom):] if codec == "utf-8" else None
            return _check_text(path, text, utf8), name
    utf16 = _guess_bomless_utf16(data)
    if utf16 is not None:
        return _check_text(path, utf16[0]), utf16[1]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _reject_non_utf8(path, data, exc)
    return _check_text(path, text, data), "utf-8"


def _strict_decode(path: str, raw: bytes, codec: str, name: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        label = name.upper().removesuffix("-SIG")
        raise InputError(
            path,
            f"starts with a {label} byte-order mark but is not valid {label} text "
            f"(bad data after the mark at byte {exc.start}); the file is damaged",
        ) from None


def _guess_bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """Detect UTF-16 without a BOM from where the NUL bytes sit; None if it is not that."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    units = len(data) // 2
    zero_even = data[0::2].count(0)
    zero_odd = data[1::2].count(0)
    # ASCII letters, digits, spaces and newlines put a NUL in the high byte of each unit;
    # Vietnamese letters (U+00C0..U+01B0, U+1EA0..U+1EF9) rarely have a NUL low byte.
    if zero_odd >= units * 0.2 and zero_odd > 4 * zero_even:
        codec = "utf-16-le"
    elif zero_even >= units * 0.2 and zero_even > 4 * zero_odd:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or len(_CONTROL_RE.findall(text)) > len(text) * 0.01:
        return None
    return text, codec


def _check_text(path: str, text: str, utf8: bytes | None = None) -> str:
    """Reject decoded text that is really binary data (a few stray NULs, as PDF extraction
    leaves, are only reported: the normalizer drops them as invisible characters). ``utf8``:
    the UTF-8 bytes ``text`` was decoded from, where the control characters are counted
    faster (each is one byte there, and no byte of another character is one of them)."""
    nuls = text.count("\x00")
    if nuls > len(text) // 1000:
        offset = text.index("\x00")
        raise InputError(
            path,
            f"contains {nuls} NUL characters (first at character {offset}): this is a binary file, "
            "not text",
        )
    if utf8 is not None:
        controls = len(utf8) - len(utf8.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL_RE.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(
            path, f"contains {controls} control characters: this is a binary file, not text"
        )
    return text


def _reject_non_utf8(path: str, data: bytes, exc: UnicodeDecodeError) -> NoReturn:
    """Raise the most helpful error for bytes that are not UTF-8."""
    as_latin = _decode_8bit(data)
    report = _safe_detect(as_latin)
    if report.encoding:
        raise InputError(path, _legacy_reason(report, eight_bit=True))
    bad = data[exc.start]
    raise InputError(
        path,
        f"not valid UTF-8 or UTF-16 text (invalid byte 0x{bad:02x} at offset {exc.start}); "
        "is it a binary file? If it is text in an old 8-bit encoding, save it as UTF-8",
    )


def _decode_8bit(data: bytes) -> str:
    """Decode bytes as Windows-1252 (Latin-1 for its five undefined bytes), as Word would."""
    return data.decode("latin-1").translate(_CP1252_TABLE)


def _cp1252_table() -> dict[int, str]:
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252_TABLE = _cp1252_table()


def _safe_detect(text: str) -> LegacyReport:
    """Run the legacy-encoding detector, tolerating an incomplete implementation."""
    report = detect_legacy_encoding(text)
    return report if isinstance(report, LegacyReport) else LegacyReport()


def _legacy_reason(report: LegacyReport, *, eight_bit: bool) -> str:
    name = _LEGACY_NAMES.get(report.encoding or "", (report.encoding or "").upper())
    where = "is 8-bit bytes in" if eight_bit else "looks like"
    reason = (
        f"the text {where} the legacy {name} Vietnamese encoding"
        + ("" if eight_bit else " shown as Latin-1")
        + ", not Unicode"
    )
    if report.sample:
        reason += f" (e.g. {report.sample!r}"
        if report.converted_sample:
            reason += f" should read {report.converted_sample!r}"
        reason += ")"
    return reason + "; convert it to Unicode first (e.g. with Unikey's converter) and try again"


def _legacy_findings(path: str, text: str) -> list[Finding]:
    """Reject text mostly in one legacy encoding; report every other legacy passage."""
    report = _safe_detect(text)
    if report.encoding and report.share >= _LEGACY_REJECT_SHARE:
        raise InputError(path, _legacy_reason(report, eight_bit=False))
    return legacy_findings(text, report)


def legacy_findings(text: str, report: LegacyReport | None = None) -> list[Finding]:
    """One ``legacy-encoding`` finding per legacy passage of ``text``, each in its own encoding
    with its Unicode form as the suggestion (the normalizer converts the passages: see
    ``legacy_encoding.with_legacy_conversion``). Any reader may call it on the text it made."""
    if report is None:
        report = _safe_detect(text)
    passages = [(p.start, p.end, p.encoding) for p in report.passages] or [
        (start, end, report.encoding or "") for start, end in report.spans
    ]
    findings = []
    for start, end, encoding in passages:
        name = _LEGACY_NAMES.get(encoding, "TCVN3/VNI")
        suggestion = _convert_span(text[start:end], encoding, report)
        findings.append(finding("legacy-encoding", start, end, suggestion, encoding=name))
    return findings


def _convert_span(span: str, encoding: str, report: LegacyReport) -> str | None:
    """The Unicode form of a legacy span in ``encoding`` (None for an unknown encoding)."""
    if encoding == report.encoding and report.converted_sample and report.sample == span:
        return report.converted_sample
    try:
        return convert_legacy(span, encoding)
    except ValueError:
        return None
