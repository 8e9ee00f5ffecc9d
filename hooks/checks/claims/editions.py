"""Facts about a standard's editions read from one clause: that a withdrawn edition is not current,
not held now and not presented as a standard in use; that an announced edition is not published yet;
and that a year names an edition that exists (the first edition's year is first_published.py's).
Dates come from the data, as of the check date.
"""

from __future__ import annotations

import dataclasses
import re

from .clause_reading import _token_at, asserted, denied, holding
from .edition_future import FUTURE, announced_out
from .edition_use import defined_now, held_now, news, own_conjunct, past_main_verb
from .evaluate import Context, Hit
from .first_published import FIRST, FIRST_YEARS
from .gazetteer import Mention
from .sentences import Clause

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
                     # an offer: "Call us today for ... certification", "we specialise in ... implementation"
                     r"\b(?:(?:call|contact|ask|phone|email)\s+us|speciali[sz](?:e|es|ing)\s+in|specialists?\s+in)\b"
                     r"[^.;]{0,50}\b(?:certific|audit|registration|implementation)|"
                     r"\b(?:our|my)\s+(?:[\w/:.-]+\s+){1,3}(?:certificate|certification|registration)\b|"
                     r"\bremains?\s+(?:a\s+|the\s+)?(?:valid|current|edition|standard)\b|\bcertific\w*\b[^.;]{0,30}\bstill\b|"
                     r"\b(?:can|may)\s+(?:still\s+)?be\s+(?:renewed|issued|certified|audited)\b|"
                     r"\baudit(?:s|ing)?\s+(?:\w+\s+){0,2}(?:to|against)\b|\bcertif(?:y|ies|ying)\b[^.;]{0,30}\bto\b)", re.I)
# An edition named as what was held before: "replacing its previous OHSAS 18001 certificate".
FORMER = re.compile(r"\b(?:previous|former|(?<!good\s)old|earlier|outdated|replac\w*|superseded|migrat\w*\s+from|"
                    r"upgrad\w*\s+from|mov\w*\s+(?:on\s+)?from|transition\w*\s+from|switch\w*\s+from|instead\s+of|no\s+longer)\b"
                    r"[^.;]{0,30}$", re.I)
MIGRATION = re.compile(r"\b(?:upgrad\w*|migrat\w*|transition\w*|switch\w*\s+to|mov(?:e|es|ed|ing)\s+(?:on\s+|over\s+)?to|"
                       r"mov(?:e|es|ed|ing)\s+(?:[\w/:.-]+\s+){1,5}?to\s+(?:the\s+)?(?:new|current|latest|ISO|(?:19|20)\d\d)\b|"
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
CURRENT = re.compile(r"\b(?:current|latest|newest|most recent|up-to-date|in force)\b", re.I)
WITHDRAWN = re.compile(r"\b(?:withdrawn|replaced?|superseded|obsolete|retired)\b", re.I)
CERT_CONTEXT = re.compile(r"\bcertif", re.I)
YEAR = re.compile(r"(?<![:\d])(?:19|20)\d\d(?!\d)")
AMENDMENT = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:amendments?|amd)\b", re.I)  # "the 2024 climate amendment": no edition


def check_editions(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    hits = []
    text = clause.text
    site = ctx.gaz.site
    editions = [m for m in mentions if m.kind == "standard" and (m.year or m.predecessor)] or _answered_it(clause) \
        or _answered_year(clause)
    if not editions:
        return _editions_pointed_to(clause, ctx) or _offered_after_question(clause, ctx)
    first = FIRST.search(text)
    for m in editions:
        if first and any(first.span(g) == (m.start, m.end) for g in FIRST_YEARS):
            continue  # "The first ISO 45001 edition dates from 2015": a date, judged by check_first_published
        std = site.standards[m.ref]
        if m.predecessor:
            valid_until = ctx.gaz.predecessors[m.predecessor][1]
            label, status = m.predecessor, "replaced"
            current = f"{std.designation}:{std.current_edition.year}"
            if CURRENT.search(text) and _nearest_edition(text, editions, CURRENT) is m and _current_of(clause, text, m) \
                    and _present_claim(clause, m) and asserted(clause, m.start, len(text)):
                hits.append(Hit("edition-withdrawn", m.start, m.end,
                                f"{label} is not current: it was replaced by {std.designation}; "
                                f"the current edition is {current}.",
                                expected=current, source=_edition_source(site, std, m)))
                continue
            if _denied_gone(clause, editions, m):  # "OHSAS 18001 has not been withdrawn"
                hits.append(Hit("edition-withdrawn", m.start, m.end, f"{label} was replaced by {std.designation}; "
                                f"the current edition is {current}.", expected=current, source=_edition_source(site, std, m)))
                continue
        else:
            label = f"{std.designation}:{m.year}"
            known = {std.current_edition.year: None, **{e.year: e for e in std.earlier_editions}}
            if m.year not in known:
                if std.revision and str(m.year) == str(std.revision.expected):
                    said_current = (CURRENT.search(text) and _nearest_edition(text, editions, CURRENT) is m) \
                        or _elliptic_current(clause, m)
                    own = text[_clause_start(text, m.start):_clause_end(text, m.end)]  # not "..., but X is still the current one"
                    in_use = (HOLDING.search(own) or REPLACES.match(text, m.end)) and not FUTURE.search(own)
                    # "certified to", "replaced the 2015 edition"; not "will lead to a certificate under ISO 9001:2026"
                    if ((said_current or in_use) and asserted(clause, m.start, m.end)) or announced_out(clause, m):
                        hits.append(Hit("edition-future", m.start, m.end,
                                        f"{label} is not published yet (stage: {std.revision.stage}); the current edition is "
                                        f"{std.designation}:{std.current_edition.year}.",
                                        expected=f"{std.designation}:{std.current_edition.year}",
                                        source=site.source_url(std.revision.source)))
                    continue
                held_as = holding(clause, m.start)
                if (held_as.mode == "asserted" or held_as.wh
                        or (held_as.mode == "asked" and not EXISTENCE.search(clause.sentence))):
                    years = sorted(known)
                    hits.append(Hit("edition-unknown", m.start, m.end,
                                    f"there is no edition {label}; the editions in the data are "
                                    f"{', '.join(f'{std.designation}:{y}' for y in years)}.",
                                    expected=f"{std.designation}:{std.current_edition.year}",
                                    source=site.source_url(std.current_edition.source)))
                continue
            edition = known[m.year]
            if edition is None:
                announced = any(o.ref == m.ref and o.year and o.year not in known for o in editions)
                if announced:
                    continue  # "ISO 9001:2026 replaced ISO 9001:2015": one false claim, the edition-future (or -unknown) one
                if (WITHDRAWN.search(text) and _nearest_edition(text, editions, WITHDRAWN) is m
                        and asserted(clause, m.start, len(text))):
                    hits.append(Hit("edition-withdrawn", m.start, m.end,
                                    f"{label} is the current edition; it has not been withdrawn.",
                                    expected=label, source=site.source_url(std.current_edition.source)))
                continue
            valid_until = edition.certificates_valid_until
            status = f"withdrawn on {edition.withdrawn.isoformat()}" if edition.withdrawn else "withdrawn"
            current = f"{std.designation}:{std.current_edition.year}"
            if ((CURRENT.search(text) and _nearest_edition(text, editions, CURRENT) is m and _current_of(clause, text, m)
                    and _present_claim(clause, m)) or _elliptic_current(clause, m)) and asserted(clause, m.start, len(text)):
                hits.append(Hit("edition-withdrawn", m.start, m.end,
                                f"{label} is not the current edition ({status}); the current edition is {current}.",
                                expected=current, source=site.source_url(edition.source)))
                continue
            if _denied_gone(clause, editions, m):
                hits.append(Hit("edition-withdrawn", m.start, m.end,
                                f"{label} was {status}; the current edition is {current}.",
                                expected=current, source=site.source_url(edition.source)))
                continue
        if valid_until is None or valid_until >= ctx.day:
            continue
        expired = f"certificates to {label} ended on {valid_until.isoformat()}"
        years = [int(y[0]) for y in YEAR.finditer(text) if not AMENDMENT.match(text, y.end())]
        if CERT_CONTEXT.search(text) and any(y > valid_until.year for y in years) and asserted(clause, 0, len(text)):
            hits.append(Hit("edition-withdrawn", m.start, m.end, f"{expired}; no certificate to it is valid after that.",
                            expected=f"{std.designation}:{std.current_edition.year}", source=_edition_source(site, std, m)))
        elif HOLDING.search(text, *own_conjunct(clause, m)) and not FORMER.search(text, 0, m.start) \
                and not MIGRATION.search(text) \
                and not ((acquired := ACQUIRED.search(text)) and not RECENT.search(text)
                         and (YEAR.search(text) or not news(clause, acquired.end()))) \
                and (not ((said := holding(clause, m.start)).past or past_main_verb(clause, m)) or LABEL.match(text, m.end)
                     or (RECENT.search(text) and RENEWED.search(text))  # "We renewed our ISO 9001:2000 certificate last month"
                     or (re.search(r"\bstill\b", text, re.I) and (said.year is None or said.year > valid_until.year))) \
                and asserted(clause, m.start):
            hits.append(Hit("edition-withdrawn", m.start, m.end, f"{expired}; a claim to hold one now is out of date.",
                            expected=f"{std.designation}:{std.current_edition.year}", source=_edition_source(site, std, m)))
        elif held_now(clause, m):
            hits.append(Hit("edition-withdrawn", m.start, m.end, f"{expired}; a claim to hold it or use it now is out of date.",
                            expected=f"{std.designation}:{std.current_edition.year}", source=_edition_source(site, std, m)))
        elif not (WITHDRAWN.search(text) or FORMER.search(text) or MIGRATION.search(text) or CONTRAST.search(text)) \
                and defined_now(clause, m) and asserted(clause, m.start):
            hits.append(Hit("edition-withdrawn", m.start, m.end, f"{expired}; the text presents it in the present "
                            f"tense as a standard in use. Name {std.designation}:{std.current_edition.year}, or write of "
                            f"{label} in the past.",
                            expected=f"{std.designation}:{std.current_edition.year}", source=_edition_source(site, std, m)))
    return hits or _editions_pointed_to(clause, ctx, editions)


GONE = re.compile(r"\b(?:withdrawn|replaced?|superseded|obsolete|retired|expired?|lapsed?|invalid(?:ated)?|"
                  r"gone\s+away|disappeared|lost\s+(?:its|their)\s+validity)\b", re.I)
"""Words that say an edition (or its certificates) is gone, denied of one that is: 'has not been withdrawn',
'certificates to it have not expired', 'has not lost its validity'."""


ELLIPTIC = re.compile(r"\W*(?:but\s+|and\s+)?(?P<name>.+?)\s+(?:is|does)(?:\s+(?:now|today|instead))?\W*$", re.I)


def _elliptic_current(clause: Clause, m: Mention) -> bool:
    """'ISO 9001:2015 is no longer the current edition; ISO 9001:2026 is.': a bare 'X is' after a clause that
    speaks of the current edition says X is current."""
    bare = ELLIPTIC.fullmatch(clause.text)
    previous = clause.previous
    return (bare is not None and bare.start("name") == m.start and bare.end("name") == m.end
            and previous is not None and CURRENT.search(previous.text) is not None
            and any(p.kind == "standard" and p.ref == m.ref for p in previous.mentions)) \
        or any(a.start == m.start and a.year == m.year for a in _answered_year(clause))  # "... current? The 2013 one."


YEAR_ANSWER = re.compile(r"\W*(?:(?:it\s+is|it's|that\s+is|that's)\s+)?(?:the\s+)?(?P<year>(?:19|20)\d\d)"
                         r"(?:\s+(?:edition|version|revision|release|one))?\W*", re.I)
ASKED_PAST = re.compile(r"\b(?:was|were|did|had|used\s+to)\b", re.I)


def _answered_year(clause: Clause) -> list[Mention]:
    """'What is the current edition of ISO/IEC 27001? The 2013 edition.': a year answering a question about
    a standard's current edition names that edition (a mention of it at the year)."""
    previous = clause.previous
    answer = YEAR_ANSWER.fullmatch(clause.text)
    if answer is None or previous is None or not previous.question or CURRENT.search(previous.text) is None \
            or ASKED_PAST.search(previous.text) or YEAR.search(previous.text):
        return []  # not "What was the current edition in 2010?"
    named = [m for m in previous.mentions if m.kind == "standard"]
    if len(named) != 1 or named[0].year or named[0].predecessor:
        return []
    return [dataclasses.replace(named[0], start=answer.start("year"), end=answer.end("year"), year=int(answer["year"]))]


UNTIL = re.compile(r"\b(?:until|till|before)\b", re.I)


def _denied_gone(clause: Clause, editions: list[Mention], m: Mention) -> bool:
    """Does the clause deny, of this withdrawn edition, that it is gone?"""
    if GONE.search(clause.text) is None or _nearest_edition(clause.text, editions, GONE) is not m \
            or UNTIL.search(clause.text):
        return False  # "was not withdrawn until 2018": it was, then
    said = holding(clause, m.start)
    return denied(clause, m.start) and not said.cue and not said.past


POINTING = re.compile(r"^\s*(?:both(?:\s+of\s+them)?|they(?:\s+both)?|each(?:\s+of\s+them)?)\b|"
                      r"\b(?:hold|holds|keep|keeps|maintain|maintains|(?:certified|registered)\s+to)\s+(?:it|them)\b", re.I)


def _editions_pointed_to(clause: Clause, ctx: Context, named: list[Mention] | None = None) -> list[Hit]:
    """'ISO 45001 did not replace OHSAS 18001; both remain valid bases for certification', 'ISO 9001:2008 is not
    outdated: we still hold it': a pronoun pointing back to editions named before (in the clause before, or
    earlier in this one) says they are held now."""
    lead = POINTING.search(clause.text)
    if lead is None or (named is None and clause.previous is None):
        return []
    earlier = clause.previous_mentions if named is None else [m for m in named if m.end <= lead.start()]
    after = max((m.end for m in earlier), default=0) if named is not None else 0
    if not HOLDING.search(clause.text, after) or MIGRATION.search(clause.text, after):
        return []  # "OHSAS 18001 has not been replaced, and we remain certified to it": only what follows the name
    if holding(clause, lead.start()).past or not asserted(clause, lead.start()):
        return []
    return _ended_hits(clause, ctx, earlier, lead.start(), lead.end(), "a claim to hold one now is out of date")


def _ended_hits(clause: Clause, ctx: Context, named: list[Mention], start: int, end: int, what: str) -> list[Hit]:
    """One finding at start..end for the first of these editions whose certificates have ended."""
    for m in named:
        if m.kind != "standard" or not (m.year or m.predecessor):
            continue
        std = ctx.gaz.site.standards[m.ref]
        edition = next((e for e in std.earlier_editions if e.year == m.year), None)
        valid_until = ctx.gaz.predecessors[m.predecessor][1] if m.predecessor else \
            edition.certificates_valid_until if edition is not None else None
        if valid_until is None or valid_until >= ctx.day:
            continue
        label = m.predecessor or f"{std.designation}:{m.year}"
        return [Hit("edition-withdrawn", start, end, f"certificates to {label} ended on {valid_until.isoformat()}; {what}.",
                    expected=f"{std.designation}:{std.current_edition.year}", source=_edition_source(ctx.gaz.site, std, m))]
    return []


ANSWER_IT = re.compile(r"^\W*(?:(?:yes|no|yep|indeed)\W+)?(?P<it>it)\s+(?:is|has|was)\b", re.I)


def _answered_it(clause: Clause) -> list[Mention]:
    """'Is ISO 9001:2026 out yet? Yes, it is now the current edition.': 'it' opening the answer to a question
    about one edition stands for that edition (a mention of it at the pronoun)."""
    previous = clause.previous
    lead = ANSWER_IT.match(clause.text)
    if lead is None or previous is None or not previous.question:
        return []
    if CURRENT.search(previous.text) or WITHDRAWN.search(previous.text) or HOLDING.search(previous.text):
        return []  # "Is ISO 9001:2008 still current? Yes, ...": the question, read with its answer, says it already
    named = [m for m in previous.mentions if m.kind == "standard"]
    if len(named) != 1 or not (named[0].year or named[0].predecessor):
        return []
    return [dataclasses.replace(named[0], start=lead.start("it"), end=lead.end("it"))]


HEADLINE = re.compile(r"^\W*(?:(?:are\s+you\s+)?(?:still\s+)?(?:looking|searching|shopping)\s+for|"
                      r"(?:do\s+you\s+)?(?:still\s+)?(?:need|want|require)|"
                      r"(?:are\s+you\s+)?still\s+(?:certified|registered|holding|using)|interested\s+in)\b", re.I)
"""A question that opens an advertisement: 'Looking for ISO 9001:2008 certification?', 'Still certified to ...?'."""
OFFER = re.compile(r"\b(?:we|our\s+\w+)\s+(?:can|will|could|'ll)\s+(?:\w+\s+){0,2}?"
                   r"(?:certify|audit|help|get|issue|provide|offer|deliver|keep|renew)\b|\b(?:contact|call|ask)\s+us\b", re.I)


def _offered_after_question(clause: Clause, ctx: Context) -> list[Hit]:
    """'Looking for ISO 9001:2008 certification? We can certify you within a month.': an advertisement's opening
    question names a withdrawn edition, and the answer offers it."""
    previous = clause.previous
    if previous is None or not previous.question or not HEADLINE.match(previous.text) \
            or not re.search(r"\b(?:certif|registr|audit)", previous.text, re.I):
        return []
    offer = OFFER.search(clause.text)
    if offer is None or MIGRATION.search(clause.text) or MIGRATION.search(previous.text) \
            or not asserted(clause, offer.start()):
        return []
    # the first edition named, as the checker's memo keys a clause by it
    return _ended_hits(clause, ctx, previous.mentions[:1], offer.start(), offer.end(), "offering it now is out of date")


# A question about whether an edition exists does not take it for granted ("Is there an ISO 9001:2012?").
EXISTENCE = re.compile(r"\b(?:is|are)\s+there\b|\bexists?\b|\breal\b|\bsuch\s+(?:a|an)\b", re.I)
CONTRAST = re.compile(r"\b(?:than|unlike|whereas|differ\w*|compared|versus|vs\.?|no\s+longer|until|formerly|used\s+to)\b", re.I)


_CLAUSE_BREAK = re.compile(r",\s*(?:but|and)\b|\b(?:while|whereas|although|though)\b|;")


def _clause_end(text: str, start: int) -> int:
    """Where the clause going on at `start` ends: at the next ', but', 'while', ';' (or the text's end)."""
    end = _CLAUSE_BREAK.search(text, start)
    return end.start() if end else len(text)


def _clause_start(text: str, at: int) -> int:
    """Where the clause going on at `at` starts: after the last ', but', 'while', ';' before it."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, at)]
    return starts[-1] if starts else 0


REPLACES = re.compile(r"\s+(?:(?:edition|version|standard)\s+)?(?:has\s+|have\s+)?(?:replaced|superseded|succeeded)\b", re.I)
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
        return (named is not None and named.ref == m.ref) or head.lemma_.casefold() in EDITION_NOUNS
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


_COPULA = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:not|never|also|now|still|formally|officially)\s+)*$", re.I)
