"""`python -m hooks export OUTDIR`: the rendered site sources, buildable by plain MkDocs.

OUTDIR gets docs/ (every page as plain Markdown, plus the assets of content/), overrides/
(the theme's custom_dir, if any) and an mkdocs.yml that is ours without the hooks, with the
nav written out, so plain MkDocs (or another engine that reads mkdocs.yml) builds the same site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from hooks.core.findings import DataError
from hooks.core.project import CONFIG_FILE, Project
from hooks.data.loader import parse_yaml, read_text
from hooks.data.model import Site
from hooks.pages.content import site_files, unpublishable
from hooks.pages.nav import build_nav
from hooks.pages.paths import Page


def _plain(value: object) -> object:
    """Markup (escaped titles) as plain str, so YAML's safe dumper accepts it."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def export(site: Site, pages: list[Page], outdir: Path) -> None:
    """Write the export; DataError (before anything is written) if the content folder holds what must
    not be published, which the pages read from the cache may not have shown."""
    project, out = site.project, Project.export_layout(outdir)
    files = site_files(site)
    problems = unpublishable(files, pages)
    if problems:
        raise DataError(problems)
    docs = out.docs_dir
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    for src in sorted(files.assets):
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(files.files[src], target)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        front = ""
        if not page.generated and page.meta:
            meta = {k: v for k, v in page.meta.items() if k != "jinja"}
            front = "---\n" + yaml.safe_dump(meta, sort_keys=True, allow_unicode=True) + "---\n" if meta else ""
        target.write_text(front + page.markdown, "utf-8")
    config = parse_yaml(read_text(project.config_file, CONFIG_FILE), CONFIG_FILE, allow_tags=True).data
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["docs_dir"] = out.rel(out.docs_dir)
    theme = config.get("theme")
    if isinstance(theme, dict) and project.theme_dir is not None and out.theme_dir is not None:
        # Theme overrides travel along; without the hooks they simply have no SEO data to print.
        overrides = out.theme_dir
        if overrides.exists():
            shutil.rmtree(overrides)
        shutil.copytree(project.theme_dir, overrides)
        theme["custom_dir"] = out.rel(overrides)
    config.setdefault("nav", _plain(build_nav(site, pages)))
    out.config_file.write_text(
        "# Exported by `python -m hooks export`: plain MkDocs config, no hooks.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
