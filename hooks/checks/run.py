"""Run every check over every page and the data, into one findings list.

The checks themselves live in their own modules (`claims/` for prose against data,
`links.py` for links and the topic cluster); this module decides what runs on what,
adds the data-hygiene checks (sources, review dates, unused records), and applies
inline silencing: `<!-- factcheck: ignore=<code> reason="..." -->`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from hooks.checks.claims.syntax import nlp
from hooks.core.cache import Cache, Plain
from hooks.core.cache import key as cache_key
from hooks.core.collector import few_collections
from hooks.core.findings import Finding
from hooks.core.forking import map_chunks
from hooks.core.project import rel
from hooks.data.loader import read_text
from hooks.data.model import Site
from hooks.pages.content import site_files, split_front_matter, unpublishable
from hooks.pages.markdown import ParsedPage, parse
from hooks.pages.origin import Origins
from hooks.pages.paths import Page, standard_path

from .claims import Checker
from .links import check_cluster, check_links

PARALLEL_MIN_PAGES = 200
_IGNORE = re.compile(r"<!--\s*factcheck:\s*ignore=([\w\-,]+)(?:\s+reason=\"([^\"]*)\")?\s*-->")


def page_from_file(path: Path, root: Path) -> Page:
    """A Markdown file given on the command line, checked as if it stood at the root of content/."""
    origin = rel(path, root)
    text = read_text(path, origin)
    front = split_front_matter(text, origin)
    return Page(path.name, front.body, str(front.meta.get("title") or path.stem), "", origin, False,
                line_offset=front.line_offset, meta=front.meta)


@dataclass(frozen=True)
class Checked:
    """What checking one page found, as kept in the cache: the page parsed (its links, anchors and
    directives, without the text segments) and its claim findings, silencing applied."""

    parsed: ParsedPage
    findings: list[Finding]


_KEPT = Plain[Checked, Checked](Checked)
"""How the cache keeps a Checked: as its own fields in JSON, read back by pydantic (see core/cache.py)."""


@dataclass(frozen=True)
class _Job:
    """A page still to check: its name among the pages (extra pages are 'extra:<origin>') and cache key."""

    name: str
    key: str
    page: Page


def check_pages(site: Site, pages: list[Page], extra: list[Page], day: dt.date,
                cache: Cache | None = None, workers: int = 1) -> list[Finding]:
    """Every check over every page; pages not in the cache are parsed and judged, over
    `workers` processes when there are many of them."""
    origins = Origins(site)
    cache = cache or Cache(None)
    project = site.project
    data = cache.inputs(project.config_file, project.data_dir, project.templates_dir) if cache.enabled else ""
    named = [(page.path, page) for page in pages] + [(f"extra:{page.origin}", page) for page in extra]
    todo: list[_Job] = []
    entries: dict[str, Checked] = {}
    for name, page in named:
        key = cache_key("page", data, day, name, page.origin, page.line_offset, page.generated, page.template,
                        page.markdown) if cache.enabled else ""
        entry = cache.page(key, _KEPT)
        if entry is None:
            todo.append(_Job(name, key, page))
        else:
            entries[name] = entry

    checker: Checker | None = None
    """One for each process: its names, parses and judgments serve every batch of pages it takes."""

    def judge(chunk: Sequence[_Job]) -> list[Checked]:
        nonlocal checker
        if checker is None:
            checker = Checker(site, day)
        done = []
        pages = [(job.page, parse(job.page.markdown)) for job in chunk]
        checker.prefetch([full for _, full in pages])
        for page, full in pages:
            done.append(Checked(replace(full, segments=[]), _silence(page, full, checker.check(page, full, origins.locate))))
        return done

    # Forking costs tens of milliseconds: worth it only for a large share of a large site.
    forks = workers if len(todo) >= PARALLEL_MIN_PAGES else 1
    with few_collections():
        if forks > 1:
            nlp()  # load the English pipeline once, before the fork, so the children share it
        fresh = map_chunks(judge, todo, forks, weight=_cost) if todo else []
    for job, entry in zip(todo, fresh, strict=True):
        entries[job.name] = entry
        cache.store_page(job.key, entry, _KEPT)
    cache.save()
    parsed: dict[str, ParsedPage] = {}
    claim_findings: list[Finding] = []
    for name, _ in named:
        parsed[name] = entries[name].parsed
        claim_findings += entries[name].findings
    findings: list[Finding] = []
    files = site_files(site)
    link_findings, graph = check_links(pages, parsed, files.assets, origins.locate, extra)
    findings += link_findings
    findings += unpublishable(files, pages)  # pages from the cache may predate the content folder's files
    findings += check_cluster(pages, [standard_path(s) for s in site.standards], graph, origins.locate)
    findings += claim_findings
    findings += check_data(site, pages, day)
    return findings


def _cost(job: _Job) -> int:
    """What checking a page costs, roughly: its length, and a little for being a page at all."""
    return len(job.page.markdown) + 500


def _silence(page: Page, parsed: ParsedPage, findings: list[Finding]) -> list[Finding]:
    """Mark findings silenced by an ignore comment on the same line or the line before."""
    directives: dict[int, tuple[set[str], str]] = {}
    for line, comment in parsed.comments:
        match = _IGNORE.search(comment)
        if match:
            codes = set(match.group(1).split(","))
            directives[line + page.line_offset] = (codes, match.group(2) or "")
    if not directives:
        return findings
    result = []
    for f in findings:
        for line in (f.line, f.line - 1):
            codes, reason = directives.get(line, (set(), ""))
            if f.file == page.origin and (f.code in codes or "all" in codes):
                f = replace(f, silenced=reason or "no reason given")
                break
        result.append(f)
    return result


def check_data(site: Site, pages: list[Page], day: dt.date) -> list[Finding]:
    """Stale review dates and sources no page cites."""
    findings: list[Finding] = []
    limit = day - dt.timedelta(days=site.settings.review_days)
    for path, doc in site.documents.items():
        for loc, pos in doc.values.items():
            if loc and loc[-1] in ("verified", "required_verified"):
                value = doc.get(loc)
                if isinstance(value, dt.date) and value < limit:
                    findings.append(Finding(path, pos.line, pos.column, "warning", "stale",
                                            f"verified on {value.isoformat()}, more than {site.settings.review_days} days "
                                            f"before {day.isoformat()}. Check the fact against its source and update the date."))
                elif isinstance(value, dt.date) and value > day:
                    findings.append(Finding(path, pos.line, pos.column, "error", "future-date",
                                            f"verified on {value.isoformat()}, which is after the check date {day.isoformat()}."))
    text = "\n".join(page.markdown for page in pages)
    orgs_doc = site.documents.get(site.data_file("organizations"))
    for i, org in enumerate(site.organizations.values()):
        names = [org.abbreviation, org.name, *org.aliases]
        if orgs_doc is not None and not any(re.search(rf"(?<![\w/]){re.escape(n)}(?![\w/])", text) for n in names):
            pos = orgs_doc.where(("organizations", i, "id"))
            findings.append(Finding(orgs_doc.path, pos.line, pos.column, "info", "unused",
                                    f"the organization {org.id!r} is not named on any page."))
    cited = {sid for page in pages for sid in page.sources}
    sources_doc = site.documents.get(site.data_file("sources"))
    for i, sid in enumerate(site.sources):
        if sid not in cited and sources_doc is not None:
            pos = sources_doc.where(("sources", i, "id"))
            findings.append(Finding(sources_doc.path, pos.line, pos.column, "info", "unused",
                                    f"the source {sid!r} is not cited on any page."))
    return findings


def link_graph(site: Site, pages: list[Page]):
    """The inbound/outbound link graph of the site's pages (for `python -m hooks links`)."""
    parsed = {p.path: parse(p.markdown) for p in pages}
    _, graph = check_links(pages, parsed, set(), Origins(site).locate)
    return graph
