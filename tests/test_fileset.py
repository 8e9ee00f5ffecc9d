"""Check the file set: the check, the build and the export read exactly the files MkDocs publishes,
links that lead outside the project are refused with a located error (and never published), links
inside it are read under their own names; and `new` writes YAML that loads, whatever the name.

Most cases run the engine in process or `python -m hooks` on a copy of the fixture site (they fail
before any page is checked, so they are quick); one real `mkdocs build` checks that the build itself
refuses what the cache has not seen yet."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from helpers import check, fixture_site, mkdocs_build, no_traceback, run
from hooks.core.cache import Cache
from hooks.publish import engine


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return fixture_site(tmp_path / "src")


@pytest.fixture()
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the project, with a page and a data file in it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.md").write_text("# Secret\n\nNot for publishing.\n", "utf-8")
    return folder


def _run(root: Path) -> engine.Result:
    """The engine on root, in this process: load, validate and render (no checks, no cache)."""
    return engine.run(root, checks=False, cache=Cache(None))


def _errors(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ": error[" in ln]


OUTSIDE = [
    ("a page linking to a file", "content/hosts.md", lambda out: Path("/etc/hosts")),
    ("an asset linking to a file", "content/assets/hosts.txt", lambda out: Path("/etc/hosts")),
    ("a folder linking to a folder", "content/elsewhere", lambda out: out),
    ("a data file", "data/sources.yaml", lambda out: out / "secret.md"),
]


@pytest.mark.parametrize(("name", "link", "target"), OUTSIDE, ids=[case[0] for case in OUTSIDE])
def test_a_link_outside_the_project_is_refused_by_check_and_export(root: Path, elsewhere: Path, tmp_path: Path,
                                                                   name: str, link: str, target) -> None:
    """Check that a link leading outside the project is one located error from check and export, which writes nothing."""
    path = root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    path.symlink_to(target(elsewhere))
    expected = f"{link}:1:1: error[outside-project]"
    proc = check(root)
    no_traceback(proc)
    assert proc.returncode == 1
    assert [e.split(": this")[0] for e in _errors(proc.stdout)] == [expected], proc.stdout
    out = tmp_path / "export"
    exported = run(["-m", "hooks", "--root", str(root), "export", str(out)], root)
    no_traceback(exported)
    assert exported.returncode == 1
    assert expected in exported.stderr
    assert not out.exists()


BROKEN_LINKS = [
    ("a page linking to itself", "content/loop.md", "loop.md", "link-loop"),
    ("a data file linking to itself", "data/sources.yaml", "sources.yaml", "link-loop"),
    ("a standard linking round a pair", "data/standards/iso-27002.yaml", "iso-27003.yaml", "link-loop"),
    ("a page linking to no file", "content/gone.md", "nothing-here.md", "io"),
    ("a standard linking to no file", "data/standards/iso-27002.yaml", "nothing-here.yaml", "io"),
]


@pytest.mark.parametrize(("name", "link", "target", "code"), BROKEN_LINKS, ids=[case[0] for case in BROKEN_LINKS])
def test_a_link_in_a_loop_or_to_nothing_is_located(root: Path, name: str, link: str, target: str, code: str) -> None:
    """Check that a link that leads round in a loop, or to no file, is one located error from check and the
    build (never a traceback, never silently skipped), and the build changes nothing."""
    path = root / link
    if path.exists():
        path.unlink()
    path.symlink_to(target)
    if target == "iso-27003.yaml":
        (path.parent / target).symlink_to(path.name)
    proc = check(root)
    no_traceback(proc)
    assert proc.returncode == 1, proc.stdout
    expected = {f"{link}:1:1: error[{code}]"} | ({f"data/standards/{target}:1:1: error[{code}]"}
                                                if target == "iso-27003.yaml" else set())
    assert {e.split(": this")[0] for e in _errors(proc.stdout)} == expected, proc.stdout
    built = run(["-m", "hooks", "--root", str(root), "build"], root)
    no_traceback(built)
    assert built.returncode == 1 and f"{link}:1:1: error[{code}]" in built.stdout + built.stderr
    assert not (root / "site").exists()


def test_links_inside_the_project_are_read_under_their_own_names(root: Path) -> None:
    """Check that a data file and a content folder linked within the project are read, named by the link."""
    shared = root / "data" / "shared"
    shared.mkdir()
    (root / "data" / "sources.yaml").rename(shared / "sources.yaml")
    (root / "data" / "sources.yaml").symlink_to(Path("shared") / "sources.yaml")
    (root / "notes").mkdir()
    (root / "notes" / "linked.md").write_text("# Linked\n\nA page from a folder linked into content/.\n", "utf-8")
    (root / "content" / "more").symlink_to(Path("..") / "notes")
    result = _run(root)
    assert result.ok, [f.as_text() for f in result.findings.active()]
    assert result.site is not None
    assert result.site.data_file("sources") == "data/sources.yaml"
    assert "data/sources.yaml" in result.site.documents
    assert "more/linked.md" in [p.path for p in result.pages]

    # An error in the linked file is located at the link, the name every other file knows it by.
    text = (shared / "sources.yaml").read_text("utf-8")
    (shared / "sources.yaml").write_text(text.replace("publisher: ISO\n", "publisher: ISO\n    publisher: ISO\n", 1),
                                         "utf-8")
    errors = [f.as_text() for f in _run(root).findings.errors()]
    assert len(errors) == 1 and errors[0].startswith("data/sources.yaml:9:5: error[duplicate-key]"), errors


def test_only_what_mkdocs_publishes_is_read(root: Path) -> None:
    """Check that files MkDocs leaves out (dot folders, mkdocs.yml's exclude_docs) are not read as pages."""
    broken = "---\ntitle: never closed\n"
    for src in (".drafts/draft.md", "private/notes.md"):
        (root / "content" / src).parent.mkdir(parents=True)
        (root / "content" / src).write_text(broken, "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "exclude_docs: |\n  private/\n", "utf-8")
    result = _run(root)
    assert result.ok, [f.as_text() for f in result.findings.active()]
    paths = {p.path for p in result.pages}
    assert "about.md" in paths and not {".drafts/draft.md", "private/notes.md"} & paths


def test_the_build_refuses_a_link_the_cache_has_not_seen(root: Path, elsewhere: Path, tmp_path: Path) -> None:
    """Check that `mkdocs build` fails with the located error and publishes nothing from a folder linked
    outside the project, even when the rendered pages come from a cache made before the link."""
    warm = run(["-m", "hooks", "--root", str(root), "export", str(tmp_path / "warm")], root)
    assert warm.returncode == 0, warm.stderr
    (root / "content" / "elsewhere").symlink_to(elsewhere)
    site = tmp_path / "site"
    proc = mkdocs_build(root, site, strict=False)
    no_traceback(proc)
    assert proc.returncode == 1
    assert "content/elsewhere:1:1: error[outside-project]" in proc.stdout + proc.stderr
    assert not (site / "elsewhere").exists()
    assert not any("Not for publishing" in p.read_text("utf-8", "replace") for p in site.rglob("*") if p.is_file())


NAMES = [
    ("concept", "Scope: what a certificate covers", "concepts.yaml", "term"),
    ("concept", "it's #1 - [a] {b}, & *c | d > e % f @ g `h`", "concepts.yaml", "term"),
    ("organization", "True", "organizations.yaml", "name"),
    ("source", "Line one\nline two", "sources.yaml", "title"),
    ("source", "Qualitätsmanagement: " + "a very long title " * 40, "sources.yaml", "title"),
    ("standard", "ISO " + "a very long name " * 40, "standards", "designation"),
]


@pytest.mark.parametrize(("kind", "name", "file", "key"), NAMES, ids=[f"{n[0]} {n[1][:20]!r}" for n in NAMES])
def test_new_writes_yaml_that_loads_whatever_the_name(root: Path, kind: str, name: str, file: str, key: str) -> None:
    """Check that `new` keeps any name one string in valid YAML: the only errors are its TODO placeholders."""
    proc = run(["-m", "hooks", "--root", str(root), "new", kind, name], root)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    written = Path(proc.stdout.split()[1].removesuffix(";"))
    assert len(written.name) <= 70
    assert written.is_relative_to(root / "data")
    data = yaml.safe_load(written.read_text("utf-8"))
    entry = data if kind == "standard" else data[file.removesuffix(".yaml")][-1]
    assert entry[key] == name
    assert entry["id"] and isinstance(entry["id"], str)
    errors = [f for f in _run(root).findings.errors()]
    assert errors
    lines = written.read_text("utf-8").splitlines()
    assert all(f.file == os.path.relpath(written, root) and "TODO" in lines[f.line - 1] for f in errors), \
        [f.as_text() for f in errors]


def test_new_refuses_a_name_without_letters_or_digits(root: Path) -> None:
    """Check that a name that gives no id is a clear error, and nothing is written."""
    before = (root / "data" / "concepts.yaml").read_text("utf-8")
    proc = run(["-m", "hooks", "--root", str(root), "new", "concept", "?!"], root)
    no_traceback(proc)
    assert proc.returncode == 2
    assert "no letter or digit" in proc.stderr
    assert (root / "data" / "concepts.yaml").read_text("utf-8") == before
