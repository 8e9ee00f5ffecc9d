"""`python -m hooks new KIND NAME`: a skeleton an editor fills in. Every placeholder is TODO,
which the schema rejects, so `python -m hooks check` points at each one until it is filled.

The skeletons are templates for their comments' sake, but every value put into one is written by
the YAML library, so a name of any length or punctuation ("Scope: what a certificate covers") stays
one string and the file stays YAML."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

import yaml

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
# {heading}: what the standard is, its editions and what is particular about certifying to it.
# Used by: its page (standards/{ident}.md), the pillar guide's comparison table and the fact checker.
id: {id}
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

  - id: {id}
    term: {name}
    aliases: []
    definition: TODO one to three sentences in your own words.
    related: []
    source: TODO
    verified: TODO
"""),
    "organization": ("organizations", """\

  - id: {id}
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

  - id: {id}
    publisher: TODO
    title: {name}
    url: TODO
    verified: TODO
    supports:                  # each kind of fact this page may be cited for, and what it says, in your words
      - kind: TODO             # definition, iso-role, accreditation, certification-process, standard-content, ...
        claim: TODO
"""),
}


MAX_SLUG = 60
"""Characters of an id made from a name: well inside a file name's limit (255 bytes), and a readable address."""


def slug(name: str) -> str:
    """The id for a name: 'ISO/IEC 27001' -> 'iso-iec-27001', accents dropped, at most MAX_SLUG characters
    (cut at a hyphen where there is one); '' if the name has no letter or digit."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ident = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")
    if len(ident) > MAX_SLUG:
        cut = ident[: MAX_SLUG + 1]
        ident = (cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_SLUG]).strip("-")
    return ident


def value(text: str) -> str:
    """text as one YAML scalar on one line, quoted where YAML needs it."""
    written = yaml.safe_dump(text, allow_unicode=True, width=float("inf")).removesuffix("\n...\n").rstrip("\n")
    if "\n" in written:  # a line break in the name: written as an escape, not across lines
        written = yaml.safe_dump(text, allow_unicode=True, width=float("inf"), default_style='"').rstrip("\n")
    return written


def new_file(project: Project, kind: str, name: str) -> Path:
    """Write the skeleton into the project's data folder; refuse to overwrite. Returns the file
    written or appended to. ValueError if the name gives no id."""
    ident = slug(name)
    if not ident:
        raise ValueError(f"the name {name!r} has no letter or digit to make an id from. Give a name with some.")
    if kind == "standard":
        path = project.standard_file(ident)
        if path.exists():
            raise FileExistsError(f"{path} exists already")
        year = "TODO"
        depth = len(PurePosixPath(project.rel(path)).parent.parts)  # folders below the root, where schemas/ is
        clauses = "".join(CLAUSE.format(number=n, title=value(t)) for n, t in enumerate(HARMONIZED_CLAUSES, start=4))
        path.write_text(STANDARD.format(comment=schema_comment("standard", depth), heading=" ".join(name.split()),
                                        name=value(name), ident=ident, id=value(ident), year=year, clauses=clauses), "utf-8")
        return path
    data_file, template = ENTRIES[kind]
    path = project.data_file(data_file)
    text = path.read_text("utf-8")
    if re.search(rf"^\s*- id: (['\"]?){re.escape(ident)}\1\s*$", text, re.M):
        raise FileExistsError(f"{path} already has an entry with the id {ident!r}")
    path.write_text(text.rstrip("\n") + "\n" + template.format(id=value(ident), name=value(name)), "utf-8")
    return path
