"""Citations on a rendered page: one footnote per source per paragraph, markers in reading order,
and the footnote list at the end of the page.

`cite()` writes a Markdown footnote reference (`[^source-id]`) wherever a template or a data field
cites a source. A sentence that prints three facts from one source would show the same number three
times, and two sources cited side by side would show their numbers in whatever order the template
named them; both are tidied here, after rendering, so no template has to know.
"""

from __future__ import annotations

import bisect
import posixpath
import re

from hooks.data.model import Site

from . import escape
from .paths import SOURCES, Span

FOOTNOTE_MARK = "\n<!-- pillar:footnotes -->\n"
"""Where the generated footnote definitions start: everything after it is rewritten on each render."""

_REF = re.compile(r"\[\^([^\]\s\[]+)\](?!:)")
_RUN = re.compile(r"(?:\[\^[^\]\s\[]+\](?!:)){2,}")
# A line that starts a new unit of text: a list item, a table row, a heading or a footnote definition.
_UNIT_START = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||#|\[\^)")


def strip_footnotes(text: str) -> str:
    return text.split(FOOTNOTE_MARK, 1)[0]


def once_per_paragraph(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """Drop a repeated reference to one source within a paragraph, list item or table row, keeping
    the last (the footnote then covers the whole passage); spans move with the text."""
    refs = list(_REF.finditer(text))
    if len({m.group(1) for m in refs}) == len(refs):  # no source cited twice on the page: nothing to do
        return text, spans
    units: dict[int, int] = {}

    def unit(line_start: int) -> int:
        """Where the paragraph, list item or table row holding the line that starts here begins."""
        at = line_start
        trail = []
        while at not in units:
            end = text.find("\n", at)
            line = text[at:] if end < 0 else text[at:end]
            if at == 0 or not line.strip() or _UNIT_START.match(line):
                units[at] = at
                break
            before = text.rfind("\n", 0, at - 1) + 1
            if not text[before:at].strip():  # the line above is blank
                units[at] = at
                break
            trail.append(at)
            at = before
        for passed in trail:
            units[passed] = units[at]
        return units[at]

    removed: list[tuple[int, int]] = []
    seen: dict[tuple[int, str], tuple[int, int]] = {}
    for m in refs:
        key = (unit(text.rfind("\n", 0, m.start()) + 1), m.group(1))
        if key in seen:
            removed.append(seen[key])
        seen[key] = m.span()
    if not removed:
        return text, spans
    removed.sort()
    out, at = [], 0
    for start, end in removed:
        out.append(text[at:start])
        at = end
    out.append(text[at:])
    starts = [start for start, _ in removed]
    gone = [0]
    for start, end in removed:
        gone.append(gone[-1] + end - start)

    def moved(pos: int) -> int:
        i = bisect.bisect_left(starts, pos)  # the removals that start before pos
        if not i:
            return pos
        start, end = removed[i - 1]
        return pos - gone[i - 1] - (min(end, pos) - start)

    return "".join(out), [sp._replace(start=moved(sp.start), end=moved(sp.end)) for sp in spans]


def in_reading_order(text: str, used: set[str]) -> list[str]:
    """The cited sources in order of first reference: the order their footnotes are numbered."""
    first = {sid: text.find(f"[^{sid}]") for sid in used}
    return sorted(used, key=lambda sid: (first[sid] if first[sid] >= 0 else len(text), sid))


def sort_runs(text: str, order: list[str]) -> str:
    """Markers side by side ("[^b][^a]") in footnote order, so the numbers read 3 7, never 7 3.
    The text keeps its length, so the source map's spans stay valid."""
    rank = {sid: i for i, sid in enumerate(order)}

    def sort(m: re.Match[str]) -> str:
        refs = _REF.findall(m.group(0))
        return "".join(f"[^{sid}]" for sid in sorted(refs, key=lambda sid: rank.get(sid, len(rank))))

    return _RUN.sub(sort, text)


def with_footnotes(text: str, used: set[str], site: Site, page_path: str) -> str:
    """Append one footnote per cited source, each linking to the sources page, numbered in reading order."""
    text = strip_footnotes(text)
    if not used:
        return text
    order = in_reading_order(text, used)
    text = sort_runs(text, order)
    sources_href = posixpath.relpath(SOURCES, posixpath.dirname(page_path) or ".")
    lines = [text.rstrip("\n"), FOOTNOTE_MARK.strip("\n")]
    for sid in order:
        src = site.sources[sid]
        lines.append(
            f"[^{sid}]: {escape.inline(src.publisher)}, [{escape.inline(src.title)}]({escape.url(str(src.url))}), "
            f"verified {escape.format_date(src.verified)}. See [all sources]({sources_href}#src-{sid})."
        )
    return "\n".join(lines) + "\n"
