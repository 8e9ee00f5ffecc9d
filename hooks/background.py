"""Run the checks beside the build: a forked child checks the pages while MkDocs renders them.

The build machine has more than one core and MkDocs uses one, so the fact and link checks cost
the build little wall time. Where fork is unavailable, or the child fails, the checks run inline:
the findings are the same either way. The child only computes and writes its findings to a pipe.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from typing import Callable

from .cache import Cache
from .checks import check_pages
from .findings import Finding
from .model import Site
from .render import Page

Collect = Callable[[], list[Finding]]


def start(site: Site, pages: list[Page], day: dt.date, *, background: bool = True,
          cache: Cache | None = None) -> Collect:
    """Start checking; call the returned function to wait for the findings."""
    def inline() -> list[Finding]:
        return check_pages(site, pages, [], day, cache)

    if not background or not hasattr(os, "fork"):
        findings = inline()
        return lambda: findings
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's cleanup
        code = 0
        try:
            os.close(read_fd)
            data = pickle.dumps(inline())
            with os.fdopen(write_fd, "wb") as out:
                out.write(data)
        except BaseException:  # noqa: BLE001 - any failure: the parent falls back to checking inline
            code = 1
        os._exit(code)
    os.close(write_fd)

    def collect() -> list[Finding]:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return inline()
        return pickle.loads(data)

    return collect
