"""Benchmark the pipeline against plain MkDocs + Material and LinkChecker, on synthetic sites.

    python tests/benchmarks/run.py [--sizes 100,1000] [--repeat 3] [--linkchecker-timeout 900]
                                   [--skip-linkchecker] [--json FILE]

For each size N, one synthetic copy of the site (tests/benchmarks/synth.py N) is written to a
temporary folder and, on those same pages, measured (medians over --repeat runs, each a fresh
subprocess timed with time.perf_counter, peak memory from /usr/bin/time -v or wait4's rusage):

  a. `python -m mkdocs build -d TMP` in the copy (hooks on, non-strict, PILLAR_FAIL_ON_ERRORS=off)
     vs plain MkDocs + Material building `python -m hooks export` of the copy
     (`python -m mkdocs build -f EXPORT/mkdocs.yml`);
     the hooks build cold (PILLAR_CACHE=off), warm (the cache in COPY/.cache/pillar primed once
     before the repetitions, nothing changed since) and cold with the checks off (PILLAR_CHECKS=off),
     so that what the checks add to a build is measured on its own;
  b. `python -m hooks --root COPY check` vs that plain build (--root is an option of
     `python -m hooks` itself, before the subcommand), cold and warm; both must report the same
     findings or the run stops;
  c. in-process (one fresh interpreter per size): `hooks.checks.links.check_links` over pages parsed the
     way `hooks.checks.run.check_pages` parses them, and the whole `check_pages`; vs LinkChecker over
     the built site's local file URLs (run once per size, with a timeout); each tool's count of
     the planted broken links and anchors;
  d. growth from the smallest to the largest size (time ratio vs page ratio);
  e. peak memory (MB) of each.

The last lines printed are Markdown tables. The planted false claims are error findings, which
fail `mkdocs build` on purpose, so every hooks build here runs non-strict with
PILLAR_FAIL_ON_ERRORS=off: the checks run and every finding is logged exactly as in a failing
build (the failure itself is the last step, after the build's work), only the exit is 0, so the
time measured is that of a real build. Temporary folders are removed at the end.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import io
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# LinkChecker from this Python, as `python -m hooks linkcheck` runs it (why: that script\'s docstring).
LINKCHECKER = [sys.executable, str(ROOT / "hooks" / "checks" / "linkchecker_main.py")]
TIME_BIN = Path("/usr/bin/time")
CHECK_DATE = "2026-11-24"
LINK_CODES = ("link-missing-page", "link-missing-anchor")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PILLAR_CHECK_DATE"] = CHECK_DATE
    env.pop("PYTHONPATH", None)  # each command imports `hooks` from the copy it runs in
    return env


# --- running one measured subprocess ------------------------------------------------------------

class Run:
    def __init__(self, seconds: float, rss_mb: float | None, code: int | None, stdout: str, stderr: str,
                 timed_out: bool):
        self.seconds, self.rss_mb, self.code = seconds, rss_mb, code
        self.stdout, self.stderr, self.timed_out = stdout, stderr, timed_out


_RSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")


def measure(cmd: list[str], cwd: Path, timeout: float | None = None, env: dict[str, str] | None = None) -> Run:
    """Run cmd in a fresh process; wall time (perf_counter) and the peak RSS of that process tree.

    With /usr/bin/time -v the RSS is its report; otherwise the rusage wait4() returns for the child
    (resource.getrusage(RUSAGE_CHILDREN) cannot separate one child from the previous ones)."""
    use_time = TIME_BIN.exists()
    full = [str(TIME_BIN), "-v", *cmd] if use_time else cmd
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, env={**bench_env(), **(env or {})}, stdout=out, stderr=err, start_new_session=True)
        fired = threading.Event()

        def kill() -> None:
            fired.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    rss = None
    if use_time:
        found = _RSS.findall(stderr)
        if found:
            rss = int(found[-1]) / 1024
        stderr = stderr.split("\tCommand being timed:")[0]
    if rss is None:
        rss = usage.ru_maxrss / 1024  # kilobytes on Linux
    return Run(seconds, rss, None if fired.is_set() else proc.returncode, stdout, stderr, fired.is_set())


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- the in-process link check (runs in its own interpreter, see main's "_inproc") ---------------

def inproc(root: Path, repeat: int, day: str) -> dict:
    """Time hooks.links.check_links and hooks.checks.check_pages in this process."""
    sys.path.insert(0, str(root))
    os.chdir(root)
    from hooks.checks.links import check_links
    from hooks.checks.run import check_pages
    from hooks.pages.markdown import parse
    from hooks.pages.origin import Origins
    from hooks.publish import engine

    check_day = dt.date.fromisoformat(day)
    times: dict[str, list[float]] = {"load_render": [], "parse": [], "check_links": [], "check_pages": []}
    t = time.perf_counter()
    site, pages = engine.build_pages(root)  # once: the timed checks below do not change the pages
    times["load_render"].append(time.perf_counter() - t)
    t = time.perf_counter()
    parsed = {p.path: parse(p.markdown) for p in pages}  # as check_pages does
    times["parse"].append(time.perf_counter() - t)
    content_dir = site.project.docs_dir
    assets = {p.relative_to(content_dir).as_posix() for p in content_dir.rglob("*")
              if p.is_file() and p.suffix != ".md"} if content_dir.is_dir() else set()
    counts: dict[str, int] = {}
    for _ in range(repeat):
        locate = Origins(site).locate
        t = time.perf_counter()
        link_findings, _graph = check_links(pages, parsed, assets, locate, [])
        times["check_links"].append(time.perf_counter() - t)
        t = time.perf_counter()
        findings = check_pages(site, pages, [], check_day)  # parses every page itself, then all the checks
        times["check_pages"].append(time.perf_counter() - t)
        counts = {code: sum(1 for f in link_findings if f.code == code) for code in LINK_CODES}
        counts["check_pages_errors"] = sum(1 for f in findings if f.severity == "error")
    return {"times": times, "counts": counts, "pages": len(pages)}


# --- reading each tool's findings ---------------------------------------------------------------

def hooks_counts(check_json: str, planted: dict) -> dict:
    doc = json.loads(check_json)
    findings = doc["findings"]
    notes = [f for f in findings if f["file"].startswith("content/notes/")]
    claim_codes = {c["code"] for c in planted["false_claims"]}
    return {
        "link-missing-page": sum(1 for f in findings if f["code"] == "link-missing-page"),
        "link-missing-anchor": sum(1 for f in findings if f["code"] == "link-missing-anchor"),
        "claims": sum(1 for f in notes if f["code"] in claim_codes and f["severity"] == "error"),
        "errors": doc["summary"]["errors"],
        "warnings": doc["summary"]["warnings"],
        "pages": len(doc.get("pages", [])),
    }


def mkdocs_link_warnings(stderr: str) -> dict:
    """MkDocs' own validation (validation: links/anchors: warn) of the same links."""
    return {"link-missing-page": len(re.findall(r"is not found among documentation files", stderr)),
            "link-missing-anchor": len(re.findall(r"does not contain an anchor", stderr))}


def linkchecker_counts(csv_text: str, planted: dict) -> dict:
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in csv_text.splitlines()
                                                      if not line.startswith("#"))), delimiter=";"))
    errors = [r for r in rows if r.get("valid") == "False" and (r.get("url") or "").startswith("file:")]
    anchors = [r for r in rows if re.search(r"Anchor `[^']*' .*not found", r.get("warningstring") or "")]
    unchecked = [r for r in rows if "directory with an anchor" in (r.get("warningstring") or "")]
    broken = errors + anchors
    found = 0
    for p in planted["broken_links"]:
        path, _, anchor = p["href"].partition("#")
        if p["code"] == "link-missing-page":
            found += any(r["urlname"] == p["href"] for r in broken)
        else:
            std = Path(path).stem
            found += any(f"{std}/#{anchor}" in (r.get("url") or "") for r in broken)
    return {"errors": len(errors), "anchor_warnings": len(anchors), "unchecked_anchors": len(unchecked),
            "planted_found": found, "rows": len(rows)}


# --- one size -----------------------------------------------------------------------------------

def bench_size(n: int, repeat: int, lc_timeout: float, skip_lc: bool) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"pillar-bench-{n}-"))
    os.chmod(tmp, 0o755)  # LinkChecker drops root privileges to `nobody`, which must read the site
    try:
        copy, export, site_hooks, site_plain = tmp / "copy", tmp / "export", tmp / "site-hooks", tmp / "site-plain"
        log(f"N={n}: writing the synthetic site")
        r = measure([sys.executable, str(HERE / "synth.py"), str(n), str(copy)], ROOT)
        if r.code != 0:
            raise SystemExit(f"synth.py failed:\n{r.stdout}{r.stderr}")
        print("  " + r.stdout.strip().replace("\n", "\n  "), flush=True)
        planted = json.loads((copy / "planted.json").read_text("utf-8"))
        r = measure([sys.executable, "-m", "hooks", "--root", str(copy), "export", str(export)], copy)
        if r.code != 0:
            raise SystemExit(f"export failed:\n{r.stdout}{r.stderr}")
        keys = ("hooks_build", "hooks_build_warm", "hooks_build_nocheck", "plain_build", "hooks_check", "hooks_check_warm")
        res: dict = {"n": n, "pages": planted["pages"], "planted": planted["planted"],
                     "times": {k: [] for k in keys}, "rss": {k: [] for k in keys}}
        # Report the planted false claims, do not fail on them (see the module's docstring).
        report_only = {"PILLAR_FAIL_ON_ERRORS": "off"}
        cold, warm = {**report_only, "PILLAR_CACHE": "off"}, report_only
        no_checks = {**report_only, "PILLAR_CACHE": "off", "PILLAR_CHECKS": "off"}
        check_cmd = [sys.executable, "-m", "hooks", "--root", str(copy), "check", "--date", CHECK_DATE, "--format", "json"]
        build_cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(site_hooks)]
        log(f"N={n}: priming the cache (.cache/pillar in the copy) for the warm runs")
        measure(check_cmd, copy)
        for i in range(repeat):
            for key, cmd, cwd, env in (
                ("hooks_build", build_cmd, copy, cold),
                ("hooks_build_warm", build_cmd, copy, warm),
                ("hooks_build_nocheck", build_cmd, copy, no_checks),
                ("plain_build", [sys.executable, "-m", "mkdocs", "build", "-f", str(export / "mkdocs.yml"),
                                 "-d", str(site_plain)], export, None),
                ("hooks_check", check_cmd, copy, cold),
                ("hooks_check_warm", check_cmd, copy, None),
            ):
                shutil.rmtree(site_hooks if key.startswith("hooks_build") else site_plain, ignore_errors=True)
                run = measure(cmd, cwd, env=env)
                ok = run.code == 0 or (key.startswith("hooks_check") and run.code == 1)  # 1: findings (planted)
                if not ok:
                    raise SystemExit(f"{key} failed (exit {run.code}):\n{run.stderr[-3000:]}")
                res["times"][key].append(run.seconds)
                res["rss"][key].append(run.rss_mb)
                log(f"N={n} rep {i + 1}/{repeat}: {key} {run.seconds:.2f} s, {run.rss_mb:.0f} MB")
                if i == 0 and key in ("hooks_check", "hooks_check_warm"):
                    res.setdefault("found", {})[key] = hooks_counts(run.stdout, planted)
                if i == 0 and key == "plain_build":
                    res["mkdocs_found"] = mkdocs_link_warnings(run.stderr)
        res["hooks_found"] = res["found"]["hooks_check"]
        if res["found"]["hooks_check_warm"] != res["hooks_found"]:
            raise SystemExit(f"warm and cold checks disagree: {res['found']}")
        # LinkChecker reads the last hooks build: rebuild it with the checks on, as a user would.
        r = measure(build_cmd, copy, env=report_only)
        if r.code != 0:
            raise SystemExit(f"hooks build for LinkChecker failed (exit {r.code}):\n{r.stderr[-3000:]}")
        log(f"N={n}: in-process check_links / check_pages ({repeat} reps after one render, in one fresh interpreter)")
        run = measure([sys.executable, str(Path(__file__).resolve()), "_inproc", str(copy), str(repeat),
                       planted["check_date"]], copy)
        if run.code != 0:
            raise SystemExit(f"in-process check failed:\n{run.stderr[-3000:]}")
        ip = json.loads(run.stdout.strip().splitlines()[-1])
        res["inproc"] = {k: median(v) for k, v in ip["times"].items()}
        res["inproc_counts"] = ip["counts"]
        res["rss"]["inproc"] = [run.rss_mb]
        log(f"N={n}: check_links {res['inproc']['check_links']:.3f} s, check_pages {res['inproc']['check_pages']:.2f} s")
        if skip_lc or importlib.util.find_spec("linkcheck") is None:
            res["linkchecker"] = None
        else:
            rc = ROOT / "linkcheckerrc"
            cmd = [*LINKCHECKER, *(["-f", str(rc)] if rc.exists() else []), "--no-status", "-o", "csv",
                   (site_hooks / "index.html").as_uri()]
            log(f"N={n}: LinkChecker over {site_hooks} (timeout {lc_timeout:.0f} s)")
            run = measure(cmd, tmp, timeout=lc_timeout)
            res["linkchecker"] = {"seconds": run.seconds, "timed_out": run.timed_out, "rss": run.rss_mb,
                                  "code": run.code}
            if not run.timed_out:
                res["linkchecker"].update(linkchecker_counts(run.stdout, planted))
            log(f"N={n}: LinkChecker {'> timeout' if run.timed_out else f'{run.seconds:.1f} s'} (exit {run.code})")
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- the report ---------------------------------------------------------------------------------

def fmt_s(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}"


def fmt_r(x: float | None) -> str:
    return "n/a" if x is None or math.isnan(x) or math.isinf(x) else f"{x:.2f}×"


def lc_time(res: dict, timeout: float) -> str:
    lc = res.get("linkchecker")
    if lc is None:
        return "skipped"
    return f"> {timeout:.0f} (timeout)" if lc["timed_out"] else fmt_s(lc["seconds"])


def lc_seconds(res: dict) -> float | None:
    lc = res.get("linkchecker")
    return None if lc is None or lc["timed_out"] else lc["seconds"]


def report(results: list[dict], repeat: int, timeout: float) -> str:
    out: list[str] = []
    sizes = [r["n"] for r in results]
    head = "| | " + " | ".join(f"N={n} ({r['pages']} pages)" for n, r in zip(sizes, results, strict=True)) + " |"
    sep = "| --- |" + " ---: |" * len(results)

    def row(label: str, values: list[str]) -> None:
        out.append(f"| {label} | " + " | ".join(values) + " |")

    t = {k: [median(r["times"][k]) for r in results] for k in results[0]["times"]}
    links = [r["inproc"]["check_links"] for r in results]
    pages_t = [r["inproc"]["check_pages"] for r in results]
    lcs = [lc_seconds(r) for r in results]
    out.append(f"### Times (s, median of {repeat}; LinkChecker one run)")
    out.append("")
    out += [head, sep]
    row("a. plain MkDocs + Material (exported pages)", [fmt_s(x) for x in t["plain_build"]])
    row("a. full build with hooks (`mkdocs build`), cold: no cache", [fmt_s(x) for x in t["hooks_build"]])
    row("a. full build with hooks, warm cache (nothing changed)", [fmt_s(x) for x in t["hooks_build_warm"]])
    row("a. full build with hooks, checks off (`PILLAR_CHECKS=off`), cold", [fmt_s(x) for x in t["hooks_build_nocheck"]])
    row("a. **overhead, cold**: hooks build / plain build",
        [fmt_r(a / b) for a, b in zip(t["hooks_build"], t["plain_build"], strict=True)])
    row("a. **overhead, warm**: hooks build / plain build",
        [fmt_r(a / b) for a, b in zip(t["hooks_build_warm"], t["plain_build"], strict=True)])
    row("a. what checking adds to the build (cold): with / without checks",
        [fmt_r(a / b) for a, b in zip(t["hooks_build"], t["hooks_build_nocheck"], strict=True)])
    row("b. `python -m hooks check` alone, cold", [fmt_s(x) for x in t["hooks_check"]])
    row("b. `python -m hooks check` alone, warm cache", [fmt_s(x) for x in t["hooks_check_warm"]])
    row("b. **check cold / plain build**", [fmt_r(a / b) for a, b in zip(t["hooks_check"], t["plain_build"], strict=True)])
    row("b. **check warm / plain build**", [fmt_r(a / b) for a, b in zip(t["hooks_check_warm"], t["plain_build"], strict=True)])
    row("c. `check_links` (in-process)", [fmt_s(x) for x in links])
    row("c. whole `check_pages` (in-process)", [fmt_s(x) for x in pages_t])
    row("c. (for reference: load + render, in-process)", [fmt_s(r["inproc"]["load_render"]) for r in results])
    row("c. (for reference: parse every page, in-process)", [fmt_s(r["inproc"]["parse"]) for r in results])
    row("c. LinkChecker over the built site (file URLs)", [lc_time(r, timeout) for r in results])
    row("c. LinkChecker / `check_links`", [fmt_r(lc / own) if lc else "n/a" for lc, own in zip(lcs, links, strict=True)])
    row("c. LinkChecker / `check_pages`", [fmt_r(lc / p) if lc else "n/a" for lc, p in zip(lcs, pages_t, strict=True)])
    out.append("")
    out.append("### Peak memory (MB, max RSS of the process)")
    out.append("")
    out += [head, sep]
    row("`mkdocs build` with hooks", [f"{max(r['rss']['hooks_build']):.0f}" for r in results])
    row("plain `mkdocs build`", [f"{max(r['rss']['plain_build']):.0f}" for r in results])
    row("`mkdocs build` with hooks, warm cache", [f"{max(r['rss']['hooks_build_warm']):.0f}" for r in results])
    row("`python -m hooks check`, cold", [f"{max(r['rss']['hooks_check']):.0f}" for r in results])
    row("`python -m hooks check`, warm", [f"{max(r['rss']['hooks_check_warm']):.0f}" for r in results])
    row("in-process timing run (render + check_pages)", [f"{max(r['rss']['inproc']):.0f}" for r in results])
    row("LinkChecker", [("n/a" if not r.get("linkchecker") or r["linkchecker"]["rss"] is None
                         else f"{r['linkchecker']['rss']:.0f}" + (" (at timeout)" if r["linkchecker"]["timed_out"] else ""))
                        for r in results])
    if len(results) > 1:
        a, b = results[0], results[-1]
        pr = b["pages"] / a["pages"]
        out.append("")
        out.append(f"### Growth from N={a['n']} to N={b['n']} (pages ×{pr:.2f}; exponent k in time ∝ pages^k)")
        out.append("")
        out.append("| | time ratio | pages ratio | k |")
        out.append("| --- | ---: | ---: | ---: |")

        def grow(label: str, x: float | None, y: float | None, lower: bool = False) -> None:
            if x is None or y is None or x <= 0:
                out.append(f"| {label} | n/a | {pr:.2f} | n/a |")
                return
            ratio = y / x
            k = math.log(ratio) / math.log(pr) if pr > 1 and ratio > 0 else float("nan")
            bound = "≥ " if lower else ""
            out.append(f"| {label} | {bound}{ratio:.1f}× | {pr:.2f} | {bound}{k:.2f} |")

        grow("full build with hooks (cold)", t["hooks_build"][0], t["hooks_build"][-1])
        grow("plain MkDocs build", t["plain_build"][0], t["plain_build"][-1])
        grow("`python -m hooks check` (cold)", t["hooks_check"][0], t["hooks_check"][-1])
        grow("`python -m hooks check` (warm)", t["hooks_check_warm"][0], t["hooks_check_warm"][-1])
        grow("`check_links`", links[0], links[-1])
        grow("`check_pages`", pages_t[0], pages_t[-1])
        last_lc = b.get("linkchecker")
        if last_lc and last_lc["timed_out"] and lcs[0]:
            grow("LinkChecker", lcs[0], timeout, lower=True)
        else:
            grow("LinkChecker", lcs[0], lcs[-1])
    out.append("")
    out.append("### Planted faults found (broken links: missing page + missing anchor; false claims)")
    out.append("")
    out.append("| N | planted | `hooks check` | `check_links` | MkDocs validation warnings "
               "| LinkChecker (errors + anchor warnings) | LinkChecker anchors it could not check |")
    out.append("| ---: | --- | --- | --- | --- | --- | ---: |")
    for r in results:
        p = r["planted"]
        h = r.get("hooks_found", {})
        ic = r["inproc_counts"]
        m = r.get("mkdocs_found", {})
        lc = r.get("linkchecker")
        if lc is None:
            lc_s, lc_u = "skipped", "n/a"
        elif lc["timed_out"]:
            lc_s, lc_u = "timeout", "n/a"
        else:
            lc_s = (f"{lc['errors']} + {lc['anchor_warnings']} = {lc['errors'] + lc['anchor_warnings']} "
                    f"({lc['planted_found']}/{p['broken_links']} planted)")
            lc_u = str(lc["unchecked_anchors"])
        out.append(
            f"| {r['n']} | {p['missing_pages']} + {p['missing_anchors']} links; {p['false_claims']} claims "
            f"| {h.get('link-missing-page', '?')} + {h.get('link-missing-anchor', '?')} links; {h.get('claims', '?')} claims "
            f"({h.get('errors', '?')} errors, {h.get('warnings', '?')} warnings in all) "
            f"| {ic.get('link-missing-page', '?')} + {ic.get('link-missing-anchor', '?')} "
            f"| {m.get('link-missing-page', '?')} + {m.get('link-missing-anchor', '?')} "
            f"| {lc_s} | {lc_u} |")
    return "\n".join(out) + "\n"


def machine() -> str:
    def version(mod: str) -> str:
        try:
            from importlib.metadata import version as v
            return v(mod)
        except Exception:
            return "?"
    lc = subprocess.run([*LINKCHECKER, "--version"], capture_output=True, text=True).stdout.split("\n")[0] \
        if importlib.util.find_spec("linkcheck") else "not installed"
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    return (f"Machine: {os.cpu_count()} CPUs (nproc {nproc}), "
            f"{platform.platform()}, Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
            f"Material {version('mkdocs-material')}, {lc.strip()}; memory from "
            f"{'/usr/bin/time -v' if TIME_BIN.exists() else 'wait4 rusage'}.")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_inproc":
        print(json.dumps(inproc(Path(argv[1]), int(argv[2]), argv[3])))
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100,1000", help="comma-separated numbers of synthetic standards")
    p.add_argument("--repeat", type=int, default=3, help="repetitions per measurement (the median is reported)")
    p.add_argument("--linkchecker-timeout", type=float, default=900.0, help="seconds before LinkChecker is stopped")
    p.add_argument("--skip-linkchecker", action="store_true")
    p.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    args = p.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or args.repeat < 1:
        p.error("expected at least one size and --repeat >= 1")
    started = time.perf_counter()
    log(machine())
    results = [bench_size(n, args.repeat, args.linkchecker_timeout, args.skip_linkchecker) for n in sizes]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", "utf-8")
    print()
    print(f"## Benchmark: sizes {', '.join(map(str, sizes))} synthetic standards, repeat {args.repeat}")
    print()
    print(machine())
    print()
    print(report(results, args.repeat, args.linkchecker_timeout), end="")
    print(f"\nTotal benchmark time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
