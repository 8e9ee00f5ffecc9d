"""Time MkDocs' Markdown renderer (Python-Markdown, with this site's extensions) on runs of characters, and
show what the guard against slow pages (hooks/pages/slow_markdown.py) estimates for each (issue #13).

    python tests/benchmarks/markdown_render.py [--cap 2] [--max-size 256000] [--kind NAME ...]
                                               [--no-limits] [--no-site] [--build N]

For each kind of text, the page is written at 1,000 characters, then 2,000, 4,000 ... until one render
takes --cap seconds or the size reaches --max-size. Each row prints the size, the seconds the render took,
the growth (log2 of the time ratio to the previous size: about 1 is linear, 2 quadratic), the guard's
estimate and whether it refuses the page. The renderer is the one `mkdocs build` makes: MkDocs' own
extensions (toc, tables, fenced_code) and mkdocs.yml's `markdown_extensions` with their settings.

Then, for each kind the guard refuses, the largest page of it the guard lets through (found by bisecting
the estimate), timed: what the limit allows at worst. Then the estimates for the site's own pages, and
the guard's own time on them. With --build N, `python -m hooks build` on a copy of the project with
content/x.md holding N '[' on one line, timed (a timeout of ten minutes).

No randomness: the same text every run. Numbers are for the machine it runs on; the guard's costs per
unit (READINGS in slow_markdown.py) were measured with this script, on the largest size of each kind.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import markdown
import yaml

from hooks.pages.markdown_costs import LIMIT_SECONDS
from hooks.pages.slow_markdown import estimate, problem

MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]
"""The extensions MkDocs always adds (mkdocs.config.defaults: MarkdownExtensions(builtins=...))."""


def renderer_settings() -> tuple[list[str], dict[str, dict]]:
    """mkdocs.yml's markdown_extensions after MkDocs' own, with their settings, as MkDocs hands them over."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    names, settings = list(MKDOCS_BUILTINS), {}
    for entry in config.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in names:
            names.append(name)
        if options:
            settings[name] = options
    return names, settings


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _lines(make_line: Callable[[int], str]) -> Callable[[int], str]:
    """Lines 0, 1, 2 ... of make_line until the text has n characters."""
    def make(n: int) -> str:
        parts, size, i = [], 0, 0
        while size < n:
            parts.append(make_line(i))
            size += len(parts[-1])
            i += 1
        return "".join(parts)
    return make


def _rising_backticks(n: int) -> str:
    return _lines(lambda i: "`" * (i + 1) + " ")(n)


KINDS: dict[str, Callable[[int], str]] = {
    # The runs issue #13 names.
    "[": _repeat("["),
    "![": _repeat("!["),
    "]": _repeat("]"),
    "(": _repeat("("),
    "*": _repeat("*"),
    "_": _repeat("_"),
    "`": _repeat("`"),
    "<": _repeat("<"),
    "&": _repeat("&"),
    "| in a table row": lambda n: "| a | b |\n| - | - |\n" + "|" * n,
    "| table rows": lambda n: "| a | b |\n| - | - |\n" + _repeat("| x | y |\n")(n),
    "> one line, deeper and deeper": lambda n: "> " * (n // 2) + "a",
    "> lines, each one deeper": _lines(lambda i: "> " * i + "a\n"),
    "- one line, deeper and deeper": lambda n: "- " * (n // 2) + "a",
    "1. one line, deeper and deeper": lambda n: "1. " * (n // 3) + "a",
    "- indented, each line deeper": _lines(lambda i: "    " * i + "- a\n"),
    "{": _repeat("{"),
    ":": _repeat(":"),
    "{: attribute lists after a paragraph": lambda n: "p\n" + _repeat("{: .a\n")(n),
    "^[": _repeat("^["),
    "[^": _repeat("[^"),
    "spaces": lambda n: "a" + " " * n + "b",
    "lines of spaces": _repeat(" " * 99 + "\n"),
    "one long line of words": _repeat("word "),
    # What else measuring found.
    "[a](": _repeat("[a]("),
    "[a][": _repeat("[a]["),
    "[[[...]]]": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "[ then links": lambda n: "[" * (n // 4) + "a](b) " + _repeat("[x](y) ")(3 * n // 4),
    "[[[a](b)](b)](b) nested links": lambda n: "[" * (n // 5) + "a" + "](b)" * (n // 5),
    "a<b": _repeat("a<b "),
    "<a then a line": _repeat("<a\n"),
    "<a b='": _repeat("<a b='"),
    "<http://a": _repeat("<http://a"),
    "```a fences never closed": _repeat("```a\n"),
    "``` then spaces, then a word": lambda n: "```" + " " * n + "x\n",
    "<aaa... one long tag name": lambda n: "<" + "a" * n,
    "` | in a table row": lambda n: "| a |\n| - |\n| " + _repeat("`|")(n),
    "` `` ``` rising backtick runs": _rising_backticks,
    "# heading {#a {#a": lambda n: "# h " + _repeat("{#a ")(n),
    "# heading, spaces, {": lambda n: "# h" + " " * (n // 2) + "{a" + "b" * (n // 2),
    "[^a] the same footnote": lambda n: "[^a]: x\n\n" + _repeat("[^a] ")(n),
    "[^1] [^2] ... many footnotes": lambda n: "".join(f"[^{i}]: x\n" for i in range(n // 20)) + "\n" +
                                             "".join(f"[^{i}] " for i in range(n // 20)),
    "\\[ escapes, one paragraph": _repeat("\\["),
    "*a* emphasis, one paragraph": _repeat("*a* "),
    "[a](b) links, one paragraph": _repeat("[a](b) "),
    "&amp; entities, one paragraph": _repeat("&amp; "),
    "<div markdown> nested": _repeat('<div markdown="1">\n'),
    "50 levels of quotes": _repeat("> " * 50 + "word word word\n"),
}


def render_seconds(text: str, names: list[str], settings: dict[str, dict]) -> float | str:
    md = markdown.Markdown(extensions=names, extension_configs=settings)
    started = time.perf_counter()
    try:
        md.convert(text)
    except RecursionError:
        return "RecursionError"
    return time.perf_counter() - started


def _verdict(text: str) -> str:
    refused = problem(text)
    if refused is None:
        return "allowed"
    return "refused (nesting)" if "nested" in refused[1].split(";")[0] else "refused"


def measure(name: str, make: Callable[[int], str], cap: float, max_size: int,
            names: list[str], settings: dict[str, dict]) -> None:
    size, previous = 1000, None
    while size <= max_size:
        text = make(size)
        seconds = render_seconds(text, names, settings)
        guess = estimate(text).seconds
        if isinstance(seconds, str):
            print(f"| {name} | {len(text):,} | {seconds} | | {guess:.3g} | {_verdict(text)} |", flush=True)
            return
        growth = f"{math.log2(seconds / previous):.1f}" if previous and previous > 0.005 else ""
        print(f"| {name} | {len(text):,} | {seconds:.3f} | {growth} | {guess:.3g} | {_verdict(text)} |", flush=True)
        if seconds >= cap:
            return
        previous, size = seconds, size * 2


def worst_allowed(name: str, make: Callable[[int], str], max_size: int,
                  names: list[str], settings: dict[str, dict]) -> None:
    """The largest size (to 1%) the guard lets through, if it refuses one at most max_size, timed."""
    if problem(make(max_size)) is None:
        return
    low, high = 0, max_size
    while high - low > max(10, low // 100):
        mid = (low + high) // 2
        low, high = (mid, high) if problem(make(mid)) is None else (low, mid)
    if low < 10:
        print(f"| {name} | {low:,} | | | refused from the start |", flush=True)
        return
    text = make(low)
    seconds = render_seconds(text, names, settings)
    shown = seconds if isinstance(seconds, str) else f"{seconds:.3f}"
    print(f"| {name} | {len(text):,} | {shown} | {estimate(text).seconds:.3f} | {_verdict(make(high))} at {high:,} |",
          flush=True)


def site_pages() -> None:
    from hooks.data.model import load_config, load_site
    from hooks.pages.render import render_pages

    pages = render_pages(load_site(load_config(ROOT)))
    started = time.perf_counter()
    rows = sorted(((estimate(p.markdown), p) for p in pages), key=lambda row: -row[0].seconds)
    took = time.perf_counter() - started
    print(f"\nThe site's {len(pages)} pages ({sum(len(p.markdown) for p in pages):,} characters): the guard took "
          f"{took:.3f} s; the highest estimates (the limit: {LIMIT_SECONDS} s a page):\n")
    print("| page | characters | estimate (s) | nesting | most of it |\n| --- | ---: | ---: | ---: | --- |")
    for found, page in rows[:5]:
        top = ", ".join(f"{k} {v / 1e9:.2g}" for k, v in sorted(found.ns.items(), key=lambda kv: -kv[1])[:2])
        print(f"| {page.path} | {len(page.markdown):,} | {found.seconds:.4f} | {found.depth[0]} | {top} |")


def build(count: int) -> None:
    """`python -m hooks build` on a copy of the project with a page of `count` '['."""
    with tempfile.TemporaryDirectory(prefix="markdown-render-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for part in ("data", "templates", "content", "hooks", "mkdocs.yml"):
            copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
            copy(ROOT / part, project / part)
        (project / "content" / "x.md").write_text("# X\n\n" + "[" * count + "\n", "utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PILLAR_CACHE": "off"}
        started = time.perf_counter()
        try:
            proc = subprocess.run([sys.executable, "-m", "hooks", "--root", str(project), "build", "--site-dir",
                                   str(Path(tmp) / "site")], env=env, capture_output=True, text=True, timeout=600)
            outcome = f"exit {proc.returncode}"
        except subprocess.TimeoutExpired:
            outcome = "killed after 600 s"
        print(f"\n`python -m hooks build` with {count:,} '[' on one line: {time.perf_counter() - started:.1f} s, {outcome}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cap", type=float, default=2.0, help="stop a kind once a render takes this long (seconds)")
    ap.add_argument("--max-size", type=int, default=256_000, help="the largest page of a kind, in characters")
    ap.add_argument("--kind", action="append", choices=list(KINDS), help="only this kind (repeatable)")
    ap.add_argument("--no-limits", action="store_true", help="skip the worst allowed page of each kind")
    ap.add_argument("--no-site", action="store_true", help="skip the estimates for the site's own pages")
    ap.add_argument("--build", type=int, metavar="N", help="also time `python -m hooks build` with N '['")
    args = ap.parse_args()
    names, settings = renderer_settings()
    kinds = {k: KINDS[k] for k in args.kind} if args.kind else KINDS
    print(f"Python-Markdown {markdown.__version__}, extensions: {', '.join(names)}; settings: {settings}\n")
    print("| text | characters | render (s) | growth | estimate (s) | guard |\n| --- | ---: | ---: | ---: | ---: | --- |")
    for name, make in kinds.items():
        measure(name, make, args.cap, args.max_size, names, settings)
    if not args.no_limits:
        print(f"\nThe largest page of each kind the guard allows (the limit: {LIMIT_SECONDS} s estimated):\n")
        print("| text | characters | render (s) | estimate (s) | the next size up |\n| --- | ---: | ---: | ---: | --- |")
        for name, make in kinds.items():
            worst_allowed(name, make, args.max_size * 4, names, settings)
    if not args.no_site:
        site_pages()
    if args.build:
        build(args.build)


if __name__ == "__main__":
    main()
