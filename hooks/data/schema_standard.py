"""The models of a standard's file, data/standards/<id>.yaml: its editions and their transitions, a
revision under way, and what its page says about it (the clauses at a glance, whom it suits, what is
particular about certifying to it, related standards, questions and answers).

Part of schema.py, which re-exports every model here; import them from there. The page's sections are
optional (empty by default), so a new standard builds before an editor has written them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from .schema import FactKind, Id, Sourced, Strict, Text

__all__ = ["Amendment", "Clause", "CurrentEdition", "EarlierEdition", "Particular", "Predecessor", "Question",
           "Relation", "Requirements", "Revision", "Stage", "Standard", "Suit", "Transition"]


class Amendment(Sourced):
    designation: Text
    published: dt.date | None = None
    summary: Text


class CurrentEdition(Sourced):
    year: int = Field(ge=1947, le=2100)
    edition: int | None = Field(default=None, ge=1,
                                description="The edition number (5 for a fifth edition), where a source gives it.")
    published: dt.date | None = None
    amendments: list[Amendment] = Field(default=[], description="Amendments to it, oldest first.")


class EarlierEdition(Sourced):
    """A withdrawn edition. History is patchy, so every date may be null; a YAML comment says why."""

    year: int = Field(ge=1947, le=2100)
    edition: int | None = Field(default=None, ge=1,
                                description="The edition number (1 for the first edition), where a source gives it.")
    published: dt.date | None = Field(default=None, description="The day ISO published it, where a primary source gives the day.")
    withdrawn: dt.date | None = Field(
        default=None, description="The day it was withdrawn, normally when the next edition was published.")
    certificates_valid_until: dt.date | None = Field(
        default=None, description="The last day accredited certificates to it were valid: the end of the transition.")
    sources: list[Id] = Field(default=[], description="Further sources, for facts of this edition that `source` does not give.")
    transition: Transition | None = Field(default=None, description="The transition away from it, while its end is not fixed.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> EarlierEdition:
        order = [("published", self.published), ("withdrawn", self.withdrawn),
                 ("certificates_valid_until", self.certificates_valid_until)]
        known = [(name, day) for name, day in order if day is not None]
        for (first, a), (then, b) in itertools.pairwise(known):
            if b < a:
                raise ValueError(f"{then} ({b.isoformat()}) is before {first} ({a.isoformat()}); "
                                 "an edition is published, then withdrawn, then its certificates end")
        if self.published is not None and self.published.year != self.year:
            raise ValueError(f"published ({self.published.isoformat()}) is not in the edition's year {self.year}")
        return self


Stage = Literal["PWI", "NP", "AWI", "WD", "CD", "DIS", "FDIS", "PRF"]
"""The stages of an ISO project before publication, as ISO abbreviates them: preliminary work item, new work
item proposal, approved work item, working draft, committee draft, draft and final draft International
Standard, proof."""


class Revision(Sourced):
    """A revision under way: a status that changes, so the page prints it with the day it was established."""

    stage: Stage = Field(description="The ISO stage reached, as ISO abbreviates it: 'DIS', 'FDIS'.")
    expected: str | int = Field(description="When publication is expected, as the source puts it: '2027'.")
    as_of: dt.date = Field(description="The day the stage was established from the source; printed 'As of <month year>'.")
    note: Text


class Transition(Sourced):
    """The move of certificates from an edition to the next, while its end may still be open."""

    ends: dt.date | None = Field(default=None, description="The last day certificates to the old edition are valid, once set.")
    status: Text = Field(description="The state of the transition in a sentence of our own, true on `as_of`; it is "
                         "printed after 'As of <month year>, ', so it opens with a name ('ISO 14001:2015 certificates').")
    as_of: dt.date = Field(description="The day the status was established from the source.")


class Predecessor(Sourced):
    """A document the standard replaced that was not one of its editions (OHSAS 18001)."""

    designation: Text
    certificates_valid_until: dt.date | None = None
    note: Text
    sources: list[Id] = Field(default=[], description="Further sources, for facts here that `source` does not give.")


class Clause(Strict):
    number: Text = Field(description="The clause as the standard numbers it: '4', '8', 'A.5'.")
    title: Text = Field(description="The clause's title in the standard.")
    asks: Text = Field(description="One or two sentences, in our own words, on what it asks of this standard's system.")


class Requirements(Sourced):
    """What the standard requires, clause by clause at a glance."""

    clauses: list[Clause] = Field(min_length=1, description="Clauses 4 to 10 of the harmonized structure, then any annex.")
    sources: list[Id] = Field(default=[], description="Further sources, for clauses that `source` does not give (an annex).")


class Suit(Sourced):
    who: Text = Field(description="A kind of organization: 'Manufacturers selling to regulated markets'.")
    why: Text = Field(description="Why the standard suits it, in a sentence.")
    kind: FactKind = Field(default="standard-content", description="The kind of fact its source backs.")


class Particular(Sourced):
    topic: Text = Field(description="What is particular about certifying to it: 'Statement of Applicability'.")
    text: Text = Field(description="One to three sentences on it, in our own words.")
    kind: FactKind = Field(default="certification-process", description="The kind of fact its source backs.")


class Relation(Sourced):
    id: Id = Field(description="A standard (data/standards) or a reference (data/references.yaml).")
    why: Text = Field(description="How it relates to this standard, in a sentence.")


class Question(Sourced):
    question: Text
    answer: Text = Field(description="Two to four sentences; a status that changes belongs in the data it comes from, not here.")
    kind: FactKind = Field(default="standard-content", description="The kind of fact its source backs.")


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
    certification_notes: list[Text] = Field(default=[], description="Short notes on certifying to it; prefer particulars.")
    current_edition: CurrentEdition
    earlier_editions: list[EarlierEdition] = Field(default=[], description="Withdrawn editions, oldest first.")
    revision: Revision | None = None
    predecessors: list[Predecessor] = Field(default=[], description="Documents it replaced that were not its editions.")
    related: list[Id] = Field(default=[], description="Ids of the standards its page links to, in order.")
    requirements: Requirements | None = Field(default=None, description="Its clauses at a glance.")
    suited_to: list[Suit] = Field(default=[], description="Kinds of organization it suits, each with the reason.")
    particulars: list[Particular] = Field(default=[], description="What is particular about certifying to it.")
    relations: list[Relation] = Field(default=[], description="Related standards, each with why it relates.")
    questions: list[Question] = Field(default=[], description="Its own short FAQ, three to five questions.")

    @field_validator("earlier_editions")
    @classmethod
    def _editions_in_order(cls, editions: list[EarlierEdition], info: ValidationInfo) -> list[EarlierEdition]:
        years = [e.year for e in editions]
        for a, b in itertools.pairwise(years):
            if b <= a:
                raise ValueError(f"list the earlier editions oldest first, each year once: {b} comes after {a}")
        current = info.data.get("current_edition")
        if current is not None and years and years[-1] >= current.year:
            raise ValueError(f"the earlier edition {years[-1]} is not older than the current edition {current.year}")
        return editions
