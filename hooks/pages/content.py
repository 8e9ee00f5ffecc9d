"""The content folder: which of its files the site publishes (the one list the checks, the build and
the export share), where each is published, and the hand-written pages read from it (front matter with
located errors, and body).

The list follows MkDocs' own walk (links to folders followed, `.*` and `/templates/` and mkdocs.yml's
`exclude_docs` left out), less what must not be published: links that lead outside the project and
Markdown under a suffix other than .md, which MkDocs would publish unread by the checks. Each of those
is a located error; two files published at one address, or at addresses that differ only in case, are
one too.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec

from hooks.core.findings import DataError, Finding, error
from hooks.core.project import rel
from hooks.data.loader import LOOP, outside, parse_yaml, read_text, within
from hooks.data.model import Site

from .cards import card_path
from .paths import Page, address

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
PAGE_SUFFIX = ".md"
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")
"""Suffixes MkDocs also publishes as pages; the engine reads .md only, so these are refused."""
MKDOCS_EXCLUDE = (".*", "/templates/")
"""What MkDocs leaves out of every site, before mkdocs.yml's `exclude_docs`."""
KNOWN_META = {"title", "description", "jinja", "keep_reading", "hide", "template", "search", "status", "icon", "subtitle", "tags"}


@dataclass
class ContentPage:
    path: str
    """Path inside content/, with forward slashes."""
    origin: str
    """Path from the repository root, for messages."""
    body: str
    meta: dict[str, Any] = field(default_factory=dict)
    line_offset: int = 0
    first_heading: str | None = None


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file split: its front matter and its body."""

    meta: dict[str, Any]
    body: str
    line_offset: int
    """Lines before the body (the front matter and its fences)."""


def split_front_matter(text: str, origin: str) -> FrontMatter:
    """The front matter (checked: a YAML mapping of known keys) and the body of a Markdown file."""
    match = _FRONT.match(text)
    if not match:
        if text.startswith("---\n"):
            raise DataError([error(origin, 1, 1, "front-matter",
                                   "the front matter opened with '---' is never closed. Add a closing '---' line.")])
        return FrontMatter({}, text, 0)
    block = match.group(1) or ""
    offset = text[: match.end()].count("\n")
    if not block.strip():
        return FrontMatter({}, text[match.end():], offset)
    doc = parse_yaml("\n" + block, origin)
    if not isinstance(doc.data, dict):
        raise DataError([error(origin, 2, 1, "front-matter", "front matter must be a YAML mapping of keys to values.")])
    for key in doc.data:
        if key not in KNOWN_META:
            hint = difflib.get_close_matches(str(key), sorted(KNOWN_META), n=1)
            fix = f" Did you mean {hint[0]!r}?" if hint else f" Expected one of: {', '.join(sorted(KNOWN_META))}."
            raise DataError([doc.error((key,), "unknown-key", f"unknown front matter key {key!r}.{fix}", key=True)])
    if "jinja" in doc.data and not isinstance(doc.data["jinja"], bool):
        raise DataError([doc.error(("jinja",), "bad-value", f"jinja: expected true or false; received {doc.data['jinja']!r}.")])
    return FrontMatter(doc.data, text[match.end():], offset)


@dataclass(frozen=True)
class FileSet:
    """The files of the content folder the site publishes, and the problems that keep others out."""

    folder: Path
    root: Path
    files: dict[str, Path]
    """Path inside the folder (MkDocs' src_uri, forward slashes) -> the file, sorted by path."""
    problems: list[Finding]
    directory_urls: bool = True
    """mkdocs.yml's use_directory_urls: whether about.md is published at about/ or about.html."""

    def origin(self, src: str) -> str:
        """The file as messages name it, from the project root."""
        return rel(self.folder / src, self.root)

    @property
    def pages(self) -> list[str]:
        return [src for src in self.files if src.endswith(PAGE_SUFFIX)]

    @property
    def assets(self) -> set[str]:
        return {src for src in self.files if not src.endswith(PAGE_SUFFIX)}


def site_files(site: Site, content_dir: Path | None = None) -> FileSet:
    """The content files the site publishes from its project's content folder (or content_dir)."""
    doc = site.settings_doc
    exclude = doc.get(("exclude_docs",)) if doc is not None else None
    urls = doc.get(("use_directory_urls",)) if doc is not None else None
    return content_files(content_dir or site.project.docs_dir, site.root, exclude if isinstance(exclude, str) else "",
                         directory_urls=urls is not False)


def content_files(folder: Path, root: Path, exclude_docs: str = "", *, directory_urls: bool = True) -> FileSet:
    """The files under folder that MkDocs publishes and the engine reads; see the module's docstring."""
    files: dict[str, Path] = {}
    problems: list[Finding] = []
    spec = pathspec.GitIgnoreSpec.from_lines([*MKDOCS_EXCLUDE, *exclude_docs.splitlines()])
    for src, path, problem in _walk(folder, root, spec) if folder.is_dir() else ():
        if problem:
            problems.append(error(rel(path, root), 1, 1, *problem))
        else:
            files[src] = path
    files = dict(sorted(files.items(), key=lambda item: item[0].split("/")))
    return FileSet(folder, root, files, problems, directory_urls)


def _walk(folder: Path, root: Path, spec: pathspec.GitIgnoreSpec) -> Iterator[tuple[str, Path, tuple[str, str] | None]]:
    """(src, path, None) for each file to publish, (src, path, (code, message)) for each refused file or folder."""
    area = within(root, folder)
    for here, dirnames, filenames in os.walk(folder, followlinks=True):  # as MkDocs walks it
        base = Path(here)
        inside = base.relative_to(folder).as_posix()
        prefix = "" if inside == "." else inside + "/"
        kept = []
        for name in sorted(dirnames):
            path, src = base / name, prefix + name
            if spec.match_file(src + "/"):
                continue
            refusal = outside(path, area)
            if refusal:
                yield src, path, refusal
            elif path.resolve() in (base.resolve(), *base.resolve().parents):
                yield src, path, (LOOP, "this folder is a link to a folder that holds it, so it never ends. "
                                  "Remove the link.")
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path, src = base / name, prefix + name
            if spec.match_file(src):
                continue
            refusal = outside(path, area)
            if refusal:
                yield src, path, refusal
            elif not path.is_file():
                yield src, path, ("io", "this is not a regular file (a pipe or a device). Remove it.")
            elif path.suffix.lower() in OTHER_MARKDOWN:
                yield src, path, ("page-suffix", f"MkDocs publishes {path.suffix} files as pages, but the checks read "
                                  f"only {PAGE_SUFFIX} pages. Rename it to {path.stem}{PAGE_SUFFIX}.")
            else:
                yield src, path, None


BUILD_FILES = {
    "sitemap.xml": "the sitemap that MkDocs writes",
    "sitemap.xml.gz": "the compressed sitemap that MkDocs writes",
    "search/search_index.json": "the search index that the search plugin writes",
}
"""Files every build writes besides the pages and their social cards: a content file there would be
silently replaced. (robots.txt is not here: the hooks write one only where content has none.)"""


def clashes(generated: list[Page], files: FileSet) -> list[Finding]:
    """Two files published at one address, or at addresses or in folders whose names differ only in
    case (one file on a case-insensitive disk or server): an error at the later one, naming both. What
    a build writes besides the pages (the sitemap, the search index, each page's social card) is there
    before any hand-written file, and a hand-written page's card before any other file (an asset)."""
    card = "the social card of {!r} that the build draws"
    content_pages = [src for src in files.files if src.endswith(PAGE_SUFFIX)]
    entries = [(dest, "", what, "") for dest, what in BUILD_FILES.items()]
    entries += [(card_path(p.path), p.origin, card.format(p.path), "") for p in generated]
    entries += [(p.path, p.origin, f"{p.path!r} (generated from {p.origin})", "this file") for p in generated]
    entries += [(src, files.origin(src), files.origin(src), "this file") for src in content_pages]
    entries += [(card_path(src), files.origin(src), card.format(src), "this page's social card")
                for src in content_pages]
    entries += [(src, files.origin(src), files.origin(src), "this file") for src in files.files
                if not src.endswith(PAGE_SUFFIX)]
    addresses: dict[str, tuple[str, int]] = {}
    """An address casefolded -> its spelling and the entry published there first."""
    folders: dict[str, tuple[str, int]] = {}
    """A folder of the site casefolded -> its spelling and the entry first published in it."""
    found: list[Finding] = []
    reported: set[str] = set()
    for i, (src, origin, _, subject) in enumerate(entries):
        dest = address(src, files.directory_urls)
        first = addresses.setdefault(dest.casefold(), (dest, i))
        clash = None if first[1] == i else ("at", _url(dest), _url(first[0]), first[1])
        parts = dest.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth]) + "/"
            spelt = folders.setdefault(folder.casefold(), (folder, i))
            if clash is None and spelt[0] != folder:
                clash = ("in", "/" + folder, "/" + spelt[0], spelt[1])
        if clash is None or origin in reported:  # one error a file: its card clashes where its page does
            continue
        where, at, other_at, other = clash
        if at == other_at:
            problem = f"{subject} is published at {at!r}, the address of {entries[other][2]} too. Rename or move it."
        else:
            problem = (f"{subject} is published {where} {at!r} and {entries[other][2]} {where} {other_at!r}; names "
                       "that differ only in case are one file on a case-insensitive disk or server. Rename one of them.")
        reported.add(origin)
        found.append(error(origin, 1, 1, "page-clash", problem))
    return found


def unpublishable(files: FileSet, pages: list[Page]) -> list[Finding]:
    """Every reason the file set cannot be published beside the site's pages. Rendering stops on these;
    the check, the build and the export ask again, since pages from the cache may predate the files."""
    return files.problems + clashes([p for p in pages if p.generated], files)


def _url(dest: str) -> str:
    """The address as a reader types it: '/standards/iso-9001/' for standards/iso-9001/index.html."""
    return "/" + dest.removesuffix("index.html")


def read_content(files: FileSet) -> list[ContentPage]:
    """Every page of the file set, sorted by path; DataError with every located problem of the set and its pages."""
    pages: list[ContentPage] = []
    problems = list(files.problems)
    for src in files.pages:
        path, origin = files.files[src], files.origin(src)
        try:
            text = read_text(path, origin)
            front = split_front_matter(text, origin)
        except DataError as exc:
            problems.extend(exc.findings)
            continue
        heading = _HEADING.search(front.body)
        pages.append(ContentPage(src, origin, front.body, front.meta, front.line_offset,
                                 heading.group(1) if heading else None))
    if problems:
        raise DataError(problems)
    return pages
