"""The pages of the site as values: the `Page` type and where each generated page lives.

Kept apart from the renderer so that modules needing a page's type or path (navigation,
SEO, links, checks, export) do not import the renderer for it.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from hooks.data.model import Site

PILLAR = "index.md"
GLOSSARY = "glossary.md"
SOURCES = "sources.md"


class Span(NamedTuple):
    """Where a stretch of a generated page came from: the data field whose value the renderer printed there
    (or a template line). A named tuple, not a dataclass: a site holds hundreds of thousands, and the warm
    check unpickles them all from the cache."""

    start: int
    end: int
    """[start, end) in the page's Markdown."""
    path: str
    """The data file, relative to the project root."""
    loc: tuple
    """The field inside it (keys and indexes, as the loader's Document.where takes them)."""
    value: str
    """The field's text as written in the data."""


@dataclass
class Page:
    """A page of the site as Markdown, and where its text came from."""

    path: str
    """Source path inside the docs folder, e.g. 'standards/iso-9001.md'."""
    markdown: str
    title: str
    description: str
    origin: str
    """The file an editor changes to change this page (YAML for generated pages)."""
    generated: bool
    template: str | None = None
    line_offset: int = 0
    """For hand-written pages: lines of front matter before the Markdown body."""
    reviewed: dt.date | None = None
    """The latest verified date of the facts the page shows."""
    sources: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    """The source map of a generated page, recorded by the renderer, sorted by start."""


def standard_path(standard_id: str) -> str:
    """The page of a standard, e.g. 'standards/iso-9001.md'."""
    return f"standards/{standard_id}.md"


def page_paths(site: Site) -> dict[str, str]:
    """Every linkable key (pillar, glossary, sources, standard ids) -> page path."""
    paths = {"pillar": PILLAR, "glossary": GLOSSARY, "sources": SOURCES}
    paths.update({sid: standard_path(sid) for sid in site.standards})
    return paths


def address(src: str, directory_urls: bool = True) -> str:
    """Where MkDocs writes the file at src (a path in the docs folder) in the built site: 'about.md' ->
    'about/index.html' ('about.html' without directory URLs), 'README.md' -> 'index.html', an asset as it is."""
    folder, name = posixpath.split(src)
    stem, suffix = posixpath.splitext(name)
    if suffix != ".md":
        return src
    if stem in ("index", "README"):
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, stem, "index.html") if directory_urls else posixpath.join(folder, stem + ".html")
