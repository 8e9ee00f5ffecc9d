"""Load every data file, validate it against `schema.py`, resolve references: one `Site`.

Errors from every file are collected before anything is raised, so an editor sees all
of them at once, each as `path:line:col: error[code]: what is wrong. How to fix it.`
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from hooks.core.findings import DataError, Finding, error
from hooks.core.project import (
    CONFIG_FILE,
    Project,
    config_file,
)

from . import schema as schema
from .citations import check_citations
from .loader import Document, Loc, load_yaml, parse_yaml, read_text, within
from .validation import validate

SINGLE_FILES = ("sources", "organizations", "subjects", "concepts", "certification", "misconceptions", "guide",
                "predicates", "references")
OPTIONAL_FILES = {"misconceptions", "references"}
PUBLISHER_FILE = "publisher"
"""Optional: who publishes the site and reviews its pages (without it pages carry no byline)."""


@dataclass
class Site:
    """Everything the data says, typed and cross-referenced, plus where each piece came from."""

    project: Project
    settings: schema.Settings
    sources: dict[str, schema.Source]
    organizations: dict[str, schema.Organization]
    subjects: dict[str, schema.Subject]
    concepts: dict[str, schema.Concept]
    standards: dict[str, schema.Standard]
    certification: schema.CertificationFile
    misconceptions: list[schema.Misconception]
    guide: schema.GuideFile
    predicates: dict[str, schema.Predicate] = field(default_factory=dict)
    """The relations the fact checker reads (data/predicates.yaml)."""
    references: dict[str, schema.Reference] = field(default_factory=dict)
    """Standards the site names but has no page for (data/references.yaml), by id."""
    documents: dict[str, Document] = field(default_factory=dict)
    standard_files: dict[str, str] = field(default_factory=dict)
    """Standard id -> the display path of its YAML file."""
    settings_doc: Document | None = None
    publisher: schema.Publisher | None = None
    """Who publishes the site and reviews its pages (data/publisher.yaml), if the project says."""

    @property
    def root(self) -> Path:
        return self.project.root

    def data_file(self, name: str) -> str:
        """The display path of a single data file, its key in `documents`: 'concepts' -> 'data/concepts.yaml'."""
        return self.project.rel(self.project.data_file(name))

    def source_url(self, source_id: str) -> str:
        return str(self.sources[source_id].url)

    def known_designations(self) -> dict[str, str]:
        """Every designation the data knows -> a short description: the standards with a page, what
        they replaced (OHSAS 18001) and the standards named without a page (data/references.yaml).
        For "did you mean" notes: a designation not in here is unknown or a typo (ISO 19001)."""
        known: dict[str, str] = {}
        for std in self.standards.values():
            known[std.designation] = std.title
            for pred in std.predecessors:
                known.setdefault(pred.designation, f"replaced by {std.designation}")
        for ref in self.references.values():
            known.setdefault(ref.designation, ref.title)
        return known

    def reviewer(self, page_path: str) -> schema.Reviewer | None:
        """Who reviewed a page: the reviewer listing it in `pages`, else the one without `pages`."""
        if self.publisher is None:
            return None
        listed = [r for r in self.publisher.reviewers if page_path in r.pages]
        return next(iter(listed or [r for r in self.publisher.reviewers if not r.pages]), None)

    def strings(self) -> Iterator[tuple[str, str, Loc]]:
        """Every string value in the data, with its file and location (for provenance)."""
        for path, doc in self.documents.items():
            yield from ((text, path, loc) for text, loc in _strings(doc.data, ()))


def _strings(value: Any, loc: Loc) -> Iterator[tuple[str, Loc]]:
    if isinstance(value, str):
        yield value, loc
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, loc + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, loc + (i,))


# --- settings and paths -----------------------------------------------------------------------

@dataclass(frozen=True)
class Config:
    """mkdocs.yml, read once: the hooks' settings, the project's paths, and the document itself."""

    project: Project
    settings: schema.Settings
    doc: Document | None = None
    """mkdocs.yml as read (for positions and MkDocs' own keys); None where there is none."""


def load_config(root: Path, *, docs_dir: Path | None = None) -> Config:
    """Read the hooks' settings from mkdocs.yml (extra.pillar; defaults where absent) and resolve the
    project's paths from them and from MkDocs' own keys; `docs_dir` (the content folder the caller
    was given) wins over mkdocs.yml's. Raises DataError on a broken mkdocs.yml or bad settings."""
    path = config_file(root)
    settings, doc = schema.Settings(), None
    if path.exists():
        doc = parse_yaml(read_text(path, CONFIG_FILE), CONFIG_FILE, allow_tags=True)
        raw = doc.get(("extra", "pillar"))
        if raw is not None:
            settings = validate(doc, schema.Settings, raw, ("extra", "pillar"))
    project = Project.resolve(root, data_dir=settings.data_dir, templates_dir=settings.templates_dir,
                              config=doc.data if doc is not None and isinstance(doc.data, dict) else None,
                              docs_dir=docs_dir)
    return Config(project, settings, doc)


# --- references -----------------------------------------------------------------------------

def _references(doc: Document, loc: Loc, value: Any) -> Iterator[tuple[str, Loc, str]]:
    """Yield (collection, location, id) for every reference in a data tree."""
    if isinstance(value, dict):
        for key, item in value.items():
            here = loc + (key,)
            target = {"source": "sources", "required_source": "sources", "developers": "organizations",
                      "successor": "organizations", "draws_on": "any"}.get(key)
            if key == "sources" and loc != ():
                target = "sources"
            if target and isinstance(item, str):
                yield target, here, item
            elif target and isinstance(item, list):
                yield from ((target, here + (i,), ref) for i, ref in enumerate(item) if isinstance(ref, str))
            else:
                yield from _references(doc, here, item)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _references(doc, loc + (i,), item)


def _check_references(site: Site) -> list[Finding]:
    pools: dict[str, set[str]] = {
        "sources": set(site.sources), "organizations": set(site.organizations),
        "subjects": set(site.subjects), "concepts": set(site.concepts), "standards": set(site.standards),
    }
    pools["any"] = pools["concepts"] | pools["standards"] | pools["organizations"] | pools["subjects"]
    findings: list[Finding] = []

    def check(doc: Document, loc: Loc, pool: str, ref: str) -> None:
        if ref in pools[pool]:
            return
        what = {"any": "concept, standard, organization or subject"}.get(pool, pool[:-1])
        hint = difflib.get_close_matches(ref, sorted(pools[pool]), n=1)
        fix = f" Did you mean {hint[0]!r}?" if hint else f" Add it to {site.data_file(pool)} or fix the id."
        findings.append(doc.error(loc, "unknown-id", f"no {what} has the id {ref!r}.{fix}"))

    for doc in site.documents.values():
        for pool, loc, ref in _references(doc, (), doc.data):
            check(doc, loc, pool, ref)
    for sid, path in site.standard_files.items():
        doc = site.documents[path]
        check(doc, ("subject",), "subjects", site.standards[sid].subject)
        for i, ref in enumerate(site.standards[sid].related):
            check(doc, ("related", i), "standards", ref)
    concepts_doc = site.documents[site.data_file("concepts")]
    for i, concept in enumerate(site.concepts.values()):
        for j, ref in enumerate(concept.related):
            check(concepts_doc, ("concepts", i, "related", j), "concepts", ref)
    return findings


def _unique(doc: Document, items: list[Any], key: str) -> tuple[dict[str, Any], list[Finding]]:
    result: dict[str, Any] = {}
    findings = []
    for i, item in enumerate(items):
        ident = item.id
        if ident in result:
            findings.append(doc.error((key, i, "id"), "duplicate-id",
                                      f"the id {ident!r} is used twice in this file. Ids must be unique."))
        result[ident] = item
    return result, findings


# --- the whole site ---------------------------------------------------------------------------

def load_site(root: Path | Config) -> Site:
    """Load, validate and cross-reference all data of the project in root (or of a configuration
    already read); raise DataError on any problem."""
    config = root if isinstance(root, Config) else load_config(root)
    project, settings = config.project, config.settings
    data_dir = project.data_dir
    findings: list[Finding] = []
    docs: dict[str, Document] = {}
    parsed: dict[str, Any] = {}

    def load(path: Path, model: type[BaseModel]) -> Any:
        display = project.rel(path)
        try:
            doc = load_yaml(path, display, area=within(project.root, project.data_dir))
            docs[display] = doc
            return validate(doc, model, doc.data)
        except DataError as exc:
            findings.extend(exc.findings)
            return None

    if not data_dir.is_dir():
        raise DataError([error(project.rel(data_dir), 0, 0, "missing-file", "the data folder does not exist.")])
    for name in SINGLE_FILES:
        path = project.data_file(name)
        if not path.exists() and not path.is_symlink():  # a broken link is read, to say where it leads
            if name in OPTIONAL_FILES:
                parsed[name] = schema.KINDS[name]()
                continue
            findings.append(error(project.rel(path), 0, 0, "missing-file",
                                  f"the data file is missing. Create {name}.yaml (see `python -m hooks new`)."))
            continue
        parsed[name] = load(path, schema.KINDS[name])
    publisher_path = project.data_file(PUBLISHER_FILE)
    publisher = load(publisher_path, schema.Publisher) if publisher_path.exists() else None
    known = {f"{n}.yaml" for n in (*SINGLE_FILES, PUBLISHER_FILE)}
    for path in sorted(data_dir.iterdir()):
        if (path.is_file() or path.is_symlink()) and path.name not in known and path.suffix in (".yaml", ".yml"):
            findings.append(error(project.rel(path), 1, 1, "unknown-file",
                                  f"{path.name!r} is not a kind of data file. "
                                  f"Expected one of: {', '.join(sorted(known))}, or standards/<id>.yaml."))
    standards: dict[str, schema.Standard] = {}
    standard_files: dict[str, str] = {}
    standards_dir = project.standards_dir
    for path in sorted(standards_dir.glob("*.y*ml")) if standards_dir.is_dir() else []:
        std = load(path, schema.Standard)
        if std is None:
            continue
        display = project.rel(path)
        if std.id != path.stem:
            findings.append(docs[display].error(("id",), "id-mismatch",
                                                f"the id {std.id!r} differs from the file name {path.stem!r}. "
                                                "Rename one so they match."))
            continue
        if std.id in standards:
            findings.append(docs[display].error(("id",), "duplicate-id",
                                                f"the standard id {std.id!r} is also used by {standard_files[std.id]}."))
            continue
        standards[std.id] = std
        standard_files[std.id] = display
    if not standards and not findings:
        findings.append(error(project.rel(standards_dir), 0, 0, "missing-file",
                              f"no standard files found. Add {project.rel(standards_dir)}/<id>.yaml."))
    if findings:
        raise DataError(findings)

    def collection(name: str, key: str) -> dict[str, Any]:
        result, dupes = _unique(docs[project.rel(project.data_file(name))], getattr(parsed[name], key), key)
        findings.extend(dupes)
        return result

    site = Site(
        project=project,
        settings=settings,
        sources=collection("sources", "sources"),
        organizations=collection("organizations", "organizations"),
        subjects=collection("subjects", "subjects"),
        concepts=collection("concepts", "concepts"),
        standards=dict(sorted(standards.items(), key=lambda kv: _standard_order(kv[1]))),
        certification=parsed["certification"],
        misconceptions=list(parsed["misconceptions"].misconceptions),
        guide=parsed["guide"],
        predicates=collection("predicates", "predicates"),
        references=collection("references", "references") if project.rel(project.data_file("references")) in docs else {},
        documents=docs,
        standard_files=standard_files,
        settings_doc=config.doc,
        publisher=publisher,
    )
    findings.extend(_check_publisher(site))
    findings.extend(_check_references(site))
    findings.extend(_check_designations(site))
    findings.extend(_check_roles(site))
    if not findings:  # kinds are checked only on ids that resolve
        findings.extend(check_citations(site))
    if findings:
        raise DataError(findings)
    return site


def _check_publisher(site: Site) -> list[Finding]:
    """The publisher's logo and policy page exist in the content folder; one reviewer reviews the other pages."""
    if site.publisher is None:
        return []
    doc = site.documents[site.data_file(PUBLISHER_FILE)]
    findings = [doc.error((key,), "missing-file", f"{value!r} is not a file in {site.project.rel(site.project.docs_dir)}/. "
                          "Give the path of a file in the content folder.")
                for key, value in (("logo", site.publisher.logo), ("policy", site.publisher.policy))
                if not (site.project.docs_dir / value).is_file()]
    defaults = [i for i, r in enumerate(site.publisher.reviewers) if not r.pages]
    if len(defaults) != 1:
        findings.append(doc.error(("reviewers",), "reviewers", f"{len(defaults)} reviewers have no `pages`; expected "
                                  "exactly one, who reviews every page no other reviewer lists."))
    return findings


def _check_roles(site: Site) -> list[Finding]:
    """Every role an organization holds is a relation the checker knows (data/predicates.yaml)."""
    roles = sorted(p.id for p in site.predicates.values() if p.tests == "role")
    doc = site.documents[site.data_file("organizations")]
    findings = []
    for i, org in enumerate(site.organizations.values()):
        for j, claim in enumerate(org.roles):
            if claim.role not in roles:
                hint = difflib.get_close_matches(claim.role, roles, n=1)
                fix = f" Did you mean {hint[0]!r}?" if hint else f" Expected one of: {', '.join(roles)}."
                findings.append(doc.error(("organizations", i, "roles", j, "role"), "unknown-id",
                                          f"no relation in {site.data_file('predicates')} has the id {claim.role!r}.{fix}"))
    return findings


def _check_designations(site: Site) -> list[Finding]:
    seen: dict[str, str] = {}
    findings = []
    for sid, std in site.standards.items():
        key = std.designation.casefold()
        if key in seen:
            findings.append(site.documents[site.standard_files[sid]].error(
                ("designation",), "duplicate-id", f"the designation {std.designation!r} is also used by {seen[key]}."))
        seen[key] = site.standard_files[sid]
    for sid, std in site.standards.items():
        for pred in std.predecessors:
            seen.setdefault(pred.designation.casefold(), site.standard_files[sid])
    path = site.data_file("references")
    for i, ref in enumerate(site.references.values()):
        key = ref.designation.casefold()
        if key in seen:
            where = "earlier in this file" if seen[key] == path else f"in {seen[key]}"
            findings.append(site.documents[path].error(
                ("references", i, "designation"), "duplicate-id",
                f"the designation {ref.designation!r} is already {where}. Keep one."))
        seen[key] = path
    return findings


def _standard_order(std: schema.Standard) -> tuple[int, str]:
    digits = "".join(ch for ch in std.designation.split(":")[0] if ch.isdigit())
    return (int(digits) if digits else 0, std.designation)

