"""Check the project's own plumbing: the README's two commands, the dependency locks they install,
.ci/run, the GitHub Actions workflow and its Pages deployment, Dependabot, pre-commit."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from helpers import ROOT

SETUP = re.compile(r"## Set up\n(.*?)\n## ", re.S)
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
LOCKS = {"requirements.txt": "requirements.in", "requirements-dev.txt": "requirements-dev.in"}
"""Each lock and the source of ranges it is compiled from."""
MAIN_ONLY = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
"""The condition of the steps and job that publish the site: a push to main, nothing else."""
NODE24_FROM = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/cache": 5,
    "actions/upload-artifact": 6,
    "actions/deploy-pages": 5,
    # A composite action: its one step is actions/upload-artifact, v7 from this major on.
    "actions/upload-pages-artifact": 5,
}
"""The first major of each action the workflow uses that runs on Node 24 (`runs.using: node24` in its
action.yml; a lower major runs on Node 20, which GitHub retires). Read from the actions' repositories
by hand: a test cannot ask GitHub, so an action missing here has not been checked yet."""
PYTHONS = ("3.10.0", "3.11.9", "3.12.4", "3.13.1", "3.14.0")
"""Pythons the README's "3.10+" covers today, each of which the locks must give one version of everything."""
PLATFORMS = (("linux", "Linux", "posix"), ("darwin", "Darwin", "posix"), ("win32", "Windows", "nt"))


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


# Locks


@dataclass(frozen=True)
class Pin:
    """One requirement of a lock: `name==version ; marker`, its hashes and the `# via` lines under it."""

    name: str
    version: Version
    marker: Marker | None
    hashes: tuple[str, ...]
    via: tuple[str, ...]


def _read_lock(path: Path) -> list[Pin]:
    """The pins of a lock written by `uv pip compile --generate-hashes` (one block per requirement)."""
    pins = []
    for block in re.split(r"\n(?=\S)", path.read_text("utf-8")):
        if block.startswith("#") or not block.strip():
            continue
        head = block.split(" \\\n", 1)[0].strip()
        req = Requirement(head)
        (spec,) = req.specifier
        assert spec.operator == "==", f"{path.name}: {head!r} is not pinned with =="
        via = re.findall(r"^\s+#\s+(?:via\s+)?(-[rc] \S+|[\w.-]+)$", block, re.M)
        pins.append(Pin(canonicalize_name(req.name), Version(spec.version), req.marker,
                        tuple(re.findall(r"--hash=(sha256:[0-9a-f]{64})", block)), tuple(via)))
    return pins


def _read_source(path: Path) -> dict[str, Requirement]:
    """The requirements of a source file and of those it includes with -r (its -c constraints are not its own)."""
    reqs: dict[str, Requirement] = {}
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            reqs |= _read_source(path.parent / line[3:].strip())
        elif line and not line.startswith("-"):
            req = Requirement(line)
            reqs[canonicalize_name(req.name)] = req
    return reqs


def _environment(python: str, platform: tuple[str, str, str]) -> dict[str, str]:
    sys_platform, system, os_name = platform
    return {"python_version": ".".join(python.split(".")[:2]), "python_full_version": python,
            "sys_platform": sys_platform, "platform_system": system, "os_name": os_name,
            "platform_machine": "x86_64", "platform_python_implementation": "CPython",
            "implementation_name": "cpython", "implementation_version": python,
            "platform_release": "", "platform_version": ""}


@pytest.mark.parametrize("lock", LOCKS)
def test_lock_pins_every_source_requirement_within_its_range(lock: str) -> None:
    """Check that a lock was compiled from its source as it is now: the requirements the lock says come
    from the source file (`# via -r requirements*.in`) are exactly those the source lists, and each is
    pinned at a version its range admits, with the hashes pip checks."""
    source = _read_source(ROOT / LOCKS[lock])
    pins = _read_lock(ROOT / lock)
    from_source = {p.name for p in pins if any(v.startswith("-r ") and v.endswith(".in") for v in p.via)}
    missing, stale = sorted(set(source) - from_source), sorted(from_source - set(source))
    assert not missing and not stale, (
        f"{lock} is not compiled from {LOCKS[lock]} as it is now (not in the lock: {missing}; no longer "
        f"in the source: {stale}). Recompile it with the command at its head.")
    for pin in pins:
        assert pin.hashes, f"{lock}: {pin.name}=={pin.version} has no --hash, so pip would not check it"
        if pin.name in source:
            spec = source[pin.name].specifier
            assert spec.contains(pin.version, prereleases=True), (
                f"{lock}: {pin.name}=={pin.version} is outside {LOCKS[lock]}'s range {str(spec)!r}")


@pytest.mark.parametrize("lock", LOCKS)
def test_lock_is_universal_from_python_3_10(lock: str) -> None:
    """Check that a lock says how it was compiled (for every Python from the README's 3.10 on, on any
    system, with hashes) and gives each Python 3.10 to 3.14 on Linux, macOS and Windows exactly one
    version of every package it asks for."""
    header = (ROOT / lock).read_text("utf-8").splitlines()[1]
    assert header == f"#    uv pip compile --universal --python-version 3.10 --generate-hashes {LOCKS[lock]} -o {lock}"
    assert "(Python 3.10+)" in SETUP.search((ROOT / "README.md").read_text("utf-8")).group(1)
    pins, source = _read_lock(ROOT / lock), _read_source(ROOT / LOCKS[lock])
    for python in PYTHONS:
        for platform in PLATFORMS:
            env = _environment(python, platform)
            chosen = [p.name for p in pins if p.marker is None or p.marker.evaluate(env)]
            twice = sorted({n for n in chosen if chosen.count(n) > 1})
            wanted = [n for n, req in source.items() if req.marker is None or req.marker.evaluate(env)]
            assert not twice and set(wanted) <= set(chosen), (python, platform[0], twice, set(wanted) - set(chosen))


def test_both_commands_build_with_the_same_versions() -> None:
    """Check that the test command's lock pins every package of the build's lock at the same versions,
    so the tests run with what `python -m hooks build` runs with."""
    build = {(p.name, p.version) for p in _read_lock(ROOT / "requirements.txt")}
    dev = {(p.name, p.version) for p in _read_lock(ROOT / "requirements-dev.txt")}
    assert build <= dev, sorted(build - dev)


def test_readme_commands_install_from_the_locks() -> None:
    """Check that each README command installs a lock (so pip checks every file against its hash)."""
    for command in _setup_commands():
        (name,) = re.findall(r"pip install -r (\S+)", command)
        assert name in LOCKS and all(p.hashes for p in _read_lock(ROOT / name)), command


# Workflow


def _workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def _steps(job: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _workflow()["jobs"][job]["steps"]
    return steps


def _uses() -> list[tuple[str, str, str]]:
    """Each action the workflows use, as written: (action, commit, version comment)."""
    found = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.y*ml")):
        for line in path.read_text("utf-8").splitlines():
            if re.match(r"\s*(-\s+)?uses:", line):
                m = re.fullmatch(r"\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@(\S+)\s+#\s+(\S+)\s*", line)
                assert m, f"{path.name}: {line.strip()!r} is not `uses: owner/action@<commit>  # vX.Y.Z`"
                found.append((m[1], m[2], m[3]))
    return found


def test_workflow_is_valid_and_pinned() -> None:
    """Check the GitHub Actions workflow with actionlint, that it runs the checks on the locked install,
    and that every action is pinned to a commit with its release in a comment."""
    uses = _uses()
    assert len(uses) == sum(1 for job in _workflow()["jobs"].values() for s in job["steps"] if "uses" in s)
    for action, commit, version in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", commit), f"{action}@{commit} is not pinned to a full commit"
        assert re.fullmatch(r"v\d+\.\d+\.\d+", version), f"{action}: comment {version!r} is not a release vX.Y.Z"
    runs = " ".join(s.get("run", "") for s in _steps("site"))
    for command in ("pip install -r requirements-dev.txt", "hooks check --format github", "hooks build --strict",
                    "hooks linkcheck", "pytest"):
        assert command in runs
    exe = shutil.which("actionlint")
    if exe is None:
        pytest.skip("actionlint is not installed (pip install -r requirements-dev.txt)")
    proc = subprocess.run([exe, str(WORKFLOW)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_action_runs_on_node_24() -> None:
    """Check that every action is at a major whose action.yml runs on Node 24 (Node 20 is retired)."""
    for action, _, version in _uses():
        assert action in NODE24_FROM, f"{action}: its runtime has not been checked; add it to NODE24_FROM"
        major = int(version[1:].split(".")[0])
        assert major >= NODE24_FROM[action], f"{action} {version} runs on Node 20: use v{NODE24_FROM[action]} or later"


def test_deploy_publishes_the_checked_build_from_main_only() -> None:
    """Check the Pages deployment: the checks job uploads the `hooks build` output on a push to main
    only; the deploy job runs after it, on a push to main only, with only the two Pages permissions,
    in the github-pages environment; no other job can write anything."""
    workflow = _workflow()
    assert workflow[True] == {"push": {"branches": ["main"]}, "pull_request": None}  # YAML 1.1 reads `on` as True
    assert workflow["permissions"] == {"contents": "read"}
    steps = _steps("site")
    build = next(i for i, s in enumerate(steps) if "hooks build" in s.get("run", ""))
    (upload,) = [i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload > build and steps[upload]["if"] == MAIN_ONLY and steps[upload]["with"] == {"path": "site/"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "site" and deploy["if"] == MAIN_ONLY
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    others = [name for name, job in workflow["jobs"].items() if name != "deploy" and "permissions" in job]
    assert not others, f"jobs {others} change the read-only permissions"


def test_dependabot_updates_actions_and_pip_weekly() -> None:
    """Check that Dependabot's configuration parses and keeps both the actions and the locks current."""
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["directory"] == "/" and update["schedule"]["interval"] == "weekly"


def test_pre_commit_runs_the_check() -> None:
    """Check the optional pre-commit hook runs the check command."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"] == "python -m hooks check"
