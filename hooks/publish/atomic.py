"""`python -m hooks build`: run the MkDocs build into a temporary folder and replace the
site folder only when the whole build, checks included, succeeded.

A failed build leaves the previous site exactly as it was. The build runs in a child
process so that nothing of one build (hook module state, imported templates) leaks
into another, and so that MkDocs' own output reaches the terminal unchanged.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build(root: Path, site_dir: Path | None = None, *, strict: bool = False) -> int:
    """Build the project in root into site_dir (default: mkdocs.yml's site_dir); 0 on success, 1 on failure."""
    from hooks.core.findings import DataError
    from hooks.data.model import load_config

    try:  # a broken mkdocs.yml gets our located message, not MkDocs' own
        project = load_config(root).project
    except DataError as exc:
        print("\n".join(f.as_text() for f in exc.findings), file=sys.stderr)
        print("build failed; the site folder was left as it was.", file=sys.stderr)
        return 1
    target = (site_dir or project.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(project.data_dir))
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--config-file", str(project.config_file),
               "--site-dir", str(staging)]
    if strict:
        command.append("--strict")
    try:
        code = subprocess.call(command, cwd=root, env=env)
        if code != 0:
            print(f"build failed (exit {code}); {target} was left as it was.", file=sys.stderr)
            return 1
        _swap(staging, target)
        print(f"site built into {target}")
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    """Replace target with staging; the old site is moved aside first and removed last."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _source_date_epoch(data_dir: Path) -> str:
    """A fixed build date for reproducible output: the newest verified date in the data."""
    newest = newest_verified(data_dir)
    return str(int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp()))


def newest_verified(data_dir: Path) -> dt.date:
    """The newest `verified:` date in the data: the build's date, so a page without a date of its own
    (a hand-written page) is dated by it in the sitemap (the export writes it into such a page's front matter)."""
    newest = dt.date(2000, 1, 1)
    for path in data_dir.rglob("*.yaml"):
        for found in re.findall(r"verified:\s*(\d{4}-\d{2}-\d{2})", path.read_text("utf-8", "replace")):
            try:
                newest = max(newest, dt.date.fromisoformat(found))
            except ValueError:
                continue
    return newest
