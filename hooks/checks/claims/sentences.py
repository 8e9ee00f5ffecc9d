"""Split a parsed page into clauses: the unit a claim is read from.

Each segment's text is cleaned (markup blanked, entities decoded: offsets kept) and then
read as a person sees it (normalize.py: invisible characters removed, NFKC, look-alike
Cyrillic and Greek letters read as Latin in words that imitate Latin ones). So a clause's
`text`, `start`, `sentence` and `sentence_start` are in the NORMALIZED segment text, and
`Clause.position`, `Clause.source_span` and `Clause.source` map them back to the segment
text and the Markdown source line and column. Quoted text is masked (a claim quoted is
mentioned, not made) unless the sentence vouches for the quote ("... and that is accurate").

Everything here runs in time linear in the text (or n log n): page text is untrusted, and one
long line of spaces, brackets or quotes must not stall the build. Markup and quotes are found
by scanning, not by regexes that would rescan the rest of the text from every bracket.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from hooks.pages.markdown import ParsedPage, Segment

from .normalize import Normalized, Trick, normalize

# A sentence ends after . ! or ? (closing quotes and brackets kept with it) and spaces, before
# what can start one: group 1 is what separates two sentences. Linear: it is tried only at
# [.!?], and from there it reads quotes then spaces, which hold no [.!?] for a later try to
# read again. (The mark is matched, not looked behind for: a pattern that starts with a
# character class is searched for quickly, one behind a lookbehind is tried at every character.)
_SENTENCE_END = re.compile(r"[.!?]([\"”’')]*\s+)(?=[\"“‘(]?[A-Z0-9#|-])")
# A clause ends at ";" or a spaced dash: `\s*;\s+|\s+[—–]\s+`, rewritten so that a match
# takes spaces before it only from where a run of spaces starts. The plain pattern retried
# from every space of a long run, reading the rest of the run each time (quadratic). This
# one finds exactly the same matches: a match starts where its run of spaces starts, or at
# the ";" itself when the previous match took the spaces before it.
_CLAUSE_SPLIT = re.compile(r"(?:(?<!\s)\s+)?;\s+|(?<!\s)\s+[—–]\s+")
# Quotes and markup: each regex is linear on most text, and quadratic (or 200 steps a
# character) on some; there a scanner that gives the same result takes over.
_QUOTE = re.compile(r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’")
_QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’"}
_QUOTE_OPEN = re.compile(r"[\"“‘]")
_QUOTE_MAX = 200
"""A quote is 1 to 200 characters on one line between a pair of quotation marks."""
_MARKUP = re.compile(r"`[^`\n]*`|\[\^[^\]]+\]|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[*_`\[]|\{#[^}]*\}|<!--.*?-->|<[^>]+>")
_MARKUP_START = re.compile(r"[`\[!\]*_{<]")
_IMAGE = re.compile(r"!\[")
_COMMENT_OPEN = re.compile(r"<!--")
_VOUCH_WORDS = ("accurate", "rightly", "correctly", "correct", "true", "proudly", "officially")
VOUCH = re.compile(rf"\b({'|'.join(_VOUCH_WORDS)})\b", re.I)
_CASE_ODD = re.compile("[\u0130\u0131\u017f]")
"""The letters re.I matches to an ASCII letter that lower() does not lower to it (İ ı ſ)."""


def vouches(sentence: str) -> bool:
    """Whether the sentence vouches for what it quotes: VOUCH.search, searched only where one of the
    words stands in the lower-cased text (a substring test is some twenty times faster)."""
    low = sentence.lower()
    if not any(word in low for word in _VOUCH_WORDS) and not _CASE_ODD.search(sentence):
        return False
    return VOUCH.search(sentence) is not None


@dataclass
class Clause:
    text: str
    """The clause as read: normalized, markup and (usually) quoted text blanked out."""
    segment: Segment
    start: int
    """Offset of text[0] within the NORMALIZED segment text (`normalized.text`); map an offset
    in that text to segment.text with `source`, to a line and column with `segment_position`."""
    sentence: str
    """The sentence as read (normalized, markup blanked, quotes not masked)."""
    question: bool
    kind: str
    previous: Clause | None = None
    """The clause before this one in the same block, for pronouns ("it", "they")."""
    quoted: bool = False
    sentence_start: int = 0
    """Offset of sentence[0] within the NORMALIZED segment text, like `start`."""
    mentions: list = field(default_factory=list)
    """What the gazetteer found in text (filled in by the checker)."""
    normalized: Normalized | None = None
    """The segment's cleaned text as read, with the map back to segment.text (None: unchanged)."""

    @property
    def in_sentence(self) -> int:
        """Offset of text[0] within `sentence`: a clause offset plus this is an offset of the sentence's reading."""
        return self.start - self.sentence_start

    @property
    def previous_mentions(self) -> list:
        return self.previous.mentions if self.previous is not None else []

    def source(self, offset: int, end: bool = False) -> int:
        """Offset in segment.text of `offset` in the normalized segment text (the space of
        `start` and `sentence_start`); end=True for the end of a span (see Normalized.source)."""
        return self.normalized.source(offset, end) if self.normalized is not None else offset

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """text[start:end] (offsets within this clause) as offsets in segment.text. Here and in
        source_text and position, an offset may be negative to reach into the sentence before
        the clause (clause.start + offset is an offset in the normalized segment text)."""
        a = self.source(self.start + start)
        return a, max(a, self.source(self.start + end, end=True))

    def source_text(self, start: int, end: int) -> str:
        """text[start:end] as written in segment.text (what an editor searches the source for)."""
        a, b = self.source_span(start, end)
        return self.segment.text[a:b]

    def position(self, offset: int, end: bool = False) -> tuple[int, int]:
        """(line, column) in the page Markdown of `offset` within this clause's text; end=True
        for the end of a span, so it does not take in invisible characters after it."""
        return self.segment.position(self.source(self.start + offset, end))

    def segment_position(self, offset: int, end: bool = False) -> tuple[int, int]:
        """(line, column) in the page Markdown of `offset` in the normalized segment text
        (e.g. sentence_start + an offset within `sentence`)."""
        return self.segment.position(self.source(offset, end))

    @property
    def tricks(self) -> list[Trick]:
        """The text tricks (normalize.Trick, offsets in segment.text) in this clause's stretch of
        the segment: position one with segment.position(trick.start)."""
        if self.normalized is None or not self.normalized.tricks:
            return []
        a, b = self.source_span(0, len(self.text))
        return [t for t in self.normalized.tricks if a <= t.start and t.end <= b]


_ENTITY = re.compile(r"&(quot|amp|lt|gt|#39|apos);|\\(?=[\\`*_\[\]{}()#+\-.!|<>])")
_ENTITY_CHAR = {"quot": '"', "amp": "&", "lt": "<", "gt": ">", "#39": "'", "apos": "'"}


def clean(text: str) -> str:
    """Blank out Markdown markup and decode entities and escapes, keeping every offset."""
    if "&" in text or "\\" in text:
        text = _ENTITY.sub(lambda m: _ENTITY_CHAR[m.group(1)].ljust(len(m.group(0))) if m.group(1) else " ", text)
    return _blank_markup(text)


def read(segment: Segment) -> Normalized:
    """The segment's text cleaned and normalized: what its clauses are read from."""
    return _plan(segment.text)[0]


def clauses(parsed: ParsedPage) -> list[Clause]:
    """Every clause of every prose block of the page, table rows read as 'header: cell, ...'."""
    result: list[Clause] = []
    for segment in _rows(parsed.segments):
        previous = None
        normalized, plan = _plan(segment.text)
        for text, start, sentence, question, quoted, sentence_start in plan:
            clause = Clause(text, segment, start, sentence, question, segment.kind, previous,
                            quoted=quoted, sentence_start=sentence_start, normalized=normalized)
            result.append(clause)
            previous = clause
    return result


@lru_cache(maxsize=4096)
def _plan(text: str) -> tuple[Normalized, tuple[tuple[str, int, str, bool, bool, int], ...]]:
    """A segment's text as read, and its clauses: (text, start, sentence, question, quoted,
    sentence_start) each. Remembered: the same paragraph stands on many pages of a site (a
    template's), and the same segment is read again for its tricks."""
    normalized = normalize(clean(text))
    plan = []
    for s_start, sentence in _split(normalized.text, _SENTENCE_END):
        question = sentence.rstrip().rstrip("*_\"”'").endswith("?")
        masked = sentence if vouches(sentence) else mask_quotes(sentence)
        for c_start, clause_text in _split(masked, _CLAUSE_SPLIT):
            if clause_text.strip():
                plan.append((clause_text, s_start + c_start, sentence, question, masked != sentence, s_start))
    return normalized, tuple(plan)


def tricks(parsed: ParsedPage) -> list[tuple[Segment, Trick]]:
    """Every text trick of the page (a word mixing scripts, imitating a Latin word in look-alike
    letters, or hiding an invisible character), with its segment: the trick's start and end are
    offsets in segment.text, so segment.position(trick.start) is its line and column. Table
    rows are merged as in `clauses` (a new Segment per row each call)."""
    # Text all in ASCII reads as it is written (clean() gives ASCII back): no trick to find there.
    return [(segment, trick) for segment in _rows(parsed.segments) if not segment.text.isascii()
            for trick in read(segment).tricks]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def mask_quotes(text: str) -> str:
    """Blank out each quotation: 1 to 200 characters on one line between "", “” or ‘’.

    The same as _QUOTE.sub(blanks, text), in linear time. From a curly opening mark the
    regex reads on past other opening marks, up to 200 characters each time: fine unless
    the text is full of them, when the scanner takes over.
    """
    if (text.count("“") + text.count("‘")) * _QUOTE_MAX <= len(text) + 10_000:
        return _QUOTE.sub(_blank, text)
    return _scan_quotes(text)


def _scan_quotes(text: str) -> str:
    """mask_quotes by scanning: each opening mark looks its closing mark up."""
    find = _Finder(text)
    out: list[str] = []
    last = pos = 0
    while True:
        m = _QUOTE_OPEN.search(text, pos)
        if m is None:
            break
        i = m.start()
        j = find.next(_QUOTE_PAIRS[text[i]], i + 1)
        if i + 1 < j <= i + 1 + _QUOTE_MAX and j < len(text) and j < find.next("\n", i + 1):
            out += [text[last:i], " " * (j + 1 - i)]
            last = pos = j + 1
        else:
            pos = i + 1
    out.append(text[last:])
    return "".join(out)


def _blank_markup(text: str) -> str:
    """Blank out Markdown markup: code spans, footnote references, images, link targets,
    emphasis and bracket characters, attribute lists, HTML comments and tags.

    _MARKUP.sub(blanks, text) when that is linear: when every opener that reads on to a
    closer finds one (each read then ends in a match, and what a match took is not read
    again). Else the scanner, which gives the same result.
    """
    if not _MARKUP_START.search(text):
        return text
    if _markup_regex_is_linear(text):
        return _MARKUP.sub(_blank, text)
    return _scan_markup(text)


def _markup_regex_is_linear(text: str) -> bool:
    """Whether no opener of _MARKUP can read far and then fail (the only way it goes quadratic)."""
    for opener, closer in (("[^", "]"), ("](", ")"), ("{#", "}"), ("<", ">")):
        at = text.rfind(opener)
        if at >= 0 and text.find(closer, at + len(opener)) < 0:
            return False
    if "![" in text or "<!--" in text:
        find = _Finder(text)
        for m in _IMAGE.finditer(text):  # an image: the next "]" is followed by "(", and a ")" comes after
            j = find.next("]", m.start() + 2)
            if j + 1 >= len(text) or text[j + 1] != "(" or find.next(")", j + 2) >= len(text):
                return False
        for m in _COMMENT_OPEN.finditer(text):  # a comment: closed on its line
            if find.next("-->", m.start() + 4) >= find.next("\n", m.start() + 4):
                return False
    return True


def _scan_markup(text: str) -> str:
    """_blank_markup by scanning: the alternatives of _MARKUP tried in order at each position,
    but each "the next ] after here" looked up instead of read again from every "[^", "![",
    "](", "{#" and "<"."""
    if not _MARKUP_START.search(text):
        return text
    n = len(text)
    find = _Finder(text)
    out: list[str] = []
    last = pos = 0
    while True:
        m = _MARKUP_START.search(text, pos)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        nxt = text[i + 1: i + 2]
        end = -1  # end of the match at i, or -1 for none
        if ch == "`":
            j = find.next("`", i + 1)
            end = j + 1 if j < find.next("\n", i + 1) else i + 1
        elif ch == "[":
            end = i + 1
            if nxt == "^":
                j = find.next("]", i + 2)
                if i + 2 < j < n:
                    end = j + 1
        elif ch == "!":
            if nxt == "[":
                j = find.next("]", i + 2)
                if j + 1 < n and text[j + 1] == "(":
                    k = find.next(")", j + 2)
                    if k < n:
                        end = k + 1
        elif ch == "]":
            if nxt == "(":
                k = find.next(")", i + 2)
                if k < n:
                    end = k + 1
        elif ch == "{":
            if nxt == "#":
                j = find.next("}", i + 2)
                if j < n:
                    end = j + 1
        elif ch == "<":
            if text.startswith("<!--", i):
                j = find.next("-->", i + 4)
                if j < find.next("\n", i + 4):
                    end = j + 3
            if end < 0:
                j = find.next(">", i + 1)
                if i + 1 < j < n:
                    end = j + 1
        else:  # * or _
            end = i + 1
        if end < 0:
            pos = i + 1
            continue
        out += [text[last:i], " " * (end - i)]
        last = pos = end
    out.append(text[last:])
    return "".join(out)


class _Finder:
    """Where the next occurrence of a string is. A query reads forward with str.find from where
    it starts, and is answered from memory when it falls between the last query and its answer;
    once the reading done for a string passes a few times the text's length, its positions are
    listed and looked up (bisect), so the total stays linear whatever order the queries come in.
    ("-->" cannot overlap itself, so its non-overlapping occurrences are all of them.)"""

    def __init__(self, text: str):
        self.text = text
        self.last: dict[str, tuple[int, int]] = {}
        self.listed: dict[str, list[int]] = {}
        self.budget = 4 * len(text) + 256

    def next(self, what: str, start: int) -> int:
        """The first index >= start where `what` occurs, or len(text) if none does."""
        n = len(self.text)
        listed = self.listed.get(what)
        if listed is not None:
            i = bisect_left(listed, start)
            return listed[i] if i < len(listed) else n
        last = self.last.get(what)
        if last is not None and last[0] <= start <= last[1]:
            return last[1]
        found = self.text.find(what, start)
        if found < 0:
            found = n
        self.budget -= found - start
        if self.budget < 0:
            self.listed[what] = [m.start() for m in re.finditer(re.escape(what), self.text)]
        self.last[what] = (start, found)
        return found


_CLAUSE_MARKS = (";", "—", "–")
"""Every match of _CLAUSE_SPLIT holds one of these: a text with none is one clause, unsearched."""


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    """The non-blank parts of text between matches of pattern, each with its offset. A sentence
    keeps its end mark and the first character after it (a closing quote, or a space)."""
    if pattern is _CLAUSE_SPLIT and not any(mark in text for mark in _CLAUSE_MARKS):
        return [(0, text)] if text.strip() else []
    parts, start = [], 0
    for match in pattern.finditer(text):
        cut = match.start(1) + 1 if pattern is _SENTENCE_END else match.start()
        parts.append((start, text[start:cut]))
        start = match.end()
    parts.append((start, text[start:]))
    return [(s, t) for s, t in parts if t.strip()]


def _rows(segments: list[Segment]) -> list[Segment]:
    """Merge table cells into one segment per row: 'Header: cell, Header: cell'."""
    out: list[Segment] = []
    header: list[str] = []
    row: list[Segment] = []

    def flush() -> None:
        if not row:
            return
        if row[0].row_header:
            header[:] = [clean(c.text).strip() for c in row]
        else:
            parts, lines, offset = [], [], 0
            for i, cell in enumerate(row):
                label = f"{header[i]}: " if i < len(header) and header[i] else ""
                piece = f"{label}{cell.text}"
                lines.append((offset + len(label), cell.line, cell.lines[0][2] if cell.lines else 1))
                parts.append(piece)
                offset += len(piece) + 2
            merged = Segment("table", ", ".join(parts), row[0].line, lines)
            out.append(merged)
        row.clear()

    current = None
    for seg in segments:
        if seg.kind == "table":
            if seg.row_id != current:
                flush()
                current = seg.row_id
            row.append(seg)
            continue
        flush()
        current = None
        out.append(seg)
    flush()
    return out
