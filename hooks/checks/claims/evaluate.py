"""Judge claims against the data as of the check date: claim in, finding (a `Hit`) out.

A role claim is right when the agent held the role on the day the claim speaks of: the check
date for the present tense, the year named for the past ("until 2026, IAF ran ..."), any day
at all for an undated past. A role that passed to a successor is `org-succeeded`; a standard
published by a body that is not its developer is `role-developer`. A claim the text denies is
wrong only where the data says it holds (never reported for roles: "ISO does not certify
anyone" is what the site wants writers to say, and its converse is rare).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass
from functools import cached_property

from hooks.data.model import Site

from .gazetteer import Gazetteer, Mention
from .registry import Claim


@dataclass
class Hit:
    """A false claim found in a sentence: where, why, and what the data says instead."""

    code: str
    start: int
    end: int
    """Offsets in the sentence."""
    message: str
    _: KW_ONLY
    expected: str | None = None
    """The correct value, as the data gives it."""
    source: str | None = None
    """The URL of the source the correct value comes from."""
    severity: str = "error"


@dataclass
class Context:
    gaz: Gazetteer
    day: dt.date
    designation_severity: str

    @property
    def site(self) -> Site:
        return self.gaz.site

    @cached_property
    def known_designations(self) -> dict[str, str]:
        return self.site.known_designations()

    def role_source(self, role: str) -> str | None:
        for org in self.site.organizations.values():
            for r in org.roles:
                if r.role == role and r.holds_on(self.day):
                    return self.site.source_url(r.source)
        return None

    def org_source(self, mention: Mention, role: str) -> str | None:
        if mention.kind != "org":
            return self.role_source(role)
        org = self.site.organizations[mention.ref]
        for r in org.roles:
            if r.role == role:
                return self.site.source_url(r.source)
        return self.site.source_url(org.source)


def judge_role(claim: Claim, ctx: Context) -> Hit | None:
    """A role claim against the organizations' roles and their dates."""
    if not claim.holding.positive or claim.agent.kind == "other":
        return None
    site, gaz = ctx.site, ctx.gaz
    predicate = site.predicates[claim.predicate]
    who = gaz.label(claim.agent)
    if claim.agent.kind == "class":
        if claim.agent.ref in predicate.kinds or claim.predicate in gaz.roles(claim.agent, ctx.day):
            return None
        return _wrong_agent(claim, ctx, who)
    org = site.organizations[claim.agent.ref]
    if org.kind in predicate.kinds:
        return _developer(claim, ctx) if claim.predicate == "develops-standards" else None
    ranges = [(r.since, r.until) for r in org.roles if r.role == claim.predicate]
    if not ranges:
        return _wrong_agent(claim, ctx, who)
    if any(_held_when(since, until, claim, ctx.day) for since, until in ranges):
        return _developer(claim, ctx) if claim.predicate == "develops-standards" else None
    ended = max((until for _, until in ranges if until is not None), default=None)
    if ended is None:
        began = min((since for since, _ in ranges if since is not None), default=None)
        if began is None or claim.holding.year is None or claim.holding.year >= began.year:
            return None
        # "Global Accreditation Cooperation already ran the MLA back in 2015": the role began later
        return Hit(predicate.code, claim.start, claim.end,
                   f"{who} has held this role ({predicate.does}) only since {began.isoformat()}, not in "
                   f"{claim.holding.year}.", expected=began.isoformat(), source=ctx.org_source(claim.agent, claim.predicate))
    successor = site.organizations[org.successor].abbreviation if org.successor else "its successor"
    return Hit("org-succeeded", claim.start, claim.end,
               f"{who} held this role ({predicate.does}) only until {ended.isoformat()}; since then {successor} "
               f"does. Write it in the past tense, or name {successor}.",
               expected=successor, source=ctx.org_source(claim.agent, claim.predicate))


def _held_when(since: dt.date | None, until: dt.date | None, claim: Claim, day: dt.date) -> bool:
    holding = claim.holding
    if not holding.past and holding.year is None:
        return (since is None or since <= day) and (until is None or day < until)
    if holding.year is None:
        return since is None or since <= day  # an undated past: held at some time before today
    first = dt.date(holding.year, 1, 1)
    last = dt.date(holding.year, 12, 31)
    if holding.relation in ("until", "till", "before", "through"):
        return since is None or since <= last
    if holding.relation == "since" and not holding.past:
        return (since is None or since <= day) and (until is None or day < until)
    return (since is None or since <= last) and (until is None or first < until)


def _wrong_agent(claim: Claim, ctx: Context, who: str) -> Hit:
    predicate = ctx.site.predicates[claim.predicate]
    holders = ", ".join(ctx.gaz.holders(claim.predicate, ctx.day)) or "no organization in the data"
    kinds = " and ".join(kind.replace("-", " ").replace("body", "bodies") for kind in predicate.kinds) or holders
    message = predicate.message.format(agent=who) if predicate.message else (
        f"{who} does not {predicate.does}; {kinds} do (in the data: {holders}). Name the right kind of body.")
    expected = holders if not predicate.message else "certified by an accredited certification body"
    return Hit(predicate.code, claim.start, claim.end, message, expected=expected,
               source=ctx.role_source(claim.predicate) or ctx.role_source("issues-certificates"))


def _developer(claim: Claim, ctx: Context) -> Hit | None:
    """'ISO 9001 was developed by IEC': the agent develops standards, but not this one."""
    if claim.standard is None or claim.agent.kind != "org":
        return None
    std = ctx.site.standards[claim.standard.ref]
    if claim.agent.ref in std.developers:
        return None
    names = " and ".join(ctx.site.organizations[d].abbreviation for d in std.developers)
    return Hit("role-developer", claim.start, claim.end,
               f"{std.designation} is developed by {names}, not {ctx.gaz.label(claim.agent)}.",
               expected=names, source=ctx.site.source_url(std.source))


def judge_subject(claim: Claim, ctx: Context) -> Hit | None:
    """A standard said to be about another standard's subject. Only what the text asserts is judged:
    a denied subject that happens to be right is rare, and misread negations are not."""
    if not claim.holding.positive or claim.standard is None or claim.subject is None:
        return None
    std = ctx.site.standards[claim.standard.ref]
    if std.subject == claim.subject.ref:
        return None
    subject = ctx.site.subjects[std.subject]
    said = ctx.site.subjects[claim.subject.ref].name
    return Hit("standard-subject", claim.start, claim.end, f"{std.designation} is the {subject.name} standard, not {said}.",
               expected=subject.name, source=ctx.site.source_url(subject.source))
