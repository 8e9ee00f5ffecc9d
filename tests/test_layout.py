"""Check the repository's shape: the fixed top-level layout, and hook modules that cannot shadow packages."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

from helpers import ROOT


def test_no_hook_module_shadows_an_installed_module() -> None:
    """Check that no module in hooks/ is named like an importable package (MkDocs puts hooks/ on sys.path)."""
    names = sorted(p.stem for p in (ROOT / "hooks").glob("*.py") if not p.stem.startswith("__"))
    code = ("import importlib.util, sys; sys.path = [p for p in sys.path if p not in ('', '.')]; "
            f"print([n for n in {names!r} if importlib.util.find_spec(n) is not None])")
    proc = subprocess.run([sys.executable, "-c", code], cwd="/", capture_output=True, text=True)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr
    assert importlib.util.find_spec("hooks").origin.startswith(str(ROOT))


def test_engine_never_imports_mkdocs() -> None:
    """Check that only the adapter imports MkDocs, so the engine survives a move to another engine."""
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        if path.name == "mkdocs_hooks.py":
            continue
        text = path.read_text("utf-8")
        assert not re.search(r"^\s*(?:import|from)\s+mkdocs\b", text, re.M), path


def test_top_level_layout() -> None:
    """Check the fixed layout: data, templates, hooks, content, tests, mkdocs.yml, README.md."""
    for name in ("data", "templates", "hooks", "content", "tests"):
        assert (ROOT / name).is_dir(), name
    for name in ("mkdocs.yml", "README.md"):
        assert (ROOT / name).is_file(), name
