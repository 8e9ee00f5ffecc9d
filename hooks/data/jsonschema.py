"""`python -m hooks schema`: one JSON Schema per kind of data file, generated from the models in
`schema.py`, so editors' YAML plugins complete and validate fields while typing. Each data
file points at its schema with a `# yaml-language-server: $schema=...` comment."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from hooks.core.project import SCHEMAS

from .schema import KINDS, Settings

SCHEMA_DIR = SCHEMAS


def schema_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schemas() -> dict[str, str]:
    """File name -> JSON text, for every kind of data file and the mkdocs.yml settings."""
    out = {}
    models: dict[str, type[BaseModel]] = {**KINDS, "settings": Settings}
    for kind, model in models.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"{kind} data file" if kind != "settings" else "extra.pillar settings in mkdocs.yml"
        out[schema_name(kind)] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def write_schemas(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = outdir / name
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def schema_comment(kind: str, depth: int) -> str:
    """The first line of a data file of this kind, `depth` folders below the repository root."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{schema_name(kind)}"
