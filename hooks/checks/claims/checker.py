"""The Checker: built once per site, applied to each page. It groups a page's clauses by sentence,
reads each sentence once (a table row as the sentence it stands for), parses only where a claim
could be wrong, runs the role, subject, title and fact checks and the declared myths on it, reads
short FAQ answers with their questions (answers.py), and turns each false claim into a finding at
its Markdown source position. Pages are prefetched so that parsing runs in batches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from hooks.core.findings import Finding
from hooks.data.model import Site
from hooks.pages.markdown import ParsedPage
from hooks.pages.paths import Page

from . import gazetteer as _gazetteer
from .answers import answerable, answered, yes_no_answer
from .evaluate import Context, Hit, judge_role, judge_subject
from .facts import CHECKS
from .gazetteer import Mention
from .holding_value import Holding
from .misconceptions import check_misconceptions
from .reading import Reading
from .registry import Claim, Registry
from .roles import role_claims, unsure
from .sentences import Clause, clauses, tricks
from .subjects import subject_claims
from .syntax import parse, parse_all
from .titles import check_titles

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
        self._rows: dict[str, str] = {}
        """A table row -> the sentence it is read as."""
        self._wanted: dict[str, None] | None = None
        """While prefetching: the sentences (skeletons) a check asked to parse."""
        self._waiting: set[tuple] = set()
        """While prefetching: the sentences (memo keys) whose judging stopped for a parse. The same key
        stops at the same parse, so a sentence every page repeats is judged up to it once, not per page."""

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
                or (p.id == "develops-standards" and mention.kind == "org" and self._not_developer(mention.ref))
                or (mention.kind == "org"
                    and any(r.role == p.id and r.since for r in self.site.organizations[mention.ref].roles))]
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
            self._waiting.clear()
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
            row = group[0].sentence
            read = self._rows.get(row)
            if read is None:  # remembered: a page's rows are read again when it is checked after prefetching
                read = self._rows[row] = _row_sentence(row, self.ctx.gaz, self.registry.nouns())
            return read
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
            answer = yes_no_answer(text, groups[at + 1] if at + 1 < len(groups) else None, segment_id)
            key = (text, group[0].kind, tuple((m.kind, m.ref, m.year, m.predecessor) for m in previous[:1]), answer, question)
            hits = self._memo.get(key)
            if hits is None and key in self._waiting:
                hits = []  # prefetching: its parse is already asked for
            elif hits is None:
                try:
                    hits = self._memo[key] = self._judge(text, group, previous, answer) \
                        + answered(question, text, self.ctx, self.registry, self._parse, self.hits)
                except _Wanted:
                    self._waiting.add(key)
                    hits = []  # prefetching: judged again once its parse is ready
            found += [(group[0], hit) for hit in hits]
            previous = self.ctx.gaz.find(text) or previous
            question = answerable(text)
        return found

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
            shift = clause.in_sentence
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
                      expected=trick.read, source=None, severity="warning")
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


def _is_source(mention: Mention | None) -> bool:
    """A body of the data or one of its standards: what they say, the text relies on."""
    return mention is not None and mention.kind in ("org", "standard")


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
