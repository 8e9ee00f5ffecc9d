"""The relations of the data, ready for reading: a Claim is one relation a sentence states, in the
words of the data; the Registry holds the predicates of data/predicates.yaml indexed by the lemmas
that can express them (a frame's verbs, nouns and action nouns), and says cheaply whether a text
could hold any of them before anything is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hooks.data.schema import Frame, Predicate

from . import idioms
from .gazetteer import Mention
from .holding_value import Holding
from .syntax import WORD, phrase_lemma, verb_as_noun, verb_lemma, word_forms

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


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
        """The frames the token may express: by its lemma, an idiom's only where its fixed pieces stand."""
        return [(p, f) for p, f in self._frames(token) if not idioms.is_idiom(f) or idioms.fits(token, f)]

    def _frames(self, token: Token) -> list[tuple[Predicate, Frame]]:
        if verb_as_noun(token):
            return self.by_verb.get(verb_lemma(token), [])  # "it does issue certificates" tagged as a noun
        if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.dep_ in ("attr", "appos", "nsubj", "nsubjpass")):
            return self.by_noun.get(token.lemma_.casefold(), [])  # "the World Association of ...": a name-like noun
        found = self.by_verb.get(phrase_lemma(token), [])
        if not found:  # a prepositional verb: "looks after the arrangement"
            found = next((self.by_verb[key] for c in token.children if c.dep_ == "prep"
                          and (key := f"{token.lemma_.casefold()} {c.lower_}") in self.by_verb), [])
        if not found and " " not in phrase_lemma(token):
            return []
        return found or self.by_verb.get(token.lemma_.casefold(), [])
