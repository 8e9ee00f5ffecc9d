"""Check the link checks: planted broken links at their source lines, orphans, the link report,
LinkChecker on a built site, and the cached external-link check.

The in-build checks run on the fixture site (tests/fixtures/site); LinkChecker also runs on the
real site as built, as CI does."""

from __future__ import annotations

import csv
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from helpers import ROOT, add_energy_standard, check, fixture_site, run
from hooks.checks.site_links import check_external

PAGE = """\
# Planted

A [missing page](standards/iso-99999.md) here.

See [nowhere](#no-such-heading) on this page.

And the [pillar's missing section](index.md#no-such-section).

But [the pillar](index.md#faq) and [ISO 9001](standards/iso-9001.md#editions) are fine.
"""

def _findings(proc) -> list[tuple[str, int, int, str]]:
    doc = json.loads(proc.stdout)
    return [(f["file"], f["line"], f["column"], f["code"]) for f in doc["findings"] if f["code"].startswith(("link", "orphan"))]


def test_planted_broken_links_are_found_at_their_lines(tmp_path: Path) -> None:
    """Check a missing page, a missing anchor on the same page and one on another page."""
    root = fixture_site(tmp_path)
    (root / "content" / "planted.md").write_text(PAGE, "utf-8")
    found = _findings(check(root, "--format", "json"))
    assert ("content/planted.md", 3, 3, "link-missing-page") in found
    assert ("content/planted.md", 5, 5, "link-missing-anchor") in found
    assert ("content/planted.md", 7, 9, "link-missing-anchor") in found
    assert ("content/planted.md", 1, 1, "orphan") in found
    assert len([f for f in found if f[0] == "content/planted.md"]) == 4


def test_a_link_to_a_standard_removed_from_data_breaks(tmp_path: Path) -> None:
    """Check that removing a standard's YAML turns links to its page into findings."""
    root = fixture_site(tmp_path)
    add_energy_standard(root)
    (root / "content" / "energy.md").write_text("# Energy\n\nRead about [ISO 50001](standards/iso-50001.md).\n", "utf-8")
    assert "link-missing-page" not in [f[3] for f in _findings(check(root, "--format", "json"))]
    (root / "data" / "standards" / "iso-50001.yaml").unlink()
    assert ("content/energy.md", 3, 12, "link-missing-page") in _findings(check(root, "--format", "json"))


def test_an_outside_file_is_checked_as_if_at_the_content_root(tmp_path: Path) -> None:
    """Check that a draft outside content/ resolves links from the content root."""
    root = fixture_site(tmp_path / "site")
    draft = tmp_path / "draft.md"
    draft.write_text("# Draft\n\n[ISO 9001](standards/iso-9001.md) and [gone](standards/gone.md).\n", "utf-8")
    found = _findings(check(root, str(draft), "--format", "json"))
    assert [(f[1], f[2], f[3]) for f in found if f[0].endswith("draft.md")] == [(3, 39, "link-missing-page")]


def test_link_report_lists_inbound_and_outbound(tmp_path: Path, fixture_root: Path) -> None:
    """Check the editors' JSON link report: the pillar links out to every standard, each links back."""
    out = tmp_path / "links.json"
    proc = run(["-m", "hooks", "--root", str(fixture_root), "links", "--output", str(out)], fixture_root)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text("utf-8"))
    for std in ("iso-9001", "iso-14001", "iso-iec-27001"):
        assert f"standards/{std}.md" in report["index.md"]["outbound"]
        assert "index.md" in report[f"standards/{std}.md"]["inbound"]
        assert "index.md" in report[f"standards/{std}.md"]["outbound"]
    assert report["about.md"]["inbound"] == ["index.md"]


def test_linkchecker_passes_on_the_built_site(built_site: Path) -> None:
    """Check the built site with LinkChecker (internal links and anchors), as CI does."""
    proc = run(["-m", "hooks", "--root", str(ROOT), "linkcheck", "--site-dir", str(built_site)], ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 errors found" in proc.stdout


def test_linkchecker_finds_a_planted_broken_link_and_anchor(tmp_path: Path) -> None:
    """Check that the LinkChecker command fails on a small site with a broken link and a broken anchor.

    The site is served on 127.0.0.1 because LinkChecker 10.6, reading files, does not check the
    #anchors of directory URLs such as `a/#top`, which is what MkDocs writes; over HTTP it does."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">a</a> <a href="missing/">x</a> <a href="a/#nope">y</a> '
                                     '<a href="a/#top">z</a>', "utf-8")
    (site / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../">home</a>', "utf-8")
    proc = run(["-m", "hooks", "--root", str(ROOT), "linkcheck", "--site-dir", str(site)], ROOT)
    assert proc.returncode == 1, proc.stdout
    assert "missing/" in proc.stdout and "1 error found" in proc.stdout
    assert "Anchor `nope'" in proc.stdout and "Anchor `top'" not in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="LinkChecker drops privileges only as root")
def test_linkchecker_keeps_its_plugins_when_run_as_root() -> None:
    """Check that LinkChecker, run as root, keeps AnchorCheck: its switch to `nobody` before loading
    plugins left it with none where its Python sits under /root (CI), and broken anchors passed.

    `os.seteuid` is made to fail, so the test fails wherever the switch is made, readable /root or not."""
    script = ROOT / "hooks" / "checks" / "linkchecker_main.py"
    code = ("import os, runpy, sys\n"
            "def refuse(uid): raise SystemExit('seteuid called')\n"
            "os.seteuid = refuse\n"
            f"sys.argv = [{str(script)!r}, '--list-plugins']\n"
            f"runpy.run_path({str(script)!r}, run_name='__main__')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "seteuid called" not in proc.stderr
    assert "AnchorCheck" in proc.stdout, proc.stdout + proc.stderr


def _linkchecker_rows(site: Path, read_once: bool) -> set[tuple[str, ...]]:
    """Every URL LinkChecker checks over the served site, as (URL, parent, line, column, warnings,
    result, valid) with the server's address cut off; run plain or with each page read once."""
    from hooks.checks.site_links import serve

    server, url = serve(site)
    code = ("import sys\n"
            f"sys.path.insert(0, {str(ROOT / 'hooks' / 'checks')!r})\n"
            "import linkchecker_main\n"
            "from linkcheck.command import linkchecker as command\n"
            "command.drop_privileges = lambda: None\n"
            + ("assert linkchecker_main.read_pages_once()\n" if read_once else "")
            + f"sys.argv = ['linkchecker', '--no-status', '--verbose', '-f', {str(ROOT / 'linkcheckerrc')!r}, '-o', 'csv', "
            f"{url!r}]\nsys.exit(command.linkchecker())\n")
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    finally:
        server.shutdown()
        server.server_close()
    # LinkChecker's comment lines start "# "; a row for a same-page link starts "#name;"
    rows = list(csv.DictReader((line for line in proc.stdout.splitlines() if not line.startswith("# ")), delimiter=";"))
    keys = ("urlname", "parentname", "line", "column", "warningstring", "result", "valid")
    # the start URL's own row is short of two fields (LinkChecker 10.6): it is the same in both runs
    return {tuple(row[k].replace(url, "/") for k in keys) for row in rows if row["parentname"]}


def test_reading_each_page_once_finds_what_linkchecker_finds(tmp_path: Path) -> None:
    """Check that LinkChecker with each page read once reports exactly what it reports plain: the same
    broken links, anchors, parents, lines and columns, on a site where a page is reached only through
    #anchor URLs, a page links to its own anchors and a broken link sits on every page."""
    site = tmp_path / "site"
    for name in ("a", "b", "c"):
        (site / name).mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">a</a> <a href="a/#one">1</a> <a href="a/#gone">g</a>\n'
                                     '<a href="b/#two">2</a> <a href="missing/">m</a>', "utf-8")
    (site / "a" / "index.html").write_text('<h1 id="one">A</h1><a href="#one">self</a> <a href="#nowhere">x</a>\n'
                                           '<a href="../b/#two">b</a> <a href="../b/#none">n</a>\n'
                                           '<a href="../lost/">l</a>', "utf-8")
    # b/ and c/ are linked only with #fragments: their own links are found through those URLs
    (site / "b" / "index.html").write_text('<h2 id="two">B</h2><a href="../c/#three">c</a> <a href="../gone.html">g</a>', "utf-8")
    (site / "c" / "index.html").write_text('<p id="three">C</p><a href="../a/#one">a</a> <a href="../c/#four">4</a>', "utf-8")
    plain, once = _linkchecker_rows(site, False), _linkchecker_rows(site, True)
    assert len(plain) >= 10 and plain == once
    results = " ".join(" ".join(r) for r in once)
    for broken in ("missing/", "../lost/", "../gone.html", "Anchor `gone'", "Anchor `nowhere'", "Anchor `none'",
                   "Anchor `four'"):
        assert broken in results, broken


def test_the_local_server_lets_linkchecker_go_fast_and_hides_hang_ups(tmp_path: Path) -> None:
    """Check that the server LinkChecker reads the site from sends the `LinkChecker` header (without it
    LinkChecker makes at most 10 requests a second) and prints no traceback when a client hangs up."""
    import contextlib
    import io
    import urllib.request

    from hooks.checks.site_links import serve

    (tmp_path / "index.html").write_text("<p>home</p>", "utf-8")
    server, url = serve(tmp_path)
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.headers["LinkChecker"]
        for error, printed in ((BrokenPipeError(), False), (ConnectionResetError(), False), (ValueError("x"), True)):
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                try:
                    raise error
                except Exception:
                    server.handle_error(None, ("127.0.0.1", 1))  # type: ignore[arg-type]
            assert ("Traceback" in err.getvalue()) is printed, type(error)
    finally:
        server.shutdown()
        server.server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_HEAD(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(404 if "gone" in self.path else 200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_external_links_are_checked_with_a_cache_and_an_ignore_list(tmp_path: Path) -> None:
    """Check external links against a local server: broken ones reported, cached, ignored ones skipped."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text(
            f'<a href="{base}/ok">ok</a> <a href="{base}/gone">gone</a> <a href="{base}/skip-me">skip</a>', "utf-8")
        cache = tmp_path / "cache.json"
        first = check_external(site, cache, ignore=["skip-me"], timeout=5)
        assert [(f.file, f.code) for f in first.errors()] == [("index.html", "external-link")]
        assert sorted(_Handler.hits) == ["/gone", "/ok"]
        second = check_external(site, cache, ignore=["skip-me"], timeout=5)
        assert len(second.errors()) == 1
        assert sorted(_Handler.hits) == ["/gone", "/ok"], "the cache should spare the second run"
    finally:
        server.shutdown()
        server.server_close()


def test_the_cluster_contract_is_checked(tmp_path: Path) -> None:
    """Check that a standard page template without its link back to the pillar is a cluster error per standard."""
    root = fixture_site(tmp_path)
    template = root / "templates" / "standard.md.j2"
    text = template.read_text("utf-8")
    text = text.replace('This page is part of the guide [What is ISO certification?]({{ link("pillar") }}).', "")
    text = text.replace('Back to the guide: [What is ISO certification?]({{ link("pillar") }})', "")
    template.write_text(text, "utf-8")
    doc = json.loads(check(root, "--format", "json").stdout)
    cluster = [f for f in doc["findings"] if f["code"] == "cluster"]
    standards = sorted(p.stem for p in (root / "data" / "standards").glob("*.yaml"))
    assert sorted(f["message"].split("'")[1] for f in cluster) == [f"standards/{s}.md" for s in standards]
