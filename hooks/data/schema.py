"""The typed models: one per kind of data file, and the settings in mkdocs.yml.

This module is the truth about what data/ may contain; the JSON Schemas written by
`python -m hooks schema` and the editors' guide are generated from or checked against it.
Every model forbids unknown keys, so a typo is an error with a "did you mean" hint.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, GetJsonSchemaHandler, HttpUrl
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

# Each rule below is written once and used twice: by the validator the engine runs, and in the JSON
# Schema editors' YAML plugins read, so an editor sees while typing what the check would report.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""An id: lower-case letters and digits in words joined by single hyphens (it becomes a page's address)."""
NON_BLANK = r"\S"
"""Text has something besides white space."""
PLACEHOLDER = "TODO"
"""What `python -m hooks new` writes where an editor must fill something in."""
WEB_URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@]*\.[A-Za-z][^/?#@.]*(?:[/?#]|$)"
"""A public web address: the http(s) scheme pydantic's HttpUrl requires (in any case, as JSON Schema patterns
take no flags), no user name or password before the host, and a dotted host name whose last label begins
with a letter (not `localhost`, not an IP address): what `_check_url` requires, for editors' plugins."""
_ID = re.compile(ID_PATTERN)


class Schema:
    """JSON Schema keywords for a type whose rule a validator enforces, which pydantic cannot see
    (`Annotated` metadata; hashed by identity, as a type with it may stand in a union)."""

    def __init__(self, keywords: dict[str, Any]):
        self.keywords = keywords

    def __repr__(self) -> str:
        return f"Schema({self.keywords!r})"

    def __get_pydantic_json_schema__(self, core: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {**handler(core), **self.keywords}


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError("expected a lower-case id of letters, digits and single hyphens, such as 'iso-9001'")
    return value


def _check_text(value: str) -> str:
    if not re.search(NON_BLANK, value):
        raise ValueError("expected some text, received an empty string")
    if re.search(PLACEHOLDER, value):
        raise ValueError("the placeholder TODO is still here; replace it with the real value")
    return value


def _check_pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return value


_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z](?:[a-z0-9-]*[a-z0-9])?$")
"""A public host name: dotted labels, the last (the top-level domain) beginning with a letter."""


def _check_url(url: HttpUrl) -> HttpUrl:
    # Published in links and the search index: no secrets, nothing only the editor's network can reach.
    if url.username is not None or url.password is not None:
        raise PydanticCustomError("url_credentials", "the URL carries a user name or password (user:secret@); "
                                  "pages must not publish them. Remove them, up to and including the @")
    if not _HOST.match(url.host or ""):
        raise PydanticCustomError("url_host", "'{host}' is not a public host name such as www.iso.org (a name "
                                  "without a dot reaches only a local network; an IP address is no page's lasting "
                                  "address). Give the page's public address", {"host": url.host or ""})
    return url


Id = Annotated[str, AfterValidator(_check_id), Schema({"pattern": ID_PATTERN})]
WebUrl = Annotated[HttpUrl, AfterValidator(_check_url), Schema({"pattern": WEB_URL_PATTERN})]
"""An absolute http(s) URL (pydantic's HttpUrl; the schema's `format: uri` alone would let javascript: pass)."""
Pattern = Annotated[str, AfterValidator(_check_pattern), Schema({"format": "regex"})]
Text = Annotated[str, AfterValidator(_check_text),
                 Schema({"minLength": 1, "pattern": NON_BLANK, "not": {"pattern": PLACEHOLDER}})]
# A role is the id of a `tests: role` predicate in data/predicates.yaml (checked in model.py).
Role = Id
OrgKind = Literal["standards-body", "accreditation-body", "accreditation-network", "certification-body"]
# The kinds of fact a source can back. A citation names its kind (cite('id', 'kind') in prose and
# templates; the field's kind for `source:` in data), and a source declares in `supports:` the kinds
# it backs, so a source cited for what it does not say is found.
FactKind = Literal[
    "definition",             # what a term means
    "iso-role",               # what ISO (and IEC) do and do not do
    "accreditation",          # accreditation bodies, their networks and recognition arrangements
    "certification-process",  # audits, stages, scope, validity, surveillance, recertification, nonconformities
    "standard-content",       # what a standard covers or requires, whom it is for
    "edition",                # editions, publication dates, amendments
    "transition",             # transition periods, migrations, validity of certificates to old editions
    "revision",               # revisions under way and their stages
    "market",                 # benefits, uses, costs, sectors, why organizations certify
    "organization",           # who an organization is: name, country, what kind of body
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Strict):
    """A fact: it names its source and the day somebody checked it there (the kind of fact each model's
    `source` cites is in hooks/data/citations.py, `FIELD_KINDS`)."""

    source: Id = Field(description="Id of the source in data/sources.yaml that backs this fact.")
    verified: dt.date = Field(description="The day this fact was last checked against its source (YYYY-MM-DD).")


# --- sources.yaml ---------------------------------------------------------------------------

class Support(Strict):
    """One thing a source backs: the kind of fact, and what the source says, in our own words."""

    kind: FactKind
    claim: Text


Standing = Literal["responsible", "member-body", "secondary"]
"""How close a source stands to the fact: the organization responsible for it (ISO for its standards, an
accreditation body for accreditation), an ISO national member body's record of an ISO standard, or a secondary
page (a certification body's or professional body's) cited only where the responsible one could not be read."""


class Source(Strict):
    id: Id
    publisher: Text
    title: Text
    url: WebUrl
    verified: dt.date
    standing: Standing = Field("responsible", description="How close the source stands to the facts it backs; "
                               "the sources page names a member body's record or a secondary source as such.")
    supports: list[Support] = Field(min_length=1, description="What this source backs: each kind of fact it may be "
                                    "cited for, with what it says, in our words. A citation of another kind is an error.")


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


# --- organizations.yaml ---------------------------------------------------------------------

class RoleClaim(Sourced):
    role: Role
    since: dt.date | None = None
    until: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


class Continuity(Sourced):
    """Something of an organization's that stays valid while its work passes to its successor (the IAF MLA mark)."""

    note: Text


class Organization(Sourced):
    id: Id
    name: Text
    abbreviation: Text
    aliases: list[Text] = []
    kind: OrgKind
    country: str | None = None
    url: WebUrl
    summary: Text
    successor: Id | None = None
    roles: list[RoleClaim] = []
    continuity: list[Continuity] = []


class OrganizationsFile(Strict):
    organizations: list[Organization] = Field(min_length=1)


# --- subjects.yaml --------------------------------------------------------------------------

class Subject(Sourced):
    id: Id
    name: Text
    system: Text
    abbreviation: Text
    keywords: list[Text] = Field(min_length=1)


class SubjectsFile(Strict):
    subjects: list[Subject] = Field(min_length=1)


# --- concepts.yaml --------------------------------------------------------------------------

class Concept(Sourced):
    id: Id
    term: Text
    aliases: list[Text] = []
    definition: Text
    related: list[Id] = []


class ConceptsFile(Strict):
    concepts: list[Concept] = Field(min_length=1)


# --- references.yaml ------------------------------------------------------------------------

class Reference(Sourced):
    """A standard the site names but has no page for (ISO 19011), so a checker can tell it from a typo."""

    id: Id
    designation: Text = Field(description="As its publisher writes it, without the year: 'ISO/IEC 17021-1'.")
    title: Text = Field(description="The official title of the edition in `year` (or of the current edition).")
    year: int | None = Field(default=None, ge=1947, le=2100,
                             description="The year of the current edition, where the source gives it.")
    developers: list[Id] = Field(min_length=1, description="Ids of the organizations that publish it.")


class ReferencesFile(Strict):
    references: list[Reference] = []


# --- certification.yaml ---------------------------------------------------------------------

class Validity(Sourced):
    years: int = Field(ge=1, le=10)


class Surveillance(Sourced):
    per_year_min: int = Field(ge=1, le=12)


class Recertification(Sourced):
    before_expiry: bool


class Nonconformities(Sourced):
    minor_plan_suffices: bool = Field(description="True: before certification is granted, a minor nonconformity needs "
                                      "the client's correction plan accepted, not the correction done.")


class AuditParty(Sourced):
    party: Literal["first", "second", "third"]
    who: Text
    examples: list[Text] = []
    can_certify: bool


class CertificationFile(Strict):
    certificate_validity: Validity
    surveillance: Surveillance
    recertification: Recertification
    nonconformities: Nonconformities | None = None
    audit_parties: list[AuditParty] = Field(min_length=3, max_length=3)
    certification_required_by_iso: bool
    required_source: Id
    required_verified: dt.date


# --- standards/<id>.yaml --------------------------------------------------------------------
# The models of a standard's file live in schema_standard.py (this module would pass the length limit);
# they need Strict, Sourced, Id and Text, defined above, so the import stands here, not at the top.
from .schema_standard import *  # noqa: E402, F403 - every model of schema_standard.__all__, re-exported
from .schema_standard import Standard  # noqa: E402 - named here too, for KINDS below

# --- misconceptions.yaml --------------------------------------------------------------------

class Misconception(Sourced):
    id: Id
    code: str = Field(default="misconception", pattern=r"^[a-z]+(-[a-z]+)*$",
                      description="The finding code to report; a check's own code files the myth under that check.")
    patterns: list[Pattern] = Field(min_length=1,
                                    description="Regular expressions (case-insensitive) that match the false claim.")
    correction: Text
    severity: Literal["error", "warning"] = "error"


class MisconceptionsFile(Strict):
    misconceptions: list[Misconception] = []


# --- guide.yaml -----------------------------------------------------------------------------

class Section(Strict):
    id: Id
    title: Text
    body: Text = Field(description="Markdown; may use data through Jinja2 expressions.")
    draws_on: list[Id] = Field(default=[], description="Ids of concepts, standards or organizations this section uses.")
    sources: list[Id] = []
    block: Literal["comparison", "standard-links", "steps"] | None = None
    level: Literal[2, 3] = 2


class Faq(Strict):
    question: Text
    answer: Text
    sources: list[Id] = []


class GuideFile(Strict):
    title: Text
    description: Text
    intro: Text
    sections: list[Section] = Field(min_length=1)
    faq: list[Faq] = []


class Reviewer(Strict):
    name: Text
    role: Text = Field(description="What the person does for the site ('Standards editor'), no credential they lack.")
    pages: list[str] = Field(default=[], description="Pages reviewed ('standards/iso-9001.md'); empty: all the others.")


class Publisher(Strict):
    """data/publisher.yaml (optional): who publishes the site and reviews its pages, for bylines and JSON-LD."""
    name: Text
    url: WebUrl
    logo: str = Field(description="The logo's path in the content folder, e.g. 'assets/logo.svg'.")
    description: Text
    policy: str = Field(description="The editorial policy's page in the content folder, e.g. 'editorial-policy.md'.")
    first_published: dt.date = Field(description="The day the site was first published (JSON-LD datePublished).")
    reviewers: list[Reviewer] = Field(min_length=1, description="Exactly one without `pages` reviews every other page.")


# --- mkdocs.yml: extra.pillar ---------------------------------------------------------------

class Settings(Strict):
    """The hooks' own settings, under `extra: pillar:` in mkdocs.yml."""

    data_dir: str = "data"
    templates_dir: str = "templates"
    review_days: int = Field(default=365, ge=1, description="Facts verified longer ago than this are warnings.")
    check_date: dt.date | None = Field(default=None, description="Check as of this day instead of today (tests).")
    designation: Literal["error", "warning", "off"] = Field(
        default="warning", description="Severity of 'ISO 27001' where the data says 'ISO/IEC 27001'.")
    publisher: str = "ISO Certification Guide"
    external_ignore: list[str] = Field(default=[], description="Regular expressions of external URLs not to check.")
    external_cache_days: int = Field(default=7, ge=0, description="Re-check an external URL only after this many days.")
    external_timeout: float = Field(default=10.0, gt=0, description="Seconds to wait for each external URL.")


# --- predicates.yaml ------------------------------------------------------------------------

Lemma = Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*)?$")]


class Frame(Strict):
    """One way of saying a relation: its words, and which argument must be what."""

    verbs: list[Lemma] = Field(default=[], description="Lemmas that express the relation ('hand out' with its particle).")
    nouns: list[Lemma] = Field(default=[], description="Nouns naming the agent "
                               "('X is the publisher of Y', a 'Publisher' column).")
    actions: list[Lemma] = Field(default=[], description="Nouns naming the act, whose agent is their 'by' phrase "
                                 "('certification by X', 'the vetting of bodies is done by X').")
    objects: list[Lemma] = Field(default=[], description="The verbs mean this relation only with one of these as object.")
    subjects: list[Lemma] = Field(default=[], description="The grammatical subject must be one of these "
                                  "('a certificate comes from').")
    except_objects: list[Id] = Field(default=[], description="Kinds of organization (or lemmas) that, as the object, make the "
                                     "words mean another relation ('UKAS audits certification bodies' is not certifying).")
    agent: Literal["subject", "from", "to", "with", "through"] = Field(default="subject", description="Where the agent stands.")
    compound: bool = Field(default=False, description="'X-approved' names X as the agent.")
    idiom: list[Id] = Field(default=[], description="Kinds of organization for which 'X-<verb>' is an idiom, not an "
                            "agent ('ISO-certified': certified to an ISO standard); such a frame reads only the joined form.")
    standard_object: bool = Field(default=False, description="The object must be a standard (or the word 'standard').")
    fixed_object: Lemma | None = Field(default=None, description="An idiom's fixed direct object, with its modifiers "
                                       "('keep tabs on': tab; 'give the green light to': green light); the frame reads "
                                       "only a verb that has it.")
    fixed_phrase: Lemma | None = Field(default=None, description="An idiom's fixed preposition phrase on the verb "
                                       "('keep X in line': in line; 'be in charge of': in charge).")
    prep: Lemma | None = Field(default=None, description="The relation's object is this preposition's object, on the verb "
                               "or on a fixed piece ('keep tabs on X': on); the frame reads only a verb that has it.")


class Predicate(Strict):
    """A relation prose can claim and the fact of the data it is judged against."""

    id: Id
    tests: Literal["role", "subject"]
    code: str = Field(pattern=r"^[a-z]+(-[a-z]+)*$", description="The finding code when the claim is false.")
    does: Text = Field(description="What holding the relation is, in the base form ('issue certificates').")
    kinds: list[OrgKind] = Field(default=[], description="Kinds of organization that hold the role by definition.")
    message: Text | None = Field(default=None, description="The whole correction; {agent} names who the text says.")
    frames: list[Frame] = Field(min_length=1)


class PredicatesFile(Strict):
    predicates: list[Predicate] = Field(min_length=1)


KINDS: dict[str, type[BaseModel]] = {
    "predicates": PredicatesFile,
    "sources": SourcesFile,
    "organizations": OrganizationsFile,
    "subjects": SubjectsFile,
    "concepts": ConceptsFile,
    "references": ReferencesFile,
    "certification": CertificationFile,
    "misconceptions": MisconceptionsFile,
    "guide": GuideFile,
    "publisher": Publisher,
    "standard": Standard,
}
"""Every kind of data file and its model; `python -m hooks schema` writes one schema each."""
