"""Check what a published page needs: canonical URL, unique descriptions, Open Graph and
Twitter tags with the page's social card, JSON-LD whose values are on the page (Article with its
author, dates, image and publisher logo, from data/publisher.yaml), sitemap dates from data,
robots.txt, 404.

The real site is checked as built; a test that edits data does so on the fixture site
(tests/fixtures/site)."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURE, ROOT, article, copy_site, fixture_site, mkdocs_build, soup
from hooks.core.findings import DataError
from hooks.data.model import load_site
from hooks.publish.engine import build_pages

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["site_url"].rstrip("/")
FIXTURE_URL = yaml.safe_load((FIXTURE / "mkdocs.yml").read_text("utf-8"))["site_url"].rstrip("/")
PUBLISHER = yaml.safe_load((ROOT / "data" / "publisher.yaml").read_text("utf-8"))


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "search" not in p.parts)


def _ld(page: Path) -> list[dict]:
    blocks = soup(page).find_all("script", type="application/ld+json")
    assert len(blocks) == 1, page
    return json.loads(blocks[0].string)["@graph"]


def test_every_page_has_canonical_description_and_social_tags(built_site: Path) -> None:
    """Check canonical URL, a non-empty description unique to each page, and OG/Twitter tags that match."""
    descriptions = {}
    for page in _pages(built_site):
        doc = soup(page)
        rel = page.parent.relative_to(built_site).as_posix()
        url = SITE_URL + "/" + ("" if rel == "." else rel + "/")
        assert doc.find("link", rel="canonical")["href"] == url
        description = doc.find("meta", attrs={"name": "description"})["content"]
        assert description.strip(), page
        assert description not in descriptions, (page, descriptions.get(description))
        descriptions[description] = page
        assert doc.find("meta", property="og:url")["content"] == url
        assert doc.find("meta", property="og:description")["content"] == description
        assert doc.find("meta", property="og:title")["content"].strip()
        assert doc.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        assert doc.find("meta", attrs={"name": "twitter:description"})["content"] == description
        image = doc.find("meta", property="og:image")["content"]
        assert image == SITE_URL + "/assets/cards/" + ("index" if rel == "." else rel) + ".png", (page, image)
        assert doc.find("meta", attrs={"name": "twitter:image"})["content"] == image
        assert (built_site / image.removeprefix(SITE_URL + "/")).is_file(), image


def test_json_ld_values_are_visible_on_the_page(built_site: Path) -> None:
    """Check Article and BreadcrumbList on the pillar and standard pages: each value is on the page."""
    for page in [built_site / "index.html", *sorted((built_site / "standards").glob("*/index.html"))]:
        graph = _ld(page)
        visible = re.sub(r"\s+", " ", soup(page).get_text(" "))
        main = re.sub(r"\s+", " ", article(page).get_text(" "))
        [art] = [g for g in graph if g["@type"] == "Article"]
        assert art["headline"] in main
        assert article(page).find("p", class_="pillar-byline").find("time")["datetime"] == art["dateModified"]
        assert art["publisher"]["name"] in visible
        [crumbs] = [g for g in graph if g["@type"] == "BreadcrumbList"]
        for item in crumbs["itemListElement"]:
            assert item["name"] in visible
        items = [item["item"] for item in crumbs["itemListElement"]]
        assert len(items) == len(set(items)), items  # each crumb leads to a page of its own


def test_glossary_is_a_defined_term_set(built_site: Path) -> None:
    """Check DefinedTermSet / DefinedTerm on the glossary, with every term and definition on the page."""
    page = built_site / "glossary" / "index.html"
    [terms] = [g for g in _ld(page) if g["@type"] == "DefinedTermSet"]
    concepts = yaml.safe_load((ROOT / "data" / "concepts.yaml").read_text("utf-8"))["concepts"]
    assert len(terms["hasDefinedTerm"]) == len(concepts)
    main = re.sub(r"\s+", " ", article(page).get_text(" "))
    for term in terms["hasDefinedTerm"]:
        assert term["name"] in main
        assert " ".join(term["description"].split()) in main


def _verified(value: object) -> list:
    """Every `verified:` date in a data tree."""
    if isinstance(value, dict):
        return [d for k, v in value.items() for d in ([v] if k == "verified" else _verified(v))]
    return [d for v in value for d in _verified(v)] if isinstance(value, list) else []


def test_sitemap_dates_come_from_the_data(built_site: Path) -> None:
    """Check that each standard page's lastmod is the newest verified date of its facts, anywhere in its file."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.find("s:loc", ns).text: u.find("s:lastmod", ns).text
            for u in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url", ns)}
    for path in sorted((ROOT / "data" / "standards").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        dates = _verified(data)
        assert urls[f"{SITE_URL}/standards/{path.stem}/"] == max(dates).isoformat()


def _lastmods(site: Path) -> dict[str, str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {u.find("s:loc", ns).text: u.find("s:lastmod", ns).text
            for u in ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)}


def test_sitemap_date_is_each_pages_own(tmp_path: Path) -> None:
    """Check that a standard whose facts were reviewed earlier than the rest keeps its own, earlier
    lastmod in the sitemap and its JSON-LD, while the others keep theirs."""
    root = fixture_site(tmp_path / "src")
    path = root / "data" / "standards" / "iso-14001.yaml"
    text, count = re.subn(r"(?m)^(\s*verified:) 2026-11-24$", r"\1 2026-06-01", path.read_text("utf-8"))
    assert count > 1
    path.write_text(text, "utf-8")
    proc = mkdocs_build(root, tmp_path / "site", strict=False)
    assert proc.returncode == 0, proc.stderr
    urls = _lastmods(tmp_path / "site")
    assert urls[f"{FIXTURE_URL}/standards/iso-14001/"] == "2026-06-01"
    assert urls[f"{FIXTURE_URL}/standards/iso-9001/"] == "2026-11-24"
    article_ld = next(n for n in _ld(tmp_path / "site" / "standards" / "iso-14001" / "index.html") if n["@type"] == "Article")
    assert article_ld["dateModified"] == "2026-06-01"


def test_robots_and_404(built_site: Path) -> None:
    """Check robots.txt names the sitemap, and the 404 page offers the guide and every standard."""
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in (built_site / "robots.txt").read_text("utf-8")
    missing = soup(built_site / "404.html")
    text = missing.get_text(" ")
    assert "Page not found" in text
    for path in sorted((ROOT / "data" / "standards").glob("*.yaml")):
        assert yaml.safe_load(path.read_text("utf-8"))["designation"] in text


def test_pages_say_when_their_facts_were_reviewed(built_site: Path) -> None:
    """Check the visible review date on every generated page, in words, with its ISO date in <time>."""
    for page in ("index.html", "standards/iso-9001/index.html", "glossary/index.html", "sources/index.html"):
        byline = article(built_site / page).find("p", class_="pillar-byline")
        when = byline.find("time")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", when["datetime"])
        day = dt.date.fromisoformat(when["datetime"])
        assert " ".join(when.get_text().split()) == f"{day.day} {day:%B %Y}"
        assert "Last reviewed" in byline.get_text(" ")


def _article_ld(page: Path) -> dict:
    [art] = [g for g in _ld(page) if g["@type"] == "Article"]
    return art


def test_article_json_ld_names_author_dates_image_and_publisher_logo(built_site: Path) -> None:
    """Check the Article of the pillar and every standard page, parsed from the built HTML: author and publisher
    from data/publisher.yaml (the publisher with its logo as an ImageObject at an absolute URL of the site),
    datePublished (the site's first publication), dateModified (the page's review date, as on the page),
    and image (the page's own social card, as in og:image)."""
    pages = [built_site / "index.html", *sorted((built_site / "standards").glob("*/index.html"))]
    assert len(pages) == 1 + len(list((ROOT / "data" / "standards").glob("*.yaml")))
    for page in pages:
        art, doc = _article_ld(page), soup(page)
        org = {"@type": "Organization", "name": PUBLISHER["name"], "url": PUBLISHER["url"]}
        assert art["author"] == org, page
        assert art["publisher"] == {**org, "logo": {"@type": "ImageObject", "url": f"{SITE_URL}/{PUBLISHER['logo']}"}}
        assert (built_site / PUBLISHER["logo"]).is_file()
        assert art["datePublished"] == PUBLISHER["first_published"].isoformat()
        shown = article(page).find("p", class_="pillar-byline").find("time")["datetime"]
        assert art["dateModified"] == shown and art["dateModified"] >= art["datePublished"]
        assert art["image"] == doc.find("meta", property="og:image")["content"]
        assert art["image"].startswith(SITE_URL + "/assets/cards/") and (built_site / art["image"][len(SITE_URL) + 1:]).is_file()
        assert art["headline"] == doc.find("meta", property="og:title")["content"]


def test_without_a_publisher_file_the_article_keeps_the_configured_publisher(built_fixture: Path) -> None:
    """Check the fixture site (no data/publisher.yaml): the publisher named in mkdocs.yml, no datePublished,
    and a review line without a byline."""
    page = built_fixture / "standards" / "iso-9001" / "index.html"
    art = _article_ld(page)
    assert art["publisher"] == {"@type": "Organization", "name": "ISO Certification Guide"}
    assert "datePublished" not in art and art["image"].startswith(FIXTURE_URL + "/assets/cards/")
    byline = " ".join(article(page).find("p", class_="pillar-byline").get_text(" ").split())
    assert byline.startswith("Last reviewed ") and "Reviewed by" not in byline


def test_a_page_can_name_its_own_reviewer(tmp_path: Path) -> None:
    """Check the per-page override: a reviewer listing a page in `pages` is named on it, the default on the others."""
    root = copy_site(tmp_path / "site")
    path = root / "data" / "publisher.yaml"
    path.write_text(path.read_text("utf-8") + "  - name: Sam Okafor\n    role: health and safety editor\n"
                    "    pages: [standards/iso-45001.md]\n", "utf-8")
    _, pages = build_pages(root)
    bylines = {p.path: p.markdown.split("\n")[2] for p in pages if p.generated}
    assert "Reviewed by Sam Okafor, health and safety editor" in bylines["standards/iso-45001.md"]
    assert "Reviewed by Helen Marsh" in bylines["standards/iso-9001.md"] and "Sam Okafor" not in bylines["index.md"]


@pytest.mark.parametrize("change, message", [
    (("logo: assets/logo.svg", "logo: assets/missing.svg"), "'assets/missing.svg' is not a file in content/"),
    (("    role: standards editor\n", "    role: standards editor\n  - name: A. N. Other\n    role: editor\n"),
     "2 reviewers have no `pages`"),
])
def test_publisher_data_mistakes_are_located_errors(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    """Check that a missing logo or a second default reviewer is an error at its line in data/publisher.yaml."""
    root = copy_site(tmp_path / "site")
    path = root / "data" / "publisher.yaml"
    text = path.read_text("utf-8")
    assert change[0] in text
    path.write_text(text.replace(*change), "utf-8")
    with pytest.raises(DataError) as exc:
        load_site(root)
    found = [f.as_text() for f in exc.value.findings]
    assert any(f.startswith("data/publisher.yaml:") and message in f for f in found), found


def test_nothing_is_loaded_from_elsewhere(built_site: Path) -> None:
    """Check that no page asks the browser to load a script, style or font from another host."""
    for page in _pages(built_site):
        doc = soup(page)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for el in doc.find_all(tag):
                value = el.get(attr) or ""
                if tag == "link" and el.get("rel") and set(el["rel"]) & {"canonical", "alternate"}:
                    continue
                assert not re.match(r"^(?:https?:)?//", value), (page, tag, value)
