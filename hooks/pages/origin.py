"""Where a piece of a rendered page came from, so findings point at what an editor changes.

Hand-written pages map line for line (after the front matter). Generated pages are traced
back by their text: to the YAML field whose value holds it, else to the template line
that holds it, else to the template itself.
"""

from __future__ import annotations

import re
from functools import cached_property

from hooks.data.model import Site, rel

from .render import Page

_UNESCAPE = re.compile(r"\\([\\`*_\[\]|{}()#+\-.!<>])")


def normalize(text: str) -> str:
    text = _UNESCAPE.sub(r"\1", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return " ".join(text.split())


class Origins:
    """Answers 'where did this text come from?' for every page of one site."""

    def __init__(self, site: Site):
        self.site = site

    @cached_property
    def _strings(self) -> list[tuple[str, str, str, tuple]]:
        return [(normalize(text), text, path, loc) for text, path, loc in self.site.strings() if len(text) >= 3]

    @cached_property
    def _templates(self) -> dict[str, list[str]]:
        folder = self.site.root / self.site.settings.templates_dir
        return {rel(p, self.site.root): p.read_text("utf-8").splitlines()
                for p in sorted(folder.glob("*.j2"))} if folder.is_dir() else {}

    def locate(self, page: Page, line: int, column: int, text: str) -> tuple[str, int, int]:
        """The (file, line, column) of text found at line:column of the page's Markdown."""
        if not page.generated:
            return page.origin, line + page.line_offset, column
        needle = normalize(text)
        if needle:
            best = None
            for norm, raw, path, loc in self._strings:
                at = norm.find(needle)
                if at >= 0 and (best is None or (path == page.origin) > (best[0] == page.origin)):
                    best = (path, loc, raw, at)
                    if path == page.origin:
                        break
            if best is not None:
                path, loc, raw, at = best
                doc = self.site.documents[path]
                offset = _raw_offset(raw, needle, at)
                found_line, found_col = doc.locate_text(loc, offset)
                return path, found_line, found_col
            words = needle.split()[:6]
            probe = " ".join(words)
            for path, lines in self._templates.items():
                if page.template and not path.endswith(page.template):
                    continue
                for number, source in enumerate(lines, 1):
                    at = normalize(source).find(probe)
                    if at >= 0:
                        return path, number, at + 1
        template = f"{self.site.settings.templates_dir}/{page.template}" if page.template else page.origin
        return template if page.template else page.origin, 1, 1


def _raw_offset(raw: str, needle: str, norm_at: int) -> int:
    """Map an offset in the normalized text back to the raw string (whitespace folded)."""
    words = needle.split()[:4]
    match = re.search(r"\s+".join(map(re.escape, words)), raw) if words else None
    return match.start() if match else 0


__all__ = ["Origins", "normalize"]
