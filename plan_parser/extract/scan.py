"""Fast whole-text scans: a pattern without a leading lookbehind lets the regex engine skip ahead
on its first character; the word-boundary check is done here on the (few) matches instead."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import pairwise

import regex


def is_word_char(ch: str) -> bool:
    """A letter or digit (a match must not start right after one)."""
    return ch.isalnum()


def word_start_matches(pattern: re.Pattern[str], text: str, start: int = 0,
                       end: int | None = None, also_not_after: str = "",
                       is_inside: Callable[[str], bool] = is_word_char,
                       ) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that start at a word boundary (not right after a character
    ``is_inside`` accepts, nor after one of ``also_not_after``), as a leading lookbehind would
    give them: after a match that starts inside a word the search goes on from its next
    character, so a match it overlapped is still found."""
    end = len(text) if end is None else end
    m = pattern.search(text, start, end)
    while m is not None:
        position = m.start()
        if position > 0:
            before = text[position - 1]
            if is_inside(before) or before in also_not_after:
                m = pattern.search(text, position + 1, end)
                continue
        yield m
        m = pattern.search(text, max(m.end(), position + 1), end)


def word_starts_at_anchors(pattern: re.Pattern[str], text: str, start: int, end: int,
                           anchors: tuple[str, ...],
                           is_inside: Callable[[str], bool] = is_word_char,
                           scan_unshared: bool = False) -> Iterator[re.Match[str]]:
    """The matches :func:`word_start_matches` gives (with the same ``is_inside``), for a
    pattern every match of which starts with one of the literal ``anchors``: the pattern is
    tried only where an anchor starts a word. On a lower-cased copy whose shared words
    (:class:`_SharedWords`) hold the anchors' first words, those places are known already;
    else the anchors are found by ``str.find`` (a scan in C, far faster than the regex
    engine's search for a pattern whose first letters are frequent, when the anchors are few)
    or, with ``scan_unshared``, the pattern is scanned (:func:`word_start_matches`)."""
    positions = _shared_word_starts(text, start, end, anchors) \
        if is_inside is is_word_char else None
    if positions is None:
        if scan_unshared:
            yield from word_start_matches(pattern, text, start, end, is_inside=is_inside)
            return
        positions = []
        for anchor in anchors:
            at = text.find(anchor, start, end)
            while at != -1:
                if at == 0 or not is_inside(text[at - 1]):
                    positions.append(at)
                at = text.find(anchor, at + 1, end)
        positions.sort()
    resume = start
    for position in positions:
        if position < resume:
            continue
        m = pattern.match(text, position, end)
        if m is not None:
            yield m
            resume = max(m.end(), position + 1)


_NOT_AFTER_A_LETTER = "(?<![^\\W\\d_])"  # the leading lookbehind of many rule patterns


def is_letter(ch: str) -> bool:
    """What ``[^\\W\\d_]`` matches: a word character that is no digit and no underscore."""
    return ch.isalnum() and not ch.isdecimal()


def in_lower_case(pattern: str) -> bool:
    """True when no letter of ``pattern`` outside its escapes ("\\W", "\\d") and group syntax
    ("(?P<word>") is upper case."""
    letters = re.sub(r"\\.|\(\?P[<=]", "", pattern)
    return letters == letters.lower()


# letters that re.IGNORECASE equates with a Latin letter of another lower case ("i" matches
# "ı", "s" matches "ſ"): on a text holding one, a pattern without the flag would read otherwise
OTHER_CASES = ("ı", "ſ", "ẛ", "ṡ")
_LATIN = re.compile(r"[a-z\u00df-\u024f\u1e00-\u1eff]")


def holds_other_cases(text: str) -> bool:
    """``text`` holds a letter of :data:`OTHER_CASES`."""
    return any(letter in text for letter in OTHER_CASES)


def for_lowered_text(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` for the lower-cased text (:func:`lowered`): without re.IGNORECASE when its
    letters (outside escapes such as "\\W" and group names) are all lower-case Latin ones,
    which match there as they matched case-blind in the text; else as it is (it reads the copy
    as it read the text). Stricter than :func:`in_lower_case`: no letter of
    :data:`OTHER_CASES` or outside the Latin blocks."""
    letters = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", pattern.pattern)
    if not pattern.flags & re.IGNORECASE or "(?-" in letters or any(
            ch.isalpha() and not (ch.islower() and _LATIN.match(ch) and ch not in OTHER_CASES)
            for ch in letters):
        return pattern
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def lower_in_place(text: str) -> str:
    """``text`` in lower case where that keeps every position (Vietnamese does: one code
    point to one), else ``text`` itself."""
    low = text.lower()
    return low if len(low) == len(text) else text


class WordScan:
    """A rule pattern that opens with "not after a letter" (``(?<![^\\W\\d_])``), scanned
    without that lookbehind so that the engine can skip ahead on the first characters of its
    words; the check is made on the few matches (:func:`word_start_matches`). The matches
    are those of the pattern as written. On a text already in lower case (:func:`lowered`), a
    pattern in lower case is scanned without ``re.IGNORECASE``, which also keeps the engine
    from skipping ahead."""

    __slots__ = ("_bare", "_bare_cased", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        bare = pattern[len(_NOT_AFTER_A_LETTER):] \
            if pattern.startswith(_NOT_AFTER_A_LETTER) else None
        self._bare = re.compile(bare, flags) if bare is not None else None
        self._bare_cased = re.compile(bare, flags & ~re.IGNORECASE) \
            if bare is not None and in_lower_case(bare) else None

    def finditer(self, text: str, start: int = 0, end: int | None = None,
                 lower_case: bool = False) -> Iterator[re.Match[str]]:
        """The matches of the pattern in ``text[start:end]``, as ``re.finditer`` gives them
        (``lower_case``: ``text`` is known to be in lower case)."""
        end = len(text) if end is None else end
        bare = self._bare_cased if lower_case and self._bare_cased is not None else self._bare
        if bare is None:
            return self.pattern.finditer(text, start, end)
        return word_start_matches(bare, text, start, end, is_inside=is_letter)


def lowered(text: str) -> str:
    """``text`` in lower case, position for position (scans on it need no re.IGNORECASE),
    worked out once per text object (see :class:`ByText`: an equal text of another analysis is
    lowered again, and so are the scans keyed on the lowered copy).

    Vietnamese lower-cases one code point to one; if some character does not, the caller falls
    back to the original text.
    """
    store = _DERIVED.of(text)
    low = store.get("lowered")
    if low is None:
        low = store["lowered"] = lower_in_place(text)
        if low is not text:
            _POSITIONS.of(low)[_LOWER_CASE_COPY] = True  # its anchors are found together
            # (see _SharedWords); its break offsets are the text's (lowering keeps ";", ":",
            # line breaks, dots and spaces where they are, and makes none): found once for both
            _DERIVED.of(low)[_BREAKS] = _breaks_of(store)
    return low


_META = re.compile(r"[\\()\[\]?*+|{.^$]")


def leading_literal(pattern: str) -> str:
    """The literal text a regex alternative starts with: "trước\\s+ngày" → "trước"."""
    m = _META.search(pattern)
    return (pattern[: m.start()] if m else pattern).strip()


def leading_literals(pattern: str) -> tuple[str, ...]:
    """The literal texts every match of a regex starts with, one per alternative:
    "m2|m²|mét\\s+vuông" → ("m2", "m²", "mét"), "(?:nước|quốc\\s+gia)\\s+dẫn" → ("nước",
    "quốc"), "(?:ngay\\s+)?trong" → ("ngay", "trong"). An alternative that starts with no
    literal is an error: a scan anchored on "" would try every position of the text."""
    found: list[str] = []
    for alternative in _top_level(pattern, "|"):
        if alternative.startswith("(?:"):
            close = _closing(alternative)
            found += leading_literals(alternative[3:close])
            if alternative[close + 1:close + 2] in ("?", "*"):  # an optional group
                found += leading_literals(alternative[close + 2:])
            continue
        literal = leading_literal(alternative)
        if not literal:
            raise ValueError(f"no literal text starts the pattern {pattern!r}")
        found.append(literal)
    return tuple(dict.fromkeys(found))


def closed_literals(pattern: str) -> frozenset[str]:
    """The literals of :func:`leading_literals` after which no match of ``pattern`` can go on
    with a letter: "h" of "h(?:[0-5]\\d)?" (so a scan may pass over the "h" of "hiện"), not
    "ki" of "ki\\s*lô\\s*gam" ("kilôgam"), nor a literal inside a group, which is left open."""
    closed: dict[str, bool] = {}
    for alternative in _top_level(pattern, "|"):
        if alternative.startswith("(?:"):
            for literal in leading_literals(alternative):
                closed[literal] = False
            continue
        literal = leading_literal(alternative)
        rest = alternative[len(literal):] if alternative.startswith(literal) else None
        closed[literal] = closed.get(literal, True) and rest is not None \
            and not _may_start_with_a_letter(rest)
    return frozenset(literal for literal, is_closed in closed.items() if is_closed)


def _may_start_with_a_letter(pattern: str) -> bool:
    """True unless no match of ``pattern`` can start with a letter (conservative: anything the
    check does not know may)."""
    import re._parser as parser

    try:
        items = parser.parse(pattern)
    except re.error:
        return True
    may, _empty = _first_may_be_letter(list(items))
    return may


def _first_may_be_letter(items: list) -> tuple[bool, bool]:
    """``(a letter may come first, the sequence may match nothing)`` for parsed regex items."""
    from re import _constants as c

    for op, av in items:
        if op == c.LITERAL:
            return chr(av).isalpha(), False
        if op == c.IN:
            return _class_may_be_letter(av), False
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _high, body = av
            may, empty = _first_may_be_letter(list(body))
            if may:
                return True, False
            if low > 0 and not empty:
                return False, False
            continue
        if op in (c.SUBPATTERN, c.ATOMIC_GROUP):
            body = av[-1] if op == c.SUBPATTERN else av
            may, empty = _first_may_be_letter(list(body))
            if may:
                return True, False
            if not empty:
                return False, False
            continue
        if op == c.BRANCH:
            results = [_first_may_be_letter(list(branch)) for branch in av[1]]
            if any(may for may, _ in results):
                return True, False
            if not any(empty for _, empty in results):
                return False, False
            continue
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # takes no character (a lookahead's limit is not used: conservative)
        return True, False  # any other construct: it may
    return False, True


def _class_may_be_letter(items: list) -> bool:
    from re import _constants as c

    for op, av in items:
        if op == c.LITERAL and chr(av).isalpha():
            return True
        if op == c.RANGE and any(chr(x).isalpha()
                                 for x in range(av[0], min(av[1], av[0] + 512) + 1)):
            return True
        if op == c.CATEGORY and av not in (c.CATEGORY_SPACE, c.CATEGORY_DIGIT,
                                           c.CATEGORY_NOT_WORD):
            return True
        if op == c.NEGATE:
            return True
    return False


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, character, depth after it)`` of every character of ``pattern`` outside an
    escape and a character class ("[…]"): the characters that shape its groups."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth
        i += 1


def top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` at its top level (outside brackets and groups)."""
    return _top_level(pattern, "|")


def _top_level(pattern: str, separator: str) -> list[str]:
    """``pattern`` cut at each ``separator`` outside brackets and groups."""
    cuts = [i for i, ch, depth in _structure(pattern) if ch == separator and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[a + 1:b] for a, b in pairwise(bounds)]


def _closing(pattern: str) -> int:
    """The index of the bracket that closes the group opening ``pattern``."""
    for i, ch, depth in _structure(pattern):
        if ch == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced group in {pattern!r}")


def anchored_matches(pattern: re.Pattern[str], text: str, start: int, end: int,
                     anchors: tuple[str, ...], overlapping: bool = False
                     ) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` tried only where one of the literal ``anchors`` starts a word;
    with ``overlapping``, also where an anchor lies inside the last match (the caller decides
    which of them to keep).

    A literal scan per anchor locates them far faster than a regex alternation scans the text.
    """
    last_end = start
    for position in _anchor_positions(text, start, end, anchors):
        if (position < last_end and not overlapping) or \
                (position > 0 and text[position - 1].isalnum()):
            continue
        m = pattern.match(text, position, end)
        if m is not None:
            yield m
            last_end = m.end()


class ByText:
    """What was worked out for the last few text objects, by identity: one analysis's stages
    share it, while an equal text of another analysis is read again (so that timing one
    document many times measures the work of one). The texts are held here, so that no other
    object can take their ids."""

    __slots__ = ("_entries", "_kept")

    def __init__(self, kept: int) -> None:
        self._entries: list[tuple[str, dict]] = []
        self._kept = kept

    def get(self, text: str) -> dict | None:
        """The store of ``text``, or None when it has none."""
        for kept, store in self._entries:
            if kept is text:
                return store
        return None

    def of(self, text: str) -> dict:
        """The store of ``text`` (empty the first time it is seen)."""
        for kept, store in self._entries:
            if kept is text:
                return store
        store: dict = {}
        self._entries.insert(0, (text, store))
        del self._entries[self._kept:]
        return store


_POSITIONS = ByText(4)  # a document's text and its lower-cased copy, and those of the one before
_DERIVED = ByText(4)  # the same texts' lower-cased copies and break offsets


def _anchor_positions(text: str, start: int, end: int, anchors: tuple[str, ...]) -> list[int]:
    """Where the ``anchors`` occur in ``text[start:end]``, not right after a letter or digit,
    sorted; found once per text object and range (several extractors scan for the same
    anchors). Over most of the text, each anchor's occurrences in the whole text are found
    once (:func:`_occurrences`) and shared by every caller that asks for it."""
    known = _POSITIONS.of(text)
    key = (start, end, anchors)
    found = known.get(key)
    if found is None:
        if 2 * (end - start) < len(text):  # a small part: scanned alone
            found = _scanned_positions(text, start, end, anchors)
        elif len(anchors) == 1:
            found = _within(_occurrences(text, known, anchors[0]), start, end, anchors[0])
        else:
            found = sorted({position for anchor in anchors for position in
                            _within(_occurrences(text, known, anchor), start, end, anchor)})
        known[key] = found
    return found


def _scanned_positions(text: str, start: int, end: int, anchors: tuple[str, ...]) -> list[int]:
    """The positions of :func:`_anchor_positions`, by a scan of ``text[start:end]``."""
    positions: set[int] = set()
    for scan in _anchor_scans(anchors):  # (most occurrences, inside words, pass in C)
        positions.update(m.start() for m in scan.finditer(text, start, end, overlapped=True))
    return sorted(positions)


def _occurrences(text: str, known: dict, anchor: str) -> list[int]:
    """Where ``anchor`` occurs in the whole of ``text``, not right after a letter or digit
    (kept in ``known``, the text's store). An anchor of several words is looked for where
    its first word is, when that word's occurrences are known already."""
    key = ("anchor", anchor)
    found = known.get(key)
    if found is None:
        first = anchor.split(" ", 1)[0]
        if known.get(_LOWER_CASE_COPY):
            _SHARED_WORDS.add(first)  # (for the next texts, if this one was scanned already)
            if _SHARED_WORDS_FOUND not in known:
                _find_shared_words(text, known)
                found = known.get(key)
        if found is None:
            before = known.get(("anchor", first)) if first != anchor else None
            if before is not None:
                found = [position for position in before if text.startswith(anchor, position)]
            else:
                found = _scanned_positions(text, 0, len(text), (anchor,))
            known[key] = found
    return found


_LOWER_CASE_COPY = "lower-case copy"  # (a key of a text's store: the text is one)
_SHARED_WORDS_FOUND = "shared words found"  # (and the words it found)
_AFTER_UNKNOWN_LETTER = "shared word after a letter str.isalnum does not know"


class _SharedWords:
    """The first words of the anchors asked for over most of a lower-cased copy
    (:func:`lowered`). They come from the rules, so the set is complete after the first
    analysis; on each lower-cased copy after that, all of them are found by one scan
    (:func:`_find_shared_words`) instead of a scan of the text per word.

    A word is taken only when every character of it but the last is a letter or digit (in
    both senses, ``str.isalnum`` and :func:`_is_letter_or_digit`): an occurrence of another
    word (or of itself) that starts inside a match then follows a letter or digit and does not
    count, so the scan's matches, which do not overlap, miss none."""

    __slots__ = ("_letters_inside", "_scan", "words")

    _MOST = 512  # (the rules ask for fewer than a hundred)

    def __init__(self) -> None:
        self.words: dict[str, None] = {}  # in the order they were asked for
        self._scan: tuple[re.Pattern[str], dict[str, tuple[str, ...]]] | None = None
        self._letters_inside: bool | None = None

    def add(self, word: str) -> None:
        """Take ``word`` if it is new and can be scanned with the others."""
        if word in self.words or not word or len(self.words) >= self._MOST \
                or not all(ch.isalnum() and _is_letter_or_digit(ch) for ch in word[:-1]):
            return
        self.words[word] = None
        self._scan = None
        self._letters_inside = None

    def letters_inside(self) -> bool:
        """True when every character of each word but its last is a letter (``\\p{L}``): no
        match then hides an occurrence of a word that follows a digit (or a letter-like
        figure, "²") inside it."""
        if self._letters_inside is None:
            self._letters_inside = all(_is_letter(ch) for word in self.words for ch in word[:-1])
        return self._letters_inside

    def scan(self) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
        """A pattern that matches, wherever some word occurs, the longest word occurring
        there (an alternation written as a tree of the words' shared beginnings, so that the
        engine reads a letter once, not once per word), and for each word the words that
        begin with it (itself first): it occurs wherever one of them is matched."""
        if self._scan is None:
            words = list(self.words)
            longer = {word: (word, *(other for other in words
                                     if other != word and other.startswith(word)))
                      for word in words}
            self._scan = (re.compile(_word_tree(words)), longer)
        return self._scan


def _word_tree(words: list[str]) -> str:
    """An alternation of the literal ``words`` as a tree of their shared beginnings, each
    ending tried before the words that go on from it are given up: "tr(?:ong|ước)|t(?:hứ)"."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    """The alternation of a tree node's branches (the key "" marks a word's end)."""
    alternatives = []
    for ch, child in node.items():
        if not ch:
            continue
        rest = _branches(child)
        if not rest:
            alternatives.append(re.escape(ch))
        elif "" in child:  # a word ends here: a longer one is tried first (greedy)
            alternatives.append(f"{re.escape(ch)}(?:{rest})?")
        else:
            alternatives.append(f"{re.escape(ch)}(?:{rest})" if "|" in rest
                                else re.escape(ch) + rest)
    return "|".join(alternatives)


_SHARED_WORDS = _SharedWords()


def _find_shared_words(text: str, known: dict) -> None:
    """Where each shared word (:class:`_SharedWords`) occurs in ``text``, not right after a
    letter or digit, as :func:`_scanned_positions` gives it: kept in ``known``, the text's
    store, by one scan of the text; the matches right after a digit (or a figure such as "²")
    kept aside for :func:`shared_starts_after_no_letter`."""
    scan, longer = _SHARED_WORDS.scan()
    found: dict[str, list[int]] = {word: [] for word in longer}
    known_before = _LETTER_OR_DIGIT.get
    after_a_number: list[tuple[int, str]] = []  # (see shared_starts_after_no_letter)
    letters_inside = _SHARED_WORDS.letters_inside()
    for m in scan.finditer(text):
        at = m.start()
        if at:
            before = known_before(text[at - 1])
            if before or (before is None and _is_letter_or_digit(text[at - 1])):
                if not text[at - 1].isalnum():  # a letter str.isalnum does not know
                    known[_AFTER_UNKNOWN_LETTER] = True
                if not _is_letter(text[at - 1]):
                    after_a_number.append((at, m.group()))
                continue
        found[m.group()].append(at)
    for word, words in longer.items():
        positions = found[word] if len(words) == 1 else \
            sorted(position for other in words for position in found[other])
        known.setdefault(("anchor", word), positions)
    known[_SHARED_WORDS_FOUND] = frozenset(longer)
    known[_AFTER_A_NUMBER] = after_a_number if letters_inside else None


def _shared_word_starts(text: str, start: int, end: int,
                        anchors: tuple[str, ...]) -> list[int] | None:
    """Where the ``anchors`` occur in ``text[start:end]``, not right after a letter or digit
    (``str.isalnum``), sorted: from the shared words' places when ``text`` is a lower-cased
    copy whose scan found the anchors' first words (taken for the next texts if not), else
    None. (Those places are not after a letter of :func:`_is_letter_or_digit` either: the
    same places unless the text has a letter ``str.isalnum`` does not know before one, and
    then None too.)"""
    known = _POSITIONS.get(text)
    if known is None or not known.get(_LOWER_CASE_COPY):
        return None
    firsts = [anchor.split(" ", 1)[0] for anchor in anchors]
    for first in firsts:
        _SHARED_WORDS.add(first)
    if _SHARED_WORDS_FOUND not in known:
        _find_shared_words(text, known)
    shared = known[_SHARED_WORDS_FOUND]
    if known.get(_AFTER_UNKNOWN_LETTER) or not all(first in shared for first in firsts):
        return None
    return sorted({position for anchor in anchors
                   for position in _within(_occurrences(text, known, anchor), start, end, anchor)})


def shared_starts_after_no_letter(text: str, start: int, end: int, words: tuple[str, ...],
                                  closed: frozenset[str] = frozenset(),
                                  ) -> dict[str, list[int]]:
    """For those of the literal ``words`` that the shared words (:class:`_SharedWords`) of
    ``text``, a lower-cased copy, hold: where each occurs in ``text[start:end]``, not right
    after a letter (a digit may stand before it: "20%") nor, for a word of ``closed``, before
    one, sorted, as a scan of the ``regex`` engine for ``(?<!\\p{L})``, the word and, if
    closed, ``(?!\\p{L})`` gives them. The others are left out: all of them on a text that is
    no lower-cased copy, and while a shared word holds a character other than a letter before
    its last (its match could hide an occurrence after that character). The words are taken
    for the next texts if not shared yet."""
    known = _POSITIONS.get(text)
    if known is None or not known.get(_LOWER_CASE_COPY):
        return {}
    if _SHARED_WORDS_FOUND not in known:
        for word in words:
            _SHARED_WORDS.add(word)
        _find_shared_words(text, known)
    shared = known[_SHARED_WORDS_FOUND]
    for word in words:
        if word not in shared:
            _SHARED_WORDS.add(word)  # (for the next texts)
    after_a_number = known[_AFTER_A_NUMBER]  # (None while a word holds other characters)
    if after_a_number is None:
        return {}
    after: dict[str, list[int]] = {}  # the matches after a digit, by the word matched
    for at, matched in after_a_number:
        after.setdefault(matched, []).append(at)
    found = {}
    for word in words:
        if word in shared:
            positions = known[("anchor", word)]  # (not after a letter or a digit)
            more = [at for matched, places in after.items() if matched.startswith(word)
                    for at in places] if after else None
            if more:
                positions = sorted([*positions, *more])
            positions = positions[bisect_left(positions, start):
                                  bisect_right(positions, end - len(word))]
            if word in closed:
                size = len(word)
                positions = [at for at in positions
                             if at + size == end or not _is_letter(text[at + size])]
            found[word] = positions
    return found


_AFTER_A_NUMBER = "shared word after a digit"  # (a key of a text's store: those matches)
_LETTER_CLASS = regex.compile(r"\p{L}")
_LETTER: dict[str, bool] = {}
_LETTER_OR_DIGIT: dict[str, bool] = {}
_LETTER_OR_DIGIT_CLASS = regex.compile(r"[\p{L}\p{N}]")  # (what _anchor_scans look behind for)


def _in_class(ch: str, pattern: regex.Pattern, known: dict[str, bool]) -> bool:
    """True when the character ``ch`` matches the character class ``pattern`` (worked out
    once per character in ``known``, for the first few thousand characters met)."""
    found = known.get(ch)
    if found is None:
        found = pattern.match(ch) is not None
        if len(known) < 4096:
            known[ch] = found
    return found


def _is_letter(ch: str) -> bool:
    """True when the character ``ch`` is a letter as ``\\p{L}`` of the ``regex`` engine reads it."""
    return _in_class(ch, _LETTER_CLASS, _LETTER)


def _is_letter_or_digit(ch: str) -> bool:
    """True when the character ``ch`` is one the anchor scans must not follow."""
    return _in_class(ch, _LETTER_OR_DIGIT_CLASS, _LETTER_OR_DIGIT)


def _within(positions: list[int], start: int, end: int, anchor: str) -> list[int]:
    """The ``positions`` of ``anchor`` at which it lies inside ``text[start:end]``."""
    return positions[bisect_left(positions, start):bisect_right(positions, end - len(anchor))]


@lru_cache(maxsize=512)
def _anchor_scans(anchors: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    """One scan per anchor, for its occurrences not right after a letter or digit."""
    return tuple(regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(a)) for a in anchors)


def break_positions(text: str, hard: str) -> tuple[int, ...]:
    """Offsets of the ``hard`` break characters in ``text``, and of sentence-ending dots (once
    per text object and ``hard``, as :func:`lowered`; each character's offsets, and the
    dots', are found once per text object, and shared by a text and its lower-cased copy)."""
    store = _breaks_of(_DERIVED.of(text))
    key = ("breaks", hard)
    found = store.get(key)
    if found is None:
        offsets = [] if "." in hard else list(_break_offsets(text, store, "sentence"))
        for ch in dict.fromkeys(hard):
            if ch in _BREAK_CHARS:
                offsets += _break_offsets(text, store, ch)
        offsets.sort()
        found = store[key] = tuple(offsets)
    return found


# what a hard break may be ("." in ``hard``: every dot, not only those that end a sentence)
_BREAK_CHARS = ";:\n."
_BREAKS = "break offsets"  # (a key of a text's store: the store of its break offsets)


def _breaks_of(store: dict) -> dict:
    """The store of a text's break offsets (within the text's ``store``; its lower-cased copy's
    is the same)."""
    breaks = store.get(_BREAKS)
    if breaks is None:
        breaks = store[_BREAKS] = {}
    return breaks
_SENTENCE_DOT = re.compile(r"\.(?=\s|\Z)")  # (\s: what str.isspace accepts)


def _break_offsets(text: str, store: dict, ch: str) -> list[int]:
    """The offsets of the break character ``ch`` in ``text`` (``ch`` "sentence": of the dots
    that end a sentence, before a space or at the end), found once per text object (kept in
    ``store``, the text's :func:`_breaks_of`)."""
    key = ("break", ch)
    found = store.get(key)
    if found is None:
        if ch == "sentence":
            found = [m.start() for m in _SENTENCE_DOT.finditer(text)]
        else:
            found = []
            at = text.find(ch)
            while at != -1:
                found.append(at)
                at = text.find(ch, at + 1)
        store[key] = found
    return found


def char_offsets(text: str, ch: str) -> list[int]:
    """The offsets of the character ``ch`` (";", ":" or a line break) in ``text``, found once
    per text object and shared (not to be changed). A text and its :func:`lowered` copy hold
    these characters at the same offsets."""
    if ch not in _BREAK_CHARS or ch == ".":
        raise ValueError(f"no offsets kept for {ch!r}")
    return _break_offsets(text, _breaks_of(_DERIVED.of(text)), ch)


def breaks_between(text: str, start: int, end: int, hard: str) -> list[int]:
    """The break offsets of :func:`break_positions` within ``[start, end)``."""
    positions = break_positions(text, hard)
    return list(positions[bisect_left(positions, start):bisect_left(positions, end)])


_URL_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def in_url_escapes(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` was cut out of a web address's escapes: it opens right
    after a "%" ("…%BB%91%2033/2019" holds no "91%" and no "2033/2019") or an escape follows
    it ("…/TT-BL%C4%90TBXH" holds no "TT-BL")."""
    return (start > 0 and text[start - 1] == "%") or _URL_ESCAPE.match(text, end) is not None
