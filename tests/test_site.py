"""Check that the real site builds and that its pages show the data and link as a cluster."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import yaml

from helpers import ROOT, article, copy_site, links, mkdocs_build, no_traceback, run, soup, text
from hooks.data.citations import uncited
from hooks.data.model import load_site
from hooks.pages.render import render_pages

STANDARDS = sorted(p.stem for p in (ROOT / "data" / "standards").glob("*.yaml"))


def _data(path: str) -> dict:
    return yaml.safe_load((ROOT / path).read_text("utf-8"))


def test_every_page_is_built(built_site: Path) -> None:
    """Check that the pillar, one page per standard, the glossary and the sources page exist."""
    assert (built_site / "index.html").exists()
    for sid in STANDARDS:
        assert (built_site / "standards" / sid / "index.html").exists(), sid
    assert (built_site / "glossary" / "index.html").exists()
    assert (built_site / "sources" / "index.html").exists()
    assert len(STANDARDS) >= 4


def test_pillar_links_to_every_standard_and_back(built_site: Path) -> None:
    """Check the topic cluster both ways, on the built HTML."""
    pillar_links = links(built_site / "index.html")
    for sid in STANDARDS:
        assert f"standards/{sid}/" in pillar_links, sid
        back = links(built_site / "standards" / sid / "index.html")
        assert "../../" in back, (sid, back)
        siblings = {f"../{other}/" for other in STANDARDS if other != sid}
        assert siblings <= set(back), (sid, siblings - set(back))


def test_standard_pages_show_their_data(built_site: Path) -> None:
    """Check that each standard page shows its designation, title, current edition and committee."""
    for sid in STANDARDS:
        data = _data(f"data/standards/{sid}.yaml")
        page = text(built_site / "standards" / sid / "index.html")
        assert f"{data['designation']}:{data['current_edition']['year']}" in page
        assert " ".join(data["title"].split()) in page
        assert data["committee"] in page
        for earlier in data["earlier_editions"]:
            assert f"{data['designation']}:{earlier['year']}" in page


SECTIONS = ("what-it-covers", "who-it-suits", "certification", "editions", "related", "faq")
"""The sections every real standard page has, by anchor."""


def _article_words(path: Path) -> int:
    """Words of the page's own text: the article without footnotes, permalink signs and footnote markers."""
    page = article(path)
    for node in page.select("div.footnote, a.headerlink, sup"):
        node.decompose()
    return len(page.get_text(" ").split())


def test_standard_pages_are_pages_of_substance(built_site: Path) -> None:
    """Check that each real standard page has 800+ words of article text, every section, a key facts panel
    whose revision row (where a revision is under way) says as of which month, and headings that never skip."""
    for sid in STANDARDS:
        path = built_site / "standards" / sid / "index.html"
        assert _article_words(path) >= 800, (sid, _article_words(path))
        page = article(path)
        for anchor in SECTIONS:
            assert page.find(id=anchor) is not None, (sid, anchor)
        panel = page.find(class_="key-facts")
        assert panel is not None, sid
        facts = " ".join(panel.get_text(" ").split())
        data = _data(f"data/standards/{sid}.yaml")
        assert f"{data['designation']}:{data['current_edition']['year']}" in facts, sid
        assert data["committee"] in facts, sid
        if data.get("revision"):
            assert f"As of {data['revision']['as_of']:%B %Y}" in facts, (sid, facts)
        levels = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), (sid, levels)


def test_standard_pages_publish_no_research_notes(built_site: Path) -> None:
    """Check that no research note ("when checked", "not seen", "unverified") reaches a standard page's text."""
    for sid in STANDARDS:
        words = " ".join(text(built_site / "standards" / sid / "index.html").split()).lower()
        for note in ("when checked", "not seen", "unverified", "was not found", "todo"):
            assert note not in words, (sid, note)


def test_earlier_editions_are_history_in_order() -> None:
    """Check that every standard lists its earlier editions oldest first, each older than the current edition,
    none withdrawn before it was published or losing its certificates before it was withdrawn, and each
    withdrawn on the day the next edition was published where the data gives both days."""
    site = load_site(ROOT)
    for sid, std in site.standards.items():
        years = [e.year for e in std.earlier_editions]
        assert years == sorted(set(years)), (sid, years)
        assert all(year < std.current_edition.year for year in years), (sid, years)
        for ed in std.earlier_editions:
            if ed.published and ed.withdrawn:
                assert ed.published <= ed.withdrawn, (sid, ed.year)
            if ed.withdrawn and ed.certificates_valid_until:
                assert ed.withdrawn <= ed.certificates_valid_until, (sid, ed.year)
        following = [*std.earlier_editions[1:], std.current_edition]
        for ed, successor in zip(std.earlier_editions, following, strict=False):
            if ed.withdrawn and successor.published:
                assert ed.withdrawn == successor.published, (sid, ed.year, successor.year)


def test_known_designations_cover_standards_predecessors_and_references() -> None:
    """Check that the checker's list of real designations has the pages, what they replaced and the references."""
    site = load_site(ROOT)
    known = site.known_designations()
    assert "ISO 19011" in known
    assert "OHSAS 18001" in known and "ISO 45001" in known["OHSAS 18001"]
    assert known["ISO 9001"] == site.standards["iso-9001"].title
    assert {std.designation for std in site.standards.values()} <= set(known)
    assert {ref["designation"] for ref in _data("data/references.yaml")["references"]} <= set(known)
    assert "ISO 19001" not in known


def test_glossary_lists_the_other_standards(built_site: Path) -> None:
    """Check that every standard in data/references.yaml is on the glossary with its title."""
    page = text(built_site / "glossary" / "index.html")
    for ref in _data("data/references.yaml")["references"]:
        assert ref["designation"] in page and " ".join(ref["title"].split()) in page, ref["id"]


def test_pillar_covers_the_seed_outline(built_site: Path) -> None:
    """Check that the pillar has every section of the guide data, in order, and the comparison table."""
    guide = _data("data/guide.yaml")
    page = article(built_site / "index.html")
    ids = [h.get("id") for h in page.find_all(["h2", "h3"])]
    wanted = [s["id"] for s in guide["sections"]]
    assert [i for i in ids if i in wanted] == wanted
    table = page.find("table")
    assert table is not None
    rows = table.find_all("tr")[1:]
    assert len(rows) == len(STANDARDS)
    assert "ISO 14001:2026" in table.get_text(" ")


def test_glossary_and_sources_list_every_record(built_site: Path) -> None:
    """Check that every concept has a glossary anchor and every source a sources-page anchor."""
    glossary = soup(built_site / "glossary" / "index.html")
    for concept in _data("data/concepts.yaml")["concepts"]:
        assert glossary.find(id=concept["id"]) is not None, concept["id"]
    sources = soup(built_site / "sources" / "index.html")
    for source in _data("data/sources.yaml")["sources"]:
        assert sources.find(id=f"src-{source['id']}") is not None, source["id"]


def test_footnote_citations_point_at_sources(built_site: Path) -> None:
    """Check that a standard page cites its sources in footnotes that link to the sources page."""
    page = article(built_site / "standards" / "iso-9001" / "index.html")
    notes = page.find("div", class_="footnote")
    assert notes is not None
    assert any(a["href"].startswith("../../sources/#src-") for a in notes.find_all("a", href=True))


def test_nav_lists_the_standards(built_site: Path) -> None:
    """Check that the navigation is built from data: one entry per standard."""
    nav = soup(built_site / "index.html").find("nav", class_="md-nav--primary")
    labels = nav.get_text(" ")
    for sid in STANDARDS:
        assert _data(f"data/standards/{sid}.yaml")["designation"] in labels




def test_a_fifth_standard_is_one_yaml_file(built_five: Path) -> None:
    """Check that adding one YAML file (and its subject) adds a page, nav entry, pillar link and sitemap entry."""
    site = built_five
    page = site / "standards" / "iso-50001" / "index.html"
    assert "ISO 50001:2018" in text(page)
    assert "standards/iso-50001/" in links(site / "index.html")
    assert "../../" in links(page)
    nav = soup(site / "index.html").find("nav", class_="md-nav--primary").get_text(" ")
    assert "ISO 50001" in nav
    assert "/standards/iso-50001/" in (site / "sitemap.xml").read_text("utf-8")


def test_generated_pages_edit_link_points_at_their_yaml(tmp_path: Path) -> None:
    """Check that a generated page's edit link opens the YAML it came from, not a Markdown file."""
    root = copy_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "theme:\n", "repo_url: https://example.org/acme/site\nedit_uri: edit/main/content/\ntheme:\n", 1)
        .replace("    - toc.follow\n", "    - toc.follow\n    - content.action.edit\n", 1), "utf-8")
    site = tmp_path / "site"
    proc = mkdocs_build(root, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    edit = soup(site / "standards" / "iso-9001" / "index.html").find("a", class_="md-content__button")
    assert edit["href"] == "https://example.org/acme/site/edit/main/data/standards/iso-9001.yaml"
    pillar = soup(site / "index.html").find("a", class_="md-content__button")
    assert pillar["href"] == "https://example.org/acme/site/edit/main/data/guide.yaml"


def test_hand_written_pages_opt_in_to_data(tmp_path: Path) -> None:
    """Check that only pages with `jinja: true` are rendered, in the sandbox, with data values."""
    root = copy_site(tmp_path / "src")
    (root / "content" / "facts.md").write_text(
        "---\ntitle: Facts\njinja: true\n---\n# Facts\n\nThe current edition is {{ edition(site.standards['iso-9001']) }}.\n"
        "Back to the [guide]({{ link('pillar') }}).\n", "utf-8")
    (root / "content" / "code.md").write_text(
        "# Code\n\nA template looks like `{{ standard.title }}` and {% raw %} stays.\n\n[Guide](index.md)\n", "utf-8")
    (root / "content" / "index-links.md").write_text("# Links\n\n[Facts](facts.md) and [code](code.md).\n", "utf-8")
    site = tmp_path / "site"
    proc = mkdocs_build(root, site, strict=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "The current edition is ISO 9001:2015." in text(site / "facts" / "index.html")
    assert "{{ standard.title }}" in text(site / "code" / "index.html")
    assert "{% raw %}" in text(site / "code" / "index.html")


def test_templates_run_in_the_sandbox(tmp_path: Path) -> None:
    """Check that a page reaching for Python internals is stopped with a located error."""
    root = copy_site(tmp_path / "src")
    (root / "content" / "evil.md").write_text(
        "---\njinja: true\n---\n# Evil\n\n{{ site.__class__.__init__.__globals__ }}\n", "utf-8")
    proc = run(["-m", "hooks", "--root", str(root), "check"], root)
    assert proc.returncode == 1
    assert "content/evil.md:6:1: error[template-error]" in proc.stdout
    no_traceback(proc)


def test_every_source_is_cited_on_a_page() -> None:
    """Check that the site's own data has no uncited source: each one is a footnote on some page (an editor's new
    source is only a note in `python -m hooks check`, but the published data must have none)."""
    site = load_site(ROOT)
    cited = {sid for page in render_pages(site) for sid in page.sources}
    assert [sid for sid in site.sources if sid not in cited] == []
    assert uncited(site, cited) == []


def test_sources_are_publishers_pages_at_canonical_addresses() -> None:
    """Check that no source is a mirror, reseller, forum, vendor, copy or tracking-parameter address."""
    # Hosts replaced for these reasons: ISO mirrors, a reseller, a forum, a consultant's and a certification
    # body's copy of the IAF/ISO climate communiqué, a toolkit vendor's article on the ISO 45001 draft.
    bad_hosts = re.compile(
        r"isolutions\.iso\.org|standards\.iteh\.ai|elsmar\.com|webstore\.ansi\.org/\?|gladhillassociates"
        r"|apcergroup\.com|45001store\.com"
    )
    bad_query = re.compile(r"[?&](?:amp|noamp|reviews|p|utm_[a-z]+|_gl|_rt)=")
    for source in _data("data/sources.yaml")["sources"]:
        assert not bad_hosts.search(source["url"]), source["id"]
        assert not bad_query.search(source["url"]), source["id"]
