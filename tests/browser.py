"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the built site.

Nothing is downloaded at test time: Chromium is the system package (installed here with apt-get
when it is missing and we are root), Playwright launches it through executable_path, and
axe-playwright-python ships axe-core itself. The site is built once per session into a temp
folder and served on 127.0.0.1 by http.server; every test page records its requests and console
so that a test can assert that nothing failed and nothing left the machine.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from helpers import ROOT, env

CHROMIUM = Path("/usr/bin/chromium")
HOST = "127.0.0.1"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
README_SHOTS = ROOT / ".github" / "screenshots"
"""The screenshots the README shows: copies of README_CANDIDATES, made by hand after a look at them."""
README_CANDIDATES = {
    f"{name}-{label}": (path, viewport, ARTIFACTS / "readme" / f"{name}-{label}.png")
    for name, path in (("pillar", ""), ("standard", "standards/iso-9001/"))
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE))
}
"""name -> (page, viewport, where the test writes the top of that page, one screen high): the pillar and
a standard page at desktop and phone widths. After a change to the look, run the browser tests and copy
test-artifacts/screenshots/readme/*.png to .github/screenshots/ (the README shows those)."""
TIMEOUT_MS = 15_000

# Chromium flags: no sandbox (root in a container), no GPU, and none of the background traffic
# (component updates, sync, QUIC probes) that would try to reach hosts outside this machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# URL schemes that never touch the network (inline SVG icons, blobs made by the page itself).
LOCAL_SCHEMES = {"data", "blob", "about"}


def _apt_install_chromium() -> str:
    """Install Debian's chromium with apt-get (updating the lists once if the first try fails)."""
    apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "chromium"]
    try:
        proc = subprocess.run(install, env=apt, capture_output=True, text=True, timeout=900, check=False)
        if proc.returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=apt, capture_output=True, text=True, timeout=900, check=False)
            proc = subprocess.run(install, env=apt, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return (proc.stdout + proc.stderr)[-2000:]


def find_chromium() -> Path:
    """Debian's Chromium: CHROMIUM_PATH if set, else /usr/bin/chromium, installed if need be; or skip."""
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        if not Path(override).is_file():
            pytest.skip(f"CHROMIUM_PATH={override} is not a file")
        return Path(override)
    if CHROMIUM.is_file():
        return CHROMIUM
    log = ""
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        log = _apt_install_chromium()
    if CHROMIUM.is_file():
        return CHROMIUM
    found = shutil.which("chromium")
    if found:
        return Path(found)
    reason = "Chromium is not installed at /usr/bin/chromium (as root: apt-get install -y chromium)"
    pytest.skip(reason + (f"; apt-get said: {log.strip()[-300:]}" if log else ""))


def import_browser_libraries() -> tuple[Any, Any]:
    """Playwright's sync API and axe-playwright-python's Axe; skip when they are not installed."""
    try:
        from axe_playwright_python.sync_playwright import Axe
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.skip(f"{exc.name} is not installed (pip install -r requirements-dev.txt): {exc}")
    return sync_playwright, Axe


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Site:
    """The built site on disk and where it is served."""

    root: Path
    base: str

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


def build_site(dest: Path) -> Path:
    """`python -m hooks build` of the real project into dest, as an editor would run it."""
    args = [sys.executable, "-m", "hooks", "--root", str(ROOT), "build", "--site-dir", str(dest)]
    proc = subprocess.run(args, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (dest / "index.html").is_file(), proc.stdout + proc.stderr
    return dest


def _serve(directory: Path) -> tuple[ThreadingHTTPServer, threading.Thread]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    return server, thread


@dataclass
class Recorder:
    """Every request, failure and console error of one browser context, against the served origin."""

    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.on("request", self._request)
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        context.on("console", self._console)
        context.on("weberror", self._page_error)

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)
        parts = urlsplit(request.url)
        if parts.scheme not in LOCAL_SCHEMES and parts.hostname != HOST:
            self.problems.append(f"external request: {request.method} {request.url}")

    def _failed(self, request: Any) -> None:
        self.problems.append(f"failed request: {request.method} {request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            where = message.location or {}
            self.problems.append(f"console error: {message.text} at {where.get('url', '?')}:{where.get('lineNumber', '?')}")

    def _page_error(self, error: Any) -> None:
        self.problems.append(f"uncaught page error: {error.error}")

    def assert_clean(self) -> None:
        assert self.requests, "no request was recorded"
        assert not self.problems, "\n".join(self.problems)


@dataclass
class Browser:
    """A launched Chromium and the served site; new_page() opens an isolated context with a recorder."""

    site: Site
    chromium: Any
    axe: Any
    _contexts: list[Any] = field(default_factory=list)

    def new_page(self, viewport: dict[str, int] = DESKTOP, **options: Any) -> tuple[Any, Recorder]:
        phone = viewport["width"] < 600
        settings = {
            "viewport": viewport,
            "color_scheme": "light",
            "is_mobile": phone,
            "has_touch": phone,
            "device_scale_factor": 1,
            "service_workers": "block",
        }
        context = self.chromium.new_context(**{**settings, **options})
        context.set_default_timeout(TIMEOUT_MS)
        recorder = Recorder()
        recorder.attach(context)
        self._contexts.append(context)
        return context.new_page(), recorder

    def close_pages(self) -> None:
        while self._contexts:
            self._contexts.pop().close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real project, built once with `python -m hooks build` and served on 127.0.0.1."""
    root = build_site(tmp_path_factory.mktemp("browser") / "site")
    server, thread = _serve(root)
    try:
        yield Site(root=root, base=f"http://{HOST}:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium_session(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Debian's Chromium, headless, launched once by Playwright with a fresh profile."""
    executable = find_chromium()
    sync_playwright, Axe = import_browser_libraries()
    served_site = request.getfixturevalue("served_site")  # built only once the browser is known to be there
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(executable),
            headless=True,
            args=CHROMIUM_ARGS,
            # Playwright gives every launch a new, empty --user-data-dir of its own; downloads
            # (none expected) and its temp files go into this session's temp folder.
            downloads_path=str(tmp_path_factory.mktemp("chromium-downloads")),
            timeout=60_000,
        )
        try:
            yield Browser(site=served_site, chromium=chromium, axe=Axe())
        finally:
            chromium.close()


@pytest.fixture()
def site_browser(chromium_session: Browser) -> Iterator[Browser]:
    """The session's Chromium for one test; the contexts the test opened are closed after it."""
    try:
        yield chromium_session
    finally:
        chromium_session.close_pages()


def save_screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """A PNG in test-artifacts/screenshots/ (git-ignored), kept after the run: the full page, or the screen."""
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path
