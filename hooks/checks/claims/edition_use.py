"""Whether the parse says an edition is held, in use or defined as a standard now: "we still hold OHSAS
18001", "ISO/IEC 27001:2013, which we still hold, ...", "remains an accepted edition", "OHSAS 18001 is an
international standard for ...". editions.py judges what these readings mean against the data.
"""

from __future__ import annotations

from .gazetteer import Mention
from .sentences import Clause

# What a standard in force is called: "OHSAS 18001 is an international standard for ...".
IN_USE_NOUNS = {"standard", "certification", "certificate", "specification", "scheme", "framework", "family", "activity", "norm"}


HOLD_VERBS = {"hold", "keep", "maintain", "retain"}
STILL = {"still", "now", "currently", "today", "nowadays"}
IN_USE_NOUNS_NOW = {"edition", "version", "basis", "option", "choice", "standard", "certification", "certificate", "scheme"}
IN_USE_WORDS_NOW = {"valid", "accepted", "acceptable", "current", "recognised", "recognized", "available", "usable",
                    "certifiable"}


def held_now(clause: Clause, m: Mention) -> bool:
    """Does the parse say the edition is held or in use now, and the sentence assert it? Its verb is
    'hold' (or 'keep', 'maintain') with the edition as object, directly or through a relative pronoun
    ("we still hold OHSAS 18001", "ISO/IEC 27001:2013, which we still hold, ..."), or a present 'remain'
    or 'is still' with the edition as subject and a word of use as complement ("remains an accepted
    edition", "is still the edition many exporters hold")."""
    token = edition_token(clause, m)
    if token is None:
        return False
    verbs = []
    if token.dep_ == "dobj" and token.head.lemma_.casefold() in HOLD_VERBS:
        verbs.append(token.head)
    verbs += [c for c in token.children if c.dep_ == "relcl" and c.lemma_.casefold() in HOLD_VERBS
              and any(g.dep_ == "dobj" and g.lower_ in ("which", "that") for g in c.children)]
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.casefold() in ("be", "remain", "stay") and (
            head.lemma_.casefold() != "be" or any(c.dep_ == "advmod" and c.lower_ in STILL for c in head.children)) and any(
            (c.dep_ == "attr" and c.lemma_.casefold() in IN_USE_NOUNS_NOW)
            or (c.dep_ in ("acomp", "attr") and c.lemma_.casefold() in IN_USE_WORDS_NOW) for c in head.children):
        verbs.append(head)
    reading = clause.reading  # type: ignore[attr-defined]
    for verb in verbs:
        said = reading.held(verb)
        if said.positive and not said.past and (said.year is None or said.relation == "since"):
            return True
    return False


def edition_token(clause: Clause, m: Mention):
    """The token heading the noun phrase the edition is named in ("the OHSAS 18001 standard")."""
    reading = clause.reading  # type: ignore[attr-defined]
    token = reading.token_at(clause.start - clause.sentence_start + m.start)
    while token is not None and token.dep_ in ("compound", "nmod", "nummod") and token.head.i != token.i:
        token = token.head  # "ISO 14001:2004 Certification", "the OHSAS 18001 standard"
    return token


def defined_now(clause: Clause, m: Mention) -> bool:
    """Is the edition the subject of a present-tense 'is a standard / is a certification ...'?"""
    token = edition_token(clause, m)
    if token is None or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    if verb.lemma_ != "be" or verb.tag_ not in ("VBZ", "VBP"):
        return False
    return any(c.dep_ == "attr" and c.lemma_.casefold() in IN_USE_NOUNS for c in verb.children)
