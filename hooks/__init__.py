"""The engine of the ISO certification pillar site: plain Python, no MkDocs imports.

Modules, in the order data flows through them: loader (YAML with positions), schema
(typed models), model (validate and cross-reference into a Site), render (Jinja2 pages),
checks (claims, links, data hygiene), findings and report (every output format).
`mkdocs_hooks.py` is the only file that knows MkDocs; `cli.py` is the command line.
"""
