"""Subject claims from a parsed sentence: the subject a standard is said to be about ("ISO 9001 covers
quality", "ISO 14001 is the quality standard", "ISO 14001, the quality standard", "ISO 14001
(environment)"), found through the parse from the subject word to the standard it is said of; lists
read in pairs or 'respectively'; a subject set aside ("instead of quality") denied. How the sentence
holds each claim is asked of holding.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .arguments import RELATIVE, _named_before
from .gazetteer import Mention
from .holding import but_after_not
from .reading import Reading
from .registry import Claim, Registry
from .syntax import conjuncts

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


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
        top = next((t for t in tokens if not (subject.start <= reading.span(t.head)[0] < subject.end) or t.head.i == t.i),
                   tokens[-1])
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in top.children):
            continue  # "the quality of the system": the everyday word
        left = top.left_edge  # "..., not product quality": the whole phrase is denied (not the verb: holding counts that)
        denied = (left.i > 0 and doc[left.i - 1].lower_ == "not" and doc[left.i - 1].head.pos_ not in ("VERB", "AUX")) \
            or any(c.dep_ == "neg" for c in top.children) \
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
    subjects = [m for m in reading.mentions if m.kind == "subject"]
    standards = _pairable(reading, subjects)
    if len(standards) != len(subjects) or len(standards) < 2:
        return False
    if standards[-1].end <= subjects[0].start:
        return True
    order = [m.kind for m in sorted(standards + subjects, key=lambda m: m.start)]
    return order == ["standard", "subject"] * len(standards)


def _respective_claims(reading: Reading) -> list[Claim]:
    """'ISO 9001, ISO 14001 and ISO 45001 cover quality, the environment and safety respectively':
    the n-th standard with the n-th subject."""
    subjects = [m for m in reading.mentions if m.kind == "subject"]
    standards = _pairable(reading, subjects)
    if len(standards) != len(subjects):
        return []
    claims = []
    for standard, subject in zip(standards, subjects, strict=True):
        holding = reading.holding_at(subject.start)
        claims.append(Claim("standard-subject", standard, min(standard.start, subject.start),
                            max(standard.end, subject.end), holding, standard=standard, subject=subject))
    return claims


def _pairable(reading: Reading, subjects: list[Mention]) -> list[Mention]:
    """The standards to pair with the subjects: all, or only those named before the subjects where as many
    are and the rest come after them ('ISO 14001 and ISO 45001, the environmental and safety standards,
    share ... with ISO 9001')."""
    standards = [m for m in reading.mentions if m.kind == "standard" and not m.predecessor]
    if not subjects:
        return standards
    first = [m for m in standards if m.end <= subjects[0].start]
    if len(first) == len(subjects) and all(m.start >= subjects[-1].end for m in standards[len(first):]):
        return first
    return standards


_APPOSED = re.compile(r",\s+(?:the|a|an|its|both)\s+[^,;.()]*")


def _apposed(reading: Reading, subject: Mention) -> Mention | None:
    """'ISO 45001, the environmental management standard, ...', 'ISO/IEC 27001, the standard for safety, ...':
    the standard an apposition that holds this subject is set beside ('X and Y, both ... standards': the last)."""
    before = [m for m in reading.mentions if m.kind == "standard" and not m.predecessor and m.end <= subject.start]
    if not before:
        return None
    if not _APPOSED.fullmatch(reading.text, before[-1].end, subject.start):
        return None
    rest = reading.text[subject.end:]
    if re.match(r"[^,;.()]*(?:,|$)", rest) and re.search(r"\bstandards?\b", reading.text[before[-1].end:subject.end + 40]):
        return before[-1]
    return None


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
                (node.lower_ == "than" and node.head.lower_ == "rather"):
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
            if other.dep_ in ("compound", "nmod", "appos") or (node.dep_ == "appos" and other.i == node.head.i):
                found = reading.noun_mention(other)
                if found is not None and found.kind == "standard" and not found.predecessor:
                    return found, None
        head = node.head
        if head.i == node.i or (node.dep_ not in _SUBJECT_PATH and node.dep_ not in ("conj", "pcomp")):
            return None, None
        if head.pos_ == "VERB" and head.dep_ == "pcomp" and head.head.lower_ in _SUBJECT_PREPOSITIONS and node.dep_ == "dobj":
            node = head  # "is all about cutting emissions": what the gerund acts on is what the standard is about
            continue
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
