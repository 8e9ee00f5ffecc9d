"""Shared fixtures: the real site, built once per test session into a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT, mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("built") / "site"
    proc = mkdocs_build(ROOT, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site
