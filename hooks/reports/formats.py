"""Every output format is a view of one findings list: text, json, github, sarif."""

from __future__ import annotations

import json
from collections.abc import Callable

from hooks.core.findings import Findings

TOOL = "hooks-factcheck"


def as_text(findings: Findings) -> str:
    lines = [f.as_text() for f in findings.active() if f.severity != "info"]
    infos = [f for f in findings.active() if f.severity == "info"]
    s = findings.summary()
    summary = f"{s['errors']} error(s), {s['warnings']} warning(s), {s['silenced']} silenced"
    if infos:
        summary += f", {len(infos)} note(s) (--format json lists them)"
    return "\n".join([*lines, summary]) + "\n"


def as_json(findings: Findings, **extra: object) -> str:
    doc = {"findings": [f.as_dict() for f in findings.active()],
           "silenced": [f.as_dict() for f in findings.silenced()],
           "summary": findings.summary(), **extra}
    return json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(findings: Findings) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    out = []
    for f in findings.active():
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


def as_sarif(findings: Findings) -> str:
    rules = sorted({f.code for f in findings.sorted()})
    results = []
    for f in findings.sorted():
        region: dict[str, int] = {}
        if f.line > 0:
            region = {"startLine": f.line, "startColumn": max(f.column, 1)}
            if f.end_line:
                region["endLine"] = f.end_line
            if f.end_column:
                region["endColumn"] = f.end_column
        result: dict[str, object] = {
            "ruleId": f.code,
            "level": {"error": "error", "warning": "warning", "info": "note"}[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.file},
                                                **({"region": region} if region else {})}}],
        }
        if f.silenced is not None:
            result["suppressions"] = [{"kind": "inSource", "justification": f.silenced}]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": TOOL, "rules": [{"id": r} for r in rules]}}, "results": results}],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Findings], str]] = {
    "text": as_text, "json": as_json, "github": as_github, "sarif": as_sarif,
}
