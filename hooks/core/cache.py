"""Work kept between runs, so that a rerun redoes only what changed.

Two stores under `.cache/pillar/` in the project (or `$PILLAR_CACHE_DIR`), never in site/:

- the loaded site and its rendered pages (`site.jsonl`), keyed by a hash of every input they come
  from (the engine's code, mkdocs.yml, the data, the templates and the content folder);
- per page, what checking it found (`pages.jsonl`: its links, anchors, directives and claim
  findings), keyed by a hash of the engine's code, mkdocs.yml, the data, the check date and the
  page's own Markdown, so editing one page rechecks that page alone.

(The drawn social cards are kept beside them in `cards/`, by hooks/publish/cards.py, each file named by
its key and the `checksum` below of its bytes, and checked the same way before it is used.)

A key holds everything its value depends on, so a hit returns what recomputing would. Paths in a
key are relative to the project's root, so a checkout moved or copied elsewhere stays warm.

A cache file is data, never code: JSON Lines, a header line naming the format and its version,
then one line per entry, `["<sha256>","<key>",<value>]`, the sha256 over the key and the value's
JSON. The value is plain JSON that a `Codec` turns back into objects, checking its shape (a
pydantic TypeAdapter over the stored type). Whatever does not verify (another version, a bad
checksum, a cut or flipped line, a wrong shape, a file of anything else) is a miss, never an error.
`PILLAR_CACHE=off` (or `--no-cache`) turns the cache off. Nothing here lives at module level
except the hash of the engine's code as loaded (that is what produced the values, even under
`mkdocs serve`) and the TypeAdapter of each stored shape, built once.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from pydantic import TypeAdapter

from .collector import no_collections
from .project import rel

_FORMAT = 2
"""The version of the files' layout and of every stored shape: raise it when either changes."""
_HEADER = b'{"format":"pillar-cache","version":%d}' % _FORMAT
SITE_FILE = "site.jsonl"
PAGES_FILE = "pages.jsonl"
_LEGACY = ("site.pickle", "pages.pickle")
"""What format 1 kept (pickles, which run code when read): deleted when a store is written, never read."""
_KEY = re.compile(rb"[0-9a-f]{64}")
_SKIP_DIRS = {"__pycache__", ".git", ".cache"}

T = TypeVar("T")
P = TypeVar("P")


def _tree_hash(folder: Path) -> bytes:
    h = hashlib.sha256()
    if not folder.is_dir():
        h.update(b"\0missing")
        return h.digest()
    for path in sorted(_files(folder)):
        if not _SKIP_DIRS.intersection(path.parts):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.digest()


def _files(folder: Path) -> list[Path]:
    """Every file under folder, through linked folders too (MkDocs publishes what they hold, so an edit
    there must change the key), each real folder once (a link back up cannot loop)."""
    found: list[Path] = []
    seen: set[Path] = set()
    for here, dirs, names in os.walk(folder, followlinks=True):
        real = Path(here).resolve()
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        found.extend(Path(here, name) for name in names if Path(here, name).is_file())
    return found


ENGINE = Path(__file__).resolve().parent.parent
"""The engine's code: the whole hooks package, every layer (not only core/, where this file is)."""


def _code_hash() -> str:
    import markdown_it
    import pydantic

    h = hashlib.sha256(f"{_FORMAT} {sys.version} {markdown_it.__version__} {pydantic.VERSION}".encode())
    h.update(_tree_hash(ENGINE))
    return h.hexdigest()


CODE = _code_hash()
_OFF = ("off", "0", "false", "no")


def switched_off(variable: str) -> bool:
    """An environment switch such as PILLAR_CACHE=off."""
    return os.environ.get(variable, "").lower() in _OFF


def key(*parts: object) -> str:
    h = hashlib.sha256(CODE.encode())
    for part in parts:
        h.update(b"\0" + str(part).encode())
    return h.hexdigest()


# --- values as plain JSON ---------------------------------------------------------------------

class Codec(Protocol[T]):
    """How a value is kept: `dump` gives its JSON; `load` gives it back, or raises on anything else."""

    def dump(self, value: T) -> bytes: ...

    def load(self, data: bytes) -> T: ...


@cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    return TypeAdapter(shape)


def _same(value: Any) -> Any:
    return value


class Plain(Generic[T, P]):
    """A value kept as JSON of the type `shape` (P): `to_plain` turns the value into it and `from_plain`
    back. Reading validates the JSON against `shape` strictly (pydantic), so a wrong shape raises."""

    def __init__(self, shape: Any, to_plain: Callable[[T], P] = _same, from_plain: Callable[[P], T] = _same):
        self.shape = shape
        self.to_plain = to_plain
        self.from_plain = from_plain

    def dump(self, value: T) -> bytes:
        return _adapter(self.shape).dump_json(self.to_plain(value))

    def load(self, data: bytes) -> T:
        return self.from_plain(_adapter(self.shape).validate_json(data, strict=True))


class Cache:
    """One run's view of the cache: read once, written back (atomically) with what was used."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0
        self._pages: dict[str, tuple[bytes, Any]] | None = None
        """The page entries on disk whose checksum holds, by key: as JSON, and decoded (None: a wrong shape)."""
        self._used: dict[str, bytes] = {}
        self._dirty = False
        self._folders: dict[Path, bytes] = {}

    @classmethod
    def open(cls, folder: Path) -> Cache:
        """The cache in folder (the project's `cache_dir`), or a disabled one (PILLAR_CACHE=off)."""
        return cls(None if switched_off("PILLAR_CACHE") else folder)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    # --- fingerprints of the inputs ----------------------------------------------------------

    def inputs(self, config: Path, *folders: Path) -> str:
        """A hash of the configuration file (mkdocs.yml) and every file under the given folders (each
        folder read once per run), each folder named relative to the project's root (config's folder)."""
        h = hashlib.sha256()
        h.update(config.read_bytes() if config.is_file() else b"")
        for folder in folders:
            if folder not in self._folders:
                self._folders[folder] = _tree_hash(folder)
            h.update(b"\0folder " + rel(folder, config.parent).encode() + self._folders[folder])
        return h.hexdigest()

    # --- the loaded site and its pages ---------------------------------------------------------

    def load_site(self, fingerprint: str, codec: Codec[T]) -> T | None:
        data = self._read(SITE_FILE).get(key("site", fingerprint))
        with no_collections():
            value = self._decode(data, codec)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def store_site(self, fingerprint: str, value: T, codec: Codec[T]) -> None:
        data = self._encode(value, codec)
        if data is not None:
            self._write(SITE_FILE, {key("site", fingerprint): data})

    # --- per-page check results ----------------------------------------------------------------

    def page(self, page_key: str, codec: Codec[T]) -> T | None:
        if self.folder is None:
            return None
        if self._pages is None:
            with no_collections():  # decoding builds objects that all live on: nothing to collect
                self._pages = {k: (data, self._decode(data, codec)) for k, data in self._read(PAGES_FILE).items()}
        data, value = self._pages.get(page_key, (b"", None))
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used[page_key] = data
        return value

    def store_page(self, page_key: str, value: T, codec: Codec[T]) -> None:
        data = self._encode(value, codec)
        if data is not None:
            self._used[page_key] = data
            self._dirty = True

    def save(self) -> None:
        """Write the page entries this run used; entries no page needs any more are dropped."""
        if self.folder is not None and (self._dirty or (self._pages is not None and len(self._used) != len(self._pages))):
            self._write(PAGES_FILE, self._used)
            self._dirty = False

    # --- files -----------------------------------------------------------------------------------

    def _encode(self, value: T, codec: Codec[T]) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return codec.dump(value)
        except Exception:  # a value JSON cannot carry (a set in a page's front matter) is not kept
            return None

    @staticmethod
    def _decode(data: bytes | None, codec: Codec[T]) -> T | None:
        if data is None:
            return None
        try:
            return codec.load(data)
        except Exception:  # any shape that does not validate, however it fails, is a miss
            return None

    def _read(self, name: str) -> dict[str, bytes]:
        """The entries of a store whose checksums hold, by key; none from a missing or foreign file."""
        if self.folder is None:
            return {}
        try:
            raw = (self.folder / name).read_bytes()
        except OSError:
            return {}
        view = memoryview(raw)  # lines and values are found in place: the site's line is megabytes long
        start = len(_HEADER) + 1
        if raw[:start] != _HEADER + b"\n":
            return {}
        entries = {}
        while (end := raw.find(b"\n", start)) >= 0:
            # ["<sha256>","<key>",<value>]: the two hashes have a fixed length, so the value is a slice.
            line, start = view[start:end], end + 1
            entry_key, data = bytes(line[69:133]), line[135:-1]
            if (line[:2] == b'["' and line[66:69] == b'","' and line[133:135] == b'",' and line[-1:] == b"]"
                    and _KEY.fullmatch(entry_key) and checksum(entry_key, data) == line[2:66]):
                entries[entry_key.decode()] = bytes(data)
        return entries

    def _write(self, name: str, entries: dict[str, bytes]) -> None:
        assert self.folder is not None
        lines = [_HEADER]
        for entry_key, data in entries.items():
            raw_key = entry_key.encode()
            if _KEY.fullmatch(raw_key) and b"\n" not in data:  # compact JSON never holds a raw newline
                lines.append(b'["' + checksum(raw_key, data) + b'","' + raw_key + b'",' + data + b"]")
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.")
            with os.fdopen(fd, "wb") as f:
                f.write(b"\n".join(lines) + b"\n")
            os.replace(tmp, self.folder / name)  # readers see the old file or the new one, never half
            for old in _LEGACY:
                (self.folder / old).unlink(missing_ok=True)
        except OSError:
            # A read-only checkout still builds and checks; it only stays cold.
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)


def checksum(entry_key: bytes, data: bytes | memoryview) -> bytes:
    """The sha256 an entry carries (hex): over its key and its value, so a value moved to another key does
    not verify either. The social cards kept beside these files carry it too (hooks/publish/cards.py)."""
    h = hashlib.sha256(entry_key + b"\0")
    h.update(data)
    return h.hexdigest().encode()
