"""Offset maps: where every character of a derived text came from in its source text.

A map is a list of *segments* that tile the derived text in order. A segment is either

* an **identity** segment: derived ``[n, n+k)`` is a verbatim copy of source ``[o, o+k)``, or
* a **block** segment: derived ``[n, n+k)`` replaces source ``[o, o_end)`` as a whole
  (NFC composition, an entity, a joined page break ...). Every character of a block maps to
  the whole source block.

Source text that was deleted simply lies between the source ranges of two segments.
Mapping is monotonic: a later derived character never maps to an earlier source position.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

Edit = tuple[int, int, str]  # (source start, source end, replacement); "" deletes


class OffsetMap:
    """Map derived-text positions to source-text positions (0-based, end exclusive)."""

    __slots__ = ("_ident", "_nstart", "_oend", "_ostart", "derived_length", "source_length")

    def __init__(
        self,
        nstart: list[int],
        ostart: list[int],
        oend: list[int],
        ident: list[bool],
        derived_length: int,
        source_length: int,
    ) -> None:
        self._nstart = nstart
        self._ostart = ostart
        self._oend = oend
        self._ident = ident
        self.derived_length = derived_length
        self.source_length = source_length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text to itself."""
        if length == 0:
            return cls([], [], [], [], 0, 0)
        return cls([0], [0], [length], [True], length, length)

    # -- queries -------------------------------------------------------------------------------
    def _segment(self, i: int) -> int:
        return bisect_right(self._nstart, i) - 1

    def start(self, i: int) -> int:
        """Source position where derived character ``i`` begins."""
        if i >= self.derived_length:
            return self.end(self.derived_length)
        k = self._segment(i)
        if self._ident[k]:
            return self._ostart[k] + (i - self._nstart[k])
        return self._ostart[k]

    def end(self, j: int) -> int:
        """Source position just after derived character ``j - 1`` (exclusive end)."""
        if j <= 0:
            return self.start(0) if self.derived_length else 0
        k = self._segment(j - 1)
        if self._ident[k]:
            return self._ostart[k] + (j - self._nstart[k])
        return self._oend[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of derived span ``[start, end)``; an empty span maps to a point."""
        if end <= start:
            point = self.start(start)
            return point, point
        return self.start(start), self.end(end)

    def derived_start(self, source: int) -> int:
        """Derived position of source position ``source`` (inside a kept segment)."""
        k = max(0, bisect_right(self._ostart, source) - 1)
        if self._ident and self._ident[k] and source < self._oend[k]:
            return self._nstart[k] + (source - self._ostart[k])
        return self._nstart[k] if self._nstart else 0

    def derived_end(self, source: int) -> int:
        """Derived position just after source position ``source - 1`` (an exclusive end): the
        end of a kept segment maps to the end of its derived text, not to its start."""
        if source <= 0:
            return 0
        k = max(0, bisect_right(self._ostart, source - 1) - 1)
        if self._ident and self._ident[k] and source <= self._oend[k]:
            return self._nstart[k] + (source - self._ostart[k])
        return self.derived_start(source)

    def segments(self) -> Iterable[tuple[int, int, int, int, bool]]:
        """Yield ``(derived start, derived end, source start, source end, identity)``."""
        count = len(self._nstart)
        for k in range(count):
            n_end = self._nstart[k + 1] if k + 1 < count else self.derived_length
            yield self._nstart[k], n_end, self._ostart[k], self._oend[k], self._ident[k]

    # -- composition ---------------------------------------------------------------------------
    def is_identity(self) -> bool:
        """True when the derived text is the source text itself (one verbatim segment)."""
        return (len(self._nstart) == 1 and self._ident[0] and self._ostart[0] == 0
                and self.derived_length == self.source_length == self._oend[0])

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """Chain maps: ``self`` maps B→A, ``inner`` maps C→B; the result maps C→A (maps are
        never changed once built, so composing with an identity returns the other map)."""
        if self.is_identity() and inner.source_length == self.derived_length:
            return inner
        if inner.is_identity() and inner.derived_length == self.derived_length:
            return self
        out_n: list[int] = []
        out_o: list[int] = []
        out_e: list[int] = []
        out_i: list[bool] = []
        s_n, s_o, s_e, s_i = self._nstart, self._ostart, self._oend, self._ident
        count = len(s_n)
        s_len = self.derived_length
        k = 0
        i_n, i_o, i_e, i_i = inner._nstart, inner._ostart, inner._oend, inner._ident
        inner_count = len(i_n)
        b = 0  # the segment of this map where the last block of ``inner`` began
        for j in range(inner_count):
            n0 = i_n[j]
            n1 = i_n[j + 1] if j + 1 < inner_count else inner.derived_length
            if n1 <= n0:
                continue
            o0, o1 = i_o[j], i_e[j]
            if not i_i[j]:
                if 0 <= o0 < o1 <= s_len and s_n[b] <= o0:
                    # self.span(o0, o1), its segments found by walking this map forward
                    # from the last block's (blocks come in order) instead of bisecting
                    while b + 1 < count and s_n[b + 1] <= o0:
                        b += 1
                    a0 = s_o[b] + (o0 - s_n[b]) if s_i[b] else s_o[b]
                    last = b
                    while last + 1 < count and s_n[last + 1] <= o1 - 1:
                        last += 1
                    a1 = s_o[last] + (o1 - s_n[last]) if s_i[last] else s_e[last]
                else:
                    a0, a1 = self.span(o0, o1)
                out_n.append(n0)
                out_o.append(a0)
                out_e.append(a1)
                out_i.append(False)
                continue
            while k + 1 < count and s_n[k + 1] <= o0:
                k += 1  # inner identity pieces come in order: walk this map forward
            pos = o0
            while pos < o1:
                seg_end = s_n[k + 1] if k + 1 < count else s_len
                piece_end = o1 if o1 < seg_end else seg_end
                start = n0 + (pos - o0)
                if s_i[k]:
                    shift = s_o[k] - s_n[k]
                    a0, a1, ident = pos + shift, piece_end + shift, True
                else:
                    a0, a1, ident = s_o[k], s_e[k], False
                if ident and out_i and out_i[-1] and out_e[-1] == a0:
                    out_e[-1] = a1  # contiguous copy: extend
                else:
                    out_n.append(start)
                    out_o.append(a0)
                    out_e.append(a1)
                    out_i.append(ident)
                pos = piece_end
                if pos < o1:
                    k += 1
        return OffsetMap(out_n, out_o, out_e, out_i, inner.derived_length, self.source_length)


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping edits to ``text``; return the new text and its map."""
    if not edits:
        return text, OffsetMap.identity(len(text))
    pieces: list[str] = []
    # the segments; adjacent identity pieces merged
    nstart: list[int] = []
    ostart: list[int] = []
    oend: list[int] = []
    ident: list[bool] = []
    out = 0
    pos = 0
    for start, end, replacement in edits:
        if start > pos:
            pieces.append(text[pos:start])
            if ident and ident[-1] and oend[-1] == pos:
                oend[-1] = start  # contiguous copy: extend the previous identity segment
            else:
                nstart.append(out)
                ostart.append(pos)
                oend.append(start)
                ident.append(True)
            out += start - pos
        if replacement:
            pieces.append(replacement)
            nstart.append(out)
            ostart.append(start)
            oend.append(end)
            ident.append(False)
            out += len(replacement)
        pos = end
    if pos < len(text):
        pieces.append(text[pos:])
        if ident and ident[-1] and oend[-1] == pos:
            oend[-1] = len(text)
        else:
            nstart.append(out)
            ostart.append(pos)
            oend.append(len(text))
            ident.append(True)
        out += len(text) - pos
    return "".join(pieces), OffsetMap(nstart, ostart, oend, ident, out, len(text))


def merge_edits(edits: list[Edit]) -> list[Edit]:
    """Sort edits and drop any that overlap an earlier one (the longest at a position wins)."""
    edits.sort(key=lambda e: (e[0], -e[1]))
    merged: list[Edit] = []
    last_end = -1
    for edit in edits:
        if edit[0] < last_end:
            continue
        merged.append(edit)
        last_end = edit[1]
    return merged
