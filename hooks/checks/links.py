"""Internal links: every link and #anchor resolves, no page is an orphan, and the topic
cluster holds (the pillar links to every standard page, each links back).

Works on the Markdown of every page, before MkDocs renders it, so each broken link is
reported at its source line; `link_report` is the inbound/outbound map for editors.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from hooks.core.findings import Finding
from hooks.pages.markdown import ParsedPage
from hooks.pages.paths import PILLAR, Page

_EXTERNAL = ("http:", "https:", "mailto:", "tel:", "ftp:", "//")


@dataclass
class LinkGraph:
    outbound: dict[str, set[str]]
    inbound: dict[str, set[str]]


def resolve(page_path: str, href: str) -> tuple[str | None, str]:
    """The page path and anchor a relative link points at (None for external links)."""
    if href.lower().startswith(_EXTERNAL) or ":" in href.split("/")[0]:
        return None, ""
    parts = urlsplit(href)
    anchor = unquote(parts.fragment)
    if not parts.path:
        return page_path, anchor
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(parts.path)))
    if target.endswith("/"):
        target += "index.md"
    if not posixpath.splitext(target)[1] and not target.endswith(".md"):
        target = posixpath.join(target, "index.md")
    return target, anchor


def check_links(pages: list[Page], parsed: dict[str, ParsedPage], assets: set[str],
                locate, extra: Sequence[Page] = ()) -> tuple[list[Finding], LinkGraph]:
    """Broken links and anchors, orphans, and the cluster contract, as findings."""
    findings: list[Finding] = []
    by_path = {p.path: p for p in pages}
    outbound: dict[str, set[str]] = {p.path: set() for p in pages}
    inbound: dict[str, set[str]] = {p.path: set() for p in pages}

    def report(page: Page, line: int, column: int, text: str, code: str, message: str, severity: str = "error") -> None:
        file, fline, fcol = locate(page, line, column, text)
        findings.append(Finding(file, fline, fcol, severity, code, message))  # type: ignore[arg-type]

    extra_ids = {id(p) for p in extra}
    for page in [*pages, *extra]:
        is_extra = id(page) in extra_ids
        info = parsed[f"extra:{page.origin}" if is_extra else page.path]
        for link in info.links:
            target, anchor = resolve(page.path, link.href)
            if target is None or target.startswith("../"):
                if target is not None:
                    report(page, link.line, link.column, link.text, "link-outside",
                           f"the link {link.href!r} leaves the site's content folder. Link to a page of the site.")
                continue
            if not target.endswith(".md"):
                if target not in assets:
                    report(page, link.line, link.column, link.text, "link-missing-file",
                           f"the link {link.href!r} points at {target!r}, which does not exist in content/.")
                continue
            if target not in by_path:
                report(page, link.line, link.column, link.text, "link-missing-page",
                       f"the link {link.href!r} points at the page {target!r}, which does not exist. "
                       f"Fix the path or add the page.")
                continue
            if not is_extra and target != page.path:
                outbound[page.path].add(target)
                inbound[target].add(page.path)
            if anchor and anchor not in parsed[target].anchors:
                where = "this page" if target == page.path else repr(target)
                report(page, link.line, link.column, link.text, "link-missing-anchor",
                       f"the link {link.href!r} points at the anchor #{anchor}, which {where} does not have. "
                       f"Use one of its headings' anchors.")
    for page in pages:
        if page.path != PILLAR and not inbound[page.path]:
            report(page, 1, 1, "", "orphan", f"no other page links to {page.path!r}. Link to it from a related page.",
                   "warning")
    return findings, LinkGraph(outbound, inbound)


def check_cluster(pages: list[Page], standard_pages: list[str], graph: LinkGraph,
                  locate) -> list[Finding]:
    """The pillar links to every standard page, and every standard page links back."""
    by_path = {p.path: p for p in pages}
    findings = []
    pillar = by_path.get(PILLAR)
    for path in standard_pages:
        page = by_path[path]
        if pillar and path not in graph.outbound[PILLAR]:
            file, line, col = locate(pillar, 1, 1, "")
            findings.append(Finding(file, line, col, "error", "cluster",
                                    f"the pillar guide does not link to {path!r}. Every standard page must be linked from it."))
        if PILLAR not in graph.outbound[path]:
            file, line, col = locate(page, 1, 1, "")
            findings.append(Finding(file, line, col, "error", "cluster",
                                    f"{path!r} does not link back to the pillar guide."))
    return findings


def link_report(graph: LinkGraph) -> dict[str, dict[str, list[str]]]:
    return {path: {"inbound": sorted(graph.inbound[path]), "outbound": sorted(graph.outbound[path])}
            for path in sorted(graph.outbound)}
