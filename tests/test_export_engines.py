"""Check that `python -m hooks export` is the same site under each engine that reads mkdocs.yml without the
hooks: plain MkDocs, ProperDocs and Zensical (pinned in requirements-dev.txt) each build the export of the
real site, and each page's <title>, meta description, canonical URL, Open Graph and Twitter tags, JSON-LD,
footer and visible article text, the 404 page, the sitemap with its dates, robots.txt and the social cards
equal those of the hooked build (`python -m hooks build`).

The site is exported once and each engine builds it once (module-scoped fixtures). The engines build with
SOURCE_DATE_EPOCH set to a day no fact was verified on, so a build date that reaches the sitemap shows.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from helpers import ROOT, env, run, soup

ENGINES = ("mkdocs", "properdocs", "zensical")
"""Each is run as `python -m ENGINE build`; Zensical takes no --site-dir and builds into the export's site/."""
NOT_A_REVIEW_DAY = "978307200"
"""2001-01-01 as SOURCE_DATE_EPOCH: no fact of the site was verified that day."""
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def hooked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as `python -m hooks build` builds it (dated by its data, not by SOURCE_DATE_EPOCH)."""
    site = tmp_path_factory.mktemp("hooked") / "site"
    environment = {k: v for k, v in env().items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run([sys.executable, "-m", "hooks", "--root", str(ROOT), "build", "--site-dir", str(site)],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "export"
    proc = run(["-m", "hooks", "--root", str(ROOT), "export", str(out)], ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="module", params=ENGINES)
def built(request: pytest.FixtureRequest, exported: Path) -> Path:
    """The export as one engine builds it, with --strict."""
    engine = request.param
    if engine == "zensical" and sys.version_info < (3, 11):
        pytest.skip("Zensical 0.0.73 requires Python 3.11 or newer; the lock installs it only there")
    assert importlib.util.find_spec(engine) is not None, f"{engine} is not installed: pip install -r requirements-dev.txt"
    config = exported / "mkdocs.yml"
    if engine == "zensical":
        site = exported / "site"
        shutil.rmtree(site, ignore_errors=True)
        args = ["-m", engine, "build", "--strict", "--config-file", str(config)]
    else:
        site = exported.parent / engine
        args = ["-m", engine, "build", "--strict", "--config-file", str(config), "--site-dir", str(site)]
    proc = run(args, exported, {"SOURCE_DATE_EPOCH": NOT_A_REVIEW_DAY})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "search" not in p.parts)


def _head(page: Path) -> dict[str, Any]:
    """What search engines and link previews read from a page."""
    doc = soup(page)
    description = doc.find("meta", attrs={"name": "description"})
    canonical = doc.find("link", rel="canonical")
    sharing = sorted((m.get("property") or m.get("name"), m.get("content")) for m in doc.find_all("meta")
                     if (m.get("property") or m.get("name") or "").startswith(("og:", "twitter:")))
    return {
        "title": doc.title.get_text() if doc.title else None,
        "description": description["content"] if description else None,
        "canonical": canonical["href"] if canonical else None,
        "sharing": sharing,
        "json_ld": [json.loads(s.string) for s in doc.find_all("script", type="application/ld+json")],
    }


def _words(page: Path, **find: Any) -> list[str]:
    found = soup(page).find(**find)
    return found.get_text(" ").split() if found is not None else []


def _sitemap(site: Path) -> dict[str, str | None]:
    urls = ET.parse(site / "sitemap.xml").getroot().findall("s:url", SITEMAP)
    return {u.findtext("s:loc", namespaces=SITEMAP) or "": u.findtext("s:lastmod", namespaces=SITEMAP) for u in urls}


def test_the_engine_builds_every_page(built: Path, hooked: Path) -> None:
    """Check that the engine builds the export (--strict) into the pages of the hooked build, 404.html included."""
    assert _pages(built) == _pages(hooked)
    assert "404.html" in _pages(built)


def test_each_page_has_the_head_of_the_hooked_build(built: Path, hooked: Path) -> None:
    """Check <title>, meta description, canonical URL, Open Graph and Twitter tags and JSON-LD, page by page."""
    for page in _pages(hooked):
        ours = _head(hooked / page)
        if page != "404.html":
            assert ours["json_ld"] and ours["sharing"], page  # the hooked build has them: there is something to match
        assert _head(built / page) == ours, page


def test_each_page_shows_the_text_and_footer_of_the_hooked_build(built: Path, hooked: Path) -> None:
    """Check the visible text of each page's <article> (the 404 page's list of pages included) and the
    footer's publisher line."""
    for page in _pages(hooked):
        assert _words(built / page, name="article") == _words(hooked / page, name="article"), page
        footer = _words(hooked / page, class_="site-footer")
        assert footer[:2] == ["Published", "by"], page
        assert _words(built / page, class_="site-footer") == footer, page


def test_sitemap_robots_and_cards_are_those_of_the_hooked_build(built: Path, hooked: Path) -> None:
    """Check the sitemap (every page, dated from the data, never by the build's clock), robots.txt and
    each social card, byte for byte."""
    sitemap = _sitemap(hooked)
    assert sitemap and all(sitemap.values()), sitemap
    assert _sitemap(built) == sitemap
    assert (built / "robots.txt").read_text("utf-8") == (hooked / "robots.txt").read_text("utf-8")
    cards = sorted(p.relative_to(hooked) for p in (hooked / "assets" / "cards").rglob("*.png"))
    assert len(cards) == len(_pages(hooked)) - 1  # one per page, none for the 404 page
    for card in cards:
        assert (built / card).read_bytes() == (hooked / card).read_bytes(), card
