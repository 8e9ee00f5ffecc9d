"""Check the site's own look: the palette's contrast in both schemes (WCAG AA), the type scale, the
logo and favicon, the footer and byline, and the social cards (drawn locally, cached, one per page).

The colours are read from the custom properties in content/stylesheets/site.css, so a colour changed
there is checked here; the built site is the real project's (the session's `built_site`)."""

from __future__ import annotations

import itertools
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, article, soup
from hooks.pages.cards import SIZE, Painter, card_key, card_path
from hooks.pages.paths import Page
from hooks.publish.cards import Written, start, write_cards

CSS = ROOT / "content" / "stylesheets" / "site.css"
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
PUBLISHER = yaml.safe_load((ROOT / "data" / "publisher.yaml").read_text("utf-8"))
SCHEMES = {"light": '[data-md-color-scheme="default"]', "dark": '[data-md-color-scheme="slate"]'}
SHARED = (":root", '[data-md-color-primary="custom"]', '[data-md-color-accent="custom"]')
"""Blocks that hold for both schemes. Material puts the scheme, primary and accent attributes on <body>,
so a property in any of these blocks can use one defined in a scheme's block."""

TEXT, UI = 4.5, 3.0
PAIRS = [
    ("body text", "--md-default-fg-color", "--md-default-bg-color", TEXT),
    ("typeset text", "--md-typeset-color", "--md-default-bg-color", TEXT),
    ("links", "--md-typeset-a-color", "--md-default-bg-color", TEXT),
    ("links on hover (accent)", "--md-accent-fg-color", "--md-default-bg-color", TEXT),
    ("byline and hints", "--site-muted", "--md-default-bg-color", TEXT),
    ("key facts text", "--site-text", "--site-panel", TEXT),
    ("key facts links", "--site-link", "--site-panel", TEXT),
    ("key facts headings", "--site-muted", "--site-panel", TEXT),
    ("header title", "--md-primary-bg-color", "--md-primary-fg-color", TEXT),
    ("header secondary text", "--md-primary-bg-color--light", "--md-primary-fg-color", TEXT),
    ("footer navigation", "--md-footer-fg-color", "--md-footer-bg-color", TEXT),
    ("footer publisher line", "--md-footer-fg-color", "--md-footer-bg-color--dark", TEXT),
    ("footer copyright", "--md-footer-fg-color--light", "--md-footer-bg-color--dark", TEXT),
    ("footer links on hover", "--site-amber-light", "--md-footer-bg-color--dark", TEXT),
    ("focus ring", "--site-accent", "--md-default-bg-color", UI),
    ("key facts rule", "--site-panel-rule", "--site-panel", UI),
]
"""(what, foreground property, background property, the least contrast WCAG AA asks for it)."""


# Helper functions ----------------------------------------------------------------------------

def _blocks(css: str) -> dict[str, dict[str, str]]:
    """Selector -> its custom properties, for every rule of the stylesheet (comments removed)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    blocks: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        props = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+?)\s*(?:;|$)", body))
        if props:
            blocks.setdefault(" ".join(selector.split()), {}).update(props)
    return blocks


def scheme_properties(scheme: str, css: str | None = None) -> dict[str, str]:
    """Every custom property in effect in a scheme, as site.css defines it."""
    blocks = _blocks(css if css is not None else CSS.read_text("utf-8"))
    props: dict[str, str] = {}
    for selector in (SHARED[0], SCHEMES[scheme], *SHARED[1:]):
        props.update(blocks.get(selector, {}))
    return props


def colour(props: dict[str, str], name: str, seen: tuple[str, ...] = ()) -> str:
    """The #rrggbb value of a property, following var() references."""
    assert name in props, f"{name} is not defined in site.css for this scheme"
    assert name not in seen, f"var() cycle: {' -> '.join(seen + (name,))}"
    value = props[name].strip()
    ref = re.fullmatch(r"var\(\s*(--[\w-]+)\s*\)", value)
    if ref:
        return colour(props, ref.group(1), seen + (name,))
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", value), f"{name}: {value!r} is not a #rrggbb colour or a var()"
    return value.lower()


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of #rrggbb."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# The palette ---------------------------------------------------------------------------------

def test_contrast_is_computed_as_wcag_defines_it() -> None:
    """Check the contrast function on known values: black on white 21:1, #777 on white just under 4.5:1."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#767676", "#ffffff") >= 4.5


def test_the_css_parser_follows_var_references_per_scheme() -> None:
    """Check that a property defined once and referenced per scheme resolves to each scheme's value."""
    css = """:root { --a: #000000; } [data-md-color-scheme="default"] { --b: #ffffff; --c: var(--b); }
             [data-md-color-scheme="slate"] { --b: #111111; --c: var(--a); } /* --d: #222222; */"""
    assert colour(scheme_properties("light", css), "--c") == "#ffffff"
    assert colour(scheme_properties("dark", css), "--c") == "#000000"
    assert "--d" not in scheme_properties("dark", css)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_text_and_background_pair_passes_wcag_aa(scheme: str) -> None:
    """Check each foreground/background pair of the palette in this scheme: 4.5:1 for text, 3:1 for the interface."""
    props = scheme_properties(scheme)
    failures = []
    for what, fg, bg, least in PAIRS:
        ratio = contrast(colour(props, fg), colour(props, bg))
        if ratio < least:
            failures.append(f"{what}: {fg} {colour(props, fg)} on {bg} {colour(props, bg)} is {ratio:.2f}:1, "
                            f"needs {least}:1")
    assert not failures, "\n".join(failures)


def test_the_schemes_differ_and_material_uses_our_colours() -> None:
    """Check that the dark scheme has its own text and background, and mkdocs.yml asks for the custom palette."""
    light, dark = scheme_properties("light"), scheme_properties("dark")
    assert colour(light, "--md-default-bg-color") != colour(dark, "--md-default-bg-color")
    assert luminance(colour(dark, "--md-default-bg-color")) < luminance(colour(dark, "--md-default-fg-color"))
    palettes = CONFIG["theme"]["palette"]
    assert {p["scheme"] for p in palettes} == {"default", "slate"}
    assert all(p["primary"] == "custom" and p["accent"] == "custom" for p in palettes)


def test_the_type_scale_steps_by_a_major_third() -> None:
    """Check that the heading sizes grow from the body size by about 1.25 a step and the small step is smaller."""
    steps = {k: float(v.removesuffix("em")) for k, v in _blocks(CSS.read_text("utf-8"))[":root"].items()
             if k.startswith("--site-step")}
    assert steps["--site-step--1"] < 1
    sizes = [1.0, steps["--site-step-1"], steps["--site-step-2"], steps["--site-step-3"]]
    for smaller, larger in itertools.pairwise(sizes):
        assert larger / smaller == pytest.approx(1.25, abs=0.01)


def test_nothing_comes_from_a_cdn() -> None:
    """Check that the theme loads no web font and the stylesheet imports nothing from another host."""
    assert CONFIG["theme"]["font"] is False
    css = CSS.read_text("utf-8")
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(?:https?:)?//", css)


# Logo, favicon, footer, byline ----------------------------------------------------------------

def test_logo_and_favicon_are_our_own_svg_files() -> None:
    """Check theme.logo and theme.favicon: hand-written SVG in content/assets/ that parses as XML, no external reference."""
    for key in ("logo", "favicon"):
        path = ROOT / "content" / CONFIG["theme"][key]
        assert path.suffix == ".svg" and path.parent.name == "assets", path
        root = ET.fromstring(path.read_text("utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "http" not in re.sub(r'xmlns="[^"]+"', "", path.read_text("utf-8"))
    assert PUBLISHER["logo"] == CONFIG["theme"]["logo"]


def test_footer_names_the_publisher_and_gives_no_theme_credit(built_site: Path) -> None:
    """Check every page's footer: who publishes the site, links to the editorial policy and the sources, no "Made with"."""
    assert CONFIG["extra"]["generator"] is False
    pages = sorted(p for p in built_site.rglob("index.html") if "search" not in p.parts)
    for page in pages:
        footer = soup(page).find("div", class_="md-copyright")
        text = " ".join(footer.get_text(" ").split())
        assert f"Published by {PUBLISHER['name']}" in text, (page, text)
        assert "Made with" not in text and "Material for MkDocs" not in text, page
        targets = {(page.parent / a["href"]).resolve() for a in footer.find_all("a", href=True)}
        assert (built_site / "editorial-policy").resolve() in targets and (built_site / "sources").resolve() in targets
        assert all((t / "index.html").is_file() for t in targets), (page, targets)


def test_every_generated_page_has_a_byline_from_data(built_site: Path) -> None:
    """Check the line under each generated page's title: publisher, reviewer and role, review date, editorial policy."""
    reviewer = next(r for r in PUBLISHER["reviewers"] if not r.get("pages"))
    standards = [f"standards/{p.stem}/index.html" for p in sorted((ROOT / "data" / "standards").glob("*.yaml"))]
    for rel in ["index.html", "glossary/index.html", "sources/index.html", *standards]:
        page = built_site / rel
        byline = article(page).find("p", class_="pillar-byline")
        assert byline is not None, rel
        assert byline.find_previous_sibling("h1") is not None, f"{rel}: the byline is not under the title"
        text = " ".join(byline.get_text(" ").split())
        expected = f"By {PUBLISHER['name']} · Reviewed by {reviewer['name']}, {reviewer['role']} · Last reviewed "
        assert text.startswith(expected), text
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", byline.find("time")["datetime"]), rel
        link = byline.find("a")
        assert (page.parent / link["href"]).resolve() == (built_site / "editorial-policy").resolve(), rel
    assert article(built_site / "editorial-policy" / "index.html").find("h1").get_text().strip().startswith("Editorial policy")


# Social cards --------------------------------------------------------------------------------

def test_a_card_is_a_1200_by_630_png_drawn_the_same_every_time() -> None:
    """Check the card's size, that drawing it twice gives the same bytes, and that the key follows what it shows."""
    painter = Painter("ISO Certification Guide", "example.org · ISO Certification Guide editorial team")
    first = painter.draw("ISO 9001 certification")
    assert _png_size(first) == SIZE == (1200, 630)
    assert first == painter.draw("ISO 9001 certification")
    assert first != painter.draw("ISO 14001 certification")
    assert _png_size(painter.draw(" ".join(["Integrated"] * 60))) == SIZE  # a long title is cut, not overflowing
    key = card_key("ISO 9001 certification", "ISO Certification Guide", "x")
    assert key == card_key("ISO 9001 certification", "ISO Certification Guide", "x")
    assert key != card_key("ISO 9001 certification", "Another site", "x")
    assert card_path("standards/iso-9001.md") == "assets/cards/standards/iso-9001.png"
    assert card_path("index.md") == "assets/cards/index.png"


def test_cards_are_drawn_once_and_then_copied_from_the_cache(tmp_path: Path) -> None:
    """Check that a second build reuses every card from the cache, byte for byte, and a changed title is redrawn."""
    titles = [("index.md", "What is ISO certification?"), ("standards/iso-9001.md", "ISO 9001 certification")]
    first = write_cards(titles, tmp_path / "a", "Site", "footer", tmp_path / "cache")
    assert (first.drawn, first.reused) == (2, 0)
    second = write_cards(titles, tmp_path / "b", "Site", "footer", tmp_path / "cache")
    assert (second.drawn, second.reused) == (0, 2)
    for path, _ in titles:
        assert (tmp_path / "a" / card_path(path)).read_bytes() == (tmp_path / "b" / card_path(path)).read_bytes()
    third = write_cards([("index.md", "A new title")], tmp_path / "c", "Site", "footer", tmp_path / "cache")
    assert (third.drawn, third.reused) == (1, 0)
    uncached = write_cards(titles, tmp_path / "d", "Site", "footer", None)
    assert (uncached.drawn, uncached.reused) == (2, 0)


def test_a_build_copies_kept_cards_and_draws_the_others_in_a_child(tmp_path: Path) -> None:
    """Check `start` as the build calls it: cards in the cache are copied, the others drawn (in a forked
    child) and kept, and every page ends with its card."""
    def page(path: str, title: str) -> Page:
        return Page(path, "", title, "", "", True)

    pages = [page("index.md", "What is ISO certification?"), page("glossary.md", "Glossary")]
    assert start(pages[:1], tmp_path / "a", "Site", "footer", cache_dir=tmp_path / "cache")() == Written(1, 0)
    written = start(pages, tmp_path / "b", "Site", "footer", cache_dir=tmp_path / "cache")()
    assert (written.drawn, written.reused) == (1, 1)
    assert start(pages, tmp_path / "c", "Site", "footer", cache_dir=tmp_path / "cache")() == Written(0, 2)
    for p in pages:
        assert _png_size((tmp_path / "c" / card_path(p.path)).read_bytes()) == SIZE


def test_every_page_has_its_card_in_the_built_site(built_site: Path) -> None:
    """Check that og:image of every page is a 1200x630 PNG of the built site, one per page."""
    site_url = CONFIG["site_url"].rstrip("/")
    seen = set()
    for page in sorted(p for p in built_site.rglob("index.html") if "search" not in p.parts):
        image = soup(page).find("meta", property="og:image")["content"]
        assert image.startswith(site_url + "/assets/cards/") and image not in seen, (page, image)
        seen.add(image)
        assert _png_size((built_site / image.removeprefix(site_url + "/")).read_bytes()) == SIZE


def test_readme_shows_the_browser_tests_screenshots() -> None:
    """Check that the README shows the pillar and a standard page at desktop and phone widths, each a
    committed PNG one screen high at that width (copies of what tests/test_browser.py writes)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    sizes = {"desktop": (1280, 800), "phone": (390, 844)}
    for name in ("pillar", "standard"):
        for label, size in sizes.items():
            rel = f".github/screenshots/{name}-{label}.png"
            assert f"]({rel})" in readme, rel
            assert _png_size((ROOT / rel).read_bytes()) == size, rel
    assert "screenshots/pillar.png" not in readme
