"""Time the check of one 1.5 MB page of pathological text on the real site (issue #10: under 5 s).

    python tests/benchmarks/pathological.py [--repeat 3] [--size 1500000] [--kind KIND ...] [--keep DIR]
                                            [--no-profile]

Writes a page deterministically (no randomness: the same bytes every run) into a temporary
folder: a mix of the text that has stalled parsers and regexes before, section by section,
each about the same share of the size:

  - long runs of spaces inside sentences, before ";" and before a dash;
  - floods of "[" , "(" and "]" (on one line and over many short lines), and of "](" and "[^";
  - unclosed quotation marks (" “ ‘) and backticks;
  - thousands of look-alike names ("ІSO 9001" in Cyrillic letters, mixed-script words);
  - very long lines of prose without a full stop;
  - all of these mixed in one paragraph, line after line.

With --kind, the whole page is of that kind (the worst case of each, at full size).

Then runs `python -m hooks --no-cache check PAGE --date 2026-11-24 --format json` in the project
(cache off) `--repeat` times, each a fresh subprocess timed by wall clock, and prints the
median; then one more run under cProfile, from which it prints what share of that run went to
Markdown parsing (markdown-it-py, and our walk of its tokens), sentence and clause splitting,
normalization, the gazetteer, the NLP parse and the rest. The shares nest (normalization
runs inside splitting), so they do not add up to 100%.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK_DATE = "2026-11-24"
TARGET = 5.0
"""Seconds: issue #10's target for the whole check of the site with this page."""

PROSE = ("ISO 9001 certification is issued by an accredited certification body, not by ISO. "
         "UKAS accredits certification bodies in the United Kingdom. ")


def _spaces(size: int) -> str:
    parts = []
    n = 0
    while n < size:
        for run in (20_000, 5_000, 300):
            for line in (f"ISO 9001 is{' ' * run}x. ", f"ISO 14001 is{' ' * run}; it is. ",
                         f"ISO 45001 is{' ' * run}— it is.  ", f"The registrar{' ' * run}issues it. "):
                parts.append(line)
                n += len(line)
        parts.append("\n\n")
    return "".join(parts)


def _brackets(size: int) -> str:
    share = size // 9
    return "\n\n".join([
        "[" * share,                                           # one line of "["
        "\n".join(["[" * 1000 + " text"] * (share // 1006)),   # many lines of "["
        "(" * share,
        "]" * share,
        "![" * (share // 2),
        "Intro " + "[a " * (share // 6) + " ISO " + "(" * (share // 2) + " end.",
        "](" * (share // 2),
        "\n".join(["[^a " * 200] * (share // 800)),
        "[" * (share // 4) + "a link](to/a/page.md) and " + "[x](y) " * (share // 14),  # a flood, then links
    ])


def _quotes(size: int) -> str:
    share = size // 5
    return "\n\n".join([
        '"' * share,
        "“" * (share // 2) + " ISO issues certificates " + "“" * (share // 2),
        "\n".join(["‘ISO issues certificates " * 40] * (share // 1000)),
        "A." + '"' * share + " b",
        "`" * share,
    ])


def _lookalikes(size: int) -> str:
    words = ("ІSO 9001 is certified by ІSO. ", "The ΙSO 14001 certificate, issued by UΚAS, is valid. ",
             "Оur ІЅО сеrtifiсаtе. ", "ISO‍ 9001 with a zero-width joiner. ")
    parts = []
    n = 0
    i = 0
    while n < size:
        w = words[i % len(words)]
        parts.append(w)
        n += len(w)
        i += 1
        if i % 200 == 0:
            parts.append("\n\n")
    return "".join(parts)


def _long_lines(size: int) -> str:
    words = PROSE.replace(".", "").split()
    line = " ".join(words[i % len(words)] for i in range(size // 16))
    return line[: size // 2] + "\n\n" + ("and " * (size // 8))[: size // 2]


def _mixed(size: int) -> str:
    pieces = ["ISO 9001 [[[[ is ((((  issued   by ]]]] ІSO “ and ‘ ",
              "the registrar `code ", "<div class=\"x\" ", "<!-- unclosed ", "{#a ",
              " " * 500, "![alt", "](", "[^1", ". ", PROSE]
    parts = []
    n = 0
    i = 0
    while n < size:
        p = pieces[i % len(pieces)] + pieces[(i * 7) % len(pieces)]
        parts.append(p)
        n += len(p)
        i += 1
        if i % 50 == 0:
            parts.append("\n")
        if i % 500 == 0:
            parts.append("\n")
    return "".join(parts)


KINDS = {
    "runs of spaces": _spaces,
    "bracket floods": _brackets,
    "unclosed quotes": _quotes,
    "look-alike names": _lookalikes,
    "very long lines": _long_lines,
    "mixed": _mixed,
}


def _draft(size: int, kinds: list[str]) -> str:
    share = size // len(kinds)
    sections = [f"# Pathological text\n\n{PROSE}\n"]
    for name in kinds:
        sections.append(f"## {name.capitalize()}\n\n{KINDS[name](share)}\n")
    return "\n".join(sections)


def page(size: int, kinds: list[str] | None = None) -> str:
    """The page, about `size` bytes in UTF-8: a title, then each kind's section (an equal share each)."""
    kinds = kinds or list(KINDS)
    draft = _draft(size, kinds)
    return _draft(size * len(draft) // len(draft.encode("utf-8")), kinds)


# What a profile's time is spent on: (label, file suffix, function name) of a function whose
# cumulative time counts.
STAGES = [
    ("whole check (cli.main)", "hooks/cli.py", "main"),
    ("site load and render (engine.build_pages)", "hooks/publish/engine.py", "build_pages"),
    ("Markdown parsing in all (markdown_text.parse)", "hooks/pages/markdown.py", "parse"),
    ("  of which markdown-it-py (MarkdownIt.parse)", "markdown_it/main.py", "parse"),
    ("claims: clauses and sentences (sentences.clauses)", "hooks/checks/claims/sentences.py", "clauses"),
    ("claims: text tricks (sentences.tricks)", "hooks/checks/claims/sentences.py", "tricks"),
    ("  normalization (normalize.normalize)", "hooks/checks/claims/normalize.py", "normalize"),
    ("  markup blanking (sentences.clean)", "hooks/checks/claims/sentences.py", "clean"),
    ("gazetteer (Gazetteer._find)", "hooks/checks/claims/gazetteer.py", "_find"),
    ("NLP parse (syntax.parse_all)", "hooks/checks/claims/syntax.py", "parse_all"),
    ("NLP parse, single (syntax.parse)", "hooks/checks/claims/syntax.py", "parse"),
    ("NLP pipeline load (syntax.nlp)", "hooks/checks/claims/syntax.py", "nlp"),
    ("claims: judging (Checker._judge)", "hooks/checks/claims/checker.py", "_judge"),
    ("links (links.check_links)", "hooks/checks/links.py", "check_links"),
]


def breakdown(profile: Path) -> list[tuple[str, float]]:
    stats = pstats.Stats(str(profile))
    raw = stats.stats  # type: ignore[attr-defined]
    rows = []
    for label, suffix, name in STAGES:
        total = sum(cum for (file, _line, func), (_cc, _nc, _tt, cum, _callers) in raw.items()
                    if func == name and file.replace(os.sep, "/").endswith(suffix))
        rows.append((label, total))
    return rows


def run_check(page_path: Path, env: dict[str, str], profile: Path | None = None) -> tuple[float, dict]:
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "hooks", "--no-cache", "check", str(page_path), "--date", CHECK_DATE, "--format", "json"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.exit(f"the check did not print JSON (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds, doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--size", type=int, default=1_500_000, help="bytes of page text (default 1.5 million, 1.5 MB)")
    ap.add_argument("--keep", type=Path, help="write the page here and keep it")
    ap.add_argument("--kind", action="append", choices=list(KINDS),
                    help="only this kind of text (repeatable; default: all of them, an equal share each)")
    ap.add_argument("--no-profile", action="store_true")
    args = ap.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PILLAR_CACHE": "off", "PILLAR_CHECK_DATE": CHECK_DATE}
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory(prefix="pathological-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        text = page(args.size, args.kind)
        page_path = folder / "pathological.md"
        page_path.write_text(text, "utf-8")
        size = page_path.stat().st_size
        print(f"page: {len(text):,} characters, {size:,} bytes, {text.count(chr(10)):,} lines ({page_path})")
        times = []
        findings: dict[str, int] = {}
        for i in range(args.repeat):
            seconds, doc = run_check(page_path, env)
            times.append(seconds)
            findings = {}
            for f in doc["findings"]:
                if f["file"].endswith("pathological.md"):
                    findings[f["code"]] = findings.get(f["code"], 0) + 1
            print(f"run {i + 1}: {seconds:.2f} s")
        med = statistics.median(times)
        print(f"findings on the page: {dict(sorted(findings.items()))}")
        rows: list[tuple[str, float]] = []
        if not args.no_profile:
            profile = folder / "check.prof"
            run_check(page_path, env, profile)
            rows = breakdown(profile)
        print()
        print("| | seconds |\n| --- | ---: |")
        print(f"| `python -m hooks --no-cache check` with the {size / 1e6:.2f} MB page, median of {args.repeat} "
              f"| **{med:.2f}** ({'met' if med < TARGET else 'missed'}: target under {TARGET:.0f} s) |")
        print(f"| runs | {', '.join(f'{t:.2f}' for t in times)} |")
        if rows:
            whole = rows[0][1] or 1.0
            print(f"\nOne more run under cProfile ({whole:.2f} s with the profiler's overhead); cumulative time, shares nest:\n")
            print("| stage | seconds | share |\n| --- | ---: | ---: |")
            for label, seconds in rows:
                print(f"| {label} | {seconds:.2f} | {100 * seconds / whole:.0f}% |")


if __name__ == "__main__":
    main()
