"""Check that every path comes from one place, the project (hooks/core/project.py): a site whose
data, templates, content and site folders are renamed in mkdocs.yml validates, checks, builds,
exports and scaffolds in those folders, and a content folder handed to the engine is the one checked."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CHECK_DATE, ROOT, check, env, fixture_site, no_traceback, run
from hooks.core.cache import Cache
from hooks.core.project import Project
from hooks.data.model import load_config
from hooks.publish import engine

RENAMED = {"data": "facts", "templates": "layouts", "content": "pages"}
BROKEN_LINK = "\nSee [the page that is not there](not-there.md).\n"


def _plant(root: Path, content: str = "content", templates: str = "templates") -> Path:
    """A finding in a hand-written page and one traced back to a template line."""
    page = root / content / "about.md"
    page.write_text(page.read_text("utf-8") + BROKEN_LINK, "utf-8")
    template = root / templates / "standard.md.j2"
    template.write_text(template.read_text("utf-8") + "\nRead [the missing overview](../overview-missing.md).\n", "utf-8")
    return root


def _rename(root: Path) -> Path:
    """Rename data/, templates/ and content/ and name the new folders (and site_dir) in mkdocs.yml."""
    for old, new in RENAMED.items():
        (root / old).rename(root / new)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    for old, new in (("docs_dir: content\n", "docs_dir: pages\nsite_dir: public\n"),
                     ("custom_dir: templates/", "custom_dir: layouts/"),
                     ("watch:\n  - data\n  - templates\n", "watch:\n  - facts\n  - layouts\n"),
                     ("  pillar:\n", "  pillar:\n    data_dir: facts\n    templates_dir: layouts\n")):
        assert old in text, old
        text = text.replace(old, new)
    config.write_text(text, "utf-8")
    return root


def _located(proc: subprocess.CompletedProcess[str], renamed: bool = False) -> list[tuple[str, int, int, str]]:
    """(file, line, column, code) of every finding, with the folder names of the unrenamed site, sorted."""
    no_traceback(proc)
    back = {f"{new}/": f"{old}/" for old, new in RENAMED.items()} if renamed else {}
    found = []
    for f in json.loads(proc.stdout)["findings"]:
        top, sep, rest = f["file"].partition("/")
        found.append((back.get(top + sep, top + sep) + rest, f["line"], f["column"], f["code"]))
    return sorted(found)


def test_the_project_resolves_every_folder_from_mkdocs_yml(tmp_path: Path) -> None:
    """Check that the folders come from mkdocs.yml (MkDocs' keys and extra.pillar), and a content folder given wins."""
    root = _rename(fixture_site(tmp_path / "src"))
    project = load_config(root).project
    assert (project.data_dir, project.templates_dir, project.docs_dir, project.site_dir, project.theme_dir) == (
        root / "facts", root / "layouts", root / "pages", root / "public", root / "layouts" / "overrides")
    assert (project.config_file, project.schemas_dir, project.standard_file("iso-9001")) == (
        root / "mkdocs.yml", root / "schemas", root / "facts" / "standards" / "iso-9001.yaml")
    assert load_config(root, docs_dir=tmp_path / "elsewhere").project.docs_dir == tmp_path / "elsewhere"


def test_a_project_without_folder_settings_has_mkdocs_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check the defaults: MkDocs' docs/ and site/, the hooks' data/ and templates/, the cache in .cache/pillar
    or $PILLAR_CACHE_DIR."""
    monkeypatch.delenv("PILLAR_CACHE_DIR", raising=False)
    project = Project.resolve(tmp_path)
    assert (project.docs_dir, project.site_dir, project.data_dir, project.templates_dir, project.theme_dir) == (
        tmp_path / "docs", tmp_path / "site", tmp_path / "data", tmp_path / "templates", None)
    assert project.cache_dir == tmp_path / ".cache" / "pillar"
    monkeypatch.setenv("PILLAR_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert Project.resolve(tmp_path).cache_dir == tmp_path / "elsewhere"
    assert project.rel(tmp_path / "data" / "sources.yaml") == "data/sources.yaml"


def test_a_site_with_renamed_folders_checks_as_before(tmp_path: Path) -> None:
    """Check that renaming every folder in mkdocs.yml changes nothing but the file names in the findings."""
    plain = _plant(fixture_site(tmp_path / "plain"))
    renamed = _rename(_plant(fixture_site(tmp_path / "renamed")))
    before, after = check(plain, "--format", "json"), check(renamed, "--format", "json")
    assert before.returncode == after.returncode == 1, after.stdout + after.stderr
    files = {f for f, *_ in _located(before)}
    assert {"content/about.md", "templates/standard.md.j2", "data/sources.yaml"} <= files, files
    assert _located(after, renamed=True) == _located(before)
    assert "facts/sources.yaml" in after.stdout and "data/" not in after.stdout


def test_a_site_with_renamed_folders_builds_into_its_site_dir(tmp_path: Path) -> None:
    """Check that `python -m hooks build` builds into mkdocs.yml's site_dir, dated by the newest verified date in its
    data folder."""
    root = _rename(fixture_site(tmp_path / "src"))
    newest = max(re.findall(r"verified:\s*(\d{4}-\d{2}-\d{2})", "\n".join(
        p.read_text("utf-8") for p in (root / "facts").rglob("*.yaml"))))
    environment = {k: v for k, v in env().items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run([sys.executable, "-m", "hooks", "--root", str(root), "build"], cwd=root, env=environment,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (root / "public" / "standards" / "iso-9001" / "index.html").is_file()
    assert not (root / "site").exists()
    # A hand-written page's last-modified date is the build date: the newest verified date of the data.
    sitemap = (root / "public" / "sitemap.xml").read_text("utf-8")
    assert re.search(rf"/about/</loc>\s*<lastmod>{newest}</lastmod>", sitemap), sitemap


def test_a_site_with_renamed_folders_exports_and_scaffolds_there(tmp_path: Path) -> None:
    """Check that `export` takes the assets and theme overrides from the renamed folders and `new` writes into the data folder."""
    root = _rename(fixture_site(tmp_path / "src"))
    (root / "pages" / "images").mkdir()
    (root / "pages" / "images" / "diagram.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n", "utf-8")
    out = tmp_path / "export"
    proc = run(["-m", "hooks", "--root", str(root), "export", str(out)], root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "docs" / "images" / "diagram.svg").is_file() and (out / "docs" / "about.md").is_file()
    assert (out / "overrides" / "main.html").is_file()
    config = (out / "mkdocs.yml").read_text("utf-8")
    assert "docs_dir: docs" in config and "custom_dir: overrides" in config

    proc = run(["-m", "hooks", "--root", str(root), "new", "standard", "ISO 50001"], root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    written = root / "facts" / "standards" / "iso-50001.yaml"
    assert written.read_text("utf-8").startswith("# yaml-language-server: $schema=../../schemas/standard.schema.json\n")
    proc = run(["-m", "hooks", "--root", str(root), "new", "concept", "Audit trail"], root)
    assert proc.returncode == 0 and "id: audit-trail" in (root / "facts" / "concepts.yaml").read_text("utf-8")
    assert not (root / "data").exists()
    proc = check(root)
    assert proc.returncode == 1 and "facts/standards/iso-50001.yaml:" in proc.stdout, proc.stdout + proc.stderr
    no_traceback(proc)


def test_the_content_folder_given_to_the_engine_is_the_one_checked(tmp_path: Path) -> None:
    """Check that engine.run(content_dir=...) reads the pages and the assets of that folder, not of content/."""
    root = fixture_site(tmp_path / "src")
    other = tmp_path / "other-content"
    (other / "images").mkdir(parents=True)
    (other / "images" / "diagram.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n", "utf-8")
    for page in ("about.md", "checklist.md"):
        (other / page).write_text((root / "content" / page).read_text("utf-8"), "utf-8")
    about = other / "about.md"
    about.write_text(about.read_text("utf-8") + "\nSee [the diagram](images/diagram.svg).\n", "utf-8")
    (root / "content" / "about.md").write_text(about.read_text("utf-8") + BROKEN_LINK, "utf-8")

    result = engine.run(root, content_dir=other, check_date=dt.date.fromisoformat(CHECK_DATE), cache=Cache(None))
    assert result.site is not None and result.site.project.docs_dir == other
    assert "images/diagram.svg" in next(p for p in result.pages if p.path == "about.md").markdown
    assert result.findings.errors() == [], [f.as_text() for f in result.findings.errors()]


def test_the_real_site_keeps_its_folders() -> None:
    """Check that the real site's folders are the ones the README names: content/ (MkDocs' docs_dir), data/, templates/, site/."""
    project = load_config(ROOT).project
    assert (project.docs_dir, project.data_dir, project.templates_dir, project.site_dir) == (
        ROOT / "content", ROOT / "data", ROOT / "templates", ROOT / "site")
