"""Link checks on the built site, outside the build.

`python -m hooks linkcheck` serves the built site on 127.0.0.1 and runs LinkChecker over it with
the repository's `linkcheckerrc` (internal links and anchors). Served, not read as files: reading
files, LinkChecker 10.6 skips the #anchors of directory URLs (`glossary/#scope`, which is how
MkDocs links), about 90 of this site's links; over HTTP it checks them all.

`python -m hooks external` checks external links (opt-in: builds have no network), with a
timeout per request, an ignore list (`extra.pillar.external_ignore` in mkdocs.yml) and a cache of
recent results (`.linkcheck-cache/external.json`) so reruns do not hammer the same hosts.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import importlib.util
import json
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from hooks.core.findings import Finding, Findings


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # Without this header LinkChecker holds itself to 10 requests a second per host (its
        # documented `maxrequestspersecond` rule), and the site's 700 URLs take minutes.
        self.send_header("LinkChecker", "local")
        super().end_headers()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # LinkChecker hangs up as soon as it has what it needs (a HEAD, the start of a large file):
        # a reset or broken pipe on our side is expected, not a traceback for the user.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def serve(site_dir: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve site_dir on a free loopback port in a background thread; returns (server, base URL)."""
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def linkcheck(site_dir: Path, config: Path, extra_args: list[str] | None = None) -> int:
    """Run LinkChecker over the built site with its configuration file (the project's linkcheckerrc);
    its exit code (0 clean, 1 broken links, 2 trouble)."""
    if not (site_dir / "index.html").exists():
        print(f"error: {site_dir} has no index.html. Build the site first (python -m hooks build).", file=sys.stderr)
        return 2
    if importlib.util.find_spec("linkcheck") is None:
        print("error: LinkChecker is not installed. Run: python -m pip install -r requirements-dev.txt", file=sys.stderr)
        return 2
    server, url = serve(site_dir)
    try:
        # LinkChecker from this Python, through our entry point (why: hooks/checks/linkchecker_main.py).
        command = [sys.executable, str(Path(__file__).with_name("linkchecker_main.py")), "--no-status", "-f", str(config),
                   *(extra_args or []), url]
        return subprocess.call(command)
    finally:
        server.shutdown()
        server.server_close()


# --- external links -------------------------------------------------------------------------

_HREF = re.compile(r"""href=["'](https?://[^"'#]+)""")


def external_urls(site_dir: Path, own: str) -> dict[str, list[str]]:
    """External URLs in the built pages -> the pages that link to them."""
    found: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        for url in _HREF.findall(page.read_text("utf-8", "replace")):
            if own and url.startswith(own):
                continue
            found.setdefault(url, []).append(page.relative_to(site_dir).as_posix())
    return found


def check_external(site_dir: Path, cache_file: Path, *, own: str = "", ignore: list[str] | None = None,
                   timeout: float = 10.0, cache_days: int = 7, today: dt.date | None = None,
                   opener=urllib.request.urlopen) -> Findings:
    """Check each external URL once per cache period; broken ones are findings on the page."""
    today = today or dt.date.today()
    patterns = [re.compile(p) for p in ignore or []]
    cache: dict[str, dict[str, object]] = {}
    if cache_file.exists():
        try:
            cache = json.loads(cache_file.read_text("utf-8"))
        except (OSError, ValueError):
            cache = {}
    findings = Findings()
    for url, pages in sorted(external_urls(site_dir, own).items()):
        if any(p.search(url) for p in patterns):
            continue
        entry = cache.get(url)
        if not entry or dt.date.fromisoformat(str(entry["checked"])) <= today - dt.timedelta(days=cache_days):
            entry = {"checked": today.isoformat(), **_probe(url, timeout, opener)}
            cache[url] = entry
        if not entry["ok"]:
            for page in pages:
                findings.add(Finding(page, 0, 0, "error", "external-link",
                                     f"{url} answered {entry['status']}. "
                                     "Update or remove the link, or add it to external_ignore."))
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=2, sort_keys=True) + "\n", "utf-8")
    return findings


def _probe(url: str, timeout: float, opener) -> dict[str, object]:
    request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "iso-guide-linkcheck/1"})
    try:
        with opener(request, timeout=timeout) as response:
            return {"ok": True, "status": getattr(response, "status", 200)}
    except urllib.error.HTTPError as exc:
        if exc.code in (405, 501):  # HEAD not allowed: try GET once
            try:
                with opener(urllib.request.Request(url, headers={"User-Agent": "iso-guide-linkcheck/1"}),
                            timeout=timeout) as response:
                    return {"ok": True, "status": getattr(response, "status", 200)}
            except (urllib.error.URLError, OSError) as again:
                return {"ok": False, "status": str(getattr(again, "code", again))}
        return {"ok": False, "status": exc.code}
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return {"ok": False, "status": str(getattr(exc, "reason", exc))}
