"""Readers: real corpus files (txt, docx twins, pdf twins) and every kind of bad input."""

from __future__ import annotations

import codecs
import hashlib
import io
import random
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from pypdf import PdfReader, PdfWriter

from plan_parser.readers import InputError, SourceDocument, read_document, text_reader
from plan_parser.readers.docx_reader import bullet_text, format_number
from plan_parser.readers.legacy_encoding import LegacyReport
from plan_parser.readers.pdf_reader import PAGE_SEPARATOR

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "corpus" / "plans"
STEMS = sorted(p.stem for p in PLANS.glob("*.txt"))
PDF_STEMS = sorted(p.stem for p in PLANS.glob("*.pdf"))


def markdown_lines(text: str) -> list[str]:
    """Non-empty lines of a corpus .txt with its markdown decoration removed.

    Independent of tools/build_twins.py on purpose: "#" heading marks, ``**``/``***``
    emphasis and trailing hard-break spaces go; "- + x" (a "+" item typed after a
    dash) becomes "+ x".
    """
    lines = []
    for raw in text.splitlines():
        line = re.sub(r"^#{1,6}\s+", "", raw).replace("*", "").rstrip()
        if line.startswith("- + "):
            line = line[2:]
        if line.strip():
            lines.append(line)
    return lines


def nonempty_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def expect_input_error(path: Path, *causes: str) -> InputError:
    """read_document(path) must raise InputError naming the file and every cause word."""
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    for cause in causes:
        assert cause.lower() in message.lower(), f"{cause!r} not in {message!r}"
    return info.value


# --------------------------------------------------------------------------- corpus: txt


@pytest.mark.parametrize("stem", STEMS)
def test_txt_corpus_is_read_unchanged(stem: str) -> None:
    path = PLANS / f"{stem}.txt"
    data = path.read_bytes()
    doc = read_document(path)
    assert isinstance(doc, SourceDocument)
    assert doc.format == "txt"
    assert doc.encoding == "utf-8"
    assert doc.text == data.decode("utf-8")
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.path == str(path)
    assert doc.findings == []


def test_md_extension_gives_md_format(tmp_path: Path) -> None:
    source = PLANS / f"{STEMS[2]}.txt"
    target = tmp_path / "PLAN.MD"
    shutil.copyfile(source, target)
    doc = read_document(target)
    assert doc.format == "md"
    assert doc.text == source.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- corpus: docx


@pytest.mark.parametrize("stem", STEMS)
def test_docx_twin_has_the_same_lines_as_the_txt(stem: str) -> None:
    path = PLANS / f"{stem}.docx"
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.encoding is None
    assert doc.findings == []
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    expected = markdown_lines((PLANS / f"{stem}.txt").read_text(encoding="utf-8"))
    # the same lines, the header table's cells between border lines "|"
    assert [line for line in nonempty_lines(doc.text) if line != "|"] == expected
    assert doc.text.split("\n").count("|") > 0


@pytest.mark.parametrize("stem", STEMS)
def test_docx_twin_ignores_header_and_footer(stem: str) -> None:
    path = PLANS / f"{stem}.docx"
    section = docx.Document(str(path)).sections[0]
    assert section.header.paragraphs[0].text == "DỰ THẢO"  # the test means something
    assert section.footer._element.xpath(".//w:instrText")[0].text.strip() == "PAGE"
    text = read_document(path).text
    assert "DỰ THẢO" not in text
    assert "THẢO" not in text


def test_docx_twin_labels_come_from_numbering() -> None:
    path = PLANS / "004_0bb98ddc820da85f.docx"
    document = docx.Document(str(path))
    numbered = [
        p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    # the runs hold no "-", "a)" ...: those must come from numbering.xml
    assert len(numbered) > 20
    assert not any(re.match(r"^(- |\+ |[a-z]\) )", t) for t in numbered)
    lines = [line for line in read_document(path).text.split("\n") if line != "|"]
    assert lines[7].startswith("a) Tổ chức quán triệt sâu sắc")
    assert lines[8].startswith("b) Khắc phục triệt để")
    assert lines[9].startswith("c) Đẩy mạnh ứng dụng")
    # a second "a)" run restarts (fresh numbering instance with startOverride)
    assert lines[11].startswith("a) Bám sát định hướng")
    txt = (PLANS / "004_0bb98ddc820da85f.txt").read_text(encoding="utf-8")
    assert sum(line.startswith("- ") for line in lines) == txt.count("\n- ") == 27
    # "a) Các Phòng Nghiệp vụ", its "-" items, then "b) Văn phòng ...": one list
    start = lines.index("a) Các Phòng Nghiệp vụ")
    assert lines[start + 1].startswith("- Nâng cao trách nhiệm")
    assert lines[start + 6] == "b) Văn phòng Thanh tra tỉnh"


def test_docx_twin_plus_items_and_layout() -> None:
    doc = read_document(PLANS / "002_13f964805a2db5fd.docx")
    # the header table's two cells, each after a border line, the row closed by one
    assert doc.text.startswith("|\nSố: /KH-UBND\n|\nHoà Xá, ngày tháng 6 năm 2026\n|\nKẾ HOẠCH\n")
    lines = [line for line in doc.text.split("\n") if line != "|"]
    assert lines[:3] == ["Số: /KH-UBND", "Hoà Xá, ngày tháng 6 năm 2026", "KẾ HOẠCH"]
    assert "+ Kế hoạch, tài liệu và sản phẩm tuyên truyền." in lines
    assert "+ Báo cáo kiểm đếm nhiệm vụ hằng tuần." in lines
    assert "II. NHIỆM VỤ, GIẢI PHÁP" in lines  # heading: text only, no "#"
    assert not any(line.startswith("#") or "**" in line for line in lines)
    # closing table: recipients, then signature lines, an empty paragraph, the name
    recipients = lines.index("Nơi nhận:")
    assert lines[recipients - 1].endswith("theo quy định./.")
    assert lines[recipients + 1] == "- TTĐU, TTHĐND xã;"
    assert lines[recipients + 6] == "- Lưu: VT, VHXX."
    assert lines[-5:] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "",
        "Nguyễn Văn Cường",
    ]


# --------------------------------------------------------------------------- corpus: pdf


def pdf_body(text: str) -> str:
    """PDF text without the page furniture the twins carry ("DỰ THẢO", page numbers)."""
    pages = []
    for page in text.split(PAGE_SEPARATOR):
        lines = page.split("\n")
        if lines and lines[0].strip() == "DỰ THẢO":
            lines = lines[1:]
        if lines and lines[-1].strip().isdigit():
            lines = lines[:-1]
        pages.append("\n".join(lines))
    return "\n".join(pages)


def test_there_are_pdf_twins() -> None:
    assert len(PDF_STEMS) >= 2


@pytest.mark.parametrize("stem", PDF_STEMS)
def test_pdf_twin_contains_every_line_in_order(stem: str) -> None:
    path = PLANS / f"{stem}.pdf"
    doc = read_document(path)
    assert doc.format == "pdf"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    page_count = len(PdfReader(str(path)).pages)
    assert page_count > 1
    assert doc.text.count(PAGE_SEPARATOR) == page_count - 1
    assert "Nơi nhận:" in doc.text
    assert "KẾ HOẠCH\n" in doc.text
    # PDF lines wrap anywhere, so compare with all whitespace removed
    flat = re.sub(r"\s+", "", pdf_body(doc.text))
    position = 0
    for line in markdown_lines((PLANS / f"{stem}.txt").read_text(encoding="utf-8")):
        key = re.sub(r"\s+", "", line)
        found = flat.find(key, position)
        assert found >= 0, f"missing or out of order: {line[:80]!r}"
        position = found + len(key)


def test_pdf_encrypted_with_empty_user_password_is_read(tmp_path: Path) -> None:
    source = PLANS / f"{PDF_STEMS[0]}.pdf"
    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    target = tmp_path / "locked.pdf"
    with target.open("wb") as handle:
        writer.write(handle)
    # an encrypted file is read by pypdf, the plain one by PDFium: the same words and lines,
    # spaced alike but for the doubled spaces of justified lines that pypdf keeps
    assert _words(read_document(target).text) == _words(read_document(source).text)


def _words(text: str) -> list[list[str]]:
    return [line.split() for line in text.split("\n")]


def test_pdf_with_user_password_is_rejected(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(str(PLANS / f"{PDF_STEMS[0]}.pdf")))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    target = tmp_path / "secret.pdf"
    with target.open("wb") as handle:
        writer.write(handle)
    expect_input_error(target, "password-protected")


# --------------------------------------------------------------------------- bad paths


def test_missing_file(tmp_path: Path) -> None:
    expect_input_error(tmp_path / "nope.txt", "no such file")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "plans.txt"
    folder.mkdir()
    expect_input_error(folder, "is a directory, not a file")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "locked.txt"
    target.write_text("Kế hoạch", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # works even when the tests run as root
    expect_input_error(target, "permission denied")


def test_file_too_large(tmp_path: Path) -> None:
    target = tmp_path / "huge.txt"
    with target.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: costs no disk
    expect_input_error(target, "file too large", "50 MB")


# --------------------------------------------------------------------------- bad content


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    target = tmp_path / name
    target.write_bytes(data)
    return target


def test_empty_file(tmp_path: Path) -> None:
    expect_input_error(write(tmp_path, "empty.txt", b""), "file is empty")


def test_empty_docx_file(tmp_path: Path) -> None:
    expect_input_error(write(tmp_path, "empty.docx", b""), "file is empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.md", " \r\n\t\n\u00a0\n".encode())
    expect_input_error(path, "empty", "whitespace")


def test_bom_only_file_is_empty(tmp_path: Path) -> None:
    expect_input_error(write(tmp_path, "bom.txt", codecs.BOM_UTF8), "empty")


def test_random_bytes_are_binary(tmp_path: Path) -> None:
    data = bytes([0x80]) + random.Random(7).randbytes(4096)
    error = expect_input_error(write(tmp_path, "noise.txt", data), "binary", "not valid UTF-8")
    assert "0x80 at offset 0" in error.reason


def test_png_named_txt_is_binary(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    expect_input_error(write(tmp_path, "scan.txt", data), "binary", "PNG image")


def test_nul_bytes_in_utf8_are_binary(tmp_path: Path) -> None:
    data = "Kế hoạch".encode() + b"\x00\x01\x02" + "số 5".encode()
    expect_input_error(write(tmp_path, "nul.txt", data), "NUL", "binary")


def test_a_damaged_legacy_doc_is_refused_clearly(tmp_path: Path) -> None:
    # a Word 97 stream name and nothing else: the converter (or its absence) says why
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le")
    expect_input_error(write(tmp_path, "old.doc", data), "legacy Word .doc", ".docx")


def test_ole2_with_txt_extension_is_rejected_by_content(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)
    expect_input_error(write(tmp_path, "old.txt", data), "not a Word document")


def test_encrypted_docx_is_rejected(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200) + "EncryptedPackage".encode("utf-16-le")
    expect_input_error(write(tmp_path, "locked.docx", data), "password-protected")


def test_odt_is_rejected(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    expect_input_error(write(tmp_path, "plan.odt", buffer.getvalue()), "OpenDocument .odt", ".docx")


def test_rtf_is_rejected(tmp_path: Path) -> None:
    data = rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times New Roman;}} K\'ea ho\'e1ch}"
    expect_input_error(write(tmp_path, "plan.rtf", data), "RTF", ".docx")
    expect_input_error(write(tmp_path, "plan_rtf.txt", data), "RTF")


def test_unknown_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.xyz", "Kế hoạch số 5".encode())
    expect_input_error(path, "unsupported file type '.xyz'", ".txt, .md, .docx, .pdf")


def test_plain_zip_is_rejected(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Kế hoạch")
    expect_input_error(
        write(tmp_path, "bundle.zip", buffer.getvalue()), "ZIP archive", "not a Word"
    )


def test_text_named_docx_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.docx", "Kế hoạch".encode())
    expect_input_error(path, "not a valid .docx", "not a ZIP")


def test_docx_renamed_txt_is_read_by_content(tmp_path: Path) -> None:
    source = PLANS / f"{STEMS[0]}.docx"
    target = tmp_path / "plan.txt"
    shutil.copyfile(source, target)
    doc = read_document(target)
    assert doc.format == "docx"
    assert doc.text == read_document(source).text
    assert doc.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    [finding] = doc.findings
    assert (finding.rule, finding.severity, finding.start, finding.end) == (
        "file-extension-mismatch",
        "warning",  # the rule's severity (rules/lint/stages.yaml): one place for it
        0,
        0,
    )
    assert "'.txt'" in finding.message


def test_pdf_renamed_docx_is_read_by_content(tmp_path: Path) -> None:
    source = PLANS / f"{PDF_STEMS[0]}.pdf"
    target = tmp_path / "plan.docx"
    shutil.copyfile(source, target)
    doc = read_document(target)
    assert doc.format == "pdf"
    assert doc.text == read_document(source).text
    assert [f.rule for f in doc.findings] == ["file-extension-mismatch"]


def test_truncated_docx(tmp_path: Path) -> None:
    data = (PLANS / f"{STEMS[0]}.docx").read_bytes()
    path = write(tmp_path, "cut.docx", data[: len(data) // 2])
    expect_input_error(path, "corrupt", "ZIP container is damaged or truncated")


def zip_with(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_docx_without_document_part(tmp_path: Path) -> None:
    with zipfile.ZipFile(PLANS / f"{STEMS[0]}.docx") as source:
        parts = {n: source.read(n) for n in source.namelist() if n != "word/document.xml"}
    path = write(tmp_path, "hollow.docx", zip_with(parts))
    expect_input_error(path, "corrupt .docx", "word/document.xml")


def test_docx_with_malformed_document_xml(tmp_path: Path) -> None:
    with zipfile.ZipFile(PLANS / f"{STEMS[0]}.docx") as source:
        parts = {n: source.read(n) for n in source.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"][:5000]  # cut mid-element
    path = write(tmp_path, "broken.docx", zip_with(parts))
    expect_input_error(path, "corrupt .docx", "malformed XML")


def test_invalid_pdf(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n" + random.Random(3).randbytes(2000)
    expect_input_error(write(tmp_path, "junk.pdf", data), "invalid or damaged PDF")


def test_text_named_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.pdf", "Kế hoạch".encode())
    expect_input_error(path, "not a valid PDF", "%PDF-")


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    target = tmp_path / "scan.pdf"
    with target.open("wb") as handle:
        writer.write(handle)
    expect_input_error(target, "no text layer", "OCR")


@pytest.mark.parametrize("seed", range(12))
def test_damaged_twins_never_leak_other_exceptions(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    for suffix in (".docx", ".pdf"):
        stem = PDF_STEMS[seed % len(PDF_STEMS)]
        data = bytearray((PLANS / f"{stem}{suffix}").read_bytes())
        for _ in range(8):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = write(tmp_path, f"damaged{suffix}", bytes(data))
        try:
            doc = read_document(path)
        except InputError as exc:
            assert str(exc).startswith(str(path))
        else:
            assert doc.format == suffix[1:]


# --------------------------------------------------------------------------- encodings


def corpus_text() -> str:
    return (PLANS / f"{STEMS[0]}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    ],
)
def test_bom_encodings(tmp_path: Path, bom: bytes, codec: str, encoding: str) -> None:
    text = corpus_text()
    data = bom + text.encode(codec)
    doc = read_document(write(tmp_path, "bom.txt", data))
    assert doc.text == text
    assert not doc.text.startswith("\ufeff")
    assert doc.encoding == encoding
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path: Path, codec: str) -> None:
    text = corpus_text()
    doc = read_document(write(tmp_path, "nobom.txt", text.encode(codec)))
    assert doc.text == text
    assert doc.encoding == codec


def test_damaged_utf16_is_rejected(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "Kế".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    expect_input_error(write(tmp_path, "bad16.txt", data), "UTF-16", "damaged")


def test_nfd_text_is_returned_unchanged(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", corpus_text())
    assert nfd != corpus_text()
    doc = read_document(write(tmp_path, "nfd.txt", nfd.encode("utf-8")))
    assert doc.text == nfd


def test_windows_line_endings_tabs_and_entities_are_kept(tmp_path: Path) -> None:
    text = "Số: 01/KH-UBND\r\n\r\n\tKế hoạch &amp; nhiệm vụ&nbsp;2026\r\n"
    doc = read_document(write(tmp_path, "crlf.txt", text.encode("utf-8")))
    assert doc.text == text


def test_ten_megabyte_text_file_is_refused_by_the_text_limit(tmp_path: Path) -> None:
    """A text over limits.max_text_chars is refused, quickly, naming the limit (issue 8)."""
    chunk = corpus_text()
    text = chunk * (10 * 1024 * 1024 // len(chunk.encode("utf-8")) + 1)
    path = write(tmp_path, "big.txt", text.encode("utf-8"))
    started = time.perf_counter()
    with pytest.raises(InputError) as refused:
        read_document(path)
    assert time.perf_counter() - started < 15
    assert "PLAN_PARSER_MAX_TEXT_CHARS" in str(refused.value)


def test_a_text_under_the_limit_is_read_whole(tmp_path: Path) -> None:
    chunk = corpus_text()
    text = chunk * (1_500_000 // len(chunk))
    path = write(tmp_path, "lon.txt", text.encode("utf-8"))
    assert read_document(path).text == text


# --------------------------------------------------------------------------- legacy encodings


def fake_detector(report: LegacyReport, calls: list[str]):
    def detect(text: str) -> LegacyReport:
        calls.append(text)
        return report

    return detect


def test_mostly_legacy_text_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = LegacyReport("tcvn3", 0.9, [(0, 15)], "Uû ban nh©n d©n", "Ủy ban nhân dân")
    calls: list[str] = []
    monkeypatch.setattr(text_reader, "detect_legacy_encoding", fake_detector(report, calls))
    path = write(tmp_path, "old.txt", "Uû ban nh©n d©n x· L©m Thao".encode())
    error = expect_input_error(path, "legacy", "TCVN3", "Unicode", "Unikey")
    assert "Uû ban nh©n d©n" in error.reason and "Ủy ban nhân dân" in error.reason
    assert calls == ["Uû ban nh©n d©n x· L©m Thao"]


def test_isolated_legacy_spans_become_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Ủy ban nhân dân xã Lâm Thao. Uû ban nh©n d©n. Kế hoạch số 5."
    start = text.index("Uû")
    report = LegacyReport("tcvn3", 0.2, [(start, start + 15)], "Uû ban nh©n d©n", "Ủy ban nhân dân")
    monkeypatch.setattr(text_reader, "detect_legacy_encoding", fake_detector(report, []))
    doc = read_document(write(tmp_path, "mixed.txt", text.encode("utf-8")))
    assert doc.text == text
    [finding] = doc.findings
    assert (finding.rule, finding.severity) == ("legacy-encoding", "warning")  # the rule's severity
    assert (finding.start, finding.end) == (start, start + 15)
    assert "TCVN3" in finding.message and "Unicode" in finding.message
    assert finding.suggestion == "Ủy ban nhân dân"


def test_legacy_8bit_bytes_say_legacy_not_binary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = b"Uy ban nh\xa9n d\xa9n x\xb7 L\xa9m Thao"  # TCVN3 bytes: not UTF-8
    report = LegacyReport("tcvn3", 1.0, [(0, 8)], "nh©n d©n", "nhân dân")
    calls: list[str] = []
    monkeypatch.setattr(text_reader, "detect_legacy_encoding", fake_detector(report, calls))
    error = expect_input_error(write(tmp_path, "old8.txt", data), "legacy", "TCVN3")
    assert "binary" not in error.reason
    assert calls == [data.decode("cp1252")]  # the detector saw the bytes as Windows-1252


TCVN3_AS_LATIN1 = (
    "Uû ban nh©n d©n x· L©m Thao ban hµnh KÕ ho¹ch thùc hiÖn KÕt luËn sè 226-KL/TW "
    "ngµy 11/12/2025 cña Ban BÝ th­."
)


def test_real_detector_rejects_tcvn3_text(tmp_path: Path) -> None:
    path = write(tmp_path, "tcvn3.txt", TCVN3_AS_LATIN1.encode("utf-8"))
    error = expect_input_error(path, "legacy", "TCVN3", "convert it to Unicode")
    assert "nh©n d©n" in error.reason and "nhân dân" in error.reason


def test_real_detector_names_8bit_tcvn3_bytes_legacy(tmp_path: Path) -> None:
    data = TCVN3_AS_LATIN1.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    error = expect_input_error(write(tmp_path, "tcvn3_8bit.txt", data), "legacy", "TCVN3")
    assert "binary" not in error.reason


def test_real_detector_reports_a_legacy_passage(tmp_path: Path) -> None:
    text = corpus_text()
    cut = text.index("I. MỤC ĐÍCH")
    mixed = text[:cut] + TCVN3_AS_LATIN1 + "\n\n" + text[cut:]
    doc = read_document(write(tmp_path, "mixed.txt", mixed.encode("utf-8")))
    assert doc.text == mixed
    [finding] = doc.findings
    assert finding.rule == "legacy-encoding" and finding.severity == "warning"
    assert mixed[finding.start : finding.end].startswith("Uû ban nh©n d©n")
    assert finding.suggestion is not None and "nhân dân xã Lâm Thao" in finding.suggestion


# --------------------------------------------------------------------------- docx built in-test


def add_numbering(document: docx.document.Document) -> None:
    """Decimal list with a lowerLetter sublevel, a restart, a style-linked heading list,
    Symbol-font bullets and an isLgl legal list."""
    numbering = document.part.numbering_part.element

    def lvl(ilvl: int, fmt: str, text: str, extra: str = "", font: str = "") -> str:
        rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>{rpr}</w:lvl>'
        )

    abstracts = [
        (10, lvl(0, "decimal", "%1.") + lvl(1, "lowerLetter", "%2)")),
        (20, lvl(0, "upperRoman", "%1.", '<w:pStyle w:val="Heading1"/>')),
        (30, lvl(0, "bullet", "\uf0b7", font="Symbol") + lvl(1, "bullet", "-")),
        (40, lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%1.%2.", "<w:isLgl/>")),
    ]
    first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    for abstract_id, levels in abstracts:
        element = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f"{levels}</w:abstractNum>"
        )
        first_num.addprevious(element)
    nums = {11: (10, ""), 21: (20, ""), 31: (30, ""), 41: (40, "")}
    nums[12] = (10, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    for num_id, (abstract_id, override) in nums.items():
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
            )
        )
    heading = document.styles["Heading 1"].element.get_or_add_pPr()
    heading.get_or_add_numPr().get_or_add_numId().val = 21


def numbered(document: docx.document.Document, text: str, num_id: int, ilvl: int) -> None:
    num_pr = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def build_sample_docx(path: Path) -> None:
    document = docx.Document()
    add_numbering(document)
    section = document.sections[0]
    section.header.paragraphs[0].text = "TIÊU ĐỀ ĐẦU TRANG"
    section.footer.paragraphs[0].text = "CHÂN TRANG"
    document.add_heading("Mục tiêu", level=1)
    numbered(document, "Thứ nhất", 11, 0)
    numbered(document, "ý a", 11, 1)
    numbered(document, "ý b", 11, 1)
    numbered(document, "Thứ hai", 11, 0)
    numbered(document, "ý a lại", 11, 1)
    document.add_paragraph("")
    document.add_heading("Nhiệm vụ", level=1)
    numbered(document, "Lại từ đầu", 12, 0)
    numbered(document, "Tiếp", 12, 0)
    numbered(document, "Chấm", 31, 0)
    numbered(document, "Gạch", 31, 1)
    no_number = document.add_heading("Phụ lục", level=1)
    no_number._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0
    numbered(document, "Chương", 41, 0)
    numbered(document, "Mục", 41, 1)
    breaks = document.add_paragraph("dòng 1")
    breaks.add_run().add_break()
    breaks.add_run("dòng 2\tcột")
    tracked = document.add_paragraph("Giữ ")
    tracked._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="A"><w:r><w:t>thêm</w:t></w:r></w:ins>')
    )
    tracked._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="A">'
            "<w:r><w:delText>bỏ</w:delText></w:r></w:del>"
        )
    )
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "AB"
    table.cell(0, 2).text = "C"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "DG"
    table.cell(1, 1).text = "E"
    table.cell(1, 2).text = "F"
    table.cell(2, 1).text = "H"
    inner_cell = table.cell(2, 2)
    inner_cell.text = "I"
    inner = inner_cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "N1"
    inner.cell(0, 1).text = "N2"
    numbered(document, "Sau bảng", 11, 0)  # numId 11 continues: 3.
    document.save(str(path))


SAMPLE_TEXT = "\n".join(
    [
        "I. Mục tiêu",
        "1. Thứ nhất",
        "a) ý a",
        "b) ý b",
        "2. Thứ hai",
        "a) ý a lại",
        "",
        "II. Nhiệm vụ",
        "1. Lại từ đầu",
        "2. Tiếp",
        "• Chấm",
        "- Gạch",
        "Phụ lục",
        "I. Chương",
        "1.1. Mục",
        "dòng 1\ndòng 2\tcột",
        "Giữ thêm",
        # each cell after a border line, each row closed by one; the merged "DG" is an empty
        # cell in the third row; the inner table's cells stand inside the cell "I"
        "|", "AB", "|", "C", "|",
        "|", "DG", "|", "E", "|", "F", "|",
        "|", "|", "H", "|", "I", "|", "N1", "|", "N2", "|", "", "|",
        "3. Sau bảng",
    ]
)


def test_docx_numbering_tables_and_tracked_changes(tmp_path: Path) -> None:
    path = tmp_path / "sample.docx"
    build_sample_docx(path)
    doc = read_document(path)
    assert doc.text == SAMPLE_TEXT
    assert "ĐẦU TRANG" not in doc.text and "CHÂN TRANG" not in doc.text


def test_docx_with_no_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    document = docx.Document()
    document.add_paragraph("")
    document.sections[0].header.paragraphs[0].text = "Chỉ có đầu trang"
    document.save(str(path))
    expect_input_error(path, "Word document is empty")


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (3, "decimal", "3"),
        (3, "decimalZero", "03"),
        (12, "decimalZero", "12"),
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (2, "upperLetter", "B"),
        (4, "lowerRoman", "iv"),
        (14, "upperRoman", "XIV"),
        (1994, "upperRoman", "MCMXCIV"),
        (5, "ordinalTitle", "5"),
    ],
)
def test_format_number(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


@pytest.mark.parametrize(
    ("text", "font", "expected"),
    [
        ("\uf0b7", "Symbol", "•"),
        ("\uf02d", "Symbol", "-"),
        ("\uf0a7", "Wingdings", "▪"),
        ("\u00b7", "Symbol", "•"),
        ("-", None, "-"),
        ("+", "Times New Roman", "+"),
        ("•", None, "•"),
        ("o", "Courier New", "o"),
        ("\uf0e9", "Wingdings", "•"),
    ],
)
def test_bullet_text(text: str, font: str | None, expected: str) -> None:
    assert bullet_text(text, font) == expected


# --------------------------------------------------------------------------- import cost


def test_dispatch_imports_no_heavy_library() -> None:
    code = (
        "import sys, plan_parser.readers.dispatch, plan_parser.readers.text_reader;"
        "print(sorted(m for m in ('docx', 'pypdf', 'lxml') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


def test_a_few_stray_nuls_in_a_long_text_are_dropped_and_reported(tmp_path: Path) -> None:
    """Gazette text extracted from PDF has a NUL now and then (10 in 150,000 characters)."""
    from plan_parser.pipeline import analyze_file

    body = "Điều 1. Phạm vi điều chỉnh của Thông tư này.\n" * 400
    data = (body + "\x00\n" + body).encode()
    analysis = analyze_file(write(tmp_path, "gazette.txt", data))
    assert "\x00" not in analysis.normalized.text
    assert [f.rule for f in analysis.findings if "U+0000" in f.message] == ["invisible-character"]
