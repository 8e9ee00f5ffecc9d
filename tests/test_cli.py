"""Check the command-line contract: check (formats, exit codes, extra paths), export, schema.

The real site must check clean; every other test runs on a copy of the fixture site
(tests/fixtures/site), whose facts are frozen."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import FIXTURE, ROOT, article, check, fixture_site, mkdocs_build, no_traceback, run, soup


def test_check_passes_on_the_real_site() -> None:
    """Check that the project's own site has no errors and no warnings."""
    proc = check(ROOT)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[-1].startswith("0 error(s), 0 warning(s)")


def test_check_passes_on_the_fixture_site(tmp_path: Path) -> None:
    """Check that the fixture site the behaviour tests start from has no errors and no warnings, and
    that it is the small site they expect (three standards, two hand-written pages)."""
    root = fixture_site(tmp_path)
    proc = check(root, "--format", "json")
    assert proc.returncode == 0, proc.stdout
    doc = json.loads(proc.stdout)
    assert (doc["summary"]["errors"], doc["summary"]["warnings"]) == (0, 0), doc["findings"]
    assert sorted(p.stem for p in (FIXTURE / "data" / "standards").glob("*.yaml")) == ["iso-14001", "iso-9001", "iso-iec-27001"]
    assert sorted(p.name for p in (FIXTURE / "content").glob("*.md")) == ["about.md", "checklist.md"]
    assert not (FIXTURE / "hooks").exists(), "the fixture runs the project's own hooks/, copied in by fixture_site()"


def test_check_json_contract(tmp_path: Path) -> None:
    """Check the JSON shape: findings with file, line, column, severity, code, message."""
    root = fixture_site(tmp_path / "site")
    page = tmp_path / "draft.md"
    page.write_text("# Draft\n\nOur plant was certified by ISO in 2021.\n", "utf-8")
    proc = check(root, str(page), "--format", "json")
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    assert len(errors) == 1
    finding = errors[0]
    assert finding["file"].endswith("draft.md")
    assert (finding["line"], finding["column"], finding["code"]) == (3, 15, "role-issuer")
    assert {"file", "line", "column", "severity", "code", "message", "expected", "source"} <= set(finding)
    assert doc["summary"]["errors"] == 1


def test_check_formats_are_views_of_one_list(tmp_path: Path) -> None:
    """Check that text, github and sarif report the same finding."""
    root = fixture_site(tmp_path / "site")
    page = tmp_path / "draft.md"
    page.write_text("UKAS issued our ISO 9001 certificate.\n", "utf-8")
    text = check(root, str(page)).stdout
    assert "draft.md:1:1: error[role-issuer]: UKAS does not issue certificates" in text
    github = check(root, str(page), "--format", "github").stdout
    assert "::error file=" in github and "line=1,col=1," in github
    assert "title=role-issuer::UKAS does not issue certificates" in github
    sarif = json.loads(check(root, str(page), "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results if r["level"] == "error"] == ["role-issuer"]


def test_unusable_arguments_exit_2(tmp_path: Path) -> None:
    """Check exit code 2 and no traceback for a bad format, a missing file and a bad date."""
    root = fixture_site(tmp_path / "site")
    for args in (["check", "--format", "xml"], ["check", str(tmp_path / "missing.md")], ["check", "--date", "2026-13-01"]):
        proc = run(["-m", "hooks", "--root", str(root), *args], root)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        no_traceback(proc)


def test_data_error_fails_the_mkdocs_build_with_its_location(tmp_path: Path) -> None:
    """Check that mkdocs build stops on bad data, naming file:line:col, without a traceback."""
    root = fixture_site(tmp_path / "src")
    std = root / "data" / "standards" / "iso-9001.yaml"
    std.write_text(std.read_text("utf-8").replace("committee:", "comittee:", 1), "utf-8")
    proc = mkdocs_build(root, tmp_path / "site")
    assert proc.returncode != 0
    assert "data/standards/iso-9001.yaml:9:1: error[unknown-key]: unknown key 'comittee'" in proc.stdout + proc.stderr
    no_traceback(proc)


def test_export_builds_the_same_site_with_plain_mkdocs(tmp_path: Path, fixture_root: Path, built_fixture: Path) -> None:
    """Check that `export` writes Markdown and a hook-free mkdocs.yml that plain MkDocs builds alike."""
    out = tmp_path / "export"
    proc = run(["-m", "hooks", "--root", str(fixture_root), "export", str(out)], fixture_root)
    assert proc.returncode == 0, proc.stderr
    config = (out / "mkdocs.yml").read_text("utf-8")
    assert "hooks" not in config.split("\n", 1)[1]
    assert (out / "docs" / "standards" / "iso-9001.md").exists()
    plain = mkdocs_build(out, tmp_path / "plain")
    assert plain.returncode == 0, plain.stdout + plain.stderr
    for page in ("index.html", "standards/iso-9001/index.html", "glossary/index.html"):
        ours = article(built_fixture / page).get_text(" ").split()
        theirs = article(tmp_path / "plain" / page).get_text(" ").split()
        assert ours == theirs, page
    assert soup(tmp_path / "plain" / "index.html").find("nav", class_="md-nav--primary") is not None
