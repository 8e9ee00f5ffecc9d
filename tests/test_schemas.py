"""Check that the JSON Schemas in schemas/ are as strict as the check: every case of the bad-input
catalogue (tests/test_bad_inputs.py) that a schema can express is rejected by both the engine's
validation and the schema, and the good data is accepted by both.

The schema's side is validated in-process with the `jsonschema` library (the library check-jsonschema
runs), with formats asserted, against the committed schemas/*.json, on the YAML as an editor's plugin
reads it (YAML 1.2: a date is a string). The engine's side is the validation `python -m hooks check`
runs on the same file (tests/test_bad_inputs.py runs the whole check on each case)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_bad_inputs import CASES, Bad, _apply, sub

from helpers import FIXTURE, ROOT, fixture_site
from hooks.core.findings import DataError
from hooks.data import schema
from hooks.data.loader import load_yaml
from hooks.data.model import load_config
from hooks.data.validation import validate

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in requirements-dev.txt")

SCHEMA_CODES = {"unknown-key", "missing-key", "bad-value", "bad-date", "bad-url", "empty"}
"""The codes of the rules a data file's JSON Schema can state: keys, types, ranges, enums, patterns, formats."""
BEYOND_SCHEMA = {
    "yaml-syntax": "not YAML, which the editor's YAML parser reports itself",
    "encoding": "bytes, not a value", "bom": "bytes, not a value", "too-large": "the file's size",
    "yaml-alias": "how the YAML is written, not the value", "yaml-tag": "how the YAML is written, not the value",
    "yaml-merge": "how the YAML is written, not the value",
    "duplicate-key": "JSON Schema sees one value per key (the editor's YAML parser reports it)",
    "unknown-id": "ids defined in other files", "duplicate-id": "ids across entries or files",
    "id-mismatch": "the file's name", "unknown-file": "which files exist",
    "template-syntax": "Jinja2", "template-error": "Jinja2", "page-clash": "which pages exist",
    "front-matter": "Markdown pages have no schema",
    "too-deep": "how deep the YAML nests, which the loader limits before any value is read",
    "outside-project": "where a symbolic link leads", "page-suffix": "a file's name",
}
"""Why the catalogue's other codes are the check's alone."""
ISSUE_CASES = [
    # The examples of issue #14: wrong in the check, so wrong in the editor too.
    Bad("id with spaces and punctuation", "data/standards/iso-9001.yaml", sub("id: iso-9001", "id: ISO 9001!"),
        "bad-value", "ISO 9001!"),
    Bad("empty title", "data/standards/iso-9001.yaml", lambda t: re.sub(r"(?m)^title: .*$", 'title: ""', t, count=1),
        "bad-value", 'title: ""'),
    Bad("blank title", "data/standards/iso-9001.yaml", lambda t: re.sub(r"(?m)^title: .*$", 'title: "   "', t, count=1),
        "bad-value", 'title: "   "'),
    Bad("placeholder in a list", "data/standards/iso-9001.yaml", sub("  - process approach\n", "  - TODO process approach\n"),
        "bad-value", "TODO"),
    Bad("stage not an ISO stage", "data/standards/iso-9001.yaml", sub("stage: FDIS", "stage: final draft"),
        "bad-value", "final draft"),
    Bad("url with a capital scheme", "data/sources.yaml", sub("url: https://", "url: HTTPS://"), "", (1, 1)),
]
"""More cases for the schema alone; code "" marks one both must accept."""


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's YAML 1.2 plugin reads it: a date stays a string."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _kind(file: str) -> str:
    if file == "mkdocs.yml":
        return "settings"
    return "standard" if file.startswith("data/standards/") else Path(file).stem


def _schema_errors(root: Path, file: str) -> list[str]:
    """What the committed JSON Schema says of the file, as messages (none: valid)."""
    text = (root / file).read_text("utf-8")
    instance: Any = yaml.load(text, Loader=_EditorLoader)  # a SafeLoader
    if file == "mkdocs.yml":
        instance = (instance.get("extra") or {}).get("pillar") or {}
    doc = json.loads((ROOT / "schemas" / f"{_kind(file)}.schema.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(doc)
    validator = cls(doc, format_checker=cls.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def _engine_codes(root: Path, file: str) -> list[str]:
    """The codes the check's validation gives the file (none: valid)."""
    try:
        if file == "mkdocs.yml":
            load_config(root)
        else:
            doc = load_yaml(root / file, file)
            validate(doc, schema.KINDS[_kind(file)], doc.data)
    except DataError as exc:
        return [f.code for f in exc.findings]
    return []


def _expressible(case: Bad) -> bool:
    return case.code in SCHEMA_CODES and (case.file.startswith("data/") or case.file == "mkdocs.yml")


def test_every_catalogue_case_is_sorted() -> None:
    """Check that each case of the catalogue is either one a schema states or one it cannot, with the reason,
    so a new case is compared as soon as it is added."""
    unsorted = [c.name for c in CASES if not _expressible(c) and c.code not in BEYOND_SCHEMA
                and not c.file.startswith("content/")]
    assert unsorted == []
    assert len([c for c in CASES if _expressible(c)]) >= 20


@pytest.mark.parametrize("case", [c for c in CASES if _expressible(c)] + ISSUE_CASES, ids=lambda c: c.name)
def test_the_schema_and_the_check_agree(tmp_path: Path, case: Bad) -> None:
    """Check that the check's validation and the committed JSON Schema both reject the bad input (or both
    accept it), and both accept the file before the change."""
    root = fixture_site(tmp_path)
    assert _engine_codes(root, case.file) == [] and _schema_errors(root, case.file) == [], case.file
    _apply(root, case)
    codes, errors = _engine_codes(root, case.file), _schema_errors(root, case.file)
    if case.code:
        assert codes == [case.code]
        assert errors, f"the schema accepts what the check rejects ({case.code})"
    else:
        assert codes == [] and errors == []


@pytest.mark.parametrize("file", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yaml"))
                         + ["mkdocs.yml"])
def test_the_real_data_passes_the_schemas(file: str) -> None:
    """Check that the site's own data passes the committed schemas, as it passes the check: the schemas are
    no stricter than the engine."""
    assert _schema_errors(ROOT, file) == []


def test_the_fixture_data_passes_the_schemas() -> None:
    """Check the same of the fixture site every case starts from."""
    files = sorted(p.relative_to(FIXTURE).as_posix() for p in (FIXTURE / "data").rglob("*.yaml"))
    assert {f: _schema_errors(FIXTURE, f) for f in files} == {f: [] for f in files}
