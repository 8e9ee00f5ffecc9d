"""The engine of the ISO certification pillar site: plain Python, no MkDocs imports.

Subpackages by layer, each importing only from the layers before it (tests/test_layout.py keeps it so):

- `core/`: what every layer shares: findings, the project's paths, the cache, forking.
- `data/`: load YAML with positions, validate it against the schema, build the `Site` model.
- `pages/`: Markdown pages from data and templates: render, hand-written content, navigation, SEO.
- `checks/`: the checks of the pages: claims (the fact checker), links, data hygiene, silencing.
- `reports/`: every output format, each a view of one list of findings.
- `publish/`: run everything (engine), build atomically, export for other engines.

On top: `cli.py` (the command line) and `mkdocs_hooks.py` (the only file that imports MkDocs).
"""

LAYERS = ("core", "data", "pages", "checks", "reports", "publish")
"""The subpackages from the bottom up; a module imports only from its own layer or those before it."""
