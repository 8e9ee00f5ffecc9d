"""The site navigation, built from data: a new standard file is a new nav entry."""

from __future__ import annotations

from markupsafe import escape

from hooks.data.model import Site

from .paths import GLOSSARY, PILLAR, SOURCES, Page, standard_path


def build_nav(site: Site, pages: list[Page]) -> list[dict[str, object]]:
    # Titles are escaped here: Material prints nav titles without escaping them.
    nav: list[dict[str, object]] = [{escape(site.guide.title): PILLAR}]
    nav.append({"Standards": [{escape(std.designation): standard_path(sid)} for sid, std in site.standards.items()]})
    nav.append({"Glossary": GLOSSARY})
    nav.append({"Sources": SOURCES})
    for page in pages:
        if not page.generated and page.meta.get("hide") != "nav":
            nav.append({escape(page.title): page.path})
    return nav
