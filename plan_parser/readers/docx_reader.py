"""Word (.docx) reader: the body text in document order, one line per paragraph.

Text format (what every offset refers to):

* every paragraph of the body becomes one line; lines are joined with ``"\\n"``;
  empty paragraphs give empty lines; line breaks inside a paragraph (``w:br``, ``w:cr``)
  stay ``"\\n"``, tabs stay ``"\\t"``;
* tables are read row by row, cell by cell, each cell's paragraphs as lines (no cell or
  row separators); merged cells are read once; nested tables are read in place;
* automatic numbering is kept as text: the label Word would display, then one space,
  then the paragraph text (an empty numbered paragraph gives the label alone);
* headers, footers, footnotes, comments, text boxes and deleted (tracked) text are
  ignored; inserted (tracked) text, hyperlinks, fields' results and content controls
  are read; hidden (``w:vanish``) runs are skipped.

Numbering follows Word rather than the letter of ECMA-376 where they differ: counters run
per abstract numbering definition (every ``w:num`` pointing at it shares them), and a
``w:startOverride`` restarts a level the first time its ``w:num`` uses that level.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from plan_parser.readers import SourceDocument
from plan_parser.readers.errors import InputError

__all__ = ["format_number", "read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC, _R = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}r"
_SDT, _SDT_CONTENT = f"{_W}sdt", f"{_W}sdtContent"
_ALTERNATE = f"{_MC}AlternateContent"
_VAL = f"{_W}val"

#: Containers whose children are read as if they were in the parent.
_BLOCK_WRAPPERS = {f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"}
_INLINE_WRAPPERS = {
    f"{_W}hyperlink",
    f"{_W}ins",
    f"{_W}moveTo",
    f"{_W}smartTag",
    f"{_W}customXml",
    f"{_W}fldSimple",
    f"{_W}bdo",
    f"{_W}dir",
}
_RUN_TEXT = {
    f"{_W}tab": "\t",
    f"{_W}ptab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
}

#: Private-use code points of the Symbol/Wingdings fonts commonly used as bullets.
_SYMBOL_BULLETS = {
    0xF0B7: "•",
    0xF02D: "-",
    0xF02B: "+",
    0xF0A7: "▪",
    0xF06C: "●",
    0xF06E: "■",
    0xF071: "❑",
    0xF076: "❖",
    0xF0D8: "➢",
    0xF0FC: "✓",
    0xF0AE: "→",
    0xF0DE: "⇒",
}
_SYMBOL_FONTS = {"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings"}

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip

_MAX_PART_BYTES = 200 * 1024 * 1024


def read_docx(path: str, data: bytes) -> SourceDocument:
    """Read the body text of a .docx file (see the module docstring for the format)."""
    document = _open(path, data)
    try:
        body = document.element.body
        if body is None:
            raise InputError(path, "corrupt .docx: word/document.xml has no document body")
        numbering = Numbering(
            _part_element(document, "numbering"), _part_element(document, "styles")
        )
        walker = _BodyWalker(numbering)
        lines = list(walker.block_lines(body))
        comments = _comments_by_line(document, walker.comment_ids)
    except InputError:
        raise
    except Exception as exc:  # damaged XML attributes and the like
        raise InputError(path, f"cannot read the Word document ({_describe(exc)})") from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "the Word document is empty (no text in its body)")
    return SourceDocument(
        path=path,
        format="docx",
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=None,
        comments=comments,
    )


def _comments_by_line(document: Any, ids_by_line: dict[int, list[str]]) -> dict[int, list[str]]:
    """The text of the Word comments anchored in each line (paragraph)."""
    if not ids_by_line:
        return {}
    try:
        texts = {str(c.comment_id): c.text for c in document.comments}
    except Exception:  # a damaged comments part must not lose the document
        return {}
    return {line: [texts[i] for i in ids if i in texts] for line, ids in ids_by_line.items()}


def _open(path: str, data: bytes) -> Any:
    """Open the package with python-docx, turning every failure into an InputError."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    _check_part_sizes(path, data)
    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"corrupt .docx: malformed XML inside the package ({exc})") from None
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(
            path, f"corrupt .docx: the ZIP container is damaged or truncated ({exc})"
        ) from None
    except KeyError as exc:
        raise InputError(path, f"corrupt .docx: a required part is missing ({exc})") from None
    except ValueError as exc:
        hint = (
            " (macro-enabled or template files: save as a plain .docx)"
            if "Word" in str(exc)
            else ""
        )
        raise InputError(path, f"not a Word .docx document: {exc}{hint}") from None
    except Exception as exc:
        raise InputError(path, f"cannot open the Word document ({_describe(exc)})") from None


def _check_part_sizes(path: str, data: bytes) -> None:
    """Refuse ZIP bombs before python-docx inflates every part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            path, f"corrupt .docx: the ZIP container is damaged or truncated ({exc})"
        ) from None
    if total > _MAX_PART_BYTES:
        raise InputError(path, f"file too large once unpacked ({total // 1024 // 1024} MB of XML)")


def _part_element(document: Any, kind: str) -> Any:
    """The root element of the document's numbering or styles part, or None."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    reltype = RT.NUMBERING if kind == "numbering" else RT.STYLES
    try:
        return document.part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


def _describe(exc: Exception) -> str:
    message = str(exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _child_val(element: Any, *path: str) -> str | None:
    """The ``w:val`` of the element at ``path`` (local names) below ``element``, or None."""
    for name in path:
        if element is None:
            return None
        element = element.find(f"{_W}{name}")
    return None if element is None else element.get(_VAL)


def _is_on(element: Any) -> bool:
    """True for a present on/off property (``w:val`` absent, "1", "true" or "on")."""
    return element is not None and element.get(_VAL, "true").lower() not in ("0", "false", "off")


# --------------------------------------------------------------------------- numbering


def format_number(value: int, num_fmt: str) -> str:
    """Render ``value`` in a Word number format (unknown formats fall back to decimal)."""
    if num_fmt == "decimalZero":
        return f"{value:02d}" if 0 <= value < 10 else str(value)
    if num_fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if num_fmt == "lowerLetter" else letter.upper()
    if num_fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = ""
        for amount, digits in _ROMAN:
            count, value = divmod(value, amount)
            roman += digits * count
        return roman if num_fmt == "lowerRoman" else roman.upper()
    if num_fmt == "none":
        return ""
    return str(value)


def bullet_text(text: str, font: str | None, unknown: str | None = "•") -> str:
    """Map Symbol/Wingdings bullet characters to ordinary Unicode; keep ordinary ones.

    Other private-use characters become ``unknown`` (kept as they are if it is None).
    """
    symbol_font = (font or "").lower() in _SYMBOL_FONTS
    out = []
    for ch in text:
        code = ord(ch)
        if symbol_font and code < 0x100:
            code += 0xF000
        if code in _SYMBOL_BULLETS:
            out.append(_SYMBOL_BULLETS[code])
        elif 0xF020 <= code < 0xF040:  # Symbol font: digits and ASCII punctuation
            out.append(chr(code - 0xF000))
        elif 0xE000 <= code <= 0xF8FF and unknown is not None:
            out.append(unknown)
        else:
            out.append(ch)
    return "".join(out)


@dataclass(slots=True)
class Level:
    """One ``w:lvl`` of an abstract numbering definition."""

    start: int = 1
    num_fmt: str = "decimal"
    text: str | None = None
    is_lgl: bool = False
    restart: int | None = None
    pstyle: str | None = None
    font: str | None = None

    @classmethod
    def parse(cls, lvl: Any) -> Level:
        """Build a level from its ``w:lvl`` element."""
        fonts = lvl.find(f"{_W}rPr/{_W}rFonts")
        font = None
        if fonts is not None:
            font = fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi")
        text_el = lvl.find(f"{_W}lvlText")
        start = _int(_child_val(lvl, "start"))
        return cls(
            start=1 if start is None else start,
            num_fmt=_child_val(lvl, "numFmt") or "decimal",
            text=None if text_el is None else text_el.get(_VAL, ""),
            is_lgl=_is_on(lvl.find(f"{_W}isLgl")),
            restart=_int(_child_val(lvl, "lvlRestart")),
            pstyle=_child_val(lvl, "pStyle"),
            font=font,
        )


@dataclass(slots=True)
class Instance:
    """A ``w:num``: which abstract definition it uses and its per-level overrides."""

    abstract_id: int
    start_overrides: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


class Numbering:
    """Numbering definitions plus the running counters of one pass over a document."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstracts: dict[int, dict[int, Level]] = {}
        self.style_links: dict[int, str] = {}  # abstractNumId -> w:numStyleLink
        self.instances: dict[int, Instance] = {}
        self.styles: dict[str, tuple[str | None, int | None, int | None]] = {}
        self.default_style: str | None = None
        if numbering is not None:
            self._parse_numbering(numbering)
        if styles is not None:
            self._parse_styles(styles)
        self.counters: dict[int, dict[int, int]] = {}
        self.used: set[tuple[int, int]] = set()

    def _parse_numbering(self, root: Any) -> None:
        for abstract in root.iterfind(f"{_W}abstractNum"):
            abstract_id = _int(abstract.get(f"{_W}abstractNumId"))
            if abstract_id is None:
                continue
            levels = {}
            for lvl in abstract.iterfind(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"))
                if ilvl is not None:
                    levels[ilvl] = Level.parse(lvl)
            self.abstracts[abstract_id] = levels
            link = _child_val(abstract, "numStyleLink")
            if link:
                self.style_links[abstract_id] = link
        for num in root.iterfind(f"{_W}num"):
            num_id = _int(num.get(f"{_W}numId"))
            abstract_id = _int(_child_val(num, "abstractNumId"))
            if num_id is None or abstract_id is None:
                continue
            instance = Instance(abstract_id)
            for override in num.iterfind(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"))
                if ilvl is None:
                    continue
                start = _int(_child_val(override, "startOverride"))
                if start is not None:
                    instance.start_overrides[ilvl] = start
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    instance.levels[ilvl] = Level.parse(lvl)
            self.instances[num_id] = instance

    def _parse_styles(self, root: Any) -> None:
        for style in root.iterfind(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if not style_id:
                continue
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            self.styles[style_id] = (
                _child_val(style, "basedOn"),
                _int(_child_val(num_pr, "numId")),
                _int(_child_val(num_pr, "ilvl")),
            )
            if style.get(f"{_W}type") == "paragraph" and _is_on_attr(style.get(f"{_W}default")):
                self.default_style = style_id

    def _style_numbering(self, style_id: str | None) -> tuple[int | None, int | None]:
        """numId and ilvl a paragraph style gives, following ``w:basedOn``."""
        num_id = ilvl = None
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            based_on, style_num, style_ilvl = self.styles[style_id]
            num_id = style_num if num_id is None else num_id
            ilvl = style_ilvl if ilvl is None else ilvl
            style_id = based_on
        return num_id, ilvl

    def _abstract_key(self, abstract_id: int) -> int:
        """Follow ``w:numStyleLink`` (list styles) to the definition holding the levels."""
        for _ in range(10):
            link = self.style_links.get(abstract_id)
            if link is None:
                break
            num_id, _ilvl = self._style_numbering(link)
            instance = self.instances.get(num_id) if num_id else None
            if instance is None or instance.abstract_id == abstract_id:
                break
            abstract_id = instance.abstract_id
        return abstract_id

    def _level(self, num_id: int, ilvl: int) -> Level:
        instance = self.instances[num_id]
        if ilvl in instance.levels:
            return instance.levels[ilvl]
        return self.abstracts.get(self._abstract_key(instance.abstract_id), {}).get(ilvl, Level())

    def resolve(self, p_pr: Any) -> tuple[int, int] | None:
        """The (numId, ilvl) that numbers a paragraph with properties ``p_pr``, if any."""
        num_pr = None if p_pr is None else p_pr.find(f"{_W}numPr")
        p_num = _int(_child_val(num_pr, "numId"))
        p_ilvl = _int(_child_val(num_pr, "ilvl"))
        style_id = _child_val(p_pr, "pStyle") if p_pr is not None else None
        style_num, style_ilvl = self._style_numbering(style_id or self.default_style)
        num_id = p_num if p_num is not None else style_num
        if not num_id or num_id not in self.instances:
            return None
        ilvl = p_ilvl if p_ilvl is not None else style_ilvl
        if ilvl is None:
            ilvl = self._level_for_style(num_id, style_id)
        return num_id, max(0, min(ilvl, 8))

    def _level_for_style(self, num_id: int, style_id: str | None) -> int:
        abstract = self.abstracts.get(self._abstract_key(self.instances[num_id].abstract_id), {})
        for ilvl, level in sorted(abstract.items()):
            if style_id and level.pstyle == style_id:
                return ilvl
        return 0

    def label(self, num_id: int, ilvl: int) -> str:
        """Advance the counters for one numbered paragraph and return its label."""
        key = self._abstract_key(self.instances[num_id].abstract_id)
        counters = self.counters.setdefault(key, {})
        level = self._level(num_id, ilvl)
        override = self.instances[num_id].start_overrides.get(ilvl)
        if (num_id, ilvl) not in self.used and override is not None:
            counters[ilvl] = override
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        self.used.add((num_id, ilvl))
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            restart = self._level(num_id, deeper).restart
            threshold = deeper if restart is None else restart
            if ilvl < threshold:
                del counters[deeper]
        return self._render(num_id, ilvl, level, counters)

    def _render(self, num_id: int, ilvl: int, level: Level, counters: dict[int, int]) -> str:
        if level.num_fmt == "none" or not level.text:
            return ""
        if level.num_fmt == "bullet":
            return bullet_text(level.text, level.font)
        out = []
        text = level.text
        i = 0
        while i < len(text):
            if text[i] == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                ref = int(text[i + 1]) - 1
                ref_level = self._level(num_id, ref)
                value = counters.get(ref, ref_level.start)
                num_fmt = "decimal" if level.is_lgl else ref_level.num_fmt
                out.append(format_number(value, num_fmt))
                i += 2
            else:
                out.append(text[i])
                i += 1
        return "".join(out)


def _is_on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


# --------------------------------------------------------------------------- body text


class _BodyWalker:
    """Turns block-level content into lines, numbering paragraphs on the way."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.line = 0  # index of the next line (every line is one paragraph)
        self.comment_ids: dict[int, list[str]] = {}  # line → ids of the comments anchored there

    def block_lines(self, container: Any) -> Iterator[str]:
        """Lines of the paragraphs and tables directly inside ``container``, in order."""
        for child in container:
            tag = child.tag
            if tag == _P:
                yield self.paragraph_line(child)
            elif tag == _TBL:
                yield from self.table_lines(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    yield from self.block_lines(content)
            elif tag in _BLOCK_WRAPPERS:
                yield from self.block_lines(child)
            elif tag == _ALTERNATE:
                choice = _alternate_choice(child)
                if choice is not None:
                    yield from self.block_lines(choice)

    def table_lines(self, table: Any) -> Iterator[str]:
        """Row by row, cell by cell; continuation cells of merges are skipped."""
        for row in _children(table, _TR):
            for cell in _children(row, _TC):
                if _is_merge_continuation(cell):
                    continue
                yield from self.block_lines(cell)

    def paragraph_line(self, p: Any) -> str:
        """The paragraph's text, prefixed with its numbering label and a space."""
        ids = [e.get(f"{_W}id") for e in p.iter(f"{_W}commentRangeStart",
                                                 f"{_W}commentReference")]
        if ids:
            self.comment_ids[self.line] = list(dict.fromkeys(i for i in ids if i is not None))
        line = self._numbered(p, "".join(_inline_text(p)))
        self.line += 1 + line.count("\n")  # a line break inside the paragraph adds a line
        return line

    def _numbered(self, p: Any, text: str) -> str:
        numbered = self.numbering.resolve(p.find(f"{_W}pPr"))
        if numbered is None:
            return text
        label = self.numbering.label(*numbered)
        if not label:
            return text
        return f"{label} {text}" if text else label


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tag)


def _is_merge_continuation(cell: Any) -> bool:
    tc_pr = cell.find(f"{_W}tcPr")
    if tc_pr is None:
        return False
    for merge in (tc_pr.find(f"{_W}vMerge"), tc_pr.find(f"{_W}hMerge")):
        if merge is not None and merge.get(_VAL, "continue") == "continue":
            return True
    return False


def _alternate_choice(alternate: Any) -> Any:
    """The fallback of an ``mc:AlternateContent`` (plain WordprocessingML), else the choice."""
    fallback = alternate.find(f"{_MC}Fallback")
    return fallback if fallback is not None else alternate.find(f"{_MC}Choice")


def _inline_text(container: Any) -> Iterator[str]:
    """Text of the runs in a paragraph (or inline wrapper), skipping deleted text."""
    for child in container:
        tag = child.tag
        if tag == _R:
            yield _run_text(child)
        elif tag in _INLINE_WRAPPERS:
            yield from _inline_text(child)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _inline_text(content)
        elif tag == _ALTERNATE:
            choice = _alternate_choice(child)
            if choice is not None:
                yield from _inline_text(choice)


def _run_text(run: Any) -> str:
    """Text of one ``w:r``: text, tabs, breaks and symbols; hidden runs give nothing."""
    if _is_on(run.find(f"{_W}rPr/{_W}vanish")):
        return ""
    parts = []
    for child in run:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
        elif tag == f"{_W}sym":
            code = _int_hex(child.get(f"{_W}char"))
            if code is not None:
                parts.append(bullet_text(chr(code), child.get(f"{_W}font"), unknown=None))
    return "".join(parts)


def _int_hex(value: str | None) -> int | None:
    try:
        code = int(value or "", 16)
    except ValueError:
        return None
    return code if 0 < code < 0x110000 else None
