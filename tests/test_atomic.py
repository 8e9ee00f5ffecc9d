"""Check what `python -m hooks build` (hooks/publish/atomic.py) guarantees beyond a failed build:
one build per site folder, clean stops on SIGINT and SIGTERM, no staging folder left by a dead build,
a swap that never leaves the site folder missing, the umask's permissions, and a clear error for a
site folder that cannot be written.

Most tests replace the MkDocs command with a stub (a few lines of Python that write a page into the
staging folder) on a project that is only a mkdocs.yml; one runs the real MkDocs on the fixture site."""

from __future__ import annotations

import ctypes
import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import hooks.publish.atomic as atomic
from helpers import env, fixture_site

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")

STUB = r"""\
import os, sys, time
from pathlib import Path
staging = Path(sys.argv[1])
(staging / "index.html").write_text("new", "utf-8")
mode = os.environ.get("STUB", "build")
if mode == "workers":  # a forked worker, as the hooks fork one to check while MkDocs renders
    os.fork()
with open(staging.parent / "stub.pids", "a", encoding="utf-8") as pids:
    pids.write(f"{os.getpid()}\n")
if mode == "fail":
    sys.exit(1)
for n in range(0 if mode == "build" else 6000):  # "hang", "workers": keep writing for ten minutes
    page = staging / str(os.getpid()) / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)  # as MkDocs writes a page
    page.write_text(str(n), "utf-8")
    time.sleep(0.1)
"""
# `python -m hooks` with the stub for MkDocs: argv is the stub's path, then the command line.
RUNNER = """\
import sys
import hooks.publish.atomic as atomic
from hooks.cli import main
stub = sys.argv[1]
atomic._mkdocs_command = lambda project, staging, strict: [sys.executable, stub, str(staging)]
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project that is only a mkdocs.yml, whose MkDocs is the stub (in this process and in RUNNER's)."""
    root = tmp_path / "src"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: Test\n", "utf-8")
    stub = tmp_path / "stub.py"
    stub.write_text(STUB, "utf-8")
    monkeypatch.setattr(atomic, "_mkdocs_command", lambda project, staging, strict: [sys.executable, str(stub), str(staging)])
    return root


def _old_site(site: Path) -> Path:
    site.mkdir(parents=True)
    (site / "index.html").write_text("old", "utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "style.css").write_text("body{}", "utf-8")
    return site


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site-building-", ".site-old-")))


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", ""])
    proc.wait()
    return proc.pid


def _start(project: Path, site: Path, *extra: str, stub: str = "build", **popen) -> subprocess.Popen[str]:
    """`python -m hooks build` with the stub for MkDocs, in a process of its own."""
    args = [sys.executable, "-c", RUNNER, str(project.parent / "stub.py"),
            "--root", str(project), "build", "--site-dir", str(site), *extra]
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(args, cwd=project, env={**env(), "STUB": stub}, text=True, **popen)


def _stub_pids(folder: Path, count: int, proc: subprocess.Popen[str]) -> list[int]:
    """The pids of the stub's processes, once count of them are running."""
    pids = folder / "stub.pids"
    _wait_for("the stub started", lambda: pids.exists() and len(pids.read_text().split()) >= count, proc)
    return [int(pid) for pid in pids.read_text().split()]


def _running(pid: int) -> bool:
    """Whether pid is a live process (a zombie nobody has reaped yet counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _group(pgid: int) -> list[int]:
    """The live processes of process group pgid."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found.append(int(stat.parent.name))
    return found


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _wait_for(what: str, ready, proc: subprocess.Popen[str]) -> None:
    """Wait until ready() is true while proc runs; fail (with proc's output) if proc ends first."""
    deadline = time.monotonic() + 300  # a bound for a hung test only: no assertion is about time
    while not ready():
        if proc.poll() is not None or time.monotonic() > deadline:
            out, err = proc.communicate()
            pytest.fail(f"the build ended before {what} (exit {proc.returncode}):\n{out or ''}{err or ''}")
        time.sleep(0.02)


# Stale staging folders ---------------------------------------------------------------------


def test_a_build_removes_the_staging_folders_of_dead_builds_only(project: Path, tmp_path: Path) -> None:
    """Check that a build removes `.site-building-<pid>-*` and `.site-old-<pid>-*` folders whose build is dead,
    and keeps one whose build is alive."""
    site = _old_site(tmp_path / "site")
    dead, alive = _dead_pid(), os.getpid()
    for name in (f".site-building-{dead}-abc", f".site-old-{dead}-def", f".site-building-{alive}-ghi"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("stale", "utf-8")
    assert atomic.build(project, site) == 0
    assert _leftovers(tmp_path) == [f".site-building-{alive}-ghi"]
    assert _files(site) == {"index.html": "new"}


def test_a_site_moved_aside_by_a_killed_swap_is_put_back(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Check that when a build died between the two renames of the fallback swap (no site folder, the old site
    in `.site-old-<pid>-*`), the next build puts the old site back, even though it fails itself."""
    old = _old_site(tmp_path / f".site-old-{_dead_pid()}-abc")
    before = _files(old)
    monkeypatch.setenv("STUB", "fail")
    assert atomic.build(project, tmp_path / "site") == 1
    assert _files(tmp_path / "site") == before
    assert _leftovers(tmp_path) == []
    assert "put back" in capsys.readouterr().err


# The lock ----------------------------------------------------------------------------------


@pytest.fixture
def held_lock(tmp_path: Path) -> Iterator[int]:
    """The lock of tmp_path/site, held by this test (as another build would hold it)."""
    fd = atomic._lock(tmp_path / "site", None)
    assert fd is not None
    yield fd
    atomic._unlock(fd)


def test_a_second_build_gives_up_after_the_lock_timeout(project: Path, tmp_path: Path, held_lock: int,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Check that a build whose site folder is locked by a running build fails with a message naming that build
    (its pid) once --lock-timeout has passed, and leaves the site as it was."""
    site = _old_site(tmp_path / "site")
    proc = _start(project, site, "--lock-timeout", "0")
    out, err = proc.communicate()
    assert proc.returncode == 1, out + err
    assert f"error: another build of {site} is running (pid {os.getpid()} on " in err
    assert "gave up after 0 s" in err
    assert "Traceback" not in err
    assert _files(site) == {"index.html": "old", "assets/style.css": "body{}"}
    assert _leftovers(tmp_path) == []


def test_a_second_build_waits_for_the_first(project: Path, tmp_path: Path) -> None:
    """Check that a build whose site folder is locked says who holds it, waits, and builds once the lock is free."""
    site = _old_site(tmp_path / "site")
    fd = atomic._lock(site, None)
    assert fd is not None
    try:
        proc = _start(project, site)
        assert proc.stderr is not None
        line = proc.stderr.readline()  # blocks until the build says it waits (or exits)
        assert line.startswith(f"waiting for another build of {site} to finish (pid {os.getpid()} on "), line
        assert not (tmp_path / "stub.pids").exists(), "MkDocs must not start while the lock is held"
    finally:
        atomic._unlock(fd)
    out, err = proc.communicate()
    assert proc.returncode == 0, out + err
    assert _files(site) == {"index.html": "new"}


# Signals -----------------------------------------------------------------------------------


@linux_only
def test_sigterm_stops_mkdocs_and_leaves_the_old_site(tmp_path: Path) -> None:
    """Check that SIGTERM sent to the build's pid alone while the real MkDocs runs stops MkDocs and all its
    process group, removes the staging folder, exits 143 and leaves the old site as it was."""
    root = fixture_site(tmp_path / "src")
    site = _old_site(tmp_path / "site")
    before = _files(site)
    proc = subprocess.Popen([sys.executable, "-m", "hooks", "--root", str(root), "build", "--site-dir", str(site)],
                            cwd=root, env=env(), text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for("MkDocs started", lambda: _leftovers(tmp_path) and _children(proc.pid), proc)
    mkdocs = _children(proc.pid)[0]
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate()
    assert proc.returncode == 128 + signal.SIGTERM, out + err
    assert f"build stopped by SIGTERM; {site} was left as it was." in err
    assert "Traceback" not in err
    assert _files(site) == before
    assert _leftovers(tmp_path) == []
    assert _group(mkdocs) == [], "no process of MkDocs' group is left writing"


@linux_only
def test_sigint_stops_mkdocs_and_its_workers(project: Path, tmp_path: Path) -> None:
    """Check that SIGINT (Ctrl-C) to the build's pid alone stops MkDocs and the worker it forked, exits 130 and
    removes the staging folder."""
    site = _old_site(tmp_path / "site")
    proc = _start(project, site, stub="workers", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stub = _stub_pids(tmp_path, 2, proc)
    proc.send_signal(signal.SIGINT)
    assert proc.wait() == 130
    assert [pid for pid in stub if _running(pid)] == []
    assert _files(site) == {"index.html": "old", "assets/style.css": "body{}"}
    assert _leftovers(tmp_path) == []


@linux_only
def test_after_sigkill_mkdocs_stops_and_the_next_build_sweeps(project: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Check that when the build is killed outright (SIGKILL, its pid only) its MkDocs child does not write on:
    the next build waits for the child's lock, then removes the dead build's staging folder and builds."""
    site = _old_site(tmp_path / "site")
    proc = _start(project, site, stub="hang", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    [child] = _stub_pids(tmp_path, 1, proc)
    proc.kill()
    proc.wait()
    assert atomic.build(project, site) == 0
    assert not _running(child)
    assert _leftovers(tmp_path) == []
    assert _files(site) == {"index.html": "new"}


# The swap ----------------------------------------------------------------------------------


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    staging = tmp_path / ".site-building-1-x"
    staging.mkdir()
    (staging / "index.html").write_text("new", "utf-8")
    return staging, _old_site(tmp_path / "site")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_the_swap_exchanges_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check that on Linux the swap exchanges old and new site in one renameat2 call, so the site folder is never
    missing: no rename (which would leave a gap) is made, the new site is in place and the old one is gone."""
    staging, site = _pair(tmp_path)

    def no_rename(src: object, dst: object) -> None:
        raise AssertionError(f"renamed {src} to {dst}: the site folder was missing in between")

    monkeypatch.setattr(os, "rename", no_rename)
    atomic._swap(staging, site)
    assert _files(site) == {"index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _enosys(*args: object) -> int:
    ctypes.set_errno(errno.ENOSYS)
    return -1


@pytest.mark.parametrize("renameat2", [None, _enosys], ids=["missing", "ENOSYS"])
def test_the_swap_falls_back_to_two_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renameat2) -> None:
    """Check that where renameat2 is missing or refused (ENOSYS), the swap uses two renames and still ends
    with the new site in place and nothing else beside it."""
    staging, site = _pair(tmp_path)
    original = atomic._libc_function
    monkeypatch.setattr(atomic, "_libc_function", lambda name: renameat2 if name == "renameat2" else original(name))
    renames = []
    rename = os.rename
    monkeypatch.setattr(os, "rename", lambda src, dst: (renames.append(Path(dst).name), rename(src, dst)))
    atomic._swap(staging, site)
    assert _files(site) == {"index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert len(renames) == 2 and renames[0].startswith(".site-old-") and renames[1] == "site"


# Permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o755), (0o027, 0o750)])
def test_the_site_gets_the_umasks_permissions(project: Path, tmp_path: Path, umask: int, mode: int) -> None:
    """Check that the built site folder has the permissions the umask gives (not the staging folder's 0700)."""
    previous = os.umask(umask)
    try:
        assert atomic.build(project, tmp_path / "site") == 0
    finally:
        os.umask(previous)
    assert (tmp_path / "site").stat().st_mode & 0o777 == mode
    assert (tmp_path / "site" / "index.html").stat().st_mode & 0o777 == mode & 0o666


def _unprivileged() -> None:
    """Run in the build's process before exec: as root, give up the capabilities that ignore file modes
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER), so a read-only folder is read-only to it too."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2, 3):
            if libc.prctl(24, capability) != 0:  # PR_CAPBSET_DROP: gone from the bounding set, so after exec
                os._exit(99)


@linux_only
@pytest.mark.parametrize("read_only", ["site", "site/assets", "."], ids=["site", "site-subfolder", "parent"])
def test_a_read_only_site_folder_is_a_clear_error_that_changes_nothing(project: Path, tmp_path: Path,
                                                                       read_only: str) -> None:
    """Check that a site folder, one of its folders, or its parent that this user cannot write gives
    `error: cannot write <path>: ...`, exit 1, no traceback, and leaves the site and its parent as they were."""
    parent = tmp_path / "out"
    site = _old_site(parent / "site")
    before, beside = _files(site), sorted(os.listdir(parent))
    locked = parent / read_only
    locked.chmod(0o555)
    try:
        proc = _start(project, site, preexec_fn=_unprivileged)
        out, err = proc.communicate()
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 1, out + err
    assert err.startswith(f"error: cannot write {locked.resolve()}: the folder is read-only for this user."), err
    assert "Traceback" not in err
    assert _files(site) == before
    assert sorted(os.listdir(parent)) == beside


@linux_only
def test_a_site_dir_under_a_read_only_folder_is_a_clear_error(project: Path, tmp_path: Path) -> None:
    """Check that --site-dir naming a folder to create under a read-only one gives a clear error naming it, not a traceback."""
    read_only = tmp_path / "ro"
    read_only.mkdir(mode=0o555)
    try:
        proc = _start(project, read_only / "new" / "site", preexec_fn=_unprivileged)
        out, err = proc.communicate()
    finally:
        read_only.chmod(0o755)
    assert proc.returncode == 1, out + err
    assert err == f"error: cannot write {read_only / 'new'}: Permission denied\n"
    assert not (read_only / "new").exists()
