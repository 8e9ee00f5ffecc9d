"""Check that the code passes its linters: ruff (settings in ruff.toml) and mypy (settings in mypy.ini),
so the README's test command and .ci/run run them too."""

from __future__ import annotations

from helpers import ROOT, run


def test_ruff_finds_nothing() -> None:
    """Check that `ruff check hooks tests` reports no errors."""
    proc = run(["-m", "ruff", "check", "hooks", "tests"], ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_finds_nothing() -> None:
    """Check that `mypy` (the files and settings in mypy.ini) reports no errors."""
    proc = run(["-m", "mypy"], ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
