"""Every output format is a view of one findings list: text, json, github, sarif.

Notes (findings of severity info, such as `unused`) are counted in the text summary and listed in json;
text, github and sarif list them only with `Options.notes` (`--notes`), as GitHub shows only the first few
annotations of each kind per step.

The SARIF log is what GitHub code scanning reads: each rule carries the registry's descriptions and fix
(hooks/core/codes.yaml); a file inside the project is a percent-encoded URI relative to `%SRCROOT%` (the
repository's root) and one outside a `file:` URI; columns count UTF-16 code units, SARIF's default, taken
from the line's text. A rule's `helpUri` and the driver's `informationUri` need an absolute address, so they
are given only when the repository's is known (`Options.repository`: mkdocs.yml's `repo_url`, or GitHub
Actions' repository); `helpUri` is then the editors' guide section on GitHub, and without it `help` names the
section in CONTRIBUTING.md in words.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from hooks.core.codes import GUIDE, Code, lookup, registry
from hooks.core.findings import Finding, Findings

TOOL = "hooks-factcheck"
VERSION = "1.1.0"
"""The version of the checks, as SARIF reports it: raise it when a code is added or changes its meaning."""
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


@dataclass(frozen=True)
class Options:
    """What a report needs beyond the findings."""

    notes: bool = False
    """List notes (info findings) in text, github and sarif too."""
    root: Path | None = None
    """The project's root: SARIF's relative URIs start there, and its files give the UTF-16 columns."""
    repository: str | None = None
    """The repository's web address (https://github.com/owner/name), for SARIF's absolute links."""


def _shown(findings: Findings, options: Options) -> list[Finding]:
    return [f for f in findings.active() if options.notes or f.severity != "info"]


def as_text(findings: Findings, options: Options = Options()) -> str:
    infos = [f for f in findings.active() if f.severity == "info"]
    s = findings.summary()
    summary = f"{s['errors']} error(s), {s['warnings']} warning(s), {s['silenced']} silenced"
    if infos:
        summary += f", {len(infos)} note(s)" + ("" if options.notes else " (--notes lists them)")
    return "\n".join([*(f.as_text() for f in _shown(findings, options)), summary]) + "\n"


def as_json(findings: Findings, options: Options = Options(), **extra: object) -> str:
    doc = {"findings": [f.as_dict() for f in findings.active()],
           "silenced": [f.as_dict() for f in findings.silenced()],
           "summary": findings.summary(), **extra}
    return json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(findings: Findings, options: Options = Options()) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    out = []
    for f in _shown(findings, options):
        level = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
        props = f"file={_gh_escape(f.file, True)}"
        if f.line > 0:
            props += f",line={f.line},col={f.column}"
            if f.end_line:
                props += f",endLine={f.end_line}"
            if f.end_column and f.end_line == f.line:
                props += f",endColumn={f.end_column}"
        props += f",title={_gh_escape(f.code, True)}"
        out.append(f"::{level} {props}::{_gh_escape(f.message)}")
    return "\n".join(out) + ("\n" if out else "")


# SARIF --------------------------------------------------------------------------------------------

class _Lines:
    """The lines of the findings' files, read once each, to count columns in UTF-16 code units."""

    def __init__(self, root: Path | None):
        self.root = root
        self.files: dict[str, list[str] | None] = {}

    def _lines(self, file: str) -> list[str] | None:
        if file not in self.files:
            path = Path(file)
            if not path.is_absolute():
                path = self.root / path if self.root else path
            try:
                self.files[file] = path.read_bytes().decode("utf-8", errors="replace").split("\n")
            except OSError:
                self.files[file] = None
        return self.files[file]

    def utf16(self, file: str, line: int, column: int) -> int:
        """A 1-based column counted in code points, counted in UTF-16 code units (unchanged if the line is unknown)."""
        lines = self._lines(file) if self.root is not None else None
        if not lines or not 0 < line <= len(lines) or column <= 1:
            return column
        head = lines[line - 1][:column - 1]
        return column + sum(1 for ch in head if ord(ch) > 0xFFFF)  # each astral character is a surrogate pair


def _artifact(file: str) -> dict[str, str]:
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _region(f: Finding, lines: _Lines) -> dict[str, int]:
    if f.line <= 0:
        return {}
    region = {"startLine": f.line, "startColumn": lines.utf16(f.file, f.line, max(f.column, 1))}
    if f.end_line:
        region["endLine"] = f.end_line
        if f.end_column:
            region["endColumn"] = lines.utf16(f.file, f.end_line, f.end_column)
    return region


def guide_uri(repository: str | None, anchor: str) -> str | None:
    """The editors' guide section on GitHub, where the repository is there (None elsewhere: no absolute address)."""
    if not repository or "github" not in urlsplit(repository).netloc.lower():
        return None
    return f"{repository.rstrip('/').removesuffix('.git')}/blob/HEAD/{GUIDE}#{anchor}"


def _rule(code: Code, repository: str | None) -> dict[str, object]:
    uri = guide_uri(repository, code.guide)
    where = f"{GUIDE}, section #{code.guide}"
    examples = "".join(f"\n\n**{label}:** {text}" for label, text in (("Fails", code.fails), ("Passes", code.passes)) if text)
    rule: dict[str, object] = {
        "id": code.code,
        "shortDescription": {"text": code.short},
        "fullDescription": {"text": code.full},
        "help": {"text": f"{code.fix}\n\nEditors' guide: {where}.",
                 "markdown": f"**Fix:** {code.fix}{examples}\n\n"
                             + (f"[Editors' guide]({uri})" if uri else f"Editors' guide: `{GUIDE}`, section `#{code.guide}`.")},
        "defaultConfiguration": {"level": _LEVEL[code.severity]},
        "properties": {"tags": ["editorial", code.area]},
    }
    if uri:
        rule["helpUri"] = uri
    return rule


def as_sarif(findings: Findings, options: Options = Options()) -> str:
    shown = [f for f in findings.sorted() if options.notes or f.severity != "info"]
    codes = dict(registry())
    for f in shown:
        codes.setdefault(f.code, lookup(f.code, f.severity))
    index = {code: i for i, code in enumerate(codes)}
    lines = _Lines(options.root)
    results = []
    for f in shown:
        region = _region(f, lines)
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(f.file),
                                                **({"region": region} if region else {})}}],
        }
        facts = {k: v for k, v in (("expected", f.expected), ("source", f.source)) if v}
        if facts:
            result["properties"] = facts
        if f.silenced is not None:
            result["suppressions"] = [{"kind": "inSource", "justification": f.silenced}]
        results.append(result)
    driver: dict[str, object] = {"name": TOOL, "version": VERSION, "semanticVersion": VERSION}
    if options.repository:
        driver["informationUri"] = options.repository
    driver["rules"] = [_rule(code, options.repository) for code in codes.values()]
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "utf16CodeUnits", "results": results}],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Findings, Options], str]] = {
    "text": as_text, "json": as_json, "github": as_github, "sarif": as_sarif,
}
