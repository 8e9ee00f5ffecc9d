"""Page text that MkDocs' Markdown renderer would take minutes on, refused before any page is rendered
(issue #13), with a located error.

Python-Markdown, which renders the pages in `mkdocs build` and `mkdocs serve`, reads on from some
characters to the one that closes them: from each '[' to its ']', from a link's '(' to its ')', from each
'<' before a letter to the '>' ending the tag, from a code fence to the fence closing it. Text full of
openers that close late or never is quadratic in its length: 8,000 '[' in a row take 9 seconds to render,
100,000 would take hours. The check's own parser (markdown-it-py) is linear and never notices. So each
page's Markdown is read here once, in linear time, adding up what the renderer would reread, at the cost
per unit measured on this site's extensions by tests/benchmarks/markdown_render.py (kept in
markdown_costs.py, the one place those numbers live). A page estimated above LIMIT_SECONDS, or nested deeper than MAX_DEPTH, is an
error at its worst opener.

The estimate errs high: a paragraph is taken to run from blank line to blank line (the renderer's
paragraphs, list items and table cells are no longer), a quote inside a link's parentheses to make it read
to the paragraph's end, every run of '*' or '_' to be emphasis. Real pages come to milliseconds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from hooks.core.findings import Finding, error

from .markdown_costs import LIMIT_SECONDS, MAX_DEPTH, READINGS
from .paths import Page

# Python-Markdown's escapes, code spans and other inline elements become placeholders of 14 characters
# in the text it reads, so a short one lengthens every read across it.
_PLACEHOLDER = 14
_ESCAPE_GROWTH = 12
_INLINE = re.compile(r"(?=[\\`\[\]()])(?:\\[\\`*_{}\[\]()>#+\-.!]|`+|\](?:\()?|[\[()])")  # the lookahead: 2x faster
# What may start an emphasis, an entity, a tag or an autolink: each a match at most (as a line break, '  \n').
_MARKUP = re.compile(r"(?=[*_&<])(?:[*_]+|&[#A-Za-z0-9]|<[^<> !\n])")
_QUOTE = re.compile(r"['\"]")
_TICKS = re.compile(r"\\[\\`]|`+")
_BLANK = re.compile(r"^[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$", re.MULTILINE)
# What may follow an opening fence on its line, spaces stripped (fenced_code.FENCED_BLOCK_RE, whose
# spaces before and after are what it backtracks over); `{attrs}` that do not parse open nothing, so a
# fence with them is read on from but its lines stay text.
_FENCE_INFO = re.compile(r"\{[^\n]*\}|\.?[\w#.+-]*(?: *hl_lines=([\"']).*?\1)?")
_TAG_CHARS = re.compile(r"(?=[<>'\"])(?:<[A-Za-z]|[>'\"])")
_VALUE_QUOTE = re.compile(r"=\s*(['\"])")
_ELEMENT = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?![A-Za-z0-9-])([^<>]*)>")  # a whole name: no backtracking into it
_MARKDOWN_ATTR = re.compile(r"\smarkdown\b")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# The markers and indentation opening a line inside lists, quotes and admonitions.
_NESTED = re.compile(r"(?:[ \t]*(?:>|[*+-](?=[ \t])|\d+\.(?=[ \t])))*[ \t]*")
_NESTING_STARTS = frozenset(" \t>*+-0123456789")
_FOOTNOTE = re.compile(r"\[\^((?:[^\]\[]|\[(?!\^))*)\]")


@dataclass
class Estimate:
    """What the renderer would reread in one page: nanoseconds per reading, and the worst place of each."""

    ns: dict[str, float] = field(default_factory=dict)
    worst: dict[str, tuple[float, int]] = field(default_factory=dict)
    """Reading -> (its nanoseconds at one place, that place's offset in the page)."""
    depth: tuple[int, int] = (0, 0)
    """The deepest nesting, and where."""

    def add(self, reading: str, units: float, offset: int) -> None:
        self.add_all(reading, [(units, offset)])

    def add_all(self, reading: str, reads: Sequence[tuple[float, int]]) -> None:
        """Add the (units, offset) of many places at once."""
        if reads:
            ns = READINGS[reading].ns
            self.ns[reading] = self.ns.get(reading, 0.0) + sum(units for units, _ in reads) * ns
            units, at = max(reads)
            if units * ns > self.worst.get(reading, (-1.0, 0))[0]:
                self.worst[reading] = (units * ns, at)

    @property
    def seconds(self) -> float:
        return sum(self.ns.values()) / 1e9


def estimate(markdown: str) -> Estimate:
    """How long Python-Markdown would spend rereading this page's text; linear in its length."""
    found = Estimate()
    text = _fences(markdown, found)
    elements = _markdown_elements(text, found)
    _tags(text, found)
    for start, end in _blocks(text, elements):
        _block(text, start, end, found)
    _lines(text, elements, found)
    _footnotes(text, found)
    return found


def problem(markdown: str) -> tuple[int, str] | None:
    """(offset, message) of the reason the renderer must not get this page, or None."""
    found = estimate(markdown)
    depth, at = found.depth
    if depth > MAX_DEPTH:
        return at, (f"this line is nested {depth} levels deep (lists, quotes, admonitions or elements with a "
                    "markdown attribute, one inside another); MkDocs' Markdown renderer recurses once per level "
                    f"and fails at about 300, so a page may nest at most {MAX_DEPTH}. Nest less deeply.")
    if found.seconds <= LIMIT_SECONDS:
        return None
    name = max(found.ns, key=lambda key: found.ns[key])
    reading = READINGS[name]
    return found.worst[name][1], (
        f"MkDocs' Markdown renderer would take about {_duration(found.seconds)} on this page, more than the "
        f"{_duration(LIMIT_SECONDS)} a page may take: most of it rereading {reading.reads}; {reading.here}. "
        f"{reading.fix}")


def too_slow(pages: list[Page], locate: Callable[[Page, int, int, str], tuple[str, int, int]]) -> list[Finding]:
    """An error for each page the renderer would take too long on (`locate`: page line and column -> source)."""
    found = []
    for page in pages:
        refused = problem(page.markdown)
        if refused is None:
            continue
        at, message = refused
        text = page.markdown
        line_start = text.rfind("\n", 0, at) + 1
        file, line, column = locate(page, text.count("\n", 0, at) + 1, at - line_start + 1, text[at:at + 60])
        found.append(error(file, line, column, "slow-markdown", message))
    return found


def _duration(seconds: float) -> str:
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= 2 * size:
            return f"{seconds / size:,.0f} {unit}"
    return f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s"


# Readings --------------------------------------------------------------------------------------

def _fences(text: str, found: Estimate) -> str:
    """The text with fenced code blanked (the renderer sets it aside before anything else), after adding
    what each opening fence costs: fenced_code's pattern reads from it to the same fence, or to the end."""
    fences = [(m.start(), m.end(), m.group(1), m.group(2)) for m in _FENCE.finditer(text)]
    closer: list[int | None] = [None] * len(fences)
    later: dict[str, int] = {}
    for i in range(len(fences) - 1, -1, -1):
        closer[i] = later.get(fences[i][2])
        if not fences[i][3].strip(" "):
            later[fences[i][2]] = i
    parts, kept, i = [], 0, 0
    while i < len(fences):
        start, _, _, info = fences[i]
        j = closer[i]
        opens = _FENCE_INFO.fullmatch(info.strip(" "))
        if j is None or not opens:  # the pattern fails here, after trying every split of the spaces after the fence
            spaces = len(info) - len(info.lstrip(" "))
            found.add("fence-spaces", spaces * spaces, start)
        if not opens:
            i += 1
            continue
        found.add("fence", (len(text) if j is None else fences[j][0]) - start, start)
        if j is None or info.lstrip(" ").startswith("{"):
            i += 1
            continue
        end = fences[j][1]
        parts += [text[kept:start], re.sub(r"[^\n]", " ", text[start:end])]
        kept, i = end, j + 1
    return "".join(parts) + text[kept:] if parts else text


def _markdown_elements(text: str, found: Estimate) -> list[tuple[int, int]]:
    """Where the number of open HTML elements with a `markdown` attribute changes: (offset, number)."""
    stack: list[tuple[str, bool]] = []
    open_names: Counter[str] = Counter()
    depth, changes = 0, [(0, 0)]
    for m in _ELEMENT.finditer(text):
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            while open_names[name] and stack:
                top, inside = stack.pop()
                open_names[top] -= 1
                depth -= inside
                if top == name:
                    break
            changes.append((m.end(), depth))
        elif name not in _VOID and not attrs.rstrip().endswith("/"):
            inside = bool(_MARKDOWN_ATTR.search(attrs))
            stack.append((name, inside))
            open_names[name] += 1
            if inside:
                depth += 1
                changes.append((m.start(), depth))
                if depth > found.depth[0]:
                    found.depth = (depth, m.start())
    return changes


def _tags(text: str, found: Estimate) -> None:
    """html.parser's start-tag pattern reads from each '<' before a letter to the '>' ending the tag; it can
    pass a '>' only inside a quoted value (`="..."`), so a '>' ends every read unless the last quote of a kind
    before it opened a value and one of that kind follows."""
    values = {m.start(1) for m in _VALUE_QUOTE.finditer(text)}
    last = {q: text.rfind(q) for q in "'\""}
    opening = {"'": False, '"': False}
    waiting: list[int] = []
    for m in _TAG_CHARS.finditer(text):
        at, char = m.start(), text[m.start()]
        if char == "<":
            waiting.append(at)
        elif char in opening:
            opening[char] = at in values
        elif waiting and not any(opening[q] and at < last[q] for q in opening):
            for start in waiting:
                found.add("tag", at - start, start)
            waiting.clear()
    for start in waiting:
        found.add("tag", len(text) - start, start)


def _blocks(text: str, elements: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of lines between blank lines; inside an element with a markdown attribute
    the renderer may read across blank lines, so they part nothing there."""
    start, change = 0, 0
    for m in _BLANK.finditer(text):
        while change + 1 < len(elements) and elements[change + 1][0] <= m.start():
            change += 1
        if elements[change][1]:
            continue
        if m.start() > start:
            yield start, m.start()
        start = m.end() + 1
    if start < len(text):
        yield start, len(text)


def _block(text: str, start: int, end: int, found: Estimate) -> None:
    """The inline readings of one paragraph: brackets, link targets, code spans and markup."""
    spans: dict[int, int] = {}
    unsure = end
    """From here on a run of backticks without a partner may pair with a shorter run: a ']' or ')' there may
    be code, so none closes anything."""
    if text.find("`", start, end) >= 0:
        runs = [(m.start(), m.end()) for m in _TICKS.finditer(text, start, end) if text[m.start()] == "`"]
        partner: list[int | None] = [None] * len(runs)
        later: dict[int, int] = {}
        for i in range(len(runs) - 1, -1, -1):
            partner[i] = later.get(runs[i][1] - runs[i][0])
            later[runs[i][1] - runs[i][0]] = i
        i = 0
        while i < len(runs):
            j = partner[i]
            if j is None:
                found.add("code", (runs[i][1] - runs[i][0]) * (end - runs[i][1]), runs[i][0])
                unsure = min(unsure, runs[i][0])
                i += 1
            else:
                spans[runs[i][0]] = runs[j][1]
                i = j + 1
    grown = marks = 0
    skip = start
    brackets: list[tuple[int, int]] = []
    parens: list[tuple[int, int, int]] = []
    """(read from, where, link) of each '(' open inside a link's target; `link` -1 but for the target's own."""
    bracket_reads: list[tuple[int, int]] = []
    target_reads: list[tuple[int, int]] = []
    far: list[tuple[int, int]] = []
    quotes: list[int] | None = None
    for m in _INLINE.finditer(text, start, end):
        here = m.start()
        if here < skip:
            continue
        token = m.group()
        char, read = token[0], here + grown
        if char == "\\":
            grown += _ESCAPE_GROWTH
            marks += 1
        elif char == "`":
            grown += _ESCAPE_GROWTH
            marks += 1
            if here < unsure and here in spans:
                skip = spans[here]
        elif char == "[":
            brackets.append((read, here))
            marks += 1
        elif char == "]":
            if brackets and here < unsure:
                opened, where = brackets.pop()
                bracket_reads.append((read - opened, where))
                if len(token) == 2:
                    parens.append((read + 1, here + 1, here + 1))
            elif len(token) == 2 and parens:
                parens.append((read + 1, here + 1, -1))
        elif not parens:
            continue  # a '(' or ')' outside every link's target changes no read
        elif char == "(":
            parens.append((read, here, -1))
        elif here < unsure:
            opened, where, link = parens.pop()
            if link < 0:
                continue
            if quotes is None:
                quotes = [q.start() for q in _QUOTE.finditer(text, start, end)]
            if bisect_right(quotes, here) == bisect_right(quotes, where):
                target_reads.append((read - opened, link))
            else:
                far.append((opened, link))  # a quote inside: getLink takes it for a title and may read on
    done = end + grown
    bracket_reads += [(done - opened, where) for opened, where in brackets]
    far += [(opened, link) for opened, _, link in parens if link >= 0]
    target_reads += [(done - opened, link) for opened, link in far]
    found.add_all("bracket", bracket_reads)
    found.add_all("target", target_reads)
    # Each piece of markup becomes a placeholder in the text the renderer rereads (escapes and backtick runs
    # are in `grown` already).
    marks += len(_MARKUP.findall(text, start, end)) + text.count("  \n", start, end)
    grows = marks - grown // _ESCAPE_GROWTH
    found.add("markup", marks * (done - start + _PLACEHOLDER * grows), start)


def _lines(text: str, elements: list[tuple[int, int]], found: Estimate) -> None:
    """The readings of lines: nesting, backtick runs in a table row, attribute lists in a heading."""
    starts = [at for at, _ in elements]
    nested = [(depth * ((elements[i + 1][0] if i + 1 < len(elements) else len(text)) - at), at)
              for i, (at, depth) in enumerate(elements) if depth]
    rows: list[tuple[int, int]] = []
    braces: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line[:1] in _NESTING_STARTS and line.strip():  # a blank line is in nothing
            marks = _NESTED.match(line).group()  # type: ignore[union-attr]  # it matches the empty string
            markers = sum(marks.count(c) for c in ">*+-.")
            width = marks.count(" ") + 4 * marks.count("\t") - markers  # the space after each marker is its own
            depth = markers + max(width, 0) // 4
            if depth:
                nested.append((depth * (len(line) + 1), offset))
                depth += elements[bisect_right(starts, offset) - 1][1]
                if depth > found.depth[0]:
                    found.depth = (depth, offset)
        if "`" in line:
            runs = len(_TICKS.findall(line))
            rows.append((runs * (runs - 1) // 2, offset))
        brace = line.find("{")
        after = 0
        while brace >= 0:
            before = line[after:brace]
            gap = before[len(before.rstrip(" \t")):]
            if gap:
                braces.append(((len(gap) + 3 * gap.count("\t")) * (len(line) - brace), offset + brace))
            after = brace + 1
            brace = line.find("{", after)
        offset += len(line) + 1
    found.add_all("nesting", nested)
    found.add_all("row", rows)
    found.add_all("brace", braces)


def _footnotes(text: str, found: Estimate) -> None:
    """The footnotes extension gives each repeated reference to a footnote a new id by counting up past
    the earlier ones, and finds each footnote's number in the list of footnotes."""
    defined: set[str] = set()
    refs: list[tuple[str, int]] = []
    for m in _FOOTNOTE.finditer(text):
        before = text[max(0, m.start() - 4):m.start()]
        cut = before.rfind("\n")
        if text.startswith(":", m.end()) and (cut >= 0 or m.start() <= 3) and not before[cut + 1:].strip(" "):
            defined.add(m.group(1))  # a definition: at most three spaces into its line
        else:
            refs.append((m.group(1), m.start()))
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for label, at in refs:
        if label in defined:
            counts[label] += 1
            first.setdefault(label, at)
    for label, count in counts.items():
        found.add("footnote", count * (count - 1) / 2, first[label])
    if counts:
        found.add("footnotes", sum(counts.values()) * len(defined), min(first.values()))
