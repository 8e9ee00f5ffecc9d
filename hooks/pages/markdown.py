"""Parse a page's Markdown once (markdown-it-py, positions kept) into what the checks need:
its blocks of prose with their source lines, its links, and its anchors.

The module is named so that it cannot shadow the `markdown` package on sys.path.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

from markdown.extensions.toc import slugify
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.image import image as image_rule
from markdown_it.rules_inline.link import link as link_rule
from markdown_it.token import Token

# These run on page text, so each is linear in it: no quantifier retried from every character
# of a long run (a match's leading spaces start where the run of spaces starts), and no scan
# that every later opener repeats to the same far end (a scan stops at the next opener).
# A heading's attribute list: "{#id}" or "{: #id .class}" ending the heading (no "{" inside).
_ATTR_ID = re.compile(r"(?<!\s)\s*\{\s*(?::\s*)?#([\w\-:.]+)(?![\w\-:.])[^{}]*\}\s*$")
_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
# A footnote definition "[^label]:" at the start of a line (the label on that line).
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\n]+)\]:", re.MULTILINE)
# An HTML comment; one that holds another "<!--" is read from the inner one.
_COMMENT = re.compile(r"<!--(?:(?!<!--).)*?-->", re.DOTALL)


_first = itemgetter(0)


@dataclass
class Segment:
    """A run of inline text from one block, with the source line of each character's line."""

    kind: str
    """'paragraph', 'heading', 'list', 'table' or 'blockquote'."""
    text: str
    line: int
    """1-based line in the page Markdown where the text starts."""
    lines: list[tuple[int, int, int]] = field(default_factory=list)
    """(offset in text, source line, source column) for the start of each source line."""
    row_id: int = -1
    """For table cells: which row they belong to (cells of one row share it)."""
    row_header: bool = False

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the page Markdown of text[offset]: a binary search of `lines`."""
        i = bisect_right(self.lines, offset, key=_first) - 1
        if i < 0:
            return self.line, 1 + offset
        start, line, col = self.lines[i]
        return line, col + (offset - start)


@dataclass
class Link:
    href: str
    text: str
    line: int
    column: int


@dataclass
class ParsedPage:
    segments: list[Segment]
    links: list[Link]
    anchors: set[str]
    headings: list[tuple[int, str]]
    comments: list[tuple[int, str]]
    """(line, text) of every HTML comment: where inline directives live."""


_md = MarkdownIt("commonmark").enable("table")


# markdown-it-py tries every inline rule at each "[", "]" and "!" (a few µs each), and at each "["
# the link rule reads ahead for its label (about 10 µs a character on a run of "["): seconds on a
# flood of brackets. Two shortcuts, each giving the very same tokens:
# - With no reference defined on the page (the other way a label becomes a link), a link or an
#   image needs "](" after its "[": past the last "](" of the inline text, the link and image
#   rules fail without reading. (A label read from before that point that runs past it fails
#   there too, whatever it reads.)
# - No rule starts at "]", nor past that point at "[" or "!": a run of them is text, taken at once
#   (not in the rules' look-ahead, where each "]" counts).
_INERT = re.compile(r"[\[\]!]+")
_CLOSERS = re.compile(r"\]+")


def _past_targets(state: StateInline) -> bool:
    """Whether no link or image can start at state.pos or after it."""
    try:
        last = state._last_target  # type: ignore[attr-defined]
    except AttributeError:  # the first question about this text (a state's src does not change)
        last = state._last_target = len(state.src) if "references" in state.env else state.src.rfind("](")  # type: ignore[attr-defined]
    return last <= state.pos


def _needs_target(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """The link or image rule, failing at once past the last "](" (see above)."""

    def rule_or_not(state: StateInline, silent: bool) -> bool:
        return False if _past_targets(state) else rule(state, silent)

    return rule_or_not


def _inert_run(state: StateInline, silent: bool) -> bool:
    """A run of brackets no rule starts at, taken as text in one step (see above)."""
    if silent or state.src[state.pos] not in "[]!":
        return False
    run = (_INERT if _past_targets(state) else _CLOSERS).match(state.src, state.pos, state.posMax)
    if run is None:
        return False
    state.append_pending(run.group())
    state.pos = run.end()
    return True


for _name, _rule in (("link", link_rule), ("image", image_rule)):
    _md.inline.ruler.at(_name, _needs_target(_rule))
# Before the link rule: the rules before it (text, newline, escape, code, emphasis) take what they
# start at, so this one is asked only about the characters left, never about "*" or "`".
_md.inline.ruler.before("link", "inert_run", _inert_run)

_INLINE_MEMO: OrderedDict[str, list[Token]] = OrderedDict()
"""Inline text -> its parsed children (after text_join), the most recently used last."""
_INLINE_MEMO_SIZE = 4096


def _inline_remembered(state: StateCore) -> None:
    """markdown-it-py's core "inline" rule, remembering what it parsed: a paragraph a template writes
    on every page (half the text of a generated site) is parsed once. Without a reference defined
    on the page, the children of an inline token depend on its text alone; they are read, never
    changed, and text_join, which runs after, leaves joined children as they are."""
    remember = "references" not in state.env
    fresh = []
    for token in state.tokens:
        if token.type != "inline":
            continue
        known = _INLINE_MEMO.get(token.content) if remember else None
        if known is not None:
            _INLINE_MEMO.move_to_end(token.content)
            token.children = known
            continue
        token.children = []
        state.md.inline.parse(token.content, state.md, state.env, token.children)
        if remember:
            fresh.append(token)
    state.fresh_inline = fresh  # type: ignore[attr-defined]


def _remember_inline(state: StateCore) -> None:
    """After text_join: keep the children parsed fresh by _inline_remembered."""
    for token in getattr(state, "fresh_inline", ()):
        _INLINE_MEMO[token.content] = token.children or []
        if len(_INLINE_MEMO) > _INLINE_MEMO_SIZE:
            _INLINE_MEMO.popitem(last=False)


_md.core.ruler.at("inline", _inline_remembered)
_md.core.ruler.after("text_join", "remember_inline", _remember_inline)


def parse(markdown: str) -> ParsedPage:
    lines = markdown.split("\n")
    tokens = _md.parse(markdown)
    segments: list[Segment] = []
    links: list[Link] = []
    anchors: set[str] = set()
    headings: list[tuple[int, str]] = []
    seen_slugs: dict[str, int] = {}
    context: list[str] = []
    row_id = -1
    for tok in tokens:
        if tok.nesting == 1:  # "..._open"
            context.append(tok.type[:-5])
            if tok.type == "tr_open":
                row_id += 1
        elif tok.nesting == -1 and context:  # "..._close"
            context.pop()
        if tok.type != "inline" or tok.map is None:
            if tok.type == "html_block" and "id" in tok.content:
                anchors.update(_HTML_ID.findall(tok.content))
            continue
        kind = _kind(context)
        start_line = tok.map[0] + 1
        content = tok.content
        if kind == "heading":
            match = _ATTR_ID.search(content)
            if match:
                anchor = match.group(1)
                content = content[: match.start()]
            else:
                anchor = _unique(slugify(_plain(tok), "-"), seen_slugs)
            anchors.add(anchor)
            headings.append((start_line, anchor))
        if "id" in content:
            anchors.update(_HTML_ID.findall(content))
        segment = _segment(kind, content, start_line, lines, tok.map)
        if kind == "table":
            segment.row_id = row_id
            segment.row_header = "thead" in context
        segments.append(segment)
        links.extend(_links(tok, segment))
    for match in _FOOTNOTE_DEF.finditer(markdown):
        anchors.add(f"fn:{match.group(1)}")
        anchors.add(f"fnref:{match.group(1)}")
    comments = []
    line, counted = 1, 0  # count lines incrementally: a page of many comments stays linear
    for m in _COMMENT.finditer(markdown):
        line += markdown.count("\n", counted, m.start())
        counted = m.start()
        comments.append((line, m.group(0)))
    return ParsedPage(segments, links, anchors, headings, comments)


def _kind(context: list[str]) -> str:
    for name in reversed(context):
        if name in ("heading", "table", "blockquote"):
            return name
        if name in ("bullet_list", "ordered_list"):
            return "list"
        if name in ("th", "td"):
            return "table"
    return "paragraph"


def _unique(slug: str, seen: dict[str, int]) -> str:
    if slug not in seen:
        seen[slug] = 0
        return slug
    seen[slug] += 1
    return f"{slug}_{seen[slug]}"


def _plain(tok: Token) -> str:
    return "".join(child.content for child in tok.children or [] if child.type in ("text", "code_inline"))


def _segment(kind: str, content: str, line: int, lines: list[str], span: list[int]) -> Segment:
    """Map each line of the inline content back to its source line and column."""
    seg = Segment(kind, content, line)
    offset = 0
    src = span[0]
    for part in content.split("\n"):
        column = 1
        while src < span[1] and src < len(lines):
            at = lines[src].find(part[:40]) if part else 0
            if at >= 0:
                column = at + 1
                break
            src += 1
        seg.lines.append((offset, src + 1, column))
        offset += len(part) + 1
        src += 1
    return seg


def _links(tok: Token, segment: Segment) -> list[Link]:
    found = []
    for child in tok.children or []:
        if child.type in ("link_open", "image"):
            href = str(child.attrs.get("href") or child.attrs.get("src") or "")
            at = _find_href(segment.text, href)
            line, col = segment.position(at)
            found.append(Link(href, child.content, line, col))
    return found


def _find_href(text: str, href: str) -> int:
    at = text.find(f"]({href}")
    if at >= 0:
        start = text.rfind("[", 0, at)
        return start if start >= 0 else at
    return 0
