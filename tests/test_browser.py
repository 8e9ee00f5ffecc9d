"""Check the built site in a real browser: Debian's Chromium, headless, driven by Playwright.

The site is built once with `python -m hooks build` and served on 127.0.0.1 (tests/browser.py).
Every page a test opens records its requests and console: a request to any other host, a failed
request, an HTTP error or a console error fails the test. Screenshots are kept in
test-artifacts/screenshots/ (git-ignored); the top of the pillar and of a standard page at desktop
and phone widths also go to test-artifacts/screenshots/readme/, for the README's copies in
.github/screenshots/.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

import pytest
import yaml

# The fixtures live in tests/browser.py; importing them here is how pytest finds them.
from browser import (  # noqa: F401
    DESKTOP,
    PHONE,
    README_CANDIDATES,
    Browser,
    Recorder,
    chromium_session,
    save_screenshot,
    served_site,
    site_browser,
)
from helpers import ROOT

pytestmark = pytest.mark.browser

STANDARDS = {
    p.stem: yaml.safe_load(p.read_text("utf-8"))["designation"] for p in sorted((ROOT / "data" / "standards").glob("*.yaml"))
}
PILLAR_TITLE = yaml.safe_load((ROOT / "data" / "guide.yaml").read_text("utf-8"))["title"]
SERIOUS = {"serious", "critical"}

# Violations tolerated where they stand, each with the node axe reports (none today: the search
# dialog's name comes from content/javascripts/a11y.js).
NEEDS_TEMPLATE_FIX: set[tuple[str, str]] = set()


def _open(site_browser: Browser, path: str = "", viewport: dict[str, int] = DESKTOP, **options: Any) -> tuple[Any, Recorder]:
    page, recorder = site_browser.new_page(viewport, **options)
    response = page.goto(site_browser.site.url(path), wait_until="load")
    assert response is not None and response.ok, (path, response and response.status)
    page.wait_for_load_state("networkidle")
    return page, recorder


def _h1(page: Any) -> str:
    return " ".join(page.locator("article h1").first.inner_text().split())


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def _axe(site_browser: Browser, page: Any, **options: Any) -> list[dict[str, Any]]:
    kwargs = {"options": options} if options else {}
    return site_browser.axe.run(page, **kwargs).response["violations"]


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} node(s)]")
        for node in v["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.append(f"        {node.get('failureSummary', '').replace(chr(10), ' ')[:300]}")
    return "\n".join(lines)


def test_pillar_page_renders(site_browser: Browser) -> None:
    """Check that the pillar page shows its title, sections, comparison table and the site's own CSS."""
    page, recorder = _open(site_browser)
    assert _h1(page).startswith(PILLAR_TITLE), _h1(page)
    assert "ISO Certification Guide" in page.title()
    assert page.locator("article h2").count() >= 5
    table = page.locator("article table").first
    assert table.is_visible()
    assert table.locator("tbody tr").count() == len(STANDARDS)
    for designation in STANDARDS.values():
        assert designation in table.inner_text(), designation
    link = page.locator("article p a[href^='glossary/']").first
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"
    assert any(url.endswith("/stylesheets/site.css") for url in recorder.requests), recorder.requests
    recorder.assert_clean()


def test_pillar_links_reach_every_standard_page_and_back(site_browser: Browser) -> None:
    """Check that clicking each standard link in the pillar opens that standard and its link back returns."""
    page, recorder = _open(site_browser)
    hrefs = page.locator("article a[href^='standards/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    targets = sorted({h for h in hrefs if re.fullmatch(r"standards/[^/#?]+/", h)})
    assert targets == sorted(f"standards/{sid}/" for sid in STANDARDS), targets
    pillar = site_browser.site.url()
    for href in targets:
        sid = href.split("/")[1]
        page.locator(f"article a[href='{href}']").first.click()
        page.wait_for_url(site_browser.site.url(href))
        assert STANDARDS[sid] in _h1(page), (sid, _h1(page))
        back = page.locator("article a[href='../../']")
        assert back.count() >= 1, f"{href} has no link back to the pillar"
        back.first.click()
        page.wait_for_url(pillar)
        assert _h1(page).startswith(PILLAR_TITLE), _h1(page)
    recorder.assert_clean()


def test_search_finds_certification_body(site_browser: Browser) -> None:
    """Check that typing 'certification body' into the site search lists results that open pages of the site."""
    page, recorder = _open(site_browser)
    search = page.locator(".md-search__input")
    if not search.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    search.click()
    search.press_sequentially("certification body", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert results.count() >= 1
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.search(r"\d+ matching document", meta), meta
    first = page.locator(".md-search-result__item a").first
    assert first.get_attribute("href").startswith(site_browser.site.base), first.get_attribute("href")
    first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(site_browser.site.base), page.url
    assert page.locator("article h1").count() == 1
    recorder.assert_clean()


def test_palette_toggle_switches_light_and_dark(site_browser: Browser) -> None:
    """Check that the header's palette toggle flips the colour scheme both ways and that the choice persists."""
    page, recorder = _open(site_browser)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    toggle = page.locator("form[data-md-component='palette'] label.md-header__button[for^='__palette']:visible")
    assert page.evaluate(scheme) == "default"
    assert toggle.count() == 1
    toggle.click()
    page.wait_for_function(f"{scheme} === 'slate'")
    page.reload(wait_until="load")
    assert page.evaluate(scheme) == "slate", "the dark scheme was not kept across a reload"
    toggle.click()
    page.wait_for_function(f"{scheme} === 'default'")
    recorder.assert_clean()


def test_every_page_loads_without_errors_or_outside_requests(site_browser: Browser) -> None:
    """Check every built page: no console error, no failed request and no request leaves 127.0.0.1."""
    root = site_browser.site.root
    folders = sorted(p.parent.relative_to(root).as_posix() for p in root.rglob("index.html"))
    paths = ["" if folder == "." else folder + "/" for folder in folders] + ["404.html"]
    assert "" in paths and len(paths) >= len(STANDARDS) + 4, paths
    page, recorder = site_browser.new_page(DESKTOP)
    for path in paths:
        response = page.goto(site_browser.site.url(path), wait_until="load")
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
        assert page.locator("article h1").count() == 1, path
    hosts = {re.sub(r"^[a-z]+://([^/]+)/.*$", r"\1", url) for url in recorder.requests}
    assert hosts == {site_browser.site.base.split("/")[2]}, hosts
    recorder.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "standards/iso-9001/", "glossary/"], ids=["pillar", "standard", "glossary"])
def test_no_serious_accessibility_violations(site_browser: Browser, path: str, scheme: str) -> None:
    """Check with axe-core that the page has no serious or critical accessibility violations."""
    page, recorder = _open(site_browser, path, color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    violations = _axe(site_browser, page)
    serious = []
    for v in violations:
        if v["impact"] not in SERIOUS:
            continue
        nodes = [n for n in v["nodes"] if (v["id"], ", ".join(map(str, n["target"]))) not in NEEDS_TEMPLATE_FIX]
        if nodes:
            serious.append({**v, "nodes": nodes})
    if serious:
        print(_describe(serious))
    assert not serious, "serious or critical axe violations:\n" + _describe(serious)
    recorder.assert_clean()


def test_search_dialog_has_an_accessible_name(site_browser: Browser) -> None:
    """Check with axe-core that the search dialog has an accessible name (aria-dialog-name)."""
    page, _ = _open(site_browser)
    violations = _axe(site_browser, page, runOnly=["aria-dialog-name"])
    assert not violations, _describe(violations)


def test_screenshots_at_desktop_and_phone_widths(site_browser: Browser) -> None:
    """Check the pillar and a standard page at desktop and phone widths, keeping full-page screenshots and,
    for the README, the top of each page one screen high."""
    for key, (path, viewport, readme) in README_CANDIDATES.items():
        page, recorder = _open(site_browser, path, viewport)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{key} is {overflow}px wider than a {viewport['width']}px screen"
        shot = save_screenshot(page, key)
        width, height = _png_size(shot)
        assert width == viewport["width"] and height >= viewport["height"], (shot, width, height)
        page.evaluate("window.scrollTo(0, 0)")
        top = save_screenshot(page, f"readme/{readme.stem}", full_page=False)
        assert top == readme and _png_size(top) == (viewport["width"], viewport["height"]), top
        recorder.assert_clean()


@pytest.mark.parametrize("path", ["", "standards/iso-9001/"], ids=["pillar", "standard"])
def test_byline_and_footer_show_who_publishes(site_browser: Browser, path: str) -> None:
    """Check that the byline sits under the title, styled by site.css (smaller than the text), and the footer
    names the publisher and links the editorial policy, which opens."""
    page, recorder = _open(site_browser, path)
    byline = page.locator("article h1 + p.pillar-byline")
    assert byline.is_visible()
    assert "Reviewed by" in byline.inner_text()
    body = page.locator("article p:not(.pillar-byline)").first
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    assert byline.evaluate(size) < body.evaluate(size)
    footer = page.locator(".md-copyright")
    assert "Published by" in footer.inner_text() and "Made with" not in footer.inner_text()
    footer.get_by_role("link", name="Editorial policy").click()
    page.wait_for_url(site_browser.site.url("editorial-policy/"))
    assert _h1(page).startswith("Editorial policy")
    recorder.assert_clean()


def test_wide_table_shows_that_it_scrolls_on_a_phone(site_browser: Browser) -> None:
    """Check the pillar's comparison table on a phone: its wrapper scrolls, says so above it, has edge shadows,
    is a named, focusable region that the keyboard scrolls; at desktop width none of it is there."""
    page, recorder = _open(site_browser, "", PHONE)
    wrap = page.locator("article .md-typeset__scrollwrap").first
    wrap.scroll_into_view_if_needed()
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the table fits a phone: nothing to show"
    assert "site-scrolls" in (wrap.get_attribute("class") or "")
    assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
    assert "scrolls sideways" in (wrap.get_attribute("aria-label") or "")
    hint = page.locator("article .site-scroll-hint").first
    assert hint.is_visible() and "Scroll sideways" in hint.inner_text()
    assert wrap.evaluate("w => getComputedStyle(w).backgroundImage").count("gradient") == 4
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("w => w.scrollLeft > 0", arg=wrap.element_handle())
    violations = _axe(site_browser, page, runOnly=["scrollable-region-focusable", "aria-allowed-role", "color-contrast"])
    assert not violations, _describe(violations)
    recorder.assert_clean()
    desktop, _ = _open(site_browser, "")
    assert desktop.locator("article .site-scroll-hint").count() == 0
    assert desktop.locator("article .md-typeset__scrollwrap.site-scrolls").count() == 0
