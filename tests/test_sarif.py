"""Check the SARIF report as GitHub code scanning reads it, and the registry of finding codes it takes its
rules from (hooks/core/codes.yaml): every code the engine reports is registered, and the tables of codes
in README.md and CONTRIBUTING.md are what `python -m hooks docs` writes from it.

The SARIF log is validated against the OASIS schema in ../shared/schemas/ (beside the repository) with
the `jsonschema` library."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from test_bad_inputs import CASES

from helpers import FIXTURE, ROOT, check, fixture_site, run
from hooks.core.codes import GUIDE, load, lookup, registry
from hooks.core.findings import Finding, Findings
from hooks.reports.formats import SRCROOT, TOOL, VERSION, Options, as_github, as_sarif, as_text
from hooks.reports.tables import DOCS, update

OASIS = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-F]{2})*$")
"""The characters RFC 3986 allows in a URI reference: anything else must be percent-encoded."""


def _finding(file: str, line: int = 1, column: int = 1, code: str = "role-issuer", severity: str = "error",
             **extra: object) -> Finding:
    return Finding(file=file, line=line, column=column, severity=severity, code=code, message="wrong.",  # type: ignore[arg-type]
                   **extra)  # type: ignore[arg-type]


def _sarif(findings: list[Finding], **options: object) -> dict:
    return json.loads(as_sarif(Findings(findings), Options(**options)))  # type: ignore[arg-type]


def _location(result: dict) -> dict:
    return result["locations"][0]["physicalLocation"]


# --- the rules ------------------------------------------------------------------------------

def test_rules_carry_the_registry_metadata() -> None:
    """Check that every rule has the descriptions, help and default level GitHub shows, from the registry,
    that each result points at its rule, and that the driver names its version."""
    doc = _sarif([_finding("content/about.md", code="stale", severity="warning")])
    driver = doc["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == (TOOL, VERSION, VERSION)
    assert [r["id"] for r in driver["rules"]] == list(registry())
    for rule in driver["rules"]:
        code = registry()[rule["id"]]
        assert rule["shortDescription"]["text"] == code.short and rule["fullDescription"]["text"] == code.full
        assert rule["help"]["text"].startswith(code.fix) and f"{GUIDE}, section #{code.guide}" in rule["help"]["text"]
        assert code.fix in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[code.severity]
        assert "helpUri" not in rule, "no absolute address without the repository's"
    result = doc["runs"][0]["results"][0]
    assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == "stale"
    assert "informationUri" not in driver


def test_rules_link_the_editors_guide_on_github() -> None:
    """Check helpUri (the guide's section on GitHub) and the driver's informationUri when the repository is known."""
    doc = _sarif([], repository="https://github.com/example/iso-guide")
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://github.com/example/iso-guide"
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["stale"]["helpUri"] == "https://github.com/example/iso-guide/blob/HEAD/CONTRIBUTING.md#change-a-fact"
    assert rules["role-issuer"]["helpUri"].endswith("CONTRIBUTING.md#what-the-messages-mean-with-real-examples")
    assert "](https://github.com/example/iso-guide/blob/HEAD/CONTRIBUTING.md#change-a-fact)" in rules["stale"]["help"]["markdown"]


def test_a_code_only_the_data_names_gets_a_rule() -> None:
    """Check that a relation's own code (data/predicates.yaml) that the registry lacks still gets a described rule."""
    doc = _sarif([_finding("draft.md", code="role-trainer")])
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    result = doc["runs"][0]["results"][0]
    rule = rules[result["ruleIndex"]]
    assert rule["id"] == "role-trainer" and "role-trainer" in rule["fullDescription"]["text"]
    assert not lookup("role-trainer").registered and lookup("stale").registered


# --- locations ------------------------------------------------------------------------------

def test_uris_are_percent_encoded_and_relative_to_the_root(tmp_path: Path) -> None:
    """Check a file inside the project: a relative, percent-encoded URI against %SRCROOT%; one outside: a file: URI."""
    outside = tmp_path / "my drafts" / "café.md"
    doc = _sarif([_finding("content/new page é.md"), _finding(str(outside))])
    other, inside = (_location(r)["artifactLocation"] for r in doc["runs"][0]["results"])  # sorted by file
    assert inside == {"uri": "content/new%20page%20%C3%A9.md", "uriBaseId": SRCROOT}
    assert other == {"uri": outside.as_uri()} and other["uri"].startswith("file:///") and "%20" in other["uri"]
    assert all(URI_REFERENCE.match(a["uri"]) for a in (inside, other))


def test_columns_count_utf16_code_units(tmp_path: Path) -> None:
    """Check that a column after an astral character (an emoji: two UTF-16 units) moves by one, as GitHub counts,
    and that one after a BMP character (é) does not."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("# Title\n\n😀 é Certified by ISO.\n", "utf-8")
    line = "😀 é Certified by ISO."
    start, end = line.index("Certified") + 1, len(line)  # code points, 1-based; the end is exclusive
    doc = _sarif([_finding("content/a.md", 3, start, end_line=3, end_column=end),
                  _finding("content/a.md", 1, 3)], root=tmp_path)
    second, first = (_location(r)["region"] for r in doc["runs"][0]["results"])  # sorted by line
    assert first == {"startLine": 3, "startColumn": start + 1, "endLine": 3, "endColumn": end + 1}
    assert second == {"startLine": 1, "startColumn": 3}
    assert doc["runs"][0]["columnKind"] == "utf16CodeUnits"


# --- notes ----------------------------------------------------------------------------------

def test_notes_are_left_out_unless_asked_for() -> None:
    """Check that github, sarif and text leave notes out by default and list them with notes=True (--notes)."""
    findings = Findings([_finding("data/sources.yaml", 5, 9, code="unused", severity="info"), _finding("draft.md")])
    assert "::notice" not in as_github(findings) and "::error" in as_github(findings)
    assert "::notice file=data/sources.yaml,line=5,col=9,title=unused::" in as_github(findings, Options(notes=True))
    assert [r["ruleId"] for r in json.loads(as_sarif(findings))["runs"][0]["results"]] == ["role-issuer"]
    noted = json.loads(as_sarif(findings, Options(notes=True)))["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in noted] == [("unused", "note"), ("role-issuer", "error")]
    assert "unused" not in as_text(findings) and "1 note(s) (--notes lists them)" in as_text(findings)
    assert "data/sources.yaml:5:9: info[unused]" in as_text(findings, Options(notes=True))


def test_check_sarif_is_valid_sarif(tmp_path: Path) -> None:
    """Check `check --format sarif --notes` end to end: valid against the OASIS SARIF 2.1.0 schema, a draft
    outside the project as a file: URI with its UTF-16 column, the notes listed; without --notes, none."""
    if not OASIS.exists():
        pytest.skip(f"the OASIS SARIF schema is not at {OASIS} (shared/ beside the repository)")
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in requirements-dev.txt")
    root = fixture_site(tmp_path / "site")
    draft = tmp_path / "my drafts" / "draft.md"
    draft.parent.mkdir()
    draft.write_text("# Draft\n\n😀 Our plant was certified by ISO in 2021.\n", "utf-8")
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "example/iso-guide"}
    proc = run(["-m", "hooks", "--root", str(root), "check", "--date", "2026-12-05", str(draft),
                "--format", "sarif", "--notes"], root, env)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    schema = json.loads(OASIS.read_text("utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(doc)] == []
    results = doc["runs"][0]["results"]
    error = next(r for r in results if r["level"] == "error")
    assert _location(error)["artifactLocation"] == {"uri": draft.as_uri()}
    assert _location(error)["region"]["startColumn"] == 18  # "😀 Our plant was " is 16 code points, 17 UTF-16 units
    assert any(r["level"] == "note" for r in results)
    assert doc["runs"][0]["tool"]["driver"]["informationUri"] == "https://github.com/example/iso-guide"
    plain = json.loads(check(root, str(draft), "--format", "sarif").stdout)
    assert all(r["level"] != "note" for r in plain["runs"][0]["results"])


# --- the registry ---------------------------------------------------------------------------

_CODE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
_EMITTERS = {"Hit", "Finding", "Claim", "error", "_fail", "report"}
"""The calls that make a finding, each with its code among its arguments."""


def _message(node: ast.AST) -> bool:
    """A finding's message: words, not a tag ('this folder is a link ...', an f-string or a concatenation)."""
    if isinstance(node, ast.BinOp):
        return _message(node.left)
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)
                                               and " " in node.value.strip())


def _codes_in_source(package: Path) -> dict[str, str]:
    """Every code the engine's source passes to a call that makes a finding, or computes as `code` -> where."""
    found: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            values: list[ast.AST] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name in _EMITTERS:
                    values = [*node.args, *(k.value for k in node.keywords if k.arg == "code")]
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets):
                values = list(ast.walk(node.value))
            elif isinstance(node, ast.FunctionDef) and node.name.endswith("_code"):
                values = [n for r in ast.walk(node) if isinstance(r, ast.Return) for n in ast.walk(r)]
            elif isinstance(node, (ast.Yield, ast.Return)) and node.value is not None:
                # a (code, message) pair handed back for the caller to report: `yield src, path, ("link-loop", "...")`
                values = [t.elts[0] for t in ast.walk(node.value) if isinstance(t, ast.Tuple) and len(t.elts) == 2
                          and _message(t.elts[1])]
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str) and _CODE.match(value.value) \
                        and value.value not in ("error", "warning", "info"):
                    found.setdefault(value.value, f"{path.relative_to(package.parent)}:{value.lineno}")
    return found


def _codes_in_data() -> set[str]:
    """The codes the relations and myths of the real and the fixture site name (a myth's default included)."""
    from hooks.data.schema import Misconception

    codes = {str(Misconception.model_fields["code"].default)}
    for site in (ROOT, FIXTURE):
        for name, key in (("predicates", "predicates"), ("misconceptions", "misconceptions")):
            entries = yaml.safe_load((site / "data" / f"{name}.yaml").read_text("utf-8"))[key] or []
            codes |= {e["code"] for e in entries if "code" in e}
    return codes


def _codes_in_corpus() -> set[str]:
    return {code for path in (ROOT / "tests" / "corpus").glob("*.yaml")
            for case in (yaml.safe_load(path.read_text("utf-8")) or {}).get("cases", []) for code in case.get("expect", [])}


def test_the_scan_finds_the_codes_of_each_way_of_reporting(tmp_path: Path) -> None:
    """Check that the source scan sees a code however a module reports it."""
    package = tmp_path / "hooks"
    package.mkdir()
    (package / "a.py").write_text(
        'Hit("one-code", 0, 1, "a message.")\nFinding(f, 1, 1, "error", "two", "a message.")\n'
        'doc.error(loc, "three", "a message.")\n'
        'code = {"x_y": "four"}.get(kind, "five")\ndef _code(e):\n    return "six" if e else "seven"\n'
        'Finding(file=f, code="eight", severity="warning")\nprint("not-a-code")\n'
        'def g(p):\n    yield p, ("nine", f"a message on {p}.")\n    return ("ten", "a message.")\n'
        'Claim("eleven", m, 0, 1)\n', "utf-8")
    assert sorted(_codes_in_source(package)) == ["eight", "eleven", "five", "four", "nine", "one-code", "seven", "six",
                                                 "ten", "three", "two"]


def test_every_code_the_engine_reports_is_registered() -> None:
    """Check that the registry describes every code: those in the engine's source, those the data names, and
    those the bad-input catalogue and the claims corpus see the check report."""
    source = _codes_in_source(ROOT / "hooks")
    assert len(source) >= 50
    missing = {code: where for code, where in source.items() if code not in registry()}
    missing |= {code: "data" for code in _codes_in_data() if code not in registry()}
    missing |= {c.code: f"tests/test_bad_inputs.py: {c.name}" for c in CASES if c.code not in registry()}
    missing |= {code: "tests/corpus" for code in _codes_in_corpus() if code not in registry()}
    assert missing == {}, "add these to hooks/core/codes.yaml"


def test_the_registry_rejects_a_malformed_entry() -> None:
    """Check that a registry entry without a field, with an unknown one or a code twice is refused by name."""
    good = "  - {code: x, severity: error, area: data, short: s, full: f, fix: g}\n"
    assert list(load("codes:\n" + good)) == ["x"]
    for text, problem in ((good.replace(", fix: g", ""), "missing fix"),
                          (good.replace("fix: g", "fix: g, hint: h"), "unknown hint"),
                          (good + good, "registered twice"), (good.replace("error", "fatal"), "severity must be"),
                          ("  - [x]\n", "expected a mapping"), ("  - {code: x\n", "codes.yaml")):
        with pytest.raises(ValueError, match=problem):
            load("codes:\n" + text)


def _slug(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_guide_anchor_is_a_heading_of_the_guide() -> None:
    """Check that each code's guide section (helpUri's anchor) is a heading of CONTRIBUTING.md."""
    text = re.sub(r"```.*?```", "", (ROOT / GUIDE).read_text("utf-8"), flags=re.S)
    anchors = {_slug(m.group(1)) for m in re.finditer(r"^#+ (.+)$", text, re.M)}
    assert {c.code: c.guide for c in registry().values() if c.guide not in anchors} == {}


def test_the_tables_of_codes_are_current() -> None:
    """Check that README.md's checks table and CONTRIBUTING.md's table of fixes are what `python -m hooks docs`
    writes from the registry (run it after editing hooks/core/codes.yaml)."""
    for name, tables in DOCS.items():
        text = (ROOT / name).read_text("utf-8")
        assert update(text, tables) == text, f"{name} is stale: run python -m hooks docs"
    assert all(f"`{code}`" in (ROOT / "README.md").read_text("utf-8") for code in registry())


def test_docs_command_rewrites_a_stale_table(tmp_path: Path) -> None:
    """Check `python -m hooks docs --check` (exit 1, nothing written) and `python -m hooks docs` (the table rewritten)."""
    for name in ("mkdocs.yml", "README.md", "CONTRIBUTING.md"):
        shutil.copy2(ROOT / name, tmp_path / name)
    readme = tmp_path / "README.md"
    stale = readme.read_text("utf-8").replace("| `stale` | warning |", "| `stale` | error |")
    readme.write_text(stale, "utf-8")
    proc = run(["-m", "hooks", "--root", str(tmp_path), "docs", "--check"], tmp_path)
    assert proc.returncode == 1 and "README.md: is out of date" in proc.stdout
    assert readme.read_text("utf-8") == stale
    proc = run(["-m", "hooks", "--root", str(tmp_path), "docs"], tmp_path)
    assert proc.returncode == 0 and readme.read_text("utf-8") == (ROOT / "README.md").read_text("utf-8")
    readme.write_text("# No tables here\n", "utf-8")
    proc = run(["-m", "hooks", "--root", str(tmp_path), "docs"], tmp_path)
    assert proc.returncode == 1 and "README.md: error: no table 'checks'" in proc.stderr and "Traceback" not in proc.stderr
