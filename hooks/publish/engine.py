"""The whole pipeline in one call, for the CLI, the MkDocs adapter and the tests alike:
load -> validate -> model -> render -> check -> findings.

Nothing here is kept between calls: each `run()` starts clean, which is what
`mkdocs serve` needs (hook modules are not reloaded between rebuilds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from hooks.core.cache import Cache
from hooks.core.collector import no_collections
from hooks.core.findings import DataError, Finding, Findings
from hooks.core.forking import cores, spawn
from hooks.core.project import today
from hooks.data.model import Config, Site, load_config, load_site
from hooks.pages.paths import Page
from hooks.pages.render import render_pages

from . import stored


@dataclass
class Result:
    site: Site | None
    pages: list[Page]
    findings: Findings
    check_date: dt.date
    extra_pages: list[Page] = field(default_factory=list)
    """Pages given on the command line to be checked as if they were part of the site."""
    cache: Cache | None = None
    """The cache the run used (None when mkdocs.yml was unusable), for checks run later (the MkDocs adapter)."""

    @property
    def ok(self) -> bool:
        return not self.findings.errors()


def build_pages(root: Path | Config, cache: Cache | None = None,
                meanwhile: Callable[[], object] | None = None) -> tuple[Site, list[Page]]:
    """Load the data of the project in root (or of a configuration already read) and render every
    page (or take both from the cache); raise DataError on unusable input.

    `meanwhile`, if given, runs while the pages are rendered in a forked process (the check loads
    its English pipeline so: a second of the cold check on two cores); not when they come from the
    cache."""
    config = root if isinstance(root, Config) else load_config(root)
    if cache is None or not cache.enabled:
        return _load_and_render(config, meanwhile)
    project = config.project
    fingerprint = cache.inputs(project.config_file, project.data_dir, project.templates_dir, project.docs_dir)
    kept = stored.codec(project)  # what comes back carries this run's paths (a content folder spelled another way)
    cached = cache.load_site(fingerprint, kept)
    if cached is not None:
        return cached
    site, pages = _load_and_render(config, meanwhile)
    cache.store_site(fingerprint, (site, pages), kept)
    return site, pages


def _load_and_render(config: Config, meanwhile: Callable[[], object] | None) -> tuple[Site, list[Page]]:
    with no_collections():  # the site all lives on: a collection finds nothing to free (a seventh of the loading)
        site = load_site(config)
    if meanwhile is None or cores() < 2:
        return site, render_pages(site)
    # The child renders the site loaded here and sends back the pages alone (sending the site too
    # cost a third of a second at N=1000); a child that fails (a template error) renders again here, to raise here.
    collect = spawn(partial(_render_and_leave, site))
    meanwhile()
    return site, collect()


def _render_and_leave(site: Site) -> list[Page]:
    """The pages, in a child that exits once it has sent them: without the cyclic collector, which
    finds little to free while a site renders (a tenth of the rendering at N=1000)."""
    with no_collections():
        return render_pages(site)


def run(root: Path, *, extra: list[Path] | None = None, check_date: dt.date | None = None,
        content_dir: Path | None = None, checks: bool = True, cache: Cache | None = None,
        workers: int = 1) -> Result:
    """Run everything on the project in root; unusable input becomes findings rather than an exception.

    `content_dir` (the MkDocs adapter's docs_dir) wins over mkdocs.yml's docs_dir. Without a cache
    given, the project's own is used (see cache.py; PILLAR_CACHE=off disables it). `workers` > 1
    splits the checking of many uncached pages over that many processes.
    """
    from hooks.checks.claims.syntax import nlp  # imported here: checks import render and model
    from hooks.checks.run import check_pages, page_from_file

    findings = Findings()
    try:
        config = load_config(root, docs_dir=content_dir)
        cache = cache if cache is not None else Cache.open(config.project.cache_dir)
        # Checking many pages loads the English pipeline: do it while the pages render.
        site, pages = build_pages(config, cache, nlp if checks and workers > 1 else None)
    except DataError as exc:
        findings.extend(exc.findings)
        return Result(None, [], findings, check_date or dt.date.today())
    day = today(site.settings, check_date)
    extra_pages: list[Page] = []
    for path in extra or []:
        try:
            extra_pages.append(page_from_file(path, root))
        except DataError as exc:
            findings.extend(exc.findings)
    if checks:
        findings.extend(check_pages(site, pages, extra_pages, day, cache, workers))
    return Result(site, pages, findings, day, extra_pages, cache)


__all__ = ["Cache", "Finding", "Page", "Result", "build_pages", "run"]
