"""Search and sharing metadata for each page, from the same data as the page: canonical URL,
description, Open Graph and Twitter values, and JSON-LD (Article, BreadcrumbList,
DefinedTermSet). Python builds the values; templates/overrides/main.html prints them.

Every string is HTML-escaped here because MkDocs' theme environment does not autoescape,
and the JSON-LD is serialized so that no `</script>` or `<!--` can close its script tag.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from hooks.data.model import Site

from .paths import GLOSSARY, PILLAR, SOURCES, Page


def page_url(site_url: str, path: str) -> str:
    """The canonical URL of a page source path, with MkDocs' directory URLs."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return site_url.rstrip("/") + "/" + stem.lstrip("/")


def json_ld(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json"> block: nothing in it can end the block."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def metadata(site: Site, page: Page, site_url: str, site_name: str) -> dict[str, Any]:
    """Everything the head of one page needs; strings already escaped for HTML."""
    url = page_url(site_url, page.path)
    graph: list[dict[str, Any]] = []
    home = page_url(site_url, PILLAR)
    crumbs = [{"@type": "ListItem", "position": 1, "name": site.guide.title, "item": home}]
    if page.path != PILLAR:
        if page.path.startswith("standards/"):
            crumbs.append({"@type": "ListItem", "position": 2, "name": "Standards", "item": home})
        crumbs.append({"@type": "ListItem", "position": len(crumbs) + 1, "name": page.title, "item": url})
    graph.append({"@type": "BreadcrumbList", "itemListElement": crumbs})
    if page.generated and (page.path == PILLAR or page.path.startswith("standards/")):
        article: dict[str, Any] = {
            "@type": "Article",
            "headline": page.title,
            "mainEntityOfPage": url,
            "publisher": {"@type": "Organization", "name": site.settings.publisher},
        }
        if page.reviewed:
            article["dateModified"] = page.reviewed.isoformat()
        graph.append(article)
    if page.path == GLOSSARY:
        graph.append({
            "@type": "DefinedTermSet", "name": page.title, "url": url,
            "hasDefinedTerm": [{"@type": "DefinedTerm", "name": c.term, "description": c.definition,
                                "url": f"{url}#{c.id}"} for c in sorted(site.concepts.values(), key=lambda c: c.term)],
        })
    description = page.description or f"{page.title}: {site_name}."
    return {
        "title": escape(page.title),
        "description": escape(description),
        "url": escape(url),
        "og_type": "article" if page.generated and page.path not in (GLOSSARY, SOURCES) else "website",
        "site_name": escape(site_name),
        "reviewed": page.reviewed.isoformat() if page.reviewed else None,
        "json_ld": json_ld({"@context": "https://schema.org", "@graph": graph}),
    }


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
