"""Where a piece of a rendered page came from, so findings point at what an editor changes.

Hand-written pages map line for line (after the front matter). Generated pages carry the
renderer's source map (`Page.spans`): text a template printed from a data field is located in
that field, and text the template wrote on its own line at that template line, by lookup. Only
words on a line that begins with a tag (`{{ x }} and more`) are looked for on the page's own
template's lines; failing that, the finding points at the template.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from hooks.core.project import rel
from hooks.data.model import Site

from .paths import Page

_UNESCAPE = re.compile(r"\\([\\`*_\[\]|{}()#+\-.!<>])")


def normalize(text: str) -> str:
    text = _UNESCAPE.sub(r"\1", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return " ".join(text.split())


class Origins:
    """Answers 'where did this text come from?' for every page of one site."""

    def __init__(self, site: Site):
        self.site = site
        self._index: dict[int, tuple[str, list[int], list[int]]] = {}
        """Per page: its Markdown, where its lines start, where its spans start."""

    @cached_property
    def _templates(self) -> dict[str, list[str]]:
        folder = self.site.project.templates_dir
        return {rel(p, self.site.root): p.read_text("utf-8").splitlines()
                for p in sorted(folder.glob("*.j2"))} if folder.is_dir() else {}

    def locate(self, page: Page, line: int, column: int, text: str) -> tuple[str, int, int]:
        """The (file, line, column) of text found at line:column of the page's Markdown."""
        if not page.generated:
            return page.origin, line + page.line_offset, column
        mapped = self._mapped(page, line, column, text)
        if mapped is not None:
            return mapped
        needle = normalize(text)
        if needle:
            words = needle.split()[:6]
            probe = " ".join(words)
            for path, lines in self._templates.items():
                if page.template and not path.endswith(page.template):
                    continue
                for number, source in enumerate(lines, 1):
                    at = normalize(source).find(probe)
                    if at >= 0:
                        return path, number, at + 1
        if page.template:
            return rel(self.site.project.template(page.template), self.site.root), 1, 1
        return page.origin, 1, 1

    def _mapped(self, page: Page, line: int, column: int, text: str) -> tuple[str, int, int] | None:
        """The place the source map gives: the innermost span holding the offset, and the text inside its field."""
        index = self._index.get(id(page))
        if index is None or index[0] is not page.markdown:  # built once per page, not once per finding
            index = self._index[id(page)] = (page.markdown, _starts(page.markdown), [sp.start for sp in page.spans])
        _, lines, span_starts = index
        offset = (lines[line - 1] if 0 < line <= len(lines) else 0) + max(column - 1, 0)
        holding = [span for span in page.spans[:bisect_right(span_starts, offset)] if span.start <= offset < span.end]
        if not holding:
            return None
        span = min(holding, key=lambda sp: sp.end - sp.start)
        if span.loc[:1] == ("line",):  # words the template wrote: its line, the column as on the page's line
            return span.path, span.loc[1], max(1, offset - span.start + 1)
        doc = self.site.documents.get(span.path)
        if doc is None:
            return None
        needle = normalize(text)
        at = normalize(span.value).find(needle) if needle else -1
        inside = _raw_offset(span.value, needle, at) if at >= 0 else 0
        found_line, found_col = doc.locate_text(span.loc, inside)
        return span.path, found_line, found_col


def _starts(text: str) -> list[int]:
    """The offset each line of text starts at."""
    starts = [0]
    starts += [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return starts


def _raw_offset(raw: str, needle: str, norm_at: int) -> int:
    """Map an offset in the normalized text back to the raw string (whitespace folded)."""
    words = needle.split()[:4]
    match = re.search(r"\s+".join(map(re.escape, words)), raw) if words else None
    return match.start() if match else 0


__all__ = ["Origins", "normalize"]
