"""`python -m hooks linkcheck` (LinkChecker over the site served on 127.0.0.1, anchors included) against
LinkChecker reading the built files directly (issue #14: under 30 s for the site; the file mode, which
skips the anchors of directory URLs, was 22 s when the issue was filed). Both run LinkChecker through
hooks/checks/linkchecker_main.py, as `python -m hooks linkcheck` does.

    python tests/benchmarks/linkcheck_ratio.py [--repeat 3] [--site-dir DIR]

Builds the real site once (`python -m hooks build` into a temporary folder) unless --site-dir names a
built one, then, --repeat times, alternating, times each mode in a fresh subprocess. Prints each run,
the medians, and the ratio served / files (the median of each repetition's ratio, so that the machine's
drift between repetitions cancels). Both must report 0 errors, or the run stops.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import LINKCHECKER, ROOT, bench_env, log, machine, measure


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--site-dir", type=Path, help="a built site (default: build the real site)")
    args = ap.parse_args()
    log(machine())
    tmp = Path(tempfile.mkdtemp(prefix="pillar-linkcheck-"))
    try:
        site = args.site_dir or tmp / "site"
        if args.site_dir is None:  # the real site, checked as of today (the benchmarks' date is for synthetic sites)
            today = {k: v for k, v in bench_env().items() if k != "PILLAR_CHECK_DATE"}
            subprocess.run([sys.executable, "-m", "hooks", "--root", str(ROOT), "build", "--site-dir", str(site)],
                           cwd=ROOT, env=today, check=True, capture_output=True)
        served_cmd = [sys.executable, "-m", "hooks", "--root", str(ROOT), "linkcheck", "--site-dir", str(site)]
        files_cmd = [*LINKCHECKER, "--no-status", "-f", str(ROOT / "linkcheckerrc"),
                     str(site / "index.html")]
        times: dict[str, list[float]] = {"served": [], "files": []}
        for rep in range(1, args.repeat + 1):
            for name, cmd in (("served", served_cmd), ("files", files_cmd)):
                run = measure(cmd, ROOT)
                if " 0 errors found" not in run.stdout:
                    log(f"{name}: LinkChecker found errors or failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
                    return 1
                times[name].append(run.seconds)
                log(f"rep {rep}/{args.repeat}: {name} {run.seconds:.2f} s")
        ratios = [s / f for s, f in zip(times["served"], times["files"], strict=True)]
        print(f"\nmedian served (anchors of directory URLs checked): {statistics.median(times['served']):.2f} s")
        print(f"median files (those anchors skipped): {statistics.median(times['files']):.2f} s")
        print(f"served / files: {statistics.median(ratios):.2f}x (target: served under 30 s)")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
