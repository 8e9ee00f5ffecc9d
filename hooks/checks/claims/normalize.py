"""Read page text as a person sees it: undo the text tricks that hide a word from the checker.

    normalize(text) -> Normalized(.text, .source(offset), .tricks)

Three steps, each linear in the length of the text:

1. Invisible characters are removed: zero-width space, non-joiner and joiner, word joiner,
   byte-order mark, soft hyphen, and a few more format characters that draw nothing
   (`INVISIBLE`). "IS\u200bO" reads "ISO".
2. NFKC (Unicode compatibility normalization): full-width "ＩＳＯ ９００１" reads
   "ISO 9001", ligatures are split, "…" reads "...", a no-break space reads " ".
3. Cyrillic and Greek letters that look like Latin ones (`LOOKALIKES`) are read as the
   Latin letter, but only in a word that imitates a Latin word:
   - the word mixes scripts ("ІSO" with a Cyrillic І) and every Cyrillic or Greek letter in
     it has a Latin look-alike: kind "mixed-script";
   - or the word is written entirely in look-alikes ("ІЅО") and either its reading is one of
     the `names` passed in, or the words around it are Latin (the nearest words on either
     side that are not themselves all look-alikes): kind "lookalike". A lone letter is not
     read so (the Greek letter "Α" named in English prose stays Greek).
   Real Greek or Russian text is left alone: its words are surrounded by words with letters
   that look like no Latin letter (Russian "Это мой СОК" keeps "СОК").

Every offset in the normalized text maps back to the original (`Normalized.source`), so a
finding still points at the right Markdown line and column. Each word read differently from
how it is written is reported as a `Trick` spanning the word in the ORIGINAL text.

The look-alike table is ours, not a package's: the maintained TR39 data (confusable-homoglyphs
on PyPI) maps to a visual "skeleton" (Cyrillic І to Latin l, not I), only detects, and loads a
0.9 MB table at import; what the checker needs is the reading, for two scripts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

INVISIBLE = frozenset(
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u180e"  # Mongolian vowel separator (formerly a zero-width space)
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible function application, times, separator, plus
    "\ufeff"  # zero-width no-break space (byte-order mark)
)

LOOKALIKES: dict[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "Ѕ": "S", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ү": "Y", "Ӏ": "I", "Ԛ": "Q", "Ԝ": "W",
    # Cyrillic small letters
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j",
    "һ": "h", "ӏ": "l", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "ѵ": "v",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small letters
    "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "χ": "x",
}
"""Cyrillic and Greek letters drawn like a Latin letter, and the Latin letter they are read as."""

_TRANSLATE = str.maketrans(LOOKALIKES)
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
"""Hyphen and non-breaking hyphen read as the ASCII hyphen ("first‑party"), one for one."""
_SPACE_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|#160|#x[aA]0|#8194|#8195|#8201|#8239);")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_INVISIBLE_RUN = re.compile("[" + "".join(sorted(INVISIBLE)) + "]+")
_LOOKALIKE_RE = re.compile("[" + "".join(sorted(LOOKALIKES)) + "]")
_WORD = re.compile(r"\w+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_DIGIT = re.compile(r"[0-9]")
# Scripts by Unicode block, enough to tell a Latin word from a Cyrillic or Greek one.
_LAT_RANGES = ("A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af"
               "\u1d00-\u1dbf\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f")
_CYR_RANGES = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
_GRK_RANGES = "\u0370-\u03ff\u1f00-\u1fff"
_LATIN = re.compile(f"[{_LAT_RANGES}]")
_CYRILLIC = re.compile(f"[{_CYR_RANGES}]")
_GREEK = re.compile(f"[{_GRK_RANGES}]")
_CG = re.compile(f"[{_CYR_RANGES}{_GRK_RANGES}]")
_CG_NOT_LOOKALIKE = re.compile(f"(?![{''.join(sorted(LOOKALIKES))}])[{_CYR_RANGES}{_GRK_RANGES}]")
_OTHER_LETTER = re.compile(rf"(?![{_LAT_RANGES}{_CYR_RANGES}{_GRK_RANGES}])[^\W\d_]")
_LONG_CHUNK = 256
"""A run that NFKC composes across characters is cut into groups up to this length, and
mapped as one piece beyond it."""
_GROUP = 32
"""A group (a letter with its combining marks, a Hangul syllable in jamo) grows to this length
before the rest of its run is taken into it unread."""


@dataclass(frozen=True)
class Trick:
    """A word read differently from how it is written, as a span of the ORIGINAL text."""

    kind: str
    """'mixed-script' (the word mixes Latin with Cyrillic or Greek letters), 'lookalike'
    (written entirely in Cyrillic or Greek letters that imitate a Latin word) or 'invisible'
    (an invisible character inside a Latin word or a number)."""
    start: int
    end: int
    written: str
    """The word as written: original[start:end], invisible characters included."""
    read: str
    """The word as the checker reads it."""


class _Map:
    """A monotone map from offsets in one text to offsets in another, as breakpoints: from
    at[i] on (up to at[i + 1]), offset o maps to src[i] + (o - at[i]) where step[i] is 1, and
    to src[i] where step[i] is 0: every character of an expansion ("ﬁ" read as "fi") or of a
    composed group ("e" and a combining accent read as "é") maps to where its source starts."""

    __slots__ = ("at", "length", "src", "step")

    def __init__(self, length: int):
        self.at: list[int] = [0]
        self.src: list[int] = [0]
        self.step: list[int] = [1]
        self.length = length
        """Length of the source text."""

    def mark(self, n: int, s: int, step: int = 1) -> None:
        """From offset n on, the source is s (and on, character by character if step is 1)."""
        at, src, steps = self.at, self.src, self.step
        if at[-1] == n and len(at) > 1:
            at.pop()
            src.pop()
            steps.pop()
        if at[-1] == n:
            src[-1], steps[-1] = s, step
        elif step != steps[-1] or s != src[-1] + step * (n - at[-1]):
            at.append(n)
            src.append(s)
            steps.append(step)

    def start(self, offset: int) -> int:
        """Where the character at `offset` starts in the source."""
        i = bisect_right(self.at, offset) - 1
        return self.src[i] + self.step[i] * (offset - self.at[i])

    def end(self, offset: int) -> int:
        """Where the character before `offset` ends in the source (offset > 0)."""
        i = bisect_right(self.at, offset - 1) - 1
        if self.step[i]:
            return min(self.src[i] + (offset - self.at[i]), self.length)
        return self.src[i + 1] if i + 1 < len(self.at) else self.length

    def inverse(self, s: int) -> int:
        """The offset that maps to source offset s (or the one after, for s inside a group)."""
        i = bisect_right(self.src, s) - 1
        nxt = self.at[i + 1] if i + 1 < len(self.at) else None
        if not self.step[i]:
            return self.at[i] if s == self.src[i] or nxt is None else nxt
        n = self.at[i] + (s - self.src[i])
        return n if nxt is None else min(n, nxt)


class Normalized:
    """A text as read (`text`), with the way back to the original (`source`) and the tricks found."""

    __slots__ = ("_folded", "_visible", "original", "text", "tricks")

    def __init__(self, original: str, text: str, tricks: list[Trick], visible: _Map | None, folded: _Map | None):
        self.original = original
        self.text = text
        self.tricks = tricks
        self._visible = visible
        """Map from the text without invisible characters to the original (None: none removed)."""
        self._folded = folded
        """Map from the normalized text to the text without invisible characters (None: one for one)."""

    def source(self, offset: int, end: bool = False) -> int:
        """The offset in the original text of `offset` in the normalized text.

        For a start offset: where the character at `offset` starts in the original (past any
        invisible characters removed before it). With end=True, for the end of a span
        text[start:offset]: where the character before `offset` ends in the original (not
        taking in invisible characters removed after it; a span ending inside an expansion,
        the "f" of "ﬁ" read as "fi", takes the whole source character). Without end=True an
        end offset works too, the span then taking in invisible characters after it.
        Offsets outside 0..len(text) are clamped. Two binary searches, whatever the length.
        """
        offset = max(0, min(offset, len(self.text)))
        if self._folded is None and self._visible is None:
            return offset
        if end and offset > 0:
            e = self._folded.end(offset) if self._folded is not None else offset
            return self._visible.start(e - 1) + 1 if self._visible is not None else e
        s = self._folded.start(offset) if self._folded is not None else offset
        return self._visible.start(s) if self._visible is not None else s

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """text[start:end] as (start, end) offsets in the original text."""
        a = self.source(start)
        return a, max(a, self.source(end, end=True))

    def __repr__(self) -> str:
        return f"Normalized({self.text!r}, tricks={self.tricks!r})"


def normalize(text: str, names: Collection[str] = ()) -> Normalized:
    """Read `text` as a person sees it; see the module docstring. Linear in len(text).

    `names`: casefolded Latin words (such as the known organizations' abbreviations) that a
    word written entirely in look-alikes is read as wherever it stands, even with no Latin
    text around it.
    """
    original = text
    if "&" in text:  # "ISO&nbsp;certifies": a space entity reads as blanks of its own length
        text = _SPACE_ENTITY.sub(lambda m: " " * len(m.group(0)), text)
    if text.isascii():
        return Normalized(original, text, [], None, None)
    visible, vmap, gaps = _remove_invisible(text)
    folded, fmap = _fold(visible)
    folded = folded.translate(_HYPHENS)
    norm = Normalized(original, folded, [], vmap, fmap)
    if gaps and fmap is not None:
        gaps = [fmap.inverse(g) for g in gaps]
    if gaps or _LOOKALIKE_RE.search(folded):
        norm.text, norm.tricks = _lookalikes(norm, gaps, names)
    return norm


def _remove_invisible(text: str) -> tuple[str, _Map | None, list[int]]:
    """The text without invisible characters, the map back, and where each run of them was."""
    runs = [m.span() for m in _INVISIBLE_RUN.finditer(text)]
    if not runs:
        return text, None, []
    vmap = _Map(len(text))
    pieces: list[str] = []
    gaps: list[int] = []
    last = removed = 0
    for a, b in runs:
        pieces.append(text[last:a])
        gaps.append(a - removed)
        removed += b - a
        vmap.mark(b - removed, b)
        last = b
    pieces.append(text[last:])
    return "".join(pieces), vmap, gaps


class _CharNFKC(dict):
    """NFKC of one character, remembered."""

    def __missing__(self, ch: str) -> str:
        out = self[ch] = unicodedata.normalize("NFKC", ch)
        return out


_NFKC = _CharNFKC()


def _fold(text: str) -> tuple[str, _Map | None]:
    """NFKC, with the map back when it changed the length anywhere."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, None
    fmap = _Map(len(text))
    pieces: list[str] = []
    n_out = 0  # length of the normalized text so far
    last = 0  # source text[:last] is done
    for m in _NON_ASCII.finditer(text):
        a, b = m.span()
        # The ASCII character before the run may take combining marks from it ("e" + U+0301).
        # No ASCII character composes with what precedes it, so runs are normalized apart.
        if a > last:
            a -= 1
        chunk = text[a:b]
        if unicodedata.is_normalized("NFKC", chunk):
            continue
        pieces.append(text[last:a])
        n_out += a - last
        out, local = _fold_chunk(chunk)
        for o, s, step in local:
            fmap.mark(n_out + o, a + s, step)
        pieces.append(out)
        n_out += len(out)
        fmap.mark(n_out, b)
        last = b
    pieces.append(text[last:])
    return "".join(pieces), fmap if len(fmap.at) > 1 or fmap.src[0] or not fmap.step[0] else None


@lru_cache(maxsize=4096)
def _fold_chunk(chunk: str) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """NFKC of one run of text: the output and breakpoints (output offset, chunk offset, step).

    Almost always NFKC of the run is NFKC of each character joined, and each output
    character maps to its own source character. Otherwise (combining marks composed, Hangul
    jamo joined) the run is cut into groups that NFKC reads apart, and every character a
    group gives maps to the group; a long run that resists that maps as one piece.
    """
    whole = unicodedata.normalize("NFKC", chunk)
    outs = list(map(_NFKC.__getitem__, chunk))
    pairs: list[tuple[int, int, int]] = []
    if "".join(outs) == whole:
        shift = 0
        for i in [i for i, out in enumerate(outs) if len(out) != 1]:
            pairs += [(i + shift, i, 0), (i + shift + len(outs[i]), i + 1, 1)]
            shift += len(outs[i]) - 1
        return whole, tuple(pairs)
    if len(chunk) > _LONG_CHUNK:
        return whole, ((0, 0, 0),)
    groups: list[tuple[int, int]] = []
    g = 0
    for i in range(1, len(chunk)):
        if i - g <= _GROUP and unicodedata.normalize("NFKC", chunk[g:i + 1]) == \
                unicodedata.normalize("NFKC", chunk[g:i]) + outs[i]:
            groups.append((g, i))
            g = i
    groups.append((g, len(chunk)))
    outs = [unicodedata.normalize("NFKC", chunk[a:b]) for a, b in groups]
    if "".join(outs) != whole:
        groups, outs = [(0, len(chunk))], [whole]
    o = 0
    for (a, b), out in zip(groups, outs, strict=True):
        if out == chunk[a:b]:
            pairs.append((o, a, 1))
        else:
            pairs += [(o, a, 0), (o + len(out), b, 1)]
        o += len(out)
    return whole, tuple(pairs)


@lru_cache(maxsize=65536)
def _classify(w: str) -> tuple[str, str]:
    """A word's class ('latin', 'ambiguous': all Cyrillic or Greek look-alikes, 'foreign':
    other letters, '': no letter) and the trick it is if read at once ('mixed-script' or '')."""
    if w.isascii():
        return ("latin" if _ASCII_LETTER.search(w) else ""), ""
    if not _CG.search(w):
        return ("latin" if _LATIN.search(w) else "foreign" if _OTHER_LETTER.search(w) else ""), ""
    latin = _LATIN.search(w) is not None
    lookalike = _CG_NOT_LOOKALIKE.search(w) is None
    if latin or (_CYRILLIC.search(w) and _GREEK.search(w)):
        return ("latin" if latin or lookalike else "foreign"), ("mixed-script" if lookalike else "")
    if lookalike and not _OTHER_LETTER.search(w):
        return "ambiguous", ""
    return "foreign", ""


def _lookalikes(norm: Normalized, gaps: list[int], names: Collection[str]) -> tuple[str, list[Trick]]:
    """Read look-alike letters as Latin where a word imitates a Latin word; find the tricks."""
    text = norm.text
    # Each word: [start, end, class, trick kind].
    words: list[list[Any]] = [[m.start(), m.end(), *_classify(m.group())] for m in _WORD.finditer(text)]
    lettered = [w for w in words if w[2]]
    ambiguous = [k for k, w in enumerate(lettered) if w[2] == "ambiguous"]
    r = 0
    while r < len(ambiguous):  # each run of words written all in look-alikes, with the words around it
        i = j = ambiguous[r]
        while r < len(ambiguous) and ambiguous[r] == j:
            r += 1
            j += 1
        run = lettered[i:j]
        around = [lettered[k][2] for k in (i - 1, j) if 0 <= k < len(lettered)]
        latin = bool(around) and all(c == "latin" for c in around) and any(w[1] - w[0] > 1 for w in run)
        for w in run:
            if latin or (names and text[w[0]:w[1]].translate(_TRANSLATE).casefold() in names):
                w[3] = "lookalike"
    if gaps:  # invisible characters removed inside a Latin word or a number
        g = 0
        for w in words:
            while g < len(gaps) and gaps[g] <= w[0]:
                g += 1
            if g == len(gaps):
                break
            if gaps[g] < w[1] and not w[3] and (w[2] == "latin" or _ASCII_DIGIT.search(text, w[0], w[1])):
                w[3] = "invisible"
    pieces: list[str] = []
    tricks: list[Trick] = []
    last = 0
    for start, end, _, kind in [w for w in words if w[3]]:
        read = text[start:end]
        if kind != "invisible":
            read = read.translate(_TRANSLATE)
            pieces += [text[last:start], read]
            last = end
        a, b = norm.source_span(start, end)
        tricks.append(Trick(kind, a, b, norm.original[a:b], read))
    pieces.append(text[last:])
    return "".join(pieces), tricks
