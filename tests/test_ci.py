"""Check the project's own plumbing: the README's two commands, .ci/run, the workflow, pre-commit."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from helpers import ROOT

SETUP = re.compile(r"## Set up\n(.*?)\n## ", re.S)


def _setup_commands() -> list[str]:
    section = SETUP.search((ROOT / "README.md").read_text("utf-8")).group(1)
    return re.findall(r"```bash\n(.*?)\n```", section, re.S)


def test_readme_has_exactly_two_setup_commands() -> None:
    """Check the README's set-up section: one build command, one test command."""
    build, tests = _setup_commands()
    assert "python -m hooks build" in build
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    """Check that .ci/run runs exactly the README's test command."""
    assert _setup_commands()[1] in (ROOT / ".ci" / "run").read_text("utf-8")


def test_workflow_is_valid_and_pinned() -> None:
    """Check the GitHub Actions workflow with actionlint, and that every action is pinned to a commit."""
    path = ROOT / ".github" / "workflows" / "site.yml"
    workflow = yaml.safe_load(path.read_text("utf-8"))
    steps = workflow["jobs"]["site"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses and all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", u) for u in uses), uses
    runs = " ".join(s.get("run", "") for s in steps)
    for command in ("hooks check --format github", "hooks build --strict", "hooks linkcheck", "pytest"):
        assert command in runs
    exe = shutil.which("actionlint")
    if exe is None:
        pytest.skip("actionlint is not installed (pip install -r requirements-dev.txt)")
    proc = subprocess.run([exe, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pre_commit_runs_the_check() -> None:
    """Check the optional pre-commit hook runs the check command."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"] == "python -m hooks check"
