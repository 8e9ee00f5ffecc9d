"""Check that page text MkDocs' Markdown renderer would take minutes on never reaches it (issue #13):
Python-Markdown rereads from each '[' to its ']', from each '<' to the '>' ending a tag, from a code
fence to the fence closing it, and recurses once per level of nesting, so a flood of openers takes it
hours and 500 nested lists crash it. `python -m hooks build` stops at once with a located error, no
traceback, and leaves the site it built before as it was; the check and the export refuse the same
page; the same text just under the limit builds; the site's own pages come nowhere near the limit.

Every build and every estimate of a flood runs under a hang guard (helpers.no_hang, as in
tests/test_normalize.py): a bound for a hang, not a measure of speed. tests/benchmarks/markdown_render.py prints
the measurements the limit rests on."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import CHECK_DATE, ROOT, check, env, fixture_site, no_hang, no_traceback
from hooks.data.model import load_config, load_site
from hooks.pages.markdown_costs import LIMIT_SECONDS, MAX_DEPTH
from hooks.pages.origin import Origins
from hooks.pages.render import render_pages
from hooks.pages.slow_markdown import estimate, problem, too_slow

HANG = 180
"""Seconds after which a build counts as hung: the fixture site builds in a few seconds, and the floods
below take the renderer from twenty minutes to hours (or crash it)."""


def _no_hang(what: str) -> contextlib.AbstractContextManager[None]:
    return no_hang(what, HANG)


def _hooks(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m hooks ARGS` in root under the hang guard. A hung one is killed; its MkDocs, in a session
    of its own, is stopped as its parent dies (hooks/publish/atomic.py)."""
    proc = subprocess.Popen([sys.executable, "-m", "hooks", "--root", str(root), *args], cwd=root, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        with _no_hang(f"python -m hooks {' '.join(args)}"):
            out, err = proc.communicate()
    except AssertionError:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _page(text: str) -> Callable[[Path], None]:
    return lambda root: (root / "content" / "x.md").write_text("# X\n\n" + text + "\n", "utf-8")


def _guide_section(text: str) -> Callable[[Path], None]:
    """The text as the first paragraph of the guide's first section (a Markdown field of a generated page)."""
    def write(root: Path) -> None:
        guide = root / "data" / "guide.yaml"
        yaml_text = guide.read_text("utf-8")
        at = yaml_text.index("    body: |\n") + len("    body: |\n")
        guide.write_text(yaml_text[:at] + "      " + text + "\n\n" + yaml_text[at:], "utf-8")
    return write


FLOODS = [
    ("100,000 '[' on one line", _page("[" * 100_000), "content/x.md:3:1"),
    ("50,000 'a<b' (tags never ended)", _page("a<b " * 50_000), "content/x.md:3:2"),
    ("100,000 code fences never closed", _page("```a\n" * 100_000), "content/x.md:3:1"),
    ("lists nested 500 deep", _page("- " * 500 + "a"), "content/x.md:3:1"),
    ("a code fence, then 200,000 spaces", _page("```" + " " * 200_000 + "x"), "content/x.md:3:1"),
    ("100,000 '[' in a guide section", _guide_section("[" * 100_000), "data/guide.yaml:22:7"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture site, built once into its site/ folder."""
    root = fixture_site(tmp_path_factory.mktemp("built") / "src")
    proc = _hooks(root, "build", "--site-dir", str(root / "site"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


def _copy(built: Path, dest: Path) -> Path:
    shutil.copytree(built, dest, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@pytest.mark.parametrize(("name", "write", "where"), FLOODS, ids=[f[0] for f in FLOODS])
def test_a_page_the_renderer_would_hang_on_stops_the_build(built: Path, tmp_path: Path, name: str,
                                                           write: Callable[[Path], None], where: str) -> None:
    """Check that `python -m hooks build` stops on the page at once, naming file:line:col, without a traceback,
    and leaves the site it built before byte for byte."""
    root = _copy(built, tmp_path / "src")
    site = root / "site"
    before = _tree(site)
    write(root)
    proc = _hooks(root, "build", "--site-dir", str(site))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert f"{where}: error[slow-markdown]: " in out, out[-3000:]
    assert "was left as it was" in out
    no_traceback(proc)
    assert _tree(site) == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site-") and p.is_dir()], "no staging folder is left"


def test_the_check_and_the_export_refuse_the_page_too(built: Path, tmp_path: Path) -> None:
    """Check that `python -m hooks check` and `python -m hooks export` fail with the same located error,
    and the export writes nothing (another engine would render the exported page)."""
    root = _copy(built, tmp_path / "src")
    _page("[" * 100_000)(root)
    checked = _hooks(root, "check", "--date", CHECK_DATE)
    no_traceback(checked)
    assert checked.returncode == 1
    assert [ln.split(": MkDocs")[0] for ln in checked.stdout.splitlines() if ": error[" in ln] == \
        ["content/x.md:3:1: error[slow-markdown]"], checked.stdout
    out = tmp_path / "export"
    exported = _hooks(root, "export", str(out))
    no_traceback(exported)
    assert exported.returncode == 1
    assert "content/x.md:3:1: error[slow-markdown]" in exported.stderr
    assert not out.exists()


def _answer(url: str) -> str:
    """The page at url, or "" while the server does not answer it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace") if response.status == 200 else ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return ""


def test_serve_keeps_serving_the_page_as_it_last_loaded(tmp_path: Path) -> None:
    """Check that `mkdocs serve`, when an edit floods a page, logs the located error and, within the hang
    bound, answers with the page as it last loaded and the error in the banner, and keeps running."""
    root = fixture_site(tmp_path / "src")
    about = root / "content" / "about.md"
    good = about.read_text("utf-8")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"http://127.0.0.1:{port}/about/"
    log_path = tmp_path / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a",
                                 f"127.0.0.1:{port}"], cwd=root, env=env(), stdout=log, stderr=subprocess.STDOUT,
                                text=True, start_new_session=True)
        try:
            with _no_hang("mkdocs serve"):
                while not _answer(url):
                    assert proc.poll() is None, log_path.read_text("utf-8")
                    time.sleep(0.5)
                about.write_text(good + "\n" + "[" * 100_000 + "\n", "utf-8")
                while "error[slow-markdown]" not in _answer(url):
                    assert proc.poll() is None, log_path.read_text("utf-8")
                    time.sleep(0.5)
            body = _answer(url)
            assert 'class="pillar-data-errors"' in body and "content/about.md:" in body
            assert "[" * 1000 not in body
            assert proc.poll() is None
            assert "error[slow-markdown]" in log_path.read_text("utf-8")
            assert "Traceback" not in log_path.read_text("utf-8")
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


def _most_allowed(make: Callable[[int], str]) -> int:
    """The largest n for which the guard lets make(n) through (it refuses make(100,000))."""
    low, high = 0, 100_000
    assert problem(make(high)) is not None
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if problem(make(mid)) is None else (low, mid)
    return low


def test_the_same_text_just_under_the_limit_builds(built: Path, tmp_path: Path) -> None:
    """Check that a page with as many '[' as the limit allows builds (the renderer takes about a second on
    it), and one more '[' is refused by the check."""
    n = _most_allowed(lambda n: "# X\n\n" + "[" * n + "\n")
    assert 1000 < n < 5000, n
    root = _copy(built, tmp_path / "src")
    site = root / "site"
    _page("[" * n)(root)
    proc = _hooks(root, "build", "--site-dir", str(site))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (site / "x" / "index.html").read_text("utf-8").count("[") >= n
    _page("[" * (n + 1))(root)
    refused = check(root)
    assert refused.returncode == 1 and "content/x.md:3:1: error[slow-markdown]" in refused.stdout, refused.stdout


@pytest.mark.parametrize("site", ["the site", "the fixture site"])
def test_the_sites_own_pages_come_nowhere_near_the_limit(site: str, tmp_path: Path) -> None:
    """Check that every page of the real site and of the fixture site (hand-written and generated) is
    estimated at under a twentieth of the limit (a few milliseconds) and nested a few levels at most: none
    trips the guard."""
    root = ROOT if site == "the site" else fixture_site(tmp_path / "src")
    loaded = load_site(load_config(root))
    pages = render_pages(loaded)
    assert len(pages) > 5
    assert too_slow(pages, Origins(loaded).locate) == []
    for page in pages:
        found = estimate(page.markdown)
        assert found.seconds < LIMIT_SECONDS / 20, (page.path, found.ns)
        assert found.depth[0] <= MAX_DEPTH // 10, (page.path, found.depth)


def _repeat(unit: str, size: int = 400_000) -> str:
    return (unit * (size // len(unit) + 1))[:size]


HARMLESS = {
    "']' and '('": _repeat("]") + _repeat("("),
    "'*' and '_'": _repeat("*") + "\n\n" + _repeat("_"),
    "'<' and '&'": _repeat("<") + "\n\n" + _repeat("&"),
    "'{' and ':'": _repeat("{") + "\n\n" + _repeat(":"),
    "backticks": _repeat("`"),
    "spaces": "a" + " " * 400_000 + "b",
    "lines of spaces": _repeat(" " * 99 + "\n"),
    "one line of words": _repeat("word "),
    "table rows": "| a | b |\n| - | - |\n" + _repeat("| x | y |\n"),
    "short paragraphs of links": _repeat("See [the page](a.md) and [that one](b.md#c).\n\n"),
    "a closed code fence of brackets": "```\n" + _repeat("[<(") + "\n```",
    "a tag name of 400,000 letters": "<" + "a" * 400_000,
}
"""Large pages the renderer takes in linear time (tests/benchmarks/markdown_render.py): no reason to refuse."""
FLOODED = {
    "'['": _repeat("["), "'!['": _repeat("!["), "'[^'": _repeat("[^"), "'[a]('": _repeat("[a]("),
    "'[[...]]'": "[" * 200_000 + "]" * 200_000, "'a<b'": _repeat("a<b "), "'<a b=''": _repeat("<a b='"),
    "fences never closed": _repeat("```a\n"), "'`|' in a table row": "| a |\n| - |\n| " + _repeat("`|"),
    "rising backtick runs": "".join("`" * k + " " for k in range(1, 900)),
    "'{#a' in a heading": "# h " + _repeat("{#a "), "one footnote referred to 20,000 times": "[^a]: x\n\n" +
    _repeat("[^a] ", 100_000), "escapes in one paragraph": _repeat("\\["), "quotes nested 60 deep": "> " * 60 + "a",
    "tags with a markdown attribute nested 60 deep": '<div markdown="1">\n' * 60 + "a\n" + "</div>\n" * 60,
    "spaces after a code fence": "```" + " " * 400_000 + "x\n",
}
"""Pages the renderer takes minutes to hours on, or fails on."""


@pytest.mark.parametrize("name", HARMLESS)
def test_large_pages_the_renderer_reads_once_pass(name: str) -> None:
    """Check that a large page of characters the renderer handles in linear time is not refused."""
    with _no_hang(name):
        assert problem(HARMLESS[name]) is None


@pytest.mark.parametrize("name", FLOODED)
def test_floods_are_refused_in_linear_time(name: str) -> None:
    """Check that each flood is refused, and that the estimate itself finishes (it reads each page once)."""
    with _no_hang(name):
        assert problem(FLOODED[name]) is not None
