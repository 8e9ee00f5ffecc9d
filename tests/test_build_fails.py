"""Check what fails the build: error findings always, warnings only with --strict, notes never;
`mkdocs serve` shows the findings and keeps serving; PILLAR_CHECKS=off fails on nothing.

Every test runs on a copy of the fixture site (tests/fixtures/site)."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from helpers import env, fixture_site, mkdocs_build, no_traceback, run

FALSE_CLAIM = "# Our certificate\n\nWe are certified to ISO 9001:2008.\n"
CLAIM_AT = "content/claim.md:3:21: error[edition-withdrawn]"
# Two pages linking each other (neither is an orphan): the short designation is their one finding.
WARNING_PAGES = {
    "controls.md": "# Controls\n\nWe follow ISO 27001 closely. See [the audit](audit.md).\n",
    "audit.md": "# Audit\n\nOur audit plan follows the [controls](controls.md).\n",
}


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _hooks_build(root: Path, site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(["-m", "hooks", "--root", str(root), "build", "--site-dir", str(site), *extra], root)


def _with_false_claim(root: Path) -> Path:
    (root / "content" / "claim.md").write_text(FALSE_CLAIM, "utf-8")
    return root


def test_mkdocs_build_fails_on_an_error_finding(tmp_path: Path) -> None:
    """Check that a non-strict `mkdocs build` fails on a false claim, naming its file:line and the count, no traceback."""
    root = _with_false_claim(fixture_site(tmp_path / "src"))
    proc = mkdocs_build(root, tmp_path / "site", strict=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert CLAIM_AT in out
    assert "1 error in the findings above" in out
    assert out.index(CLAIM_AT) < out.index("1 error in the findings above"), "the finding is logged before the failure"
    no_traceback(proc)


def test_hooks_build_fails_on_an_error_finding_and_keeps_the_site(tmp_path: Path) -> None:
    """Check that `python -m hooks build` exits non-zero on a false claim and leaves the previous site byte for byte."""
    root = fixture_site(tmp_path / "src")
    site = tmp_path / "site"
    assert _hooks_build(root, site).returncode == 0
    before = _tree(site)
    assert "index.html" in before
    _with_false_claim(root)
    for extra in ((), ("--strict",)):
        proc = _hooks_build(root, site, *extra)
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0, out
        assert CLAIM_AT in out
        assert "1 error in the findings above" in out and "was left as it was" in out
        no_traceback(proc)
        assert _tree(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-") and p.is_dir()], "no staging folder is left behind"


def test_a_warning_fails_only_the_strict_build(tmp_path: Path) -> None:
    """Check that a page whose one finding is a warning (a short designation) builds, but fails with --strict."""
    root = fixture_site(tmp_path / "src")
    for name, text in WARNING_PAGES.items():
        (root / "content" / name).write_text(text, "utf-8")
    relaxed = mkdocs_build(root, tmp_path / "relaxed", strict=False)
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "content/controls.md:3:11: warning[designation]" in relaxed.stderr
    assert (tmp_path / "relaxed" / "controls" / "index.html").is_file()
    strict = mkdocs_build(root, tmp_path / "strict", strict=True)
    assert strict.returncode != 0
    assert "content/controls.md:3:11: warning[designation]" in strict.stderr
    no_traceback(strict)


def test_checks_off_fails_on_nothing(tmp_path: Path) -> None:
    """Check that with PILLAR_CHECKS=off a page with a false claim builds (no checks, nothing to fail on)."""
    root = _with_false_claim(fixture_site(tmp_path / "src"))
    proc = mkdocs_build(root, tmp_path / "site", strict=False, extra_env={"PILLAR_CHECKS": "off"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "error[" not in proc.stderr
    assert (tmp_path / "site" / "claim" / "index.html").is_file()


def test_fail_on_errors_off_reports_without_failing(tmp_path: Path) -> None:
    """Check that PILLAR_FAIL_ON_ERRORS=off (the benchmarks' switch) still logs the error finding but builds."""
    root = _with_false_claim(fixture_site(tmp_path / "src"))
    proc = mkdocs_build(root, tmp_path / "site", strict=False, extra_env={"PILLAR_FAIL_ON_ERRORS": "off"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert CLAIM_AT in proc.stderr


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


def test_serve_keeps_serving_with_an_error_finding(tmp_path: Path) -> None:
    """Check that `mkdocs serve` with a false claim shows the finding, serves the page and keeps running."""
    root = _with_false_claim(fixture_site(tmp_path / "src"))
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
                                 "-a", f"127.0.0.1:{port}", "--no-livereload"],
                                cwd=root, env=env(), stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            answer = None
            deadline = time.monotonic() + 120
            while answer is None and time.monotonic() < deadline and proc.poll() is None:
                answer = _get(f"http://127.0.0.1:{port}/claim/")
                if answer is None:
                    time.sleep(0.5)
            output = log_path.read_text("utf-8")
            assert answer is not None, f"serve did not answer (exit {proc.poll()}):\n{output}"
            status, body = answer
            assert status == 200
            assert "We are certified to ISO 9001:2008." in body
            time.sleep(1)
            assert proc.poll() is None, "serve stopped:\n" + log_path.read_text("utf-8")
            output = log_path.read_text("utf-8")
            assert CLAIM_AT in output
            assert "Traceback" not in output and "Aborted" not in output
        finally:
            _stop(proc)


def _wait_for(predicate, timeout: float = 120) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_shows_the_last_good_build_with_a_banner_while_the_data_is_broken(tmp_path: Path) -> None:
    """Check that `mkdocs serve`, when an edit breaks the data, keeps answering with the last good build,
    puts the located errors on every page and in the log on every rebuild, and recovers on the next good edit."""
    root = fixture_site(tmp_path / "src")
    data = root / "data" / "subjects.yaml"
    good = data.read_text("utf-8")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "serve.log"

    def page(path: str) -> str:
        answer = _get(base + path)
        return answer[1] if answer is not None and answer[0] == 200 else ""

    def broken_builds() -> int:
        return log_path.read_text("utf-8").count("the data does not load")

    with log_path.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
                                 "-a", f"127.0.0.1:{port}"],
                                cwd=root, env=env(), stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            assert _wait_for(lambda: bool(page("/about/"))), "serve did not answer:\n" + log_path.read_text("utf-8")
            assert "pillar-data-errors" not in page("/about/")

            data.write_text(good + "\n  : broken: [\n", "utf-8")
            assert _wait_for(lambda: broken_builds() == 1), log_path.read_text("utf-8")
            time.sleep(1)
            for path in ("/about/", "/"):
                body = page(path)
                assert 'class="pillar-data-errors"' in body, f"{path} has no banner"
                assert "data/subjects.yaml:" in body
            # A second broken edit logs the located errors again.
            data.write_text(good + "\n  : broken again: [\n", "utf-8")
            assert _wait_for(lambda: broken_builds() == 2), log_path.read_text("utf-8")
            assert log_path.read_text("utf-8").count("data/subjects.yaml:") >= 2

            data.write_text(good, "utf-8")
            assert _wait_for(lambda: bool(page("/about/")) and "pillar-data-errors" not in page("/about/")), \
                log_path.read_text("utf-8")
            assert proc.poll() is None
            assert "Traceback" not in log_path.read_text("utf-8")
        finally:
            _stop(proc)
