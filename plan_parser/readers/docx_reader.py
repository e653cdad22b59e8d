"""Word (.docx) reader: the body text in document order, one line per paragraph.

Text format (what every offset refers to):

* every paragraph of the body becomes one line; lines are joined with ``"\\n"``;
  empty paragraphs give empty lines; line breaks inside a paragraph (``w:br``, ``w:cr``)
  stay ``"\\n"``, tabs stay ``"\\t"``;
* tables are read row by row, cell by cell, as converted documents write them: a line "|"
  before each cell, then the cell's paragraphs as lines, and a line "|" closing each row
  (so a table's columns can be read, ``plan_parser.extract.tables``); a merged cell's text is
  read once, its continuations are empty cells; nested tables are read in place;
* automatic numbering is kept as text: the label Word would display, then one space,
  then the paragraph text (an empty numbered paragraph gives the label alone);
* headers, footers, footnotes, comments, text boxes and deleted (tracked) text are
  ignored; inserted (tracked) text, hyperlinks, fields' results and content controls
  are read; hidden (``w:vanish``) runs are skipped.

Numbering follows Word rather than the letter of ECMA-376 where they differ: counters run
per abstract numbering definition (every ``w:num`` pointing at it shares them), and a
``w:startOverride`` restarts a level the first time its ``w:num`` uses that level.

Hostile files cost little (limits in ``plan_parser.limits``): only the parts read are
inflated, counted while inflating against ``max_inflated_bytes`` whatever the ZIP directory
declares; every part is parsed as a stream, dropping what was read, so time is linear in the
XML and memory bounded; entities are never expanded; reading stops once the text passes
``max_text_chars``.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import posixpath
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from plan_parser.limits import how_to_raise
from plan_parser.readers import SourceDocument
from plan_parser.readers.errors import InputError

__all__ = ["CELL_BORDER", "format_number", "read_docx"]

#: The line that opens a table cell or closes a row (as converted documents write it).
CELL_BORDER = "|"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC, _R = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}r"
_SDT, _SDT_CONTENT = f"{_W}sdt", f"{_W}sdtContent"
_ALTERNATE = f"{_MC}AlternateContent"
_CHOICE, _FALLBACK = f"{_MC}Choice", f"{_MC}Fallback"
_VAL = f"{_W}val"
_ID, _T, _SYM = f"{_W}id", f"{_W}t", f"{_W}sym"
_PPR, _RPR, _VANISH = f"{_W}pPr", f"{_W}rPr", f"{_W}vanish"
_COMMENT_ANCHORS = (f"{_W}commentRangeStart", f"{_W}commentReference")

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

_BODY = f"{_W}body"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OVERRIDE = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"
_CONTENT_TYPES = "[Content_Types].xml"
_MAIN_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
_DEFAULT_MAIN = "word/document.xml"

#: Properties kept when what comes before a block is dropped: later blocks need them.
_KEEP = frozenset({f"{_W}pPr", f"{_W}tcPr"})

#: Bytes inflated per read: what one step holds in memory, not a limit on the input.
_CHUNK = 64 * 1024


def read_docx(path: str, data: bytes) -> SourceDocument:
    """Read the body text of a .docx file (see the module docstring for the format).

    Only the parts needed are inflated (main document, numbering, styles, comments and their
    relationships), counted against ``limits().max_inflated_bytes`` while inflating; the body
    is parsed as a stream and reading stops once the text passes ``limits().max_text_chars``.
    """
    from lxml import etree

    try:
        with _Package(path, data) as package:
            text, comments = _read_package(path, package)
    except InputError:
        raise
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"corrupt .docx: malformed XML inside the package ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(
            path, f"corrupt .docx: the ZIP container is damaged or truncated ({exc})"
        ) from None
    except Exception as exc:  # damaged XML attributes, encrypted entries and the like
        raise InputError(path, f"cannot read the Word document ({_describe(exc)})") from None
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


def _read_package(path: str, package: _Package) -> tuple[str, dict[int, list[str]]]:
    """The body text and the comments by line of an open package."""
    main = package.main_part()
    related = package.related(main)
    numbering_part, styles_part = related.get("numbering"), related.get("styles")
    # styles matter only for the numbering they carry: none without a numbering part, or
    # when no style has a w:numPr (Word's styles.xml is often 350 KB: 6 ms to parse)
    styles = package.children(styles_part) \
        if numbering_part in package.names and package.mentions(styles_part, b"numPr") else None
    numbering = Numbering(package.children(numbering_part), styles)
    walker = _BodyWalker(numbering)
    lines = _BodyStream(walker, path).read(package.chunks(main))
    comments = _comments_by_line(package, related.get("comments"), walker.comment_ids)
    return "\n".join(lines), comments


def _comments_by_line(
    package: _Package, part: str | None, ids_by_line: dict[int, list[str]]
) -> dict[int, list[str]]:
    """The text of the Word comments anchored in each line (paragraph)."""
    if not ids_by_line:
        return {}
    wanted = {i for ids in ids_by_line.values() for i in ids}
    try:
        texts = {
            c.get(_ID): _comment_text(c)
            for c in package.children(part)
            if c.tag == f"{_W}comment" and c.get(_ID) in wanted
        }
    except InputError:
        raise
    except Exception:  # a damaged comments part must not lose the document
        return {}
    return {line: [texts[i] for i in ids if i in texts] for line, ids in ids_by_line.items()}


def _comment_text(comment: Any) -> str:
    """A comment's paragraphs, one line each."""
    return "\n".join("".join(_inline_text(p)) for p in comment.iterfind(_P))


class _Package:
    """The parts of a .docx (OPC) package, inflated on demand and counted while inflating.

    Every byte inflated from any entry counts towards ``limits().max_inflated_bytes``,
    whatever sizes the ZIP directory declares.
    """

    def __init__(self, path: str, data: bytes) -> None:
        from plan_parser.limits import limits

        self.path = path
        self.budget = limits().max_inflated_bytes
        self.inflated = 0
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise InputError(
                path, f"corrupt .docx: the ZIP container is damaged or truncated ({exc})"
            ) from None
        self.names = set(self.archive.namelist())

    def __enter__(self) -> _Package:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.archive.close()

    def chunks(self, name: str) -> Iterator[bytes]:
        """The inflated bytes of entry ``name``, a chunk at a time, counted against the limit."""
        with self.archive.open(name) as entry:
            while True:
                try:
                    chunk = entry.read(_CHUNK)
                except zipfile.BadZipFile as exc:
                    raise InputError(
                        self.path,
                        f"corrupt .docx: {name} does not inflate to what the ZIP directory "
                        f"declares ({exc}); the file is damaged or forged",
                    ) from None
                if not chunk:
                    return
                self.inflated += len(chunk)
                if self.inflated > self.budget:
                    raise InputError(self.path, self._too_much_message(name))
                yield chunk

    def _too_much_message(self, name: str) -> str:
        limit_mb = self.budget / 1024 / 1024
        return (
            f"too much data once unpacked: reading {name} passes {limit_mb:g} MB inflated "
            "from the package (the limit; a ZIP bomb?). " + how_to_raise("max_inflated_bytes")
        )

    def mentions(self, name: str | None, needle: bytes) -> bool:
        """Part ``name`` holds the bytes ``needle`` (inflated within the budget)."""
        if name is None or name not in self.names:
            return False
        tail = b""
        for chunk in self.chunks(name):
            if needle in tail + chunk:
                return True
            tail = chunk[-(len(needle) - 1):]
        return False

    def children(self, name: str | None) -> Iterator[Any]:
        """The children of the root element of XML part ``name`` (nothing if it is None or
        absent). The part is parsed as a stream and each child dropped once the caller is
        done with it: memory holds about one child, whatever the size of the part."""
        if name is None or name not in self.names:
            return
        chunks = self.chunks(name)
        head: list[bytes] = []
        size = 0
        for chunk in chunks:
            head.append(chunk)
            size += len(chunk)
            if size > _WHOLE_PART_BYTES:
                break
        else:  # a small part (styles, numbering, relationships): parsed at once, in C
            root = _whole_xml(b"".join(head))
            yield from [child for child in root if isinstance(child.tag, str)]
            return
        parser = _xml_parser(events=("start", "end"))
        root = None
        depth = 0
        for chunk in itertools.chain(head, chunks, [None]):
            if chunk is None:
                parser.close()
            else:
                parser.feed(chunk)
            for event, element in parser.read_events():
                depth += 1 if event == "start" else -1
                if root is None:
                    root = element
                elif event == "end" and depth == 1:
                    yield element
            while root is not None and len(root) > 1:  # done with, or comments and the like
                del root[0]

    def main_part(self) -> str:
        """The main document part, checked to be a Word document (not a macro or template)."""
        main = self._targets("", "/officeDocument").get("officeDocument", _DEFAULT_MAIN)
        if main not in self.names:
            raise InputError(
                self.path, f"corrupt .docx: the main document part {main} is missing"
            )
        content_type = self._content_type(main)
        if content_type is not None and content_type != _MAIN_CONTENT_TYPE:
            raise InputError(
                self.path,
                f"not a Word .docx document: its main part has content type '{content_type}' "
                "(macro-enabled or template files: save as a plain .docx)",
            )
        return main

    def related(self, part: str) -> dict[str, str]:
        """Numbering, styles and comments parts related to ``part``: kind → entry name."""
        return self._targets(part, "/numbering", "/styles", "/comments")

    def _targets(self, source: str, *kinds: str) -> dict[str, str]:
        """Internal targets of ``source``'s relationships whose type ends in one of ``kinds``."""
        folder, _, base = source.rpartition("/")
        found: dict[str, str] = {}
        for rel in self.children(f"{folder}/_rels/{base}.rels".lstrip("/")):
            if rel.tag != _RELATIONSHIP:
                continue
            kind = next((k for k in kinds if rel.get("Type", "").endswith(k)), None)
            target = rel.get("Target")
            if kind is None or not target or rel.get("TargetMode") == "External":
                continue
            found.setdefault(kind[1:], _resolve(folder, target))
        return found

    def _content_type(self, part: str) -> str | None:
        """The content type ``[Content_Types].xml`` overrides for ``part``, if any."""
        for override in self.children(_CONTENT_TYPES):
            if override.tag == _OVERRIDE and override.get("PartName", "").lstrip("/") == part:
                return override.get("ContentType")
        return None


def _resolve(folder: str, target: str) -> str:
    """The ZIP entry name of a relationship target, relative to the source's folder."""
    joined = target if target.startswith("/") else f"{folder}/{target}"
    return posixpath.normpath("/" + joined).lstrip("/")


_WHOLE_PART_BYTES = 4 * 1024 * 1024  # a part up to this size is parsed whole, not streamed


def _whole_xml(data: bytes) -> Any:
    """The root of a small XML part, parsed with the same safeguards as :func:`_xml_parser`
    (a styles.xml of 30,000 elements: about 1 ms, against 12 ms event by event in Python)."""
    from lxml import etree

    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def _xml_parser(**options: Any) -> Any:
    """A pull parser as python-docx configures its parser; entities are never expanded (no
    XML bombs), nothing is fetched, and libxml2's own limits on depth and text nodes stay."""
    from lxml import etree

    return etree.XMLPullParser(
        remove_blank_text=True, resolve_entities=False, no_network=True, **options
    )


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

    def __init__(self, numbering: Iterable[Any] | None, styles: Iterable[Any] | None) -> None:
        """``numbering`` and ``styles``: the children of the root of numbering.xml and of
        styles.xml (a root element itself will do), or None."""
        self.abstracts: dict[int, dict[int, Level]] = {}
        self.style_links: dict[int, str] = {}  # abstractNumId -> w:numStyleLink
        self.instances: dict[int, Instance] = {}
        self.styles: dict[str, tuple[str | None, int | None, int | None]] = {}
        self.default_style: str | None = None
        for item in () if numbering is None else numbering:
            if item.tag == f"{_W}abstractNum":
                self._add_abstract(item)
            elif item.tag == f"{_W}num":
                self._add_instance(item)
        for item in () if styles is None else styles:
            if item.tag == f"{_W}style":
                self._add_style(item)
        self.counters: dict[int, dict[int, int]] = {}
        self.used: set[tuple[int, int]] = set()

    def _add_abstract(self, abstract: Any) -> None:
        abstract_id = _int(abstract.get(f"{_W}abstractNumId"))
        if abstract_id is None:
            return
        levels = {}
        for lvl in abstract.iterfind(f"{_W}lvl"):
            ilvl = _int(lvl.get(f"{_W}ilvl"))
            if ilvl is not None:
                levels[ilvl] = Level.parse(lvl)
        self.abstracts[abstract_id] = levels
        link = _child_val(abstract, "numStyleLink")
        if link:
            self.style_links[abstract_id] = link

    def _add_instance(self, num: Any) -> None:
        num_id = _int(num.get(f"{_W}numId"))
        abstract_id = _int(_child_val(num, "abstractNumId"))
        if num_id is None or abstract_id is None:
            return
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

    def _add_style(self, style: Any) -> None:
        style_id = style.get(f"{_W}styleId")
        if not style_id:
            return
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
    """Turns block-level content into lines, numbering paragraphs on the way.

    ``block_lines`` reads a whole tree: it defines what is read, and ``_BodyStream``, which
    reads the document as a stream with ``paragraph_line``, is tested to read the same.
    """

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
        """Row by row, cell by cell, each cell after a border line and each row closed by
        one; continuation cells of merges are empty."""
        for row in _children(table, _TR):
            for cell in _children(row, _TC):
                yield self.border_line()
                if not _is_merge_continuation(cell):
                    yield from self.block_lines(cell)
            yield self.border_line()

    def border_line(self) -> str:
        """The line "|" that opens a cell or closes a row."""
        self.line += 1
        return CELL_BORDER

    def paragraph_line(
        self, p: Any, text: str | None = None, dropped_ids: Iterable[str] = ()
    ) -> str:
        """The paragraph's text, prefixed with its numbering label and a space.

        A stream gives the ``text`` it read and the comment anchors it dropped.
        """
        ids = [*dropped_ids, *(e.get(_ID) for e in p.iter(_COMMENT_ANCHORS))]
        if ids:
            self.comment_ids[self.line] = list(dict.fromkeys(i for i in ids if i is not None))
        if text is None:
            text = "".join(_inline_text(p))
        line = self._numbered(p, text)
        self.line += 1 + line.count("\n")  # a line break inside the paragraph adds a line
        return line

    def _numbered(self, p: Any, text: str) -> str:
        if not self.numbering.instances:
            return text
        numbered = self.numbering.resolve(p.find(_PPR))
        if numbered is None:
            return text
        label = self.numbering.label(*numbered)
        if not label:
            return text
        return f"{label} {text}" if text else label


# --------------------------------------------------------------------------- body stream


@dataclass(slots=True)
class _Alternate:
    """An ``mc:AlternateContent`` being parsed: the walker reads its ``mc:Fallback`` if it
    has one, else its first ``mc:Choice``. The choice is read as it comes, from a
    checkpoint the fallback (if one follows) goes back to."""

    element: Any
    read: bool  # the walker reads it, where it is
    inline: bool  # in the text of a paragraph (else a block)
    branch: Any = None  # the Choice or Fallback being read
    choice_seen: bool = False
    fallback_seen: bool = False
    checkpoint: tuple[Any, ...] | None = None


class _BodyStream:
    """Reads ``w:body`` from a stream of XML chunks into lines, holding little of the tree.

    The parser reports where paragraphs, runs and ``mc:AlternateContent`` branches start
    and end. A run of a paragraph the walker reads gives its text when it ends, the
    paragraph its line when it ends. After every chunk, what is complete along the path of
    open elements is dropped (keeping the paragraph and cell properties later lines need,
    and the comment anchors of the open paragraph): time is linear in the XML and memory
    bounded. Reading stops as soon as the text passes ``max_text_chars``.
    """

    def __init__(self, walker: _BodyWalker, path: str) -> None:
        from plan_parser.limits import limits

        self.walker = walker
        self.path = path
        self.max_chars = limits().max_text_chars
        self.chars = 0  # characters of the lines so far, with the newlines between them
        self.body: Any = None
        self.open: list[Any] = []  # the elements reported that have not ended
        self.alternates: list[_Alternate] = []  # the AlternateContent not ended, outermost first
        self.lines: list[str] = []
        self.paragraph: Any = None  # the paragraph being read, whose runs give text
        self.parts: list[str] = []  # its text so far
        self.parts_chars = 0
        self.ids: list[str] = []  # its comment anchors dropped so far

    def read(self, chunks: Iterable[bytes]) -> list[str]:
        """The lines of the body of the document whose XML is ``chunks``."""
        parser = _xml_parser(
            events=("start", "end"),
            tag=(_BODY, _P, _R, _ALTERNATE, _CHOICE, _FALLBACK, _TC, _TR),
        )
        for chunk in chunks:
            parser.feed(chunk)
            self._events(parser.read_events())
            self._sweep()
        parser.close()
        self._events(parser.read_events())
        if self.body is None:
            raise InputError(self.path, "corrupt .docx: word/document.xml has no document body")
        return self.lines

    def _events(self, events: Iterable[tuple[str, Any]]) -> None:
        for event, element in events:
            if event == "start":
                self.open.append(element)
                if self.body is not None:
                    self._start(element)
                elif element.tag == _BODY and _is_root(element.getparent()):
                    self.body = element
                continue
            self.open.pop()
            if self.body is None:
                continue
            tag = element.tag
            if tag == _R:
                paragraph = self._inline_paragraph(element)
                if paragraph is not None and self._open(paragraph):
                    self._add(_run_text(element))
            elif tag == _P:
                self._end_paragraph(element)
            elif tag == _TR and self._visible(element, role="row"):
                self._border()
            elif tag == _ALTERNATE and self.alternates and self.alternates[-1].element is element:
                self.alternates.pop()

    def _start(self, element: Any) -> None:
        tag = element.tag
        if tag == _TC:
            if self._visible(element, role="cell"):
                self._border()
            return
        if tag == _ALTERNATE:
            paragraph = self._inline_paragraph(element)
            if paragraph is not None:
                self.alternates.append(_Alternate(element, self._open(paragraph), inline=True))
            else:
                self.alternates.append(_Alternate(element, self._visible(element), inline=False))
            return
        if tag not in (_CHOICE, _FALLBACK) or not self.alternates:
            return
        alternate = self.alternates[-1]
        if not alternate.read or element.getparent() is not alternate.element:
            return
        if tag == _CHOICE and not (alternate.choice_seen or alternate.fallback_seen):
            alternate.choice_seen, alternate.branch = True, element
            alternate.checkpoint = self._checkpoint(alternate.inline)
        elif tag == _FALLBACK and not alternate.fallback_seen:
            alternate.fallback_seen, alternate.branch = True, element
            if alternate.checkpoint is not None:
                self._rollback(alternate.checkpoint)
            alternate.checkpoint = None

    def _end_paragraph(self, p: Any) -> None:
        if p is self.paragraph:
            text, ids = "".join(self.parts), self.ids
            self.paragraph, self.parts, self.parts_chars, self.ids = None, [], 0, []
        elif self._visible(p):
            text, ids = "", []  # no run gave text
        else:
            return  # the walker does not read it
        line = self.walker.paragraph_line(p, text, ids)
        self.chars += len(line) + 1
        if self.chars - 1 > self.max_chars:
            self._refuse()
        self.lines.append(line)

    def _border(self) -> None:
        line = self.walker.border_line()
        self.chars += len(line) + 1
        if self.chars - 1 > self.max_chars:
            self._refuse()
        self.lines.append(line)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.parts_chars += len(text)
        if self.chars + self.parts_chars > self.max_chars:
            self._refuse()

    def _refuse(self) -> None:
        from plan_parser.readers.dispatch import text_limit_error

        raise text_limit_error(self.path)

    def _open(self, paragraph: Any) -> bool:
        """Make ``paragraph`` the one being read; False if the walker does not read it here."""
        if paragraph is self.paragraph:
            return True
        if not self._visible(paragraph):
            return False
        self.paragraph, self.parts, self.parts_chars, self.ids = paragraph, [], 0, []
        return True

    # ---- AlternateContent: read the choice, go back if a fallback follows

    def _checkpoint(self, inline: bool) -> tuple[Any, ...]:
        if inline:
            return (True, len(self.parts), self.parts_chars)
        numbering = self.walker.numbering
        counters = {key: dict(levels) for key, levels in numbering.counters.items()}
        return (False, len(self.lines), self.chars, self.walker.line, counters,
                set(numbering.used))  # fmt: skip

    def _rollback(self, checkpoint: tuple[Any, ...]) -> None:
        if checkpoint[0]:
            _, parts, self.parts_chars = checkpoint
            del self.parts[parts:]
            return
        _, lines, self.chars, line, counters, used = checkpoint
        del self.lines[lines:]
        for dropped in [key for key in self.walker.comment_ids if key >= line]:
            del self.walker.comment_ids[dropped]
        self.walker.line = line
        self.walker.numbering.counters, self.walker.numbering.used = counters, used

    def _is_read_branch(self, branch: Any) -> bool:
        """Whether ``branch`` (a Choice or Fallback) is the one the walker reads."""
        parent = branch.getparent()
        for alternate in reversed(self.alternates):
            if alternate.element is parent:
                return alternate.read and alternate.branch is branch
        return False

    # ---- dropping what is done

    def _sweep(self) -> None:
        """Drop what is complete along the path of open elements, from the body down."""
        node, in_paragraph, readable = self.body, False, False
        while node is not None:
            tag = node.tag
            if tag in _KEEP or (tag in (_P, _R) and not _is_in(node, self.open)):
                return  # properties are kept whole; what ended was read
            if tag == _P:
                in_paragraph = readable = self._open(node)
            elif tag == _R:
                self._sweep_run(node, in_paragraph, readable)
                return
            anchored = in_paragraph and _has_anchor(node)
            dropped = _drop_done(node)
            if anchored:
                for element in dropped:
                    self.ids.extend(_anchor_ids(element))
            if not len(node):
                return
            child = node[-1]
            readable = readable and self._reads_on(node, child)
            node = child

    def _reads_on(self, parent: Any, child: Any) -> bool:
        """Whether ``_inline_text``, reading ``parent``, reads ``child`` too."""
        if parent.tag == _ALTERNATE:
            return child.tag in (_CHOICE, _FALLBACK) and self._is_read_branch(child)
        if parent.tag == _SDT:
            return _is_sdt_content(child)
        return child.tag in (_R, _SDT, _ALTERNATE) or child.tag in _INLINE_WRAPPERS

    def _sweep_run(self, run: Any, in_paragraph: bool, readable: bool) -> None:
        """Take the text of the complete children of a run still open, and drop them."""
        done = [child for child in run[:-1] if child.tag != _RPR]
        if readable and not _is_hidden(run):
            self._add("".join(_run_child_text(child) for child in done))
        if in_paragraph and done and _has_anchor(run):
            for child in done:
                self.ids.extend(_anchor_ids(child))
        for child in done:
            run.remove(child)

    # ---- where an element sits

    def _inline_paragraph(self, element: Any) -> Any:
        """The paragraph whose text (as ``_inline_text`` reads it) holds ``element``, or None."""
        node = element.getparent()
        while node is not None:
            tag = node.tag
            if tag == _P:
                return node
            if tag in _INLINE_WRAPPERS:
                node = node.getparent()
            elif _is_sdt_content(node) or (
                tag in (_CHOICE, _FALLBACK) and self._is_read_branch(node)
            ):
                node = node.getparent().getparent()
            else:
                return None
        return None

    def _visible(self, element: Any, role: str = "block") -> bool:
        """Whether the walker, run on the whole body, reads ``element`` there: a block, or
        (``role``) a cell or a row of a table."""
        node = element  # ``role``: what ``node`` is to its parent
        while True:
            parent = node.getparent()
            if parent is None:
                return False
            tag = parent.tag
            if parent is self.body:
                return role == "block"
            if _is_sdt_content(parent):
                node = parent.getparent()
            elif tag in _BLOCK_WRAPPERS:
                node = parent
            elif tag in (_CHOICE, _FALLBACK) and role == "block":
                if not self._is_read_branch(parent):
                    return False
                node = parent.getparent()
            elif tag == _TC and role == "block" and not _is_merge_continuation(parent):
                node, role = parent, "cell"
            elif tag == _TR and role == "cell":
                node, role = parent, "row"
            elif tag == _TBL and role == "row":
                node, role = parent, "block"
            else:
                return False


def _is_in(element: Any, elements: list[Any]) -> bool:
    return any(e is element for e in reversed(elements))


def _is_sdt_content(element: Any) -> bool:
    """A ``w:sdtContent`` the walker reads: the first in its ``w:sdt``."""
    if element.tag != _SDT_CONTENT:
        return False
    sdt = element.getparent()
    return sdt is not None and sdt.tag == _SDT and sdt.find(_SDT_CONTENT) is element


def _drop_done(element: Any) -> list[Any]:
    """Remove the children of ``element`` but the last (maybe still open) and the properties
    later lines need (``w:pPr``, ``w:tcPr``); return them in order."""
    dropped = [child for child in element[:-1] if child.tag not in _KEEP]
    for child in dropped:
        element.remove(child)
    return dropped


def _has_anchor(parent: Any) -> bool:
    """Whether a comment anchor is anywhere in ``parent`` (one quick scan in C)."""
    return next(parent.iter(_COMMENT_ANCHORS), None) is not None


def _anchor_ids(element: Any) -> list[str]:
    """Ids of the comments anchored in ``element`` (``w:commentRangeStart``, references)."""
    if not isinstance(element.tag, str):
        return []
    return [e.get(_ID) for e in element.iter(_COMMENT_ANCHORS)]


def _is_root(element: Any) -> bool:
    return element is not None and element.getparent() is None


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
    fallback = alternate.find(_FALLBACK)
    return fallback if fallback is not None else alternate.find(_CHOICE)


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
    parts = []
    seen_properties = False
    for child in run:  # one pass: this runs for every run of the document
        if child.tag != _RPR:
            parts.append(_run_child_text(child))
        elif not seen_properties:
            seen_properties = True
            if _is_on(next(child.iterchildren(_VANISH), None)):
                return ""
    return "".join(parts)


def _is_hidden(run: Any) -> bool:
    r_pr = next(run.iterchildren(_RPR), None)
    return r_pr is not None and _is_on(next(r_pr.iterchildren(_VANISH), None))


def _run_child_text(child: Any) -> str:
    tag = child.tag
    if tag == _T:  # an entity reference (never expanded) keeps the text after it
        return "".join(child.itertext()) if len(child) else child.text or ""
    if tag in _RUN_TEXT:
        return _RUN_TEXT[tag]
    if tag == _SYM:
        code = _int_hex(child.get(f"{_W}char"))
        if code is not None:
            return bullet_text(chr(code), child.get(f"{_W}font"), unknown=None)
    return ""


def _int_hex(value: str | None) -> int | None:
    try:
        code = int(value or "", 16)
    except ValueError:
        return None
    return code if 0 < code < 0x110000 else None
