"""Citations, case and headings on rendered pages: a footnote once per paragraph, numbered in reading
order; acronyms keep their case; no heading level is skipped. Unit tests of hooks/pages/citations.py
and wording.py, then the same properties read from every page of the built site."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from helpers import article
from hooks.pages.citations import in_reading_order, once_per_paragraph, sort_runs
from hooks.pages.paths import Span
from hooks.pages.prose import sentence as capitalize
from hooks.pages.prose import slug


def _span(text: str, part: str) -> Span:
    at = text.index(part)
    return Span(at, at + len(part), "data/x.yaml", ("k",), part)


def test_a_repeated_source_is_cited_once_per_paragraph_at_its_last_place() -> None:
    text = "Valid for three years[^a], audited yearly[^a] and renewed[^a].\n\nNext paragraph[^a].\n"
    out, _ = once_per_paragraph(text, [])
    assert out == "Valid for three years, audited yearly and renewed[^a].\n\nNext paragraph[^a].\n"


def test_list_items_and_table_rows_are_units_of_their_own() -> None:
    text = "- one[^a]\n- two[^a]\n\n| x[^b] |\n| y[^b] |\n"
    assert once_per_paragraph(text, [])[0] == text


def test_different_sources_in_one_paragraph_all_stay() -> None:
    text = "One[^a]. Two[^b]. Three[^c].\n"
    assert once_per_paragraph(text, [])[0] == text


def test_spans_move_with_the_removed_markers() -> None:
    text = "Alpha[^a] beta[^a] gamma delta[^b].\n"
    spans = [_span(text, "gamma"), _span(text, "Alpha"), _span(text, "delta")]
    out, moved = once_per_paragraph(text, spans)
    assert [out[sp.start:sp.end] for sp in moved] == ["gamma", "Alpha", "delta"]


def test_a_span_around_a_removed_marker_shrinks_with_it() -> None:
    text = "Alpha[^a] beta[^a].\n"
    out, moved = once_per_paragraph(text, [Span(0, len(text) - 2, "f", ("k",), "")])
    assert out[moved[0].start:moved[0].end] == "Alpha beta[^a]"


def test_footnote_definitions_are_not_references() -> None:
    text = "Claim[^a].\n[^a]: ISO, Certification.\n"
    assert once_per_paragraph(text, [])[0] == text


def test_markers_side_by_side_follow_the_footnote_numbers() -> None:
    text = "First[^b]. Then[^a]. Both[^a][^b]. Reversed[^c][^a][^b]."
    order = in_reading_order(text, {"a", "b", "c"})
    assert order == ["b", "a", "c"]
    assert sort_runs(text, order) == "First[^b]. Then[^a]. Both[^b][^a]. Reversed[^b][^a][^c]."


def test_capitalize_keeps_acronyms_and_slug_reads() -> None:
    phrase = "annex A controls and the Statement of Applicability"
    assert capitalize(phrase) == "Annex A controls and the Statement of Applicability"
    assert capitalize("OH&S risk assessment") == "OH&S risk assessment"
    assert capitalize("") == ""
    assert slug("ANSI (US member of ISO)") == "ansi-us-member-of-iso"


@pytest.fixture(params=["built_site", "built_five"])
def any_site(request: pytest.FixtureRequest) -> Path:
    """The site as it is, and with a fifth standard added."""
    return request.getfixturevalue(request.param)


def _pages(built_site: Path) -> list[Path]:
    return sorted(p for p in built_site.rglob("index.html") if article(p) is not None and p.parent.name != "404")


def test_built_pages_cite_in_reading_order_once_per_paragraph(any_site: Path) -> None:
    problems = []
    for page in _pages(any_site):
        body = article(page)
        first_seen: list[int] = []
        for ref in body.select("a.footnote-ref"):
            number = int(ref.get_text())
            if number not in first_seen:
                first_seen.append(number)
        if first_seen != sorted(first_seen):
            problems.append((page.parent.name, "numbered out of reading order", first_seen))
        for block in body.find_all(["p", "td", "th", "li"]):
            if block.name == "li" and block.find(["p", "ul", "ol"]):
                continue  # a list item holding paragraphs: its paragraphs are checked themselves
            numbers = [int(ref.get_text()) for ref in block.select("a.footnote-ref")]
            if len(numbers) != len(set(numbers)):
                problems.append((page.parent.name, "same footnote twice", block.get_text()[:60]))
            sups = block.find_all("sup")
            for left, right in itertools.pairwise(sups):
                if left.next_sibling is right and int(left.get_text()) > int(right.get_text()):
                    problems.append((page.parent.name, "side by side out of order", block.get_text()[:60]))
    assert problems == []


def test_built_pages_skip_no_heading_level(any_site: Path) -> None:
    problems = []
    for page in _pages(any_site):
        levels = [int(h.name[1]) for h in article(page).find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        if levels[:1] != [1]:
            problems.append((page.parent.name, "does not start with h1", levels[:3]))
        problems += [(page.parent.name, a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert problems == []


def test_built_pages_keep_acronyms_in_capitalized_values(any_site: Path) -> None:
    lowered = ("Oh&s", "Annex a ", "statement of applicability", "Iso ", "Iec ")
    found = [(page.parent.name, word) for page in _pages(any_site) for word in lowered
             if word in article(page).get_text()]
    assert found == []
