"""`python -m hooks build`: run the MkDocs build into a staging folder beside the site folder and
put it in the site folder's place only when the whole build, checks included, succeeded.

The build runs in a child process so that nothing of one build (hook module state, imported
templates) leaks into another, and so that MkDocs' own output reaches the terminal unchanged.
What holds, and why (tests/test_atomic.py):

- One build per site folder at a time: each takes an flock on `.<site>-lock` beside it and writes
  who it is there; a second build waits, saying who holds it (`--lock-timeout` to give up). The
  MkDocs child shares the lock, so it is held until the last process writing the staging folder is gone.
- The site folder names the old site or the new one at every instant: on Linux the two are exchanged
  by one renameat2(RENAME_EXCHANGE); elsewhere (or where the file system refuses it) by two renames
  with SIGINT and SIGTERM held off between them.
- SIGINT and SIGTERM stop MkDocs (its own process group, so its workers too), remove the staging
  folder and exit 128 + the signal; on Linux MkDocs gets SIGTERM when this process dies of anything.
- Staging folders are named after the build's pid; the next build removes those whose build is dead,
  and puts back a site a killed two-rename swap had moved aside.
- The site gets the permissions the umask gives (mkdtemp's 0700 would hide it from a web server).
- A site folder (or parent) this user cannot write is a one-line error before anything is built.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import functools
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hooks.core.project import Project

_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_AT_FDCWD = -100  # <fcntl.h>: paths relative to the working directory
_RENAME_EXCHANGE = 2  # <linux/fs.h>
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_STOP_GRACE = 10.0  # seconds MkDocs gets to exit after the forwarded signal before it is killed
_POLL = 0.2  # seconds between two tries of a busy lock


class _Stopped(Exception):
    """SIGINT or SIGTERM arrived; raised by the signal handler so that cleanup runs in `finally`."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def build(root: Path, site_dir: Path | None = None, *, strict: bool = False,
          lock_timeout: float | None = None) -> int:
    """Build the project in root into site_dir (default: mkdocs.yml's site_dir). Returns 0 on success,
    1 on failure, 128 + the signal when stopped by SIGINT or SIGTERM. lock_timeout: how many seconds
    to wait for another build of the same site folder (None: as long as it takes)."""
    from hooks.core.findings import DataError
    from hooks.data.model import load_config

    try:  # a broken mkdocs.yml gets our located message, not MkDocs' own
        project = load_config(root).project
    except DataError as exc:
        print("\n".join(f.as_text() for f in exc.findings), file=sys.stderr)
        print("build failed; the site folder was left as it was.", file=sys.stderr)
        return 1
    target = (site_dir or project.site_dir).resolve()
    problem = _unwritable(target)
    if problem:
        print(f"error: cannot write {problem}", file=sys.stderr)
        return 1
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(project.data_dir))
    previous = {s: signal.signal(s, _raise_stopped) for s in _SIGNALS}
    lock: int | None = None
    staging: Path | None = None
    child: subprocess.Popen[bytes] | None = None
    stop = signal.SIGTERM  # what MkDocs gets if this build ends while it runs (only on an error of ours)
    swapped = False
    try:
        lock = _lock(target, lock_timeout)
        if lock is None:
            return 1
        _sweep(target)
        staging = _staging(target)
        with _signals_held():  # so that a signal cannot strike between starting MkDocs and knowing it
            child = subprocess.Popen(_mkdocs_command(project, staging, strict), cwd=root, env=env,
                                     start_new_session=True, pass_fds=(lock,),
                                     preexec_fn=functools.partial(_in_child, os.getpid()))
        code = child.wait()
        if code != 0:
            print(f"build failed (exit {code}); {target} was left as it was.", file=sys.stderr)
            return 1
        with _signals_held():
            _swap(staging, target)
            swapped = True
        print(f"site built into {target}")
        return 0
    except _Stopped as stopped:
        signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        stop = signal.Signals(stopped.signum)
        if child is not None and child.poll() is None:
            _stop_group(child, stop)  # before the message, so that MkDocs' last words come first
        if swapped:
            print(f"site built into {target}; stopped by {stop.name} after the swap.", file=sys.stderr)
        else:
            print(f"build stopped by {stop.name}; {target} was left as it was.", file=sys.stderr)
        return 128 + stop
    except OSError as exc:  # a full disk, a folder changed under the build: say where, no traceback
        signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        print(f"error: cannot write {exc.filename or target}: {exc.strerror or exc}", file=sys.stderr)
        print(f"build failed; {target} was left as it was.", file=sys.stderr)
        return 1
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)  # a second Ctrl-C must not cut the cleanup short
        if child is not None and child.poll() is None:
            _stop_group(child, stop)
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if lock is not None:
            _unlock(lock)
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_IGN)  # drops a signal that arrived during cleanup: it was answered
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)  # None: not set from Python
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)


def _mkdocs_command(project: Project, staging: Path, strict: bool) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--config-file", str(project.config_file),
               "--site-dir", str(staging)]
    return command + ["--strict"] if strict else command


# Permissions ---------------------------------------------------------------------------------

def _unwritable(target: Path) -> str | None:
    """What keeps this user from replacing target ("<path>: <why>"), or None. Checked before anything
    is built or moved, so that a read-only site folder is left exactly as it was."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"{exc.filename or target.parent}: {exc.strerror}"
    need = os.R_OK | os.W_OK | os.X_OK
    if not os.access(target.parent, need):
        return f"{target.parent}: the folder is read-only for this user. Make it writable or pass --site-dir."
    if not (target.exists() or target.is_symlink()):
        return None
    if not target.is_dir():
        return f"{target}: not a folder. Remove it or pass --site-dir."
    for folder, _, _ in os.walk(target):  # removing the old site needs every folder of it writable
        if not os.access(folder, need):
            return f"{folder}: the folder is read-only for this user. Make it writable or pass --site-dir."
    return None


def _staging(target: Path) -> Path:
    """A new, empty staging folder beside target, named after this build's pid, with the umask's permissions."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-{os.getpid()}-", dir=target.parent))
    mask = os.umask(0o022)  # reading the umask means setting it; this process has one thread
    os.umask(mask)
    staging.chmod(0o777 & ~mask)
    return staging


# The lock ------------------------------------------------------------------------------------

def _lock_file(target: Path) -> Path:
    return target.with_name(f".{target.name}-lock")  # .gitignore's `.site-*` covers it


def _lock(target: Path, timeout: float | None) -> int | None:
    """The locked file descriptor of target's lock file, or None (message printed) after timeout seconds."""
    path = _lock_file(target)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    deadline = None if timeout is None else time.monotonic() + timeout
    told = False
    while True:
        try:
            _flock(fd, nonblocking=True)
            break
        except BlockingIOError:
            holder = _holder(path)
            if deadline is not None and time.monotonic() >= deadline:
                os.close(fd)
                print(f"error: another build of {target} is running ({holder}); gave up after {timeout:g} s. "
                      f"Wait for it to finish or stop it.", file=sys.stderr)
                return None
            if not told:
                print(f"waiting for another build of {target} to finish ({holder}; lock {path})", file=sys.stderr)
                told = True
            time.sleep(_POLL)
    started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}, started {started}\n".encode(), 0)
    return fd


def _flock(fd: int, *, nonblocking: bool) -> None:
    import fcntl  # POSIX only, like the rest of the build's process handling

    fcntl.flock(fd, fcntl.LOCK_EX | (fcntl.LOCK_NB if nonblocking else 0))


def _holder(path: Path) -> str:
    try:
        return path.read_text("utf-8", "replace").strip() or "a build that has not said who it is yet"
    except OSError:
        return "unknown"


def _unlock(fd: int) -> None:
    os.ftruncate(fd, 0)  # the record names a running build only
    os.close(fd)  # releases the flock (MkDocs, which shared it, is gone by now)


# The MkDocs child and signals ----------------------------------------------------------------

def _raise_stopped(signum: int, frame: object) -> None:
    raise _Stopped(signum)


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait (they are not lost) until the block is done."""
    signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)


def _in_child(parent: int) -> None:
    """Run in the MkDocs child before exec: take the signals again, and on Linux die with the parent."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
    prctl = _libc_function("prctl")
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the line above took effect
            os._exit(1)


def _stop_group(child: subprocess.Popen[bytes], signum: int) -> None:
    """Forward signum to MkDocs' process group; kill the group if it has not exited after _STOP_GRACE."""
    _signal_group(child.pid, signum)
    try:
        child.wait(timeout=_STOP_GRACE)
    except subprocess.TimeoutExpired:
        _signal_group(child.pid, signal.SIGKILL)
        child.wait()
    _signal_group(child.pid, signal.SIGKILL)  # workers MkDocs forked and left behind


def _signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        pass  # the group is gone already


# Stale folders -------------------------------------------------------------------------------

def _leftovers(target: Path, kind: str) -> Iterator[tuple[Path, int]]:
    """Folders beside target that a build left (kind "building": staging; "old": a site moved aside), with their builds' pids."""
    pattern = re.compile(rf"\.{re.escape(target.name)}-{kind}-(\d+)(?:-.*)?")
    for path in target.parent.iterdir():
        found = pattern.fullmatch(path.name)
        if found and path.is_dir() and not path.is_symlink():
            yield path, int(found.group(1))


def _sweep(target: Path) -> None:
    """Remove the staging folders of builds that died; first put back the site a killed two-rename swap
    had moved aside, if target is missing. Run under the lock, so no build of target is writing; a folder
    whose pid is alive is left alone all the same (a build of older code, which took no lock)."""
    dead = {kind: sorted((p for p, pid in _leftovers(target, kind) if not _alive(pid)), key=lambda p: p.stat().st_mtime)
            for kind in ("old", "building")}
    if dead["old"] and not (target.exists() or target.is_symlink()):
        newest = dead["old"].pop()
        os.rename(newest, target)
        print(f"put back {target} (moved aside as {newest.name} by a build that was killed)", file=sys.stderr)
    for path in dead["old"] + dead["building"]:
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return True  # not a pid of ours: leave the folder alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


# The swap ------------------------------------------------------------------------------------

def _swap(staging: Path, target: Path) -> None:
    """Put staging in target's place, then remove the old site. With an exchange target names a complete
    site at every instant; the two-rename fallback leaves a gap, which the caller holds signals over."""
    if not (target.exists() or target.is_symlink()):
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now the old site; a leftover is swept by a later build
        return
    old = target.with_name(f".{target.name}-old-{os.getpid()}-{secrets.token_hex(4)}")
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two existing paths in one step (Linux renameat2 with RENAME_EXCHANGE). False where the
    system or the file system cannot; OSError for any other failure."""
    renameat2 = _libc_function("renameat2")
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@functools.cache
def _libc_function(name: str) -> Callable[..., int] | None:
    """A function of the C library (Linux only), or None where there is none by that name."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None


def _source_date_epoch(data_dir: Path) -> str:
    """A fixed build date for reproducible output: the newest verified date in the data."""
    newest = newest_verified(data_dir)
    return str(int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp()))


def newest_verified(data_dir: Path) -> dt.date:
    """The newest `verified:` date in the data: the build's date, so a page without a date of its own
    (a hand-written page) is dated by it in the sitemap (the export writes it into such a page's front matter)."""
    newest = dt.date(2000, 1, 1)
    for path in data_dir.rglob("*.yaml"):
        try:
            text = path.read_text("utf-8", "replace")
        except OSError:  # a broken link or unreadable file: loading the data reports it where it is
            continue
        for found in re.findall(r"verified:\s*(\d{4}-\d{2}-\d{2})", text):
            try:
                newest = max(newest, dt.date.fromisoformat(found))
            except ValueError:
                continue
    return newest
