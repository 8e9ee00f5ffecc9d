"""The banner `mkdocs serve` puts on every page while the data is broken.

While an editor fixes a data file, the preview keeps serving the last good build; each page
says, at its top, that what it shows is stale and which located errors stand in the way.
The banner is placed right after the page's `<body>` start tag, found by the standard
library's HTML parser (not a pattern over the markup).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from hooks.core.findings import Finding

BANNER_CLASS = "pillar-data-errors"


def data_errors_banner(findings: list[Finding]) -> str:
    """The banner's HTML: one line per located error, escaped."""
    items = "".join(f"<li><code>{html.escape(f.as_text())}</code></li>" for f in findings)
    count = f"{len(findings)} error" + ("" if len(findings) == 1 else "s")
    return (f'<div class="{BANNER_CLASS}" role="alert"><p><strong>The data does not load ({count}); '
            "this page shows the last good build.</strong> Fix the file named below and save: the "
            f"preview rebuilds.</p><ul>{items}</ul></div>")


class _BodyStart(HTMLParser):
    """Finds where the first `<body>` start tag ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.end: tuple[int, int] | None = None  # (line, column) just after the tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and self.end is None:
            line, column = self.getpos()
            text = self.get_starttag_text() or ""
            # getpos() is where the tag starts; the tag may span lines.
            lines = text.split("\n")
            self.end = (line + len(lines) - 1, (column if len(lines) == 1 else 0) + len(lines[-1]))


def after_body_start(page_html: str, fragment: str) -> str:
    """page_html with fragment inserted right after its `<body>` start tag (at the start if there is none)."""
    parser = _BodyStart()
    parser.feed(page_html)
    parser.close()
    if parser.end is None:
        return fragment + page_html
    line, column = parser.end
    lines = page_html.split("\n")
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + column
    return page_html[:offset] + fragment + page_html[offset:]
