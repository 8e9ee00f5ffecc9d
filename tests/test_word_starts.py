"""Check that looking a pattern's first words up finds exactly what the pattern finds: the
gazetteer's names found so are the names a search with each whole pattern finds, span for span."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from helpers import ROOT
from hooks.checks.claims import gazetteer
from hooks.checks.claims.word_starts import Scan, WordStarts, first_words
from hooks.data.model import load_site


@pytest.mark.parametrize("pattern, words", [
    (r"(?<![\w/])(?:ISO|IAF|International Organization)(?![\w/])", {"iso", "iaf", "international"}),
    (r"\b(?:customers?|our\s+customer)\b", {"customer", "customers", "our"}),
    (r"\b(?:organi[sz]ation|body)\s+that\b", {"organisation", "organization", "body"}),
    (r"(?i)\b(?:Quality\s+management)\b", {"quality"}),
])
def test_first_words_are_read_from_the_pattern(pattern: str, words: set[str]) -> None:
    """Check that the first words of a pattern's names are read from the pattern itself, lowercased."""
    assert first_words(re.compile(pattern)) == words


@pytest.mark.parametrize("pattern", [
    r"ISO\b",                     # may start inside a word ("prISO")
    r"\bISO",                     # its first word may run on ("ISOs")
    r"\b(?:ISO)[\s]*\d+\b",       # the word may go on in digits ("ISO9001")
    r"\b[A-Z][a-z]+\b",           # any word at all
    r"(?<![\w/])-ISO\b",          # starts with something other than a word character
    r"\b(?:ISO|\w+)\b",
])
def test_patterns_whose_first_words_cannot_be_listed_are_searched_whole(pattern: str) -> None:
    """Check that a pattern whose matches need not start with a known whole word is not looked up."""
    assert first_words(re.compile(pattern)) is None


def test_a_scan_finds_what_finditer_finds() -> None:
    """Check that the matches tried at the looked-up places are those of a search: leftmost, not
    overlapping, lookbehinds and \\b reading the text before the place, case as the pattern says."""
    patterns = [re.compile(r"(?<![\w/])(?:ISO/IEC|ISO|IEC|(?i:iso\s+central))(?![\w/])"),
                re.compile(r"\b(?:certification\s+bod(?:y|ies)|body\s+that\s+certifies|bod(?:y|ies))\b", re.I),
                re.compile(r"\b(?:a|an)\s+(?:body|bodies)\b", re.I)]
    index = WordStarts(patterns)
    assert all(id(p) in index._indexed for p in patterns)
    words = ["ISO", "iso", "Iso", "IEC", "ISO/IEC", "/ISO", "xISO", "ISOx", "central", "Central", "certification",
             "body", "Bodies", "that", "certifies", "a", "An", "_", "9001", "\u212a", "\u00a0", "\u2014"]
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice(words) + rnd.choice(["", " ", "  ", "\n", "/", ",", "-"]) for _ in range(rnd.randint(1, 9)))
        scan = index.scan(text)
        for pattern in patterns:
            assert [m.span() for m in scan.finditer(pattern)] == [m.span() for m in pattern.finditer(text)], (pattern, text)


def test_text_beyond_ascii_is_searched_whole() -> None:
    """Check that a text with a character beyond ASCII is searched by the patterns as they are: a
    long s matches "s" case-insensitively, a dotless i "i", which lowercasing the text would not show."""
    pattern = re.compile(r"\b(?:sgs|bsi)\b", re.I)
    index = WordStarts([pattern])
    text = "\u017fGS and BS\u0131 audit."
    assert [m.group() for m in index.scan(text).finditer(pattern)] == ["\u017fGS", "BS\u0131"]


class _Searched:
    """A gazetteer's word index that looks nothing up: every pattern searched as it is."""

    def scan(self, text: str) -> Scan:
        return Scan(text, None, set())


def test_the_gazetteer_finds_the_same_names_either_way() -> None:
    """Check that the site's names found through their first words are the names (kind, data id,
    span, year) that searching with each whole pattern finds, on sentences that name many things."""
    gaz = gazetteer.build(load_site(ROOT))
    searched = dataclasses.replace(gaz, words=_Searched(), _found={})
    sentences = [
        "ISO/IEC 27001 certificates are issued by certification bodies accredited by UKAS, not by ISO.",
        "The International Organization for Standardization publishes ISO 9001; the IAF MD 5 sets audit time.",
        "Customers and regulators ask for ISO 14001:2015, the 2015 edition, and OHSAS 18001 is withdrawn.",
        "An accreditation body such as ANAB or UKAS accredits the registrar; information security is ISO 27001.",
        "Our customer's consultants said the organisation that writes the standards certifies companies.",
        "isoISO /ISO ISO/ UKAS's UKASx the environmental management system and occupational health and safety.",
    ]
    for sentence in sentences:
        assert gaz._find(sentence) == searched._find(sentence), sentence
    assert any(m.kind == "org" for m in gaz._find(sentences[0]))
