"""Shared fixtures: the real site and the fixture site (tests/fixtures/site), each built once per
test session into a temp folder. Tests must not edit what these return; a test that edits a site
takes its own copy (`copy_site()` or `fixture_site()` from helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT, add_energy_standard, copy_site, fixture_site, mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("built") / "site"
    proc = mkdocs_build(ROOT, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


@pytest.fixture(scope="session")
def built_five(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site with a fifth standard (ISO 50001) added as one data file, built `--strict`:
    what is generated from data must follow the data, counts and lists included."""
    root = copy_site(tmp_path_factory.mktemp("five") / "src")
    add_energy_standard(root)
    site = root.parent / "site"
    proc = mkdocs_build(root, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture site, shared by the tests that only read it."""
    return fixture_site(tmp_path_factory.mktemp("fixture") / "src")


@pytest.fixture(scope="session")
def built_fixture(fixture_root: Path) -> Path:
    """The fixture site, built with `mkdocs build --strict`."""
    site = fixture_root.parent / "site"
    proc = mkdocs_build(fixture_root, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site
