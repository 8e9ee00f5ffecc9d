"""The typed models: one per kind of data file, and the settings in mkdocs.yml.

This module is the truth about what data/ may contain; the JSON Schemas written by
`python -m hooks schema` and the editors' guide are generated from or checked against it.
Every model forbids unknown keys, so a typo is an error with a "did you mean" hint.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError("expected a lower-case id of letters, digits and single hyphens, such as 'iso-9001'")
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("expected some text, received an empty string")
    if "TODO" in value:
        raise ValueError("the placeholder TODO is still here; replace it with the real value")
    return value


def _check_pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return value


Id = Annotated[str, AfterValidator(_check_id)]
Pattern = Annotated[str, AfterValidator(_check_pattern)]
Text = Annotated[str, AfterValidator(_check_text)]
Role = Literal["develops-standards", "issues-certificates", "accredits-certification-bodies",
               "evaluates-accreditation-bodies"]
OrgKind = Literal["standards-body", "accreditation-body", "accreditation-network", "certification-body"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Strict):
    """A fact: it names its source and the day somebody checked it there."""

    source: Id = Field(description="Id of the source in data/sources.yaml that backs this fact.")
    verified: dt.date = Field(description="The day this fact was last checked against its source (YYYY-MM-DD).")


# --- sources.yaml ---------------------------------------------------------------------------

class Source(Strict):
    id: Id
    publisher: Text
    title: Text
    url: HttpUrl
    verified: dt.date


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


# --- organizations.yaml ---------------------------------------------------------------------

class RoleClaim(Sourced):
    role: Role
    since: dt.date | None = None
    until: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


class Organization(Sourced):
    id: Id
    name: Text
    abbreviation: Text
    aliases: list[Text] = []
    kind: OrgKind
    country: str | None = None
    url: HttpUrl
    summary: Text
    successor: Id | None = None
    roles: list[RoleClaim] = []


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


# --- certification.yaml ---------------------------------------------------------------------

class Validity(Sourced):
    years: int = Field(ge=1, le=10)


class Surveillance(Sourced):
    per_year_min: int = Field(ge=1, le=12)


class Recertification(Sourced):
    before_expiry: bool


class AuditParty(Sourced):
    party: Literal["first", "second", "third"]
    who: Text
    examples: list[Text] = []
    can_certify: bool


class CertificationFile(Strict):
    certificate_validity: Validity
    surveillance: Surveillance
    recertification: Recertification
    audit_parties: list[AuditParty] = Field(min_length=3, max_length=3)
    certification_required_by_iso: bool
    required_source: Id
    required_verified: dt.date


# --- standards/<id>.yaml --------------------------------------------------------------------

class Amendment(Sourced):
    designation: Text
    published: dt.date | None = None
    summary: Text


class CurrentEdition(Sourced):
    year: int = Field(ge=1947, le=2100)
    published: dt.date | None = None
    amendments: list[Amendment] = []


class EarlierEdition(Sourced):
    year: int = Field(ge=1947, le=2100)
    withdrawn: dt.date | None = None
    certificates_valid_until: dt.date | None = None


class Revision(Sourced):
    stage: Text
    expected: str | int
    note: Text


class Predecessor(Sourced):
    """A document the standard replaced that was not one of its editions (OHSAS 18001)."""

    designation: Text
    certificates_valid_until: dt.date | None = None
    note: Text


class Standard(Sourced):
    id: Id
    designation: Text
    developers: list[Id] = Field(min_length=1)
    title: Text
    subject: Id
    committee: Text
    summary: Text
    suits: Text
    themes: list[Text] = Field(min_length=1)
    certification_notes: list[Text] = []
    current_edition: CurrentEdition
    earlier_editions: list[EarlierEdition] = []
    revision: Revision | None = None
    predecessors: list[Predecessor] = []
    related: list[Id] = []


# --- misconceptions.yaml --------------------------------------------------------------------

class Misconception(Sourced):
    id: Id
    code: str = Field(default="misconception", pattern=r"^[a-z]+(-[a-z]+)*$",
                      description="The finding code to report; a check's own code files the myth under that check.")
    patterns: list[Pattern] = Field(min_length=1, description="Regular expressions (case-insensitive) that match the false claim.")
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


KINDS: dict[str, type[BaseModel]] = {
    "sources": SourcesFile,
    "organizations": OrganizationsFile,
    "subjects": SubjectsFile,
    "concepts": ConceptsFile,
    "certification": CertificationFile,
    "misconceptions": MisconceptionsFile,
    "guide": GuideFile,
    "standard": Standard,
}
"""Every kind of data file and its model; `python -m hooks schema` writes one schema each."""
