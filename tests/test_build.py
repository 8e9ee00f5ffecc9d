"""Check the build's guarantees: atomic replacement of site/, and byte-identical rebuilds (on the fixture site)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers import fixture_site, no_traceback, run


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(root: Path, site: Path, *extra: str):
    return run(["-m", "hooks", "--root", str(root), "build", "--site-dir", str(site), *extra], root)


def test_a_failed_build_leaves_the_previous_site_exactly(tmp_path: Path) -> None:
    """Check: build, break the data, build again; the site is byte for byte the first build."""
    root = fixture_site(tmp_path / "src")
    site = tmp_path / "site"
    assert _build(root, site).returncode == 0
    before = _tree(site)
    assert "index.html" in before and "standards/iso-9001/index.html" in before
    std = root / "data" / "standards" / "iso-9001.yaml"
    std.write_text(std.read_text("utf-8").replace("subject: quality", "subject: [quality"), "utf-8")
    failed = _build(root, site)
    assert failed.returncode == 1
    no_traceback(failed)
    assert _tree(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-") and p.is_dir()], "no staging folder is left behind"


def test_a_strict_build_fails_on_a_warning_and_keeps_the_site(tmp_path: Path) -> None:
    """Check that --strict fails on a warning (a short designation) and leaves site/ alone; without it, the build succeeds."""
    root = fixture_site(tmp_path / "src")
    site = tmp_path / "site"
    assert _build(root, site).returncode == 0
    before = _tree(site)
    (root / "content" / "claim.md").write_text("# Claim\n\nWe follow ISO 27001.\n", "utf-8")
    strict = _build(root, site, "--strict")
    assert strict.returncode == 1
    assert "content/claim.md:3:11: warning[designation]" in strict.stderr
    no_traceback(strict)
    assert _tree(site) == before
    assert _build(root, site).returncode == 0
    assert "claim/index.html" in _tree(site)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Check reproducibility: the same sources give the same bytes, sitemap and search index included."""
    root = fixture_site(tmp_path / "src")
    assert _build(root, tmp_path / "one").returncode == 0
    assert _build(root, tmp_path / "two").returncode == 0
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert "sitemap.xml" in one and "search/search_index.json" in one
    assert one == two
