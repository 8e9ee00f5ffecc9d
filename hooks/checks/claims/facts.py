"""Facts about standards and certification read from one clause: subjects, editions, titles,
designations, certificate validity, surveillance, audit parties, and whether ISO requires
certification. Each check finds its words in the clause and asks holding.py (through
`clause.reading`) whether the sentence asserts or denies them; the numbers it compares come from
the data (the certification cycle is the data's validity, not a constant here).
"""

from __future__ import annotations

import os
import re

from hooks.data.schema import AuditParty
from .evaluate import Context, Hit
from .gazetteer import Mention, title_key, title_parts
from .holding import Holding
from .syntax import clause_of
from .reading import Reading
from .sentences import Clause

PRONOUN = re.compile(r"^\s*(?:it|they)\b", re.I)


def holding(clause: Clause, start: int) -> Holding:
    """How the sentence holds what the clause says at `start` (an offset in the clause)."""
    return clause.reading.holding_at(clause.start - clause.sentence_start + start)  # type: ignore[attr-defined]


def asserted(clause: Clause, start: int, end: int | None = None) -> bool:
    """Does the sentence assert what the clause says at start?"""
    return holding(clause, start).positive


def asserted_as_written(clause: Clause, start: int, end: int) -> bool:
    """Does the sentence assert what the clause says in [start, end), where negations inside the
    span are the claim's own words ("not allowed to use ... unless certified")?"""
    base = clause.start - clause.sentence_start
    return clause.reading.holding_at(base + start, skip=(base + start, base + end)).positive  # type: ignore[attr-defined]


def denied(clause: Clause, start: int) -> bool:
    return holding(clause, start).mode == "negated"


# --- standards: subject, edition, designation -------------------------------------------------

HOLDING = re.compile(r"\b(?:(?:are|is|am|be|being|become|becoming|get|getting|gets)\s+(?:now\s+|still\s+)?certified|"
                     r"hold(?:s|ing)?\b[^.;]*\bvalid|valid\s+(?:until|till|through|to)\b|(?:still|remains?|is|are)\s+valid|"
                     r"this\s+year|(?:current|latest|newest|most recent)\s+(?:edition|version)|\bstill\b[^.;]*\bcertific|"
                     r"\b(?:hold|holds|holding|have|has|keep|keeps|maintain|maintains)\b[^.;]{0,50}\b(?:certificate|certification|registration)|"
                     r"\b(?:hold|holds|holding)\s+(?:an?\s+|the\s+|its\s+|our\s+|their\s+)?(?:ISO|OHSAS|BS)\b|"
                     r"\b(?:which|that)\s+(?:we|they|it|you)\s+(?:still\s+|now\s+|currently\s+)?(?:hold|holds|maintain|maintains|keep|keeps)\b|"
                     r"\b(?:hold|holds|keep|keeps|maintain|maintains)\s+(?:it|them)\b|"
                     r"\b(?:offer|offers|offering|book|provide|provides|sell|sells|get|obtain|achieve|gain|attain|earn)\b[^.;]{0,50}\b(?:certific|audits?\b|registration)|"
                     r"\b(?:certified|registered|compliant)\b|"
                     r"\b(?:still|today|nowadays|currently)\b[^.;]{0,40}\b(?:accepted|recogni[sz]ed|valid|audited|issued|available|current)\b|"
                     r"\b(?:accepted|recogni[sz]ed|valid|audit(?:ed|s)?(?:\s+against)?|issued|available)\b[^.;]{0,40}\b(?:today|nowadays|still|now)\b|"
                     r"\b(?:is|are)\s+(?:both\s+|all\s+|also\s+)?valid\b|\bavailable\b|"
                     r"\b(?:packages?|consult(?:ancy|ing)|quotes?|prices?|courses?)\b[^.;]{0,30}\bfor\b|"
                     r"\b(?:our|my)\s+(?:[\w/:.-]+\s+){1,3}(?:certificate|certification|registration)\b|"
                     r"\bremains?\s+(?:a\s+|the\s+)?(?:valid|current|edition|standard)\b|\bcertific\w*\b[^.;]{0,30}\bstill\b|"
                     r"\b(?:can|may)\s+(?:still\s+)?be\s+(?:renewed|issued|certified|audited)\b|"
                     r"\baudit(?:s|ing)?\s+(?:\w+\s+){0,2}(?:to|against)\b|\bcertif(?:y|ies|ying)\b[^.;]{0,30}\bto\b)", re.I)
# An edition named as what was held before: "replacing its previous OHSAS 18001 certificate".
FORMER = re.compile(r"\b(?:previous|former|old|earlier|outdated|replac\w*|superseded|migrat\w*\s+from|upgrad\w*\s+from|"
                    r"mov\w*\s+(?:on\s+)?from|transition\w*\s+from|switch\w*\s+from|instead\s+of|no\s+longer)\b[^.;]{0,30}$", re.I)
MIGRATION = re.compile(r"\b(?:upgrad\w*|migrat\w*|transition\w*|switch\w*\s+to|mov(?:e|es|ed|ing)\s+(?:on\s+|over\s+)?to|"
                       r"replac\w*|supersed\w*|successor)\b", re.I)
"""A sentence about leaving an edition ("kindly upgrade ... to ISO 45001") does not claim it is held."""
ACQUIRED = re.compile(r"\b(?:have|has|had)\s+(?:\w+\s+){0,5}?(?:to\s+)?(?:obtain|achiev|gain|earn|receiv|been\s+award)\w*", re.I)
RECENT = re.compile(r"\b(?:just|recently|(?:this|last)\s+(?:week|month|year|spring|summer|autumn|fall|winter)|today|now|"
                    r"announce\w*|delighted|pleased|proud)\b", re.I)
RENEWED = re.compile(r"\b(?:renew|reissu|re-issu|obtain|achiev|award|grant|recertif)\w*", re.I)
"""Having obtained an edition back then ("start-ups that have obtained their ISO/IEC 27001:2013
certification") is no claim to hold it now, unless it is news ("has just been awarded ...")."""
# "ISO 9001 2008 certified": the participle as a label, not a past event
LABEL = re.compile(r"\s*[-‑]?\s*(?:certified|registered|compliant)\b", re.I)
FIRST = re.compile(r"\b(?:(?:first|originally|initially)\s+(?:published|released|issued|appeared|came\s+out|saw\s+(?:print|the\s+light))|"
                   r"did\s+(?:first|originally|initially)\s+(?:appear|come\s+out|see\s+(?:print|the\s+light))|"
                   r"debut(?:ed|s)?|made\s+(?:its|their)\s+debut|has\s+been\s+around\s+since|dates?\s+back\s+to|"
                   r"first\s+(?:\w+\s+){0,3}(?:edition|version)\s+(?:of\s+[^.;]{1,30}?\s+)?(?:dates\s+(?:back\s+)?(?:from|to)|"
                   r"appeared|came\s+out|was\s+(?:published|released|issued))|(?:has|have)\s+(?:existed|been\s+around)\s+since)"
                   r"\b[^.;]{0,30}?\b(?P<year>(?:19|20)\d\d)\b|"
                   r"\b(?:was|were)\s+(?:first\s+)?(?:introduced|launched|born)\s+in\s+(?P<year2>(?:19|20)\d\d)\b|"
                   r"\bdates\s+(?:back\s+)?(?:from|to)\s+(?P<year3>(?:19|20)\d\d)\b(?=[^.;]{0,30}\bfirst\s+(?:published|released))|"
                   r"\b(?P<until>not)\s+(?:(?:first|officially)\s+)?(?:published|released|issued|introduced|launched)\s+until\s+"
                   r"(?P<year4>(?:19|20)\d\d)\b", re.I)
CURRENT = re.compile(r"\b(?:current|latest|newest|most recent|up-to-date|in force)\b", re.I)
WITHDRAWN = re.compile(r"\b(?:withdrawn|replaced?|superseded|obsolete|retired)\b", re.I)
CERT_CONTEXT = re.compile(r"\bcertif", re.I)
YEAR = re.compile(r"(?<![:\d])(?:19|20)\d\d(?!\d)")


def check_first_published(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    """'ISO 9001 was first published in 2015': the first edition's year is in the data."""
    first = FIRST.search(clause.text)
    standards = [m for m in mentions if m.kind == "standard" and not m.predecessor]
    # "was not published until 2020" says it first came out in 2020: its own 'not' is part of the claim
    if first is None or not standards or holding(clause, first.start()).mode != ("negated" if first.group("until") else "asserted"):
        return []
    if standards[0].year is not None and standards[0].start < first.start():
        return []  # "ISO 45001:2018 was introduced in 2018": an edition's own date, not the first one
    if re.search(r"\b(?:certific|registration)", clause.text[standards[0].end:first.start()], re.I):
        return []  # "an ISO 9001:2008 certificate, first issued in 2009": said of the certificate
    std = ctx.site.standards[standards[0].ref]
    years = sorted([std.current_edition.year, *(e.year for e in std.earlier_editions)])
    if int(first.group("year") or first.group("year2") or first.group("year3") or first.group("year4")) == years[0]:
        return []
    return [Hit("edition-date", first.start(), first.end(),
                f"{std.designation} was first published in {years[0]} (editions in the data: "
                f"{', '.join(str(y) for y in years)}).", str(years[0]), ctx.site.source_url(std.source))]


def check_unknown_designations(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    """A designation the data does not know is not checked: say so, with a did-you-mean."""
    known = ctx.known_designations
    hits = []
    for m in mentions:
        if m.kind != "other-standard" or any(_same_designation(m.ref, k) for k in known):
            continue
        nearest = _nearest_designation(m.ref, list(known))
        hint = f" Did you mean {nearest}?" if nearest else ""
        hits.append(Hit("designation-unknown", m.start, m.end,
                        f"{m.ref} is not a standard the data knows, so nothing said of it is checked.{hint} "
                        f"If it is right, add it to data/references.yaml.", None, None, "info"))
    return hits


def _nearest_designation(written: str, known: list[str]) -> str | None:
    """The known designation one edit away from the written number, the longest shared start first
    (ISO 19001 -> ISO 19011, not ISO 14001)."""
    number = written.rsplit(" ", 1)[-1]
    best: tuple[int, int, str] | None = None
    for designation in known:
        other = designation.split(":")[0].rsplit(" ", 1)[-1]
        distance = _edits(number, other)
        if distance > 1 or len(number) < 4:
            continue
        prefix = len(os.path.commonprefix([number, other]))
        if best is None or (distance, -prefix) < best[:2]:
            best = (distance, -prefix, designation.split(":")[0])
    return best[2] if best else None


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short strings: designation numbers)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _same_designation(written: str, known: str) -> bool:
    return written.replace(" ", "").casefold() == known.split(":")[0].replace(" ", "").casefold()


def check_editions(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    hits = []
    text = clause.text
    site = ctx.gaz.site
    editions = [m for m in mentions if m.kind == "standard" and (m.year or m.predecessor)]
    if not editions:
        return _editions_pointed_to(clause, ctx)
    for m in editions:
        std = site.standards[m.ref]
        if m.predecessor:
            valid_until = ctx.gaz.predecessors[m.predecessor][1]
            label, status = m.predecessor, "replaced"
            current = f"{std.designation}:{std.current_edition.year}"
            if CURRENT.search(text) and _nearest_edition(text, editions, CURRENT) is m and _current_of(clause, text, m) \
                    and _present_claim(clause, m) and asserted(clause, m.start, len(text)):
                hits.append(Hit("edition-withdrawn", m.start, m.end,
                                f"{label} is not current: it was replaced by {std.designation}; the current edition is {current}.",
                                current, _edition_source(site, std, m)))
                continue
        else:
            label = f"{std.designation}:{m.year}"
            known = {std.current_edition.year: None, **{e.year: e for e in std.earlier_editions}}
            if m.year not in known:
                if std.revision and str(m.year) == str(std.revision.expected):
                    said_current = CURRENT.search(text) and _nearest_edition(text, editions, CURRENT) is m
                    own = text[_clause_start(text, m.start):_clause_end(text, m.end)]  # not "..., but X is still the current one"
                    in_use = (HOLDING.search(own) or REPLACES.match(text, m.end)) and not FUTURE.search(own)
                    # "certified to", "replaced the 2015 edition"; not "will lead to a certificate under ISO 9001:2026"
                    if (said_current or in_use) and asserted(clause, m.start, m.end):
                        hits.append(Hit("edition-future", m.start, m.end,
                                        f"{label} is not published yet (stage: {std.revision.stage}); the current edition is "
                                        f"{std.designation}:{std.current_edition.year}.",
                                        f"{std.designation}:{std.current_edition.year}", site.source_url(std.revision.source)))
                    continue
                held_as = holding(clause, m.start)
                if held_as.mode == "asserted" or held_as.wh or held_as.mode == "asked" and not EXISTENCE.search(clause.sentence):
                    years = sorted(known)
                    hits.append(Hit("edition-unknown", m.start, m.end,
                                    f"there is no edition {label}; the editions in the data are "
                                    f"{', '.join(f'{std.designation}:{y}' for y in years)}.",
                                    f"{std.designation}:{std.current_edition.year}", site.source_url(std.current_edition.source)))
                continue
            edition = known[m.year]
            if edition is None:
                announced = std.revision and any(o.ref == m.ref and str(o.year) == str(std.revision.expected) for o in editions)
                if announced:
                    continue  # "ISO 9001:2026 replaced ISO 9001:2015": one false claim, the edition-future one
                if WITHDRAWN.search(text) and _nearest_edition(text, editions, WITHDRAWN) is m and asserted(clause, m.start, len(text)):
                    hits.append(Hit("edition-withdrawn", m.start, m.end,
                                    f"{label} is the current edition; it has not been withdrawn.",
                                    label, site.source_url(std.current_edition.source)))
                continue
            valid_until = edition.certificates_valid_until
            status = f"withdrawn on {edition.withdrawn.isoformat()}" if edition.withdrawn else "withdrawn"
            current = f"{std.designation}:{std.current_edition.year}"
            if CURRENT.search(text) and _nearest_edition(text, editions, CURRENT) is m and _current_of(clause, text, m) \
                    and _present_claim(clause, m) and asserted(clause, m.start, len(text)):
                hits.append(Hit("edition-withdrawn", m.start, m.end,
                                f"{label} is not the current edition ({status}); the current edition is {current}.",
                                current, site.source_url(edition.source)))
                continue
            if WITHDRAWN.search(text) and _nearest_edition(text, editions, WITHDRAWN) is m \
                    and denied(clause, m.start) and not holding(clause, m.start).cue:
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
        elif HOLDING.search(text) and not FORMER.search(text, 0, m.start) and not MIGRATION.search(text) \
                and not (ACQUIRED.search(text) and not RECENT.search(text)) \
                and (not (said := holding(clause, m.start)).past or LABEL.match(text, m.end)
                     or RECENT.search(text) and RENEWED.search(text)  # "We renewed our ISO 9001:2000 certificate last month"
                     or re.search(r"\bstill\b", text, re.I) and (said.year is None or said.year > valid_until.year)) \
                and asserted(clause, m.start):
            hits.append(Hit("edition-withdrawn", m.start, m.end, f"{expired}; a claim to hold one now is out of date.",
                            f"{std.designation}:{std.current_edition.year}", _edition_source(site, std, m)))
        elif not (WITHDRAWN.search(text) or FORMER.search(text) or MIGRATION.search(text) or CONTRAST.search(text)) \
                and _defined_now(clause, m) and asserted(clause, m.start):
            hits.append(Hit("edition-withdrawn", m.start, m.end, f"{expired}; the text presents it in the present "
                            f"tense as a standard in use. Name {std.designation}:{std.current_edition.year}, or write of "
                            f"{label} in the past.", f"{std.designation}:{std.current_edition.year}", _edition_source(site, std, m)))
    return hits or _editions_pointed_to(clause, ctx, editions)


POINTING = re.compile(r"^\s*(?:both(?:\s+of\s+them)?|they(?:\s+both)?|each(?:\s+of\s+them)?)\b|"
                      r"\b(?:hold|holds|keep|keeps|maintain|maintains|(?:certified|registered)\s+to)\s+(?:it|them)\b", re.I)


def _editions_pointed_to(clause: Clause, ctx: Context, named: list[Mention] | None = None) -> list[Hit]:
    """'ISO 45001 did not replace OHSAS 18001; both remain valid bases for certification', 'ISO 9001:2008 is not
    outdated: we still hold it': a pronoun pointing back to editions named before (in the clause before, or
    earlier in this one) says they are held now."""
    lead = POINTING.search(clause.text)
    if lead is None or named is None and clause.previous is None:
        return []
    earlier = clause.previous_mentions if named is None else [m for m in named if m.end <= lead.start()]
    after = max((m.end for m in earlier), default=0) if named is not None else 0
    if not HOLDING.search(clause.text, after) or MIGRATION.search(clause.text, after):
        return []  # "OHSAS 18001 has not been replaced, and we remain certified to it": only what follows the name
    hits = []
    for m in earlier:
        if m.kind != "standard" or not (m.year or m.predecessor):
            continue
        std = ctx.gaz.site.standards[m.ref]
        edition = next((e for e in std.earlier_editions if e.year == m.year), None)
        valid_until = ctx.gaz.predecessors[m.predecessor][1] if m.predecessor else \
            edition.certificates_valid_until if edition is not None else None
        if valid_until is None or valid_until >= ctx.day or holding(clause, lead.start()).past or not asserted(clause, lead.start()):
            continue
        label = m.predecessor or f"{std.designation}:{m.year}"
        hits.append(Hit("edition-withdrawn", lead.start(), lead.end(),
                        f"certificates to {label} ended on {valid_until.isoformat()}; a claim to hold one now is out of date.",
                        f"{std.designation}:{std.current_edition.year}", _edition_source(ctx.gaz.site, std, m)))
    return hits[:1]


# A question about whether an edition exists does not take it for granted ("Is there an ISO 9001:2012?").
EXISTENCE = re.compile(r"\b(?:is|are)\s+there\b|\bexists?\b|\breal\b|\bsuch\s+(?:a|an)\b", re.I)
# What a standard in force is called: "OHSAS 18001 is an international standard for ...".
IN_USE_NOUNS = {"standard", "certification", "certificate", "specification", "scheme", "framework", "family", "activity", "norm"}
CONTRAST = re.compile(r"\b(?:than|unlike|whereas|differ\w*|compared|versus|vs\.?|no\s+longer|until|formerly|used\s+to)\b", re.I)


def _defined_now(clause: Clause, m: Mention) -> bool:
    """Is the edition the subject of a present-tense 'is a standard / is a certification ...'?"""
    reading = clause.reading  # type: ignore[attr-defined]
    base = clause.start - clause.sentence_start
    token = reading.token_at(base + m.start)
    while token is not None and token.dep_ in ("compound", "nmod", "nummod") and token.head.i != token.i:
        token = token.head  # "ISO 14001:2004 Certification", "the OHSAS 18001 standard"
    if token is None or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    if verb.lemma_ != "be" or verb.tag_ not in ("VBZ", "VBP"):
        return False
    return any(c.dep_ == "attr" and c.lemma_.casefold() in IN_USE_NOUNS for c in verb.children)


_CLAUSE_BREAK = re.compile(r",\s*(?:but|and|while|whereas|although|though)\b|;")


def _clause_end(text: str, start: int) -> int:
    """Where the clause going on at `start` ends: at the next ', but', ', while', ';' (or the text's end)."""
    end = _CLAUSE_BREAK.search(text, start)
    return end.start() if end else len(text)


def _clause_start(text: str, at: int) -> int:
    """Where the clause going on at `at` starts: after the last ', but', ', while', ';' before it."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, at)]
    return starts[-1] if starts else 0


FUTURE = re.compile(r"\b(?:will|would|shall|going\s+to|expected|upcoming|forthcoming|planned|once|when|after|until)\b", re.I)
REPLACES = re.compile(r"\s+(?:has\s+|have\s+)?(?:replaced|superseded|succeeded)\b", re.I)
EDITION_NOUNS = {"edition", "version", "revision", "release", "standard", "one", "iteration", "update", "issue"}


def _current_of(clause: Clause, text: str, m: Mention) -> bool:
    """Is the 'current' (or 'latest') word said of this edition, through the parse: an edition noun it
    describes ('the current version, ISO 14001:2015'), or the edition it is predicated of ('... is current')?
    Not 'the current management system'."""
    cue = CURRENT.search(text)
    reading = clause.reading  # type: ignore[attr-defined]
    token = _token_at(clause, cue.start()) if cue else None
    if token is None:
        return False
    if token.dep_ in ("amod", "compound", "nmod"):
        head = token.head
        named = reading.noun_mention(head)  # "the current ISO/IEC 27001 is the 2013 edition": the same standard
        return named is not None and named.ref == m.ref or head.lemma_.casefold() in EDITION_NOUNS
    return True  # predicative ('is current', 'in force'): the holding decides whose


def _present_claim(clause: Clause, m: Mention) -> bool:
    """Does the clause speak of now ('is the current edition'), not of a past day ('was the current edition')?"""
    held_as = holding(clause, m.start)
    return not held_as.past and (held_as.year is None or held_as.relation == "since")


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
    if at.group(0).casefold() in ("replaced", "superseded") \
            and not re.match(r"\s+by\b", text[at.end():], re.I) and not _COPULA.search(text[:at.start()]):
        return after_cue[0] if after_cue else None  # "X replaced Y": Y is the one replaced, never X
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


def check_titles(reading: Reading, sentence: str, ctx: Context) -> list[Hit]:
    """A standard's formal title, where a sentence gives one, reads as in the data.

    Works on the whole sentence (clauses split at dashes, and titles are written with them);
    offsets are in the sentence. Titles of earlier editions differ, so those are left alone.
    """
    gaz, site = ctx.gaz, ctx.gaz.site
    hits: list[Hit] = []
    standards: list[Mention] | None = None
    for t in gaz.title_pattern.finditer(sentence):
        if standards is None:  # found once per sentence, only where a title is
            standards = [m for m in gaz.find(sentence) if m.kind == "standard" and not m.predecessor]
        before = [m for m in standards if m.end <= t.start()]
        owner = before[-1] if before else next((m for m in standards if m.start >= t.end()), None)
        if owner is None or not reading.holding_at(t.start()).positive:
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

NUMBERS = {"decade": 10, "single": 1, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "twelve": 12, "eighteen": 18, "twenty-four": 24}
NUM = r"(\d+|single|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty-four)"
VALIDITY = re.compile(rf"\b(?:valid|validity|lasts?|lasting|cycle|runs?|good\s+for)\b[^.;]{{0,40}}?\b{NUM}[\s-]+(years?|months?)\b|"
                      rf"\b{NUM}[\s-]+(years?)\s+(?:validity|cycle|certification cycle)\b|"
                      rf"\b(?:validity|duration)\b[^.;]{{0,30}}?:\s*{NUM}\s+(years?|months?)|"
                      rf"\b(?:renewed|reissued|renewal|refreshed|redone|repeated|re-?earned|re-?issued|re-?awarded|re-?obtained|regained)\s+(?:every|each)\s+{NUM}?\s*(years?|months?)\b|"
                      rf"\brecertif\w*[^.;]{{0,30}}?\bevery\s+{NUM}\s+(years?|months?)\b|"
                      rf"\b(?:expires?|runs?\s+out|lapses?)\s+(?:after|within)\s+(?:(?:just|only|merely|about|around|roughly)\s+)?(?:a\s+|one\s+)?{NUM}?\s*(years?|months?)\b|"
                      rf"\b(?:valid|validity|lasts?|good|runs?)\b[^.;]{{0,30}}?\b(?:a|one|full)\s+(decade)\b|"
                      rf"\b(?:expires?|runs?\s+out|lapses?)\s+after\s+(?:a|one)\s+(decade)\b", re.I)
FOREVER = re.compile(r"\b(?:never\s+expires?|for\s+life|forever|indefinitely|permanent(?:ly)?|lifetime|does\s+not\s+expire|doesn['’]t\s+expire)\b", re.I)
EXPIRES = re.compile(r"\bexpires?\b|\bexpiry\b", re.I)
CERT_WORD = re.compile(r"\b(?:re)?certific(?:ate|ates|ation)\b|\bcycle\b", re.I)


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    return int(word) if word.isdigit() else NUMBERS.get(word.casefold())


CERTIFICATION = re.compile(r"^certif|^registration$|^registered$", re.I)
VALIDITY_TOPIC = re.compile(r"^(?:certif|recertif|registration$|cycle$|validity$)", re.I)


def _token_at(clause: Clause, at: int):  # type: ignore[no-untyped-def]
    """The parsed token at an offset in the clause (the reading works in sentence offsets)."""
    return clause.reading.token_at(clause.start - clause.sentence_start + at)  # type: ignore[attr-defined]


def _verb_at(clause: Clause, start: int):  # type: ignore[no-untyped-def]
    """The verb heading the clause at `start` (an auxiliary's verb for "must", "is")."""
    token = _token_at(clause, start)
    if token is None:
        return None
    return clause_of(token.head if token.dep_ in ("aux", "auxpass") else token)


def _said_of(clause: Clause, start: int, words: re.Pattern[str], subject_only: bool = False,
             nested: bool = False, modifiers: bool = False) -> bool:
    """Is what the clause says at `start` said of one of these words, through the parse: a word in
    the same clause (its verb's subtree; with `nested`, its complement clauses too), or its subject?"""
    head = _verb_at(clause, start)
    if head is None:
        return False
    if nested and head.dep_ == "advcl" and any(c.lower_ == "as" for c in head.children):
        head = head.head  # "get certified, as ISO requires"
    while head.dep_ == "xcomp" and head.head.i != head.i and not any(c.dep_.startswith("nsubj") for c in head.children):
        head = head.head  # "the certificate has to be refreshed ...": the subject of the verb in control
    if subject_only:
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if head.dep_ == "relcl" and any(c.lower_ in ("which", "that", "who") for c in subjects):
            # "surveillance audits, which take place every two years": the noun the clause is of, without the clause
            subjects = [head.head]
            scope = [t for t in head.head.subtree if not (head.left_edge.i <= t.i <= head.right_edge.i)]
        else:
            scope = [t for c in subjects for t in c.subtree]
    elif nested:  # complement clauses count, adverbial ones ("before it awards the certification") do not
        scope = [t for t in head.subtree if not any(a.dep_ == "advcl" and _marked(a) for a in _path(t, head))]
    else:
        scope = [t for t in head.subtree if clause_of(t).i == head.i or t.i == head.i]
    if head.dep_ in ("acl", "relcl"):
        scope.append(head.head)  # "is certification required by ISO?", "a certificate that stays valid": said of the noun
    return any((words.search(t.lemma_) or words.search(t.lower_)) and (modifiers or not _modifier(t, words)) for t in scope)


def _path(token, top):  # type: ignore[no-untyped-def]
    """The token and its heads up to (not including) `top`."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        yield node
        node = node.head


def _marked(clause) -> bool:  # type: ignore[no-untyped-def]
    return any(c.dep_ == "mark" or c.dep_ == "advmod" and c.lower_ in ("before", "after", "when", "once") for c in clause.children)


def _modifies_other(clause: Clause, start: int) -> bool:
    """'mandatory annual surveillance audits': the word describes a noun other than certification."""
    token = _token_at(clause, start)
    return token is not None and token.dep_ == "amod" and not CERTIFICATION.search(token.head.lemma_)


def _modifier(token, words: re.Pattern[str]) -> bool:  # type: ignore[no-untyped-def]
    """'certification' in 'certification bodies': a word naming something else, not the topic."""
    head = token.head
    return token.dep_ in ("compound", "amod", "nmod") and head.i != token.i and head.pos_ in ("NOUN", "PROPN") \
        and not (words.search(head.lemma_) or words.search(head.lower_))


RANGE = re.compile(r"\bvalid\s+(?:from\s+)?((?:19|20)\d\d)\s*(?:[–—-]|to|until)\s*((?:19|20)\d\d)\b", re.I)
HOW_LONG = re.compile(r"\bhow\s+long\b[^?]*\b(?:valid|last|good|run)", re.I)
BARE_DURATION = re.compile(rf"\W*(?:(?:about|around|usually|typically|normally|just|only)\s+)?(?:for\s+)?{NUM}[\s-]+(years?|months?)\W*$", re.I)


def check_validity(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    asked = clause.previous.text if _answers(clause) and clause.previous is not None else ""
    answered = HOW_LONG.search(asked) and CERT_WORD.search(asked) and BARE_DURATION.match(text)
    if answered:  # "How long is a certificate valid? Five years."
        value, unit = _number(answered.group(1)), answered.group(2)
        if value is not None and _months(value, unit) != ctx.site.certification.certificate_validity.years * 12:
            return [_wrong_validity(ctx, answered.start(1), answered.end(2), value, unit)]
        return []
    scope = clause.sentence if clause.kind == "table" else text
    if not CERT_WORD.search(scope) or re.search(r"\btransition", text, re.I) and not re.search(r"\bvalid", text, re.I):
        return []
    surveillance = [m.start() for m in re.finditer(r"\bsurveillance\b", text, re.I)]
    years = ctx.gaz.site.certification.certificate_validity.years
    src = ctx.gaz.site.source_url(ctx.gaz.site.certification.certificate_validity.source)
    hits = []
    forever = FOREVER.search(text)
    if forever:
        inner_neg = re.match(r"(?:never|does\s+not|doesn['’]t)", forever.group(0), re.I)
        held_as = holding(clause, forever.start()).mode
        claims_forever = held_as == ("negated" if inner_neg else "asserted")
        if claims_forever:
            hits.append(Hit("cert-validity", forever.start(), forever.end(),
                            f"a certificate does not last indefinitely: it is valid for {years} years, then renewed by recertification.",
                            f"{years} years", src))
        return hits
    e = EXPIRES.search(text)
    if e is not None and not re.search(r"\bbefore\b", text, re.I) and not VALIDITY.search(text):
        if denied(clause, e.start()):
            hits.append(Hit("cert-validity", e.start(), e.end(),
                            f"certificates do expire: each is valid for {years} years.", f"{years} years", src))
        return hits
    span = RANGE.search(text)  # "(valid 2025–2031)"
    if span and _months(int(span.group(2)) - int(span.group(1)), "years") != years * 12 and asserted(clause, span.start()):
        hits.append(_wrong_validity(ctx, span.start(), span.end(), int(span.group(2)) - int(span.group(1)), "years"))
    for m in VALIDITY.finditer(text):
        groups = [g for g in m.groups() if g]
        if len(groups) == 1 and groups[0].casefold().startswith(("year", "month")):
            groups = ["1", groups[0]]  # "renewed every year"
        if len(groups) == 1 and groups[0].casefold() == "decade":
            groups = ["10", "years"]
        value = _number(groups[0]) if groups else None
        unit = groups[1] if len(groups) > 1 else "years"
        if value is None:
            continue
        if re.search(r"\b(?:after|within|up to|before)\b", text[m.start():m.end()], re.I) and "valid" not in m.group(0).lower() \
                and not re.match(r"(?:expire|run|lapse)", m.group(0), re.I):
            continue
        if re.match(r"\s+apart\b", text[m.end():]):
            continue  # "two visits, twelve months apart": a distance between events, not a duration
        number = next((m.start(g) for g in range(1, (m.re.groups or 0) + 1) if m.group(g)), m.start())
        if surveillance and (_of_visits(clause, number) or any(m.start() <= at < m.end() for at in surveillance)):
            continue  # "a three-year cycle with surveillance visits every twelve months": said of the visits
        if not _said_of(clause, m.start(), VALIDITY_TOPIC):
            continue  # "twenty years in the trade": a number of years not said of a certificate
        right = _months(value, unit) == years * 12
        said = holding(clause, m.start())
        if not said.judged:
            continue  # asked, reported or conditional: not the writer's claim either way
        claimed = said.positive
        if right != claimed:
            hits.append(_wrong_validity(ctx, m.start(), m.end(), value, unit))
    return hits


VISITS = {"visit", "audit", "surveillance", "inspection", "check", "review"}


def _of_visits(clause: Clause, at: int) -> bool:
    """Does the number at `at` hang on visits or audits (not on the certificate or its cycle)?"""
    token = _token_at(clause, at)
    while token is not None and token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
        if token.pos_ in ("NOUN", "PROPN") and token.lemma_.casefold().rstrip("s") in VISITS:
            return True
    return False


def _months(value: int, unit: str) -> int:
    return value if unit.lower().startswith("month") else value * 12


def _wrong_validity(ctx: Context, start: int, end: int, value: int, unit: str) -> Hit:
    validity = ctx.site.certification.certificate_validity
    return Hit("cert-validity", start, end, f"a certificate is valid for {validity.years} years (the certification cycle), "
               f"not {value} {unit}.", f"{validity.years} years", ctx.site.source_url(validity.source))


FREQ = re.compile(rf"\bevery\s+{NUM}\s+(years?|months?)\b|\bevery\s+(other)\s+year\b|"
                  rf"\bonce\s+(?:in\s+)?(?:per|a|every|each|the)\s+(?:certification\s+|(?:three|3)[\s-]years?\s+)?(cycle)\b|"
                  r"\b(?:once|at least once)\s+(?:a|per|each|every)\s+(?:calendar\s+)?(year)\b|\b(annual(?:ly)?|yearly|every\s+year|each\s+year)\b|"
                  rf"\b{NUM}[\s-]+(yearly|years?)\b(?=\s+surveillance)|\b(biennial(?:ly)?|every\s+second\s+year)\b|"
                  rf"\bat\s+{NUM}[\s-]+(years?|months?)\s+intervals\b", re.I)
TOPIC = re.compile(r"\bsurveillance\b|\b(recertification|recertifications|recertify|certificate|certification cycle|validity)\b", re.I)


SURVEILLANCE = re.compile(r"^surveillance$", re.I)


def check_surveillance(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    if not FREQ.search(text):
        return []  # no frequency named: nothing to judge (and the common case, so cheap)
    per_year = ctx.gaz.site.certification.surveillance.per_year_min
    src = ctx.gaz.site.source_url(ctx.gaz.site.certification.surveillance.source)
    topics = list(TOPIC.finditer(text))
    # "They happen ...", or the answer to a question about surveillance: said of the clause before
    inherited = not topics and clause.previous is not None and (PRONOUN.match(text) or _answers(clause)) \
        and re.search(r"\bsurveillance\b", clause.previous.text, re.I)
    hits = []
    for f in FREQ.finditer(text):
        if topics:
            nearest = min(topics, key=lambda t: (min(abs(t.start() - f.end()), abs(f.start() - t.end())), t.start() > f.start()))
            before = [t for t in topics if t.end() <= f.start()]
            if nearest.group(0).casefold() != "surveillance" and not (
                    before and before[-1].group(0).casefold() == "surveillance"
                    and _said_of(clause, f.start(), SURVEILLANCE, subject_only=True, modifiers=True)):
                continue  # the number is nearer another topic, unless the parse gives it to surveillance named before
        elif not inherited:
            continue
        groups = [g for g in f.groups() if g]
        word = groups[0].casefold()
        if word in ("cycle",):
            months = ctx.gaz.site.certification.certificate_validity.years * 12
        elif word in ("other",) or word.startswith(("biennial", "every second")):
            months = 24
        elif word.startswith(("annual", "yearly", "every year", "each year", "year")) and len(groups) == 1:
            months = 12
        else:
            value = _number(groups[0]) or 1
            unit = groups[1].casefold() if len(groups) > 1 else "years"
            months = value if unit.startswith("month") else value * 12
        right = months <= 12 // per_year
        held_as = holding(clause, f.start())
        if not held_as.judged:
            continue
        claimed = held_as.positive
        if right != claimed:
            hits.append(Hit("surveillance-frequency", f.start(), f.end(),
                            f"surveillance audits take place at least {'once' if per_year == 1 else f'{per_year} times'} a year"
                            f"{'' if claimed else ' (the text denies it)'}.", "at least once a year", src))
    return hits


def _answers(clause: Clause) -> bool:
    """Is the clause the answer to a question asked just before it?"""
    return clause.previous is not None and clause.previous.text.rstrip().endswith("?")


PARTY_LABEL = re.compile(r"\b(first|second|third)[\s-]+part(?:y|ies)\b", re.I)
PARTY_DESC = [
    ("first", re.compile(r"\binternal\s+audits?\b|\borgani[sz]ation(?:['’]s)?\s+(?:own\s+staff|itself)|\bself[\s-]assessment|"
                         r"\b(?:its|our|their|your)\s+own\s+(?:staff|employees|people|departments?|processes|sites?)\b", re.I)),
    ("second", re.compile(r"\bcustomer(?:s|['’]s)?\s+(?:audit(?:s|ing)?|of)\b|\bcustomers?\s+audit(?:s|ing)?\s+(?:its|their)\s+suppliers?|\bsupplier\s+audits?\b|\ba customer\b|"
                          r"\baudits?\s+(?:carried\s+out\s+|performed\s+|done\s+)?by\s+(?:(?:a|an|the|our|their|its|your)\s+)?(?:\w+\s+){0,2}?customers?\b|"
                          r"\bcustomers?\s+(?:carry|carries|carried)\s+out\b", re.I)),
    ("third", re.compile(r"\bindependent\s+certification\s+bod(?:y|ies)|\bcertification\s+bod(?:y|ies)\b|\bcertification\s+audits?\b", re.I)),
]
LEADS = re.compile(r"\b(?:leads?|led|result(?:s|ed)?|earn(?:s|ed)?|gets?|got|can\s+(?:lead|result)|replace)\b[^.;]{0,40}\bcertif"
                   r"|\b(?:allows?|lets?|enables?|entitles?)\s+(?:\w+\s+){0,2}to\s+(?:certify|be\s+certified|get\s+certified)"
                   r"|\b(?:need|enough)\s+to\s+(?:become|get|be)\s+certified", re.I)


def _lead_subjects(clause: Clause, at: int, candidates: list[tuple[str, re.Match[str]]]) -> list[tuple[str, re.Match[str]]]:
    """Of the audits named before 'lead(s) to certification', those the parse makes its subject: not one
    set aside ('not first- or second-party ones'), compared ('unlike ...') or in a relative clause;
    where the parse finds no subject, all of them."""
    kept = [(p, m) for p, m in candidates
            if not re.search(r"\bnot\s+(?!only\b|just\b|merely\b)(?:[\w-]+\s+){0,3}$", clause.text[:m.start()], re.I)]
    verb = _verb_at(clause, at)
    while verb is not None and verb.dep_ in ("relcl", "xcomp", "ccomp", "acl") and verb.head.i != verb.i \
            and not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("you", "we", "they") for c in verb.children):
        verb = clause_of(verb.head)  # "... is all you need to become certified": the audit is what is said
    while verb is not None and verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        verb = verb.head  # "..., which serves the customer and does not result in certification"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
    subjects = [verb.head if s.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" else s for s in subjects]
    if not subjects:
        return kept
    reading, base = clause.reading, clause.start - clause.sentence_start  # type: ignore[attr-defined]
    spans = [reading.span(t) for subject in subjects for t in subject.subtree if not _aside(t, subject)]
    return [(p, m) for p, m in kept if any(s <= base + m.start() < e for s, e in spans)]


def _aside(token, top) -> bool:  # type: ignore[no-untyped-def]
    """Is the token, below `top`, in a relative clause, an apposition or a comparison ('unlike ...')?"""
    return any(node.dep_ in ("relcl", "acl", "appos") or node.dep_ == "prep" and node.lower_ in ("like", "unlike")
               for node in _path(token, top))


def check_parties(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    if not PARTY_LABEL.search(text) and not LEADS.search(text):
        return []  # both judgments below need a party named or a 'leads to certification'
    cert = ctx.gaz.site.certification
    parties: dict[str, AuditParty] = {p.party: p for p in cert.audit_parties}
    src = ctx.gaz.site.source_url(cert.audit_parties[0].source)
    labels = [(m.group(1).casefold(), m) for m in PARTY_LABEL.finditer(text)
              if not re.search(r"\bnot\s+(?:a|an|the)?\s*$", text[:m.start()], re.I)]  # "..., not a second-party one"
    descs = [(party, m) for party, rx in PARTY_DESC for m in rx.finditer(text)
             if not any(lm.start() <= m.start() < lm.end() for _, lm in labels)]
    hits = []
    lead = LEADS.search(text)
    if lead:
        subjects = sorted(((p, m) for p, m in labels + descs if m.end() <= lead.start()), key=lambda pm: pm[1].start())
        subjects = _lead_subjects(clause, lead.start(), subjects)
        if subjects:
            party, m = subjects[-1]
            if not parties[party].can_certify and asserted(clause, lead.start(), lead.end()):
                hits.append(Hit("audit-party", m.start(), lead.end(),
                                f"a {party}-party audit ({parties[party].who}) cannot lead to certification; only a third-party "
                                f"audit by a certification body can.", "third-party audit", src))
                return hits
    if len(labels) == 1 and descs and re.search(r"\b(?:is|are|means|:)\s|:|\bthat is\b|\bperformed by\b|\bcarried out by\b|"
                                                r"\b(?:counts?|qualif\w+|classed|classified|considered)\s+as\b", text, re.I):
        label, lm = labels[0]
        other = [(p, m) for p, m in descs if p != label]
        same = [(p, m) for p, m in descs if p == label]
        if other and not same:
            party, m = other[0]
            # held where the label stands: "is not a second-party audit but a third-party one" affirms 'third'
            claimed = asserted(clause, lm.start(), lm.end())
            if claimed:
                hits.append(Hit("audit-party", min(lm.start(), m.start()), max(lm.end(), m.end()),
                                f"that is a {party}-party audit ({parties[party].who}), not a {label}-party one.",
                                f"{party}-party audit", src))
    return hits


REQUIRE = re.compile(r"\b(?:requires?|required|requiring|insists?|mandatory|compulsory|obligatory|stipulates?|stipulated|"
                     r"demands?|obliges?|forces?|must\s+(?:also\s+)?(?:obtain|get|be|hold|have|become|seek))\b", re.I)
# "a legal requirement", "mandatory": said of certification for everyone, with no limit to a sector or buyer.
MANDATE = re.compile(r"\b(?:legal(?:ly)?\s+(?:requirement|obligation|required|obliged)|required\s+by\s+law|"
                     r"mandatory|compulsory|obligatory)\b", re.I)
LIMITED = re.compile(r"\b(?:some|certain|many|several|few|most|particular|specific|regulated|sectors?|industr(?:y|ies)|"
                     r"customers?|clients?|buyers?|tenders?|contracts?|regulators?|governments?|may|might|can|could|often|"
                     r"sometimes|if|where|when|unless|depending|aerospace|automotive|medical|defen[cs]e)\b", re.I)
VOLUNTARY = re.compile(r"\b(?:voluntary|optional)\b", re.I)
# "every organization using ISO 9001 must become certified": a duty laid on all, with no limit named.
UNIVERSAL = re.compile(r"\b(?:every|all|any|each)\s+(?:\w+\s+)?(?:organi[sz]ations?|compan(?:y|ies)|business(?:es)?|firms?|"
                       r"suppliers?|manufacturers?|user|users)\b[^.;:]{0,40}?\b(?P<must>must|(?:has|have)\s+to|(?:is|are)\s+"
                       r"(?:required|obliged)\s+to)\s+(?:\w+\s+)?(?:be|become|get|obtain|hold|seek)\s+(?:\w+\s+)?certif", re.I)


def check_required(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    cert = ctx.gaz.site.certification
    if cert.certification_required_by_iso or not re.search(r"\bcertif", text, re.I):
        return []
    src = ctx.gaz.site.source_url(cert.required_source)
    message = ("ISO does not require certification: it is voluntary, though customers or regulators may ask for it.",
               "not required by ISO")
    vol = VOLUNTARY.search(text)
    if vol and denied(clause, vol.start()):
        return [Hit("cert-required", vol.start(), vol.end(), message[0], message[1], src)]
    mandate = MANDATE.search(text)
    if mandate and not LIMITED.search(text) and asserted(clause, mandate.start()) \
            and not _modifies_other(clause, mandate.start()) \
            and _said_of(clause, mandate.start(), CERTIFICATION, subject_only=True):
        return [Hit("cert-required", mandate.start(), mandate.end(),
                    "certification is voluntary: no law makes it a requirement for every organization, and ISO does not "
                    "require it; customers, tenders or sector regulators may ask for it.", message[1], src)]
    every = UNIVERSAL.search(text)
    if every and not LIMITED.search(text) and asserted(clause, every.start("must")) \
            and not re.search(r"\bnot\s+$", text[:every.start()], re.I):  # "not every company must ..."
        return [Hit("cert-required", every.start(), every.end(), message[0], message[1], src)]
    for req in REQUIRE.finditer(text):
        window = text[:req.start()]
        others = [m for m in mentions if m.kind == "other" and m.end <= req.start()]
        rules = _rule_words(ctx).search(text) or _required_by_standards_body(clause, req.start(), ctx)
        if not rules and (others or re.search(r"\b(?:regulators?|customers?|clients?|sectors?|tenders?|law|laws|governments?)\b", text, re.I)):
            continue  # someone else requires it; unless ISO's own rules are named ("under ISO rules, every supplier to ...")
        if not (_required_by_standards_body(clause, req.start(), ctx) or _rule_words(ctx).search(window + text[req.end():])):
            continue
        if re.match(r"ments?\b", text[req.end():]):
            continue
        if not _said_of(clause, req.start(), CERTIFICATION, nested=True):
            continue  # "ISO 9001 requires an internal audit": a requirement of the standard, not certification
        if asserted(clause, req.start(), req.end()):
            return [Hit("cert-required", req.start(), req.end(), message[0], message[1], src)]
    return []


CHECKS = [check_first_published, check_unknown_designations, check_editions, check_designations, check_validity,
          check_surveillance, check_parties, check_required]


_COPULA = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:not|never|also|now|still|formally|officially)\s+)*$", re.I)


def _rule_words(ctx: Context) -> re.Pattern[str]:
    """'ISO rules', 'under ISO': the names of the bodies that develop standards, from the data."""
    names = [re.escape(o.abbreviation) for o in ctx.site.organizations.values() if o.kind == "standards-body"]
    return re.compile(rf"\b(?:{'|'.join(names)})(?:['’]s)?\s+(?:own\s+)?(?:rules|guidance|policy|policies)\b|"
                      rf"\b(?:under|according\s+to)\s+(?:{'|'.join(names)})\b", re.I)


def _required_by_standards_body(clause: Clause, start: int, ctx: Context) -> bool:
    """Is a body that develops standards the one requiring, through the parse: the subject of
    'requires', or the agent of 'is required by'? ("ISO requires ...", "ISO itself insists ...")"""
    reading = clause.reading  # type: ignore[attr-defined]
    verb = _verb_at(clause, start)
    if verb is None:
        return False
    token = _token_at(clause, start)
    who = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    who += [t for v in {verb, token} if v is not None for c in v.children if c.dep_ == "agent"
            for t in c.children if t.dep_ == "pobj"]  # "is certification required by ISO?"
    for node in who:
        if node.lower_ in ("that", "which") and verb.dep_ == "relcl":
            node = verb.head  # "the only standard that requires certification"
        mention = reading.noun_mention(node)
        if mention is not None and mention.kind == "org" and ctx.site.organizations[mention.ref].kind == "standards-body":
            return True
        own = reading.mention(node)  # "ISO 14001 certification requires ...": the certification, not the standard
        if own is not None and own.kind == "standard" and not own.predecessor or node.lemma_.casefold() == "standard":
            return True  # "ISO 9001 requires certification", "its standards require certification": the standard does not
    return False
