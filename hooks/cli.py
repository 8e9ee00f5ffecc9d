"""The command line: every check runs here without MkDocs.

    python -m hooks [--root DIR] [--no-cache] check [PATH ...] [--format text|json|github|sarif] [--notes] [--date YYYY-MM-DD]
    python -m hooks export OUTDIR
    python -m hooks build [--site-dir DIR] [--strict] [--lock-timeout SECONDS]
    python -m hooks schema [OUTDIR]
    python -m hooks docs [--check]
    python -m hooks links [--output FILE]
    python -m hooks linkcheck [--site-dir DIR]
    python -m hooks external [--site-dir DIR]

Exit codes: 0 no errors, 1 errors found, 2 unusable arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

from hooks.core.findings import DataError, Findings
from hooks.core.project import CONFIG_FILE, Project, config_file, find_root
from hooks.data.model import Config, load_config
from hooks.publish import engine
from hooks.reports import formats as report


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 already; keep its wording, drop the traceback risk
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2026-11-24, received {value!r}") from None


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m hooks", description="Build and check the ISO certification pillar site.")
    p.add_argument("--root", type=Path, default=None, help="the project folder (default: the one holding mkdocs.yml)")
    p.add_argument("--no-cache", action="store_true",
                   help="recompute everything; do not read or write .cache/pillar/ (same as PILLAR_CACHE=off)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    c = sub.add_parser("check", help="load, validate, render and check everything; print findings")
    c.add_argument("paths", nargs="*", type=Path, help="extra Markdown files to check as pages of the site")
    c.add_argument("--format", choices=sorted(report.FORMATS), default="text")
    c.add_argument("--notes", action="store_true",
                   help="list notes (such as sources no page cites) in text, github and sarif too; json always does")
    c.add_argument("--date", type=_date, default=None, help="check as of this day (default: today)")
    e = sub.add_parser("export", help="write the rendered site sources for plain MkDocs")
    e.add_argument("outdir", type=Path)
    b = sub.add_parser("build", help="build the site atomically: site/ is replaced only on success; any error finding fails it")
    b.add_argument("--site-dir", type=Path, default=None)
    b.add_argument("--strict", action="store_true", help="fail on warnings too (as mkdocs build --strict)")
    b.add_argument("--lock-timeout", type=float, default=None, metavar="SECONDS",
                   help="give up after this long if another build of the same site folder is running (default: wait)")
    s = sub.add_parser("schema", help="write a JSON Schema per kind of data file")
    s.add_argument("outdir", type=Path, nargs="?", default=None)
    d = sub.add_parser("docs", help="write the tables of codes in README.md and CONTRIBUTING.md from hooks/core/codes.yaml")
    d.add_argument("--check", action="store_true", help="only say which file is out of date (exit 1), writing nothing")
    lk = sub.add_parser("links", help="write each page's inbound and outbound internal links as JSON")
    lk.add_argument("--output", type=Path, default=None)
    lc = sub.add_parser("linkcheck", help="run LinkChecker over the built site (internal links and anchors)")
    lc.add_argument("--site-dir", type=Path, default=None)
    ex = sub.add_parser("external", help="check external links in the built site (needs network; cached)")
    ex.add_argument("--site-dir", type=Path, default=None)
    ex.add_argument("--format", choices=sorted(report.FORMATS), default="text")
    n = sub.add_parser("new", help="write a skeleton data file to fill in")
    n.add_argument("kind", choices=["standard", "concept", "organization", "source"])
    n.add_argument("name")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = (args.root or find_root()).resolve()
    if args.no_cache:
        os.environ["PILLAR_CACHE"] = "off"  # an environment variable so the MkDocs hooks see it too
    if not config_file(root).exists():
        print(f"error: no {CONFIG_FILE} in {root} or above. Run from the project folder or pass --root.", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](root, args)
    except KeyboardInterrupt:
        return 130


def _check(root: Path, args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.is_file()]
    if missing:
        print(f"error: no such file: {missing[0]}", file=sys.stderr)
        return 2
    from hooks.core.forking import cores

    # Absolute, so a file outside the project is told from one inside (SARIF: a file: URI, not a relative one).
    extra = [p.resolve() for p in args.paths]
    result = engine.run(root, extra=extra, check_date=args.date, workers=cores())
    options = report.Options(notes=args.notes, root=root,
                             repository=_repository(root) if args.format == "sarif" else None)
    if args.format == "json":
        out = report.as_json(result.findings, options, check_date=result.check_date.isoformat(),
                             pages=[p.path for p in result.pages])
    else:
        out = report.FORMATS[args.format](result.findings, options)
    sys.stdout.write(out)
    return 0 if result.ok else 1


def _repository(root: Path) -> str | None:
    """The repository's web address: mkdocs.yml's repo_url, else the one GitHub Actions runs for, else None."""
    try:
        doc = load_config(root).doc
    except DataError:
        doc = None  # the check reports it
    url = doc.get(("repo_url",)) if doc else None
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        return url.rstrip("/")
    server, repo = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    return f"{server.rstrip('/')}/{repo}" if server and repo else None


def _export(root: Path, args: argparse.Namespace) -> int:
    from hooks.publish.export import export

    result = engine.run(root, checks=False)
    if result.site is None:
        sys.stderr.write(report.as_text(result.findings))
        return 1
    try:
        export(result.site, result.pages, args.outdir)
    except DataError as exc:
        sys.stderr.write(report.as_text(Findings(exc.findings)))
        return 1
    print(f"exported {len(result.pages)} pages to {args.outdir}")
    return 0


def _build(root: Path, args: argparse.Namespace) -> int:
    from hooks.publish.atomic import build

    return build(root, args.site_dir, strict=args.strict, lock_timeout=args.lock_timeout)


def _config(root: Path) -> Config | None:
    """mkdocs.yml read, or None with its located errors printed."""
    try:
        return load_config(root)
    except DataError as exc:
        print("\n".join(f.as_text() for f in exc.findings), file=sys.stderr)
        return None


def _project(root: Path) -> Project | None:
    config = _config(root)
    return config.project if config else None


def _schema(root: Path, args: argparse.Namespace) -> int:
    from hooks.data.jsonschema import write_schemas

    project = _project(root)
    if project is None:
        return 1
    written = write_schemas(args.outdir or project.schemas_dir)
    print("\n".join(str(p) for p in written))
    return 0


def _docs(root: Path, args: argparse.Namespace) -> int:
    from hooks.reports.tables import DOCS, update

    stale = []
    for name, render in DOCS.items():
        path = root / name
        try:
            text = path.read_text("utf-8")
            new = update(text, render)
        except (OSError, ValueError) as exc:
            print(f"{name}: error: {exc}", file=sys.stderr)
            return 1
        if new != text:
            stale.append(name)
            if not args.check:
                path.write_text(new, "utf-8")
    verb = "is out of date; run python -m hooks docs" if args.check else "rewritten"
    print("\n".join(f"{name}: {verb}" for name in stale) or "the tables of codes are up to date")
    return 1 if stale and args.check else 0


def _links(root: Path, args: argparse.Namespace) -> int:
    from hooks.checks.links import link_report
    from hooks.checks.run import link_graph

    result = engine.run(root, checks=False)
    if result.site is None:
        sys.stderr.write(report.as_text(result.findings))
        return 1
    text = json.dumps(link_report(link_graph(result.site, result.pages)), indent=2) + "\n"
    if args.output:
        args.output.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _new(root: Path, args: argparse.Namespace) -> int:
    from hooks.data.scaffold import new_file

    project = _project(root)
    if project is None:
        return 1
    try:
        path = new_file(project, args.kind, args.name)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}; fill in every TODO, then run `python -m hooks check`.")
    return 0


def _linkcheck(root: Path, args: argparse.Namespace) -> int:
    from hooks.checks.site_links import linkcheck

    project = _project(root)
    if project is None:
        return 1
    return linkcheck((args.site_dir or project.site_dir).resolve(), project.linkcheck_config)


def _external(root: Path, args: argparse.Namespace) -> int:
    from hooks.checks.site_links import check_external

    config = _config(root)
    if config is None:
        return 1
    settings, doc, project = config.settings, config.doc, config.project
    own = str((doc.get(("site_url",)) if doc else "") or "")
    findings = check_external((args.site_dir or project.site_dir).resolve(), project.external_cache,
                              own=own, ignore=settings.external_ignore, timeout=settings.external_timeout,
                              cache_days=settings.external_cache_days)
    sys.stdout.write(report.FORMATS[args.format](findings, report.Options(root=root)))
    return 1 if findings.errors() else 0


COMMANDS = {"check": _check, "export": _export, "build": _build, "schema": _schema, "docs": _docs, "links": _links, "new": _new,
            "linkcheck": _linkcheck, "external": _external}
