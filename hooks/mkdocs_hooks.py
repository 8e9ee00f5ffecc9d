"""The only file MkDocs loads: each event is a few lines that call the engine.

Build-stopping problems (unusable data) are `PluginError`s listing every located error.
Findings on content are logged on a `mkdocs.plugins.*` logger (errors as errors, warnings as
warnings, notes as info) once the checks are joined in `on_post_build`; then any error finding
stops `mkdocs build` (and `python -m hooks build`, which swaps nothing) with a `PluginError`,
warnings stop it only with `--strict` (MkDocs counts them), notes never. `mkdocs serve` shows
the findings and keeps serving. `PILLAR_CHECKS=off` skips the checks (nothing to fail on);
`PILLAR_FAIL_ON_ERRORS=off` reports error findings without failing (the benchmarks time builds
of sites with planted false claims that way).
Under `mkdocs serve`, data that stops loading does not stop the preview: each rebuild logs the
located errors and renders the last good data, with the errors in a banner on every page, until
an edit makes the data load again.
State lives on `_state`, replaced in `on_config`, which runs at the start of every build,
so nothing leaks from one `serve` rebuild to the next.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

# Import the engine as the package `hooks`, the same way the CLI and tests do, so each
# module exists once per process and none can be shadowed by this folder on sys.path.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.append(str(_ROOT))

from hooks.core.cache import switched_off  # noqa: E402 - after the sys.path change above
from hooks.core.findings import Finding  # noqa: E402 - after the sys.path change above
from hooks.pages import banner, content, nav, seo, slow_markdown  # noqa: E402 - after the sys.path change above
from hooks.publish import background, cards, engine  # noqa: E402 - after the sys.path change above

log = logging.getLogger("mkdocs.plugins.pillar")

_state: engine.Result | None = None
_by_path: dict[str, engine.Page] = {}
_meta_outside_render: dict[str, MutableMapping[str, Any]] = {}
_pending: background.Collect | None = None
_cards: cards.Collect | None = None
_serving = False
_last_good: engine.Result | None = None
"""Under `mkdocs serve`, the last run whose data loaded (the hook module outlives rebuilds)."""
_banner = ""
"""Under `mkdocs serve`, while the data does not load: its located errors as HTML, put on every page."""


# Hooks ---------------------------------------------------------------------------------------

def on_startup(*, command: str, dirty: bool) -> None:
    # Once per `mkdocs` run (the hook module outlives serve's rebuilds), as Material's plugins
    # detect serve. MkDocs reports `mkdocs serve --clean` as "build": that one fails on errors.
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state, _pending, _by_path, _meta_outside_render, _cards, _last_good, _banner
    _state, _pending, _by_path, _meta_outside_render, _cards = None, None, {}, {}, None
    root = Path(config.config_file_path).resolve().parent
    result = engine.run(root, check_date=_check_date(), content_dir=Path(config.docs_dir), checks=False)
    _banner = ""
    if result.site is None:
        errors = result.findings.active()
        if not (_serving and _last_good is not None):
            raise PluginError("the site's data or templates are unusable:\n" + "\n".join(f.as_text() for f in errors))
        # A raised error would leave serve answering no request until the data loads again.
        _log_findings(errors)
        log.error(f"the data does not load ({_count(len(errors))} above); serving the last good data, "
                  "with the errors on every page.")
        result, _banner = _last_good, banner.data_errors_banner(errors)
    elif _serving:
        _last_good = result
    site = result.site
    assert site is not None  # the last good run's data loaded
    _state, _by_path = result, {p.path: p for p in result.pages}
    # While MkDocs renders, a child process checks; `serve` (with its threads) checks inline.
    if not switched_off("PILLAR_CHECKS") and not _banner:
        _pending = background.start(site, result.pages, result.check_date, background=not _serving,
                                    cache=result.cache)
    if not config.nav:
        config.nav = nav.build_nav(site, result.pages)
    # Who publishes the site, for the footer (templates/overrides/partials/copyright.html).
    config.extra["publisher"] = seo.footer(site)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _cards
    assert _state is not None
    if _state.site is not None:
        _publish_only_ours(files, config)
    # After MkDocs cleaned the site folder: the social cards are written beside the rendering.
    if _state.site is not None and not switched_off("PILLAR_CARDS"):
        _cards = cards.start(_state.pages, Path(config.site_dir), config.site_name,
                             cards.footer_line(config.site_url or "", _state.site), background=not _serving,
                             cache_dir=_state.cache.folder if _state.cache is not None else None)
    for page in _state.pages:
        if page.generated:
            files.append(File.generated(config, page.path, content=page.markdown))
    if config.site_url and files.get_file_from_path("robots.txt") is None:
        files.append(File.generated(config, "robots.txt", content=seo.robots_txt(config.site_url)))
    return files


def on_page_markdown(markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    ours = _page(page.file.src_uri)
    if ours is not None and ours.reviewed is not None:
        # The sitemap (rendered before any page) prints update_date: the day the page's facts were reviewed.
        page.update_date = ours.reviewed.isoformat()
    if ours is not None and (ours.generated or ours.meta.get("jinja") is True):
        return ours.markdown
    if _banner and slow_markdown.problem(markdown) is not None:
        # Serving the last good data: MkDocs read this page from disk, and the new text (the banner names
        # it) would stall the renderer for minutes. Show the page as it last loaded.
        return ours.markdown if ours is not None else ""
    return markdown


def on_page_context(context: dict, *, page: MkPage, config: MkDocsConfig, nav: object) -> dict:
    ours = _page(page.file.src_uri)
    if ours is not None and _state is not None and _state.site is not None:
        if ours.generated and config.repo_url:
            page.edit_url = _edit_url(config, ours.origin)
        # Only while this page renders: Material's nav reads every page's meta on every page, so
        # meta left behind would make each later page's nav slower (quadratic in the site's size).
        _meta_outside_render[page.file.src_uri] = page.meta
        page.meta = {**page.meta, **seo.head(_state.site, ours, config.site_url or "", config.site_name)}
    return context


def on_post_page(output: str, *, page: MkPage, config: MkDocsConfig) -> str:
    original = _meta_outside_render.pop(page.file.src_uri, None)
    if original is not None:
        page.meta = original
    if _banner:
        return banner.after_body_start(output, _banner)
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    global _cards
    collect, _cards = _cards, None
    if collect is not None:
        written = collect()
        log.debug(f"social cards: {written.drawn} drawn, {written.reused} reused")
    errors = sum(1 for f in _report() if f.severity == "error")
    if not errors:
        return
    if _serving:
        log.info(f"{_count(errors)} above: `mkdocs build` fails on them; serving anyway.")
    elif not switched_off("PILLAR_FAIL_ON_ERRORS"):
        # After the findings are logged and before the build counts as done: MkDocs logs this
        # message (no traceback) and exits 1, and `python -m hooks build` keeps the old site.
        raise PluginError(f"{_count(errors)} in the findings above (each names its file:line:col); "
                          "the build failed. Warnings fail the build only with --strict.")


def on_build_error(*, error: Exception) -> None:
    _report()


# Helper functions ----------------------------------------------------------------------------

def _publish_only_ours(files: Files, config: MkDocsConfig) -> None:
    """MkDocs publishes exactly the content files the engine read and checked (content.site_files, the
    one list): the others (a link leading outside the project) leave `files`, and fail the build."""
    assert _state is not None and _state.site is not None
    ours = content.site_files(_state.site, Path(config.docs_dir))
    docs_dir = os.path.normpath(config.docs_dir)
    for file in list(files):
        if file.src_dir is not None and os.path.normpath(file.src_dir) == docs_dir and file.src_uri not in ours.files:
            files.remove(file)
    problems = content.unpublishable(ours, _state.pages)
    if problems:  # the pages came from the cache, made before these files appeared: the build fails here
        raise PluginError("the content folder holds files that cannot be published:\n" +
                          "\n".join(f.as_text() for f in problems))


def _page(src_uri: str) -> engine.Page | None:
    return _by_path.get(src_uri)


def _check_date():
    import datetime as dt

    value = os.environ.get("PILLAR_CHECK_DATE")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PluginError(f"PILLAR_CHECK_DATE: expected a date such as 2026-11-24, received {value!r}.") from None


def _edit_url(config: MkDocsConfig, origin: str) -> str:
    base = (config.repo_url or "").rstrip("/")
    edit = (config.edit_uri or "").strip("/")
    # edit_uri points into the docs folder; the data lives beside it at the repository root.
    prefix = edit.rsplit("/", 1)[0] if edit.endswith(Path(config.docs_dir).name) else edit
    return f"{base}/{prefix}/{origin}"


def _report() -> list[Finding]:
    """Wait for the checks and log their findings (before MkDocs counts warnings for --strict).

    Returns the findings logged: none when the checks are off or were already reported."""
    global _pending
    if _pending is None or _state is None:
        return []
    collect, _pending = _pending, None
    _state.findings.extend(collect())
    findings = _state.findings.active()
    _log_findings(findings)
    return findings


def _log_findings(findings: list[Finding]) -> None:
    for f in findings:
        if f.severity == "info":
            log.info(f.as_text())
        elif f.severity == "error":
            log.error(f.as_text())
        else:
            log.warning(f.as_text())


def _count(errors: int) -> str:
    return f"{errors} error" + ("" if errors == 1 else "s")
