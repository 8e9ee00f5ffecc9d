"""The project's paths, resolved once: every folder and file the engine reads or writes.

`Project.resolve` takes the folder holding mkdocs.yml, what mkdocs.yml says (MkDocs' own
`docs_dir`, `site_dir` and `theme.custom_dir`) and the hooks' settings (`data_dir`,
`templates_dir` under `extra.pillar`); every other module asks the `Project` for a path
instead of joining folder names itself. (Reading and validating mkdocs.yml is the data
layer's job: `hooks.data.model.load_config` returns the settings with their `Project`.)

Also here, because every layer needs them: `rel()`, a path as the messages show it, and
`today()`, the day the checks reason about.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

CONFIG_FILE = "mkdocs.yml"
"""The configuration file; the folder holding it is the project's root."""
SCHEMAS = "schemas"
"""The JSON Schemas of the data files (`python -m hooks schema`), at the root."""
CACHE = ".cache/pillar"
"""Work kept between runs (see cache.py), unless $PILLAR_CACHE_DIR names another folder."""
LINKCHECK_CONFIG = "linkcheckerrc"
EXTERNAL_CACHE = ".linkcheck-cache/external.json"
"""Recent results of `python -m hooks external`."""
# MkDocs' own defaults, for a mkdocs.yml that does not name the folders.
MKDOCS_DOCS_DIR = "docs"
MKDOCS_SITE_DIR = "site"


@dataclass(frozen=True)
class Project:
    """Where everything is. Build one with `Project.resolve` (or `load_config` in the data layer)."""

    root: Path
    """The folder holding mkdocs.yml."""
    config_file: Path
    docs_dir: Path
    """MkDocs' docs_dir (`content/` here): hand-written pages and assets."""
    data_dir: Path
    templates_dir: Path
    theme_dir: Path | None
    """MkDocs' theme.custom_dir (theme overrides), if mkdocs.yml names one."""
    site_dir: Path
    """Where MkDocs builds the site (mkdocs.yml's site_dir)."""
    schemas_dir: Path
    cache_dir: Path
    linkcheck_config: Path
    external_cache: Path

    @classmethod
    def resolve(cls, root: Path, *, data_dir: str = "data", templates_dir: str = "templates",
                config: Mapping[str, Any] | None = None, docs_dir: Path | None = None,
                site_dir: Path | None = None) -> Project:
        """The paths of the project in root. `config` is mkdocs.yml as read; data_dir and templates_dir
        come from its settings. `docs_dir` and `site_dir`, when given (the content folder handed to
        `engine.run`, a --site-dir), win over mkdocs.yml."""
        config = config or {}
        theme = config.get("theme")
        custom_dir = theme.get("custom_dir") if isinstance(theme, Mapping) else None
        cache = os.environ.get("PILLAR_CACHE_DIR")
        return cls(
            root=root,
            config_file=config_file(root),
            docs_dir=docs_dir or root / _folder(config.get("docs_dir"), MKDOCS_DOCS_DIR),
            data_dir=root / data_dir,
            templates_dir=root / templates_dir,
            theme_dir=root / custom_dir if isinstance(custom_dir, str) and custom_dir else None,
            site_dir=site_dir or root / _folder(config.get("site_dir"), MKDOCS_SITE_DIR),
            schemas_dir=root / SCHEMAS,
            cache_dir=Path(cache) if cache else root / CACHE,
            linkcheck_config=root / LINKCHECK_CONFIG,
            external_cache=root / EXTERNAL_CACHE,
        )

    @classmethod
    def export_layout(cls, root: Path) -> Project:
        """The plain MkDocs project `python -m hooks export` writes: docs/, overrides/, mkdocs.yml."""
        return replace(cls.resolve(root), docs_dir=root / "docs", theme_dir=root / "overrides")

    def rel(self, path: Path) -> str:
        """path as messages show it: relative to the root where it is inside."""
        return rel(path, self.root)

    def data_file(self, name: str) -> Path:
        """A single data file by kind: 'concepts' -> data/concepts.yaml."""
        return self.data_dir / f"{name}.yaml"

    @property
    def standards_dir(self) -> Path:
        """One YAML file per standard."""
        return self.data_dir / "standards"

    def standard_file(self, ident: str) -> Path:
        return self.standards_dir / f"{ident}.yaml"

    def template(self, name: str) -> Path:
        return self.templates_dir / name


def _folder(value: object, default: str) -> str:
    return value if isinstance(value, str) and value else default


def config_file(root: Path) -> Path:
    """mkdocs.yml in root."""
    return root / CONFIG_FILE


def find_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml, from start (default: the working directory) upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if config_file(folder).exists():
            return folder
    return here


def rel(path: Path, root: Path) -> str:
    """path relative to root with forward slashes (as every message shows a file), else as given.

    A link keeps its own name (data/sources.yaml, not the file it leads to): the name is the file's key
    everywhere, whatever a link points at; the real paths count only when root is spelt another way."""
    real, real_root = resolved(path), resolved(root)
    pairs = [(Path(os.path.abspath(path)), Path(os.path.abspath(root)))]
    if real is not None and real_root is not None:
        pairs.append((real, real_root))
    for inner, outer in pairs:
        if inner.is_relative_to(outer):
            return inner.relative_to(outer).as_posix()
    return str(path)


def resolved(path: Path) -> Path | None:
    """The real path that path names, following links, or None where links lead round in a loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # RuntimeError up to Python 3.12, OSError (ELOOP) from 3.13
        return None


class _Dated(Protocol):
    @property
    def check_date(self) -> dt.date | None: ...


def today(settings: _Dated | None = None, override: dt.date | None = None) -> dt.date:
    """The day the checks reason about: an override, the settings' check_date, or today."""
    if override:
        return override
    if settings and settings.check_date:
        return settings.check_date
    return dt.date.today()
