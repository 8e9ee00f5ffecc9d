"""`python -m hooks export OUTDIR`: the rendered site sources, buildable without the hooks.

OUTDIR gets docs/ (every page as plain Markdown, plus the assets of content/), overrides/
(the theme's custom_dir, if any) and an mkdocs.yml that is ours without the hooks, with the
nav written out, so plain MkDocs, ProperDocs or Zensical builds the same site
(tests/test_export_engines.py builds it with each and compares it with the hooked build).

What the hooks add to a build travels as data the engines read themselves: each page's front
matter holds its head (`seo`, `title`, `description`, built by hooks/pages/seo.py and printed by
templates/overrides/main.html and the theme) and `reviewed`, the date the sitemap prints; docs/
holds robots.txt and the pages' social cards; mkdocs.yml's `extra.publisher` is the footer's publisher.
The head's strings stay HTML-escaped, as in the hooked build: no engine's theme autoescapes.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import yaml

from hooks.core.cache import Cache, switched_off
from hooks.core.findings import DataError
from hooks.core.project import CONFIG_FILE, Project
from hooks.data.loader import parse_yaml, read_text
from hooks.data.model import Site
from hooks.pages import seo
from hooks.pages.content import site_files, unpublishable
from hooks.pages.nav import build_nav
from hooks.pages.paths import Page
from hooks.publish import cards
from hooks.publish.atomic import newest_verified

_WIDE = 1 << 16
"""Front matter values each on one line (the JSON-LD is long), as YAML parsers of every engine read them alike."""


def _plain(value: object) -> object:
    """Markup (escaped titles) as plain str, so YAML's safe dumper accepts it."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def export(site: Site, pages: list[Page], outdir: Path) -> None:
    """Write the export; DataError (before anything is written) if the content folder holds what must
    not be published, which the pages read from the cache may not have shown."""
    project, out = site.project, Project.export_layout(outdir)
    files = site_files(site)
    problems = unpublishable(files, pages)
    if problems:
        raise DataError(problems)
    config = parse_yaml(read_text(project.config_file, CONFIG_FILE), CONFIG_FILE, allow_tags=True).data
    site_url, site_name = str(config.get("site_url") or ""), str(config.get("site_name") or "")
    docs = out.docs_dir
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    for src in sorted(files.assets):
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(files.files[src], target)
    built = newest_verified(project.data_dir)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = _front_matter(site, page, site_url, site_name, built)
        front = "---\n" + yaml.safe_dump(meta, sort_keys=True, allow_unicode=True, width=_WIDE) + "---\n"
        target.write_text(front + page.markdown, "utf-8")
    _write_extras(site, pages, docs, site_url, site_name)
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["docs_dir"] = out.rel(out.docs_dir)
    theme = config.get("theme")
    if isinstance(theme, dict) and project.theme_dir is not None and out.theme_dir is not None:
        # Theme overrides travel along: they print the head and the sitemap from the pages' front matter.
        overrides = out.theme_dir
        if overrides.exists():
            shutil.rmtree(overrides)
        shutil.copytree(project.theme_dir, overrides)
        theme["custom_dir"] = out.rel(overrides)
    config.setdefault("nav", _plain(build_nav(site, pages)))
    extra = config.setdefault("extra", {})
    if isinstance(extra, dict):
        # The footer's publisher (templates/overrides/partials/copyright.html), as the hooks set it in on_config.
        extra["publisher"] = _plain(seo.footer(site))
    out.config_file.write_text(
        "# Exported by `python -m hooks export`: plain MkDocs config, no hooks.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")


def _front_matter(site: Site, page: Page, site_url: str, site_name: str, built: dt.date) -> dict[str, Any]:
    """The page's own front matter (not `jinja`: its Markdown is rendered already), its head as the hooks
    give it while it renders, and `reviewed`: its facts' date, or for a page without one the date
    `python -m hooks build` dates it by (the newest verified date in the data)."""
    meta = {k: v for k, v in page.meta.items() if k != "jinja"} if not page.generated else {}
    meta.update({key: _plain(value) for key, value in seo.head(site, page, site_url, site_name).items()})
    if page.reviewed is not None:
        meta["reviewed"] = page.reviewed.isoformat()
    else:  # a hand-written page may date itself in its front matter, as in the hooked build
        meta.setdefault("reviewed", built.isoformat())
    return meta


def _write_extras(site: Site, pages: list[Page], docs: Path, site_url: str, site_name: str) -> None:
    """The files the hooks add to a build, as they do: robots.txt (with a site_url; a robots.txt of the
    content folder wins) and each page's social card (none with PILLAR_CARDS=off), copied from the cards
    the hooked build keeps in the cache, or drawn."""
    robots = docs / "robots.txt"
    if site_url and not robots.exists():
        robots.write_text(seo.robots_txt(site_url), "utf-8")
    if not switched_off("PILLAR_CARDS"):
        cards.write_cards([(p.path, str(p.title)) for p in pages], docs, site_name, cards.footer_line(site_url, site),
                          Cache.open(site.project.cache_dir).folder)
