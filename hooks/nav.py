"""The site navigation, built from data: a new standard file is a new nav entry."""

from __future__ import annotations

from .model import Site
from .render import GLOSSARY, PILLAR, SOURCES, Page, standard_path


def build_nav(site: Site, pages: list[Page]) -> list[dict[str, object]]:
    nav: list[dict[str, object]] = [{site.guide.title: PILLAR}]
    nav.append({"Standards": [{std.designation: standard_path(sid)} for sid, std in site.standards.items()]})
    nav.append({"Glossary": GLOSSARY})
    nav.append({"Sources": SOURCES})
    for page in pages:
        if not page.generated and page.meta.get("hide") != "nav":
            nav.append({page.title: page.path})
    return nav
