"""Read hand-written pages from content/: front matter (located errors) and body."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hooks.core.findings import DataError, error
from hooks.core.project import rel
from hooks.data.loader import parse_yaml, read_text

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
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


def read_content(content_dir: Path, root: Path) -> list[ContentPage]:
    """Every Markdown page under content_dir, sorted by path."""
    pages: list[ContentPage] = []
    problems = []
    if not content_dir.is_dir():
        return pages
    for path in sorted(content_dir.rglob("*.md")):
        origin = rel(path, root)
        try:
            text = read_text(path, origin)
            front = split_front_matter(text, origin)
        except DataError as exc:
            problems.extend(exc.findings)
            continue
        heading = _HEADING.search(front.body)
        pages.append(ContentPage(path.relative_to(content_dir).as_posix(), origin, front.body, front.meta,
                                 front.line_offset, heading.group(1) if heading else None))
    if problems:
        raise DataError(problems)
    return pages
