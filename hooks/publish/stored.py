"""The loaded site and its rendered pages as plain JSON values, as the cache keeps them, and back.

Most of it round-trips as it is: the data's pydantic models, the pages (dataclasses) and their
source maps (named tuples) are validated by pydantic on the way back, strictly, so a wrong shape
raises instead of building a wrong site. Two things need a plain form of their own:

- YAML values as loaded (a document's data, a page's front matter) hold what JSON does not tell
  apart: dates, mapping keys that are not strings, infinite floats. Each is written as a one-key
  object, `{"$date": "2026-11-24"}`, `{"$map": [[key, value], ...]}`, and read back by `_yaml`.
- A document's positions are keyed by tuples: they are kept as rows `[loc, line, column, style, indent]`.

The site's project (its paths) is not kept: it is this run's, given to `codec`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, JsonValue, create_model
from typing_extensions import TypedDict

from hooks.core.cache import Plain
from hooks.core.project import Project
from hooks.data.loader import Document, Pos
from hooks.data.model import Site
from hooks.pages.paths import Page

_SCALARS: dict[str, Callable[[str], Any]] = {"$date": dt.date.fromisoformat, "$datetime": dt.datetime.fromisoformat,
                                             "$float": float}
"""The tags of values JSON has no type for, and how each is read back from its text."""
_NESTED = (dict, list)


def _plain(value: Any) -> JsonValue:
    """A YAML value (as the loader builds it) in JSON; raises TypeError on anything else."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if kind is list:
        return [_plain(item) for item in value]
    if kind is dict:
        if all(type(k) is str and not k.startswith("$") for k in value):
            return {k: _plain(item) for k, item in value.items()}
        return {"$map": [[_plain(k), _plain(item)] for k, item in value.items()]}
    if kind is dt.date:
        return {"$date": value.isoformat()}
    if kind is dt.datetime:
        return {"$datetime": value.isoformat()}
    raise TypeError(f"a {kind.__name__} is not a YAML value")


def _yaml(value: Any) -> Any:
    """A YAML value back from `_plain`'s JSON; raises ValueError on an unknown tag or a bad value.
    (Scalars, most of the nodes, are passed over without a call: this runs on every node of the data.)"""
    if type(value) is list:
        return [_yaml(item) if type(item) in _NESTED else item for item in value]
    if type(value) is not dict:
        return value
    if len(value) == 1:
        tag, inner = next(iter(value.items()))
        if tag == "$map" and type(inner) is list and all(type(pair) is list and len(pair) == 2 for pair in inner):
            return {_yaml(k): _yaml(item) for k, item in inner}
        if tag in _SCALARS and type(inner) is str:
            return _SCALARS[tag](inner)
    result = {}
    for k, item in value.items():
        if k.startswith("$"):
            raise ValueError(f"{k!r}: not a tag this module writes, or not with that value")
        result[k] = _yaml(item) if type(item) in _NESTED else item
    return result


_Row = tuple[tuple[str | int | bool, ...], int, int, str | None, int]
"""A position as kept: (loc, line, column, style, indent); a loc holds keys and indexes, and the loader
keeps a YAML key that is a number or a truth as it is. (A plain tuple: a named one costs half again to read.)"""


class _Document(TypedDict):
    path: str
    data: JsonValue
    values: list[_Row]
    keys: list[_Row]


def _rows(table: dict[tuple[Any, ...], Pos]) -> list[_Row]:
    return [(loc, pos.line, pos.column, pos.style, pos.indent) for loc, pos in table.items()]


def _table(rows: list[_Row]) -> dict[tuple[Any, ...], Pos]:
    return {loc: Pos(line, column, style, indent) for loc, line, column, style, indent in rows}


def _document_plain(doc: Document) -> _Document:
    return {"path": doc.path, "data": _plain(doc.data), "values": _rows(doc.values), "keys": _rows(doc.keys)}


def _document(stored: _Document) -> Document:
    return Document(stored["path"], _yaml(stored["data"]), _table(stored["values"]), _table(stored["keys"]))


_DOCUMENTS = {"documents": dict[str, _Document], "settings_doc": _Document | None}
"""The fields of Site kept in a form of their own; every other field but the project is kept as typed."""
_SITE_FIELDS = [f.name for f in dataclasses.fields(Site) if f.name != "project"]


def _shapes() -> tuple[type[BaseModel], type[BaseModel]]:
    """The stored shape of a Site (its own fields, read from its type hints so that a new field is kept
    too, less the project), and of a Site with its pages."""
    hints = typing.get_type_hints(Site)
    fields: dict[str, Any] = {name: (_DOCUMENTS.get(name, hints[name]), ...) for name in _SITE_FIELDS}
    stored_site = create_model("StoredSite", **fields)
    return stored_site, create_model("Stored", site=(stored_site, ...), pages=(list[Page], ...))


_STORED_SITE, _STORED = _shapes()


def codec(project: Project) -> Plain[tuple[Site, list[Page]], BaseModel]:
    """How the cache keeps a loaded site and its pages; they come back with `project` as their paths."""

    def to_plain(value: tuple[Site, list[Page]]) -> BaseModel:
        site, pages = value
        fields = {name: getattr(site, name) for name in _SITE_FIELDS}
        fields["documents"] = {path: _document_plain(doc) for path, doc in site.documents.items()}
        fields["settings_doc"] = _document_plain(site.settings_doc) if site.settings_doc is not None else None
        pages = [dataclasses.replace(page, meta=typing.cast(dict[str, Any], _plain(page.meta))) for page in pages]
        return _STORED.model_construct(site=_STORED_SITE.model_construct(**fields), pages=pages)

    def from_plain(stored: BaseModel) -> tuple[Site, list[Page]]:
        fields = dict(stored.site)  # type: ignore[attr-defined]
        fields["documents"] = {path: _document(doc) for path, doc in fields["documents"].items()}
        fields["settings_doc"] = _document(fields["settings_doc"]) if fields["settings_doc"] is not None else None
        pages = stored.pages  # type: ignore[attr-defined]
        for page in pages:
            page.meta = _yaml(page.meta)
        return Site(project=project, **fields), pages

    return Plain(_STORED, to_plain, from_plain)
