"""Whether certification is required, read from one clause: where the data says ISO does not require
it, a sentence saying that ISO (or its standard, or the law, for everyone) requires it, or that it is
not voluntary, is wrong; a requirement limited to a sector, a customer or a regulator is not judged.
"""

from __future__ import annotations

import re

from .arguments import _named_before
from .clause_reading import _said_of, _token_at, _verb_at, asserted, denied
from .evaluate import Context, Hit
from .gazetteer import Mention
from .sentences import Clause
from .syntax import clause_of

CERTIFICATION = re.compile(r"^certif|^registration$|^registered$", re.I)
REQUIRE = re.compile(r"\b(?:requires?|required|requiring|insists?|mandatory|compulsory|obligatory|stipulates?|stipulated|"
                     r"demands?|obliges?|forces?|"
                     r"must\s*(?:,[^,.;]{1,30},\s*)?(?:also\s+)?(?:obtain|get|be|hold|have|become|seek))\b", re.I)
"""'must, by ISO rules, be certified': an aside may stand between 'must' and its verb."""
# "a legal requirement", "mandatory": said of certification for everyone, with no limit to a sector or buyer.
MANDATE = re.compile(r"\b(?:legal(?:ly)?\s+(?:requirement|obligation|required|obliged)|required\s+by\s+law|"
                     r"mandatory|compulsory|obligatory|a\s+must)\b", re.I)
LIMITED = re.compile(r"\b(?:some|certain|many|several|few|most|particular|specific|regulated|sectors?|industr(?:y|ies)|"
                     r"customers?|clients?|buyers?|tenders?|contracts?|regulators?|governments?|may|might|can|could|often|"
                     r"sometimes|if|where|when|unless|depending|aerospace|automotive|medical|defen[cs]e)\b", re.I)
# "You cannot use ISO 9001 unless you are certified to it": the standard's use denied without certification.
ONLY_IF_CERTIFIED = re.compile(r"\b(?:use|uses|using|implement\w*|adopt\w*|apply|applies|applying|follow\w*)\b[^.;]{0,40}?"
                               r"\b(?P<cond>unless|without|until)\s+(?:\w+\s+){0,3}?(?:certified|certification|registered)\b",
                               re.I)
EMBLEMS = re.compile(r"\b(?:logo|mark|seal|badge|label|name|claim)s?\b", re.I)
"""'cannot use the ISO 9001 logo unless certified': the use of a mark, not of the standard."""
LETTING = re.compile(r"\b(?:let|lets|allow\w*|permit\w*)\s+(?:\w+\s+){0,3}(?:to\s+)?$", re.I)
"""'does not let any organization use ...': the denial is on the verb of letting."""
SECTORS = re.compile(r"\b(?:sectors?|industr(?:y|ies)|customers?|clients?|buyers?|tenders?|contracts?|regulators?|governments?|"
                     r"aerospace|automotive|medical|defen[cs]e|law|laws|legally)\b", re.I)
VOLUNTARY = re.compile(r"\b(?:voluntary|optional)\b", re.I)
# "every organization using ISO 9001 must become certified": a duty laid on all, with no limit named.
UNIVERSAL = re.compile(r"\b(?:every|all|any|each)\s+(?:\w+\s+)?(?:organi[sz]ations?|compan(?:y|ies)|business(?:es)?|firms?|"
                       r"suppliers?|manufacturers?|user|users)\b[^.;:]{0,40}?\b(?P<must>must|(?:has|have)\s+to|(?:is|are)\s+"
                       r"(?:required|obliged)\s+to)\s+(?:\w+\s+)?(?:be|become|get|obtain|hold|seek)\s+(?:\w+\s+)?certif", re.I)


def check_required(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    cert = ctx.gaz.site.certification
    if cert.certification_required_by_iso or not (re.search(r"\bcertif", text, re.I) or _asked_about(clause)):
        return []
    src = ctx.gaz.site.source_url(cert.required_source)
    message = ("ISO does not require certification: it is voluntary, though customers or regulators may ask for it.",
               "not required by ISO")
    vol = VOLUNTARY.search(text)
    if vol and denied(clause, vol.start()):
        return [Hit("cert-required", vol.start(), vol.end(), message[0], expected=message[1], source=src)]
    mandate = MANDATE.search(text)
    if mandate and not LIMITED.search(text) and asserted(clause, mandate.start()) \
            and not _modifies_other(clause, mandate.start(), ctx) \
            and (_said_of(clause, mandate.start(), CERTIFICATION, subject_only=True) or _made(clause, mandate.start())):
        return [Hit("cert-required", mandate.start(), mandate.end(),
                    "certification is voluntary: no law makes it a requirement for every organization, and ISO does not "
                    "require it; customers, tenders or sector regulators may ask for it.", expected=message[1], source=src)]
    only = ONLY_IF_CERTIFIED.search(text)
    if only and not SECTORS.search(text) and not EMBLEMS.search(only.group(0)) \
            and any(m.kind == "standard" and only.start() < m.start < only.start("cond") for m in mentions) \
            and (denied(clause, only.start()) or ((let := LETTING.search(text[:only.start()])) is not None
                                                  and denied(clause, let.start()))):
        return [Hit("cert-required", only.start(), only.end(), message[0], expected=message[1], source=src)]
    every = UNIVERSAL.search(text)
    if every and not LIMITED.search(text) and asserted(clause, every.start("must")) \
            and not re.search(r"\bnot\s+$", text[:every.start()], re.I):  # "not every company must ..."
        return [Hit("cert-required", every.start(), every.end(), message[0], expected=message[1], source=src)]
    for req in REQUIRE.finditer(text):
        # ISO's own rules named anywhere ("under ISO rules, every supplier to ...", "must, by ISO rules, be certified"),
        # or a standards body (or its standard) doing the requiring; otherwise someone else requires it, or no one
        if not (_rule_words(ctx).search(text) or _required_by_standards_body(clause, req.start(), ctx)):
            continue
        if re.match(r"ments?\b", text[req.end():]):
            continue
        # "ISO 9001 requires an internal audit": a requirement of the standard, not certification; "it" for the
        # certification a question asked about, only where a standards body (or its standard) requires it
        if not _said_of(clause, req.start(), CERTIFICATION, nested=True) and not (
                _it_asked_about(clause, req.start()) and _required_by_standards_body(clause, req.start(), ctx)):
            continue
        if _set_apart(clause, req.start()):
            continue  # "requires an internal audit, but not certification"
        if asserted(clause, req.start(), req.end()):
            return [Hit("cert-required", req.start(), req.end(), message[0], expected=message[1], source=src)]
    return []


ASKED = re.compile(r"\bcertif(?:ication|ied)\b(?!\s+(?:audits?|bod(?:y|ies)|process|marks?|logos?|fees?|costs?|schemes?|"
                   r"cycles?|decisions?|records?|scopes?|documents?))", re.I)
"""Certification itself named in a question ('Is certification mandatory?', 'Why get certified?'), not a thing of it."""


def _asked_about(clause: Clause) -> bool:
    """Does the clause answer a question about certification itself?"""
    previous = clause.previous
    return previous is not None and previous.question and ASKED.search(previous.text) is not None


def _it_asked_about(clause: Clause, start: int) -> bool:
    """'Is certification mandatory? Yes, ISO requires it': 'it', the object of the requiring verb, stands for the
    certification the question before asked about."""
    verb = _verb_at(clause, start)
    if verb is None or not _asked_about(clause):
        return False
    reading = clause.reading  # type: ignore[attr-defined]
    objects = [c for c in verb.children if c.dep_ == "dobj"] + \
        [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for t in c.children if t.dep_ == "pobj"]
    return any(t.lower_ in ("it", "this", "that") and reading.mention(t) is None for t in objects)  # "insists on it"


def _modifies_other(clause: Clause, start: int, ctx: Context) -> bool:
    """'mandatory annual surveillance audits': the word describes a noun other than certification; not where
    that noun is what the copula says certification is and a standards body is named in it as the one setting
    it ('certification is a legal requirement that ISO sets'; a legal mandate alone is no claim about ISO)."""
    token = _token_at(clause, start)
    if token is None or token.dep_ != "amod" or CERTIFICATION.search(token.head.lemma_):
        return False
    if token.head.dep_ in ("attr", "oprd"):
        reading = clause.reading  # type: ignore[attr-defined]
        return not any((m := reading.mention(t)) is not None and m.kind == "org"
                       and ctx.site.organizations[m.ref].kind == "standards-body" for t in token.head.subtree)
    return True


def _set_apart(clause: Clause, start: int) -> bool:
    """'ISO 9001 requires an internal audit, but not certification': every certification the requiring verb
    governs is denied on its own ('not certification'), so certification is what it does not require."""
    verb = _verb_at(clause, start)
    if verb is None:
        return False
    named = [t for t in verb.subtree if CERTIFICATION.search(t.lemma_) and clause_of(t).i == verb.i]
    return bool(named) and all(any(c.dep_ == "neg" for c in t.children) for t in named)


def _made(clause: Clause, start: int) -> bool:
    """'ISO makes certification a must', 'makes certification mandatory': the word said of certification
    as the object of 'make' (or the subject of its small clause)."""
    token = _token_at(clause, start)
    if token is None:
        return False
    if token.lower_ == "a":
        token = token.head
    small = [c for c in token.children if c.dep_ == "nsubj"]
    made = [c for c in token.head.children if c.dep_ in ("dobj", "nsubj") and c.i > token.head.i] \
        if token.head.lemma_.casefold() == "make" else []
    return any(CERTIFICATION.search(t.lemma_) for t in small + made)


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
        if mention is None and node.lower_ == "it" and not any(m.kind in ("other", "class") for m in reading.mentions):
            mention = _named_before(reading, node, ("org",))  # "As ISO itself makes clear, it requires ..."
        if mention is not None and mention.kind == "org" and ctx.site.organizations[mention.ref].kind == "standards-body":
            return True
        own = reading.mention(node)  # "ISO 14001 certification requires ...": the certification, not the standard
        if (own is not None and own.kind == "standard" and not own.predecessor) or node.lemma_.casefold() == "standard":
            return True  # "ISO 9001 requires certification", "its standards require certification": the standard does not
    return False
