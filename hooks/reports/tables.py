"""`python -m hooks docs`: the tables of finding codes in README.md (what each check catches) and
CONTRIBUTING.md (what to do about each), written from the registry (hooks/core/codes.yaml).

Each table stands between two HTML comments that name the command, invisible on GitHub; `update`
replaces what lies between them and leaves the rest of the file as it is."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from hooks.core.codes import AREAS, REGISTRY, Code, registry

_SEVERITY = {"error": "error", "warning": "warning", "info": "note"}
_SOURCE = f"hooks/core/{REGISTRY.name}"


def begin(name: str) -> str:
    return f"<!-- python -m hooks docs: {name} (generated from {_SOURCE}; edit that, then run the command) -->"


def end(name: str) -> str:
    return f"<!-- python -m hooks docs: end {name} -->"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def checks_table(codes: Mapping[str, Code] | None = None) -> str:
    """README.md: each kind of check's codes, with what each catches and examples."""
    codes = registry() if codes is None else codes
    header = ("code", "severity", "what it catches", "example that fails", "passes")
    parts = []
    for area, title in AREAS.items():
        rows = [(f"`{c.code}`", _SEVERITY[c.severity], c.short, c.fails, c.passes) for c in codes.values() if c.area == area]
        if rows:
            parts.append(f"**{title}**\n\n" + _table(header, rows))
    return "\n\n".join(parts)


def fixes_table(codes: Mapping[str, Code] | None = None) -> str:
    """CONTRIBUTING.md: what to do about each code."""
    codes = registry() if codes is None else codes
    return _table(("code", "severity", "what to do"), [(f"`{c.code}`", _SEVERITY[c.severity], c.fix) for c in codes.values()])


DOCS: dict[str, dict[str, Callable[[], str]]] = {
    "README.md": {"checks": checks_table},
    "CONTRIBUTING.md": {"fixes": fixes_table},
}
"""Each file's tables, by the name their markers give them."""


def update(text: str, tables: Mapping[str, Callable[[], str]]) -> str:
    """text with each named table rewritten between its markers; ValueError where a marker is missing."""
    for name, render in tables.items():
        found = re.search(re.escape(begin(name)) + r"\n.*?" + re.escape(end(name)), text, re.S)
        if found is None:
            raise ValueError(f"no table {name!r}: expected the lines {begin(name)!r} and {end(name)!r}")
        text = text[:found.start()] + f"{begin(name)}\n{render()}\n{end(name)}" + text[found.end():]
    return text
