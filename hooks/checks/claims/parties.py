"""Audit parties read from one clause: only a third-party audit by a certification body leads to
certification, and an audit described as one party's (a customer's, the organization's own staff) is
not called another's. Who each party is and whether it can certify come from the data.
"""

from __future__ import annotations

import re

from hooks.data.schema import AuditParty

from .clause_reading import _path, _token_at, _verb_at, asserted, holding
from .evaluate import Context, Hit
from .gazetteer import Mention
from .holding_words import BELIEVING, SAYING
from .sentences import Clause
from .syntax import clause_of

PARTY_LABEL = re.compile(r"\b(first|second|third)[\s-]+part(?:y|ies)\b", re.I)
PARTY_DESC = [
    ("first", re.compile(r"\binternal\s+audits?\b|\borgani[sz]ation(?:['’]s)?\s+(?:own\s+staff|itself)|\bself[\s-]assessment|"
                         r"\b(?:its|our|their|your)\s+own\s+(?:staff|employees|people|departments?|processes|sites?)\b|"
                         r"\bin[\s-]house\s+(?:audit(?:s|ors?)?|audit\s+team|team|staff|quality\s+team)\b", re.I)),
    ("second", re.compile(r"\bcustomer(?:s|['’]s)?\s+(?:audit(?:s|ing)?|of)\b|"
                          r"\bcustomers?\s+audit(?:s|ing)?\s+(?:its|their)\s+suppliers?|\bsupplier\s+audits?\b|\ba customer\b|"
                          r"\baudits?\s+(?:carried\s+out\s+|performed\s+|done\s+)?by\s+(?:(?:a|an|the|our|their|its|your)\s+)?(?:\w+\s+){0,2}?customers?\b|"
                          r"\bcustomers?\s+(?:carr(?:y|ies|ied)\s+out|perform(?:s|ed)?|conduct(?:s|ed)?)\b", re.I)),
    ("third", re.compile(r"\bindependent\s+certification\s+bod(?:y|ies)|\bcertification\s+bod(?:y|ies)\b|"
                         r"\bcertification\s+audits?\b", re.I)),
]
PRONOUNS = {"they", "it", "these", "this"}
# Words that tie a description to a party label: "is", "counts as", "carried out by", "performs", "doubles as".
LINK = re.compile(r"\b(?:is|are|means|:)\s|:|\bthat is\b|\b(?:audits?|one|ones)\s+(?:\w+\s+)?by\b|"
                  r"\b(?:perform(?:s|ed|ing)?|conduct(?:s|ed|ing)?|carr(?:y|ies|ied|ying)\s+out|undertak(?:e|es|en|ing))\b|"
                  r"\b(?:counts?|qualif\w+|classed|classified|considered|doubles?|serves?|acts?|passes|stands?\s+in)"
                  r"\s+as\b", re.I)
# "our own internal audit, a recognised third-party audit route": a label in apposition to the description before it
APPOSED = re.compile(r",\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:first|second|third)[\s-]+part(?:y|ies)"
                     r"(?:\s+(?:audit|audits|route|one|process|path|option|assessment|exercise|review))*\s*(?:[,;.)]|$)", re.I)
COPULA = re.compile(r"\b(?:is|are|was|were)\s+(?:not|never|no\s+longer)\b|\b(?:isn['’]t|aren['’]t)\b", re.I)
LEADS = re.compile(r"\b(?:leads?|led|result(?:s|ed)?|earn(?:s|ed)?|gets?|got|can\s+(?:lead|result)|replace)\b[^.;]{0,40}\bcertif"
                   r"|\b(?:allows?|lets?|enables?|entitles?)\s+(?:\w+\s+){0,2}to\s+(?:certify|be\s+certified|get\s+certified)"
                   r"|\b(?:need|enough)\s+to\s+(?:become|get|be)\s+certified", re.I)

# "Our certification rested on a second-party audit": the certification said to stand on the audit named after it
RESTS = re.compile(r"\bcertif\w*\b[^.;]{0,40}?\b(?P<verb>(?:rest(?:s|ed|ing)?|reli(?:es|ed)|rely(?:ing)?)\s+(?:on|upon)|"
                   r"(?:is|was|were|are)\s+(?:based\s+on|(?:awarded|granted|issued)\s+on\s+the\s+(?:strength|basis)\s+of))"
                   r"\s+(?:\w+\s+){0,3}?$", re.I)


def _lead_subjects(clause: Clause, at: int, candidates: list[tuple[str, re.Match[str]]]) -> list[tuple[str, re.Match[str]]]:
    """Of the audits named before 'lead(s) to certification', those the parse makes its subject: not one
    set aside ('not first- or second-party ones'), compared ('unlike ...') or in a relative clause;
    where the parse finds no subject, all of them."""
    kept = [(p, m) for p, m in candidates
            if not re.search(r"\bnot\s+(?!only\b|just\b|merely\b)(?:[\w-]+\s+){0,3}$", clause.text[:m.start()], re.I)]
    verb = _verb_at(clause, at)
    while verb is not None and verb.dep_ in ("relcl", "xcomp", "ccomp", "acl") and verb.head.i != verb.i \
            and not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("you", "we", "they") for c in verb.children):
        verb = clause_of(verb.head)  # "... is all you need to become certified": the audit is what is said
    while verb is not None and verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        verb = verb.head  # "..., which serves the customer and does not result in certification"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
    subjects = [verb.head if s.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" else s for s in subjects]
    if verb is not None and verb.dep_ == "conj" and subjects and all(s.lower_ in PRONOUNS for s in subjects):
        # "First-party audits are the ones we do, and they can lead to certification": the first conjunct's subject
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")] or subjects
    if not subjects:
        return kept
    reading, base = clause.reading, clause.in_sentence  # type: ignore[attr-defined]
    spans = [reading.span(t) for subject in subjects for t in subject.subtree if not _aside(t, subject)]
    return [(p, m) for p, m in kept if any(s <= base + m.start() < e for s, e in spans)]


def _aside(token, top) -> bool:
    """Is the token, below `top`, in a relative clause, an apposition or a comparison ('unlike ...')?"""
    return any(node.dep_ in ("relcl", "acl", "appos") or (node.dep_ == "prep" and node.lower_ in ("like", "unlike"))
               for node in _path(token, top))


def check_parties(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    text = clause.text
    if not PARTY_LABEL.search(text) and not LEADS.search(text) and not re.search(r"\b(?:rest|reli|rely|based|strength|basis)",
                                                                                 text, re.I):
        return []  # the judgments below need a party named, a 'leads to certification' or a 'certification rests on'
    cert = ctx.gaz.site.certification
    parties: dict[str, AuditParty] = {p.party: p for p in cert.audit_parties}
    src = ctx.gaz.site.source_url(cert.audit_parties[0].source)
    labels = [(m.group(1).casefold(), m) for m in PARTY_LABEL.finditer(text) if not _set_aside(text, m)]
    descs = [(party, m) for party, rx in PARTY_DESC for m in rx.finditer(text)
             if not any(lm.start() <= m.start() < lm.end() for _, lm in labels)]
    hits = []
    lead = LEADS.search(text)
    if lead:
        subjects = sorted(((p, m) for p, m in labels + descs if m.end() <= lead.start()), key=lambda pm: pm[1].start())
        subjects = _lead_subjects(clause, lead.start(), subjects)
        if subjects:
            party, m = subjects[-1]
            if not parties[party].can_certify and asserted(clause, lead.start(), lead.end()):
                hits.append(Hit("audit-party", m.start(), lead.end(),
                                f"a {party}-party audit ({parties[party].who}) cannot lead to certification; only a third-party "
                                f"audit by a certification body can.", expected="third-party audit", source=src))
                return hits
    # a first-party description is left out: "certification relies on internal audits" is how certification works
    named = sorted(labels + [(p, m) for p, m in descs if p != "first"], key=lambda pm: pm[1].start())
    rests = [(p, m, r) for p, m in named for r in [RESTS.search(text[:m.start()])] if r is not None]
    if rests:
        party, m, r = rests[0]
        if not parties[party].can_certify and asserted(clause, r.start("verb")):
            return [Hit("audit-party", r.start("verb"), m.end(), f"certification cannot rest on a {party}-party audit "
                        f"({parties[party].who}); only a third-party audit by a certification body leads to it.",
                        expected="third-party audit", source=src)]
    if len(labels) == 1 and descs and (LINK.search(text) or any(APPOSED.match(text, m.end()) for _, m in descs)):
        label, lm = labels[0]
        descs = _in_complement(clause, lm.start(), descs)
        other = [(p, m) for p, m in descs if p != label]
        same = [(p, m) for p, m in descs if p == label]
        said = holding(clause, lm.start())  # held where the label stands: "is not a second-party audit but a third-party one"
        if other and not same and said.positive:
            party, m = other[0]
            hits.append(Hit("audit-party", min(lm.start(), m.start()), max(lm.end(), m.end()),
                            f"that is a {party}-party audit ({parties[party].who}), not a {label}-party one.",
                            expected=f"{party}-party audit", source=src))
        elif same and not other and said.mode == "negated" and COPULA.search(text):
            party, m = same[0]  # "Our internal audit is not a first-party audit"
            hits.append(Hit("audit-party", min(lm.start(), m.start()), max(lm.end(), m.end()),
                            f"that is a {party}-party audit ({parties[party].who}), whoever carries it out.",
                            expected=f"{party}-party audit", source=src))
    return hits


def _set_aside(text: str, label: re.Match[str]) -> bool:
    """'..., not a second-party one' and 'not a first-party audit but a third-party one' set a label aside
    for another; a bare 'is not a first-party audit' denies it (judged as denied)."""
    if not re.search(r"\bnot\s+(?:a|an|the)?\s*$", text[:label.start()], re.I):
        return False
    return bool(re.search(r"(?:^|[,;(]|\b(?:but|and|or|rather)\b)\s*not\s+(?:a|an|the)?\s*$", text[:label.start()], re.I)
                or re.match(r"[^.;]{0,30}?\b(?:but|rather)\b[^.;]{0,20}?\b(?:first|second|third)[\s-]+part",
                            text[label.end():], re.I))


def _in_complement(clause: Clause, at: int, descs: list[tuple[str, re.Match[str]]]) -> list[tuple[str, re.Match[str]]]:
    """The descriptions in the complement clause the label stands in, where it stands in one: in "Our
    certification body confirms that a supplier audit ... counts as a third-party audit" the reporter
    ('certification body') does not describe the audit. The clause starts after the verb of saying and its
    'that' (the parse may not make it a complement)."""
    token = _token_at(clause, at)
    if token is None:
        return descs
    reading, base = clause.reading, clause.in_sentence  # type: ignore[attr-defined]
    said = [t.nbor() for t in token.doc[:token.i] if t.lemma_.casefold() in SAYING | BELIEVING and t.i + 1 < len(t.doc)
            and t.nbor().lower_ == "that" and t.pos_ in ("VERB", "AUX")]
    # "As our certification body explained, ...": an aside naming the speaker, before the clause
    said += [t.right_edge for t in token.doc[:token.i] if t.lemma_.casefold() in SAYING | BELIEVING and t.dep_ == "advcl"
             and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children) and t.right_edge.i < token.i]
    if not said:
        return descs
    start = max(reading.span(t)[1] for t in said)
    return [(p, m) for p, m in descs if start <= base + m.start()]
