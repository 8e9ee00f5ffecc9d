"""The reading of a sentence (reading.py) asked at offsets in one of its clauses, for the fact checks
that find their words with patterns: how the sentence holds what the clause says there (asserted,
denied; holding.py decides), the parsed token and the verb heading it, and whether what is said there
is said of given words ("required" said of certification, not of an internal audit).
"""

from __future__ import annotations

import re

from .holding_value import Holding
from .sentences import Clause
from .syntax import clause_of


def holding(clause: Clause, start: int, skip: tuple[int, int] | None = None) -> Holding:
    """How the sentence holds what the clause says at `start` (an offset in the clause); negations in the clause's
    span `skip` are part of what is said."""
    base = clause.in_sentence
    return clause.reading.holding_at(base + start, skip=None if skip is None else (base + skip[0], base + skip[1]))  # type: ignore[attr-defined]


def asserted(clause: Clause, start: int, end: int | None = None) -> bool:
    """Does the sentence assert what the clause says at start?"""
    return holding(clause, start).positive


def asserted_as_written(clause: Clause, start: int, end: int) -> bool:
    """Does the sentence assert what the clause says in [start, end), where negations inside the
    span are the claim's own words ("not allowed to use ... unless certified")?"""
    return holding(clause, start, skip=(start, end)).positive


def denied(clause: Clause, start: int) -> bool:
    return holding(clause, start).mode == "negated"


def _token_at(clause: Clause, at: int):
    """The parsed token at an offset in the clause (the reading works in sentence offsets)."""
    return clause.reading.token_at(clause.in_sentence + at)  # type: ignore[attr-defined]


def _verb_at(clause: Clause, start: int):
    """The verb heading the clause at `start` (an auxiliary's verb for "must", "is")."""
    token = _token_at(clause, start)
    if token is None:
        return None
    return clause_of(token.head if token.dep_ in ("aux", "auxpass") else token)


def _said_of(clause: Clause, start: int, words: re.Pattern[str], subject_only: bool = False,
             nested: bool = False, modifiers: bool = False) -> bool:
    """Is what the clause says at `start` said of one of these words, through the parse: a word in
    the same clause (its verb's subtree; with `nested`, its complement clauses too), or its subject?"""
    head = _verb_at(clause, start)
    if head is None:
        return False
    if nested and head.dep_ == "advcl" and any(c.lower_ == "as" for c in head.children):
        head = head.head  # "get certified, as ISO requires"
    while head.dep_ == "xcomp" and head.head.i != head.i and not any(c.dep_.startswith("nsubj") for c in head.children):
        head = head.head  # "the certificate has to be refreshed ...": the subject of the verb in control
    if subject_only:
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if head.dep_ == "relcl" and any(c.lower_ in ("which", "that", "who") for c in subjects):
            # "surveillance audits, which take place every two years": the noun the clause is of, without the clause
            subjects = [head.head]
            scope = [t for t in head.head.subtree if not (head.left_edge.i <= t.i <= head.right_edge.i)]
        else:
            scope = [t for c in subjects for t in c.subtree]
    elif nested:  # complement clauses count, adverbial ones ("before it awards the certification") do not
        scope = [t for t in head.subtree if not any(a.dep_ == "advcl" and _marked(a) for a in _path(t, head))]
    else:
        scope = [t for t in head.subtree if clause_of(t).i == head.i or t.i == head.i]
    if head.dep_ in ("acl", "relcl"):
        scope.append(head.head)  # "is certification required by ISO?", "a certificate that stays valid": said of the noun
    return any((words.search(t.lemma_) or words.search(t.lower_)) and (modifiers or not _modifier(t, words)) for t in scope)


def _path(token, top):
    """The token and its heads up to (not including) `top`."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        yield node
        node = node.head


def _marked(clause) -> bool:
    return any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ in ("before", "after", "when", "once"))
               for c in clause.children)


def _modifier(token, words: re.Pattern[str]) -> bool:
    """'certification' in 'certification bodies': a word naming something else, not the topic."""
    head = token.head
    return token.dep_ in ("compound", "amod", "nmod") and head.i != token.i and head.pos_ in ("NOUN", "PROPN") \
        and not (words.search(head.lemma_) or words.search(head.lower_))
