"""How a sentence holds a claim, decided here and nowhere else.

A claim is asserted, negated (the text denies it: "does not", "never", "no body", "it is a myth
that"), asked (a question), reported or believed (others say or think it: "many buyers assume"),
or conditional ("if ..."). A claim the text attributes to an authority it relies on ("UKAS states
that ...", "according to ISO, ...") counts as asserted; what others believe does not. The holding
also carries the time the claim speaks of: the present, or the past with a year where one is named
("until 2026", "in 2015"; read in holding_time.py).

All of it is read from the dependency parse of the sentence (see syntax.py). The word lists it reads
by are English, not facts about certification, and live only in holding_words.py.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from .holding_time import _time
from .holding_value import Authority, Holding, Mode
from .holding_words import (
    BELIEF_NOUNS,
    BELIEVING,
    CONDITIONS,
    DECIDING,
    DENIAL_WORDS,
    DENYING_ADVERBS,
    DENYING_VERBS,
    FACTIVE,
    IMPOSSIBLE,
    MYTH_LABEL,
    NEGATIVE_PRONOUNS,
    PRESUPPOSING,
    REFUSING,
    RHETORICAL,
    SAYING,
    SOURCE_NOUNS,
    TERM_WORDS,
    TRUTH_WORDS,
    VOUCHING_ADVERBS,
    WH,
    going_on,
)

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


def held(token: Token, authority: Authority, extra_negations: int = 0, presupposed: bool = False,
         skip: tuple[int, int] | None = None, answer: str | None = None) -> Holding:
    """How the sentence holds the claim whose predicate is `token`.

    `extra_negations` counts negations extraction already found on an argument ("not our registrar");
    a `presupposed` claim ("an ISO-approved partner?") is not what a question asks; negations inside
    the token range `skip` belong to the claim itself ("not allowed to use ... unless certified");
    a yes/no question the next sentence `answer`s ("Is X so? Yes, ...") asserts or denies what it asks.
    """
    clause = _clause_head(token)
    clause = going_on(clause) or clause  # "has (not) carried on running ...": held as the verb of going on is
    negations = extra_negations + _negations(token, clause, skip)
    past, year, relation = _time(clause)
    if year is None and clause.dep_ == "xcomp" and clause.head.i != clause.i:
        past, year, relation = _time(clause.head)  # "Since 2026 the IAF has carried on running ..."
    mode: Mode = "asserted"
    cue = ""
    node = clause
    while node.head.i != node.i:
        head, dep = node.head, node.dep_
        lemma = head.lemma_.casefold()
        if dep == "conj":  # coordinated clauses share their embedding, not their negation
            node = head
            continue
        if dep == "advcl" and not (lemma in SAYING | BELIEVING and _as_complement(node, head)):
            if _marker(node) in CONDITIONS:
                mode, cue = "conditional", _marker(node)
            break  # otherwise ("..., while X is Y") an adverbial clause asserts on its own
        if dep == "relcl" and lemma not in BELIEF_NOUNS | DENIAL_WORDS:
            break  # a relative clause asserts what it says of its noun
        if lemma == "be" and dep == "ccomp" and (judged := _copula_judgement(head)) is not None:
            word, more = judged  # "It is not true that ...", "It is a myth that ..." with the clause on the copula
            negations += more
            cue = word if word in DENIAL_WORDS else cue
        elif lemma in DENIAL_WORDS and head.pos_ in ("NOUN", "ADJ"):
            negations += 1 + _negations(head, _clause_head(head))  # "it is (not) a myth that ..."
            cue = lemma
        elif lemma in TRUTH_WORDS and head.pos_ in ("ADJ", "NOUN"):
            negations += _negations(head, _clause_head(head))  # "it is not true that ..."
        elif lemma in BELIEF_NOUNS and head.pos_ == "NOUN" and dep in ("acl", "ccomp", "relcl", "prep", "pcomp"):
            mode, cue = "reported", lemma
            break
        elif head.pos_ == "VERB" and lemma in REFUSING and dep in ("xcomp", "dobj", "ccomp", "pcomp"):
            negations += 1 + _negations(head, head)  # "ISO leaves auditing to certification bodies"; "has not stopped running"
            cue = lemma
        elif head.pos_ == "VERB" and lemma in DENYING_VERBS and dep == "ccomp":
            negations += 1 + _negations(head, head)  # "ISO has repeatedly denied that it certifies companies"
            cue = lemma
        elif lemma == "doubt" and dep == "ccomp" and _negations(head, head) % 2:
            pass  # "Nobody doubts that ...": the writer vouches for it
        elif head.pos_ in ("VERB", "AUX") and lemma in SAYING and dep == "ccomp" and _judged_saying(head) is not None:
            word, more = _judged_saying(head)  # type: ignore[misc]
            negations += more  # "It's not untrue to say that ...", "It is fair to say that ..."
        elif (lemma == "be" or head.pos_ == "VERB") and dep in ("ccomp", "attr", "acomp") \
                and (topic := _subject(head)) is not None and topic.lemma_.casefold() in BELIEF_NOUNS | DENIAL_WORDS:
            # "One common misconception is that ...", "The idea is that ...", "Rumour has it that ...": not the writer's
            if topic.lemma_.casefold() in DENIAL_WORDS:
                negations += 1 + _negations(head, head)
                cue = topic.lemma_.casefold()
            else:
                mode, cue = "reported", topic.lemma_.casefold()
                break
        elif head.pos_ in ("VERB", "AUX") and lemma in SAYING | BELIEVING and (
                dep in ("ccomp", "xcomp", "oprd", "parataxis") or _as_complement(node, head)):
            adverbs = {c.lower_ for c in head.children if c.dep_ == "advmod"}
            if lemma == "know" or adverbs & VOUCHING_ADVERBS:
                pass
            elif adverbs & DENYING_ADVERBS:
                negations += 1  # "buyers wrongly assume that ..."
                cue = sorted(adverbs & DENYING_ADVERBS)[0]
            else:
                if not _relied(head, authority):
                    mode, cue = "reported", lemma
                    break
            if dep in ("ccomp", "xcomp") and _time(head)[0] and year is None:
                past, year, relation = True, *_time(head)[1:]  # "IAF decided in 2020 that ...": then, not now
        elif head.pos_ == "VERB" and lemma in DECIDING and dep == "ccomp":
            past = True  # "IAF has decided that certificates can be extended": a decision of its day, not a claim now
            if year is None:
                year, relation = _time(head)[1:]
        node = head
    if mode == "asserted" and (source := _aside_source(clause)) is not None and not _relied(source, authority):
        mode, cue = "reported", source.lemma_.casefold()  # "As many buyers assume, ISO ...", "ISO, some say, ..."
    if mode == "asserted" and _hearsay(clause, authority):
        mode, cue = "reported", "according"  # "According to some websites, ISO issues certificates."
    if mode == "asserted" and _named_as_term(token):
        mode, cue = "reported", "term"  # "What is ISO approved?", "the label 'ISO-approved'": the words are named, not used
    if mode == "asserted" and _labelled_myth(token):
        negations += 1
        cue = "myth"
    if mode == "asserted" and _asked(token) and not (presupposed and not _existential(token)):
        if _presupposes(token):
            cue = "presupposed"  # "Why does ISO issue certificates?" takes for granted that it does
        elif answer is None or WH.match(token.doc.text):
            mode, cue = "asked", "?"
        else:
            negations += answer == "no"
            cue = answer
    if mode == "reported" and _vouched(token):
        mode = "asserted"  # "our website says we are 'certified by ISO', and that is accurate"
    if negations % 2 and _allowance(clause):
        negations -= 1  # "need not happen more than once every two years": every two years is allowed, so claimed
    if negations and but_after_not(token):
        negations -= 1  # "not certified to ISO 9001:2015 but to ISO 9001:2008": what follows 'but' is affirmed
    if mode == "asserted" and negations % 2:
        mode = "negated"
    return Holding(mode, past, year, relation, cue, wh=mode == "asked" and bool(WH.match(token.doc.text)))


def _named_as_term(token: Token) -> bool:
    """Are the claim's words named as a term ('what is ISO approved', 'the term ISO-approved')?"""
    window = [t.lower_ for t in token.doc[max(0, token.i - 5):token.i]]
    if any(a == "what" and b in ("is", "'s") for a, b in itertools.pairwise(window)):
        return True
    left = min((t.i for t in token.subtree if t.i <= token.i and not t.is_punct), default=token.i)
    return bool(TERM_WORDS & {t.lower_ for t in token.doc[max(0, left - 3):left]})


def _labelled_myth(token: Token) -> bool:
    """'Myth 4: certification is permanent': a claim under a label that calls it false."""
    return bool(MYTH_LABEL.match(token.doc.text)) and token.idx > MYTH_LABEL.match(token.doc.text).end() - 1  # type: ignore[union-attr]


def _clause_head(token: Token) -> Token:
    """The verb heading the token's clause (a copula for 'X is the Y standard')."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i and node.dep_ not in ("relcl", "acl", "advcl", "ccomp") \
            and not any(c.dep_ == "aux" for c in node.children):  # "it does issue ...": a verb read as a noun
        node = node.head
    return node


def _negations(token: Token, clause: Token, skip: tuple[int, int] | None = None) -> int:
    """Negations in the claim's own clause: on its verb, its auxiliaries, its subject or object; a verb
    coordinated by 'or'/'nor' under the first verb's auxiliary shares its negation ("does not approve or
    certify")."""
    first = _shared_first(clause)
    if first is not None:
        return _negations(first, first, skip)
    count = 0
    seen: set[int] = set()
    for node in (token, clause) if token.i != clause.i else (token,):
        for child in node.children:
            if child.i in seen or (skip is not None and skip[0] <= child.i < skip[1]):
                continue
            seen.add(child.i)
            low = child.lower_
            if child.dep_ == "neg" and (_not_only(child) or sets_aside(child)):
                continue  # "not only X but also Y" affirms both; "the certifier, not the body" denies the body only
            if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
                count += 1  # "cannot be either accredited or certified": the negation hangs on an auxiliary
                continue
            if child.dep_ == "neg" or (child.dep_ == "advmod" and low in ("never", "no")) \
                    or (child.dep_ in ("advmod", "preconj", "cc") and low in ("neither", "nor") and child.i < node.i):
                count += 1  # "..., and neither does IEC"
            elif child.dep_ == "advmod" and low == "longer" and any(g.lower_ == "no" for g in child.children):
                count += 1
            elif child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "agent", "expl") and _negative_phrase(child) \
                    and not (child.dep_ == "nsubj" and any(c.dep_ == "nsubj" and c.i < child.i for c in node.children)):
                count += 1  # not "ISO, not our registrar, issued ...": an apposition read as a second subject
    return count


def _judged_saying(verb: Token) -> tuple[str, int] | None:
    """'(not un)true / fair / wrong to say that ...': the adjective the saying hangs on judges the clause."""
    if verb.dep_ != "xcomp":
        return None
    adjective = verb.head if verb.head.pos_ == "ADJ" else \
        next((c for c in verb.head.children if c.dep_ in ("acomp", "attr") and c.pos_ == "ADJ"), None)
    if adjective is None:
        return None
    word = adjective.lemma_.casefold()
    if word in DENIAL_WORDS:
        return word, 1 + _negations(adjective, _clause_head(adjective))
    if word in TRUTH_WORDS | {"fair", "safe", "reasonable"}:
        return word, _negations(adjective, _clause_head(adjective))
    return None


def _copula_judgement(copula: Token) -> tuple[str, int] | None:
    """'is (not) true', 'is (not) a myth': the word judging the clause and the negations it adds."""
    for child in copula.children:
        word = child.lemma_.casefold()
        if child.dep_ in ("acomp", "attr") and word in DENIAL_WORDS:
            return word, 1 + _negations(copula, copula)
        if child.dep_ in ("acomp", "attr") and word in TRUTH_WORDS:
            return word, _negations(copula, copula)
    return None


def _shared_first(verb: Token) -> Token | None:
    """The first of verbs coordinated by 'or'/'nor' that share one subject and auxiliary, for a later one."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "neg") for c in verb.children):
        return None
    node = verb
    while node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"):
        node = node.head
    if node.i == verb.i:
        return None
    joins = {c.lower_ for t in (node, *node.conjuncts) for c in t.children if c.dep_ == "cc"}
    return node if joins and joins <= {"or", "nor", ","} else None


_BUT_END = re.compile(r"\bbut\s+(?:(?:to|by|for|about|on|from|with|the|a|an|its|their|our)\s+){0,2}$", re.I)
_NOT = re.compile(r"\b(?:not|n't|never|nothing|anything)\b(?!\s+only\b)", re.I)


def but_after_not(token: Token) -> bool:
    """Is the token the 'Y' of 'not X but Y' within its sentence? (Two searches, each linear.)"""
    doc = token.doc
    left = min(token.left_edge.i, token.i)
    before = doc.text[token.sent.start_char:doc[left].idx]
    but = _BUT_END.search(before)
    if but is None:
        return False
    # the nearest 'not' before 'but'; a break after it would separate any earlier one too
    last = max((m.end() for m in _NOT.finditer(before, 0, but.start())), default=None)
    return last is not None and not re.search(r"[.;!?]", before[last:but.start()])


def _allowance(clause: Token) -> bool:
    """'need not ... more (often) than X': the negated need sets X as what is allowed."""
    if not any(c.dep_ == "aux" and c.lemma_.casefold() == "need" for c in clause.children):
        return False
    return any(t.lower_ == "more" and any(c.lower_ == "than" for c in (*t.children, *t.head.children))
               for t in clause.subtree)


def denied_by_complement(noun: Token) -> bool:
    """'Certification by ISO is a myth / impossible': the copula's complement denies the act the subject names."""
    verb = noun.head
    return noun.dep_ == "nsubj" and verb.lemma_ == "be" and any(
        c.dep_ in ("attr", "acomp") and c.lemma_.casefold() in DENIAL_WORDS | IMPOSSIBLE for c in verb.children)


def sets_aside(neg: Token) -> bool:
    """A 'not' after its head and before an apposition of it: 'X, not Y' denies Y, not X."""
    head = neg.head
    return neg.dep_ == "neg" and neg.i > head.i and any(c.dep_ == "appos" and c.i > neg.i for c in head.children)


def _not_only(neg: Token) -> bool:
    doc = neg.doc
    return neg.i + 1 < len(doc) and doc[neg.i + 1].lower_ in ("only", "just", "merely")


def _negative_phrase(token: Token) -> bool:
    """'no certification body', 'nobody', 'not a single certificate', 'neither ISO nor ...'."""
    target = token.children if token.dep_ != "agent" else (c for t in token.children for c in [t, *t.children])
    if token.lower_ in NEGATIVE_PRONOUNS or token.lemma_.casefold() in NEGATIVE_PRONOUNS:
        return True
    for child in target:
        if sets_aside(child):
            continue  # "a third-party audit, not a second-party one": the 'not' sets the alternative aside
        if child.dep_ in ("det", "neg", "preconj", "advmod") and child.lower_ in ("no", "not", "neither", "never") \
                and not _not_only(child):
            return True
        if child.lower_ in NEGATIVE_PRONOUNS and child.dep_ == "pobj":
            return True
    return False


def _relied(verb: Token, authority: Authority) -> bool:
    """Is the speaker of this saying or believing verb one the text relies on (a body of the data, the
    writer's own side, a body's publication, 'according to' such a body, a press release's 'proud to')?"""
    speaker = _subject(verb)
    if speaker is not None and speaker.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
        speaker = verb.head  # "our certification body, which confirmed that ..."
    elif speaker is not None and speaker.lower_ in ("which", "who") and speaker.i > 0:
        # the same, parsed as an adverbial clause: the noun just before the comma
        speaker = next((t for t in reversed(speaker.doc[:speaker.i]) if not t.is_punct), speaker)
    if verb.lemma_.casefold() in FACTIVE and speaker is not None and speaker.pos_ == "PROPN" and not _negations(verb, verb):
        return True  # "The CQI explains that ...": a named institution explaining is a source the text follows
    # the writer's side relied on for what it says, not for what one of it believes ("our manager was convinced that")
    own = speaker is not None and _own(speaker) and (verb.lemma_.casefold() not in BELIEVING or speaker.lower_ in ("we", "i"))
    return (speaker is not None and (authority(speaker) or own or _owned_by(speaker, authority)
                                     or speaker.lemma_.casefold() in SOURCE_NOUNS)) \
        or _according(verb, authority) or _proud(verb)


def _aside_source(clause: Token) -> Token | None:
    """The saying or believing verb of an aside that attributes the clause: 'As buyers assume, ...',
    '..., as ANAB explains', 'ISO, some say, ...'."""
    node = clause
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    for child in node.children:
        lemma = child.lemma_.casefold()
        if lemma not in SAYING | BELIEVING or lemma in ("know", "see", "take", "mean"):
            continue
        if (child.dep_ == "advcl" and _marker(child) == "as") or (child.dep_ == "parataxis" and _subject(child) is not None \
                and not any(c.dep_ in ("ccomp", "dobj") for c in child.children)):
            return child
    return None


def _own(speaker: Token) -> bool:
    """'our registrar', 'my auditor', 'we': the writer's own side, whose word the text relies on."""
    if speaker.lower_ in ("we", "i"):
        return True
    return any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in speaker.children)


def _owned_by(speaker: Token, authority: Authority) -> bool:
    """'The IAF website states ...', 'UKAS's guidance says ...': a body's own publication speaks for it."""
    return any(c.dep_ in ("compound", "poss", "nmod") and authority(c) for c in speaker.children)


def _proud(verb: Token) -> bool:
    """'X is proud to announce that ...': a press release states its news."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.casefold() in ("proud", "pleased", "delighted", "happy", "excited", "glad")


def _as_complement(node: Token, verb: Token) -> bool:
    """'describe themselves as ISO-approved', 'see the logo as proof': what 'as' names is the report."""
    return (node.dep_ == "prep" and node.lower_ == "as") or (node.dep_ == "advcl" and _marker(node) == "as" \
        and any(c.dep_ == "dobj" for c in verb.children))


def _marker(clause: Token) -> str:
    return next((c.lower_ for c in clause.children if c.dep_ == "mark"), "")


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _hearsay(clause: Token, authority: Authority) -> bool:
    """'according to some websites, ...': a source the text does not rely on (a definite one, 'the FAQ', it does)."""
    for child in clause.children:
        if child.lower_ == "according":
            named = [t for t in child.subtree if t.i != child.i and t.pos_ in ("NOUN", "PROPN", "PRON", "DET")]
            return bool(named) and not any(authority(t) or t.lower_ in ("we", "us", "our", "the") for t in named)
    return False


def _according(verb: Token, authority: Authority) -> bool:
    for child in verb.children:
        if child.lower_ == "according":
            return any(authority(t) for t in child.subtree)
    return False


def _asked(token: Token) -> bool:
    text = token.doc.text.rstrip().rstrip("*_\"”'")
    return text.endswith("?") and not RHETORICAL.match(token.doc.text)


def _presupposes(token: Token) -> bool:
    """A why/how/when question about a claim whose subject is named takes the claim for granted."""
    if not PRESUPPOSING.match(token.sent.text):
        return False
    clause = _clause_head(token)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and not WH.match(subject.text)


def _existential(token: Token) -> bool:
    """'Is there such a thing as an ISO-approved company?' asks whether it exists."""
    root = token.sent.root
    return any(c.dep_ == "expl" and c.lower_ == "there" for c in root.children)


def _vouched(token: Token) -> bool:
    """A report the sentence confirms: "..., and that is accurate"."""
    for t in token.doc:
        if t.lemma_.casefold() in TRUTH_WORDS and t.dep_ in ("acomp", "attr") and not _negations(t.head, t.head) and \
                any(c.dep_ == "nsubj" and c.lower_ in ("that", "this", "which") for c in t.head.children):
            return True
    return False
