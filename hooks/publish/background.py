"""Run the checks beside the build: a forked child checks the pages while MkDocs renders them.

The build machine has more than one core and MkDocs uses one, so the fact and link checks cost
the build little wall time. Where fork is unavailable, or the child fails, the checks run inline:
the findings are the same either way. The child only computes and writes its findings to a pipe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hooks.checks.run import check_pages
from hooks.core.cache import Cache
from hooks.core.findings import Finding
from hooks.core.forking import spawn
from hooks.data.model import Site
from hooks.pages.paths import Page

Collect = Callable[[], list[Finding]]


def start(site: Site, pages: list[Page], day: dt.date, *, background: bool = True,
          cache: Cache | None = None) -> Collect:
    """Start checking; call the returned function to wait for the findings."""
    def inline() -> list[Finding]:
        return check_pages(site, pages, [], day, cache)

    if not background:
        findings = inline()
        return lambda: findings
    return spawn(inline)
