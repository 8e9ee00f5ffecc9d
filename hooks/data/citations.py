"""Citations and what sources support: every `source:`/`sources:` field in the data cites a kind of
fact (the field's model says which, `schema.Sourced.KIND`), and every source declares in `supports:`
the kinds it backs. This module finds each citation with its place and checks it, checks that no two
sources share a publisher and title, and says which sources nothing cites.

A citation in prose or a template, `cite('source-id', 'kind')`, is checked by the same rule when it
is rendered (`cite_problem`, used by hooks/pages/render.py); hand-written pages follow it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, get_args

from pydantic import BaseModel

from hooks.core.findings import Finding

from . import schema
from .loader import Loc

if TYPE_CHECKING:
    from .model import Site

KINDS: tuple[str, ...] = get_args(schema.FactKind)
"""Every kind of fact a citation may name."""


@dataclass(frozen=True)
class Citation:
    """One `source:` (or one id of `sources:`) in a data file: where it is, what it names, which kind it cites."""

    path: str
    loc: Loc
    source: str
    kind: str


OWN_KIND = "(its own kind field)"
"""In FIELD_KINDS: the entry says in its `kind` field which kind of fact it cites (an FAQ answer, a point
particular to certifying to a standard), defaulting to what such entries usually are."""

FIELD_KINDS: dict[type[BaseModel], dict[str, str]] = {
    schema.Organization: {"source": "organization"},
    schema.Subject: {"source": "standard-content"},
    schema.Concept: {"source": "definition"},
    schema.Reference: {"source": "edition"},
    schema.Validity: {"source": "certification-process"},
    schema.Surveillance: {"source": "certification-process"},
    schema.Recertification: {"source": "certification-process"},
    schema.Nonconformities: {"source": "certification-process"},
    schema.AuditParty: {"source": "certification-process"},
    schema.Continuity: {"source": "accreditation"},
    schema.CertificationFile: {"required_source": "certification-process"},
    schema.Misconception: {"source": "certification-process"},
    schema.Standard: {"source": "standard-content"},
    schema.CurrentEdition: {"source": "edition"},
    schema.Amendment: {"source": "edition"},
    schema.EarlierEdition: {"source": "edition", "sources": "edition"},
    schema.Predecessor: {"source": "transition", "sources": "transition"},
    schema.Revision: {"source": "revision"},
    schema.Transition: {"source": "transition"},
    schema.Requirements: {"source": "standard-content", "sources": "standard-content"},
    schema.Relation: {"source": "standard-content"},
    schema.Suit: {"source": OWN_KIND},
    schema.Particular: {"source": OWN_KIND},
    schema.Question: {"source": OWN_KIND},
}
"""The one table of which kind of fact each data field cites, by the model that holds it. A model not
here cites nothing of a kind (the guide's `sources:` lists are further reading). An organization's
roles are the one field whose kind depends on where it is: see ROLE_KINDS."""

ROLE_KINDS: dict[str, str] = {"standards-body": "iso-role", "accreditation-body": "accreditation",
                              "accreditation-network": "accreditation", "certification-body": "certification-process"}
"""The kind of fact an organization's role is, by the organization's kind: what ISO does, what accreditation is..."""


def kinds(source: schema.Source) -> list[str]:
    """The kinds of fact a source may be cited for, in the order declared, each once."""
    return list(dict.fromkeys(s.kind for s in source.supports))


def _field_kinds(obj: BaseModel, parent: BaseModel | None) -> dict[str, str]:
    if isinstance(obj, schema.RoleClaim) and isinstance(parent, schema.Organization):
        return {"source": ROLE_KINDS[parent.kind]}
    fields = FIELD_KINDS.get(type(obj), {})
    return {name: str(getattr(obj, "kind", "")) if kind == OWN_KIND else kind for name, kind in fields.items()}


def _walk(obj: BaseModel, loc: Loc, parent: BaseModel | None) -> Iterator[tuple[Loc, str, str]]:
    fields = _field_kinds(obj, parent)
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        kind = fields.get(name)
        if kind is not None and isinstance(value, str):
            yield loc + (name,), value, kind
        elif kind is not None and isinstance(value, list):
            yield from ((loc + (name, i), ref, kind) for i, ref in enumerate(value) if isinstance(ref, str))
        elif isinstance(value, BaseModel):
            yield from _walk(value, loc + (name,), obj)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, loc + (name, i), obj)


def data_citations(site: Site) -> Iterator[Citation]:
    """Every citation in the data files, in file order."""
    lists = {"organizations": site.organizations.values(), "subjects": site.subjects.values(),
             "concepts": site.concepts.values(), "references": site.references.values(),
             "misconceptions": site.misconceptions}
    for name, items in lists.items():
        path = site.data_file(name)
        for i, item in enumerate(items):
            yield from (Citation(path, loc, sid, kind) for loc, sid, kind in _walk(item, (name, i), None))
    path = site.data_file("certification")
    yield from (Citation(path, loc, sid, kind) for loc, sid, kind in _walk(site.certification, (), None))
    for sid, std in site.standards.items():
        path = site.standard_files[sid]
        yield from (Citation(path, loc, ref, kind) for loc, ref, kind in _walk(std, (), None))


def cite_problem(site: Site, source_id: str, kind: str) -> str | None:
    """What is wrong with citing source_id for a fact of this kind, or None (the rule for cite() in prose)."""
    if source_id not in site.sources:
        return f"no source has the id {source_id!r}"
    if not kind:
        return (f"cite({source_id!r}) names no kind of fact. Write cite({source_id!r}, 'kind') with one of: "
                f"{', '.join(kinds(site.sources[source_id]))} (the kinds it supports)")
    if kind not in KINDS:
        return f"{kind!r} is not a kind of fact. Expected one of: {', '.join(KINDS)}"
    return _unsupported(site.sources[source_id], kind)


def _unsupported(source: schema.Source, kind: str) -> str | None:
    declared = kinds(source)
    if kind in declared:
        return None
    return (f"the source {source.id!r} is cited for {kind!r}, but its `supports` declares only "
            f"{', '.join(repr(k) for k in declared)}. Cite a source that says this, or add a `supports` "
            f"entry of kind {kind!r} if the page says it")


def check_citations(site: Site) -> list[Finding]:
    """Errors: a data citation of a kind its source does not support; two sources with one publisher and title."""
    findings: list[Finding] = []
    for cite in data_citations(site):
        source = site.sources.get(cite.source)
        problem = _unsupported(source, cite.kind) if source is not None else None  # unknown ids: _check_references
        if problem:
            findings.append(site.documents[cite.path].error(cite.loc, "unsupported-kind", problem + "."))
    path = site.data_file("sources")
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    for i, source in enumerate(site.sources.values()):
        key = (source.publisher.casefold().strip(), source.title.casefold().strip())
        if key in seen:
            first, other = seen[key]
            line = site.documents[path].where(("sources", first, "id")).line
            findings.append(site.documents[path].error(
                ("sources", i, "title"), "duplicate-source",
                f"the sources {other!r} (line {line}) and {source.id!r} have the same publisher and title "
                f"({source.publisher!r}, {source.title!r}). Give each its page's own title, or merge them into one."))
        else:
            seen[key] = (i, source.id)
    return findings


def uncited(site: Site, cited: set[str]) -> list[str]:
    """The sources neither the data nor any page (the ids in `cited`) cites, in file order."""
    used = cited | {c.source for c in data_citations(site)}
    return [sid for sid in site.sources if sid not in used]
