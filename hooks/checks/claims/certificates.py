"""Facts about certificates read from one clause: how long a certificate is valid (the data's
certification cycle; not forever, and it does expire) and how often surveillance audits take place,
also where a short answer follows the question it answers ("How long is a certificate valid? Five
years.").
"""

from __future__ import annotations

import re

from .clause_reading import _said_of, _token_at, asserted, denied, holding
from .evaluate import Context, Hit
from .gazetteer import Mention
from .sentences import Clause
from .syntax import clause_of

PRONOUN = re.compile(r"^\s*(?:it|they)\b", re.I)
NUMBERS = {"decade": 10, "single": 1, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
           "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "forty-eight": 48, "sixty": 60}
NUM = rf"(\d+|{'|'.join(sorted(NUMBERS.keys() - {'decade'}, key=len, reverse=True))})"
VALIDITY = re.compile(rf"\b(?:valid|validity|lasts?|lasted|lasting|cycle|runs?|good\s+for)\b"
                      rf"[^.;]{{0,40}}?\b{NUM}[\s-]+(years?|months?)\b|"
                      rf"\b{NUM}[\s-]+(years?)\s+(?:validity|cycle|certification cycle)\b|"
                      # "a five-year certificate" (not "our ten-year certification anniversary")
                      rf"\b{NUM}[\s-]+(years?|months?)\s+(?:certificates?|certifications?|registrations?)\b"
                      rf"(?!\s+(?:bod|anniversar|milestone|histor|record|journey|track|project|programme|program|plan|roadmap))|"
                      # "renewal ... is needed only once a decade", "recertified once every four years"
                      rf"\b(?:renew\w*|recertif\w*|reissu\w*)\b[^.;]{{0,40}}?\bonce\s+(?:a|per|every|each|in\s+a)\s+"
                      rf"{NUM}?\s*(decade|years?|months?)\b|"
                      # "the certificate itself lasts for five": the unit said before (see _elided_unit)
                      rf"\b(?:valid|lasts?|lasting|good|runs?)\s+(?:for\s+)?{NUM}(?=\s*(?:[.;,)]|$))|"
                      rf"\b(?:validity|duration)\b[^.;]{{0,30}}?:\s*{NUM}\s+(years?|months?)|"
                      rf"\b(?:renewed|reissued|renewal|refreshed|redone|repeated|re-?earned|re-?issued|re-?awarded|re-?obtained|regained)"
                      rf"\s+(?:every|each)\s+{NUM}?\s*(years?|months?)\b|"
                      rf"\brecertif\w*[^.;]{{0,30}}?\bevery\s+{NUM}\s+(years?|months?)\b|"
                      rf"\b(?:expires?|runs?\s+out|lapses?)\s+(?:after|within)\s+(?:(?:just|only|merely|about|around|roughly)\s+)?"
                      rf"(?:a\s+|one\s+)?{NUM}?\s*(years?|months?)\b|"
                      rf"\b(?:valid|validity|lasts?|good|runs?)\b[^.;]{{0,30}}?\b(?:a|one|full)\s+(decade)\b|"
                      rf"\b(?:expires?|runs?\s+out|lapses?)\s+after\s+(?:a|one)\s+(decade)\b", re.I)
FOREVER = re.compile(r"\b(?:never\s+expires?|for\s+life|forever|indefinitely|permanent(?:ly)?|lifetime|"
                     r"does\s+not\s+expire|doesn['’]t\s+expire)\b", re.I)
EXPIRES = re.compile(r"\bexpires?\b|\bexpiry\b", re.I)
# "our piece of paper is good for five years": the certificate, as people call it
CERT_WORD = re.compile(r"\b(?:re)?certific(?:ate|ates|ation)\b|\bcycle\b|\bpieces?\s+of\s+paper\b", re.I)


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    return int(word) if word.isdigit() else NUMBERS.get(word.casefold())


VALIDITY_TOPIC = re.compile(r"^(?:certif|recertif|registration$|cycle$|validity$|paper$)", re.I)
RANGE = re.compile(r"\bvalid\s+(?:from\s+)?((?:19|20)\d\d)\s*(?:[–—-]|to|until)\s*((?:19|20)\d\d)\b", re.I)
ISSUED_UNTIL = re.compile(r"\b(?:issued|awarded|granted|certified|obtained|received)\b[^.;]{0,20}?\bin\s+"
                          r"(?:\w+\s+)?((?:19|20)\d\d)\b[^.;]{0,40}?\bvalid\s+(?:until|till|through|to)\s+"
                          r"(?:\w+\s+)?((?:19|20)\d\d)\b", re.I)
HOW_LONG = re.compile(r"\bhow\s+long\b[^?]*\b(?:valid|last|good|run)", re.I)
BARE_DURATION = re.compile(rf"\W*(?:(?:about|around|usually|typically|normally|just|only)\s+)?"
                           rf"(?:for\s+)?{NUM}[\s-]+(years?|months?)(?:\W*$|\s*,)", re.I)
"""A short answer: the duration alone, or first and then qualified ("Five years, subject to yearly surveillance")."""


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
    if not CERT_WORD.search(scope) or (re.search(r"\btransition", text, re.I) and not re.search(r"\bvalid", text, re.I)):
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
                            f"a certificate does not last indefinitely: it is valid for {years} years, "
                            "then renewed by recertification.",
                            expected=f"{years} years", source=src))
        return hits
    e = EXPIRES.search(text)
    if e is not None and not re.search(r"\bbefore\b", text, re.I) and not VALIDITY.search(text):
        if denied(clause, e.start()):
            hits.append(Hit("cert-validity", e.start(), e.end(),
                            f"certificates do expire: each is valid for {years} years.", expected=f"{years} years", source=src))
        return hits
    issued = ISSUED_UNTIL.search(text)  # "issued in 2025, is valid until 2030": longer than any certificate runs
    if issued and int(issued.group(2)) - int(issued.group(1)) > years and asserted(clause, issued.start(2)):
        hits.append(_wrong_validity(ctx, issued.start(), issued.end(), int(issued.group(2)) - int(issued.group(1)), "years"))
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
        unit = groups[1] if len(groups) > 1 else _elided_unit(text, m)
        if unit is None:
            continue
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
        if re.search(r"\b(?:no|not)\s+(?:more|longer)\s+than\s+$", text[:number], re.I):
            continue  # "no longer than a year": whether the parse counts its 'no' as the clause's varies
        right = _compared(text[:number], years * 12, _months(value, unit))
        said = holding(clause, m.start())
        if not said.judged:
            continue  # asked, reported or conditional: not the writer's claim either way
        claimed = said.positive
        if right != claimed:
            hits.append(_wrong_validity(ctx, m.start(), m.end(), value, unit))
    return hits


COMPARED = re.compile(r"\b(?:(?P<gt>(?:more|longer|greater)\s+than|over|beyond)|(?P<ge>at\s+least|a\s+minimum\s+of))\s+$",
                      re.I)
"""A lower bound before a duration: "lasts longer than a year", "valid for at least five years". An upper bound
("less than three years") is read as the number itself: a certificate issued mid-cycle may run shorter."""


def _compared(before: str, actual: int, said: int) -> bool:
    """Is the duration said (months) right of the actual one, as the words before the number compare them
    ("no certificate lasts longer than a year": none lasts more than 12 months, wrong of 36)?"""
    bound = COMPARED.search(before)
    if bound is None:
        return actual == said
    return actual > said if bound.group("gt") else actual >= said


def _elided_unit(text: str, m: re.Match[str]) -> str | None:
    """The unit of a bare number: "years" where the pattern names none, except after 'lasts for five' with
    no unit of its own, where the unit is the one the sentence named before it ("every year, ... lasts for
    five"), or none (nothing judged)."""
    if re.search(r"(?:years?|months?|decade)\s*$", m.group(0), re.I):
        return "years"
    before = re.findall(r"\b(year|month|annual)", text[:m.start()], re.I)
    return None if not before else "months" if before[-1].casefold() == "month" else "years"


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
               f"not {value} {unit}.", expected=f"{validity.years} years", source=ctx.site.source_url(validity.source))


FREQ = re.compile(rf"\bevery\s+{NUM}(?:\s*(?:to|or|-|–)\s*{NUM.replace('(', '(?:', 1)})?\s+(years?|months?)\b|"
                  r"\bevery\s+(other)\s+year\b|"  # "every two to three years": the shortest interval said
                  rf"\bonce\s+(?:in\s+)?(?:per|a|every|each|the)\s+(?:whole\s+|entire\s+)?"
                  rf"(?:certification\s+|(?:three|3)[\s-]years?\s+)?(cycle)\b|"
                  r"\b(?:once|at least once)\s+(?:a|per|each|every)\s+(?:calendar\s+)?(year)\b|"
                  r"\b(annual(?:ly)?|yearly|every\s+year|each\s+year)\b|"
                  rf"\b{NUM}[\s-]+(yearly|years?)\b(?=\s+surveillance)|\b(biennial(?:ly)?|every\s+second\s+year)\b|"
                  rf"\bat\s+{NUM}[\s-]+(years?|months?)\s+intervals\b|"
                  # "a single surveillance audit halfway through", "only one surveillance visit per cycle": one in a cycle
                  r"\b(?:a\s+single|only\s+one|just\s+one|one\s+single|one|a)\s+surveillance\s+(?:audit|visit|check)\s+"
                  r"(?:(?P<midway>halfway|midway|mid-?cycle|mid-?term|in\s+the\s+middle)\b"
                  r"(?!\s+(?:through\s+|of\s+)?(?:the|each|every|a)\s+(?:calendar\s+)?year)|"
                  r"(?:in|during|over|per|within|for)\s+(?:the\s+|a\s+|each\s+|every\s+)?(?:whole\s+|entire\s+)?"
                  r"(?:certification\s+|(?:three|3)[\s-]years?\s+)?(?P<single>cycle|certificate|three\s+years)\b)|"
                  # "no surveillance audit is needed until the certificate expires", "can be skipped for up to two years"
                  r"\bno\s+surveillance\s+(?:audit|visit)s?\b[^.;]{0,40}?\b(?P<gap>until|before)\s+[^.;]{0,40}?"
                  r"\b(?:recertif\w*|expir\w*|renew\w*|(?:three|3)[\s-]years?|third\s+year|"
                  r"end\s+of\s+the\s+(?:certification\s+)?cycle)\b|"
                  r"\bsurveillance\s+(?:audit|visit)s?\s+(?:can|may|could)\s+(?:safely\s+)?be\s+"
                  r"(?P<skip>skipped|missed|dropped|omitted|suspended)\s+for\s+(?:up\s+to\s+)?(?:a|one|two|three|\d+)\s+years?\b",
                  re.I)
LESS = re.compile(r"\b(?:less(?:\s+(?:often|frequent(?:ly)?|regularly))?|rarer|more\s+(?:rarely|seldom|infrequently))"
                  r"\s+than\s+(?:once\s+)?$", re.I)
"""'less often than once a year': an interval longer than the one named, wrong where that one is the longest allowed."""
TOPIC = re.compile(r"\bsurveillance\b|"
                   r"\b(recertification|recertifications|recertify|certificate|certification cycle|validity)\b", re.I)


SURVEILLANCE = re.compile(r"^surveillance$", re.I)
CYCLE_TOPIC = re.compile(r"^(?:recertif|certificate|validity|cycle)", re.I)


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
    asked = _asked_visits(clause, ctx)
    hits = []
    for f in FREQ.finditer(text):
        whole = f.group("gap") or f.group("skip")  # the match is a claim of its own, its 'no' included
        if f.group("gap") and re.search(r"\b(?:after|following|once|then|last|second|final|again)\b", text[:f.start()], re.I):
            continue  # "after the second one, no surveillance audit comes before recertification": the end of the cycle
        if f.group("midway") or f.group("single") or whole:
            pass  # "one surveillance audit per cycle": surveillance is named in the match itself
        elif asked and ANSWER_START.match(text[:f.start()]):
            pass  # "How often will the auditors come back? Every two years, ...": the answer times the visits asked of
        elif others := [t for t in topics if not f.start() <= t.start() < f.end()]:  # "once per certification cycle": its unit
            nearest = min(others, key=lambda t: (min(abs(t.start() - f.end()), abs(f.start() - t.end())), t.start() > f.start()))
            before = [t for t in others if t.end() <= f.start()]
            if nearest.group(0).casefold() != "surveillance" and not _surveillance_phrase(clause, f.start()) and not (
                    before and before[-1].group(0).casefold() == "surveillance"
                    and _said_of(clause, f.start(), SURVEILLANCE, subject_only=True, modifiers=True)):
                continue  # the number is nearer another topic, unless the parse gives it to surveillance named before
            if nearest.start() >= f.end() and before and before[-1].group(0).casefold() != "surveillance" \
                    and not _of_visits(clause, f.start()) and _said_of(clause, f.start(), CYCLE_TOPIC, subject_only=True):
                continue  # "Recertification rolls around every three years, with a surveillance visit ...": said of the subject
        elif not inherited and not _by_certifier(clause, f.start(), ctx):
            continue  # a number with no topic counts where the certification body's visits are what it times
        groups = [g for g in f.groups() if g]
        word = groups[0].casefold()
        if f.group("midway") or f.group("single") or whole:
            months = ctx.gaz.site.certification.certificate_validity.years * 12  # one (or none) in a cycle
        elif word in ("cycle",):
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
        if _presupposed(clause, f.start()):  # "Thanks to ... every two years, it has never been easier": the
            held_as = holding(clause, f.start(), skip=(0, len(text)))  # main clause's 'never' is not said of the visits
        if whole:
            held_as = holding(clause, f.start(), skip=(f.start(), f.end()))
        less = LESS.search(text[:f.start()])
        if less:
            if months < 12 // per_year:
                continue  # "less often than every six months": longer, but not beyond what is allowed
            # "no less than once a year" is 'at least': its 'no' is part of the bound, not a negation of the clause
            no = re.search(r"\b(?:no|not)\s+$", text[:less.start()], re.I)
            right = no is not None
            if no is not None:
                held_as = holding(clause, f.start(), skip=(no.start(), f.end()))
        if not held_as.judged:
            continue
        claimed = held_as.positive
        if right != claimed:
            hits.append(Hit("surveillance-frequency", f.start(), f.end(),
                            f"surveillance audits take place at least {'once' if per_year == 1 else f'{per_year} times'} a year"
                            f"{'' if claimed else ' (the text denies it)'}.", expected="at least once a year", source=src))
    return hits


VISITING = {"audit", "visit", "inspect", "check", "come", "drop", "call", "stop", "show", "return", "turn", "pop", "happen",
            "occur", "take", "see"}
"""Verbs of the certification body's visits ('our registrar audits us', 'check-ups by the registrar come round')."""
AUDITORS = {"auditor", "registrar", "certifier", "assessor"}
NOT_THEIRS = {"internal", "own", "customer", "customers", "supplier", "second", "first"}


ANSWER_START = re.compile(r"\W*(?:(?:about|around|roughly|usually|typically|normally|only|just)\s+)?$", re.I)
HOW_OFTEN = re.compile(r"\bhow\s+often\b", re.I)
ASKED_VISITS = re.compile(r"\b(?:auditors?|registrars?|certifiers?|assessors?|certification\s+bod(?:y|ies))\b[^?]*"
                          r"\b(?:come|comes|visit|visits|return|returns|drop|call|check|audit)\b", re.I)
"""'How often will the auditors come back?': the certification body's visits (an internal or customer audit aside)."""
NOT_THEIRS_RE = re.compile(r"\b(?:internal|own|customers?|suppliers?|second|first)\b", re.I)


def _asked_visits(clause: Clause, ctx: Context) -> bool:
    """Does the clause answer a question about how often the certification body's auditors visit ("How often will
    the auditors come back?"), not one about renewing the certificate?"""
    asked = clause.previous.text if _answers(clause) and clause.previous is not None else ""
    if not HOW_OFTEN.search(asked) or any(t.group(0).casefold() != "surveillance" for t in TOPIC.finditer(asked)):
        return False
    return bool(re.search(r"\bsurveillance\b", asked, re.I) or (ASKED_VISITS.search(asked) and not NOT_THEIRS_RE.search(asked)))


def _surveillance_phrase(clause: Clause, at: int) -> bool:
    """Does the frequency at `at` hang, within its noun phrase, on surveillance or on a noun surveillance
    modifies ("a surveillance schedule of one visit every two years"), not across an apposition or a comparison
    ("surveillance audits: one each year against one every three years")?"""
    token = _token_at(clause, at)
    while token is not None and token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        if token.dep_ in ("appos", "conj") or (token.dep_ == "prep" and token.lower_ != "of"):
            return False
        token = token.head
        if token.pos_ in ("NOUN", "PROPN") and (token.lower_ == "surveillance" or any(
                c.lower_ == "surveillance" and c.dep_ in ("compound", "amod") for c in token.children)):
            return True
    return False


PRESUPPOSING = {"thanks", "because", "due", "owing"}


def _presupposed(clause: Clause, at: int) -> bool:
    """Is the frequency at `at` in an adjunct whose content the sentence takes as given ("thanks to",
    "because of", "due to")?"""
    token = _token_at(clause, at)
    while token is not None and token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
        if token.lower_ in PRESUPPOSING:
            return True
    return False


def _by_certifier(clause: Clause, at: int, ctx: Context) -> bool:
    """Does the frequency at `at` time visits the certification body makes: a verb of visiting whose subject
    (or 'by' agent) is the certification body, or whose subject is a visit by it ("Our registrar audits us
    once in each cycle", "Check-ups by the registrar come round every thirty months")?"""
    token = _token_at(clause, at)
    verb = clause_of(token) if token is not None else None
    if verb is None or verb.lemma_.casefold() not in VISITING:
        return False
    reading = clause.reading  # type: ignore[attr-defined]
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    doers += [t for c in verb.children if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj"]
    doers += [t for d in list(doers) if d.lemma_.casefold().rstrip("s") in VISITS | {"up", "check-up"}
              for c in d.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.children if t.dep_ == "pobj"]
    return any(_certifier(reading, t, ctx) for t in doers)


def _certifier(reading, token, ctx: Context) -> bool:
    """Is the token the certification body (named, as a class, or as its auditors), not an internal or customer auditor?"""
    if any(c.lower_ in NOT_THEIRS for c in token.subtree):
        return False
    if any(c.dep_ == "poss" and _certifier(reading, c, ctx) for c in token.children):
        return True  # "the registrar's people", "the certification body's team"
    mention = reading.mention(token)
    if mention is not None:
        return (mention.kind == "class" and mention.ref == "certification-body") or \
            (mention.kind == "org" and ctx.site.organizations[mention.ref].kind == "certification-body")
    return token.lemma_.casefold() in AUDITORS


def _answers(clause: Clause) -> bool:
    """Is the clause the answer to a question asked just before it?"""
    return clause.previous is not None and clause.previous.text.rstrip().endswith("?")
