"""The relations a sentence can claim, and how each is judged against the data.

Each `check_*` function reads one clause (with its mentions) and returns hits: what was
claimed, where, and what the data says instead. Polarity is decided here, once, by
`polarity()`: negation in scope, a claim named as a myth, a question.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .gazetteer import Gazetteer, Mention, title_key, title_parts
from .sentences import Clause

NEGATION = re.compile(
    r"\b(?:not|never|no longer|neither|nor|cannot|without|nothing|none)\b|n['’]t\b|\bno\b(?![,.!])", re.I)
MYTH = re.compile(r"\b(?:myths?|misconceptions?|misbelief|wrongly|mistakenly|falsely|is wrong|are wrong|"
                  r"out of date|outdated|never existed|incorrect(?:ly)?|is false|are false)\b", re.I)
BOUNDARY = re.compile(r",\s+(?:but|and|while|whereas|although|though|which|so)\b|\bbut\b|\band\s+(?:that|it|they)\b"
                      r"|\bwhen\b|\bif\b|\bunless\b|\bbecause\b", re.I)
COPULA = re.compile(r"\b(?:is|are|was|were|be|been|being|am|become|became|get|got|gets|getting|remains?)\s+"
                    r"(?:(?:not|never|also|now|still|currently|formally|officially|only|already|all)\s+)*$", re.I)
ADJECTIVAL = re.compile(r"\b(?:a|an|the|our|their|its|your|is|are|was|were|be|been|being|become|get|getting|of|to)\s+$", re.I)
OBJECT_NEXT = re.compile(r"\s+(?:our|the|a|an|their|its|this|that|these|those|his|her|us|them|every|all|each|[A-Z][a-z]+\s+Ltd)\b")
# Past participles that are also adjectives ("an ISO certified supplier"): active only with an agent in front.
PARTICIPLES = {"certified", "accredited", "approved", "published", "developed", "issued", "written", "drafted",
               "authored", "revised", "awarded", "handed out"}
PRONOUN = re.compile(r"^\s*(?:it|they)\b", re.I)


@dataclass
class Hit:
    code: str
    start: int
    end: int
    message: str
    expected: str | None = None
    source: str | None = None
    severity: str = "error"
    text: str | None = None
    """What the text says, when it is not clause.text[start:end] (a hit found in the whole sentence)."""


@dataclass
class Context:
    gaz: Gazetteer
    day: dt.date
    designation_severity: str

    def org_source(self, mention: Mention, role: str | None = None) -> str | None:
        site = self.gaz.site
        if mention.kind == "org":
            org = site.organizations[mention.ref]
            for r in org.roles:
                if role is None or r.role == role:
                    return site.source_url(r.source)
            return site.source_url(org.source)
        for org in site.organizations.values():
            if org.kind == mention.ref:
                for r in org.roles:
                    return site.source_url(r.source)
        return None

    def role_source(self, role: str) -> str | None:
        for org in self.gaz.site.organizations.values():
            for r in org.roles:
                if r.role == role and r.holds_on(self.day):
                    return self.gaz.site.source_url(r.source)
        return None


# --- polarity ---------------------------------------------------------------------------------

def window_start(text: str, pos: int) -> int:
    """Start of the local clause around pos: after the last conjunction boundary before it."""
    start = 0
    for m in BOUNDARY.finditer(text, 0, pos):
        start = m.end()
    return start


def negated(text: str, start: int, end: int, skip: tuple[int, int] | None = None) -> bool:
    """Is there a negation in [start, end), outside the span to skip?"""
    for m in NEGATION.finditer(text, start, end):
        if skip and skip[0] <= m.start() < skip[1]:
            continue
        if m.group(0).casefold() == "no" and not text[:m.start()].strip():
            continue  # "No, ..." answers a question; it negates nothing in the clause
        return True
    return False


def asserted(clause: Clause, start: int, end: int, skip: tuple[int, int] | None = None) -> bool:
    """True when the clause asserts what lies in [start, end) (not negated, not a myth)."""
    neg = negated(clause.text, window_start(clause.text, start), end, skip)
    myth = bool(MYTH.search(clause.text)) or bool(MYTH.search(clause.sentence[: max(0, clause.start)]))
    return neg == myth


# --- agents -----------------------------------------------------------------------------------

AGENTIVE = ("org", "class", "other")


def _left_agent(clause: Clause, mentions: list[Mention], pos: int) -> Mention | None:
    """The nearest organization (or other party) named before pos in the local clause."""
    start = _agent_window(clause.text, pos)
    best = None
    for m in mentions:
        if m.kind in AGENTIVE and start <= m.start and m.end <= pos:
            best = m
    if best is None and PRONOUN.match(clause.text) and clause.previous is not None:
        prev = [m for m in clause.previous_mentions if m.kind in AGENTIVE]
        best = prev[0] if prev else None
    return best


def _agent_window(text: str, pos: int) -> int:
    start = 0
    for m in re.finditer(r";|\bwhen\b|\bif\b|\bunless\b|\bbecause\b|,\s+(?:and|while|whereas|although|though|so)\b", text[:pos], re.I):
        start = m.end()
    return start


def _by_agents(clause: Clause, mentions: list[Mention], after: int) -> list[tuple[Mention, int, bool | None]]:
    """Agents introduced by 'by' after a passive verb: (mention, position, forced polarity)."""
    text = clause.text
    found = []
    for m in re.finditer(r"\b(?:(not|but|and|or|nor)\s+)?by\s+(?:the\s+|a\s+|an\s+|its\s+|our\s+|their\s+)?", text[after:after + 90], re.I):
        at = after + m.end()
        agent = next((x for x in mentions if x.kind in AGENTIVE and x.start == at), None)
        if agent is None:
            continue
        lead = (m.group(1) or "").casefold()
        forced = False if lead == "not" else True if lead == "but" else None
        found.append((agent, at, forced))
        # "by ISO and IEC": every agent joined by and/or/commas
        tail = agent.end
        for nxt in mentions:
            if nxt.kind in AGENTIVE and nxt.start > tail and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?", text[tail:nxt.start], re.I):
                found.append((nxt, nxt.start, forced))
                tail = nxt.end
    return found


@dataclass
class Relation:
    """One predicate: its verbs in each voice."""

    name: str
    active: re.Pattern[str]
    passive: re.Pattern[str]
    compound: re.Pattern[str] | None
    needs: re.Pattern[str] | None = None
    """A word the clause must contain for the verbs to mean this relation."""


RELATIONS = [
    Relation("issues-certificates",
             re.compile(r"\b(?:issues?|issuing|hands?\s+(?:out|over)|handing\s+(?:out|over)|grants?|awards?|gives?|provides?|sends?|sending|mails?)\b"
                        r"(?=[^.;]{0,60}\bcertific)|\b(?:issued|handed\s+(?:out|over)|granted|awarded|gave|sent|mailed)\b(?=[^.;]{0,60}\bcertific)"
                        r"|\bcertif(?:y|ies|ying)\b|\bcertified\b", re.I),
             re.compile(r"\b(?:certified|issued|granted|awarded|handed\s+out)\b", re.I),
             None, re.compile(r"certif", re.I)),
    Relation("approves",
             re.compile(r"\bapprov(?:e|es|ing|ed)\b", re.I),
             re.compile(r"\bapproved\b", re.I),
             re.compile(r"^[-\s]approved\b", re.I)),
    Relation("accredits-certification-bodies",
             re.compile(r"\baccredit(?:s|ing|ed)?\b|\bgrant(?:s|ed)?\b(?=[^.;]{0,40}\baccreditation\b)", re.I),
             re.compile(r"\baccredited\b", re.I),
             re.compile(r"^[-\s]accredited\b", re.I)),
    Relation("develops-standards",
             re.compile(r"\b(?:develops?|developed|publish(?:es)?|published|writes?|wrote|drafts?|drafted|authors?|authored|revis(?:es|ed))\b", re.I),
             re.compile(r"\b(?:developed|published|written|drafted|authored|prepared)\b|\bpublisher\s*:", re.I),
             re.compile(r"^[-\s](?:published|developed)\b", re.I)),
    Relation("evaluates-accreditation-bodies",
             re.compile(r"\b(?:runs?|ran|operates?|operated|manages?|managed|oversees?|oversaw|administers?|administered|recogni[sz]es?|recogni[sz]ed"
                        r"|(?:peer[- ])?evaluates?|(?:peer[- ])?evaluated|assess(?:es)?|assessed)\b"
                        r"(?=[^.;]{0,80}\b(?:recognition|arrangements?|MLA|accreditation bodies)\b)", re.I),
             re.compile(r"\b(?:run|operated|managed|overseen|administered)\b", re.I),
             None, re.compile(r"recogni|arrangement|\bMLA\b|accreditation bodies", re.I)),
]
PAST = re.compile(r"\b(?:ran|operated|managed|oversaw|administered|recogni[sz]ed|was|were|had|used to|until|before|"
                  r"for years|formerly|previously|in the past|no longer|passed|took over|merged)\b", re.I)
PRESENT = re.compile(r"\b(?:runs|operates|manages|oversees|administers|recogni[sz]es|is|are|still|currently|today|now)\b", re.I)


def _relations(clause: Clause, mentions: list[Mention]) -> list[tuple[str, Mention, int, int, bool | None]]:
    """Every (relation, agent, verb start, verb end, forced polarity) the clause states."""
    text = clause.text
    out = []
    spans = [(m.start, m.end) for m in mentions if m.kind in ("org", "class", "standard")]

    def inside(a: int) -> bool:
        return any(s <= a < e for s, e in spans)

    for rel in RELATIONS:
        if rel.needs and not rel.needs.search(clause.sentence if clause.kind == "table" else text):
            continue
        # compounds: "ISO-approved", "a UKAS-accredited body"
        if rel.compound:
            for m in mentions:
                if m.kind in ("org", "class") and rel.compound.match(text[m.end:]):
                    out.append((rel.name, m, m.start, m.end + rel.compound.match(text[m.end:]).end(), None))
        for v in rel.active.finditer(text):
            if inside(v.start()) or any(o[3] >= v.end() and o[2] <= v.start() for o in out):
                continue
            before = text[:v.start()]
            word = v.group(0).casefold()
            participle = " ".join(word.split()) in PARTICIPLES or word in ("run",)
            if (participle or word.endswith("ed")) and COPULA.search(before):
                continue  # passive: handled below with its "by" agent
            agent = _left_agent(clause, mentions, v.start())
            if agent is None:
                continue
            gap = text[agent.end:v.start()]
            if participle:
                # "ISO certified" after "are"/"an" is an adjective, not ISO certifying anyone
                if re.fullmatch(r"[-\s]*", gap) and (ADJECTIVAL.search(text[:agent.start])
                                                     or not text[:agent.start].strip() and not OBJECT_NEXT.match(text[v.end():])):
                    continue
                if not re.fullmatch(r"[\s,]*(?:(?:has|have|had|also|formally|officially|then|later|itself|"
                                    r"once|jointly|first)\s*)*", gap, re.I):
                    continue
            if rel.name == "develops-standards" and not _standard_object(text, v.end(), mentions):
                continue
            if word.startswith("certif") and re.match(r"\s+to\b", text[v.end():]):
                continue  # "organizations certify to ISO 9001": they are certified, nobody is said to certify
            out.append((rel.name, agent, v.start(), v.end(), None))
        for v in rel.passive.finditer(text):
            if inside(v.start()):
                continue
            if rel.name == "develops-standards" and not _standard_subject(text, v.start(), mentions):
                continue
            if v.group(0).casefold().startswith("publisher"):
                agent = next((m for m in mentions if m.kind in AGENTIVE and m.start >= v.end()
                              and not text[v.end():m.start].strip(" *")), None)
                if agent:
                    out.append((rel.name, agent, v.start(), v.end(), None))
                continue
            for agent, _, forced in _by_agents(clause, mentions, v.end()):
                out.append((rel.name, agent, v.start(), v.end(), forced))
    for m in re.finditer(r"\b(?:arrangements?|recognition|MLA)\s+(?:that|which)\s+", text, re.I):
        agent = next((x for x in mentions if x.kind == "org" and x.start == m.end()), None)
        verb = re.match(r"\s+(?:runs|operates|manages|oversees|administers)\b", text[agent.end:]) if agent else None
        if agent and verb:
            out.append(("evaluates-accreditation-bodies", agent, agent.start, agent.end + verb.end(), None))
    return out


def _standard_object(text: str, pos: int, mentions: list[Mention]) -> bool:
    tail = re.sub(r"^\s*(?:and\s+(?:develops?|publish(?:es)?|writes?|maintains?)\s*)*", "", text[pos:])
    offset = len(text[pos:]) - len(tail)
    m = re.match(r"(?:the\s+|a\s+|an\s+|its\s+|all\s+|international\s+|new\s+|these\s+)*", tail, re.I)
    at = pos + offset + (m.end() if m else 0)
    if re.match(r"(?:ISO\s+|international\s+)?standards?\b", text[at:], re.I):
        return True
    return any(x.kind == "standard" and x.start == at for x in mentions)


def _standard_subject(text: str, pos: int, mentions: list[Mention]) -> bool:
    return any(x.kind == "standard" and x.end <= pos for x in mentions) or bool(re.search(r"\bstandards?\b", text[:pos], re.I))


ROLE_CODES = {
    "issues-certificates": "role-issuer",
    "approves": "role-approver",
    "accredits-certification-bodies": "role-accreditor",
    "develops-standards": "role-developer",
    "evaluates-accreditation-bodies": "org-role",
}
ROLE_WORDS = {
    "issues-certificates": "issues certificates",
    "approves": "approves organizations",
    "accredits-certification-bodies": "accredits certification bodies",
    "develops-standards": "develops the standards",
    "evaluates-accreditation-bodies": "runs the recognition of accreditation bodies",
}


def check_roles(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    hits = []
    gaz = ctx.gaz
    for rel, agent, start, end, forced in _relations(clause, mentions):
        if agent.kind == "other":
            continue
        positive = forced if forced is not None else asserted(clause, min(agent.start, start), end)
        if forced is True and MYTH.search(clause.text):
            positive = False
        if not positive:
            continue
        who = gaz.label(agent)
        if rel == "approves":
            if agent.kind == "class" and agent.ref == "certification-body":
                continue
            hits.append(Hit("role-approver", min(agent.start, start), max(end, agent.end),
                            f"{who} does not approve organizations: an accredited certification body certifies them "
                            f"to a standard for a scope. Write 'certified to <standard> by <certification body>'.",
                            "certified by an accredited certification body", ctx.role_source("issues-certificates")))
            continue
        roles = gaz.roles(agent, ctx.day)
        if rel in roles:
            if rel == "develops-standards":
                hits += _check_developers(clause, mentions, agent, start, end, ctx)
            continue
        ended = gaz.ever_roles(agent).get(rel)
        if rel == "evaluates-accreditation-bodies" and ended is not None:
            if PAST.search(clause.text) and not PRESENT.search(clause.text[start:end]):
                continue
            successor = gaz.site.organizations[agent.ref].successor
            after = gaz.site.organizations[successor].abbreviation if successor else "its successor"
            hits.append(Hit("org-succeeded", min(agent.start, start), end,
                            f"{who} {ROLE_WORDS[rel]} only until {ended.isoformat()}; since then {after} does. "
                            f"Write it in the past tense, or name {after}.",
                            after, ctx.org_source(agent, rel)))
            continue
        holders = ", ".join(gaz.holders(rel, ctx.day)) or "no organization in the data"
        kind_word = {"issues-certificates": "certification bodies", "accredits-certification-bodies":
                     "accreditation bodies", "develops-standards": "standards bodies",
                     "evaluates-accreditation-bodies": holders}[rel]
        hits.append(Hit(ROLE_CODES[rel], min(agent.start, start), max(end, agent.end),
                        f"{who} does not {ROLE_WORDS[rel].replace('issues', 'issue').replace('approves', 'approve').replace('accredits', 'accredit').replace('develops', 'develop').replace('runs', 'run')}; "
                        f"{kind_word} do (in the data: {holders}). Name the right kind of body.",
                        holders, ctx.role_source(rel)))
    return hits


def _check_developers(clause: Clause, mentions: list[Mention], agent: Mention, start: int, end: int,
                      ctx: Context) -> list[Hit]:
    """'ISO 9001 was developed by IEC': the agent develops standards, but not this one."""
    if agent.kind != "org":
        return []
    for m in mentions:
        if m.kind == "standard" and not m.predecessor and (m.end <= start or m.start >= end):
            std = ctx.gaz.site.standards[m.ref]
            if agent.ref not in std.developers:
                names = " and ".join(ctx.gaz.site.organizations[d].abbreviation for d in std.developers)
                return [Hit("role-developer", min(agent.start, start), end,
                            f"{std.designation} is developed by {names}, not {ctx.gaz.label(agent)}.",
                            names, ctx.gaz.site.source_url(std.source))]
            return []
    return []


# --- standards: subject, edition, designation -------------------------------------------------

def check_subjects(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    hits = []
    standards = [m for m in mentions if m.kind == "standard" and not m.predecessor]
    for subj in (m for m in mentions if m.kind == "subject"):
        before = [s for s in standards if s.end <= subj.start]
        if before:
            std_m = before[-1]
            if len(clause.text[std_m.end:subj.start].split()) > 14:
                continue
            # "ISO 9001 and ISO 14001 ... quality": a list of standards shares no single subject
            if len(before) > 1 and re.search(r"\b(?:and|or|nor|,)\s*$", clause.text[before[-2].end:std_m.start]):
                continue
        elif not standards and PRONOUN.match(clause.text) and clause.previous is not None:
            prev = [m for m in clause.previous_mentions if m.kind == "standard" and not m.predecessor]
            if not prev:
                continue
            std_m = prev[-1]
        else:
            after = [s for s in standards if s.start >= subj.end]
            if not after or len(clause.text[subj.end:after[0].start].split()) > 6 \
                    or not re.search(r"\b(?:is|are)\b", clause.text[subj.end:after[0].start]):
                continue
            std_m = after[0]
        std = ctx.gaz.site.standards[std_m.ref]
        right = std.subject == subj.ref
        claimed = asserted(clause, min(std_m.start, subj.start) if std_m in mentions else subj.start, subj.end)
        if right != claimed:
            subject = ctx.gaz.site.subjects[std.subject]
            said = ctx.gaz.site.subjects[subj.ref].name
            hits.append(Hit("standard-subject", min(subj.start, std_m.start) if std_m in mentions else subj.start,
                            max(subj.end, std_m.end) if std_m in mentions else subj.end,
                            f"{std.designation} is the {subject.name} standard, not {said}"
                            f"{'' if claimed else ' (the text denies its subject)'}.",
                            subject.name, ctx.gaz.site.source_url(subject.source)))
    return hits


HOLDING = re.compile(r"\b(?:(?:are|is|am|be|being|become|becoming|get|getting|gets)\s+(?:now\s+|still\s+)?certified|"
                     r"hold(?:s|ing)?\b[^.;]*\bvalid|valid\s+(?:until|till|through|to)\b|(?:still|remains?|is|are)\s+valid|"
                     r"this\s+year|(?:current|latest|newest|most recent)\s+(?:edition|version)|\bstill\b[^.;]*\bcertific)", re.I)
CURRENT = re.compile(r"\b(?:current|latest|newest|most recent|up-to-date|in force)\b", re.I)
WITHDRAWN = re.compile(r"\b(?:withdrawn|replaced|superseded|obsolete|retired)\b", re.I)
CERT_CONTEXT = re.compile(r"\bcertif", re.I)
YEAR = re.compile(r"(?<![:\d])(?:19|20)\d\d(?!\d)")


def check_editions(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    hits = []
    text = clause.text
    site = ctx.gaz.site
    editions = [m for m in mentions if m.kind == "standard" and (m.year or m.predecessor)]
    for m in editions:
        std = site.standards[m.ref]
        if m.predecessor:
            valid_until = ctx.gaz.predecessors[m.predecessor][1]
            label, status = m.predecessor, "replaced"
        else:
            label = f"{std.designation}:{m.year}"
            known = {std.current_edition.year: None, **{e.year: e for e in std.earlier_editions}}
            if m.year not in known:
                if std.revision and str(m.year) == str(std.revision.expected):
                    if CURRENT.search(text) and asserted(clause, m.start, m.end):
                        hits.append(Hit("edition-future", m.start, m.end,
                                        f"{label} is not published yet (stage: {std.revision.stage}); the current edition is "
                                        f"{std.designation}:{std.current_edition.year}.",
                                        f"{std.designation}:{std.current_edition.year}", site.source_url(std.revision.source)))
                    continue
                if asserted(clause, 0, m.end) or clause.quoted is False and not NEGATION.search(text):
                    years = sorted(known)
                    hits.append(Hit("edition-unknown", m.start, m.end,
                                    f"there is no edition {label}; the editions in the data are "
                                    f"{', '.join(f'{std.designation}:{y}' for y in years)}.",
                                    f"{std.designation}:{std.current_edition.year}", site.source_url(std.current_edition.source)))
                continue
            edition = known[m.year]
            if edition is None:
                if WITHDRAWN.search(text) and _nearest_edition(text, editions, WITHDRAWN) is m and asserted(clause, m.start, len(text)):
                    hits.append(Hit("edition-withdrawn", m.start, m.end,
                                    f"{label} is the current edition; it has not been withdrawn.",
                                    label, site.source_url(std.current_edition.source)))
                continue
            valid_until = edition.certificates_valid_until
            status = f"withdrawn on {edition.withdrawn.isoformat()}" if edition.withdrawn else "withdrawn"
            current = f"{std.designation}:{std.current_edition.year}"
            if CURRENT.search(text) and _nearest_edition(text, editions, CURRENT) is m and asserted(clause, m.start, len(text)):
                hits.append(Hit("edition-withdrawn", m.start, m.end,
                                f"{label} is not the current edition ({status}); the current edition is {current}.",
                                current, site.source_url(edition.source)))
                continue
            if WITHDRAWN.search(text) and _nearest_edition(text, editions, WITHDRAWN) is m \
                    and not asserted(clause, m.start, len(text)) and not MYTH.search(text):
                hits.append(Hit("edition-withdrawn", m.start, m.end,
                                f"{label} was {status}; the current edition is {current}.", current, site.source_url(edition.source)))
                continue
        if valid_until is None or valid_until >= ctx.day:
            continue
        expired = f"certificates to {label} ended on {valid_until.isoformat()}"
        years = [int(y) for y in YEAR.findall(text)]
        if CERT_CONTEXT.search(text) and any(y > valid_until.year for y in years) and asserted(clause, 0, len(text)):
            hits.append(Hit("edition-withdrawn", m.start, m.end, f"{expired}; no certificate to it is valid after that.",
                            f"{std.designation}:{std.current_edition.year}", _edition_source(site, std, m)))
        elif HOLDING.search(text) and (not PAST.search(text) or re.search(r"\bstill\b", text, re.I)) \
                and asserted(clause, 0, len(text)):
            hits.append(Hit("edition-withdrawn", m.start, m.end, f"{expired}; a claim to hold one now is out of date.",
                            f"{std.designation}:{std.current_edition.year}", _edition_source(site, std, m)))
    return hits


def _edition_source(site, std, m: Mention) -> str | None:
    if m.predecessor:
        pred = next(p for p in std.predecessors if p.designation == m.predecessor)
        return site.source_url(pred.source)
    edition = next((e for e in std.earlier_editions if e.year == m.year), None)
    return site.source_url(edition.source) if edition else None


def _nearest_edition(text: str, editions: list[Mention], cue: re.Pattern[str]) -> Mention | None:
    """The edition a cue word ('current', 'withdrawn') is about: the nearest before it, else after;
    for 'X replaced Y' (active, no 'by') the edition after it."""
    at = cue.search(text)
    if not at:
        return None
    after_cue = [m for m in editions if m.start >= at.end()]
    if at.group(0).casefold() in ("replaced", "superseded") and after_cue \
            and not re.match(r"\s+by\b", text[at.end():], re.I) and not COPULA.search(text[:at.start()]):
        return after_cue[0]
    before = [m for m in editions if m.end <= at.start()]
    if before:
        return before[-1]
    after = [m for m in editions if m.start >= at.end()]
    return after[0] if after else None


def check_designations(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    if ctx.designation_severity == "off":
        return []
    hits = []
    for m in mentions:
        if m.kind == "standard" and m.short:
            std = ctx.gaz.site.standards[m.ref]
            hits.append(Hit("designation", m.start, m.end,
                            f"the official designation is {std.designation!r}: it is developed jointly by "
                            f"{' and '.join(ctx.gaz.site.organizations[d].abbreviation for d in std.developers)}.",
                            std.designation, ctx.gaz.site.source_url(std.source), ctx.designation_severity))
    return hits


def check_titles(sentence: str, ctx: Context) -> list[Hit]:
    """A standard's formal title, where a sentence gives one, reads as in the data.

    Works on the whole sentence (clauses split at dashes, and titles are written with them);
    offsets are in the sentence. Titles of earlier editions differ, so those are left alone.
    """
    if "?" in sentence or MYTH.search(sentence):
        return []
    gaz, site = ctx.gaz, ctx.gaz.site
    hits: list[Hit] = []
    standards: list[Mention] | None = None
    for t in gaz.title_pattern.finditer(sentence):
        if standards is None:  # found once per sentence, only where a title is
            standards = [m for m in gaz.find(sentence) if m.kind == "standard" and not m.predecessor]
        before = [m for m in standards if m.end <= t.start()]
        owner = before[-1] if before else next((m for m in standards if m.start >= t.end()), None)
        if owner is None or NEGATION.search(sentence, 0, t.start()):
            continue
        std = site.standards[owner.ref]
        if owner.year not in (None, std.current_edition.year):
            continue
        written = title_key(t.group(0))
        if written == title_key(std.title):
            continue
        other = next((site.standards[gaz.title_owners[k]] for k in (written, *title_parts(t.group(0)))
                      if gaz.title_owners.get(k, owner.ref) != owner.ref), None)
        said = " ".join(t.group(0).split())
        if other is not None:
            hits.append(Hit("standard-title", t.start(), t.end(),
                            f"the title of {std.designation} is \"{std.title}\"; \"{said}\" is the title of {other.designation}.",
                            std.title, site.source_url(std.source)))
        else:
            hits.append(Hit("standard-title", t.start(), t.end(),
                            f"the title of {std.designation}:{std.current_edition.year} is \"{std.title}\"; "
                            f"write it the same way on every page.", std.title, site.source_url(std.source), "warning"))
    return hits


# --- certification facts ----------------------------------------------------------------------

NUMBERS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "twelve": 12, "eighteen": 18, "twenty-four": 24}
NUM = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty-four)"
VALIDITY = re.compile(rf"\b(?:valid|validity|lasts?|lasting|cycle|runs?)\b[^.;]{{0,40}}?\b{NUM}[\s-]+(years?|months?)\b|"
                      rf"\b{NUM}[\s-]+(years?)\s+(?:validity|cycle|certification cycle)\b|"
                      rf"\b(?:validity|duration)\b[^.;]{{0,30}}?:\s*{NUM}\s+(years?|months?)", re.I)
FOREVER = re.compile(r"\b(?:never\s+expires?|for\s+life|forever|indefinitely|permanent(?:ly)?|lifetime|does\s+not\s+expire|doesn['’]t\s+expire)\b", re.I)
EXPIRES = re.compile(r"\bexpires?\b|\bexpiry\b", re.I)
CERT_WORD = re.compile(r"\bcertific(?:ate|ates|ation)\b|\bcycle\b", re.I)


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    return int(word) if word.isdigit() else NUMBERS.get(word.casefold())


def check_validity(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    scope = clause.sentence if clause.kind == "table" else text
    if not CERT_WORD.search(scope) or re.search(r"\btransition|surveillance|recertif|\baudits?\b(?!\s+before)", text, re.I) and not re.search(r"\bvalid", text, re.I):
        return []
    years = ctx.gaz.site.certification.certificate_validity.years
    src = ctx.gaz.site.source_url(ctx.gaz.site.certification.certificate_validity.source)
    hits = []
    forever = FOREVER.search(text)
    if forever:
        inner_neg = re.match(r"(?:never|does\s+not|doesn['’]t)", forever.group(0), re.I)
        claims_forever = asserted(clause, forever.start(), forever.end(), (forever.start(), forever.end()) if inner_neg else None)
        if claims_forever:
            hits.append(Hit("cert-validity", forever.start(), forever.end(),
                            f"a certificate does not last indefinitely: it is valid for {years} years, then renewed by recertification.",
                            f"{years} years", src))
        return hits
    if EXPIRES.search(text) and not re.search(r"\bbefore\b", text, re.I):
        e = EXPIRES.search(text)
        if not asserted(clause, e.start(), e.end()):
            hits.append(Hit("cert-validity", e.start(), e.end(),
                            f"certificates do expire: each is valid for {years} years.", f"{years} years", src))
        return hits
    for m in VALIDITY.finditer(text):
        groups = [g for g in m.groups() if g]
        value = _number(groups[0]) if groups else None
        unit = groups[1] if len(groups) > 1 else "years"
        if value is None:
            continue
        if re.search(r"\b(?:after|within|up to|before)\b", text[m.start():m.end()], re.I) and "valid" not in m.group(0).lower():
            continue
        months = value if unit.lower().startswith("month") else value * 12
        right = months == years * 12
        claimed = asserted(clause, m.start(), m.end())
        if right != claimed:
            hits.append(Hit("cert-validity", m.start(), m.end(),
                            f"a certificate is valid for {years} years (the certification cycle), not "
                            f"{value} {unit}.", f"{years} years", src))
    return hits


FREQ = re.compile(rf"\bevery\s+{NUM}\s+(years?|months?)\b|\bevery\s+(other)\s+year\b|\bonce\s+(?:per|a|every|each)\s+(?:certification\s+)?(cycle)\b|"
                  r"\b(?:once|at least once)\s+(?:a|per|each|every)\s+(?:calendar\s+)?(year)\b|\b(annual(?:ly)?|yearly|every\s+year|each\s+year)\b|"
                  rf"\b{NUM}[\s-]+(yearly|years?)\b(?=\s+(?:surveillance|cycle))", re.I)
TOPIC = re.compile(r"\bsurveillance\b|\b(recertification|recertifications|recertify|certificate|certification cycle|validity)\b", re.I)


def check_surveillance(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    per_year = ctx.gaz.site.certification.surveillance.per_year_min
    src = ctx.gaz.site.source_url(ctx.gaz.site.certification.surveillance.source)
    topics = list(TOPIC.finditer(text))
    inherited = not topics and clause.previous is not None and PRONOUN.match(text) \
        and re.search(r"\bsurveillance\b", clause.previous.text, re.I)
    hits = []
    for f in FREQ.finditer(text):
        if topics:
            nearest = min(topics, key=lambda t: (min(abs(t.start() - f.end()), abs(f.start() - t.end())), t.start() > f.start()))
            if not nearest.group(0).casefold() == "surveillance":
                continue
        elif not inherited:
            continue
        groups = [g for g in f.groups() if g]
        word = groups[0].casefold()
        if word in ("cycle",):
            months = 36
        elif word in ("other",):
            months = 24
        elif word.startswith(("annual", "yearly", "every year", "each year", "year")) and len(groups) == 1:
            months = 12
        else:
            value = _number(groups[0]) or 1
            unit = groups[1].casefold() if len(groups) > 1 else "years"
            months = value if unit.startswith("month") else value * 12
        right = months <= 12 // per_year
        claimed = asserted(clause, f.start(), f.end())
        if right != claimed:
            hits.append(Hit("surveillance-frequency", f.start(), f.end(),
                            f"surveillance audits take place at least {'once' if per_year == 1 else f'{per_year} times'} a year"
                            f"{'' if claimed else ' (the text denies it)'}.", "at least once a year", src))
    return hits


PARTY_LABEL = re.compile(r"\b(first|second|third)[\s-]+part(?:y|ies)\b", re.I)
PARTY_DESC = [
    ("first", re.compile(r"\binternal\s+audits?\b|\borgani[sz]ation(?:['’]s)?\s+(?:own\s+staff|itself)|\bself[\s-]assessment|\bits own staff\b", re.I)),
    ("second", re.compile(r"\bcustomer(?:s|['’]s)?\s+(?:audit(?:s|ing)?|of)\b|\bcustomers?\s+audit(?:s|ing)?\s+(?:its|their)\s+suppliers?|\bsupplier\s+audits?\b|\ba customer\b", re.I)),
    ("third", re.compile(r"\bindependent\s+certification\s+bod(?:y|ies)|\bcertification\s+bod(?:y|ies)\b|\bcertification\s+audits?\b", re.I)),
]
LEADS = re.compile(r"\b(?:leads?|led|result(?:s|ed)?|earn(?:s|ed)?|gets?|got|can\s+(?:lead|result)|replace)\b[^.;]{0,40}\bcertif"
                   r"|\b(?:need|enough)\s+to\s+(?:become|get|be)\s+certified", re.I)


def check_parties(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    cert = ctx.gaz.site.certification
    parties = {p.party: p for p in cert.audit_parties}
    src = ctx.gaz.site.source_url(cert.audit_parties[0].source)
    labels = [(m.group(1).casefold(), m) for m in PARTY_LABEL.finditer(text)]
    descs = [(party, m) for party, rx in PARTY_DESC for m in rx.finditer(text)
             if not any(lm.start() <= m.start() < lm.end() for _, lm in labels)]
    hits = []
    lead = LEADS.search(text)
    if lead:
        subjects = sorted(((p, m) for p, m in labels + descs if m.end() <= lead.start()), key=lambda pm: pm[1].start())
        if subjects:
            party, m = subjects[-1]
            if not parties[party].can_certify and asserted(clause, m.start(), lead.end()):
                hits.append(Hit("audit-party", m.start(), lead.end(),
                                f"a {party}-party audit ({parties[party].who}) cannot lead to certification; only a third-party "
                                f"audit by a certification body can.", "third-party audit", src))
                return hits
    if len(labels) == 1 and descs and re.search(r"\b(?:is|are|means|:)\s|:|\bthat is\b|\bperformed by\b|\bcarried out by\b", text):
        label, lm = labels[0]
        other = [(p, m) for p, m in descs if p != label]
        same = [(p, m) for p, m in descs if p == label]
        if other and not same:
            party, m = other[0]
            claimed = asserted(clause, min(lm.start(), m.start()), max(lm.end(), m.end()))
            if claimed:
                hits.append(Hit("audit-party", min(lm.start(), m.start()), max(lm.end(), m.end()),
                                f"that is a {party}-party audit ({parties[party].who}), not a {label}-party one.",
                                f"{party}-party audit", src))
    return hits


REQUIRE = re.compile(r"\b(?:requires?|required|requiring|insists?|mandatory|compulsory|obligatory|"
                     r"must\s+(?:also\s+)?(?:obtain|get|be|hold|have))\b", re.I)
VOLUNTARY = re.compile(r"\b(?:voluntary|optional)\b", re.I)
ISO_RULE = re.compile(r"\bISO(?:\s+rules|\s+itself)?\b|\bunder\s+ISO\b", re.I)


def check_required(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    cert = ctx.gaz.site.certification
    if cert.certification_required_by_iso or not re.search(r"\bcertif", text, re.I):
        return []
    src = ctx.gaz.site.source_url(cert.required_source)
    message = ("ISO does not require certification: it is voluntary, though customers or regulators may ask for it.",
               "not required by ISO")
    vol = VOLUNTARY.search(text)
    if vol and not asserted(clause, vol.start(), vol.end()):
        return [Hit("cert-required", vol.start(), vol.end(), message[0], message[1], src)]
    for req in REQUIRE.finditer(text):
        window = text[window_start(text, req.start()):req.start()]
        others = [m for m in mentions if m.kind == "other" and m.end <= req.start() and m.start >= window_start(text, req.start())]
        if others or re.search(r"\b(?:regulators?|customers?|clients?|sectors?|tenders?|law|laws|governments?)\b", text, re.I):
            continue
        standards_body = any(m.kind == "org" and ctx.gaz.site.organizations[m.ref].kind == "standards-body"
                             for m in mentions if m.end <= req.start() or text[req.end():].lstrip().startswith("by"))
        if not (standards_body or ISO_RULE.search(window + text[req.end():])):
            continue
        if re.match(r"ments?\b", text[req.end():]):
            continue
        if asserted(clause, req.start(), req.end()):
            return [Hit("cert-required", req.start(), req.end(), message[0], message[1], src)]
    return []


CHECKS = [check_roles, check_subjects, check_editions, check_designations, check_validity,
          check_surveillance, check_parties, check_required]
