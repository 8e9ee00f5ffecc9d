"""Check that citations name a kind of fact their source supports, in data and in prose, that no two sources
share a publisher and title, and that an uncited source is a note, not an error.

The cases edit a copy of the fixture site (tests/fixtures/site), whose text is frozen, so the places below do
not move when an editor changes the real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT, check, fixture_site
from hooks.core.findings import DataError
from hooks.data import citations, schema
from hooks.data.model import load_site
from hooks.pages.render import render_pages

SRC = "data/sources.yaml"
GUIDE = "data/guide.yaml"


def _edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text("utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), "utf-8")


def _errors(root: Path) -> list[str]:
    """The error lines of loading and rendering the site at root (empty when both succeed)."""
    try:
        render_pages(load_site(root))
    except DataError as exc:
        return [f.as_text() for f in exc.findings]
    return []


def test_a_data_citation_of_an_unsupported_kind_is_located(tmp_path: Path) -> None:
    """Check that a concept citing a source that does not support definitions is an error at its `source:`."""
    root = fixture_site(tmp_path / "site")
    _edit(root, "data/concepts.yaml", "    source: iso-certification\n", "    source: iec-about\n")
    assert _errors(root) == [
        "data/concepts.yaml:12:13: error[unsupported-kind]: the source 'iec-about' is cited for 'definition', "
        "but its `supports` declares only 'iso-role', 'organization'. Cite a source that says this, or add a "
        "`supports` entry of kind 'definition' if the page says it."]


def test_a_role_cites_the_kind_its_organization_makes_it(tmp_path: Path) -> None:
    """Check that ISO's role is an iso-role fact: a source that supports only organization facts fails there."""
    root = fixture_site(tmp_path / "site")
    _edit(root, SRC, "      - kind: iso-role\n        claim: The fixture uses this page for iso role facts.\n"
                     "      - kind: organization\n        claim: The fixture uses this page for organization facts.\n\n"
                     "  - id: gac-home",
          "      - kind: organization\n        claim: The fixture uses this page for organization facts.\n\n"
          "  - id: gac-home")
    errors = _errors(root)
    assert errors and all("the source 'iec-about' is cited for 'iso-role'" in e for e in errors), errors
    assert errors[0].startswith("data/organizations.yaml:"), errors


def test_a_cite_of_an_unsupported_kind_in_prose_is_located(tmp_path: Path) -> None:
    """Check that cite() in the guide's prose with a kind its source does not declare fails at the guide's line."""
    root = fixture_site(tmp_path / "site")
    _edit(root, GUIDE, "cite('iec-about', 'iso-role')", "cite('iec-about', 'market')")
    (error,) = _errors(root)
    assert error.startswith(f"{GUIDE}:"), error
    assert ": error[cite]: cite(): the source 'iec-about' is cited for 'market', but its `supports` declares only " \
           "'iso-role', 'organization'." in error, error
    line = int(error.split(":")[1])
    assert "cite('iec-about', 'market')" in (root / GUIDE).read_text("utf-8").splitlines()[line - 1]


@pytest.mark.parametrize(("old", "new", "says"), [
    ("cite('iec-about', 'iso-role')", "cite('iec-about')", "cite('iec-about') names no kind of fact. "
     "Write cite('iec-about', 'kind') with one of: iso-role, organization (the kinds it supports)."),
    ("cite('iec-about', 'iso-role')", "cite('iec-about', 'gossip')", "'gossip' is not a kind of fact. Expected one of: "
     "definition, iso-role, accreditation, certification-process"),
    ("cite('iec-about', 'iso-role')", "cite('iec-abut', 'iso-role')", "no source has the id 'iec-abut'"),
])
def test_a_cite_without_a_known_kind_or_source_fails(tmp_path: Path, old: str, new: str, says: str) -> None:
    """Check that a cite() in prose with no kind, an unknown kind or an unknown source is an error."""
    root = fixture_site(tmp_path / "site")
    _edit(root, GUIDE, old, new)
    (error,) = _errors(root)
    assert error.startswith(f"{GUIDE}:") and says in error, error


def test_a_cite_in_a_template_is_checked(tmp_path: Path) -> None:
    """Check that a template's cite() of the wrong kind fails at the template's line."""
    root = fixture_site(tmp_path / "site")
    _edit(root, "templates/standard.md.j2", "cite(standard.source, 'standard-content')", "cite(standard.source, 'market')")
    errors = _errors(root)
    assert errors and errors[0].startswith("templates/standard.md.j2:7:1: error[cite]: cite(): the source "), errors
    assert "is cited for 'market'" in errors[0]


def test_a_hand_written_page_must_name_the_kind(tmp_path: Path) -> None:
    """Check that hand-written pages follow the same rule: a cite() without a kind fails at its page's line."""
    root = fixture_site(tmp_path / "site")
    (root / "content" / "cites.md").write_text("---\njinja: true\n---\n# Cites\n\nISO writes standards."
                                               "{{ cite('iec-about') }}\n", "utf-8")
    (error,) = _errors(root)
    assert error.startswith("content/cites.md:6:1: error[cite]: cite(): cite('iec-about') names no kind of fact."), error
    (root / "content" / "cites.md").write_text("---\njinja: true\n---\n# Cites\n\nISO writes standards."
                                               "{{ cite('iec-about', 'iso-role') }}\n", "utf-8")
    assert _errors(root) == []


def test_two_sources_with_one_publisher_and_title_are_named(tmp_path: Path) -> None:
    """Check that two sources with the same publisher and title are one error naming both."""
    root = fixture_site(tmp_path / "site")
    _edit(root, SRC, "    title: How to become a certification body\n", "    title: Certification\n")
    assert _errors(root) == [
        "data/sources.yaml:22:12: error[duplicate-source]: the sources 'iso-certification' (line 7) and "
        "'iso-help-certification-body' have the same publisher and title ('ISO', 'Certification'). "
        "Give each its page's own title, or merge them into one."]


def test_a_source_must_say_what_it_supports(tmp_path: Path) -> None:
    """Check that `supports` is required, with at least one entry."""
    root = fixture_site(tmp_path / "site")
    text = (root / SRC).read_text("utf-8")
    start = text.index("    supports:\n", text.index("  - id: iec-about"))
    end = text.index("\n\n", start)
    (root / SRC).write_text(text[:start] + "    supports: []" + text[end:], "utf-8")
    (error,) = _errors(root)
    assert error.startswith("data/sources.yaml:232:15: error[bad-value]: sources.") and "supports" in error, error


def test_an_uncited_source_is_a_note_not_an_error(tmp_path: Path) -> None:
    """Check that a source nobody cites yet leaves the check passing, with an `unused` note naming it."""
    root = fixture_site(tmp_path / "site")
    (root / SRC).write_text((root / SRC).read_text("utf-8") + (
        "  - id: new-page\n    publisher: ISO\n    title: A page not cited yet\n    url: https://www.iso.org/home.html\n"
        "    verified: 2026-11-24\n    supports:\n      - kind: iso-role\n        claim: What ISO does.\n"), "utf-8")
    proc = check(root, "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "the source 'new-page' is not cited on any page" in proc.stdout


def test_every_model_with_a_source_has_a_kind() -> None:
    """Check that the kinds table covers every model that names a source, so a new one cannot go unchecked."""
    sourced = {cls for cls in vars(schema).values() if isinstance(cls, type) and issubclass(cls, schema.Sourced)}
    missing = sourced - set(citations.FIELD_KINDS) - {schema.Sourced, schema.RoleClaim}
    assert not missing, sorted(c.__name__ for c in missing)
    assert set(citations.ROLE_KINDS) == set(schema.OrgKind.__args__)  # type: ignore[attr-defined]


def test_the_sources_page_names_a_source_that_stands_further_off() -> None:
    """Check that on the site's sources page a member body's record and a secondary source say so, and a
    source that does not say its standing (the responsible organization's own page) carries no label."""
    site = load_site(ROOT)
    page = next(p for p in render_pages(site) if p.path == "sources.md").markdown
    entry = {block.split("{#src-", 1)[1].split("}", 1)[0]: block for block in page.split("\n### ")[1:]}
    labels = {"member-body": "The record of an ISO national member body", "secondary": "A secondary source"}
    assert {s.standing for s in site.sources.values()} == {"responsible", *labels}
    for sid, source in site.sources.items():
        for standing, label in labels.items():
            assert (label in entry[sid]) == (source.standing == standing), (sid, entry[sid])


def test_a_standing_outside_the_three_is_located(tmp_path: Path) -> None:
    """Check that `standing` takes only the three values, with a located error naming them."""
    root = fixture_site(tmp_path / "site")
    _edit(root, SRC, "  - id: iec-about\n", "  - id: iec-about\n    standing: vendor\n")
    (error,) = _errors(root)
    assert error.startswith("data/sources.yaml:") and "error[bad-value]" in error and "standing" in error, error
    assert "input should be 'responsible', 'member-body' or 'secondary'; received 'vendor'" in error, error
