"""Idioms as data: a frame of data/predicates.yaml whose words are a verb with fixed pieces ("keep tabs on",
"give the green light to", "keep ... in line", "be in charge of", "be behind"). The fixed pieces must all
stand in the parse where the entry says, and the relation's object is read where the entry says (the object
of its preposition, else the verb's own object); nothing else is read, so "issues certificates on behalf of
X" names no one through "of".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hooks.data.schema import Frame

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


PREPOSITIONS = ("prep", "dative", "agent")
"""How a preposition hangs on its head ('gives the green light to X' parses 'to' as a dative)."""


def is_idiom(frame: Frame) -> bool:
    return frame.fixed_object is not None or frame.fixed_phrase is not None or frame.prep is not None


def _noun(token: Token, words: str) -> bool:
    """Is the token this noun with these modifiers ('green light': 'light' with 'green' on it)?"""
    *modifiers, head = words.casefold().split()
    return token.lemma_.casefold() == head and all(
        any(c.dep_ in ("amod", "compound") and c.lemma_.casefold() == m for c in token.children) for m in modifiers)


def _fixed_object(verb: Token, frame: Frame) -> Token | None:
    wanted = frame.fixed_object
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and wanted and _noun(c, wanted)), None)


def _fixed_phrase(verb: Token, frame: Frame) -> Token | None:
    """The noun of the fixed phrase ('line' in 'in line'), hung on the verb."""
    if frame.fixed_phrase is None:
        return None
    prep, _, noun = frame.fixed_phrase.casefold().partition(" ")
    # on the verb, or on its object ("keeps registrars in line" is sometimes parsed so)
    heads = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "xcomp") and c.pos_ in ("NOUN", "PROPN", "PRON"))]
    return next((t for h in heads for c in h.children if c.dep_ in PREPOSITIONS and c.lower_ == prep
                 for t in c.children if t.dep_ == "pobj" and _noun(t, noun)), None)


def _pieces(verb: Token, frame: Frame) -> list[Token] | None:
    """The verb and the fixed pieces found on it, or None when one the entry names is missing."""
    pieces = [verb]
    for wanted, found in ((frame.fixed_object, _fixed_object(verb, frame)), (frame.fixed_phrase, _fixed_phrase(verb, frame))):
        if wanted is not None:
            if found is None:
                return None
            pieces.append(found)
    return pieces


def fits(verb: Token, frame: Frame) -> bool:
    """Does the verb carry every fixed piece the frame names (and its preposition, if it names one)?"""
    pieces = _pieces(verb, frame)
    return pieces is not None and (frame.prep is None or bool(_prep_objects(pieces, frame.prep)))


def _prep_objects(pieces: list[Token], prep: str) -> list[Token]:
    """The preposition's object, or its gerund ('had a hand in writing ISO 45001': what the gerund names is read
    by the frame's own constraint)."""
    return [t for piece in pieces for c in piece.children if c.dep_ in PREPOSITIONS and c.lower_ == prep.casefold()
            for t in c.children if t.dep_ == "pobj" or (t.dep_ == "pcomp" and t.tag_ == "VBG")]


def objects(verb: Token, frame: Frame) -> list[Token] | None:
    """The relation's object under an idiom frame (None: read it as for any verb, the fixed pieces left out)."""
    pieces = _pieces(verb, frame) or [verb]
    if frame.prep is not None:
        return _prep_objects(pieces, frame.prep)
    fixed = {p.i for p in pieces}
    return [c for c in verb.children if c.dep_ in ("dobj", "xcomp") and c.i not in fixed
            and c.pos_ in ("NOUN", "PROPN", "PRON")] or None
