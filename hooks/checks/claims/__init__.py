"""The fact checker: what each sentence of a page claims, judged against the data.

    page -> sentences and clauses (sentences.py) -> names (gazetteer.py) -> syntax (syntax.py,
    reading.py) -> claims (extract.py: relations from data/predicates.yaml; facts.py: editions,
    subjects, numbers) -> how each is held (holding.py) -> judged against the data as of the
    check date (evaluate.py) -> findings at the Markdown source position

Everything it knows comes from the Site: the predicates and their frames, organizations and
their roles with dates, standards with their editions and subjects, certification facts,
declared myths.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Callable


from hooks.core.findings import Finding
from hooks.pages.markdown import ParsedPage
from hooks.pages.markdown import parse as parse_markdown
from hooks.data.model import Site
from hooks.pages.render import Page
from . import gazetteer as _gazetteer
from .evaluate import Context, Hit, judge_role, judge_subject
from .extract import Claim, Registry, role_claims, subject_claims, unsure
from .facts import CHECKS, check_titles
from .gazetteer import Mention
from .holding import BELIEVING, NEGATIVE_WORDS, SAYING, Holding
from .misconceptions import check_misconceptions
from .reading import Reading
from .sentences import Clause, clauses, tricks
from .syntax import parse, parse_all

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Doc, Token

MAX_SENTENCE = 3000
"""Longer 'sentences' are not prose; reading them would cost time that grows with their length."""
Locate = Callable[[Page, int, int, str], tuple[str, int, int]]


class Checker:
    """Built once per site (names, predicates), then applied to each page."""

    def __init__(self, site: Site, day: dt.date):
        self.site = site
        self.ctx = Context(_gazetteer.build(site), day, site.settings.designation)
        self.registry = Registry(site.predicates, {o.id: o.kind for o in site.organizations.values()})
        self._docs: dict[str, Doc] = {}
        self._memo: dict[tuple, list[Hit]] = {}
        self._split: dict[int, tuple[ParsedPage, dict[tuple[int, int], list[Clause]]]] = {}
        self._fallible_memo: dict[tuple[str, str], list[str]] = {}
        self._wanted: dict[str, None] | None = None
        """While prefetching: the sentences (skeletons) a check asked to parse."""

    def _fallible(self, mention: Mention) -> list[str]:
        """The relations a claim with this agent could get wrong: those it does not hold at all times."""
        if mention.kind not in ("org", "class"):
            return []
        key = (mention.kind, mention.ref)
        if key not in self._fallible_memo:
            self._fallible_memo[key] = [
                p.id for p in self.site.predicates.values() if p.tests == "role"
                if any(judge_role(Claim(p.id, mention, 0, 0, holding), self.ctx) is not None
                       for holding in (Holding("asserted"), Holding("asserted", past=True)))
                or p.id == "develops-standards" and mention.kind == "org" and self._not_developer(mention.ref)
                or mention.kind == "org" and any(r.role == p.id and r.since for r in self.site.organizations[mention.ref].roles)]
        return self._fallible_memo[key]

    def _not_developer(self, org: str) -> bool:
        """Could naming this body as a standard's developer be wrong (some standard is not its own)?"""
        return any(org not in std.developers for std in self.site.standards.values())

    def _parse(self, text: str) -> Doc:
        doc = self._docs.get(text)
        if doc is None:
            if self._wanted is not None:
                self._wanted[text] = None
                raise _Wanted()
            doc = self._docs[text] = parse(text)
        return doc

    def prefetch(self, pages: list[ParsedPage]) -> None:
        """Judge these pages once without parsing, noting each sentence a check wants to read, then
        parse those in batches (spaCy parses a batch about twice as fast per sentence); the judging
        that follows finds every parse ready. Sentences no check needs are never parsed."""
        self._wanted = {}
        try:
            for parsed in pages:
                self.hits(parsed)
        finally:
            wanted, self._wanted = self._wanted, None
        for skel, doc in zip(wanted, parse_all(wanted), strict=True):
            self._docs[skel] = doc

    def _sentences(self, parsed: ParsedPage) -> dict[tuple[int, int], list[Clause]]:
        """The page's clauses grouped by sentence (kept from prefetching a page to checking it)."""
        kept = self._split.pop(id(parsed), None)
        if kept is not None and kept[0] is parsed:
            return kept[1]
        sentences: dict[tuple[int, int], list[Clause]] = {}
        for clause in clauses(parsed):
            sentences.setdefault((id(clause.segment), clause.sentence_start), []).append(clause)
        if self._wanted is not None:
            self._split[id(parsed)] = (parsed, sentences)
        return sentences

    def _text(self, group: list[Clause]) -> str:
        if group[0].kind == "table":
            return _row_sentence(group[0].sentence, self.ctx.gaz, self.registry.nouns())
        return _masked(group)

    def hits(self, parsed: ParsedPage) -> list[tuple[Clause, Hit]]:
        """Every false claim of the page, with the clause it starts in; hit offsets are in the sentence."""
        found: list[tuple[Clause, Hit]] = []
        previous: list[Mention] = []
        last_segment = None
        groups = list(self._sentences(parsed).items())
        question: str | None = None
        for at, ((segment_id, _), group) in enumerate(groups):
            if segment_id != last_segment:
                previous, last_segment = [], segment_id
            text = self._text(group)
            answer = _answer(text, groups[at + 1] if at + 1 < len(groups) else None, segment_id)
            key = (text, group[0].kind, tuple((m.kind, m.ref) for m in previous[:1]), answer, question)
            hits = self._memo.get(key)
            if hits is None:
                try:
                    hits = self._memo[key] = self._judge(text, group, previous, answer) + self._answered(question, text)
                except _Wanted:
                    hits = []  # prefetching: judged again once its parse is ready
            found += [(group[0], hit) for hit in hits]
            previous = self.ctx.gaz.find(text) or previous
            question = text if (_WHO.match(text) or _WHICH_STANDARD.match(text) or _RESTATABLE.match(text)) \
                and text.rstrip().endswith("?") else None
        return found

    def _answered(self, question: str | None, text: str) -> list[Hit]:
        """'Who issues ISO certificates? ISO does.' (or just 'ISO.'): the short answer to a question
        asking who does something states that its body does it; read together, judged as one claim."""
        if question is None or len(text.split()) > 8:
            return []
        gaz = self.ctx.gaz
        if _RESTATABLE.match(question):
            return self._restated(question, text)
        which = _WHICH_STANDARD.match(question)
        if which is not None:
            return self._answered_standard(question[which.end():], text)
        names = [m for m in gaz.find(text) if m.kind in ("org", "class")]
        if not names:
            return []
        bare = _short_answer(text)
        said = f"{bare} does." if bare is not None and text[names[0].start:names[0].end] == bare \
            and text[:names[0].start].strip(" *_").casefold() in ("", "the") else text
        combined = f"{question} {said}"
        reading = Reading(combined, gaz.find(combined), self._parse, lambda token: False)
        reading.authority = lambda token: _is_org(reading.mention(token))
        shift = len(question) + 1
        hits = []
        for claim in role_claims(reading, self.registry):
            if claim.agent.start < shift or (hit := judge_role(claim, self.ctx)) is None:
                continue
            end = names[0].end if said != text else max(claim.agent.end, claim.end) - shift
            hit.start, hit.end = max(0, claim.agent.start - shift), min(len(text), end)
            hits.append(hit)
        return hits

    def _restated(self, question: str, text: str) -> list[Hit]:
        """'When did ISO 45001 first come out? Back in 2013.' and 'What does ISO 14001 cover? Information
        security, mainly.': the fragment put in the question's place ('ISO 45001 did first come out back in
        2013.') and that sentence judged; what is wrong in the answer's part is found on the answer."""
        asked = _RESTATABLE.match(question)
        bare = _short_answer(text)
        if asked is None or bare is None:
            return []
        named = [m for m in self.ctx.gaz.find(question) if m.kind == "standard"]
        subject = next((m for m in named if m.start == asked.end()), None)
        if subject is None:
            return []
        rest = question[subject.end:].rstrip().rstrip("?*_ ")
        if asked.group("wh").casefold() == "when":
            if not re.search(r"\b(?:19|20)\d\d\b", bare) or len(bare.split()) > 4:
                return []
            bare = bare if re.match(r"(?i)(?:back\s+)?(?:in|on|during|around)\b", bare) else f"in {bare}"
        elif not any(m.kind == "subject" for m in self.ctx.gaz.find(bare)):
            return []
        prefix = f"{question[subject.start:subject.end]} {asked.group('aux')}{rest} "
        said = f"{prefix}{bare[0].lower() + bare[1:] if bare[:2] != bare[:2].upper() else bare}."
        hits = []
        for _, hit in self.hits(parse_markdown(said)):
            if hit.end > len(prefix) and hit.severity != "info":
                hit.start, hit.end = len(text) - len(text.lstrip()), len(text.rstrip())
                hits.append(hit)
        return hits

    def _answered_standard(self, asked: str, text: str) -> list[Hit]:
        """'Which standard covers information security? ISO 14001.': the answer put in the question's place."""
        bare = text.strip().rstrip(".!").strip()
        named = [m for m in self.ctx.gaz.find(bare) if m.kind == "standard"]
        if len(named) != 1 or (named[0].start, named[0].end) != (0, len(bare)):
            return []
        said = f"{bare}{asked.rstrip().rstrip('?')}."
        reading = Reading(said, self.ctx.gaz.find(said), self._parse, lambda token: False)
        hits = []
        for claim in subject_claims(reading, self.registry):
            hit = judge_subject(claim, self.ctx)
            if hit is not None and claim.standard is not None and claim.standard.start == 0:
                hit.start, hit.end = 0, len(bare)
                hits.append(hit)
        return hits

    def _judge(self, text: str, group: list[Clause], previous: list[Mention], answer: str | None = None) -> list[Hit]:
        gaz = self.ctx.gaz
        if len(text) > MAX_SENTENCE:
            # Not prose (a run of symbols, a pasted table): no claim is read from it, and a person is told.
            return [Hit("claim-unsure", 0, min(len(text), 40), f"this sentence is {len(text)} characters long, more than "
                        f"the {MAX_SENTENCE} the checker reads; nothing in it was checked. Split it, or check it by hand.",
                        severity="info")]
        reading = Reading(text, gaz.find(text), self._parse, lambda token: False, previous, answer=answer)
        # An organization of the data named as the speaker ("UKAS states that ..."): the text relies on it.
        # So is the writer's own side ("our registrar says ...").
        reading.authority = lambda token: _is_source(reading.mention(token)) or _ours(reading, token)
        hits: list[Hit] = []
        agents = reading.mentions + (previous if _starts_with_pronoun(text) or " it " in text else [])
        # Parse only where a claim could be wrong: a body named that does not hold some relation's role,
        # a subject named beside a standard that is about something else.
        if self.registry.may_state(text) and any(self.registry.may_state(text, predicate)
                                                 for m in agents for predicate in self._fallible(m)):
            claims = role_claims(reading, self.registry)
            for claim in claims:
                hit = judge_role(claim, self.ctx)
                if hit is not None:
                    hits.append(hit)
            for maybe, verb in unsure(reading, self.registry, claims):
                if judge_role(maybe, self.ctx) is None:
                    continue  # were it a claim, it would be right: nothing to look at
                hits.append(Hit("claim-unsure", maybe.start, maybe.end,
                                f"the sentence may say who does '{verb}' here, but its grammar could not be read for "
                                f"certain, so it was not checked. Please read it: is the named body the one that does it?",
                                severity="info"))
        subjects = {m.ref for m in reading.mentions if m.kind == "subject"}
        standards = [m for m in agents if m.kind == "standard" and not m.predecessor]
        if subjects and any(subjects - {self.site.standards[m.ref].subject} for m in standards):
            hits += [hit for claim in subject_claims(reading, self.registry)
                     if (hit := judge_subject(claim, self.ctx)) is not None]
        hits += check_titles(reading, group[0].sentence, self.ctx)
        for clause in group:
            clause.reading = reading  # type: ignore[attr-defined]
            clause.mentions = gaz.find(clause.text)
            shift = clause.start - clause.sentence_start
            for check in CHECKS:
                hits += [_shifted(hit, shift) for hit in check(clause, clause.mentions, self.ctx)]
            hits += [_shifted(hit, shift) for hit in check_misconceptions(clause, self.site)]
        return _one_per_claim(hits)

    def check(self, page: Page, parsed: ParsedPage, locate: Locate) -> list[Finding]:
        findings = []
        for clause, hit in self.hits(parsed):
            base = clause.sentence_start
            line, col = clause.segment_position(base + hit.start)
            end_line, end_col = clause.segment_position(base + hit.end, end=True)
            said = " ".join(clause.sentence[hit.start:hit.end].split())
            written = clause.segment.text[clause.source(base + hit.start):clause.source(base + hit.end, end=True)]
            findings.append(self._finding(page, locate, hit, line, col, end_line, end_col, written, said))
        for segment, trick in tricks(parsed):
            if trick.kind == "invisible":
                continue  # read without it; a soft hyphen is ordinary typesetting
            line, col = segment.position(trick.start)
            end_line, end_col = segment.position(trick.end)
            what = "mixes Latin with Cyrillic or Greek letters" if trick.kind == "mixed-script" else \
                "is written in Cyrillic or Greek letters that look Latin"
            hit = Hit("lookalike", 0, 0, f"the word {trick.written!r} {what}; it was read as {trick.read!r}. "
                      f"Retype it in Latin letters so that readers, search and the checks see the same word.",
                      trick.read, None, "warning")
            findings.append(self._finding(page, locate, hit, line, col, end_line, end_col, trick.written, trick.written))
        return findings

    @staticmethod
    def _finding(page: Page, locate: Locate, hit: Hit, line: int, col: int, end_line: int, end_col: int,
                 written: str, said: str) -> Finding:
        file, fline, fcol = locate(page, line, col, written)
        same = (file, fline) == (page.origin, line + page.line_offset)
        return Finding(
            file=file, line=fline, column=fcol, severity=hit.severity,  # type: ignore[arg-type]
            code=hit.code, message=f"{hit.message} The text says: \"{said}\".",
            end_line=end_line + page.line_offset if same else None,
            end_column=end_col if same else None,
            contradicts=said, expected=hit.expected, source=hit.source)


class _Wanted(Exception):
    """A check asked for a parse while the checker was only noting which parses are needed."""


def _masked(group: list[Clause]) -> str:
    """The sentence with what its clauses blank out (quotes, markup) blanked, separators kept."""
    first = group[0]
    if len(group) == 1 and first.start == first.sentence_start and len(first.text) == len(first.sentence):
        return first.text  # one clause, the whole sentence (most sentences)
    sentence = list(first.sentence)
    base = first.sentence_start
    for clause in group:
        at = clause.start - base
        sentence[at:at + len(clause.text)] = clause.text
    return "".join(sentence)


def _row_sentence(row: str, gaz: _gazetteer.Gazetteer, nouns: set[str]) -> str:
    """A table row as a sentence: 'Body: ISO, Role: Issues certificates' reads 'ISO issues certificates.'
    when one cell names a body and another starts with a verb, and 'Standard: ISO 45001, Publisher: ANAB'
    reads 'ANAB is the publisher of ISO 45001.'; otherwise the row as it is."""
    labelled = [part.split(": ", 1) if ": " in part else ["", part] for part in row.split(", ")]
    cells = [cell.strip() for _, cell in labelled]
    named = [c for c in cells if any(m.kind in ("org", "class") and m.start == 0 and m.end == len(c) for m in gaz.find(c))]
    if len(named) != 1 or len(cells) < 2:
        return _subject_row(row, gaz, nouns)
    header = next((h.strip() for h, c in labelled if c.strip() == named[0]), "")
    standard = next((c for c in cells if any(m.kind == "standard" for m in gaz.find(c))), None)
    if header.casefold() in nouns and standard is not None:
        return f"{named[0]} is the {header.casefold()} of {standard}."
    rest = [c for c in cells if c is not named[0] and c]
    if not rest or not rest[0][:1].isupper():
        return row
    sentence = f"{named[0]} {rest[0][0].lower()}{rest[0][1:]}."
    return sentence if len(sentence) <= len(row) else row


def _subject_row(row: str, gaz: _gazetteer.Gazetteer, nouns: set[str]) -> str:
    """'Standard: ISO 14001, Subject: Quality management' reads 'ISO 14001 is about quality management.'"""
    labelled = [part.split(": ", 1) for part in row.split(", ") if ": " in part]
    standard = next((c.strip() for _, c in labelled if any(m.kind == "standard" for m in gaz.find(c))), None)
    topic = next((c.strip() for h, c in labelled if h.strip().casefold() in nouns), None)
    if standard is None or topic is None:
        return row
    sentence = f"{standard} is about {topic[0].lower()}{topic[1:]}."
    return sentence if len(sentence) <= len(row) else row


def _is_org(mention: Mention | None) -> bool:
    return mention is not None and mention.kind == "org"


def _is_source(mention: Mention | None) -> bool:
    """A body of the data or one of its standards: what they say, the text relies on."""
    return mention is not None and mention.kind in ("org", "standard")


_YES_NO = re.compile(r"\W*(yes|no)\b", re.I)
_WHO = re.compile(r"\W*(?:who|which\s+(?:body|bodies|organi[sz]ations?|company|companies))\b", re.I)
_RESTATABLE = re.compile(r"\W*(?P<wh>when|what)\s+(?P<aux>did|does|do|was|is|were)\s+(?:the\s+)?", re.I)
"""A question whose short answer fills the place of its wh-word (see Checker._restated)."""
_WHICH_STANDARD = re.compile(r"\W*(?:which|what)\s+(?:ISO\s+)?standard\b", re.I)


def _answer(text: str, following: tuple[tuple[int, int], list[Clause]] | None, segment_id: int) -> str | None:
    """'yes' or 'no' where a question is answered so by the next sentence of its paragraph (an FAQ)."""
    if following is None or not text.rstrip().endswith("?"):
        return None
    (next_segment, _), group = following
    if next_segment != segment_id and group[0].kind != "paragraph":
        return None
    found = _YES_NO.match(group[0].sentence)
    return found.group(1).casefold() if found else None


_ASIDE = re.compile(r"\s*(?:itself|themselves|alone|of course|obviously)?\s*(?:[,;(\u2013\u2014-]\s*(?P<aside>[^.!?]*))?[.!]*\s*$",
                    re.I)


def _short_answer(text: str) -> str | None:
    """The name a short answer gives, without its aside: 'ISO itself, after its auditors visit.' -> 'ISO';
    None where the aside could turn it round ('ISO, or so people think'; 'UKAS, not ISO')."""
    bare = text.strip()
    bare = bare[4:] if bare[:4].casefold() == "the " else bare
    end = next((i for i, ch in enumerate(bare) if ch in ",;(.!\u2013\u2014" or bare[i:i + 7].casefold() == " itself"), len(bare))
    head, rest = bare[:end].strip(), bare[end:]
    aside = _ASIDE.match(rest)
    if not head or aside is None:
        return None
    words = set(re.findall(r"[a-z']+", f"{head} {aside.group('aside') or ''}".casefold()))
    if words & (NEGATIVE_WORDS | SAYING | BELIEVING | {"some", "people", "say", "says", "said", "or", "but"}):
        return None
    return head


def _ours(reading: Reading, token: Token) -> bool:
    mention = reading.mention(token)
    return mention is not None and mention.kind == "class" and \
        reading.text[reading.span(token)[0]:mention.start].casefold().strip() in ("our", "my")


def _starts_with_pronoun(text: str) -> bool:
    return text.lstrip().split(" ", 1)[0].casefold() in ("it", "they")


def _shifted(hit: Hit, shift: int) -> Hit:
    hit.start += shift
    hit.end += shift
    return hit


def _one_per_claim(hits: list[Hit]) -> list[Hit]:
    """One finding per place and code; a wrong title also names the wrong subject: keep the title."""
    titles = [(h.start, h.end) for h in hits if h.code == "standard-title"]
    seen: set[tuple[str, int]] = set()
    result = []
    for h in hits:
        if h.code == "standard-subject" and any(h.start < e and s < h.end for s, e in titles):
            continue
        if (h.code, h.start) in seen:
            continue
        seen.add((h.code, h.start))
        result.append(h)
    return result


def check_claims(site: Site, page: Page, parsed: ParsedPage, day: dt.date, locate: Locate,
                 checker: Checker | None = None) -> list[Finding]:
    """Check one page; pass a Checker to reuse its names and parses across the pages of one build."""
    return (checker or Checker(site, day)).check(page, parsed, locate)
