"""Role claims from a parsed sentence (predicates with tests: role in data/predicates.yaml): a frame's
verb by lemma with its agent (agents.py) and an object that fits (objects.py); an action noun with its
'by' phrase ("certification by ISO"); a bare 'do' standing for the role verb before it ("..., and so
does ISO"). How the sentence holds each claim is asked of holding.py. `unsure` finds the places where
a body is named before a relation's verb the parse read as a noun, for a person to look at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hooks.data.schema import Predicate

from .agents import PRONOUNS, RESTING, TASKS, _agent_mentions, _agents, _contrast
from .arguments import RELATIVE, _lemma, _passive, _subjects
from .gazetteer import Mention
from .holding import denied_by_complement
from .holding_value import Holding
from .objects import STANDARDS, _fits, _names_body, _object_fits, _objects, _remnant, _standard_named, _standard_object
from .reading import AGENTIVE, Reading
from .registry import Claim, Registry
from .syntax import verb_lemma

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


PROFORMS = {"that", "this", "so", "it", "same"}


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
                remnant = _remnant(reading, token, agent)  # "..., and ISO 14001 by UKAS": UKAS did it to ISO 14001
                objects = [remnant] if remnant is not None else None
                if not _object_fits(reading, token, frame, registry.kinds, objects):
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
                                    standard=_standard_object(reading, token, frame, objects)))
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
                bys = [c for c in token.head.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")]
            if _names_body(reading, of, frame.except_objects, registry.kinds):
                continue
            if frame.objects and not any(_fits(frame, t) or _lemma(t).rstrip("s") in frame.objects
                                         or ((m := reading.mention(t)) is not None and m.ref.replace("-", " ") in frame.objects)
                                         for t in of):
                continue
            if frame.standard_object and not any((m := _standard_named(reading, t)) is not None and m.kind in STANDARDS
                                                 for t in of):
                continue
            found = [(t, _contrast(by)) for by in bys for t in by.children if t.dep_ == "pobj"]
            if frame.agent == "subject":
                found += [(t, None) for t in _owners(token)]
            for agent, contrast in found:
                for mention in _agent_mentions(reading, agent):
                    if mention is None or mention.kind not in AGENTIVE:
                        continue
                    holding = reading.held(token, extra_negations=(1 if contrast == "denied" else 0)
                                           + (1 if denied_by_complement(token) else 0))
                    start, end = reading.span(token)
                    claims.append(Claim(predicate.id, mention, min(start, mention.start), max(end, mention.end), holding))
    return claims


SEALS = {"stamp", "seal", "mark", "badge"}
"""Nouns whose 'of' phrase names an act done by their owner: "ISO's stamp of approval" is ISO's approval."""


def _owners(action: Token) -> list[Token]:
    """Who an action noun is done by, where no 'by' phrase says so: the owner of its seal ("ISO's stamp of
    approval"), the owner of the task it is ("... is the IAF's job"), or the body the task rests with
    ("... rests with the IAF"). Not the act's own owner: "our registrar's accreditation" is done to it."""
    found = [c for c in action.head.head.children if c.dep_ == "poss"] \
        if action.dep_ == "pobj" and action.head.lower_ == "of" and action.head.head.lemma_.casefold() in SEALS else []
    verb = action.head
    if action.dep_ == "nsubj" and verb.lemma_.casefold() == "be":
        found += [p for c in verb.children if c.dep_ == "attr" and c.lemma_.casefold() in TASKS
                  for p in c.children if p.dep_ == "poss"]
    elif action.dep_ == "nsubj" and verb.lemma_.casefold() in RESTING:
        found += [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for t in c.children if t.dep_ == "pobj"]
    return found


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
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if any(c.lower_ in RELATIVE for c in subjects):
            subjects = _subjects(token)  # "..., and it remains the body that does so": the one the clause is of
        for subject in subjects:
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
    above = {next((t.i for t in do.head.ancestors if t.pos_ in ("VERB", "AUX")), -1)} if do.dep_ == "relcl" else set()
    for token in reversed(reading.doc[:do.i]):
        if token.i in subject or token.i in above:
            continue  # "accredited certification bodies do": the subject's own words are not what they do; nor is
            # the verb whose object the relative clause describes ("it accredits the bodies that do")
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
