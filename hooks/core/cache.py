"""Work kept between runs, so that a rerun redoes only what changed.

Two stores under `.cache/pillar/` in the project (or `$PILLAR_CACHE_DIR`), never in site/:

- the loaded site and its rendered pages, keyed by a hash of every input they come from
  (the engine's code, mkdocs.yml, the data, the templates and the content folder);
- per page, what checking it found (its links, anchors, directives and claim findings),
  keyed by a hash of the engine's code, mkdocs.yml, the data, the check date and the page's
  own Markdown, so editing one page rechecks that page alone.

A key holds everything its value depends on, so a hit returns what recomputing would.
A missing, unreadable or foreign cache file is a miss, never an error. `PILLAR_CACHE=off`
(or `--no-cache`) turns the cache off. Nothing here lives at module level except the hash of
the engine's code as loaded: that is what produced the values, even under `mkdocs serve`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from .collector import no_collections

_FORMAT = 1
_SKIP_DIRS = {"__pycache__", ".git", ".cache"}


def _tree_hash(folder: Path) -> bytes:
    h = hashlib.sha256()
    if not folder.is_dir():
        h.update(b"\0missing " + str(folder).encode())
        return h.digest()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not _SKIP_DIRS.intersection(path.parts):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.digest()


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


class Cache:
    """One run's view of the cache: read once, written back (atomically) with what was used."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0
        self._pages: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
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
        folder read once per run)."""
        h = hashlib.sha256()
        h.update(config.read_bytes() if config.is_file() else b"")
        for folder in folders:
            if folder not in self._folders:
                self._folders[folder] = _tree_hash(folder)
            h.update(b"\0folder " + str(folder).encode() + self._folders[folder])
        return h.hexdigest()

    # --- the loaded site and its pages ---------------------------------------------------------

    def load_site(self, fingerprint: str) -> Any | None:
        value = self._read("site.pickle")
        if isinstance(value, tuple) and len(value) == 2 and value[0] == key("site", fingerprint):
            self.hits += 1
            return value[1]
        self.misses += 1
        return None

    def store_site(self, fingerprint: str, value: Any) -> None:
        self._write("site.pickle", (key("site", fingerprint), value))

    # --- per-page check results ----------------------------------------------------------------

    def page(self, page_key: str) -> Any | None:
        if self.folder is None:
            return None
        if self._pages is None:
            stored = self._read("pages.pickle")
            self._pages = stored if isinstance(stored, dict) else {}
        value = self._pages.get(page_key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self._used[page_key] = value
        return value

    def store_page(self, page_key: str, value: Any) -> None:
        if self.folder is None:
            return
        self._used[page_key] = value
        self._dirty = True

    def save(self) -> None:
        """Write the page entries this run used; entries no page needs any more are dropped."""
        if self.folder is not None and (self._dirty or (self._pages is not None and len(self._used) != len(self._pages))):
            self._write("pages.pickle", self._used)
            self._dirty = False

    # --- files -----------------------------------------------------------------------------------

    def _read(self, name: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            with open(self.folder / name, "rb") as f, no_collections():
                return pickle.load(f)
        except Exception:
            return None

    def _write(self, name: str, value: Any) -> None:
        if self.folder is None:
            return
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / name)  # readers see the old file or the new one, never half
        except OSError:
            # A read-only checkout still builds and checks; it only stays cold.
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)
