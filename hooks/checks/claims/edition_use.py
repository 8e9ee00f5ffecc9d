"""Whether the parse says an edition is held, in use or defined as a standard now: "we still hold OHSAS
18001", "ISO/IEC 27001:2013, which we still hold, ...", "remains an accepted edition", "OHSAS 18001 is an
international standard for ...". editions.py judges what these readings mean against the data.
"""

from __future__ import annotations

from .clause_reading import _token_at
from .gazetteer import Mention
from .sentences import Clause

# What a standard in force is called: "OHSAS 18001 is an international standard for ...".
IN_USE_NOUNS = {"standard", "certification", "certificate", "specification", "scheme", "framework", "family", "activity", "norm"}
# What a standard in force does, in the present: "ISO/IEC 27001:2005 defines the requirements for an ISMS".
DEFINING_VERBS = {"define", "specify", "set", "lay", "establish", "state", "prescribe"}
DEFINED_NOUNS = {"requirement", "criterion", "rule", "framework"}


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
    token = reading.token_at(clause.in_sentence + m.start)
    while token is not None and token.dep_ in ("compound", "nmod", "nummod") and token.head.i != token.i:
        token = token.head  # "ISO 14001:2004 Certification", "the OHSAS 18001 standard"
    return token


def defined_now(clause: Clause, m: Mention) -> bool:
    """Is the edition the subject of a present-tense 'is a standard / is a certification ...', or of a
    present-tense 'defines / sets out the requirements ...'?"""
    token = edition_token(clause, m)
    if token is None or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    if verb.tag_ not in ("VBZ", "VBP"):
        return False
    if verb.lemma_ == "be":
        return any(c.dep_ == "attr" and c.lemma_.casefold() in IN_USE_NOUNS for c in verb.children)
    return verb.lemma_.casefold() in DEFINING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.casefold() in DEFINED_NOUNS for c in verb.children)


NEWS_SUBJECTS = {"we", "it", "they"}


def news(clause: Clause, at: int) -> bool:
    """Is the acquisition whose verb ends at `at` told as news in the main clause ("Redwood Clinics has
    achieved ...", "Brightwater Labs has been awarded ..."), by the one that holds it now: a present
    perfect heading the sentence, its subject a name, 'we' or 'our ...'? Not "start-ups that have
    obtained ..." (a relative clause), nor "many firms have obtained ..." (firms in general)."""
    verb = _token_at(clause, at - 1)
    if verb is None or verb.dep_ != "ROOT" or not any(
            c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and (subject.pos_ == "PROPN" or subject.lower_ in NEWS_SUBJECTS or any(
        c.dep_ == "poss" and c.lower_ in ("our", "its", "their") for c in subject.children))


def past_main_verb(clause: Clause, m: Mention) -> bool:
    """Is the edition the object of a past-tense main verb the parser read as a participle: one with a
    subject and no auxiliary ("Our first certificate, issued in 1998, named the 1996 edition": 'named'
    tagged VBN), or one hung on a verbless sentence's subject after an aside ('a certificate named ...')?"""
    token = edition_token(clause, m)
    if token is None or token.dep_ not in ("dobj", "oprd"):
        return False
    verb = token.head
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if verb.dep_ == "ROOT":
        return any(c.dep_ == "nsubj" for c in verb.children)
    root = verb.head
    return verb.dep_ == "acl" and root.dep_ == "ROOT" and root.pos_ in ("NOUN", "PROPN") and root.i < verb.i \
        and verb.doc[verb.i - 1].text == ","


def own_conjunct(clause: Clause, m: Mention) -> tuple[int, int]:
    """The stretch of the clause's text that can say the edition is held: all of it, unless the edition is the
    subject of a clause coordinated after another ("We are certified to ISO 14001:2015, and OHSAS 18001 is
    history"), whose words alone then speak of it ("certified" belongs to the first clause)."""
    token = edition_token(clause, m)
    whole = (0, len(clause.text))
    if token is None or token.dep_ not in ("nsubj", "nsubjpass"):
        return whole
    verb = token.head
    if verb.dep_ != "conj" or verb.head.i > verb.i:
        return whole
    shift = clause.in_sentence
    words = list(verb.subtree)
    return max(0, words[0].idx - shift), min(len(clause.text), words[-1].idx + len(words[-1]) - shift)
