"""The time a claim speaks of, read from the dependency parse of its clause for holding.py: the past
or the present, and the year named with its preposition ("until 2026", "in 2015", "back in 2016").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


PAST_ADVERBS = {"formerly", "previously", "once", "originally", "earlier", "then", "historically"}
TIME_PREPOSITIONS = {"in", "until", "till", "before", "since", "from", "by", "after", "between", "through", "during", "as"}
YEAR = re.compile(r"^(?:19|20)\d\d$")


def _time(clause: Token) -> tuple[bool, int | None, str | None]:
    """Past or present, and the year named in the claim's clause with its preposition."""
    past = (clause.tag_ == "VBD" and clause.dep_ != "amod") \
        or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in clause.children) \
        or any(c.lemma_ == "use" and c.dep_ == "aux" for c in clause.children) \
        or (clause.dep_ == "xcomp" and clause.head.lower_ == "used")  # "IAF used to evaluate ..."
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in clause.children)
    if perfect:
        past = False
    year: int | None = None
    relation: str | None = None
    for child in clause.children:
        low = child.lower_
        if child.dep_ == "advmod" and low in PAST_ADVERBS:
            past = True
        if child.dep_ == "advmod" and low == "back":  # "back in 2016"
            found = next((_year_in(c) for c in child.children if c.dep_ == "prep"), None)
            if found is not None:
                year, relation, past = found, "in", True
        if child.dep_ == "prep" and low in TIME_PREPOSITIONS:
            found = _year_in(child)
            if found is not None:
                year, relation = found, low
        elif child.dep_ in ("npadvmod", "nummod") and YEAR.match(child.text):
            year, relation = int(child.text), "in"
    if relation in ("until", "till", "before") and not past:
        past = True
    return past, year, relation


def _year_in(prep: Token) -> int | None:
    for token in prep.subtree:
        if YEAR.match(token.text):
            return int(token.text)
    return None
