"""What a role verb is done to: its object in the parse (the subject of a passive, the noun a
participle modifies, what an 'of' phrase names), whether that object meets the frame's constraint in
data/predicates.yaml ("issues certificates", not "issues guidance"; not a body where the frame sets
bodies aside), and the standard it names where the relation is about one ("publishes ISO 45001").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hooks.data.schema import Frame

from . import idioms
from .agents import PREPOSITIONAL
from .arguments import RELATIVE, _lemma, _named_before, _nounlike, _passive, _stands_for
from .gazetteer import Mention
from .reading import Reading
from .syntax import conjuncts, verbless

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


STANDARDS = ("standard", "other-standard")
"""Mention kinds that name a standard: one the data has a page for, or one it only knows the designation of
('ISO/IEC 17021-1 was written by UKAS' is as wrong about UKAS as the same said of ISO 9001)."""


def _fits(frame: Frame, noun: Token) -> bool:
    """Does this noun meet the frame's object constraint (any noun where it has none)?"""
    return not frame.objects or noun.lemma_.casefold() in {o.casefold() for o in frame.objects}


def _objects(verb: Token, frame: Frame | None = None) -> list[Token]:
    """Every object-like dependent: spaCy sometimes splits 'our ISO 9001 certificate' in two. Under an idiom
    frame, only what the idiom's entry names ('keeps tabs on X': X)."""
    if frame is not None and idioms.is_idiom(frame) and (found := idioms.objects(verb, frame)) is not None:
        return found
    first = _object(verb)
    if first is None:
        return []
    same = [c for c in verb.children if c.dep_ == first.dep_ and c.i != first.i] if first.head.i == verb.i else []
    return [first, *same]


def _object(verb: Token) -> Token | None:
    """The object of an active verb, the subject of a passive, or the noun a participle modifies."""
    if verbless(verb):
        return verb.head  # "They all issue certificates" read as one noun: its last word
    if _nounlike(verb):  # "the publisher of ISO 45001", "the standard's publisher"
        of = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            return next((t for t in of.children if t.dep_ == "pobj"), None)
        return next((c for c in verb.children if c.dep_ == "poss"), None)
    if _passive(verb):
        direct = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if direct is not None:
            return direct  # "has been awarded ISO 14001 certification by ...": the thing given
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            return verb.head if subject.lower_ in RELATIVE and verb.dep_ == "relcl" else subject
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and _passive(verb.head):
            return _object(verb.head)  # "the certificate, issued by DNV and endorsed by ISO": what the first is said of
        if verb.dep_ == "advcl" and verb.tag_ == "VBN":  # "X, published by UKAS, sets out ...": said of the subject
            return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return verb.head if verb.dep_ in ("acl", "amod") else None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "dative")
                and (c.dep_ != "dative" or c.lower_ in RELATIVE)), None)
    if obj is not None and obj.lower_ in RELATIVE and verb.dep_ == "relcl":
        return verb.head
    if obj is not None and obj.lower_ in ("which", "whom") and verb.dep_ == "advcl" and obj.i > 0:
        # "accredited by UKAS, which the IAF evaluates": a relative clause parsed as adverbial; the noun before the comma
        return next((t for t in reversed(verb.doc[:obj.i]) if not t.is_punct), None)
    if verb.dep_ == "xcomp" and verb.head.dep_ == "relcl" and (
            (obj is not None and obj.lower_ in RELATIVE)
            or (obj is None and any(c.dep_ == "dobj" and c.lower_ in RELATIVE for c in verb.head.children))):
        return verb.head.head  # "the MLA, which IAF continues to manage": the relative pronoun's noun
    if obj is None and verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE for c in verb.children):
        return verb.head  # "the bodies (that) IAF evaluates"
    if obj is None and verb.dep_ == "conj":
        return _object(verb.head) if verb.head.pos_ in ("VERB",) else None
    if obj is None:  # "looks after the arrangement", "signs off on every system": the preposition's object
        obj = next((t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("after", "on", "over", "for")
                    for t in c.children if t.dep_ == "pobj"), None)
    return obj


def _object_fits(reading: Reading, verb: Token, frame: Frame, kinds: dict[str, str], objects: list[Token] | None = None) -> bool:
    """Does what the verb is done to (its own objects, or those given) meet the frame's constraint?"""
    objects = _objects(verb, frame) if objects is None else objects
    if frame.standard_object:
        if any(c.dep_ == "dative" and c.lower_ not in RELATIVE for c in verb.children):
            return False  # "the certificate DNV issued us": given to someone, not published
        for node in (n for obj in objects for n in conjuncts(obj)):
            mention = _standard_named(reading, node)
            if (mention is not None and mention.kind in STANDARDS) or (_lemma(node) == "standard" and (
                    node.i == verb.head.i or _documents(reading, node))):  # "a UKAS-published standard"
                return True
        return False
    if _names_body(reading, objects, frame.except_objects, kinds):
        return False
    if not frame.objects:
        return True
    if frame.agent in PREPOSITIONAL and not frame.objects:
        return True
    candidates = objects
    if frame.agent == "to":  # "apply to X for certification", "apply to X to get certified"
        candidates = [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for t in c.children] + \
            [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"]
    wanted = {o.casefold() for o in frame.objects}
    # "the work of accreditation bodies": what the object is of counts as the object
    candidates = [*candidates, *(t for node in candidates if _lemma(node) in OF_NOUNS for prep in node.children
                                 if prep.dep_ == "prep" and prep.lower_ == "of" for t in prep.children if t.dep_ == "pobj")]
    for node in list(candidates):  # "just as DNV issues certificates, UKAS issues them too"
        if reading.mention(node) is None and (earlier := _stands_for(node, frame.objects)) is not None:
            candidates.append(earlier)
    for node in candidates:
        for each in conjuncts(node):
            compounds = [_lemma(c) for c in each.children if c.dep_ == "compound" and c.i < each.i]
            words = {_lemma(each), *(f"{c} {_lemma(each)}" for c in compounds)}
            if each.lower_.endswith("s") and not each.lower_.endswith("ss") and _lemma(each) == each.lower_:
                singular = each.lower_[:-1]  # "MLAs"; "audits" the lemmatizer left as it was
                words |= {singular, *(f"{c} {singular}" for c in compounds)}
            named = reading.mention(each)
            if named is not None and named.kind == "class":
                words.add(named.ref.replace("-", " "))  # "they" standing for "accreditation bodies"
            elif named is not None and named.kind == "org" and kinds.get(named.ref):
                words.add(kinds[named.ref].replace("-", " "))  # "IAF evaluates UKAS": a body of that kind
            if words & wanted or (not any(" " in w for w in wanted & {_lemma(each)}) and set(compounds) & wanted):
                return True
    return False


def _names_body(reading: Reading, objects: list[Token], excepted: list[str], kinds: dict[str, str]) -> bool:
    """Is the object a body of one of these kinds ('UKAS audits certification bodies': auditing a body is
    another relation than auditing a company, judged by its own frame), or one of these words ('a certificate
    registered with X' is listed in X's register, not certified by X)?"""
    for t in objects if excepted else ():
        if _lemma(t) in excepted:
            return True
        m = reading.mention(t)
        if m is not None and m.kind in ("org", "class") and (m.ref if m.kind == "class" else kinds.get(m.ref, "")) in excepted:
            return True
    return False


OF_NOUNS = {"work", "operation", "operations", "function", "functions", "activity", "activities", "performance", "competence",
            "evaluation", "assessment", "recognition", "supervision", "oversight"}
"""Nouns whose 'of' phrase names what a verb is really done to ('oversees the work of accreditation bodies')."""
LEVEL_WORDS = {"high", "higher", "highest", "low", "strict", "rigorous", "exacting", "professional", "ethical", "good", "same"}


def _documents(reading: Reading, node: Token) -> bool:
    """Is 'standard' here a document ('ISO standards', 'the standards', 'International Standards'), not a
    level ('this high standard', 'high standards')?"""
    if any(c.dep_ in ("compound", "nmod") and reading.mention(c) is not None for c in node.children):
        return True
    if any(c.dep_ == "amod" and c.lower_ in LEVEL_WORDS for c in node.children):
        return False
    return node.tag_ == "NNS" or node.text[:1].isupper() or any(c.dep_ == "det" and c.lower_ == "the" for c in node.children)


def _standard_named(reading: Reading, node: Token) -> Mention | None:
    """The standard an object names: its own name, or 'the ISO 9001 standard'; not 'our ISO 9001 certificate'."""
    mention = reading.mention(node)
    if mention is None and node.lower_ in ("it", "them"):
        # "ISO publishes ISO 9001, and IEC co-publishes it"; not "our ISO 9001 certificate ... issued it"
        mention = _named_before(reading, node, ("standard",))
        return mention if mention is not None and mention in reading.mentions and not _modifier(reading, mention) else None
    if mention is None and _lemma(node) in PART_WORDS and node.head.lemma_.casefold() in AUTHORING:
        # "penned the requirements of ISO 14001": writing its text is writing the standard (not compiling it in a checklist)
        return next((found for prep in node.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for t in prep.children if t.dep_ == "pobj"
                     if (found := reading.mention(t)) is not None and found.kind in STANDARDS), None)
    if mention is None and node.tag_ == "VBG" and _lemma(node) in AUTHORING:
        # "had a hand in writing ISO 45001": the standard the gerund writes
        return next((found for t in node.children if t.dep_ == "dobj"
                     if (found := _standard_named(reading, t)) is not None and found.kind in STANDARDS), None)
    if mention is None and _lemma(node) in EDITION_WORDS:
        # "the ISO 9001 standard"; "the first edition of ISO 9001": the standard the edition is of
        return reading.noun_mention(node) or next(
            (found for prep in node.children if prep.dep_ == "prep" and prep.lower_ == "of"
             for t in prep.children if t.dep_ == "pobj"
             if (found := reading.mention(t)) is not None and found.kind in STANDARDS), None) or _apposed(reading, node)
    if mention is not None and _modifier(reading, mention):
        return None  # "ISO 9001 certificate" parsed as two objects: a modifier
    return mention


_AFTER = re.compile(r"[^,;:.()]*,\s*")
_BEFORE = re.compile(r"\s*,\s*(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,3}", re.I)


def _apposed(reading: Reading, node: Token) -> Mention | None:
    """The standard named in apposition to 'the standard', by the written commas (the parse often hangs the name on
    a verb): 'the standard that IEC developed for quality, ISO 9001, ...', 'ISO 9001, the standard IEC wrote, ...'."""
    start, end = reading.span(node)
    for mention in (m for m in reading.mentions if m.kind in STANDARDS and not m.predecessor):
        if mention.start >= end and _AFTER.fullmatch(reading.text, end, mention.start) \
                and re.match(r"\s*(?:[,;.)]|$)", reading.text[mention.end:]):
            return mention
        first = reading.token_at(mention.start)
        if mention.end <= start and _BEFORE.fullmatch(reading.text, mention.end, start) and first is not None \
                and (first.i == 0 or first.doc[first.i - 1].pos_ not in ("ADP", "SCONJ")):
            return mention  # not "Unlike ISO 9001, the standard IEC wrote ...": a name after a preposition is no apposition
    return None


def _modifier(reading: Reading, mention: Mention) -> bool:
    """Is the named standard a modifier of the noun right after it ('ISO 9001 certificate')?"""
    after = reading.token_at(mention.end)
    return after is not None and reading.span(after)[0] >= mention.end and after.pos_ in ("NOUN", "PROPN") \
        and _lemma(after) not in EDITION_WORDS and reading.text[mention.end:reading.span(after)[0]].isspace()


EDITION_WORDS = ("standard", "edition", "version", "revision")
PART_WORDS = ("requirement", "requirements", "text", "wording", "clause", "clauses")
"""The text of a standard, named with 'of': writing 'the requirements of ISO 14001' is writing the standard."""
AUTHORING = {"write", "pen", "draft", "author", "co-author", "coauthor", "develop", "formulate", "devise"}
"""Verbs by which writing the text of a standard is developing it."""


def _standard_object(reading: Reading, verb: Token, frame: Frame | None = None,
                     objects: list[Token] | None = None) -> Mention | None:
    for node in (n for obj in (_objects(verb, frame) if objects is None else objects) for n in conjuncts(obj)):
        mention = _standard_named(reading, node)
        if mention is not None and mention.kind == "standard" and not mention.predecessor:
            return mention
    return None


def _remnant(reading: Reading, verb: Token, agent: Token) -> Token | None:
    """What a gapped conjunct's agent did the verb to: 'ISO 9001 was developed by ISO, and ISO 14001 by UKAS' (the
    verb left out after 'and'): the last noun coordinated after the verb, not itself a body, before the agent."""
    if not _passive(verb):
        return None
    above = {verb.i, *(t.i for c in verb.children if c.dep_ == "agent" for t in c.subtree)}
    found = [t for t in verb.doc[verb.i + 1:agent.i] if t.dep_ == "conj" and t.head.i in above
             and t.pos_ in ("NOUN", "PROPN") and ((m := reading.mention(t)) is None or m.kind in STANDARDS)]
    return found[-1] if found else None
