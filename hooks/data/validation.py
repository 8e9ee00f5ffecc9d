"""Validate data against a pydantic model: one located finding per problem, each saying what is
wrong and how to fix it (`path:line:col: error[code]: ...`), a typo's "did you mean" included."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from hooks.core.findings import DataError, Finding

from .loader import Document, Loc


def validate(doc: Document, model: type[BaseModel], data: Any, base: Loc = ()) -> Any:
    """Validate data with a pydantic model; raise DataError with one located finding per problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(doc, model, base, err) for err in exc.errors()]
        # "comittee" is one mistake, not two: drop the missing key that a did-you-mean explains.
        suggested = {p.suggested for p in problems if p.suggested is not None}
        raise DataError(p.finding for p in problems if p.missing is None or p.missing not in suggested) from None


@dataclass(frozen=True)
class Problem:
    """One validation error: its finding, and the key it is about where one key is missing or suggested."""

    finding: Finding
    missing: str | None = None
    """The required key that is absent (missing-key)."""
    suggested: str | None = None
    """The key a did-you-mean proposes for an unknown one (unknown-key)."""


def _problem(doc: Document, model: type[BaseModel], base: Loc, err: Any) -> Problem:
    loc = _data_loc(doc, base, err["loc"], err["type"])
    kind = err["type"]
    name = ".".join(str(p) for p in loc[len(base):]) or "the file"
    if kind == "extra_forbidden":
        key = loc[-1]
        allowed = _allowed_keys(model, loc[len(base):-1])
        hint = difflib.get_close_matches(str(key), allowed, n=1)
        fix = f" Did you mean {hint[0]!r}?" if hint else ""
        expected = f" Expected one of: {', '.join(sorted(allowed))}." if allowed else ""
        return Problem(doc.error(loc, "unknown-key", f"unknown key {key!r}.{fix}{expected}", key=True),
                       suggested=hint[0] if hint else None)
    if kind == "missing":
        missing = str(loc[-1])
        return Problem(doc.error(loc[:-1], "missing-key", f"missing required key {missing!r}. Add it."), missing=missing)
    received = err.get("input")
    msg = err["msg"]
    if kind in ("url_parsing", "url_scheme", "url_type"):  # pydantic's own; schema.py's say what to fix
        msg = "expected an absolute http:// or https:// URL"
    msg = msg[0].lower() + msg[1:] if msg else msg
    if isinstance(received, (dict, list)):
        got = type(received).__name__ if not isinstance(received, dict) else "a mapping"
    else:
        got = repr(received)
    about_a_url = kind.startswith("url")  # pydantic's url_* kinds and schema.py's url_credentials, url_host
    code = {"date_from_datetime_parsing": "bad-date", "date_parsing": "bad-date",
            "date_type": "bad-date"}.get(kind, "bad-url" if about_a_url else "bad-value")
    return Problem(doc.error(loc, code, f"{name}: {msg}; received {got}."))


def _data_loc(doc: Document, base: Loc, err_loc: tuple[Any, ...], kind: str) -> Loc:
    """Map pydantic's error location (which may name union members) onto the data's keys."""
    loc: Loc = tuple(base)
    value = doc.get(loc)
    parts = list(err_loc)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if ((isinstance(value, dict) and part in value)
                or (isinstance(value, list) and isinstance(part, int) and part < len(value))):
            loc += (part,)
            value = value[part]
        elif last and kind in ("missing", "extra_forbidden"):
            loc += (part,)
    return loc


def _allowed_keys(model: type[BaseModel], path: Loc) -> list[str]:
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field_info = getattr(current, "model_fields", {}).get(part)
        if field_info is None:
            return []
        current = _model_in(field_info.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}).keys())


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None
