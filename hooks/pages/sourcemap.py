"""The renderer's source map: marks put into rendered text and taken out again.

A value a template prints from a data field is wrapped in private-use characters naming the field
(the renderer's finalize puts them there); each template line that begins with the template's own
text is preceded by a mark naming the line (LineMarks, a Jinja extension). `unmark` removes every
mark and returns the spans they delimited: what `Origins.locate` looks findings up in.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jinja2.ext import Extension

from .paths import Span

MARK_OPEN, MARK_TEXT, MARK_CLOSE = "\ue000", "\ue001", "\ue002"
"""Private-use characters around what a template printed from data, removed before the page leaves the renderer."""
LINE_OPEN, LINE_NAME, LINE_CLOSE = "\ue003", "\ue004", "\ue005"
"""Private-use characters around a template line's number and the template's name (see LineMarks)."""
MARK = re.compile("\ue000(\\d+)\ue001|\ue002|\ue003(\\d+)\ue004([^\ue005]*)\ue005")


class LineMarks(Extension):
    """Marks where each line of a template's own text starts, so the source map knows the template line
    of words the template writes. Only lines that begin with literal text are marked (a mark before a
    tag would stop Jinja's whitespace control); the marks are removed after rendering."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if not name or MARK_OPEN in source:
            return source
        cursor = 0
        starts: list[int] = []
        for _, kind, value in self.environment.lex(source, name):
            if kind != "data" or not value:
                continue
            at = source.find(value, cursor)
            if at < 0:
                continue
            cursor = at + len(value)
            for offset in [at] + [at + i + 1 for i, ch in enumerate(value) if ch == "\n"]:
                rest = source[offset:cursor].split("\n", 1)[0]
                if (offset == 0 or source[offset - 1] == "\n") and rest.strip() and offset < cursor:
                    starts.append(offset)
        out = []
        last = 0
        for offset in starts:
            out.append(source[last:offset])
            out.append(f"{LINE_OPEN}{source.count(chr(10), 0, offset) + 1}{LINE_NAME}{name}{LINE_CLOSE}")
            last = offset
        out.append(source[last:])
        return "".join(out)


def unmark(text: str, refs: list[tuple[str, tuple, str]], template_path: Callable[[str], str]) -> tuple[str, list[Span]]:
    """The rendered text without its marks, and the spans they delimited (refs: the fields marked, by number)."""
    if MARK_OPEN not in text and LINE_OPEN not in text:
        return text, []
    out: list[str] = []
    spans: list[Span] = []
    at = length = 0
    open_at: list[tuple[int, int]] = []
    lines: list[tuple[int, str, int]] = []
    for m in MARK.finditer(text):
        out.append(text[at:m.start()])
        length += m.start() - at
        at = m.end()
        if m.group(2) is not None:  # a template line starts here: it runs to the end of the output line
            name = m.group(3)
            lines.append((length, template_path(name), int(m.group(2))))
        elif m.group(1) is not None:
            open_at.append((length, int(m.group(1))))
        elif open_at:
            start, ref = open_at.pop()
            path, loc, value = refs[ref]
            spans.append(Span(start, length, path, loc, value))
    out.append(text[at:])
    clean = "".join(out)
    for start, path, line in lines:
        end = clean.find("\n", start)
        spans.append(Span(start, len(clean) if end < 0 else end, path, ("line", line), ""))
    return clean, sorted(spans, key=lambda span: (span.start, -span.end))

