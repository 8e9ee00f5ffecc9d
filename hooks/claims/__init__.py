"""The fact checker: what each clause of a page claims, judged against the data.

    page -> clauses (sentences.py) -> mentions (gazetteer.py) -> relations and
    polarity (rules.py, misconceptions.py) -> findings at the Markdown source position

Everything it knows comes from the Site: organizations and their roles with dates,
standards with their editions and subjects, certification facts, declared myths.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from ..findings import Finding
from ..markdown_text import ParsedPage
from ..model import Site
from ..render import Page
from . import gazetteer as _gazetteer
from .misconceptions import check_misconceptions
import re

from .rules import CHECKS, PRONOUN as _PRONOUN, Context, Hit, check_editions, check_titles
from .sentences import Clause, clauses

_RHETORICAL = re.compile(r"\s*(?:did|do)\s+you\s+know\b", re.I)
_WH = re.compile(r"\s*(?:what|how|why|when|which|where|who|whose)\b", re.I)
Locate = Callable[[Page, int, int, str], tuple[str, int, int]]


class Checker:
    """Built once per site (the gazetteer), then applied to each page."""

    def __init__(self, site: Site, day: dt.date):
        self.site = site
        self.ctx = Context(_gazetteer.build(site), day, site.settings.designation)
        self._memo: dict[tuple, tuple[list, list[Hit]]] = {}

    def hits(self, parsed: ParsedPage) -> list[tuple[Clause, Hit]]:
        found: list[tuple[Clause, Hit]] = []
        seen: set[tuple[int, int]] = set()
        for clause in clauses(parsed):
            if (id(clause.segment), clause.sentence_start) not in seen:
                seen.add((id(clause.segment), clause.sentence_start))
                found += [(clause, hit) for hit in self._sentence_hits(clause)]
            # Generated pages repeat their template's sentences: judge each distinct clause once.
            key = (clause.text, clause.kind, clause.question, clause.sentence[: clause.start],
                   clause.previous.text if clause.previous is not None and _PRONOUN.match(clause.text) else None)
            cached = self._memo.get(key)
            if cached is None:
                cached = self._memo[key] = self._judge(clause)
            clause.mentions, hits = cached
            found += [(clause, hit) for hit in hits]
        return _one_per_claim(found)

    def _sentence_hits(self, clause: Clause) -> list[Hit]:
        """Checks that read a whole sentence, shifted to offsets in this (its first) clause."""
        key = ("sentence", clause.sentence)
        if key not in self._memo:
            self._memo[key] = ([], check_titles(clause.sentence, self.ctx))
        shift = clause.sentence_start - clause.start
        return [Hit(**{**hit.__dict__, "start": hit.start + shift, "end": hit.end + shift,
                       "text": clause.sentence[hit.start:hit.end]}) for hit in self._memo[key][1]]

    def _judge(self, clause: Clause) -> tuple[list, list[Hit]]:
        clause.mentions = self.ctx.gaz.find(clause.text)
        hits: list[Hit] = []
        if clause.question and not _RHETORICAL.match(clause.sentence):
            # A wh-question presupposes what it names ("What changed in ISO 9001:2010?");
            # a yes/no question asserts nothing ("Is there an ISO 14001:2020?").
            if _WH.match(clause.sentence):
                hits += [hit for hit in check_editions(clause, clause.mentions, self.ctx) if hit.code == "edition-unknown"]
            return clause.mentions, hits
        for check in CHECKS:
            hits += check(clause, clause.mentions, self.ctx)
        hits += check_misconceptions(clause, self.site)
        return clause.mentions, hits

    def check(self, page: Page, parsed: ParsedPage, locate: Locate) -> list[Finding]:
        findings = []
        for clause, hit in self.hits(parsed):
            line, col = clause.segment.position(clause.start + hit.start)
            end_line, end_col = clause.segment.position(clause.start + hit.end)
            snippet = (hit.text if hit.text is not None else clause.text[hit.start:hit.end]).strip()
            file, fline, fcol = locate(page, line, col, clause.segment.text[clause.start + hit.start: clause.start + hit.end])
            same = (file, fline) == (page.origin, line + page.line_offset)
            findings.append(Finding(
                file=file, line=fline, column=fcol, severity=hit.severity,  # type: ignore[arg-type]
                code=hit.code, message=f"{hit.message} The text says: \"{' '.join(snippet.split())}\".",
                end_line=end_line + page.line_offset if same else None,
                end_column=end_col if same else None,
                contradicts=" ".join(snippet.split()), expected=hit.expected, source=hit.source))
        return findings


def _one_per_claim(found: list[tuple[Clause, Hit]]) -> list[tuple[Clause, Hit]]:
    """A wrong title also names the wrong subject: report the title, the more exact finding."""
    titles = [(id(c.segment), c.start + h.start, c.start + h.end) for c, h in found if h.code == "standard-title"]
    if not titles:
        return found
    return [(c, h) for c, h in found if h.code != "standard-subject" or not any(
        seg == id(c.segment) and c.start + h.start < end and start < c.start + h.end for seg, start, end in titles)]


def check_claims(site: Site, page: Page, parsed: ParsedPage, day: dt.date, locate: Locate,
                 checker: Checker | None = None) -> list[Finding]:
    """Check one page; pass a Checker to reuse its gazetteer across the pages of one build."""
    return (checker or Checker(site, day)).check(page, parsed, locate)
