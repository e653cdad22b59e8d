"""Hostile and huge inputs to the readers (issue 8): ZIP bombs, lying ZIP directories, huge
XML, huge text, encrypted and bomb PDFs. Each finishes fast, in bounded memory, with a clear
message naming the limit (``plan_parser.limits``) that refused it.

Files are generated in the test; the limits are lowered through their environment variables
where the real scale would be slow, and a few cases run at the real default scale.
"""

from __future__ import annotations

import gc
import io
import random
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    StreamObject,
)

from plan_parser.limits import limits
from plan_parser.readers import InputError, dispatch, read_document
from plan_parser.readers.docx_reader import Numbering, _BodyWalker, read_docx

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "corpus" / "plans"
MB = 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = f"{{{W_NS}}}"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
).encode()
NUMBERING = (
    f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
).encode()
COMMENTS = (
    f'<w:comments xmlns:w="{W_NS}">'
    + "".join(
        f'<w:comment w:id="{i}"><w:p><w:r><w:t>ghi chú {i}</w:t></w:r></w:p></w:comment>'
        for i in range(4)
    )
    + "</w:comments>"
).encode()
PARAGRAPH = "<w:p><w:r><w:t>Kế hoạch số 5 năm 2026 về việc phát triển</w:t></w:r></w:p>"


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    """Every test sees the limits of its own environment (monkeypatched or not)."""
    limits.cache_clear()
    yield
    limits.cache_clear()


def set_limit(monkeypatch: pytest.MonkeyPatch, name: str, value: int) -> None:
    monkeypatch.setenv(f"PLAN_PARSER_{name.upper()}", str(value))
    limits.cache_clear()


# --------------------------------------------------------------------------- building files


def document_xml(body: str, doctype: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'{doctype}<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}"><w:body>{body}'
        "</w:body></w:document>"
    ).encode()


def document_rels(*kinds: str) -> bytes:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/{kind}" Target="{kind}.xml"/>'
        for i, kind in enumerate(kinds, start=1)
    )
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}</Relationships>"
    ).encode()


def package_parts(document: bytes, main_type: str = MAIN_TYPE) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": CONTENT_TYPES.replace("{main}", main_type).encode(),
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": document,
    }


def zip_parts(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(body: str, doctype: str = "") -> bytes:
    return zip_parts(package_parts(document_xml(body, doctype)))


def deflate(data: bytes) -> bytes:
    """Raw deflate data (as in a ZIP entry)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def deflate_repeated(head: bytes, chunk: bytes, times: int, tail: bytes) -> bytes:
    """Raw deflate data of ``head + chunk * times + tail``, built without compressing it all:
    after a full flush nothing refers back, so the flushed chunk can be repeated as is."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    return start + piece * times + compressor.compress(tail) + compressor.flush()


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP of deflated entries ``(name, raw deflate data, declared size, declared CRC)``:
    the directory says whatever it is told."""
    out = bytearray()
    central = bytearray()
    for name, raw, size, crc in entries:
        offset = len(out)
        encoded = name.encode()
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), size, len(encoded), 0
        )
        out += encoded + raw
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), size,
            len(encoded), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += encoded
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    return bytes(out + central + end)


def honest_entries(parts: dict[str, bytes]) -> list[tuple[str, bytes, int, int]]:
    return [(name, deflate(data), len(data), zlib.crc32(data)) for name, data in parts.items()]


def measure(action: Callable[[], Any]) -> tuple[Any, float, int]:
    """``(result or the exception raised, seconds, peak bytes traced)``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result: Any = action()
    except Exception as exc:  # returned for the test to check
        result = exc
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(result: Any, path: Path, *words: str) -> str:
    assert isinstance(result, InputError), f"not refused: {result!r}"
    message = str(result)
    assert message.startswith(f"{path}: "), message
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} not in {message!r}"
    return message


# --------------------------------------------------------------------------- case 1: mimetype


def test_3_gb_mimetype_entry_is_never_inflated(tmp_path: Path) -> None:
    """Case 1 at the real scale: a 3 MB .docx with a `mimetype` entry inflating to 3 GB."""
    size = 3 * 1024 * MB
    bomb = deflate_repeated(b"", bytes(MB), size // MB, b"")
    entries = honest_entries(package_parts(document_xml(PARAGRAPH)))
    path = write(tmp_path, "bomb.docx", raw_zip([("mimetype", bomb, size, 0), *entries]))
    assert path.stat().st_size < 4 * MB
    assert zipfile.ZipFile(path).getinfo("mimetype").file_size == size  # the test means it
    doc, elapsed, peak = measure(lambda: read_document(path))
    assert doc.text == "Kế hoạch số 5 năm 2026 về việc phát triển"
    assert elapsed < 10
    assert peak < 50 * MB


def test_bomb_mimetype_of_an_odt_is_peeked_not_inflated(tmp_path: Path) -> None:
    mimetype = b"application/vnd.oasis.opendocument.text"
    bomb = deflate_repeated(mimetype, b" " * MB, 1024, b"")
    path = write(tmp_path, "plan.odt", raw_zip([("mimetype", bomb, 1024 * MB, 0)]))
    error, elapsed, peak = measure(lambda: read_document(path))
    refusal(error, path, "OpenDocument .odt")
    assert elapsed < 5 and peak < 20 * MB


def test_sniffing_reads_a_few_bytes_of_a_zip_entry() -> None:
    data = zip_parts({"mimetype": b"x" * (4 * MB), "notes.txt": b"a"})
    error, _, peak = measure(lambda: dispatch.sniff_format("a.zip", data, ".zip"))
    assert isinstance(error, InputError) and "not a Word document" in str(error)
    assert peak < MB  # the 4 MB entry was not read


# --------------------------------------------------------------------------- case 2: lying ZIP


def lying_docx(real_size: int, declared: int) -> bytes:
    """word/document.xml inflates to ``real_size`` bytes of paragraphs but the ZIP directory
    (central and local headers) declares ``declared`` bytes."""
    head, tail = document_xml("<!--x-->").split(b"<!--x-->")
    chunk = PARAGRAPH.encode() * (MB // len(PARAGRAPH.encode()))
    times = max(1, real_size // len(chunk))
    raw = deflate_repeated(head, chunk, times, tail)
    parts = package_parts(b"")
    del parts["word/document.xml"]
    return raw_zip([*honest_entries(parts), ("word/document.xml", raw, declared, 0)])


def test_zip_directory_lying_about_a_1_gb_document_xml(tmp_path: Path) -> None:
    """Case 2 at the real scale: 1.1 GB of XML declared as 30 KB in the ZIP directory."""
    path = write(tmp_path, "lying.docx", lying_docx(1100 * MB, 30 * 1024))
    assert path.stat().st_size < 20 * MB
    error, elapsed, peak = measure(lambda: read_document(path))
    refusal(error, path, "corrupt .docx", "word/document.xml",
            "does not inflate to what the ZIP directory declares")
    assert elapsed < 10
    assert peak < 50 * MB


def test_inflated_bytes_are_counted_while_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory declaring more than the limit (honestly, or not) changes nothing: the
    bytes inflated are counted, and reading stops at the limit."""
    set_limit(monkeypatch, "max_inflated_bytes", MB)
    path = write(tmp_path, "big.docx", lying_docx(64 * MB, 64 * MB))
    error, elapsed, peak = measure(lambda: read_document(path))
    refusal(error, path, "too much data once unpacked", "1 MB", "PLAN_PARSER_MAX_INFLATED_BYTES")
    assert elapsed < 5
    assert peak < 8 * MB  # stopped after about 1 MB: never held the 64 MB


def test_inflated_limit_is_a_total_over_the_parts_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = PARAGRAPH * (600 * 1024 // len(PARAGRAPH))
    # (styles are read when a numbering part exists and a style carries a w:numPr)
    numbered = ('<w:style w:type="paragraph" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="1"/>'
                '</w:numPr></w:pPr></w:style>')
    styles = (f'<w:styles xmlns:w="{W_NS}">{numbered}{"<w:docDefaults/>" * 40_000}'
              '</w:styles>').encode()
    parts = package_parts(document_xml(body))
    parts["word/_rels/document.xml.rels"] = document_rels("styles", "numbering")
    parts["word/styles.xml"] = styles
    parts["word/numbering.xml"] = f'<w:numbering xmlns:w="{W_NS}"/>'.encode()
    assert len(parts["word/document.xml"]) < MB and len(styles) < MB
    path = write(tmp_path, "two.docx", zip_parts(parts))
    set_limit(monkeypatch, "max_inflated_bytes", MB)
    refusal(measure(lambda: read_document(path))[0], path, "PLAN_PARSER_MAX_INFLATED_BYTES")
    set_limit(monkeypatch, "max_inflated_bytes", 2 * MB)
    assert read_document(path).text.startswith("Kế hoạch")


# --------------------------------------------------------------------------- case 3: huge XML


def test_40_mb_of_paragraph_xml_stops_at_the_text_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Case 3, with the text limit lowered 25×: reading stops once the text passes it."""
    set_limit(monkeypatch, "max_text_chars", 200_000)
    path = write(tmp_path, "long.docx", lying_docx(40 * MB, 40 * MB))
    assert path.stat().st_size < MB
    error, elapsed, _ = measure(lambda: read_document(path))
    refusal(error, path, "text too long", "200,000", "PLAN_PARSER_MAX_TEXT_CHARS")
    assert elapsed < 5


RUN = "<w:r><w:rPr><w:b/></w:rPr><w:t>Kế hoạch </w:t></w:r>"
ROW = "<w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>Kế hoạch</w:t></w:r></w:p></w:tc></w:tr>"
SHAPES = {
    "paragraphs": ("", PARAGRAPH, ""),
    "one-paragraph": ("<w:p>", RUN, "</w:p>"),
    "one-table": ("<w:tbl>", ROW, "</w:tbl>"),
    "hyperlinks": ("<w:p>", f"<w:hyperlink>{RUN}</w:hyperlink><w:proofErr/>", "</w:p>"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_docx_time_is_linear_in_the_xml(shape: str) -> None:
    """4× the XML costs at most 5× the time (the bar of issue 8), whatever its shape (many
    paragraphs, one huge paragraph, one huge table, runs in hyperlinks). A linear reader
    measures 3.9-4.5× here (lxml's own cost grows a little with the tree). Measured in one
    fresh interpreter, the best of nine interleaved runs or more (up to 21 while over 5×):
    after a thousand tests the heap slows big allocations (5.3× measured in the suite for a
    case at 4.2× alone), and a shared CI machine gave 5.0× once with nine runs."""
    small, large = _fresh_docx_times()[shape]
    assert large / small <= 5, f"4× the XML took {large / small:.1f}× the time"


def _docx_times(shape: str) -> tuple[float, float]:
    """The best CPU times of reading the shape's 400 KB and 1.6 MB XML (nine runs or more)."""
    prefix, unit, suffix = SHAPES[shape]
    documents = [docx_bytes(prefix + unit * (size // len(unit)) + suffix)
                 for size in (400_000, 1_600_000)]
    read_docx("x.docx", documents[0])  # warm up
    best = [float("inf")] * len(documents)
    gc.collect()
    gc.disable()
    try:
        # interleaved, the best of nine or more, in CPU time: the machine is shared, so more
        # turns (up to 21) while the first ones say more than the bound
        for turn in range(21):
            for i, data in enumerate(documents):
                started = time.process_time()
                read_docx("x.docx", data)
                best[i] = min(best[i], time.process_time() - started)
            if turn >= 8 and best[1] / best[0] <= 5:
                break
    finally:
        gc.enable()
    return best[0], best[1]


@cache
def _fresh_docx_times() -> dict[str, tuple[float, float]]:
    """``_docx_times`` of every shape in a fresh interpreter, a shape over 5× measured again in
    another (``fresh_timing``): CI once gave 5.9× and 6.1× for shapes at 4.2× alone."""
    from fresh_timing import fresh_ratios

    return fresh_ratios("test_hostile_readers", "_docx_times", list(SHAPES), 5,
                        env={"PLAN_PARSER_MAX_TEXT_CHARS": "100000000"})


def test_one_huge_paragraph_is_read_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs are read and dropped as they end: a paragraph of 16 MB of XML never sits in
    memory whole (lxml's memory is not traced: the process's peak is measured in a child)."""
    import subprocess
    import sys

    run = "<w:r><w:rPr><w:b/></w:rPr><w:t>x</w:t></w:r>"
    body = "<w:p>" + run * (16 * MB // len(run)) + "</w:p>"
    path = write(tmp_path, "one.docx", docx_bytes(body))
    code = (
        "import resource, sys\n"
        "from plan_parser.readers import read_document\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "doc = read_document(sys.argv[1])\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(len(doc.text), (after - before) // 1024)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    chars, grown_mb = map(int, result.stdout.split())
    assert chars == 16 * MB // len(run)
    assert grown_mb < 100, f"reading grew the process by {grown_mb} MB"  # whole tree: 180 MB


# --------------------------------------------------------------------------- streaming == tree


class RandomBody:
    """Random WordprocessingML bodies mixing what the reader handles and what it skips."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = ["Kế", "hoạch", "số", "5", "năm", "2026", "&amp;", "đạt", "100%"]

    def text(self) -> str:
        return " ".join(self.rng.choice(self.words) for _ in range(self.rng.randint(0, 4)))

    def body(self) -> str:
        return "".join(self.block(0) for _ in range(self.rng.randint(1, 8)))

    def block(self, depth: int) -> str:
        choices = ["p"] * 5 + (["tbl", "sdt", "ins", "alt", "custom", "junk"] if depth < 3 else [])
        kind = self.rng.choice(choices)
        if kind == "p":
            return self.paragraph(depth)
        if kind == "tbl":
            return "<w:tbl><w:tblPr/>" + "".join(self.row(depth) for _ in range(2)) + "</w:tbl>"
        if kind == "sdt":
            return f"<w:sdt><w:sdtPr/><w:sdtContent>{self.blocks(depth)}</w:sdtContent></w:sdt>"
        if kind == "ins":
            return f'<w:ins w:id="9">{self.blocks(depth)}</w:ins>'
        if kind == "custom":
            return f'<w:customXml w:element="x">{self.blocks(depth)}</w:customXml>'
        if kind == "alt":
            fallback = ""
            if self.rng.random() < 0.7:
                fallback = f"<mc:Fallback>{self.blocks(depth)}</mc:Fallback>"
            stray = self.paragraph(depth) if self.rng.random() < 0.2 else ""  # never read
            return (
                f"<mc:AlternateContent><mc:Choice Requires=\"w14\">{self.blocks(depth)}"
                f"</mc:Choice>{stray}{fallback}</mc:AlternateContent>"
            )
        junk = self.rng.choice(['<w:bookmarkStart w:id="1" w:name="b"/>', "<!--c-->", "<?pi x?>",
                                "&e;"])
        return f"{junk}<w:foo>{self.blocks(depth)}</w:foo>"

    def blocks(self, depth: int) -> str:
        return "".join(self.block(depth + 1) for _ in range(self.rng.randint(0, 3)))

    def row(self, depth: int) -> str:
        cells = []
        for _ in range(self.rng.randint(1, 3)):
            merge = self.rng.choice(["", '<w:vMerge w:val="restart"/>', "<w:vMerge/>",
                                     '<w:hMerge w:val="continue"/>'])
            content = self.blocks(depth) + self.paragraph(depth + 1)
            cell = f"<w:tc><w:tcPr>{merge}</w:tcPr>{content}</w:tc>"
            if self.rng.random() < 0.2:
                cell = f"<w:sdt><w:sdtContent>{cell}</w:sdtContent></w:sdt>"
            cells.append(cell)
        return "<w:tr>" + "".join(cells) + "</w:tr>"

    def paragraph(self, depth: int) -> str:
        props = ""
        if self.rng.random() < 0.3:
            level = self.rng.randint(0, 1)
            props = (f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/>'
                     "</w:numPr></w:pPr>")
        inline = "".join(self.inline(depth) for _ in range(self.rng.randint(0, 5)))
        return f"<w:p>{props}{inline}</w:p>"

    def inline(self, depth: int) -> str:
        kinds = ["r"] * 6 + ["link", "ins", "del", "sdt", "alt", "anchor", "junk", "box"]
        kind = self.rng.choice(kinds if depth < 4 else ["r"])
        if kind == "r":
            return self.run()
        if kind in ("link", "ins"):
            tag = "hyperlink" if kind == "link" else "ins"
            return f"<w:{tag}>{self.inlines(depth)}</w:{tag}>"
        if kind == "del":
            return f"<w:del><w:r><w:delText>{self.text()}</w:delText></w:r></w:del>"
        if kind == "sdt":
            return f"<w:sdt><w:sdtPr/><w:sdtContent>{self.inlines(depth)}</w:sdtContent></w:sdt>"
        if kind == "alt":
            branches = [f"<mc:Choice>{self.inlines(depth)}</mc:Choice>",
                        f"<mc:Choice>{self.inlines(depth)}</mc:Choice>", self.run(),
                        f"<mc:Fallback>{self.inlines(depth)}</mc:Fallback>"]
            kept = [b for b in branches if self.rng.random() < 0.7]
            return f"<mc:AlternateContent>{''.join(kept)}</mc:AlternateContent>"
        if kind == "anchor":
            i = self.rng.randint(0, 4)
            return self.rng.choice([f'<w:commentRangeStart w:id="{i}"/>',
                                    f'<w:r><w:commentReference w:id="{i}"/></w:r>'])
        if kind == "box":
            return (f"<w:r><w:drawing><w:txbxContent>{self.blocks(depth)}</w:txbxContent>"
                    "</w:drawing></w:r>")
        return self.rng.choice(['<w:proofErr/><w:bookmarkEnd w:id="1"/>', "<!--c-->",
                                "<?pi x?>", "&e;"])

    def inlines(self, depth: int) -> str:
        return "".join(self.inline(depth + 1) for _ in range(self.rng.randint(0, 3)))

    def run(self) -> str:
        hidden = "<w:rPr><w:vanish/></w:rPr>" if self.rng.random() < 0.1 else ""
        pieces = [f"<w:t>{self.text()}</w:t>", "<w:tab/>", "<w:br/>", '<w:sym w:char="F0B7"/>',
                  f"<w:t>{self.text()}&e;<!--c-->{self.text()}</w:t>", "<!--c-->"]
        inner = "".join(self.rng.choice(pieces) for _ in range(self.rng.randint(1, 3)))
        return f"<w:r>{hidden}{inner}</w:r>"


def tree_reading(document: bytes) -> tuple[str, dict[int, list[str]]]:
    """What the walker reads from the whole tree at once: the reference for the stream."""
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    body = etree.fromstring(document, parser).find(f"{W}body")
    walker = _BodyWalker(Numbering(etree.fromstring(NUMBERING), None))
    text = "\n".join(walker.block_lines(body))
    texts = {str(i): f"ghi chú {i}" for i in range(4)}
    comments = {line: [texts[i] for i in ids if i in texts]
                for line, ids in walker.comment_ids.items()}
    return text, comments


@pytest.mark.parametrize("seed", range(200))
def test_streamed_body_reads_as_the_whole_tree(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stream (fed a few bytes at a time, dropping what it read after each) reads random
    bodies exactly as the walker reads the whole tree."""
    from plan_parser.readers import docx_reader

    monkeypatch.setattr(docx_reader, "_CHUNK", 1 + seed % 97)
    body = RandomBody(seed).body() + "<w:p><w:r><w:t>Hết.</w:t></w:r></w:p>"
    document = document_xml(body, '<!DOCTYPE w:document [<!ENTITY e "E">]>')
    parts = package_parts(document)
    parts["word/_rels/document.xml.rels"] = document_rels("numbering", "comments")
    parts["word/numbering.xml"] = NUMBERING
    parts["word/comments.xml"] = COMMENTS
    doc = read_docx("random.docx", zip_parts(parts))
    text, comments = tree_reading(document)
    assert doc.text == text
    assert doc.comments == comments


# --------------------------------------------------------------------------- case 15: entity


def test_text_after_an_entity_reference_is_kept(tmp_path: Path) -> None:
    """Case 15: the entity is not expanded (no XML bombs), the rest of the paragraph stays."""
    doctype = '<!DOCTYPE w:document [<!ENTITY org "Ủy ban nhân dân">]>'
    body = (
        "<w:p><w:r><w:t>Căn cứ &org; xã Lâm Thao</w:t></w:r><w:r><w:t>, năm 2026</w:t></w:r>"
        "</w:p>"
    )
    doc = read_document(write(tmp_path, "entity.docx", docx_bytes(body, doctype)))
    assert doc.text == "Căn cứ &org; xã Lâm Thao, năm 2026"


def test_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    body = "<w:p><w:r><w:t>Kế hoạch &a9; số 5</w:t></w:r></w:p>"
    path = write(tmp_path, "laughs.docx", docx_bytes(body, f"<!DOCTYPE w:document [{entities}]>"))
    result, elapsed, peak = measure(lambda: read_document(path))
    if isinstance(result, InputError):  # libxml2 >= 2.12 refuses the amplification itself
        refusal(result, path, "malformed XML", "entity")
    else:
        assert result.text == "Kế hoạch &a9; số 5"
    assert elapsed < 5 and peak < 20 * MB


def test_macro_enabled_main_part_is_refused(tmp_path: Path) -> None:
    macro = "application/vnd.ms-word.document.macroEnabled.main+xml"
    data = zip_parts(package_parts(document_xml(PARAGRAPH), macro))
    path = write(tmp_path, "macro.docx", data)
    refusal(measure(lambda: read_document(path))[0], path, "not a Word .docx", "macro-enabled")


def test_encrypted_zip_entry_is_refused(tmp_path: Path) -> None:
    data = bytearray(docx_bytes(PARAGRAPH))
    central = data.index(b"PK\x01\x02")
    while central >= 0:  # set the "encrypted" bit of every entry in the ZIP directory
        data[central + 8] |= 1
        central = data.find(b"PK\x01\x02", central + 4)
    path = write(tmp_path, "encrypted.docx", bytes(data))
    refusal(measure(lambda: read_document(path))[0], path, "encrypted")


# --------------------------------------------------------------------------- the text limit


def test_text_limit_holds_for_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_limit(monkeypatch, "max_text_chars", 1000)
    long_text = "Kế hoạch số 5 năm 2026.\n" * 100
    paths = [
        write(tmp_path, "long.txt", long_text.encode()),
        write(tmp_path, "long.md", long_text.encode()),
        write(tmp_path, "utf16.txt", long_text.encode("utf-16")),  # 2 bytes a character
        write(tmp_path, "long.docx", docx_bytes(PARAGRAPH * 30)),
        PLANS / sorted(p.name for p in PLANS.glob("*.pdf"))[0],
    ]
    for path in paths:
        refusal(measure(lambda p=path: read_document(p))[0], path, "text too long", "1,000",
                "PLAN_PARSER_MAX_TEXT_CHARS")
    set_limit(monkeypatch, "max_text_chars", len(long_text))
    assert read_document(paths[0]).text == long_text  # exactly at the limit: read


def test_text_limit_is_checked_after_every_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a reader does, read_document refuses a text over the limit."""
    from plan_parser.readers import source_from_text, text_reader

    set_limit(monkeypatch, "max_text_chars", 10)
    monkeypatch.setattr(
        text_reader, "read_text", lambda name, data, fmt: source_from_text("x" * 11, name, fmt)
    )
    path = write(tmp_path, "short.txt", b"abc")
    error = measure(lambda: read_document(path))[0]
    refusal(error, path, "11 characters, more than the limit of 10")


def test_49_9_mb_text_file_is_refused_by_the_text_limit(tmp_path: Path) -> None:
    """Case 7 at the real scale: refused before decoding, in well under a second."""
    line = "Kế hoạch số 5 năm 2026 về việc phát triển kinh tế - xã hội.\n".encode()
    data = line * (int(49.9 * MB) // len(line))
    path = write(tmp_path, "big.txt", data)
    error, elapsed, peak = measure(lambda: read_document(path))
    refusal(error, path, "text too long", f"{limits().max_text_chars:,}",
            "PLAN_PARSER_MAX_TEXT_CHARS")
    assert elapsed < 10
    assert peak < 200 * MB  # the file (50 MB) and one copy of it at most


def test_file_size_limit_comes_from_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_limit(monkeypatch, "max_file_bytes", 1000)
    assert dispatch.MAX_BYTES == 1000
    path = write(tmp_path, "plan.txt", b"x" * 1001)
    refusal(measure(lambda: read_document(path))[0], path, "file too large",
            "PLAN_PARSER_MAX_FILE_BYTES")
    assert read_document(write(tmp_path, "small.txt", b"x" * 1000)).text == "x" * 1000


# --------------------------------------------------------------------------- case 16: PDF


def text_pdf(pages: list[str], bomb: bytes | None = None) -> PdfWriter:
    """A PDF with a page of Helvetica text per item of ``pages``, and then, if given, a page
    whose content stream is the deflated ``bomb``."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }))  # fmt: skip
    resources = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )

    def page_with(stream: DecodedStreamObject | StreamObject) -> None:
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = writer._add_object(stream)

    for text in pages:
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
        page_with(stream)
    if bomb is not None:
        stream = StreamObject()
        stream._data = zlib.compress(bomb)
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        page_with(stream)
    return writer


def save(writer: PdfWriter, path: Path) -> Path:
    with path.open("wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_aes_encrypted_pdf_with_empty_user_password_is_read(
    tmp_path: Path, algorithm: str
) -> None:
    """Case 16: needs the `cryptography` package that pyproject now declares."""
    writer = text_pdf(["Ke hoach so 5 nam 2026", "Dieu 2. Trach nhiem thi hanh"])
    writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm)
    path = save(writer, tmp_path / "locked.pdf")
    assert PdfReader(str(path)).is_encrypted
    doc = read_document(path)
    assert doc.text == "Ke hoach so 5 nam 2026\n\f\nDieu 2. Trach nhiem thi hanh"


def test_aes_encrypted_corpus_pdf_reads_as_the_original(tmp_path: Path) -> None:
    source = PLANS / sorted(p.name for p in PLANS.glob("*.pdf"))[0]
    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    # pypdf reads the encrypted copy, PDFium the original: the same words on the same lines
    encrypted = read_document(save(writer, tmp_path / "aes.pdf")).text
    assert [line.split() for line in encrypted.split("\n")] == \
        [line.split() for line in read_document(source).text.split("\n")]


def test_pdf_page_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = save(text_pdf([f"Trang {i} cua ke hoach so 5" for i in range(3)]), tmp_path / "p.pdf")
    set_limit(monkeypatch, "max_pdf_pages", 2)
    refusal(measure(lambda: read_document(path))[0], path, "too many pages", "3",
            "PLAN_PARSER_MAX_PDF_PAGES")
    set_limit(monkeypatch, "max_pdf_pages", 3)
    assert read_document(path).text.count("\f") == 2


def test_pdf_stream_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A content stream inflating past max_inflated_bytes refuses the PDF (pypdf's limit,
    set from ours), it is not read whole."""
    bomb = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * (8 * MB)
    path = save(text_pdf(["Ke hoach so 5 nam 2026 ve viec"], bomb), tmp_path / "bomb.pdf")
    set_limit(monkeypatch, "max_inflated_bytes", MB)
    error, elapsed, peak = measure(lambda: read_document(path))
    refusal(error, path, "PDF too large to read", "1 MB", "PLAN_PARSER_MAX_INFLATED_BYTES")
    assert elapsed < 5 and peak < 8 * MB
    set_limit(monkeypatch, "max_inflated_bytes", 16 * MB)
    assert read_document(path).text.endswith("\f\nx")
