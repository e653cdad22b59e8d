"""Fuzzing: mutated plans and mutated .docx files never end in a traceback.

Hypothesis mutates the corpus plans (deletions, duplications, trigger fragments, random
unicode) and the corpus .docx files (flipped bytes, truncation, dropped or doubled entries, a
mangled ``word/document.xml``). Every input is either analysed (a failing stage is contained
as an ``internal-error`` finding, which is a bug too and fails here) or refused by a reader
with :class:`InputError`; the memory of one analysis stays bounded. The number of examples is
fixed so that the file runs in well under 30 s.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_parser.pipeline import analyze_file, analyze_text
from plan_parser.readers.errors import InputError

PLANS_DIR = Path(__file__).resolve().parent.parent / "corpus" / "plans"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(PLANS_DIR.glob("*.txt"))]
DOCX = [p.read_bytes() for p in sorted(PLANS_DIR.glob("*.docx"))]
MAX_PEAK_BYTES = 300 * 1024 * 1024

# fragments that start a rule or an extractor: quantities, dates, symbols, "Số:", markup,
# invisible characters, entities, look-alikes, legacy-font bytes, Party marks, table borders
FRAGMENTS = [
    "đạt 100% ", "không ít hơn 60% ", "giảm tối thiểu 10% ", "từ 80% đến 90%", "7 - 8%",
    "trước ngày 15/6/2026 ", "hằng năm (trước ngày 01/12) ", "ngày 31 tháng 12 năm 2026",
    "Quyết định số 12/QĐ-UBND ", "Kết luận số 226-KL/TW ", "số 09/2019/NĐ-CP", "Số: ",
    "Số: …/KH-UBND\n", "**", "*", "__", "\\", "# ", "> ", "- ", "+ ", "| ", "|\n",
    "\u200b", "\u00ad", "\ufeff", "\x00", "&nbsp;", "&amp;", "&#0;", "&#x110000;", "а", "ေ",
    "§", "Qu¶n lý", "T/M BAN THƯỜNG VỤ\n", "KT. CHỦ TỊCH\n", "ĐẢNG CỘNG SẢN VIỆT NAM\n",
    "(sau đây gọi tắt là Kế hoạch)", "Luật Đất đai ", "I. ", "1. ", "a) ", "\n\n", "\f",
    "\r\n", "\t", "(", ")", ":", ";", ". ",
]

SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated_plans(draw: st.DrawFn) -> str:
    """A corpus plan with a few random edits."""
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        size = len(text)
        at = draw(st.integers(0, size))
        op = draw(st.sampled_from(["delete", "duplicate", "fragment", "unicode", "repeat"]))
        if op == "delete":
            text = text[:at] + text[at + draw(st.integers(0, 2000)):]
        elif op == "duplicate":
            end = min(size, at + draw(st.integers(0, 3000)))
            text = text[:end] + text[at:end] + text[end:]
        elif op == "fragment":
            text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at:]
        elif op == "unicode":
            text = text[:at] + draw(st.text(max_size=40)) + text[at:]
        else:  # a long run of one fragment
            run = draw(st.sampled_from(FRAGMENTS)) * draw(st.integers(50, 1500))
            text = text[:at] + run + text[at:]
    return text


def _mangle_xml(draw: st.DrawFn, xml: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(xml)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if op == "flip" and xml:
            at = min(at, len(xml) - 1)
            xml = xml[:at] + bytes([xml[at] ^ draw(st.integers(1, 255))]) + xml[at + 1:]
        elif op == "cut":
            xml = xml[:at]
        elif op == "insert":
            piece = draw(st.sampled_from(
                ["<w:p>", "</w:t>", "<w:t>x", "&amp;", "&#0;", "&undefined;", "<!--", "]]>",
                 "<w:tbl><w:tr><w:tc>", "\u200b", "<?xml version='1.0'?>", "\xff\xfe"]))
            xml = xml[:at] + piece.encode("utf-8", "surrogatepass") + xml[at:]
        else:
            xml = xml[:at] + xml[at + draw(st.integers(1, 500)):]
    return xml


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    """A corpus .docx with broken bytes or a broken zip structure or document part."""
    data = draw(st.sampled_from(DOCX))
    op = draw(st.sampled_from(["flip", "truncate", "drop", "double", "xml"]))
    if op == "flip":
        raw = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            raw[draw(st.integers(0, len(raw) - 1))] ^= draw(st.integers(1, 255))
        return bytes(raw)
    if op == "truncate":
        return data[:draw(st.integers(0, len(data)))]
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    names = [name for name, _ in entries]
    chosen = draw(st.sampled_from(names))
    if op == "drop":
        entries = [(n, b) for n, b in entries if n != chosen]
    elif op == "double":
        entries.append((chosen, draw(st.binary(max_size=200))))
    else:
        entries = [(n, _mangle_xml(draw, b) if n == "word/document.xml" else b)
                   for n, b in entries]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, body in entries:
            target.writestr(name, body)
    return out.getvalue()


def _no_internal_error(analysis) -> None:
    errors = [f.message for f in analysis.findings if f.rule == "internal-error"]
    assert not errors, errors


def _bounded_peak(run) -> object:
    """``run()``, with the peak of memory it allocates under ``MAX_PEAK_BYTES``."""
    tracemalloc.start()
    try:
        result = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MAX_PEAK_BYTES, f"peak {peak / 2**20:.0f} MB"
    return result


@SETTINGS
@given(mutated_plans())
def test_mutated_plans_are_analysed(text: str) -> None:
    analysis = analyze_text(text)
    _no_internal_error(analysis)
    assert analysis.source.text == text


@settings(max_examples=30, deadline=None, database=None)
@given(st.text(max_size=300))
def test_random_unicode_is_analysed(text: str) -> None:
    _no_internal_error(analyze_text(text))


@SETTINGS
@given(mutated_docx())
def test_mutated_docx_is_read_or_refused(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ke-hoach.docx"
        path.write_bytes(data)
        try:
            analysis = analyze_file(path)
        except InputError:
            return  # a clean refusal, with its reason
        _no_internal_error(analysis)


@settings(max_examples=5, deadline=None, database=None)
@given(mutated_plans(), mutated_docx())
def test_memory_stays_bounded(text: str, data: bytes) -> None:
    _bounded_peak(lambda: analyze_text(text))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ke-hoach.docx"
        path.write_bytes(data)
        with contextlib.suppress(InputError):  # a clean refusal
            _bounded_peak(lambda: analyze_file(path))
