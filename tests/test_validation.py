"""Check that bad data gives one located, exact error per problem, a non-zero exit, no traceback.

The cases edit a copy of the fixture site (tests/fixtures/site), whose text is frozen, so the exact
lines and columns below do not move when an editor changes the real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import check, fixture_site, fixture_text, no_traceback
from hooks.core.findings import DataError
from hooks.data import schema
from hooks.data.loader import parse_yaml
from hooks.data.model import validate

STD = "data/standards/iso-9001.yaml"
KEYS = ("certification_notes, committee, current_edition, designation, developers, earlier_editions, id, "
        "particulars, predecessors, questions, related, relations, requirements, revision, source, subject, "
        "suited_to, suits, summary, themes, title, verified")

CASES = {
    "duplicate key": (STD, "subject: quality\n", "subject: quality\nsubject: quality\n",
                      f"{STD}:9:1: error[duplicate-key]: duplicate key 'subject'; "
                      "it was first given at line 8, column 1. Keep one."),
    "unknown key": (STD, "committee:", "comittee:",
                    f"{STD}:9:1: error[unknown-key]: unknown key 'comittee'. Did you mean 'committee'? Expected one of: {KEYS}."),
    "wrong type": (STD, "themes:\n", "themes: 5\nold_themes:\n",
                   f"{STD}:16:9: error[bad-value]: themes: input should be a valid list; received 5."),
    "missing field": (STD, "title: Quality management systems — Requirements\n", "",
                      f"{STD}:4:1: error[missing-key]: missing required key 'title'. Add it."),
    "misspelt field is one error": (STD, "title:", "titles:",
                                    f"{STD}:7:1: error[unknown-key]: unknown key 'titles'. "
                                    f"Did you mean 'title'? Expected one of: {KEYS}."),
    "date that does not exist": ("data/sources.yaml", "verified: 2026-11-24", "verified: 2026-02-30",
                                 "data/sources.yaml:12:15: error[bad-date]: '2026-02-30' is not a date that exists "
                                 "(day is out of range for month). Expected YYYY-MM-DD."),
    "invalid url": ("data/sources.yaml", "url: https://", "url: htps//",
                    "data/sources.yaml:11:10: error[bad-url]: sources.0.url: expected an absolute http:// or https:// URL; "
                    "received 'htps//mbs.isolutions.iso.org/ru/certification.html'."),
    "missing id": (STD, "developers: [iso]", "developers: [isoo]",
                   f"{STD}:6:14: error[unknown-id]: no organization has the id 'isoo'. Did you mean 'iso'?"),
    "tab": ("data/subjects.yaml", "  - id: quality", "\t- id: quality",
            "data/subjects.yaml:6:1: error[yaml-syntax]: a tab character; YAML indents with spaces only. "
            "Replace the tab with spaces."),
    "unclosed quote": (STD, "committee: ISO/TC 176/SC 2", 'committee: "ISO/TC 176/SC 2',
                       None),
    "unsafe tag": (STD, "committee: ISO/TC 176/SC 2", "committee: !!python/object:os.system ls",
                   f"{STD}:9:12: error[yaml-tag]: the tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; "
                   "data files use plain YAML values only."),
    "earlier editions out of order": (STD, "  - year: 1987\n", "  - year: 2009\n",
                                      f"{STD}:42:3: error[bad-value]: earlier_editions: value error, list the earlier "
                                      "editions oldest first, each year once: 1994 comes after 2009; received list."),
    "edition withdrawn before it was published": (
        "data/standards/iso-14001.yaml", "    published: 2004-11-15", "    published: 2015-11-15",
        "data/standards/iso-14001.yaml:42:5: error[bad-value]: earlier_editions.1: value error, withdrawn (2015-09-15) "
        "is before published (2015-11-15); an edition is published, then withdrawn, then its certificates end; "
        "received a mapping."),
    "bad slug": (STD, "id: iso-9001", "id: ../iso-9001",
                 f"{STD}:4:5: error[bad-value]: id: value error, expected a lower-case id of letters, digits and single "
                 "hyphens, such as 'iso-9001'; received '../iso-9001'."),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_data_is_located(tmp_path: Path, name: str) -> None:
    """Check the exact message, file:line:col, exit code 1 and no traceback for each bad input."""
    path, old, new, expected = CASES[name]
    root = fixture_site(tmp_path)
    target = root / path
    source = target.read_text("utf-8")
    assert old in source
    target.write_text(source.replace(old, new, 1), "utf-8")
    proc = check(root)
    no_traceback(proc)
    assert proc.returncode == 1, proc.stdout
    lines = proc.stdout.splitlines()
    if expected is None:
        assert any(line.startswith(f"{path}:") and "error[yaml-syntax]" in line for line in lines), proc.stdout
    else:
        assert expected in lines, proc.stdout


def test_all_errors_are_reported_at_once(tmp_path: Path) -> None:
    """Check that errors in two files are both reported by one run."""
    root = fixture_site(tmp_path)
    for path, old, new, _ in (CASES["unknown key"], CASES["invalid url"]):
        target = root / path
        target.write_text(target.read_text("utf-8").replace(old, new, 1), "utf-8")
    proc = check(root)
    assert proc.returncode == 1
    assert "error[unknown-key]" in proc.stdout and "error[bad-url]" in proc.stdout


@pytest.mark.parametrize("key, codes", [("comittee", ["unknown-key"]), ("zzz", ["missing-key", "unknown-key"])],
                         ids=["suggested", "not suggested"])
def test_a_misspelt_required_key_is_one_error(key: str, codes: list[str]) -> None:
    """Check that a misspelt required key is one unknown-key error whose did-you-mean names the key, with no
    missing-key error beside it; a key with no suggestion leaves both errors."""
    doc = parse_yaml(fixture_text(STD).replace("committee:", f"{key}:", 1), STD)
    with pytest.raises(DataError) as raised:
        validate(doc, schema.Standard, doc.data)
    assert sorted(f.code for f in raised.value.findings) == codes, [f.as_text() for f in raised.value.findings]
