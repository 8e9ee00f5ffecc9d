"""The English words by which holding.py decides how a sentence holds a claim: negations, verbs of
saying and believing, nouns of belief and of denial, words of truth and of condition, and the patterns
of questions and labels. They are English, not facts about certification, and live only here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token

NEGATIVE_WORDS = {"not", "never", "n't", "no", "neither", "nor", "nobody", "none", "nothing", "nowhere"}
NEGATIVE_PRONOUNS = {"nobody", "none", "nothing", "no one", "neither"}
SAYING = {"hint", "insinuate", "pretend", "boast", "whisper", "say", "tell", "claim", "state", "insist", "argue", "suggest",
          "report", "write", "announce", "advertise", "promise", "allege", "maintain", "explain", "confirm", "note", "stress",
          "point", "hear", "mention", "imply", "read", "call", "describe", "present", "market", "sell", "repeat", "spread",
          "teach", "joke", "quip", "jest"}
BELIEVING = {"convince", "persuade", "think", "believe", "assume", "suppose", "imagine", "expect", "feel", "guess", "fear",
             "hope", "presume", "mean", "take", "understand", "see", "interpret", "mistake", "confuse", "wonder", "ask", "doubt"}
BELIEF_NOUNS = {"legend", "word", "sign", "belief", "impression", "idea", "assumption", "notion", "claim", "rumour", "rumor",
                "perception", "proof", "evidence", "story", "suggestion", "promise", "view", "thinking", "question"}
DENIAL_WORDS = {"myth", "misconception", "misbelief", "misunderstanding", "mistake", "error", "fallacy", "falsehood",
                "false", "untrue", "wrong", "incorrect", "nonsense", "fiction", "fable", "lie", "inaccurate", "misleading"}
REFUSING = {"leave", "delegate", "outsource", "avoid", "stop", "refuse", "decline", "cease", "quit"}
"""Verbs whose complement the subject does not do: 'ISO leaves auditing to certification bodies'."""
DECIDING = {"decide", "announce", "agree", "rule", "resolve", "declare", "determine"}
DENYING_VERBS = {"deny", "refute", "dispute", "disprove", "debunk", "reject", "dismiss"}
DENYING_ADVERBS = {"wrongly", "mistakenly", "falsely", "incorrectly", "erroneously", "wrong"}
VOUCHING_ADVERBS = {"rightly", "correctly", "accurately", "truly", "officially", "proudly"}
TRUTH_WORDS = {"true", "fact", "correct", "accurate", "right", "case", "certain", "clear"}
CONDITIONS = {"if", "unless", "whether", "provided", "suppose", "assuming"}
FACTIVE = {"announce", "explain", "confirm", "clarify", "remind", "point", "note", "stress", "show", "demonstrate", "acknowledge"}
"""Saying verbs that take what they report as true: the writer follows the speaker."""
SOURCE_NOUNS = {"standard", "clause", "annex"}
"""A speaker that is the text of a standard ('as the standard itself says'): relied on."""
WH = re.compile(r"^\W*(?:what|how|why|when|which|where|who|whose)\b", re.I)
RHETORICAL = re.compile(r"^\W*(?:did|do)\s+you\s+know\b", re.I)
TERM_WORDS = {"term", "label", "phrase", "expression", "word", "words", "so-called", "buzzword", "wording"}
MYTH_LABEL = re.compile(r"^\W*(?:myth|misconception|fiction|false|wrong|fallacy)\b[^:.?!]{0,12}:", re.I)
IMPOSSIBLE = {"impossible", "nonexistent", "non-existent", "fictional", "imaginary", "unavailable"}
PRESUPPOSING = re.compile(r"^\W*(?:why|how|when|where|since\s+when|what\s+makes|what\s+made)\b"
                          r"(?!\s+(?:would|should|on\s+earth))", re.I)


CONTINUING = {"carry", "go", "keep"}
"""Verbs that with 'on' and a gerund go on doing it ("has carried on running the MLA")."""


def going_on(verb: Token) -> Token | None:
    """The verb of going on that a gerund hangs on ('carried on running', 'gone on running'), whose subject and
    time are the gerund's; None where there is none."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("pcomp", "advcl"):
        return None
    head = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "on" else verb.head
    if head.lemma_.casefold() in CONTINUING and (verb.dep_ == "pcomp" or any(
            c.dep_ == "prt" and c.lower_ == "on" for c in head.children)):
        return head
    return None
