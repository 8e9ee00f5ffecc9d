"""Check the repository's shape: the fixed top-level layout, and hook modules that cannot shadow packages."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from helpers import ROOT


def test_no_hook_module_shadows_an_installed_module() -> None:
    """Check that no module or subpackage in hooks/ is named like an importable package (MkDocs puts hooks/ on sys.path)."""
    names = sorted(p.stem for p in (ROOT / "hooks").glob("*.py") if not p.stem.startswith("__")) + \
        sorted(p.name for p in (ROOT / "hooks").iterdir() if p.is_dir() and (p / "__init__.py").is_file())
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


def _imports(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of the engine in a file, relative ones resolved."""
    module = ".".join(path.relative_to(root).with_suffix("").parts)
    package = module.removesuffix(".__init__") if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                target = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names] if node.module is None or target == "hooks" else [target]
            found += [(node.lineno, n) for n in names if n.startswith("hooks.")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("hooks.")]
    return found


def _layer(module: str) -> int:
    """The layer of a module: its subpackage's place in hooks.LAYERS; cli and the adapter sit on top."""
    from hooks import LAYERS

    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else len(LAYERS)


def _upward(root: Path) -> list[str]:
    """Every import under root/hooks of a module in a higher layer than the importing one."""
    found = []
    for path in sorted((root / "hooks").rglob("*.py")):
        here = _layer(".".join(path.relative_to(root).with_suffix("").parts))
        found += [f"{path.relative_to(root)}:{line} imports {target}" for line, target in _imports(path, root)
                  if _layer(target) > here]
    return found


def test_layers_import_only_downward() -> None:
    """Check that no module imports from a layer above its own (core < data < pages < checks < reports < publish < cli)."""
    assert _upward(ROOT) == []


def test_the_layer_check_finds_an_upward_import(tmp_path: Path) -> None:
    """Check that the layering check reports an upward import, relative or absolute, and passes a downward one."""
    for name, text in {"core/bad.py": "from hooks.publish import engine\n", "pages/bad.py": "from ..checks.run import run\n",
                       "data/ok.py": "from hooks.core import findings\nfrom . import schema\n"}.items():
        path = tmp_path / "hooks" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    assert _upward(tmp_path) == ["hooks/core/bad.py:1 imports hooks.publish", "hooks/pages/bad.py:1 imports hooks.checks.run"]


def test_no_engine_module_is_long() -> None:
    """Check that every module of the engine stays readable in one sitting (about 400 lines at most)."""
    long = [f"{p.relative_to(ROOT)}: {n} lines" for p in sorted((ROOT / "hooks").rglob("*.py"))
            if (n := len(p.read_text("utf-8").splitlines())) > 420]
    assert not long, "\n".join(long)
