"""Build the Word (.docx) and PDF twins of the sample plans in corpus/plans/.

For every ``corpus/plans/<stem>.txt`` this writes ``<stem>.docx``, typed the way a
Vietnamese office types a plan in Word:

* the "Số: ..." line and the "<place>, ngày ..." line sit in a borderless 1x2 table at the
  top (left: number, right: date line);
* markdown decoration becomes formatting: "#" headings -> "Heading 1..4" styles (the "#"
  removed), ``**bold**`` -> bold runs, ``***x***`` -> bold italic, lines ending in a
  two-space hard break -> separate paragraphs (every non-empty line is one paragraph);
* "-" lines and "+" lines (also "- +" lines, which become "+" items) are real Word list
  paragraphs: one bullet numbering whose level 0 shows "-" and level 1 shows "+", so the
  dash and plus come from numbering.xml and are NOT in the runs;
* each run of "a) ", "b) ", ... paragraphs (letters in order from a), other paragraphs such
  as "-" items may sit between them; a heading or an "I."/"1." paragraph ends the run) is
  a lowerLetter list with lvlText "%1)", one fresh numbering instance per run, restarted
  with w:startOverride; "I.", "1.", headings and odd sequences stay literal text;
* "Nơi nhận:" with its lines and the signature block go into a borderless 1x2 table at
  the end (left: recipients; right: authority lines, one empty paragraph, signer's name);
* a page header "DỰ THẢO" and a footer with a PAGE field, which readers must ignore.

The text itself is never corrected: same words, same typos, same page-break splits.
The build is deterministic (fixed core properties and ZIP timestamps); files whose bytes
would not change are not rewritten.

PDF twins: for the stems in ``PDF_STEMS`` the .docx is converted with LibreOffice 7.4
(Debian 12: ``apt-get install -y --no-install-recommends libreoffice-writer-nogui
fonts-liberation2``, then ``soffice --headless --convert-to pdf``). Times New Roman is
replaced by the metric-compatible Liberation Serif, embedded as a subset. It must be
Liberation **2** (fonts-liberation2): Liberation 1.x lacks most Vietnamese letters, so
LibreOffice draws them from a fallback font in separate text runs and pypdf then extracts
"K  HO CHẾ Ạ" for "KẾ HOẠCH"; the build checks the extracted text and stops if that
happens. A PDF is only regenerated when its .docx changed or it is missing (LibreOffice
stamps PDFs with the time, so regenerating always changes the bytes), or with
``--force-pdf``.

Usage: ``.venv/bin/python tools/build_twins.py [--force-pdf] [--no-pdf]``. Tests do not run it.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "corpus" / "plans"
PDF_STEMS = ("000_3eabe0cf1b1d1b61", "002_13f964805a2db5fd")

FONT = "Times New Roman"
FIXED_TIME = dt.datetime(2026, 1, 1, 8, 0, 0, tzinfo=dt.UTC)
ZIP_TIME = (2026, 1, 1, 8, 0, 0)

BULLET_ABSTRACT_ID = 90
LETTER_ABSTRACT_ID = 91
BULLET_NUM_ID = 90
FIRST_LETTER_NUM_ID = 100

_HEADING_RE = re.compile(r"^(#{1,6})\s+")
_INLINE_RE = re.compile(r"(\*\*\*|\*\*)")
_LETTER_RE = re.compile(r"^([a-z])\) ")
_SECTION_RE = re.compile(r"^(?:\d+|[IVXLC]+)\.\s")
_DATE_RE = re.compile(r"^[^,\n]+, ngày\b")


@dataclass(slots=True)
class Segment:
    """A piece of text with its character formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(slots=True)
class Line:
    """One paragraph-to-be: its runs, heading level and list membership."""

    segments: list[Segment]
    heading: int = 0
    list_kind: str | None = None  # "bullet" or "letter"
    list_level: int = 0
    num_id: int | None = None
    block_index: int = 0
    first_in_block: bool = False
    extras: dict[str, bool] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The plain text of the line."""
        return "".join(seg.text for seg in self.segments)


# --------------------------------------------------------------------------- parsing


def parse_plan(source: str) -> list[Line]:
    """Split a markdown-ish plan into paragraph lines with formatting and list marks."""
    lines: list[Line] = []
    blocks = [b for b in re.split(r"\n[ \t]*\n", source.replace("\r\n", "\n")) if b.strip()]
    for index, block in enumerate(blocks):
        raw_lines = block.split("\n")
        headings = []
        for i, raw in enumerate(raw_lines):
            match = _HEADING_RE.match(raw)
            headings.append(len(match.group(1)) if match else 0)
            raw_lines[i] = raw[match.end() :] if match else raw
        for i, segments in enumerate(_split_lines(_inline_segments("\n".join(raw_lines)))):
            line = Line(_strip_trailing(segments), heading=headings[i], block_index=index)
            line.first_in_block = i == 0
            if line.text.strip():
                lines.append(line)
    _mark_bullets(lines)
    _mark_letter_runs(lines)
    return lines


def _inline_segments(text: str) -> list[Segment]:
    """Turn ``**``/``***`` toggles into formatted segments (they may span lines)."""
    segments: list[Segment] = []
    bold = italic = False
    for piece in _INLINE_RE.split(text):
        if piece == "***":
            bold, italic = not bold, not italic
        elif piece == "**":
            bold = not bold
        elif piece:
            segments.append(Segment(piece, bold, italic))
    return segments


def _split_lines(segments: list[Segment]) -> list[list[Segment]]:
    lines: list[list[Segment]] = [[]]
    for seg in segments:
        parts = seg.text.split("\n")
        for j, part in enumerate(parts):
            if j:
                lines.append([])
            if part:
                lines[-1].append(Segment(part, seg.bold, seg.italic))
    return lines


def _strip_trailing(segments: list[Segment]) -> list[Segment]:
    """Drop trailing whitespace (markdown hard breaks) from the end of a line."""
    segments = [copy.copy(s) for s in segments]
    while segments and not segments[-1].text.rstrip():
        segments.pop()
    if segments:
        segments[-1].text = segments[-1].text.rstrip()
    return segments


def _drop_prefix(line: Line, count: int) -> None:
    """Remove ``count`` characters from the start of the line's runs."""
    while count and line.segments:
        first = line.segments[0]
        if len(first.text) <= count:
            count -= len(first.text)
            line.segments.pop(0)
        else:
            first.text = first.text[count:]
            count = 0


def _mark_bullets(lines: list[Line]) -> None:
    for line in lines:
        if line.heading:
            continue
        text = line.text
        for prefix, level in (("- + ", 1), ("+ ", 1), ("- ", 0)):
            if text.startswith(prefix):
                _drop_prefix(line, len(prefix))
                line.list_kind, line.list_level, line.num_id = "bullet", level, BULLET_NUM_ID
                break


def _mark_letter_runs(lines: list[Line]) -> None:
    """Give every run a), b), c)... its own numbering instance; leave the rest literal."""
    next_num = FIRST_LETTER_NUM_ID
    current: int | None = None
    expected = ""
    for line in lines:
        if line.heading or _SECTION_RE.match(line.text):
            current = None
            continue
        if line.list_kind:
            continue
        match = _LETTER_RE.match(line.text)
        if not match:
            continue
        letter = match.group(1)
        if letter == "a":
            current, next_num = next_num, next_num + 1
        elif current is None or letter != expected:
            continue
        expected = chr(ord(letter) + 1)
        _drop_prefix(line, len(match.group(0)))
        line.list_kind, line.list_level, line.num_id = "letter", 0, current


# --------------------------------------------------------------------------- layout


def split_layout(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line], list[Line]]:
    """(top-table lines, body lines, recipient lines, signature lines)."""
    top: list[Line] = []
    body = list(lines)
    so = next((i for i, ln in enumerate(body) if ln.text.startswith("Số")), None)
    if so is not None and so + 1 < len(body) and _DATE_RE.match(body[so + 1].text):
        top = [body[so], body[so + 1]]
        body = body[:so] + body[so + 2 :]
    recipients: list[Line] = []
    signature: list[Line] = []
    noi_nhan = next(
        (i for i, ln in enumerate(body) if ln.text.strip().rstrip(":") == "Nơi nhận"), None
    )
    if noi_nhan is not None:
        end = noi_nhan + 1
        while end < len(body) and body[end].list_kind == "bullet":
            end += 1
        recipients = body[noi_nhan:end]
        signature = body[end:]
        body = body[:noi_nhan]
    return top, body, recipients, signature


# --------------------------------------------------------------------------- writing


def build_document(source: str, title: str) -> docx.document.Document:
    """A python-docx Document twin of one plan's text."""
    lines = parse_plan(source)
    top, body, recipients, signature = split_layout(lines)
    document = docx.Document()
    _setup_page(document)
    _setup_styles(document)
    _add_numbering(document, lines)
    _add_header_footer(document)
    _set_core_properties(document, title)
    # python-docx starts with an empty body (only sectPr)
    if top:
        cells = _borderless_row(document, (Cm(6.5), Cm(9.5)))
        _fill_cell(cells[0], [top[0]], align=WD_ALIGN_PARAGRAPH.CENTER)
        _fill_cell(cells[1], [top[1]], align=WD_ALIGN_PARAGRAPH.CENTER, italic=True)
    title_blocks = _title_blocks(body)
    for line in body:
        paragraph = document.add_paragraph()
        _write_line(paragraph, line)
        if line.block_index in title_blocks and not line.list_kind:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.first_line_indent = Cm(0)
            for run in paragraph.runs:
                run.bold = True
    if recipients or signature:
        cells = _borderless_row(document, (Cm(7.5), Cm(8.5)))
        _fill_cell(cells[0], recipients, size=Pt(11))
        if recipients:
            first = cells[0].paragraphs[0]
            first.runs[0].font.size = Pt(12)
            for run in first.runs:
                run.bold = run.italic = True
        _fill_signature(cells[1], signature)
    return document


def _title_blocks(body: list[Line]) -> set[int]:
    """Block indexes of the "KẾ HOẠCH" title and its summary (trích yếu)."""
    for i, line in enumerate(body):
        if line.text.strip() == "KẾ HOẠCH":
            blocks = {line.block_index}
            same_block = [ln for ln in body if ln.block_index == line.block_index]
            if len(same_block) == 1 and i + 1 < len(body):
                blocks.add(body[i + 1].block_index)
            return blocks
    return set()


def _write_line(paragraph: Paragraph, line: Line) -> None:
    if line.heading:
        paragraph.style = paragraph.part.document.styles[f"Heading {min(line.heading, 4)}"]
    for seg in line.segments:
        run = paragraph.add_run(seg.text)
        if seg.bold:
            run.bold = True
        if seg.italic:
            run.italic = True
    if line.num_id is not None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = line.list_level
        num_pr.get_or_add_numId().val = line.num_id


def _borderless_row(document: docx.document.Document, widths: tuple[Cm, Cm]) -> list[_Cell]:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))
    cells = list(table.rows[0].cells)
    for cell, width in zip(cells, widths, strict=True):
        cell.width = width
    return cells


def _fill_cell(
    cell: _Cell,
    lines: list[Line],
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    italic: bool = False,
    size: Pt | None = None,
) -> None:
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _write_line(paragraph, line)
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Cm(0)
        fmt.space_after = Pt(0)
        if align is not None:
            paragraph.alignment = align
        for run in paragraph.runs:
            if italic:
                run.italic = True
            if size is not None:
                run.font.size = size


def _fill_signature(cell: _Cell, lines: list[Line]) -> None:
    """Authority and title lines, one empty paragraph for the signature, then the name."""
    if not lines:
        return
    *authority, name = lines
    for i, line in enumerate(authority):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _write_line(paragraph, line)
    cell.add_paragraph()
    _write_line(cell.add_paragraph(), name)
    for paragraph in cell.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Cm(0)
        paragraph.paragraph_format.space_after = Pt(0)
        for run in paragraph.runs:
            run.bold = True


def _setup_page(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)


def _setup_styles(document: docx.document.Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    for level in range(1, 5):
        style = styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(14)
        style.font.bold = True
        style.font.italic = level >= 3
        style.font.color.rgb = None
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        rfonts.set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.first_line_indent = Cm(1)


def _lvl_xml(ilvl: int, fmt: str, text: str, indent: int) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:hint="default"/></w:rPr>'
        "</w:lvl>"
    )


def _add_numbering(document: docx.document.Document, lines: list[Line]) -> None:
    """Bullet list ("-" / "+") and one restarted lowerLetter instance per a), b)... run."""
    numbering = document.part.part_related_by(RT.NUMBERING).element
    bullet = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_ABSTRACT_ID}">'
        '<w:nsid w:val="5A1B2C3D"/><w:multiLevelType w:val="hybridMultilevel"/>'
        + _lvl_xml(0, "bullet", "-", 567)
        + _lvl_xml(1, "bullet", "+", 567)
        + "</w:abstractNum>"
    )
    letter = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LETTER_ABSTRACT_ID}">'
        '<w:nsid w:val="6B2C3D4E"/><w:multiLevelType w:val="singleLevel"/>'
        + _lvl_xml(0, "lowerLetter", "%1)", 567)
        + "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    for abstract in (bullet, letter):
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{BULLET_NUM_ID}">'
            f'<w:abstractNumId w:val="{BULLET_ABSTRACT_ID}"/></w:num>'
        )
    )
    letter_ids = sorted({ln.num_id for ln in lines if ln.list_kind == "letter" and ln.num_id})
    for num_id in letter_ids:
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{LETTER_ABSTRACT_ID}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                "</w:num>"
            )
        )


def _add_header_footer(document: docx.document.Document) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run("DỰ THẢO")
    run.bold = True
    run.font.size = Pt(12)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {ns}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {ns}><w:t>1</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        footer._p.append(parse_xml(xml.format(ns=nsdecls("w"))))


def _set_core_properties(document: docx.document.Document, title: str) -> None:
    props = document.core_properties
    props.author = "plan_parser build_twins"
    props.last_modified_by = "plan_parser build_twins"
    props.title = title
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1


def docx_bytes(document: docx.document.Document) -> bytes:
    """Serialize with fixed ZIP timestamps and entry order so rebuilding is byte-stable."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- driver


def build_docx(txt: Path) -> bool:
    """Write ``<stem>.docx`` next to ``txt``; return True if the file changed."""
    document = build_document(txt.read_text(encoding="utf-8"), txt.stem)
    data = docx_bytes(document)
    target = txt.with_suffix(".docx")
    if target.exists() and target.read_bytes() == data:
        return False
    target.write_bytes(data)
    return True


def build_pdf(docx_path: Path) -> None:
    """Convert a .docx to PDF with headless LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit(
            "soffice not found: apt-get install -y --no-install-recommends "
            "libreoffice-writer-nogui fonts-liberation2"
        )
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        produced = Path(tmp) / f"{docx_path.stem}.pdf"
        _check_pdf_text(produced)
        shutil.copyfile(produced, docx_path.with_suffix(".pdf"))


def _check_pdf_text(pdf: Path) -> None:
    """Stop if pypdf cannot get the Vietnamese title back (fallback-font glyph runs)."""
    from pypdf import PdfReader

    first_page = PdfReader(str(pdf)).pages[0].extract_text()
    if "KẾ HOẠCH" not in first_page:
        raise SystemExit(
            f"{pdf.name}: Vietnamese text does not extract cleanly; install fonts-liberation2 "
            "(Liberation Serif 2.x) so LibreOffice does not fall back to another font"
        )


def main(argv: list[str] | None = None) -> int:
    """Build every twin; print what changed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force-pdf", action="store_true", help="regenerate PDFs anyway")
    parser.add_argument("--no-pdf", action="store_true", help="build only the .docx twins")
    args = parser.parse_args(argv)
    for txt in sorted(PLANS.glob("*.txt")):
        changed = build_docx(txt)
        print(f"{txt.with_suffix('.docx').name}: {'written' if changed else 'unchanged'}")
        pdf = txt.with_suffix(".pdf")
        wants_pdf = txt.stem in PDF_STEMS and not args.no_pdf
        if wants_pdf and (changed or args.force_pdf or not pdf.exists()):
            build_pdf(txt.with_suffix(".docx"))
            print(f"{pdf.name}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
