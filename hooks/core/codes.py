"""The registry of finding codes (codes.yaml beside this file): for every code a check reports, its usual
severity, what it catches, what it means, how to fix it and the editors' guide section that helps.

The SARIF report takes each rule's metadata from here, and `python -m hooks docs` writes the README's
checks table and the editors' guide's table of fixes from here, so the three never disagree. A code that
data names (a relation's or a myth's own `code`) and the registry lacks still gets a rule: `lookup` makes
one that points at the guide."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from .findings import SEVERITY_ORDER, Severity

REGISTRY = Path(__file__).with_name("codes.yaml")
GUIDE = "CONTRIBUTING.md"
"""The editors' guide, at the repository's root."""
FIXES = "what-the-messages-mean-with-real-examples"
"""The anchor of the guide's table of fixes: where a code's `guide` points unless it names another section."""
Area = Literal["claims", "links", "sources", "data", "pages"]
AREAS: dict[Area, str] = {
    "claims": "Claims in the prose, judged against the data",
    "links": "Links",
    "sources": "Facts and their sources",
    "data": "Data files (these stop the build before any page is built)",
    "pages": "Templates and hand-written pages",
}
"""Each kind of check, with the title the tables give it, in their order."""
_FIELDS = {"code", "severity", "area", "short", "full", "fix", "fails", "passes", "guide"}
_REQUIRED = {"code", "severity", "area", "short", "full", "fix"}


@dataclass(frozen=True)
class Code:
    """One finding code and what an editor needs to know about it."""

    code: str
    severity: Severity
    """The usual severity; `full` says when a finding has another."""
    area: Area
    short: str
    """What it catches, in one line."""
    full: str
    """What it means, in a few sentences."""
    fix: str
    """What to do about it."""
    fails: str = ""
    """A sentence or value that gets it (Markdown), if any."""
    passes: str = ""
    """A close one that does not."""
    guide: str = FIXES
    """The anchor of the section of the editors' guide that helps."""
    registered: bool = True
    """False for a code only data names, which `lookup` describes from the code alone."""


@cache
def registry() -> dict[str, Code]:
    """Every registered code, in the registry's order."""
    return load(REGISTRY.read_text("utf-8"))


def load(text: str) -> dict[str, Code]:
    """The registry in text; ValueError naming the entry when one is malformed."""
    try:
        entries = (yaml.safe_load(text) or {}).get("codes") or []
    except yaml.YAMLError as exc:
        raise ValueError(f"{REGISTRY.name}: {exc}") from None
    codes: dict[str, Code] = {}
    for i, entry in enumerate(entries):
        where = f"{REGISTRY.name}: entry {i + 1} ({entry.get('code', '?') if isinstance(entry, dict) else entry!r})"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected a mapping")
        if missing := _REQUIRED - set(entry):
            raise ValueError(f"{where}: missing {', '.join(sorted(missing))}")
        if unknown := set(entry) - _FIELDS:
            raise ValueError(f"{where}: unknown {', '.join(sorted(unknown))}")
        if entry["severity"] not in SEVERITY_ORDER or entry["area"] not in AREAS:
            raise ValueError(f"{where}: severity must be one of {sorted(SEVERITY_ORDER)}, area one of {list(AREAS)}")
        if entry["code"] in codes:
            raise ValueError(f"{where}: the code is registered twice")
        codes[entry["code"]] = Code(**{k: str(v).strip() for k, v in entry.items()})  # type: ignore[arg-type]
    return codes


def lookup(code: str, severity: Severity = "error") -> Code:
    """The registered code, or a description of a code that only the data names."""
    found = registry().get(code)
    if found is not None:
        return found
    return Code(code=code, severity=severity, area="claims", short=f"a finding filed under {code!r} by the data",
                full=f"A relation in data/predicates.yaml or a myth in data/misconceptions.yaml reports its findings "
                     f"under the code {code!r}, which the registry of codes (hooks/core/codes.yaml) does not describe.",
                fix="Read the message: it gives the correct statement and its source.",
                guide=FIXES, registered=False)
