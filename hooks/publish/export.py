"""`python -m hooks export OUTDIR`: the rendered site sources, buildable by plain MkDocs.

OUTDIR gets docs/ (every page as plain Markdown, plus the assets of content/) and an
mkdocs.yml that is ours without the hooks, with the nav written out, so plain MkDocs
(or another engine that reads mkdocs.yml) builds the same site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from hooks.data.loader import parse_yaml, read_text
from hooks.data.model import Site
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
    docs = outdir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    content = site.root / "content"
    if content.is_dir():
        for path in sorted(content.rglob("*")):
            if path.is_file() and path.suffix != ".md":
                target = docs / path.relative_to(content)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        front = ""
        if not page.generated and page.meta:
            meta = {k: v for k, v in page.meta.items() if k != "jinja"}
            front = "---\n" + yaml.safe_dump(meta, sort_keys=True, allow_unicode=True) + "---\n" if meta else ""
        target.write_text(front + page.markdown, "utf-8")
    config = parse_yaml(read_text(site.root / "mkdocs.yml", "mkdocs.yml"), "mkdocs.yml", allow_tags=True).data
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["docs_dir"] = "docs"
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        # Theme overrides travel along; without the hooks they simply have no SEO data to print.
        overrides = outdir / "overrides"
        if overrides.exists():
            shutil.rmtree(overrides)
        shutil.copytree(site.root / theme["custom_dir"], overrides)
        theme["custom_dir"] = "overrides"
    config.setdefault("nav", _plain(build_nav(site, pages)))
    (outdir / "mkdocs.yml").write_text(
        "# Exported by `python -m hooks export`: plain MkDocs config, no hooks.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
