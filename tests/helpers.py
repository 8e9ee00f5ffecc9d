"""Factories shared by the tests: copies of the real site and of the fixture site, builds, and HTML parsing.

Tests of the engine's behaviour run on `fixture_site()`, a copy of the small, frozen site in
tests/fixtures/site/ (its facts change only with the tests); `copy_site()` copies the real site, for
tests about the real site itself."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_7fb0aa66778061d4.txt"
CHECK_DATE = "2026-12-05"  # the day the newest facts were verified; no fact may be verified after it
PARTS = ("data", "templates", "content", "hooks", "mkdocs.yml")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
"""The fixture site: mkdocs.yml, data/, templates/ and content/ (no hooks/: `fixture_site` adds the live one)."""


def copy_site(dest: Path) -> Path:
    """A complete, independent copy of the project's site sources in dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def fixture_site(dest: Path) -> Path:
    """An independent copy of the fixture site in dest, with the project's own hooks/ (the code under test)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURE, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def fixture_text(path: str) -> str:
    """The text of a file of the fixture site, as committed (for tests that restore or compare it)."""
    return (FIXTURE / path).read_text("utf-8")


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PILLAR_CHECK_DATE"] = CHECK_DATE
    e["NO_MKDOCS_2_WARNING"] = "1"
    e["PYTHONPATH"] = str(ROOT)
    return e


def run(args: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, env={**env(), **(extra_env or {})},
                          capture_output=True, text=True, timeout=600)


def mkdocs_build(root: Path, site_dir: Path, strict: bool = True,
                 extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    args = ["-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)]
    return run(args + (["--strict"] if strict else []), root, extra_env)


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m hooks check` run in root, as an editor would."""
    return run(["-m", "hooks", "--root", str(root), "check", "--date", CHECK_DATE, *args], root)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def article(path: Path) -> BeautifulSoup:
    """The page's main content (Material puts it in <article>)."""
    page = soup(path)
    return page.find("article") or page


def links(path: Path) -> list[str]:
    return [a["href"] for a in article(path).find_all("a", href=True)]


def text(path: Path) -> str:
    return re.sub(r"\s+", " ", article(path).get_text(" "))


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr


@contextlib.contextmanager
def no_hang(what: str, seconds: int) -> Iterator[None]:
    """Fail the test if the block runs past `seconds` (SIGALRM; where there is none, just run it): a bound
    for a hang (a pattern that backtracks, a scan that repeats), not a measure of speed."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def hung(_signum: int, _frame: object) -> None:
        raise AssertionError(f"{what} did not finish in {seconds} s: it backtracks or scans quadratically")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


ENERGY_STANDARD = """\
id: iso-50001
designation: ISO 50001
developers: [iso]
title: Energy management systems — Requirements with guidance for use
subject: energy
committee: ISO/TC 301
summary: ISO 50001 sets requirements for an energy management system that improves energy performance.
suits: Organizations of any size that want to manage their energy use.
themes: [energy review, energy performance indicators]
current_edition:
  year: 2018
  published: 2018-08-21
  source: iss-climate-amendments
  verified: 2026-11-24
related: [iso-14001]
source: iso-mss
verified: 2026-11-24
"""
"""A standard on a subject of its own (ISO 50001), for tests that add one to a site."""
ENERGY_SUBJECT = ("\n  - id: energy\n    name: energy management\n    system: energy management system\n"
                  "    abbreviation: EnMS\n    keywords: [energy management]\n    source: iso-mss\n"
                  "    verified: 2026-11-24\n")


def add_energy_standard(root: Path) -> None:
    """Add ISO 50001 and its subject to the site at root: one YAML file and one subject entry."""
    (root / "data" / "standards" / "iso-50001.yaml").write_text(ENERGY_STANDARD, "utf-8")
    subjects = root / "data" / "subjects.yaml"
    subjects.write_text(subjects.read_text("utf-8") + ENERGY_SUBJECT, "utf-8")
