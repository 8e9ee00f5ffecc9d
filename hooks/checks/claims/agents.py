"""Who a role verb names as its agent, found through the dependency parse, never by distance: the
subject of an active verb (see arguments.py), the "by" phrase of a passive, the name in a compound
("UKAS-accredited"), or the preposition a frame names ("a certificate comes from X"). "X, not Y" gives
Y as a denied agent, "not by X but by Y" Y as affirmed; an agent phrase is taken to the named body it
stands for ("DNV's team", "the auditors from UKAS", "it").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hooks.data.schema import Frame

from .arguments import _lemma, _named_before, _nounlike, _passive, _stands_for, _subjects, _twin
from .gazetteer import Mention
from .holding import but_after_not, sets_aside
from .reading import Reading
from .syntax import conjuncts

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


PREPOSITIONAL = ("from", "to", "with", "through")
"""Frame agents named by a preposition: 'a certificate comes from X', 'certified with X'."""
TEAM_WORDS = {"auditor", "auditors", "assessor", "assessors", "inspector", "inspectors", "team", "staff", "expert",
              "experts", "representative", "representatives", "people", "official", "officials", "secretariat",
              "headquarters", "office", "offices"}
"""An agent phrase that stands for the body it comes from: 'the auditors from UKAS', 'UKAS auditors'."""
PRONOUNS = {"it", "they", "itself", "themselves"}
COPULAS = {"be", "remain", "stay", "become"}
"""Verbs by which a noun names what the subject is ('IAF remains the world association of ...')."""


def _agents(reading: Reading, verb: Token, frame: Frame) -> list[tuple[Token, str | None]]:
    """(agent token, contrast) pairs for the verb under this frame; contrast is None, 'denied'
    ("ISO, not our registrar, ..."), 'affirmed' ("not by X but by Y") or 'compound' ("ISO-approved")."""
    found: list[tuple[Token, str | None]] = []
    if _nounlike(verb):  # "ANAB is the publisher of ISO 45001", "ANAB, the publisher of ..."
        if verb.dep_ == "attr" and verb.head.lemma_ in COPULAS:  # "IAF remains the world association of ..."
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
        assigned = _assigned(verb)  # "it falls to ISO to vet ...": 'it' is no agent
        # "it is not up to ISO to ...", "... is not the IAF's job": the act is denied of the body
        found += [(t, "denied" if any(c.dep_ == "neg" for c in verb.head.children) else None) for t in assigned]
        for subject in _subjects(verb) if not assigned else []:
            excepted = _excepted(subject)
            # "It is not X but Y that runs the MLA": Y is affirmed against the negation
            found += [(t, "affirmed") for t in excepted] if excepted else \
                [(subject, "affirmed" if subject.i > 0 and subject.doc[subject.i - 1].lower_ == "but"
                  and but_after_not(subject) else None)]
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


TASKS = {"job", "task", "call", "responsibility", "role", "business", "duty", "remit", "domain", "work", "preserve",
         "province", "bread", "mission", "function", "prerogative", "decision"}
"""Nouns that make an act their owner's: "Peer evaluation of accreditation bodies is the IAF's job"."""
RESTING = {"rest", "lie", "sit"}
"""Verbs by which an act belongs to the body named with 'with': "Stewardship of the MLA rests with the IAF"."""
FALLING = {"fall"}
"""Verbs by which an act is given to the body named with 'to': "It falls to ISO to vet the certification bodies"."""


def _assigned(verb: Token) -> list[Token]:
    """The body an act with no subject of its own is given to: an infinitive after "it falls to X" or "it is up to
    X" ("It falls to ISO to vet the certification bodies"); a gerund that is X's job, or rests or falls with X
    ("Keeping tabs on accreditation bodies is the IAF's job")."""
    head = verb.head
    if verb.dep_ in ("advcl", "xcomp") and verb.i > head.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        preps = [c for c in head.children if c.dep_ == "prep" and c.i < verb.i]
        if head.lemma_.casefold() == "be":  # "it is up to X": 'to' hangs on 'up'
            preps = [t for c in preps if c.lower_ == "up" for t in c.children if t.dep_ == "prep"]
        elif head.lemma_.casefold() not in FALLING:
            return []
        return [t for c in preps if c.lower_ == "to" for t in c.children if t.dep_ == "pobj"]
    if verb.dep_ != "csubj" or verb.tag_ != "VBG":
        return []
    if head.lemma_.casefold() == "be":
        return [p for c in head.children if c.dep_ == "attr" and c.lemma_.casefold() in TASKS
                for p in c.children if p.dep_ == "poss"]
    word = "with" if head.lemma_.casefold() in RESTING else "to" if head.lemma_.casefold() in FALLING else None
    return [t for c in head.children if c.dep_ == "prep" and c.lower_ == word for t in c.children if t.dep_ == "pobj"]


def _excepted(subject: Token) -> list[Token]:
    """'Nobody except ISO', 'no body other than UKAS': the one the negative subject leaves out is affirmed."""
    if subject.lower_ not in ("nobody", "none", "noone") and not (
            subject.lower_ in ("one", "body", "organization", "organisation")
            and any(c.lower_ == "no" for c in subject.children)):
        return []
    return [t for prep in subject.children if prep.dep_ == "prep" and prep.lower_ in ("except", "but", "besides", "than")
            for t in prep.children if t.dep_ == "pobj"]


def _contrast(prep: Token) -> str | None:
    """'not from ISO': a preposition phrase the sentence denies."""
    if any(c.dep_ == "neg" for c in prep.children) or (prep.i > 0 and prep.doc[prep.i - 1].lower_ == "not") \
            or _set_against(prep):
        return "denied"
    if prep.i > 0 and prep.doc[prep.i - 1].lower_ == "but" and but_after_not(prep):
        return "affirmed"  # "did not come from our registrar but from ISO"
    return None


def _set_against(prep: Token) -> bool:
    """'rather than by ISO', 'instead of from ISO': the phrase names the alternative the sentence rejects."""
    before = [t.lower_ for t in prep.doc[max(0, prep.i - 2):prep.i]]
    return before in (["rather", "than"], ["instead", "of"])


def _by_agents(verb: Token) -> list[tuple[Token, str | None]]:
    """The "by" phrases of a passive verb; one after "but" is affirmed against the verb's negation, as is
    the one left out of "by anyone other than ISO"."""
    found: list[tuple[Token, str | None]] = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            affirmed = child.i > 0 and child.doc[child.i - 1].lower_ == "but"
            contrast = "affirmed" if affirmed else "denied" if _set_against(child) else None
            for t in (t for t in child.children if t.dep_ == "pobj"):
                excepted = [x for p in t.subtree if p.lower_ in ("than", "except", "but") and p.i > t.i
                            for x in p.children if x.dep_ == "pobj"] if t.lower_ in ("anyone", "anybody", "nobody") else []
                found += [(x, "affirmed") for x in excepted] or [(t, contrast)]
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
    # "ISO's team", "ISO's secretary-general" (the owner on the first word of a hyphenated compound)
    owner = next((c for c in [*agent.children, *(g for c in agent.children if c.dep_ == "compound" for g in c.children)]
                  if c.dep_ == "poss"), None)
    if owner is not None:
        found = reading.mention(owner)
        if found is not None and found.kind == "org":
            return found
    return None


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
