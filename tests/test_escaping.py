"""Check that HTML, script, Jinja and Markdown pasted into data land as inert text everywhere
they are used: page body, attributes, <title>, meta tags, JSON-LD and the search index.
The payload goes into a copy of the fixture site (tests/fixtures/site)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import fixture_site, mkdocs_build, soup

PAYLOAD = ("X<script>alert(1)</script></script><!-- {{ 7*7 }} {% if true %}J{% endif %} "
           "**bold** [c](javascript:alert(2)) \"q' &amp; Y")


def _yaml_str(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid double-quoted YAML scalar


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fixture_site(tmp_path_factory.mktemp("poisoned") / "src")
    std = root / "data" / "standards" / "iso-9001.yaml"
    text = std.read_text("utf-8")
    text = re.sub(r"(?m)^suits: .*$", "suits: " + _yaml_str(PAYLOAD), text, count=1)
    text = re.sub(r"(?m)^title: .*$", "title: " + _yaml_str("Quality " + PAYLOAD), text, count=1)
    std.write_text(text, "utf-8")
    concepts = root / "data" / "concepts.yaml"
    text = concepts.read_text("utf-8")
    assert "    term: Accreditation\n" in text
    text = text.replace("    term: Accreditation\n", "    term: " + _yaml_str("Accreditation " + PAYLOAD) + "\n", 1)
    concepts.write_text(text, "utf-8")
    guide = root / "data" / "guide.yaml"
    text = guide.read_text("utf-8")
    text = re.sub(r"(?m)^title: .*$", "title: " + _yaml_str("Guide " + PAYLOAD), text, count=1)
    text = re.sub(r"(?m)^description: .*\n(?:  .*\n)*", "description: " + _yaml_str("About " + PAYLOAD) + "\n", text, count=1)
    text = text.replace("    body: |\n",
                        "    body: |\n      Pasted: <script>alert(3)</script> and [a link](javascript:alert(4)).\n\n", 1)
    guide.write_text(text, "utf-8")
    site = root.parent / "site"
    # The payload's javascript: link is (rightly) an error finding; report it, build anyway.
    proc = mkdocs_build(root, site, strict=False, extra_env={"PILLAR_FAIL_ON_ERRORS": "off"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


PAGES = ["index.html", "standards/iso-9001/index.html", "standards/iso-14001/index.html", "glossary/index.html"]


@pytest.mark.parametrize("page", PAGES)
def test_no_script_or_link_from_data_executes(poisoned: Path, page: str) -> None:
    """Check that no <script> element, javascript: link or inline handler comes from the data."""
    html = (poisoned / page).read_text("utf-8")
    doc = soup(poisoned / page)
    assert "<script>alert(1)</script>" in doc.get_text(), "the payload is on the page, as text"
    for script in doc.find_all("script"):
        assert "alert(" not in (script.string or "") or script.get("type") == "application/ld+json", script
    assert not doc.find_all("a", href=re.compile(r"^\s*javascript:", re.I))
    assert "<script>alert" not in html
    assert "</script><!--" not in html
    assert not doc.find_all("strong", string=re.compile("bold"))


def test_payload_is_visible_text(poisoned: Path) -> None:
    """Check that the payload shows as literal text in the body, unrendered by Jinja or Markdown."""
    body = soup(poisoned / "standards" / "iso-9001" / "index.html").find("article").get_text()
    assert "<script>alert(1)</script>" in body
    assert "{{ 7*7 }}" in body and "49" not in body
    assert "**bold**" in body
    pillar = soup(poisoned / "index.html").find("article").get_text()
    assert "Pasted: <script>alert(3)</script>" in pillar


def test_titles_and_meta_tags_carry_the_payload_as_text(poisoned: Path) -> None:
    """Check <title>, meta description, Open Graph and Twitter tags: the exact text, no markup."""
    doc = soup(poisoned / "index.html")
    assert doc.title.get_text().startswith("Guide " + PAYLOAD)
    assert doc.find("meta", attrs={"name": "description"})["content"] == "About " + PAYLOAD
    assert doc.find("meta", attrs={"property": "og:description"})["content"] == "About " + PAYLOAD
    assert doc.find("meta", attrs={"name": "twitter:title"})["content"].startswith("Guide " + PAYLOAD)
    std = soup(poisoned / "standards" / "iso-9001" / "index.html")
    assert "Quality " + PAYLOAD in std.find("meta", attrs={"name": "description"})["content"]


def test_json_ld_parses_and_holds_the_payload_as_data(poisoned: Path) -> None:
    """Check that JSON-LD parses, contains the payload verbatim, and nothing in it can close the script."""
    for page in ("index.html", "glossary/index.html"):
        doc = soup(poisoned / page)
        [block] = doc.find_all("script", type="application/ld+json")
        raw = block.string
        assert "<" not in raw and ">" not in raw
        data = json.loads(raw)
        assert any(PAYLOAD in value for value in _strings(data)), page


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_search_index_holds_no_markup_from_data(poisoned: Path) -> None:
    """Check the search index: the payload is there as escaped text, never as a tag."""
    index = json.loads((poisoned / "search" / "search_index.json").read_text("utf-8"))
    texts = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    assert "<script" not in texts
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts


def test_nav_title_is_inert(poisoned: Path) -> None:
    """Check that the guide title, used in the navigation, is text there too."""
    nav = soup(poisoned / "standards" / "iso-9001" / "index.html").find("nav", class_="md-nav--primary")
    assert "Guide " + PAYLOAD.split("<")[0] in nav.get_text()
    assert not nav.find("script")


def test_the_serve_banner_escapes_the_errors_it_shows() -> None:
    """Check that the banner `mkdocs serve` shows over broken data escapes an error's text (it quotes the
    editor's input) and goes right after the body start tag, even one that spans lines."""
    from hooks.core.findings import Finding
    from hooks.pages.banner import after_body_start, data_errors_banner

    finding = Finding("data/x.yaml", 3, 4, "error", "yaml", "unexpected <script>alert(1)</script>")
    page = '<html><head><title>t</title></head>\n<body dir="ltr"\n  class="a">\n<p>text</p></body></html>'
    out = after_body_start(page, data_errors_banner([finding]))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert out.index('<div class="pillar-data-errors"') == out.index('class="a">') + len('class="a">')
    assert out.replace(data_errors_banner([finding]), "") == page
