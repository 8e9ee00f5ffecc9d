"""Check how the checker prefetches parses: a sentence whose judging stops for a parse not made yet
is judged up to there once per batch of pages, however many of the pages repeat it, and the
findings are those of judging each page on its own."""

from __future__ import annotations

import datetime as dt

from helpers import ROOT
from hooks.checks.claims import Checker
from hooks.data.model import load_site
from hooks.pages.markdown import parse
from hooks.pages.paths import Page

CHECK_DATE = dt.date(2026, 12, 5)
SENTENCE = "UKAS issues ISO 9001 certificates to companies."
"""A false claim, found only by reading the sentence's grammar (a parse)."""


def test_a_repeated_sentence_waits_for_its_parse_once() -> None:
    """Check that prefetching ten pages that repeat a sentence needing a parse judges it once, and
    that each page still gets its finding."""
    site = load_site(ROOT)
    checker = Checker(site, CHECK_DATE)
    judged: list[str] = []
    judge = checker._judge

    def counted(text: str, *args: object) -> object:
        judged.append(text)
        return judge(text, *args)

    checker._judge = counted
    pages = [parse(f"# Page {i}\n\nIntro {i}.\n\n{SENTENCE}\n") for i in range(10)]
    checker.prefetch(pages)
    assert judged.count(SENTENCE) == 1
    codes = [[f.code for f in checker.check(Page(f"p{i}.md", "", "", "", f"p{i}.md", False), parsed,
                                           lambda page, line, col, written: (page.origin, line, col))]
             for i, parsed in enumerate(pages)]
    alone = Checker(site, CHECK_DATE)
    expected = [f.code for f in alone.check(Page("p.md", "", "", "", "p.md", False), parse(f"{SENTENCE}\n"),
                                            lambda page, line, col, written: (page.origin, line, col))]
    assert expected and all(found == expected for found in codes)
