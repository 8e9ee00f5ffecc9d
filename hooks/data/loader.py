"""Load YAML safely, keeping the file:line:col of every key and value.

PyYAML's C loader composes the node graph (with marks); we walk it ourselves so that
duplicate keys, aliases and tags outside the YAML core schema are located errors, and
so that every value's position is kept for later messages. Nothing here knows what
the data means: that is `schema.py` and `model.py`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hooks.core.findings import DataError, Finding, error
from hooks.core.project import resolved

try:  # the C loader is ~20x faster; fall back so a machine without libyaml still works
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 50
"""Levels of nesting a value may have: the deepest data file nests 7; a walk hundreds deep would exhaust
Python's stack (libyaml itself stops at 1000)."""
SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

Loc = tuple[Any, ...]


@dataclass(frozen=True)
class Pos:
    """A 1-based position, plus what is needed to locate text inside a string value."""

    line: int
    column: int
    style: str | None = None
    """The scalar style: None (plain), "'", '"', '|' or '>'."""
    indent: int = 0
    """For block scalars, the column (0-based) where their content lines start."""


@dataclass
class Document:
    """One loaded YAML file: its data and where each piece of it stands."""

    path: str
    data: Any
    values: dict[Loc, Pos] = field(default_factory=dict)
    keys: dict[Loc, Pos] = field(default_factory=dict)

    def where(self, loc: Loc, *, key: bool = False) -> Pos:
        """The position of the value (or key) at loc, or of its nearest located parent."""
        table = self.keys if key else self.values
        loc = tuple(loc)
        while loc:
            if loc in table:
                return table[loc]
            if key and loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Pos(1, 1))

    def locate_text(self, loc: Loc, offset: int) -> tuple[int, int]:
        """Line and column of the character at offset inside the string value at loc."""
        pos = self.where(loc)
        value = self.get(loc)
        if not isinstance(value, str):
            return pos.line, pos.column
        before = value[:offset]
        if pos.style in ("|", ">"):
            line = pos.line + 1 + before.count("\n")
            column = pos.indent + 1 + len(before.rsplit("\n", 1)[-1])
            return line, column
        quote = 1 if pos.style in ("'", '"') else 0
        return pos.line, pos.column + quote + offset

    def get(self, loc: Loc) -> Any:
        value = self.data
        for part in loc:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def error(self, loc: Loc, code: str, message: str, *, key: bool = False) -> Finding:
        pos = self.where(loc, key=key)
        return error(self.path, pos.line, pos.column, code, message)


OUTSIDE = "outside-project"
LOOP = "link-loop"


def within(root: Path, folder: Path) -> tuple[Path, ...]:
    """Where the files read from folder may really be: in the project in root, and in folder itself where
    the project names a folder outside itself (docs_dir: ../docs); a link leading out of these is refused."""
    named_outside = not Path(os.path.abspath(folder)).is_relative_to(os.path.abspath(root))
    return (root.resolve(), folder.resolve()) if named_outside else (root.resolve(),)


def outside(path: Path, area: tuple[Path, ...]) -> tuple[str, str] | None:
    """Why path is refused, as (code, message), if it leads out of the area (see `within`) through a link, of
    the file or of a folder above it, round in a loop of links, or to nothing; else None: what a link brings
    in from elsewhere (/etc/hosts) is never read or published."""
    target = resolved(path)
    if target is None:
        return LOOP, ("this is a link that leads round in a loop of links, never to a file or folder. "
                      "Remove the link, or point it at a file in the project.")
    if not any(target.is_relative_to(folder) for folder in area):
        return OUTSIDE, (f"this is a link to {target}, outside the project; nothing from outside the project is "
                         "read or published. Copy it into the project, or remove the link.")
    if path.is_symlink() and not target.exists():
        return "io", (f"this link leads to {os.readlink(path)}, which does not exist. Remove it, or point it at a "
                      "file in the project.")
    return None


def read_text(path: Path, display: str, *, area: tuple[Path, ...] = ()) -> str:
    """Read a UTF-8 file, turning the ways it can be unreadable into located errors. Given an area (see
    `within`), a file that a link leads out of it is refused."""
    refusal = outside(path, area) if area else None
    if refusal:
        raise DataError([error(display, 1, 1, *refusal)])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([error(display, 0, 0, "io", f"cannot read the file: {exc.strerror}.")]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([error(display, 1, 1, "too-large",
                               f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}. Split it into smaller files.")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError([error(display, 1, 1, "bom",
                               "the file starts with a byte-order mark. Save it as UTF-8 without BOM.")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = raw[: exc.start]
        line = head.count(b"\n") + 1
        column = len(head.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise DataError([error(display, line, column, "encoding",
                               f"byte 0x{raw[exc.start]:02x} is not valid UTF-8. Save the file as UTF-8.")]) from None


def load_yaml(path: Path, display: str | None = None, *, area: tuple[Path, ...] = ()) -> Document:
    """Load one YAML file into a Document, or raise DataError with located findings (see read_text for area)."""
    display = display or str(path)
    text = read_text(path, display, area=area)
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str, *, allow_tags: bool = False) -> Document:
    """Parse YAML text; allow_tags turns unknown tags (mkdocs.yml's !ENV, !!python/name) into None."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise DataError([error(display, 1, 1, "empty", "the file is empty. Expected a YAML mapping.")])
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise DataError([_syntax_error(exc, text, display)]) from None
        except yaml.YAMLError as exc:
            raise DataError([error(display, 1, 1, "yaml-syntax", f"{exc}.")]) from None
        except RecursionError:  # only the pure-Python composer recurses (the fallback without libyaml)
            raise DataError([error(display, 1, 1, "too-deep", _TOO_DEEP)]) from None
        if node is None:
            raise DataError([error(display, 1, 1, "empty", "the file is empty. Expected a YAML mapping.")])
        doc = Document(path=display, data=None)
        walker = _Walker(loader, doc, text, allow_tags)
        try:
            doc.data = walker.build(node, ())
        except _Abort:
            pass
        if walker.errors:
            raise DataError(walker.errors)
        return doc
    finally:
        loader.dispose()


_OPENERS = ("while parsing a flow sequence", "while parsing a flow mapping", "while scanning a quoted scalar")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, display: str) -> Finding:
    """A YAML syntax error at the place an editor must fix: the unclosed bracket or quote
    where there is one, else where the parser gave up."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or "invalid YAML"
    lines = text.split("\n")
    if exc.context in _OPENERS and exc.context_mark is not None:
        where = f"line {line}, column {col}"
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        opener = exc.context.rsplit(" ", 2)[-2] + " " + exc.context.rsplit(" ", 1)[-1]
        return error(display, line, col, "yaml-syntax",
                     f"this {opener} is never closed (the parser gave up at {where}: {what}). Close it.")
    quote = _unbalanced_quote(lines[: line])
    if quote is not None:
        return error(display, quote[0], quote[1], "yaml-syntax",
                     f"this quoted value is never closed (the parser gave up at line {line}, column {col}: {what}). "
                     "Add the closing quote.")
    source_line = lines[line - 1] if line <= len(lines) else ""
    if "\t" in source_line[:col]:
        return error(display, line, source_line.index("\t") + 1, "yaml-syntax",
                     "a tab character; YAML indents with spaces only. Replace the tab with spaces.")
    if exc.context and exc.context not in what:
        what = f"{what} ({exc.context})"
    return error(display, line, col, "yaml-syntax", f"{what}.")


def _unbalanced_quote(lines: list[str]) -> tuple[int, int] | None:
    """The first line whose value opens a double quote it does not close."""
    for number, raw in enumerate(lines, 1):
        body = raw.split(" #", 1)[0] if '"' not in raw.split(" #", 1)[-1] else raw
        match = re.match(r'^\s*(?:-\s+)?[\w-]+:\s+(")', body) or re.match(r'^\s*-\s+(")', body)
        if match and (body.count('"') - body.count('\\"')) % 2 == 1:
            return number, match.start(1) + 1
    return None


_TOO_DEEP = (f"values are nested more than {MAX_DEPTH} levels deep here; data files and front matter are "
             "a few levels deep. Flatten the structure.")


class _Abort(Exception):
    """Stops the walk at the first alias or overly deep value: one error is enough, and the graph may be huge."""


class _Walker:
    """Turns a composed node graph into Python values, recording positions as it goes."""

    def __init__(self, loader: Any, doc: Document, text: str, allow_tags: bool = False):
        self.loader = loader
        self.allow_tags = allow_tags
        self.text = text
        self.doc = doc
        self.seen: set[int] = set()
        self.errors: list[Finding] = []

    def _fail(self, node: yaml.Node, code: str, message: str) -> None:
        self.errors.append(error(self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1, code, message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.seen:
            # A node reached twice was reached through an alias; refusing them also
            # defuses "billion laughs" expansion and recursive structures.
            self._fail(node, "yaml-alias",
                       "anchors and aliases (&name, *name) are not allowed in data files. Write the value out.")
            raise _Abort
        if len(loc) > MAX_DEPTH:
            self._fail(node, "too-deep", _TOO_DEEP)
            raise _Abort
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            self._fail(node, "too-large", f"more than {MAX_NODES:,} YAML nodes. Split the file.")
            return None
        self.doc.values[loc] = _pos(node, self.text)
        if node.tag not in SAFE_TAGS:
            if self.allow_tags:
                return None
            self._fail(node, "yaml-tag", f"the tag {node.tag!r} is not allowed; data files use plain YAML values only.")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._fail(key_node, "yaml-merge", "merge keys (<<) are not allowed in data files. Write the keys out.")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "yaml-key", "a mapping key must be a plain string.")
                continue
            key = self._scalar(key_node)
            if not isinstance(key, (str, int)):
                key = str(key)
            if key in first:
                prev = first[key].start_mark
                self._fail(key_node, "duplicate-key",
                           f"duplicate key {key!r}; it was first given at line {prev.line + 1}, "
                           f"column {prev.column + 1}. Keep one.")
                continue
            first[key] = key_node
            self.doc.keys[loc + (key,)] = _pos(key_node, self.text)
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError) as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            if node.tag.endswith(":timestamp"):
                self._fail(node, "bad-date", f"{node.value!r} is not a date that exists ({problem}). Expected YYYY-MM-DD.")
            else:
                self._fail(node, "yaml-value", f"{node.value!r} is not a valid value: {problem}.")
            return None
        return value


def _pos(node: yaml.Node, text: str) -> Pos:
    style = getattr(node, "style", None)
    indent = 0
    if style in ("|", ">"):
        # Block scalar content starts on the next line, indented; find that indent.
        nl = text.find("\n", node.start_mark.index)
        if nl >= 0:
            rest = text[nl + 1: text.find("\n", nl + 1) if text.find("\n", nl + 1) >= 0 else None]
            indent = len(rest) - len(rest.lstrip(" "))
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1, style, indent)
