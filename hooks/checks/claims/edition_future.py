"""Whether the parse says an announced edition (the revision the data expects, not published yet) is out
now: published ("ISO 9001:2026 was published in September"), out ("is out", "has come out", "is no longer
a draft"), or the edition audits are done against ("every new client is now audited against ISO 9001:2026",
"is the edition all new clients are audited against"). editions.py judges these readings against the data.
"""

from __future__ import annotations

import re

from .clause_reading import asserted, asserted_as_written
from .edition_use import edition_token
from .gazetteer import Mention
from .sentences import Clause

FUTURE = re.compile(r"\b(?:will|would|shall|going\s+to|expected|upcoming|forthcoming|planned|once|when|after|until|"
                    r"before|due|scheduled|set\s+to|likely|may|might|could|should|soon|if|unless)\b", re.I)
"""Words that put the edition's publication or use ahead ("will lead to a certificate under ISO 9001:2026")."""
DRAFT = re.compile(r"\b(?:drafts?|DIS|FDIS|CD|proposals?|ballots?|votes?|voting|comments?|enquiry|approval)\b", re.I)
"""A draft published or out ("was released for public comment", "is out for ballot") is no published edition."""
EARLIER = re.compile(r"\b(?:committee|international|working|DIS|CD|WD)\b", re.I)
"""A draft stage before the final one: an edition at FDIS is 'no longer a committee draft'."""
PUBLISH_VERBS = {"publish", "release", "issue"}
AUDIT_VERBS = {"audit", "assess"}
MODALS = {"will", "would", "shall", "may", "might", "could", "should", "ca", "can"}


def announced_out(clause: Clause, m: Mention) -> bool:
    """Does the sentence assert, of the announced edition, that it is published, out or audited against now?"""
    token = edition_token(clause, m)
    if token is None or clause.question:
        return False  # "Has ISO 9001:2026 been released? Yes, it is ...": the answer says it, once
    verb = _use_verb(token) or _out_verb(token)
    if verb is not None:
        return _now(verb) and asserted(clause, m.start)
    verb = _no_longer_draft(token)
    if verb is None or not _now(verb, draft_ok=True):
        return False
    # "is no longer a draft": the 'no longer' is the claim's own words, not a denial of it
    words = [t for t in verb.children if t.lower_ == "longer"]
    return asserted_as_written(clause, m.start, words[0].idx + len(words[0]) - clause.in_sentence)


def _use_verb(token):
    """'audited against ISO 9001:2026' (the edition the object of 'against'/'to'), or 'ISO 9001:2026 is the
    edition clients are audited against' (the verb in a relative clause on what the edition is said to be)."""
    if token.dep_ == "pobj" and token.head.lower_ in ("against", "to") and token.head.head.lemma_ in AUDIT_VERBS \
            and token.head.head.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
        return token.head.head
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        for attr in (c for c in token.head.children if c.dep_ == "attr"):
            for rel in (c for c in attr.children if c.dep_ == "relcl" and c.lemma_ in AUDIT_VERBS):
                if any(c.dep_ == "prep" and c.lower_ in ("against", "to") and not list(c.children) for c in rel.children):
                    return rel
    return None


def _out_verb(token):
    """'ISO 9001:2026 was published in September', 'is out', 'has come out', 'ISO 9001:2026, released in June, ...'."""
    head = token.head
    if token.dep_ == "nsubjpass" and head.lemma_ in PUBLISH_VERBS:
        return head
    if token.dep_ == "nsubj" and head.lemma_ in ("be", "come") and any(
            c.lower_ == "out" and c.dep_ in ("advmod", "prt", "acomp") and not list(c.children) for c in head.children):
        return head
    if token.dep_ not in ("nsubj", "nsubjpass", "ROOT"):
        return None  # not "our guide to ISO 9001:2026, published in March": the guide was
    return next((c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in PUBLISH_VERBS), None)


def _no_longer_draft(token):
    """'ISO 9001:2026 is no longer a draft', '... no longer in draft form'; not 'no longer a committee draft' nor
    'no longer at the DIS stage', true of an edition at FDIS, nor '... no longer at the DIS stage but still a draft'."""
    head = token.head
    longer = next((c for c in head.children if c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)), None)
    if token.dep_ != "nsubj" or head.lemma_ != "be" or longer is None:
        return None
    said = [c for c in head.children if c.dep_ == "attr"] + [g for c in head.children if c.dep_ == "prep"
                                                             and c.lower_ in ("in", "at") for g in c.children]
    said = [p for p in said if not any(t.dep_ == "cc" for t in token.doc[longer.i:p.i])]
    return head if any(t.lower_ == "draft" and not EARLIER.search(" ".join(w.text for w in p.subtree)) for p in said
                       for t in p.subtree if t.i in (p.i, *(c.i for c in p.children if c.dep_ in ("compound", "amod")))) \
        else None


def _now(verb, draft_ok: bool = False) -> bool:
    """Is the verb's claim of now (or the past), with no word that puts it ahead or makes it a draft's? A
    clause of time in the past hung on it ("three years after the revision began") does not count."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in verb.children) \
            or any(c.dep_ == "mark" for c in verb.children) or verb.dep_ == "advcl":
        return False
    skipped = {t.i for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBD" for t in c.subtree}
    words = " ".join(t.text for t in verb.subtree if t.i not in skipped)
    return not FUTURE.search(words) and (draft_ok or not DRAFT.search(words))
