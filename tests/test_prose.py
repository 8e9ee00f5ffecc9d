"""Check the prose helpers that templates and the guide use (hooks/pages/prose.py), and that the pillar
guide types no count or list of standards: with a fifth standard added, its prose follows the data."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
import yaml

from helpers import ROOT, add_energy_standard, copy_site, text
from hooks.data.model import load_site
from hooks.pages import prose
from hooks.pages.paths import PILLAR
from hooks.pages.render import Renderer, render_pages


def _pillar(root: Path) -> str:
    return next(p.markdown for p in render_pages(load_site(root)) if p.path == PILLAR)


def _headings(markdown: str) -> list[tuple[int, str]]:
    return [(len(m.group(1)), m.group(2)) for m in re.finditer(r"^(#{1,6}) (.+)$", markdown, re.MULTILINE)]


# --- the helpers ----------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "written"), [(1, "one"), (4, "four"), (5, "five"), (9, "nine"), (10, "10"),
                                             (1000, "1000"), (0, "0")])
def test_number_writes_one_to_nine_in_words(n: int, written: str) -> None:
    """Check that number() gives words for one to nine and digits otherwise (the house style)."""
    assert prose.number(n) == written


def test_count_counts_any_iterable() -> None:
    """Check that count() writes the length of a list, a dict's keys or a generator like number()."""
    assert prose.count(["a", "b", "c", "d"]) == "four"
    assert prose.count({"a": 1, "b": 2}) == "two"
    assert prose.count(x for x in range(12)) == "12"


@pytest.mark.parametrize(("items", "written"), [
    ([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
])
def test_names_joins_a_list_as_prose(items: list[str], written: str) -> None:
    """Check that names() writes "A, B and C", with no serial comma and no "and" for one item."""
    assert prose.names(items) == written


def test_names_takes_designations_and_names() -> None:
    """Check that names() prints a standard's designation and an organization's name, not its repr."""
    items = [SimpleNamespace(designation="ISO 9001"), SimpleNamespace(name="UKAS"), "plain"]
    assert prose.names(items) == "ISO 9001, UKAS and plain"


@pytest.mark.parametrize(("given", "written"), [
    ("oh&s risk assessment", "Oh&s risk assessment"), ("Annex A controls and the SoA", "Annex A controls and the SoA"),
    ("ISMS scope", "ISMS scope"), ("", ""),
])
def test_sentence_raises_only_the_first_letter(given: str, written: str) -> None:
    """Check that sentence() leaves acronyms alone, where Jinja's capitalize lowers them."""
    assert prose.sentence(given) == written


def test_site_helpers_find_standards_and_organizations() -> None:
    """Check std(), org(), editions(), subject_names() and previous() against the real data."""
    site = load_site(ROOT)
    h = prose.helpers(site)
    assert h["std"]("iso-9001").designation == "ISO 9001"
    assert h["org"]("ukas").abbreviation == "UKAS"
    standards = list(site.standards.values())
    assert h["editions"](standards[:2]) == f"{prose.edition(standards[0])} and {prose.edition(standards[1])}"
    written = h["subject_names"](standards + standards)  # each subject once, however many standards share it
    for subject in {s.subject for s in standards}:
        assert written.count(site.subjects[subject].name) == 1, (subject, written)
    last = site.standards["iso-14001"].earlier_editions[-1]
    assert h["previous"](site.standards["iso-14001"]) is last


def test_unknown_ids_name_what_exists() -> None:
    """Check that std() and org() with a wrong id fail with the ids that do exist."""
    h = prose.helpers(load_site(ROOT))
    with pytest.raises(jinja2.UndefinedError, match=r"std\(\): no standard has the id 'iso-9999'.*iso-9001"):
        h["std"]("iso-9999")
    with pytest.raises(jinja2.UndefinedError, match=r"org\(\): no organization has the id 'nobody'.*ukas"):
        h["org"]("nobody")


def test_helpers_reach_sandboxed_prose() -> None:
    """Check that the guide's sandboxed Jinja can call the helpers."""
    renderer = Renderer(load_site(ROOT))
    out, _ = renderer.render_string("{{ count(standards) }}: {{ names(standards) }} ({{ org('anab').abbreviation }})",
                                    PILLAR, "data/guide.yaml", 0)
    assert out.startswith(prose.count(renderer.site.standards) + ": ISO 9001")
    assert out.endswith("(ANAB)")


# --- the guide holds no template logic, counts or lists ------------------------------------

def test_guide_types_no_standard_and_no_template_logic() -> None:
    """Check that guide.yaml names every standard through data (std(), names(), ...): no designation,
    no `{% set %}` and no `selectattr` typed into its prose."""
    raw = (ROOT / "data" / "guide.yaml").read_text("utf-8")
    prose_text = "\n".join(line for line in raw.splitlines() if not line.lstrip().startswith("#"))
    assert "{%" not in prose_text
    assert "selectattr" not in prose_text
    for path in (ROOT / "data" / "standards").glob("*.yaml"):
        designation = yaml.safe_load(path.read_text("utf-8"))["designation"]
        assert not re.search(re.escape(designation) + r"(?![\d-])", prose_text), designation


def test_pillar_headings_do_not_skip_levels() -> None:
    """Check that the pillar's headings step down one level at a time (h1, h2, h3)."""
    levels = [level for level, _ in _headings(_pillar(ROOT))]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_keep_reading_does_not_repeat_the_standards() -> None:
    """Check that the closing reading list leaves the standards to the comparison table above it."""
    markdown = _pillar(ROOT)
    keep = markdown.split("{#keep-reading}", 1)[1].split("<!--", 1)[0]
    assert "standards/" not in keep
    assert "glossary.md" in keep


def test_a_fifth_standard_changes_the_counts_and_lists(tmp_path: Path) -> None:
    """Check that with ISO 50001 added the pillar says "five", counts five in the comparison heading,
    names the new standard in the table, lists its edition, and that the heading's anchor stays the
    section's id."""
    root = copy_site(tmp_path / "src")
    add_energy_standard(root)
    markdown = _pillar(root)
    heading = next(line for line in markdown.splitlines() if line.endswith("{#standards-at-a-glance}"))
    assert heading.startswith("## The five standards at a glance"), heading
    assert "ISO 50001:2018" in markdown
    assert "[ISO 50001](standards/iso-50001.md)" in markdown
    assert re.search(r"\bfive\b", markdown)
    assert not re.search(r"\bfour\b", markdown, re.IGNORECASE), re.findall(r".{60}\bfour\b.{20}", markdown)
    assert "energy management" in markdown


def test_the_built_pillar_with_a_fifth_standard(built_five: Path) -> None:
    """Check the same on the built HTML (the site with ISO 50001 added, built --strict): the page says "five"."""
    page = text(built_five / "index.html")
    assert "The five standards at a glance" in page
    assert " five " in page
    assert " four " not in page


def test_glossary_entries_are_terms() -> None:
    """Check that every glossary entry is a term with a definition, not a topic or a sentence
    ("Benefits of certification", "Who should get certified", "Certification is optional")."""
    site = load_site(ROOT)
    for concept in site.concepts.values():
        term = concept.term
        assert not re.match(r"(who|what|why|how|when|benefits?|advantages?)\b", term, re.IGNORECASE), term
        assert not re.search(r"\b(is|are|should|can|must)\b", term), term
        assert len(term.split()) <= 4, term
        assert concept.definition and concept.source, term
