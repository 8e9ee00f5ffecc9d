"""`python -m hooks new KIND NAME`: a skeleton an editor fills in. Every placeholder is TODO,
which the schema rejects, so `python -m hooks check` points at each one until it is filled."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from hooks.core.project import Project

from .jsonschema import schema_comment

HARMONIZED_CLAUSES = ("Context of the organization", "Leadership", "Planning", "Support", "Operation",
                      "Performance evaluation", "Improvement")
"""Clauses 4 to 10 of the harmonized structure that every management system standard shares, in order."""

CLAUSE = """\
    - number: "{number}"
      title: {title}
      asks: TODO what clause {number} asks of the standard's system, in one or two sentences of your own.
"""

STANDARD = """\
{comment}
# {name}: what the standard is, its editions and what is particular about certifying to it.
# Used by: its page (standards/{ident}.md), the pillar guide's comparison table and the fact checker.
id: {ident}
designation: {name}
developers: [iso]            # organization ids from data/organizations.yaml
title: TODO official title
subject: TODO                # a subject id from data/subjects.yaml
committee: TODO committee, e.g. ISO/TC 176/SC 2
summary: TODO two or three sentences in your own words.
suits: TODO who it suits.
themes:
  - TODO a main requirement theme
current_edition:
  year: {year}
  published: TODO            # YYYY-MM-DD
  amendments: []
  source: TODO               # a source id from data/sources.yaml
  verified: TODO             # the day you checked it, YYYY-MM-DD
earlier_editions: []
revision: null               # a revision under way: stage, expected, as_of (the day the stage was established), note, source, verified
related: []
source: TODO
verified: TODO

# --- the page's sections (each block names its source; research notes go in comments) ---
requirements:                # clauses 4 to 10 of the harmonized structure, then any annex (A.5, ...)
  source: TODO
  verified: TODO
  clauses:
{clauses}suited_to:
  - who: TODO a kind of organization
    why: TODO why the standard suits it, in a sentence.
    source: TODO
    verified: TODO
particulars:                 # what is particular about certifying to it
  - topic: TODO a short heading
    text: TODO one to three sentences of your own.
    kind: certification-process   # the kind of fact its source backs (FactKind in the standard schema)
    source: TODO
    verified: TODO
relations:
  - id: TODO                 # a standard id, or a reference id from data/references.yaml
    why: TODO how it relates to this standard, in a sentence.
    source: TODO
    verified: TODO
questions:                   # three to five questions readers ask
  - question: TODO a question readers ask?
    answer: TODO the answer in two to four sentences; a status that changes belongs in the data, not here.
    source: TODO
    verified: TODO
"""  # noqa: E501 - the skeleton written for editors: its comments stay on their lines

ENTRIES = {
    "concept": ("concepts", """\

  - id: {ident}
    term: {name}
    aliases: []
    definition: TODO one to three sentences in your own words.
    related: []
    source: TODO
    verified: TODO
"""),
    "organization": ("organizations", """\

  - id: {ident}
    name: {name}
    abbreviation: TODO
    aliases: []
    kind: TODO                 # standards-body, accreditation-body, accreditation-network or certification-body
    country: null
    url: TODO
    summary: TODO one sentence.
    successor: null
    roles:
      - role: TODO             # develops-standards, issues-certificates, accredits-certification-bodies, evaluates-accreditation-bodies
        since: null
        until: null
        source: TODO
        verified: TODO
    source: TODO
    verified: TODO
"""),  # noqa: E501 - the skeleton written for editors: its comment names the four roles on one line
    "source": ("sources", """\

  - id: {ident}
    publisher: TODO
    title: {name}
    url: TODO
    verified: TODO
    supports:                  # each kind of fact this page may be cited for, and what it says, in your words
      - kind: TODO             # definition, iso-role, accreditation, certification-process, standard-content, ...
        claim: TODO
"""),
}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def new_file(project: Project, kind: str, name: str) -> Path:
    """Write the skeleton into the project's data folder; refuse to overwrite. Returns the file
    written or appended to."""
    ident = slug(name)
    if kind == "standard":
        path = project.standard_file(ident)
        if path.exists():
            raise FileExistsError(f"{path} exists already")
        year = "TODO"
        depth = len(PurePosixPath(project.rel(path)).parent.parts)  # folders below the root, where schemas/ is
        clauses = "".join(CLAUSE.format(number=n, title=t) for n, t in enumerate(HARMONIZED_CLAUSES, start=4))
        path.write_text(STANDARD.format(comment=schema_comment("standard", depth), name=name, ident=ident, year=year,
                                        clauses=clauses), "utf-8")
        return path
    data_file, template = ENTRIES[kind]
    path = project.data_file(data_file)
    text = path.read_text("utf-8")
    if re.search(rf"^\s*- id: {re.escape(ident)}\s*$", text, re.M):
        raise FileExistsError(f"{path} already has an entry with the id {ident!r}")
    path.write_text(text.rstrip("\n") + "\n" + template.format(ident=ident, name=name), "utf-8")
    return path
