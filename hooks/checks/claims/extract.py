"""Claims from a parsed sentence: which relation, with which arguments in which roles.

A relation comes from data/predicates.yaml: a frame's verb (by lemma) with its object constraint.
Its agent is found through the dependency parse, never by distance: the subject of an active verb
(through relative pronouns, clefts and coordination), the "by" phrase of a passive, the name in a
compound ("UKAS-accredited"), or the preposition a frame names ("a certificate comes from X").
"X, not Y" gives Y as a denied agent. How the sentence holds each claim is asked of holding.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dataclasses import dataclass


from hooks.data.schema import Frame, Predicate
from .gazetteer import Mention
from .holding import Holding, but_after_not, denied_by_complement, sets_aside
from .reading import AGENTIVE, Reading
from .syntax import WORD, conjuncts, phrase_lemma, verb_lemma, word_forms

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token

RELATIVE = {"that", "which", "who", "whom", "whose"}
PROFORMS = {"that", "this", "so", "it", "same"}
PREPOSITIONAL = ("from", "to", "with", "through")
"""Frame agents named by a preposition: 'a certificate comes from X', 'certified with X'."""
TEAM_WORDS = {"auditor", "auditors", "assessor", "assessors", "inspector", "inspectors", "team", "staff", "expert",
              "experts", "representative", "representatives", "people", "official", "officials"}
"""An agent phrase that stands for the body it comes from: 'the auditors from UKAS', 'UKAS auditors'."""
PRONOUNS = {"it", "they", "itself", "themselves"}


@dataclass(frozen=True)
class Claim:
    """One relation a sentence states, in the words of the data."""

    predicate: str
    """The predicate id (data/predicates.yaml)."""
    agent: Mention
    start: int
    end: int
    """What the finding underlines: agent and verb, in sentence offsets."""
    holding: Holding
    standard: Mention | None = None
    """The standard the relation is about, where it names one (the object of 'publishes')."""
    subject: Mention | None = None


class Registry:
    """The predicates of the data, indexed by the lemmas that can express them."""

    def __init__(self, predicates: dict[str, Predicate], kinds: dict[str, str] | None = None):
        self.predicates = predicates
        self.kinds = kinds or {}
        """The kind of each organization of the data, by id."""
        self.by_verb: dict[str, list[tuple[Predicate, Frame]]] = {}
        self.by_noun: dict[str, list[tuple[Predicate, Frame]]] = {}
        self.by_action: dict[str, list[tuple[Predicate, Frame]]] = {}
        self._forms: frozenset[str] | None = None
        self._forms_of: dict[str, frozenset[str]] = {}
        self._words: dict[str, frozenset[str]] = {}
        for predicate in predicates.values():
            for frame in predicate.frames:
                for verb in frame.verbs:
                    self.by_verb.setdefault(verb.casefold(), []).append((predicate, frame))
                for noun in frame.nouns:
                    self.by_noun.setdefault(noun.casefold(), []).append((predicate, frame))
                for action in frame.actions:
                    self.by_action.setdefault(action.casefold(), []).append((predicate, frame))

    def nouns(self) -> set[str]:
        """Nouns that name a relation's agent or topic (table headers such as 'Publisher', 'Subject')."""
        return set(self.by_noun)

    def may_state(self, text: str, predicate: str | None = None) -> bool:
        """Could the text hold a word of this relation (of any, without one)? Cheap; the parse decides."""
        words = self._words.get(text)
        if words is None:
            words = self._words[text] = frozenset(WORD.findall(text.casefold()))
        if predicate is not None:
            if predicate not in self._forms_of:
                frames = self.predicates[predicate].frames
                self._forms_of[predicate] = word_forms([w for f in frames for w in [*f.verbs, *f.nouns, *f.actions]])
            return not words.isdisjoint(self._forms_of[predicate])
        if self._forms is None:
            self._forms = word_forms([*self.by_verb, *self.by_noun, *self.by_action])
        return not words.isdisjoint(self._forms)

    def frames(self, token: Token) -> list[tuple[Predicate, Frame]]:
        if token.pos_ == "NOUN" and any(c.dep_ == "aux" for c in token.children):
            return self.by_verb.get(verb_lemma(token), [])  # "it does issue certificates" tagged as a noun
        if token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.dep_ in ("attr", "appos", "nsubj", "nsubjpass"):
            return self.by_noun.get(token.lemma_.casefold(), [])  # "the World Association of ...": a name-like noun
        found = self.by_verb.get(phrase_lemma(token), [])
        if not found:  # a prepositional verb: "looks after the arrangement"
            found = next((self.by_verb[key] for c in token.children if c.dep_ == "prep"
                          and (key := f"{token.lemma_.casefold()} {c.lower_}") in self.by_verb), [])
        if not found and " " not in phrase_lemma(token):
            return []
        return found or self.by_verb.get(token.lemma_.casefold(), [])


def role_claims(reading: Reading, registry: Registry) -> list[Claim]:
    """Every role relation (tests: role) the sentence states with a named agent."""
    claims: list[Claim] = []
    for token in reading.doc:
        if token.pos_ not in ("VERB", "ADJ", "AUX", "NOUN", "PROPN") and not token.tag_.startswith("VB"):
            continue
        if reading.mention(token) is not None:
            continue
        for predicate, frame in registry.frames(token):
            if predicate.tests != "role":
                continue
            for agent, contrast, mention in ((a, c, m) for a, c in _agents(reading, token, frame)
                                             for m in _agent_mentions(reading, a)):
                if mention is None or mention.kind not in AGENTIVE:
                    continue
                if frame.idiom and (contrast != "compound" or _kind(registry, mention) in frame.idiom):
                    continue  # "ISO-certified": certified to an ISO standard, an idiom, not ISO as the certifier
                if not _object_fits(reading, token, frame, registry.kinds):
                    continue
                if token.tag_ in ("VBD", "VBN") and token.lower_.endswith("ed") and not _objects(token) and not _passive(token) \
                        and not frame.compound and frame.agent == "subject" \
                        and not any(c.dep_ in ("aux", "auxpass") for c in token.children):
                    continue  # "(get) ISO certified" with nothing certified: the adjective, not a past action
                holding = reading.held(token, extra_negations=1 if contrast == "denied" else 0,
                               presupposed=contrast == "compound" and token.dep_ not in ("acomp", "oprd", "ROOT"))
                if contrast == "affirmed" and holding.mode == "negated":
                    holding = reading.held(token, extra_negations=1)  # "not by X but by Y": Y is affirmed
                start, end = reading.span(token)
                a_start, a_end = mention.start, mention.end
                if agent.lower_ in PRONOUNS and reading.mention(agent) is None:
                    a_start, a_end = reading.span(agent)
                claims.append(Claim(predicate.id, mention, min(a_start, start), max(a_end, end), holding,
                                    standard=_standard_object(reading, token)))
    return claims + _elliptic_claims(reading, registry) + _action_claims(reading, registry)


DOING = {"do", "carry", "perform", "conduct", "handle", "undertake", "provide", "offer", "run"}
"""Verbs whose 'by' phrase is the agent of an action noun they have as subject ('the vetting ... is done by X')."""


def _action_claims(reading: Reading, registry: Registry) -> list[Claim]:
    """'Certification by ISO takes six months', 'The issuing of certificates by ISO follows the audit', 'The vetting
    of certification bodies is done by ISO': a noun naming the act, with its agent in a 'by' phrase."""
    claims: list[Claim] = []
    for token in reading.doc:
        if token.pos_ not in ("NOUN", "VERB") or token.lemma_.casefold() not in registry.by_action \
                or reading.mention(token) is not None:
            continue
        of = [t for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.children if t.dep_ == "pobj"]
        for predicate, frame in registry.by_action[token.lemma_.casefold()]:
            word = "by" if frame.agent == "subject" else frame.agent  # "certification by ISO", "a certificate from ISO"
            bys = [c for c in token.children if c.dep_ == "prep" and c.lower_ == word]
            if not bys and word == "by" and token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.casefold() in DOING:
                bys = [c for c in token.head.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"]
            if _names_body(reading, of, frame.except_objects, registry.kinds):
                continue
            if frame.objects and not any(_fits(frame, t) or _lemma(t).rstrip("s") in frame.objects
                                         or (m := reading.mention(t)) is not None and m.ref.replace("-", " ") in frame.objects
                                         for t in of):
                continue
            if frame.standard_object and not any((m := _standard_named(reading, t)) is not None and m.kind == "standard"
                                                 for t in of):
                continue
            for by in bys:
                for agent in (t for t in by.children if t.dep_ == "pobj"):
                    for mention in _agent_mentions(reading, agent):
                        if mention is None or mention.kind not in AGENTIVE:
                            continue
                        holding = reading.held(token, extra_negations=(1 if _contrast(by) == "denied" else 0)
                                               + (1 if denied_by_complement(token) else 0))
                        start, end = reading.span(token)
                        claims.append(Claim(predicate.id, mention, min(start, mention.start), max(end, mention.end), holding))
    return claims


def _kind(registry: Registry, mention: Mention) -> str:
    """The kind of organization a mention names ('standards-body', ...; a class names its kind)."""
    if mention.kind == "org":
        return registry.kinds.get(mention.ref, "")
    return mention.ref if mention.kind == "class" else ""


def _elliptic_claims(reading: Reading, registry: Registry) -> list[Claim]:
    """'...; ANAB does.', 'Just as DNV certifies companies, so does ISO.', '..., but ISO does not':
    a bare 'do' stands for the role verb before it in the sentence, with its own subject and negation."""
    claims: list[Claim] = []
    for token in reading.doc:
        if token.lemma_.casefold() != "do" or token.dep_ in ("aux", "auxpass"):
            continue
        emphatic = _emphatic(registry, token)
        if emphatic is not None:
            found: tuple[Predicate, Mention | None] | None = (emphatic, None)
        elif any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") and c.i > token.i and c.lower_ not in PROFORMS
                 for c in token.children):
            continue  # "does that", "does so", "does the same" stand for the verb before
        else:
            found = _antecedent(reading, registry, token)
        if found is None:
            continue
        predicate, standard = found
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            for mention in _agent_mentions(reading, subject):
                if mention is None or mention.kind not in AGENTIVE:
                    continue
                start, end = reading.span(token)
                claims.append(Claim(predicate.id, mention, min(mention.start, start), max(mention.end, end),
                                    reading.held(token), standard=standard))
    return claims


def _emphatic(registry: Registry, do: Token) -> Predicate | None:
    """'ISO does issue certificates' parsed as 'does' + the noun 'issue certificates': the relation named."""
    for obj in (c for c in do.children if c.dep_ == "dobj"):
        for verb in (c for c in obj.children if c.dep_ == "compound"):
            for predicate, frame in registry.by_verb.get(verb.lower_, []):
                if predicate.tests == "role" and _fits(frame, obj):
                    return predicate
    return None


def _antecedent(reading: Reading, registry: Registry, do: Token) -> tuple[Predicate, Mention | None] | None:
    """The role relation stated by the nearest verb before 'do' (a verb the tagger read as a plural
    noun, "the registrar that issues certificates", counts when its object follows it)."""
    subject = {t.i for c in do.children if c.dep_ == "nsubj" for t in c.subtree}
    for token in reversed(reading.doc[:do.i]):
        if token.i in subject:
            continue  # "accredited certification bodies do": the subject's own words are not what they do
        if token.pos_ == "NOUN" and token.lower_.endswith("s") and token.i + 1 < len(token.doc):
            frames = [(p, f) for p, f in registry.by_verb.get(verb_lemma(token), []) if p.tests == "role"]
            nxt = next((t for t in token.doc[token.i + 1:token.i + 4] if t.pos_ in ("NOUN", "PROPN")), token.doc[token.i + 1])
            fits = [p for p, f in frames if _fits(f, nxt)]
            if fits:
                return fits[0], None
            continue
        if token.pos_ not in ("VERB", "AUX") or reading.mention(token) is not None:
            continue
        fits = [p for p, f in registry.frames(token) if p.tests == "role" and _object_fits(reading, token, f, registry.kinds)]
        if fits:
            return fits[0], _standard_object(reading, token)
    return None


def unsure(reading: Reading, registry: Registry, claims: list[Claim]) -> list[tuple[Claim, str]]:
    """Places where a body is named right before a relation's verb that the parse read as a noun
    ("ISO certifies companies" read as a compound noun): the claim it may make, and the verb, for a human."""
    found = []
    claimed = {(c.start, c.end) for c in claims}
    doc = reading.doc
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.i == 0 or not token.lower_.endswith("s"):
            continue
        lemma = verb_lemma(token)
        predicate = next((p for p, _ in registry.by_verb.get(lemma, []) if p.tests == "role"), None)
        if predicate is None:
            continue
        before = reading.mention(doc[token.i - 1])
        if before is None or before.kind not in ("org", "class"):
            continue
        start, end = before.start, reading.span(token)[1]
        if not any(s <= start < e for s, e in claimed):
            found.append((Claim(predicate.id, before, start, end, Holding("asserted")), lemma))
    return found


def _passive(token: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    if token.dep_ == "amod":
        return True  # "an ISO approved manufacturer": a participle before its noun is passive, whatever its tag
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children):
        return False  # "IAF has operated the MLA": a perfect, active
    if token.tag_ in ("VBN", "VBD") and not any(c.dep_ == "dobj" for c in token.children) \
            and any(c.dep_ == "agent" for c in token.children):
        return True  # "..., audited every year by ISO inspectors": a participle with its 'by' phrase, whatever its tag
    return token.tag_ == "VBN" and token.dep_ in ("acl", "relcl", "conj", "advcl", "ROOT", "xcomp", "oprd", "acomp")


def _agents(reading: Reading, verb: Token, frame: Frame) -> list[tuple[Token, str | None]]:
    """(agent token, contrast) pairs for the verb under this frame; contrast is None, 'denied'
    ("ISO, not our registrar, ..."), 'affirmed' ("not by X but by Y") or 'compound' ("ISO-approved")."""
    found: list[tuple[Token, str | None]] = []
    if _nounlike(verb):  # "ANAB is the publisher of ISO 45001", "ANAB, the publisher of ..."
        if verb.dep_ == "attr" and verb.head.lemma_ == "be":
            found += [(t, None) for t in verb.head.children if t.dep_ == "nsubj"]
        elif verb.dep_ == "appos":
            found.append((verb.head, None))
        elif verb.dep_ in ("nsubj", "nsubjpass") and (twin := _twin(verb)) is not None:
            found.append((twin, None))  # "ANAB, the world association of ..., accredits": an apposition read as two subjects
        elif verb.dep_ == "pobj" and verb.head.lower_ == "as" and verb.head.head.pos_ in ("VERB", "AUX"):
            found += [(t, None) for t in _subjects(verb.head.head)]  # "As its publisher, UKAS explains ..."
        elif verb.dep_ in ("nsubj", "nsubjpass") and verb.head.lemma_ == "be":
            # "The task of the IAF is to ...", "Its primary function is ...": the body whose task it is
            found += [(t, None) for t in verb.children if t.dep_ == "poss"]
            found += [(t, None) for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.children
                      if t.dep_ == "pobj"]
    elif frame.agent in PREPOSITIONAL:
        # "holds accreditation from ISO": the preposition may hang on the object
        for child in [*verb.children, *(g for c in verb.children if c.dep_ == "dobj" for g in c.children)]:
            if child.dep_ == "prep" and child.lower_ == frame.agent:
                found += [(t, _contrast(child)) for t in child.children if t.dep_ == "pobj"]
                for conj in child.children:  # "from the certification body, not from ISO"
                    if conj.dep_ in ("conj", "prep") and conj.lower_ == frame.agent:
                        found += [(t, _contrast(conj)) for t in conj.children if t.dep_ == "pobj"]
        if frame.subjects and not any(_lemma(s) in frame.subjects or _stands_for(s, frame.subjects) for s in _subjects(verb)):
            return []
    elif _passive(verb):
        found += _by_agents(verb)
        if not found:  # "written and updated by X": the agent of the last conjunct serves all
            for conj in verb.conjuncts:
                if conj.i > verb.i and _passive(conj):
                    found += _by_agents(conj)
        if frame.compound and not found:
            found += [(t, "compound") for t in _compound_agent(reading, verb)]
    else:
        for subject in _subjects(verb):
            excepted = _excepted(subject)
            found += [(t, "affirmed") for t in excepted] if excepted else [(subject, None)]
    result: list[tuple[Token, str | None]] = []
    for agent, contrast in found:
        before = agent.doc[agent.i - 1] if agent.i > 0 else None
        if contrast is None and before is not None and before.lower_ == "not" \
                and not (before.head.i == agent.i and agent.dep_ in ("nsubj", "nsubjpass") and _twin(agent) is None):
            contrast = "denied"  # "ISO, not our registrar, ..." (a first subject's own 'not' the holding counts already)
        for conj in conjuncts(agent):
            result.append((conj, contrast))
        for child in agent.children:
            if child.dep_ == "appos" and (any(g.dep_ == "neg" for g in child.children)
                                          or any(sets_aside(n) and n.i < child.i for n in agent.children)):
                result.append((child, "denied"))
    return result


def _excepted(subject: Token) -> list[Token]:
    """'Nobody except ISO', 'no body other than UKAS': the one the negative subject leaves out is affirmed."""
    if subject.lower_ not in ("nobody", "none", "noone") and not (
            subject.lower_ in ("one", "body", "organization", "organisation")
            and any(c.lower_ == "no" for c in subject.children)):
        return []
    return [t for prep in subject.children if prep.dep_ == "prep" and prep.lower_ in ("except", "but", "besides", "than")
            for t in prep.children if t.dep_ == "pobj"]


def _twin(token: Token) -> Token | None:
    """The dependent before `token` with its role on the same head: an apposition the parser read as a
    second subject ('UKAS, the body that ..., is appointed': 'UKAS' and 'body' both subjects)."""
    if token.head.i == token.i:
        return None
    return next((c for c in reversed(list(token.head.children)) if c.dep_ == token.dep_ and c.i < token.i), None)


def _fits(frame: Frame, noun: Token) -> bool:
    """Does this noun meet the frame's object constraint (any noun where it has none)?"""
    return not frame.objects or noun.lemma_.casefold() in {o.casefold() for o in frame.objects}


def _nounlike(token: Token) -> bool:
    """A noun, and not a verb the tagger read as one ('it does issue certificates': 'issue' has an auxiliary)."""
    return token.pos_ in ("NOUN", "PROPN") and not any(c.dep_ == "aux" for c in token.children)


def _contrast(prep: Token) -> str | None:
    """'not from ISO': a preposition phrase the sentence denies."""
    if any(c.dep_ == "neg" for c in prep.children) or prep.i > 0 and prep.doc[prep.i - 1].lower_ == "not":
        return "denied"
    if prep.i > 0 and prep.doc[prep.i - 1].lower_ == "but" and but_after_not(prep):
        return "affirmed"  # "did not come from our registrar but from ISO"
    return None


def _by_agents(verb: Token) -> list[tuple[Token, str | None]]:
    """The "by" phrases of a passive verb; one after "but" is affirmed against the verb's negation, as is
    the one left out of "by anyone other than ISO"."""
    found: list[tuple[Token, str | None]] = []
    for child in verb.children:
        if child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "by":
            affirmed = child.i > 0 and child.doc[child.i - 1].lower_ == "but"
            for t in (t for t in child.children if t.dep_ == "pobj"):
                excepted = [x for p in t.subtree if p.lower_ in ("than", "except", "but") and p.i > t.i
                            for x in p.children if x.dep_ == "pobj"] if t.lower_ in ("anyone", "anybody", "nobody") else []
                found += [(x, "affirmed") for x in excepted] or [(t, "affirmed" if affirmed else None)]
            for conj in child.children:
                if conj.dep_ == "conj" and conj.lower_ == "by":
                    found += [(t, "affirmed") for t in conj.children if t.dep_ == "pobj"]
    return found


def _agent_mentions(reading: Reading, agent: Token) -> list[Mention | None]:
    joined = reading.mentions_in(agent)
    return list(joined) if len(joined) > 1 else [_agent_mention(reading, agent)]


def _agent_mention(reading: Reading, agent: Token) -> Mention | None:
    """The named body an agent phrase stands for: its own name, or the owner in "DNV's team"."""
    mention = reading.mention(agent)
    if mention is not None:
        return mention
    if agent.lower_ in PRONOUNS:
        return _named_before(reading, agent, ("org", "class"))
    if agent.lower_ in TEAM_WORDS:  # "the auditors from UKAS", "UKAS auditors", "ISO's experts"
        # "the experts at UKAS", the preposition sometimes hung on the verb right after the agent phrase
        after = [c for c in agent.head.head.children if c.dep_ == "prep" and c.i == agent.right_edge.i + 1] \
            if agent.dep_ == "pobj" else []
        named = [reading.mention(t) for c in [*agent.children, *after] if c.dep_ == "prep" and c.lower_ in ("from", "of", "at")
                 for t in c.children if t.dep_ == "pobj"]
        named += [reading.mention(c) for c in agent.children if c.dep_ in ("compound", "nmod", "poss")]
        found = next((m for m in named if m is not None and m.kind == "org"), None)
        if found is not None:
            return found
    if _lemma(agent) in ("organization", "organisation", "body", "forum", "association", "network"):
        first = next((m for c in agent.children if c.dep_ in ("compound", "nmod")
                      and (m := reading.mention(c)) is not None), None)
        if first is not None and first.kind == "org":
            return first  # "the IAF organization"
    owner = next((c for c in agent.children if c.dep_ == "poss"), None)
    if owner is not None:
        found = reading.mention(owner)
        if found is not None and found.kind == "org":
            return found
    return None


def _subjects(verb: Token) -> list[Token]:
    """The active subject, through relative pronouns, clefts, coordination and control."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None and subject.lower_ in RELATIVE:
        head = verb.head
        if verb.dep_ == "relcl":
            # "... is also the one that writes ISO/IEC 27001": the copula's subject is the one
            if head.lower_ in ("one", "body", "organization", "organisation") and head.dep_ == "attr":
                subject_of = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
                if subject_of is not None:
                    return [subject_of]
            if head.dep_ == "appos":
                return [head.head]  # "UKAS, the body that issues certificates, ...": the body named
            twin = _twin(head)
            if twin is not None and head.lower_ in ("body", "organization", "organisation", "one"):
                return [twin]  # the same apposition parsed as two subjects
            return [head]
        # "It was ISO, not our registrar, that audited us": the cleft's focus is the agent
        if head.lemma_ == "be" and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children):
            return [c for c in head.children if c.dep_ in ("attr", "dobj")]  # "not Y" among them is denied below
        return []
    if subject is not None:
        return [subject]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("mark", "advmod") for c in verb.children):
        return _subjects(verb.head)  # "X published it and, after the audit, certified us": a conjunct read as advcl
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        return _subjects(verb.head if verb.head.pos_ != "ADJ" else verb.head.head)
    if verb.dep_ == "relcl":
        return [verb.head] if verb.head.lower_ not in RELATIVE else []
    return []


def _compound_agent(reading: Reading, verb: Token) -> list[Token]:
    """'ISO-approved', 'a UKAS-accredited body': the name joined to the participle."""
    doc = reading.doc
    for child in verb.children:
        if child.i < verb.i and child.dep_ in ("npadvmod", "compound", "nmod", "nsubj", "amod"):
            mention = reading.mention(child)
            if mention is not None and mention.kind in ("org", "class"):
                return [child]
    if verb.i >= 2 and doc[verb.i - 1].text in ("-", "‑"):
        prev = doc[verb.i - 2]
        if reading.mention(prev) is not None:
            return [prev]
    if verb.i >= 1 and verb.dep_ in ("amod", "compound", "acl"):
        prev = doc[verb.i - 1]  # "an ISO approved manufacturer"
        mention = reading.mention(prev)
        if mention is not None and mention.kind in ("org", "class"):
            return [prev]
    return []


def _objects(verb: Token) -> list[Token]:
    """Every object-like dependent: spaCy sometimes splits 'our ISO 9001 certificate' in two."""
    first = _object(verb)
    if first is None:
        return []
    same = [c for c in verb.children if c.dep_ == first.dep_ and c.i != first.i] if first.head.i == verb.i else []
    return [first, *same]


def _object(verb: Token) -> Token | None:
    """The object of an active verb, the subject of a passive, or the noun a participle modifies."""
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
        if verb.dep_ == "advcl" and verb.tag_ == "VBN":  # "X, published by UKAS, sets out ...": said of the subject
            return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return verb.head if verb.dep_ in ("acl", "amod") else None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "dative")
                and (c.dep_ != "dative" or c.lower_ in RELATIVE)), None)
    if obj is not None and obj.lower_ in RELATIVE and verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "xcomp" and verb.head.dep_ == "relcl" and (
            obj is not None and obj.lower_ in RELATIVE
            or obj is None and any(c.dep_ == "dobj" and c.lower_ in RELATIVE for c in verb.head.children)):
        return verb.head.head  # "the MLA, which IAF continues to manage": the relative pronoun's noun
    if obj is None and verb.dep_ == "relcl":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in RELATIVE:
            return verb.head
    if obj is None and verb.dep_ == "conj":
        return _object(verb.head) if verb.head.pos_ in ("VERB",) else None
    if obj is None:  # "looks after the arrangement", "signs off on every system": the preposition's object
        obj = next((t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("after", "on", "over", "for")
                    for t in c.children if t.dep_ == "pobj"), None)
    return obj


def _object_fits(reading: Reading, verb: Token, frame: Frame, kinds: dict[str, str]) -> bool:
    objects = _objects(verb)
    if frame.standard_object:
        for node in (n for obj in objects for n in conjuncts(obj)):
            mention = _standard_named(reading, node)
            if mention is not None and mention.kind == "standard" or _lemma(node) == "standard" and (
                    node.i == verb.head.i or _documents(reading, node)):  # "a UKAS-published standard"
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
            if words & wanted or (not any(" " in w for w in wanted & {_lemma(each)}) and set(compounds) & wanted):
                return True
    return False


def _names_body(reading: Reading, objects: list[Token], excepted: list[str], kinds: dict[str, str]) -> bool:
    """Is the object a body of one of these kinds ('UKAS audits certification bodies': auditing a body is
    another relation than auditing a company, judged by its own frame)?"""
    for t in objects if excepted else ():
        m = reading.mention(t)
        if m is not None and m.kind in ("org", "class") and (m.ref if m.kind == "class" else kinds.get(m.ref, "")) in excepted:
            return True
    return False


def _stands_for(pronoun: Token, words: list[str]) -> Token | None:
    """The noun earlier in the sentence a pronoun ('it', 'they', 'them') stands for, if it is one of these words
    ('Not one of our certificates came from X; they all came from ISO')."""
    if pronoun.lower_ not in ("them", "it", "they", "some", "ones", "one"):
        return None
    heads = {w.split()[-1].casefold() for w in words}
    return next((t for t in reversed(pronoun.doc[:pronoun.i]) if t.pos_ in ("NOUN", "PROPN") and _lemma(t).rstrip("s") in heads),
                None)


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
    if mention is None and _lemma(node) in EDITION_WORDS:
        return reading.noun_mention(node)
    if mention is not None:
        after = reading.token_at(mention.end)  # "ISO 9001 certificate" parsed as two objects: a modifier
        if after is not None and reading.span(after)[0] >= mention.end and after.pos_ in ("NOUN", "PROPN") \
                and _lemma(after) not in EDITION_WORDS and reading.text[mention.end:reading.span(after)[0]].isspace():
            return None
    return mention


EDITION_WORDS = ("standard", "edition", "version", "revision")


def _standard_object(reading: Reading, verb: Token) -> Mention | None:
    for node in (n for obj in _objects(verb) for n in conjuncts(obj)):
        mention = _standard_named(reading, node)
        if mention is not None and mention.kind == "standard" and not mention.predecessor:
            return mention
    return None


def _lemma(token: Token) -> str:
    return token.lemma_.casefold()


# --- a standard's subject -------------------------------------------------------------------

_SUBJECT_PATH = {"compound", "amod", "nmod", "pobj", "prep", "attr", "dobj", "oprd", "acomp", "npadvmod", "appos"}
_SUBJECT_PREPOSITIONS = {"about", "for", "on", "with", "to", "in", "of", "covering"}


def subject_claims(reading: Reading, registry: Registry) -> list[Claim]:
    """'ISO 14001 is the quality standard', 'ISO 9001 covers quality', 'ISO 14001, the quality standard':
    the standard named as the subject (or in apposition) and a subject named in what is said of it."""
    verbs = {v for p in registry.predicates.values() if p.tests == "subject" for f in p.frames for v in f.verbs}
    claims: list[Claim] = []
    doc = reading.doc
    if RESPECTIVELY.search(reading.text) or _paired(reading):
        return _respective_claims(reading)
    for subject in (m for m in reading.mentions if m.kind == "subject"):
        glossed = _glossed(reading, subject) or _apposed(reading, subject)
        if glossed is not None:  # "ISO 14001 (environment)": the bracket names that standard's subject
            claims.append(Claim("standard-subject", glossed, glossed.start, subject.end, reading.holding_at(glossed.start),
                                standard=glossed, subject=subject))
            continue
        tokens = [t for t in doc if subject.start <= reading.span(t)[0] < subject.end]
        if not tokens:
            continue
        top = next((t for t in tokens if not (subject.start <= reading.span(t.head)[0] < subject.end) or t.head.i == t.i), tokens[-1])
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in top.children):
            continue  # "the quality of the system": the everyday word
        left = top.left_edge  # "..., not product quality": the whole phrase is denied
        denied = left.i > 0 and doc[left.i - 1].lower_ == "not" or any(c.dep_ == "neg" for c in top.children) \
            or _set_aside(top)
        standard, verb = _subject_owner(reading, top, verbs)
        if standard is None:
            continue
        # "not about the environment but about quality": what follows 'but' is affirmed against the verb's 'not'
        holding = reading.held(verb if verb is not None else top,
                               extra_negations=(1 if denied else 0) - (1 if but_after_not(top) else 0))
        # "ISO 9001 and ISO 45001 are quality standards": both; "... cover the environment and safety": read in pairs
        shared: list[Mention] = _coordinated_standards(reading, verb, standard) if not top.conjuncts else []
        for owner in [standard, *shared]:
            start = min(owner.start, subject.start)
            claims.append(Claim("standard-subject", owner, start, max(owner.end, subject.end), holding,
                                standard=owner, subject=subject))
    return claims


RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _paired(reading: Reading) -> bool:
    """'ISO 14001 and ISO 45001 cover the environment and safety' (as many standards, all named first, as
    subjects after them) or 'ISO 9001 covers quality, ISO 14001 the environment, ...' (each standard followed
    by its subject): read in pairs, in order."""
    standards = [m for m in reading.mentions if m.kind == "standard" and not m.predecessor]
    subjects = [m for m in reading.mentions if m.kind == "subject"]
    if len(standards) != len(subjects) or len(standards) < 2:
        return False
    if standards[-1].end <= subjects[0].start:
        return True
    order = [m.kind for m in sorted(standards + subjects, key=lambda m: m.start)]
    return order == ["standard", "subject"] * len(standards)


def _respective_claims(reading: Reading) -> list[Claim]:
    """'ISO 9001, ISO 14001 and ISO 45001 cover quality, the environment and safety respectively':
    the n-th standard with the n-th subject."""
    standards = [m for m in reading.mentions if m.kind == "standard" and not m.predecessor]
    subjects = [m for m in reading.mentions if m.kind == "subject"]
    if len(standards) != len(subjects):
        return []
    claims = []
    for standard, subject in zip(standards, subjects, strict=True):
        holding = reading.holding_at(subject.start)
        claims.append(Claim("standard-subject", standard, min(standard.start, subject.start),
                            max(standard.end, subject.end), holding, standard=standard, subject=subject))
    return claims


_APPOSED = re.compile(r",\s+(?:the|a|an|its)\s+[^,;.()]*")


def _apposed(reading: Reading, subject: Mention) -> Mention | None:
    """'ISO 45001, the environmental management standard, ...', 'ISO/IEC 27001, the standard for safety, ...':
    the standard an apposition that holds this subject is set beside."""
    before = [m for m in reading.mentions if m.kind == "standard" and not m.predecessor and m.end <= subject.start]
    if not before:
        return None
    if not _APPOSED.fullmatch(reading.text, before[-1].end, subject.start):
        return None
    rest = reading.text[subject.end:]
    return before[-1] if re.match(r"[^,;.()]*(?:,|$)", rest) and re.search(r"\bstandard\b", reading.text[before[-1].end:subject.end + 40]) else None


_GLOSS = re.compile(r"\s*[(\[]\s*(?:[\w-]+\s+){0,2}|\s+")


def _glossed(reading: Reading, subject: Mention) -> Mention | None:
    """The standard written right before this subject, or before a bracket that holds it: 'ISO 9001 (quality)',
    'the ISO 14001:2015 environmental management system'."""
    before = [m for m in reading.mentions if m.kind == "standard" and not m.predecessor and m.end <= subject.start]
    if not before or not _GLOSS.fullmatch(reading.text, before[-1].end, subject.start):
        return None
    return before[-1]


def _set_aside(token: Token) -> bool:
    """'instead of the environment', 'rather than quality', 'unlike ...': a subject the sentence sets aside."""
    doc, left = token.doc, token.left_edge.i
    before = " ".join(t.lower_ for t in doc[max(0, left - 3):left])
    if before.endswith(("instead of", "rather than", "as opposed to", "other than")) or before.split()[-1:] == ["unlike"]:
        return True  # "... health and safety instead of the environment" (parsed as coordination)
    node = token
    for _ in range(3):
        if node.lower_ in ("instead", "rather", "unlike", "except", "besides") or \
                node.lower_ == "than" and node.head.lower_ == "rather":
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _coordinated_standards(reading: Reading, verb: Token | None, first: Mention) -> list[Mention]:
    """'Both ISO 9001 and ISO 45001 are ...': every standard coordinated with the verb's subject."""
    if verb is None:
        return []
    found = []
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        for node in conjuncts(subject)[1:]:
            mention = reading.noun_mention(node)
            if mention is not None and mention.kind == "standard" and not mention.predecessor and mention != first:
                found.append(mention)
    return found


def _subject_owner(reading: Reading, top: Token, verbs: set[str]) -> tuple[Mention | None, Token | None]:
    """The standard a subject word is said of, and the verb saying it (None inside a noun phrase)."""
    node = top
    for _ in range(8):
        # inside one noun phrase: "the ISO 14001 quality management system", "ISO 14001, the quality standard"
        for other in [*node.children, node.head] if node.head.i != node.i else list(node.children):
            if other.dep_ in ("compound", "nmod", "appos") or node.dep_ == "appos" and other.i == node.head.i:
                found = reading.noun_mention(other)
                if found is not None and found.kind == "standard" and not found.predecessor:
                    return found, None
        head = node.head
        if head.i == node.i or node.dep_ not in _SUBJECT_PATH and not (node.dep_ == "conj"):
            return None, None
        if node.dep_ == "prep" and node.lower_ not in _SUBJECT_PREPOSITIONS:
            return None, None
        if node.dep_ == "prep":  # "ISO 9001 for quality management" (a list item)
            found = reading.noun_mention(head)
            if found is not None and found.kind == "standard" and not found.predecessor:
                return found, None
        if head.pos_ in ("VERB", "AUX"):
            while head.lemma_.casefold() not in verbs and head.dep_ in ("xcomp", "ccomp") and head.head.pos_ == "VERB":
                head = head.head  # "ISO 14001 helps organizations manage ... risks"
            if head.lemma_.casefold() not in verbs:
                return None, None
            for subject in head.children:
                if subject.dep_ in ("nsubj", "nsubjpass"):
                    target = head.head if subject.lower_ in RELATIVE and head.dep_ == "relcl" else subject
                    found = reading.noun_mention(target)
                    if found is None and subject.lower_ in ("it", "which"):
                        found = _named_before(reading, subject, ("standard",))
                    if found is None and target.i != subject.i:
                        found = _equated(reading, target)  # "the standard that governs X is ISO 14001"
                    if found is not None and found.kind == "standard" and not found.predecessor:
                        return found, head
            return None, None
        node = head
    return None, None


def _equated(reading: Reading, noun: Token) -> Mention | None:
    """What a copula equates a noun with: 'ISO 14001' for 'the standard' in 'ISO 14001 is the standard ...'
    and in 'the standard ... is ISO 14001'."""
    if noun.dep_ not in ("nsubj", "attr") or noun.head.lemma_ != "be":
        return None
    other = next((c for c in noun.head.children if c.dep_ in ("nsubj", "attr") and c.i != noun.i), None)
    return reading.noun_mention(other) if other is not None else None


def _relative_head(reading: Reading, pronoun: Token) -> tuple[int, int]:
    """The written span of the noun phrase a pronoun's relative clause modifies ('the bodies they have
    accredited'): what the clause says is of that phrase, so the pronoun cannot stand for it."""
    verb = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "relcl":
        return (0, 0)
    tokens = [t for t in verb.head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
    return (reading.span(tokens[0])[0], reading.span(tokens[-1])[1]) if tokens else (0, 0)


def _compared(reading: Reading, mention: Mention) -> bool:
    """Named only for comparison ('like ISO 14001', 'unlike ISO'): not what a later 'it' means."""
    token = reading.token_at(mention.start)
    for _ in range(3):
        if token is None or token.head.i == token.i:
            return False
        token = token.head
        if token.dep_ == "prep" and token.lower_ in ("like", "unlike", "than"):
            return True
    return False


def _in_other_relative(reading: Reading, mention: Mention, pronoun: Token) -> bool:
    """Is the mention inside a relative clause the pronoun is not in ('a registrar that UKAS accredits, and it
    issued ...': 'it' is the registrar, not UKAS)?"""
    token = reading.token_at(mention.start)
    node = token
    while node is not None and node.head.i != node.i:
        if node.dep_ == "relcl":
            return not (node.left_edge.i <= pronoun.i <= node.right_edge.i)
        node = node.head
    return False


def _named_before(reading: Reading, pronoun: Token, kinds: tuple[str, ...]) -> Mention | None:
    """What 'it' or 'they' refers to: the nearest mention of these kinds before it in the sentence,
    else the first in the sentence before (a body) or the last (a standard)."""
    start = reading.span(pronoun)[0]
    own = _relative_head(reading, pronoun)
    here = [m for m in reading.mentions if m.kind in kinds and m.end <= start and not _compared(reading, m)
            and not (own[0] <= m.start < own[1])]
    outside = [m for m in here if not _in_other_relative(reading, m, pronoun)]
    if outside or here:
        return (outside or here)[-1]
    earlier = [m for m in reading.previous if m.kind in kinds]
    if not earlier:
        return None
    return earlier[-1] if kinds == ("standard",) else earlier[0]
