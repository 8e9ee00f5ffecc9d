"""Check the editors' workflow: JSON Schemas kept current and referenced, skeletons from `new`,
and `mkdocs serve` picking up edits to data and templates without a restart.

The schemas are checked against the real data; `new` and `serve` run on the fixture site
(tests/fixtures/site)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import ROOT, check, env, fixture_site, fixture_text, run
from hooks.data.jsonschema import schema_comment, schemas


def test_committed_schemas_match_the_models() -> None:
    """Check that schemas/ is what `python -m hooks schema` writes today (run it after a model change)."""
    for name, text in schemas().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"{name} is missing: run python -m hooks schema"
        assert path.read_text("utf-8") == text, f"{name} is stale: run python -m hooks schema"


def test_every_data_file_points_at_its_schema() -> None:
    """Check the yaml-language-server comment on the first line of every data file."""
    for path in sorted((ROOT / "data").glob("*.yaml")):
        assert path.read_text("utf-8").splitlines()[0] == schema_comment(path.stem, 1), path
    for path in sorted((ROOT / "data" / "standards").glob("*.yaml")):
        assert path.read_text("utf-8").splitlines()[0] == schema_comment("standard", 2), path


def test_schema_command_writes_them(tmp_path: Path) -> None:
    """Check `python -m hooks schema OUTDIR`."""
    proc = run(["-m", "hooks", "--root", str(ROOT), "schema", str(tmp_path)], ROOT)
    assert proc.returncode == 0
    assert (tmp_path / "standard.schema.json").exists() and (tmp_path / "settings.schema.json").exists()


def test_new_standard_fails_until_filled(tmp_path: Path) -> None:
    """Check that `new standard` writes a skeleton whose TODOs are located errors, and that filling them passes."""
    root = fixture_site(tmp_path)
    proc = run(["-m", "hooks", "--root", str(root), "new", "standard", "ISO 50001"], root)
    assert proc.returncode == 0, proc.stderr
    path = root / "data" / "standards" / "iso-50001.yaml"
    text = path.read_text("utf-8")
    assert text.splitlines()[0] == schema_comment("standard", 2)
    result = check(root)
    errors = [ln for ln in result.stdout.splitlines() if ": error[" in ln]
    assert result.returncode == 1 and errors
    assert all(ln.startswith("data/standards/iso-50001.yaml:") for ln in errors), errors
    todo_lines = {i for i, ln in enumerate(text.splitlines(), 1) if "TODO" in ln}
    assert {int(ln.split(":")[1]) for ln in errors} <= todo_lines
    filled = (text.replace("title: TODO official title", "title: Energy management systems")
              .replace("subject: TODO", "subject: environment")
              .replace("committee: TODO committee, e.g. ISO/TC 176/SC 2", "committee: ISO/TC 301")
              .replace("summary: TODO two or three sentences in your own words.",
                       "summary: It sets requirements for energy management.")
              .replace("suits: TODO who it suits.", "suits: Organizations that use energy.")
              .replace("  - TODO a main requirement theme", "  - energy review")
              .replace("  - TODO what is particular about certifying to it", "  - Audits look at energy performance.")
              .replace("year: TODO", "year: 2018").replace("published: TODO", "published: 2018-08-21")
              .replace("source: TODO", "source: iso-tc176sc2-9001-2015").replace("verified: TODO", "verified: 2026-11-24")
              .replace("  - id: TODO", "  - id: iso-14001")
              .replace("kind: certification-process", "kind: standard-content"))
    filled = re.sub(r"TODO[^#\n]*", "Filled in by the editor.", filled)  # the page's sections: any sentence will do
    path.write_text(filled, "utf-8")
    assert "TODO" not in re.sub(r"#.*", "", filled)
    final = check(root)
    assert final.returncode == 0, final.stdout


def test_new_concept_organization_and_source(tmp_path: Path) -> None:
    """Check that `new` appends skeleton entries that the check then points at."""
    root = fixture_site(tmp_path)
    for kind, name, file in (("concept", "Impartiality", "concepts.yaml"),
                             ("organization", "Example Accreditation Body", "organizations.yaml"),
                             ("source", "Example page", "sources.yaml")):
        proc = run(["-m", "hooks", "--root", str(root), "new", kind, name], root)
        assert proc.returncode == 0, proc.stderr
        result = check(root)
        assert result.returncode == 1
        assert any(ln.startswith(f"data/{file}:") for ln in result.stdout.splitlines() if ": error[" in ln)
        again = run(["-m", "hooks", "--root", str(root), "new", kind, name], root)
        assert again.returncode == 2 and "already" in again.stderr
        (root / "data" / file).write_text(fixture_text(f"data/{file}"), "utf-8")
        assert check(root).returncode == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} never appeared at {url}")


def test_serve_picks_up_data_and_template_edits(tmp_path: Path) -> None:
    """Check that `mkdocs serve` shows an edited YAML value and an edited template without a restart."""
    root = fixture_site(tmp_path)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=root, env=env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/standards/iso-9001/"
    try:
        _wait_for(url, "ISO 9001")
        std = root / "data" / "standards" / "iso-9001.yaml"
        edited = std.read_text("utf-8").replace("committee: ISO/TC 176/SC 2", "committee: ISO/TC 176/SC 2 (edited)")
        std.write_text(edited, "utf-8")
        _wait_for(url, "ISO/TC 176/SC 2 (edited)")
        template = root / "templates" / "standard.md.j2"
        template.write_text(template.read_text("utf-8") + "\nA line added to the template while serving.\n", "utf-8")
        page = _wait_for(url, "A line added to the template while serving.")
        assert "ISO/TC 176/SC 2 (edited)" in page
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()
