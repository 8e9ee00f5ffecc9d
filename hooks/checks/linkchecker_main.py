"""LinkChecker's own command line, with two changes for a static site served on 127.0.0.1.

1. **No switch to the `nobody` user.** Run as root, LinkChecker 10.6 sets its effective user to
   `nobody` before it loads its plugins. Where its Python lives in a folder `nobody` cannot read
   (`/root/.pyenv`, as on CI machines and in many containers), it then finds no plugins and says
   nothing: AnchorCheck never runs and every broken #anchor passes. Here it only fetches
   http://127.0.0.1 from our own server, which reads the files, so the switch guards nothing.
2. **Each page read once.** LinkChecker checks `page/#a` and `page/#b` as two URLs, and for each
   it parses the whole page again: for a robots meta tag, for its anchors and for its links
   (upstream issue linkchecker/linkchecker#781). None of these depends on the #fragment, so each is
   read once per page and kept: a page whose links are already queued is not parsed for them again
   (those URLs would be dropped as seen). The results are the same, and the run's time, most of
   which went on those parses of this site's 600 anchor URLs, is about halved.

If a LinkChecker release renames what (2) wraps, the wrapping is skipped and LinkChecker runs as
it is: slower, never wrong. `tests/test_links.py` checks that both changes are in place.

Usage: python hooks/checks/linkchecker_main.py [LinkChecker arguments] (a script: it imports
nothing of ours).
"""

from __future__ import annotations

import sys
import threading
from typing import Any


def _page(url_data: Any) -> str:
    """The URL without its #fragment: what the server is asked for."""
    from linkcheck import url as urlutil

    return str(urlutil.urlunsplit(list(url_data.urlparts[:4]) + [""]))


def read_pages_once() -> bool:
    """Wrap LinkChecker so that a page's anchors and links are read once per page; True if done."""
    try:
        from linkcheck import parser
        from linkcheck.checker import httpurl
        from linkcheck.htmlutil import linkparse
        from linkcheck.plugins import anchorcheck
        original_parse_html = parser.parse_html
        original_allows_robots = httpurl.HttpUrl.content_allows_robots
        anchor_tags = linkparse.AnchorTags
        find_links = linkparse.find_links
        collector = anchorcheck.UrlAnchorCheck
    except (ImportError, AttributeError):
        return False
    lock = threading.Lock()
    parsed: set[str] = set()
    anchors: dict[str, list[Any]] = {}
    robots: dict[str, bool] = {}

    def content_allows_robots(self: Any) -> bool:
        page = _page(self)
        with lock:
            allowed = robots.get(page)
        if allowed is None:
            allowed = bool(original_allows_robots(self))
            with lock:
                robots[page] = allowed
        return allowed

    def parse_html(url_data: Any) -> None:
        page = _page(url_data)
        with lock:
            first = page not in parsed
            parsed.add(page)
        if first:
            original_parse_html(url_data)

    def check(self: Any, url_data: Any) -> None:
        page = _page(url_data)
        with lock:
            known = anchors.get(page)
        if known is None:
            found = collector()
            find_links(url_data.get_soup(), found.add_anchor, anchor_tags)
            known = found.anchors
            with lock:
                anchors[page] = known
        checker = collector()
        checker.anchors = known
        checker.check_anchor(url_data)

    parser.parse_html = parse_html
    httpurl.HttpUrl.content_allows_robots = content_allows_robots
    anchorcheck.AnchorCheck.check = check
    return True


def main() -> int:
    from linkcheck.command import linkchecker as command

    command.drop_privileges = lambda: None  # see (1) in the module docstring
    read_pages_once()
    return int(command.linkchecker() or 0)


if __name__ == "__main__":
    sys.exit(main())
