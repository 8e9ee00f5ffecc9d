"""Search and sharing metadata for each page, from the same data as the page: canonical URL,
description, Open Graph and Twitter values with the page's social card, and JSON-LD (Article with
its author, dates, image and publisher, BreadcrumbList, DefinedTermSet). Python builds the values;
templates/overrides/main.html prints them. `head()` is what a page's meta holds for the theme: the MkDocs
hooks add it while the page renders, and `python -m hooks export` writes it into the page's front matter,
so every engine that reads front matter prints the same head. The publisher comes from
data/publisher.yaml (else the name in mkdocs.yml's extra.pillar.publisher).

Every string is HTML-escaped here because MkDocs' theme environment does not autoescape,
and the JSON-LD is serialized so that no `</script>` or `<!--` can close its script tag.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from hooks.data.model import Site

from .cards import card_path
from .paths import GLOSSARY, PILLAR, SOURCES, Page


def page_url(site_url: str, path: str) -> str:
    """The canonical URL of a page source path, with MkDocs' directory URLs."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return site_url.rstrip("/") + "/" + stem.lstrip("/")


def asset_url(site_url: str, path: str) -> str:
    """The absolute URL of a file of the built site, e.g. 'assets/logo.svg'."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def publisher_ld(site: Site, site_url: str) -> dict[str, Any]:
    """The publisher as a schema.org Organization, with its logo where data/publisher.yaml gives one."""
    publisher = site.publisher
    if publisher is None:
        return {"@type": "Organization", "name": site.settings.publisher}
    org: dict[str, Any] = {"@type": "Organization", "name": publisher.name, "url": str(publisher.url)}
    if site_url:
        org["logo"] = {"@type": "ImageObject", "url": asset_url(site_url, publisher.logo)}
    return org


def footer(site: Site) -> dict[str, str]:
    """What the footer says about who publishes the site (templates/overrides/partials/copyright.html):
    the name, and the site paths of the editorial policy and the sources page."""
    publisher = site.publisher
    name = publisher.name if publisher is not None else site.settings.publisher
    policy = page_url("", publisher.policy).lstrip("/") if publisher is not None else ""
    return {"name": str(escape(name)), "policy": policy, "sources": page_url("", SOURCES).lstrip("/")}


def json_ld(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json"> block: nothing in it can end the block."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def metadata(site: Site, page: Page, site_url: str, site_name: str) -> dict[str, Any]:
    """Everything the head of one page needs; strings already escaped for HTML."""
    url = page_url(site_url, page.path)
    image = asset_url(site_url, card_path(page.path)) if site_url else ""
    graph: list[dict[str, Any]] = []
    home = page_url(site_url, PILLAR)
    crumbs = [{"@type": "ListItem", "position": 1, "name": site.guide.title, "item": home}]
    if page.path != PILLAR:  # no "Standards" step: it has no page of its own, and a crumb must lead somewhere
        crumbs.append({"@type": "ListItem", "position": len(crumbs) + 1, "name": page.title, "item": url})
    graph.append({"@type": "BreadcrumbList", "itemListElement": crumbs})
    if page.generated and (page.path == PILLAR or page.path.startswith("standards/")):
        article: dict[str, Any] = {
            "@type": "Article",
            "headline": page.title,
            "mainEntityOfPage": url,
            "publisher": publisher_ld(site, site_url),
            "author": {k: v for k, v in publisher_ld(site, site_url).items() if k != "logo"},
        }
        if site.publisher is not None:
            article["datePublished"] = site.publisher.first_published.isoformat()
        if page.reviewed:
            article["dateModified"] = page.reviewed.isoformat()
        if image:
            article["image"] = image
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
        "image": escape(image),
        "image_alt": escape(f"{page.title} ({site_name})"),
        "json_ld": json_ld({"@context": "https://schema.org", "@graph": graph}),
    }


def head(site: Site, page: Page, site_url: str, site_name: str) -> dict[str, Any]:
    """The page meta the head is printed from: `seo` (templates/overrides/main.html), and the `title` and
    `description` the theme's own <title> and <meta name="description"> print (escaped, as every value)."""
    meta = metadata(site, page, site_url, site_name)
    return {"seo": meta, "title": meta["title"], "description": meta["description"]}


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
