"""The check alone against the plain MkDocs build, on one synthetic site (issue #10: cold ≤ 0.25×, warm ≤ 0.03×).

    python tests/benchmarks/check_ratio.py [--size 1000] [--repeat 3] [--json FILE]

A shorter run.py: one copy of the site with N synthetic standards (synth.py), exported for plain
MkDocs + Material; then, --repeat times, in this order, each a fresh subprocess timed the way
run.py times it (run.measure): the plain build of the export, `python -m hooks --root COPY check`
cold (PILLAR_CACHE=off) and warm (the cache primed once before, nothing changed since). Prints
each run, then the medians and the ratios check / plain build (each the median of the ratios of
one repetition, so that the machine's drift between repetitions cancels). The cold and warm
checks must report the same findings, or the run stops.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import CHECK_DATE, HERE, ROOT, log, machine, measure

TARGETS = {"cold": 0.25, "warm": 0.03}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=1000, help="synthetic standards (default 1000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the raw times here")
    args = ap.parse_args()
    log(machine())
    tmp = Path(tempfile.mkdtemp(prefix=f"pillar-ratio-{args.size}-"))
    try:
        copy, export, site_plain = tmp / "copy", tmp / "export", tmp / "site-plain"
        r = measure([sys.executable, str(HERE / "synth.py"), str(args.size), str(copy)], ROOT)
        if r.code != 0:
            raise SystemExit(f"synth.py failed:\n{r.stdout}{r.stderr}")
        print("  " + r.stdout.strip().replace("\n", "\n  "), flush=True)
        r = measure([sys.executable, "-m", "hooks", "--root", str(copy), "export", str(export)], copy)
        if r.code != 0:
            raise SystemExit(f"export failed:\n{r.stdout}{r.stderr}")
        check = [sys.executable, "-m", "hooks", "--root", str(copy), "check", "--date", CHECK_DATE, "--format", "json"]
        plain = [sys.executable, "-m", "mkdocs", "build", "-f", str(export / "mkdocs.yml"), "-d", str(site_plain)]
        measure(check, copy)  # primes the cache for the warm runs
        times: dict[str, list[float]] = {"plain": [], "cold": [], "warm": []}
        found: dict[str, str] = {}
        for i in range(args.repeat):
            for key, cmd, cwd, env in (("plain", plain, export, None), ("cold", check, copy, {"PILLAR_CACHE": "off"}),
                                       ("warm", check, copy, None)):
                shutil.rmtree(site_plain, ignore_errors=True)
                run = measure(cmd, cwd, env=env)
                if run.code not in ((0,) if key == "plain" else (0, 1)):
                    raise SystemExit(f"{key} failed (exit {run.code}):\n{run.stderr[-3000:]}")
                if key != "plain":
                    findings = json.loads(run.stdout)["findings"]
                    found.setdefault(key, json.dumps(findings, sort_keys=True))
                times[key].append(run.seconds)
                log(f"rep {i + 1}/{args.repeat}: {key} {run.seconds:.2f} s, {run.rss_mb:.0f} MB")
        if found["cold"] != found["warm"]:
            raise SystemExit("the cold and the warm check report different findings")
        if args.json:
            args.json.write_text(json.dumps(times, indent=2) + "\n", "utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n### Check alone / plain MkDocs build, N={args.size}, median of {args.repeat}\n")
    print("| | seconds | / plain build | target |\n| --- | ---: | ---: | --- |")
    print(f"| plain MkDocs + Material (exported pages) | {statistics.median(times['plain']):.2f} | | |")
    for key in ("cold", "warm"):
        ratio = statistics.median(a / b for a, b in zip(times[key], times["plain"], strict=True))
        verdict = "met" if ratio <= TARGETS[key] else "missed"
        print(f"| `python -m hooks check`, {key} | {statistics.median(times[key]):.2f} | **{ratio:.3f}×** "
              f"| ≤ {TARGETS[key]}× ({verdict}) |")
    print("\nruns (s): " + "; ".join(f"{k} {', '.join(f'{t:.2f}' for t in v)}" for k, v in times.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
