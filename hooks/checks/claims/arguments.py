"""A verb's arguments in the dependency parse, shared by the role and subject readings: its active
subject (through relative pronouns, clefts, coordination and control), whether it is passive, and
what a pronoun ('it', 'they', 'them') stands for, in the sentence or the one before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .gazetteer import Mention
from .holding_words import NEGATIVE_WORDS, going_on
from .reading import Reading
from .syntax import verb_as_noun, verbless

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


RELATIVE = {"that", "which", "who", "whom", "whose"}


def _lemma(token: Token) -> str:
    return token.lemma_.casefold()


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


def _twin(token: Token) -> Token | None:
    """The dependent before `token` with its role on the same head: an apposition the parser read as a
    second subject ('UKAS, the body that ..., is appointed': 'UKAS' and 'body' both subjects)."""
    if token.head.i == token.i:
        return None
    return next((c for c in reversed(list(token.head.children)) if c.dep_ == token.dep_ and c.i < token.i), None)


def _nounlike(token: Token) -> bool:
    """A noun, and not a verb the tagger read as one ('it does issue certificates': 'issue' has an auxiliary)."""
    return token.pos_ in ("NOUN", "PROPN") and not verb_as_noun(token)


def _subjects(verb: Token) -> list[Token]:
    """The active subject, through relative pronouns, clefts, coordination and control."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    # "the bodies that it evaluates" parsed with two subjects: the relative pronoun is the object
    subject = next((c for c in subjects if c.lower_ not in RELATIVE), None) if len(subjects) > 1 else \
        next(iter(subjects), None)
    if subject is not None and subject.lower_ in RELATIVE:
        head = verb.head
        if verb.dep_ == "relcl" and (cleft := _cleft(head)) is not None:
            return _focus(cleft)  # "It was ISO rather than our registrar that audited us"
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
            if head.lower_ in ("one", "body", "organization", "organisation") and head.dep_ == "nsubj" \
                    and head.head.lemma_ == "be":
                named = [c for c in head.head.children if c.dep_ == "attr"
                         and not any(g.dep_ in ("acl", "relcl", "nummod") for g in c.children)]
                if named:
                    return named  # "The body that accredited our registrar is DNV": the copula names it
            return [head]
        # "It was ISO, not our registrar, that audited us": the cleft's focus is the agent
        return _focus(head) if _cleft_copula(head) else []
    if subject is not None:
        return [subject]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("mark", "advmod") for c in verb.children):
        return _subjects(verb.head)  # "X published it and, after the audit, certified us": a conjunct read as advcl
    if (going := going_on(verb)) is not None:  # "IAF has carried on running the MLA", "has gone on running"
        return _subjects(going)
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        return _subjects(verb.head if verb.head.pos_ != "ADJ" else verb.head.head)
    if verb.dep_ == "relcl":
        return [verb.head] if verb.head.lower_ not in RELATIVE else []
    if verbless(verb):
        return _verbless_subject(verb)
    return []


def _cleft_copula(verb: Token) -> bool:
    """Is this the copula of a cleft ('It was ISO that ...')?"""
    return verb.lemma_ == "be" and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children)


def _focus(copula: Token) -> list[Token]:
    """The focus of a cleft: 'not Y' among them is denied by the caller; "not Y but Z": Z is coordinated with Y
    (or hangs on the copula)."""
    return [c for c in copula.children if c.dep_ in ("attr", "dobj")
            or (c.dep_ == "conj" and c.pos_ in ("PRON", "PROPN", "NOUN"))]


def _cleft(noun: Token) -> Token | None:
    """The cleft copula a relative clause's noun is the contrasted half of, the clause read as hanging on it rather
    than on the focus: 'It was ISO rather than our registrar that ...' ('registrar' after 'rather than'), 'It was
    ISO, not our registrar, that ...' (a second focus after 'not')."""
    head = noun.head
    if noun.dep_ == "pobj" and head.i > 0 \
            and (head.lower_, head.doc[head.i - 1].lower_) in (("than", "rather"), ("of", "instead")):
        head = head.head
    elif noun.dep_ != "attr" or not any(c.dep_ == "neg" for c in noun.children):
        return None
    return head if _cleft_copula(head) else None


def _verbless_subject(verb: Token) -> list[Token]:
    """The subject of a verb read as a compound in a sentence with no verb: the word the object hangs on as an
    apposition ('They all issue certificates': 'certificates' an apposition of 'They'), else the object's last
    modifier before the verb ('The ISO staff issue certificates'), where it agrees with the verb's form. None in a
    sentence with a negation: with no verb to hang on, the parse does not say what it denies ('It neither certifies
    organizations nor ...')."""
    if any(t.lower_ in NEGATIVE_WORDS for t in verb.sent):
        return []
    obj = verb.head
    found: Token | None = None
    if obj.dep_ == "appos" and obj.head.i < verb.i:
        found = obj.head
    else:
        found = next((c for c in reversed(list(obj.children)) if c.i < verb.i
                      and c.dep_ in ("compound", "nmod", "nsubj", "dep", "npadvmod")
                      and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if found is None:
        return []
    singular = verb.lower_.endswith("s") and not verb.lower_.endswith("ss")
    if (singular and found.lower_ == "they") or (not singular and found.lower_ == "it"):
        return []  # 'it issue', 'they issues': not a subject and its verb
    return [found]


def _stands_for(pronoun: Token, words: list[str]) -> Token | None:
    """The noun earlier in the sentence a pronoun ('it', 'they', 'them') stands for, if it is one of these words
    ('Not one of our certificates came from X; they all came from ISO')."""
    if pronoun.lower_ not in ("them", "it", "they", "some", "ones", "one"):
        return None
    above = {t.i for t in pronoun.ancestors}  # "the accreditation body that oversees it": not the body itself
    for t in reversed(pronoun.doc[:pronoun.i]):
        if t.i in above or t.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = _lemma(t).rstrip("s")
        modifiers = {_lemma(c) for c in t.children if c.dep_ in ("compound", "amod")}
        # a word of several ('accreditation body') needs its first words too
        if any(w.split()[-1].casefold() == lemma and all(x.casefold() in modifiers for x in w.split()[:-1]) for w in words):
            return t
    return None


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


def _plural(reading: Reading, mention: Mention) -> bool:
    """A class of bodies named in the plural ('accreditation bodies'): not what 'it' stands for."""
    return mention.kind == "class" and reading.text[mention.start:mention.end].casefold().endswith("s")


def _named_before(reading: Reading, pronoun: Token, kinds: tuple[str, ...]) -> Mention | None:
    """What 'it' or 'they' refers to: the nearest mention of these kinds before it in the sentence,
    else the first in the sentence before (a body) or the last (a standard)."""
    start = reading.span(pronoun)[0]
    own = _relative_head(reading, pronoun)
    here = [m for m in reading.mentions if m.kind in kinds and m.end <= start and not _compared(reading, m)
            and not (own[0] <= m.start < own[1]) and not (pronoun.lower_ in ("it", "itself") and _plural(reading, m))]
    outside = [m for m in here if not _in_other_relative(reading, m, pronoun)]
    if outside or here:
        return _passive_subject(reading, (outside or here)[-1], outside or here)
    earlier = [m for m in reading.previous if m.kind in kinds]
    if not earlier:
        return None
    return earlier[-1] if kinds == ("standard",) else earlier[0]


def _passive_subject(reading: Reading, mention: Mention, candidates: list[Mention]) -> Mention:
    """The subject of a passive for a pronoun after it, not the body in its 'by' phrase: in "Our certification body
    is accredited by UKAS, so the certificates it issues ...", 'it' is the certification body."""
    token = reading.token_at(mention.start)
    if token is None or token.dep_ != "pobj" or token.head.dep_ != "agent":
        return mention
    subject = next((c for c in token.head.head.children if c.dep_ == "nsubjpass"), None)
    found = reading.mention(subject) if subject is not None else None
    return found if found is not None and found in candidates else mention
