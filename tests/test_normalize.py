"""Text tricks and untrusted page text: the checker reads prose as a person sees it
(hooks/checks/claims/normalize.py), every finding still points at the right Markdown line and
column, and no page text makes the clause splitter or the page parser slow."""

from __future__ import annotations

import contextlib
import re
import sys
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from helpers import ROOT, no_hang
from hooks.checks.claims import gazetteer
from hooks.checks.claims.normalize import INVISIBLE, LOOKALIKES, normalize
from hooks.checks.claims.sentences import (
    _CLAUSE_SPLIT,
    _SENTENCE_END,
    _blank_markup,
    _scan_markup,
    _scan_quotes,
    _split,
    clauses,
    mask_quotes,
    tricks,
)
from hooks.data.model import load_site
from hooks.pages import markdown as markdown_text
from hooks.pages.markdown import _ATTR_ID, _COMMENT, _FOOTNOTE_DEF, Segment, _md, parse

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _col(markdown: str, line: int, needle: str) -> int:
    """1-based column of needle on a 1-based line of the Markdown."""
    return markdown.split("\n")[line - 1].index(needle) + 1


def _find(parsed_clauses: list, word: str):
    clause = next(c for c in parsed_clauses if word in c.text)
    return clause, clause.text.index(word)


# --- reading as a person sees it ------------------------------------------------------------

def test_nfkc_reads_full_width_as_ascii() -> None:
    """Check that NFKC reads full-width "ＩＳＯ ９００１" as "ISO 9001", in a clause too, at the right column."""
    assert normalize("ＩＳＯ ９００１").text == "ISO 9001"
    assert normalize("ＩＳＯ\u3000９００１：２０１５").text == "ISO 9001:2015"
    md = "Intro.\n\nWe hold ＩＳＯ ９００１ certification."
    clause, at = _find(clauses(parse(md)), "ISO 9001")
    assert clause.position(at) == (3, _col(md, 3, "ＩＳＯ"))
    assert clause.source_text(at, at + len("ISO 9001")) == "ＩＳＯ ９００１"
    assert not normalize("ＩＳＯ ９００１").tricks  # a full-width word is not a script trick


def test_nfkc_expansions_map_back_to_their_source_character() -> None:
    """Check that a ligature read as two letters maps both to the one source character."""
    n = normalize("ﬁne ISO")
    assert n.text == "fine ISO"
    assert [n.source(i) for i in range(3)] == [0, 0, 1]
    assert n.source(1, end=True) == 1 and n.source(2, end=True) == 1
    assert n.source_span(5, 8) == (4, 7)


@pytest.mark.parametrize("char", sorted(INVISIBLE))
def test_invisible_characters_are_removed(char: str) -> None:
    """Check that each zero-width character and the soft hyphen is removed, the word read whole."""
    n = normalize(f"IS{char}O 9001")
    assert n.text == "ISO 9001"
    assert [n.source(i) for i in range(len(n.text) + 1)] == [0, 1, 3, 4, 5, 6, 7, 8, 9]
    assert [t.kind for t in n.tricks] == ["invisible"]
    assert (n.tricks[0].start, n.tricks[0].end, n.tricks[0].read) == (0, 4, "ISO")


def test_clause_position_after_removed_characters() -> None:
    """Check that a clause position after removed zero-width characters and soft hyphens points at the right column."""
    md = "# Title\n\nThe IS\u200bO 9001 stan\u00addard\u2060 is met by ACME Cert\ufeff Ltd; it is certified."
    found = clauses(parse(md))
    clause, at = _find(found, "ACME")
    assert clause.text.startswith("The ISO 9001 standard is met by ACME Cert Ltd")
    assert clause.position(at) == (3, _col(md, 3, "ACME"))
    # The end of "ISO" is after the "O", not after the invisible character before it.
    clause, at = _find(found, "ISO")
    assert clause.position(at) == (3, _col(md, 3, "IS\u200bO"))
    assert clause.position(at + 3, end=True) == (3, _col(md, 3, "O 9001") + 1)
    assert clause.source_span(at, at + 3) == (4, 8)
    # A later clause of the same sentence maps back too.
    clause, at = _find(found, "certified")
    assert clause.position(at) == (3, _col(md, 3, "certified"))
    assert clause.segment_position(clause.start + at) == (3, _col(md, 3, "certified"))


def test_cyrillic_letter_in_latin_word_is_read_and_reported() -> None:
    """Check that "ІSO" with a Cyrillic І is read as "ISO" and reported as a mixed-script trick at the right column."""
    md = "Intro.\n\nWe are certified to ІSO 9001 by ACME."
    parsed = parse(md)
    clause, at = _find(clauses(parsed), "ISO 9001")
    assert clause.position(at) == (3, _col(md, 3, "ІSO"))
    found = tricks(parsed)
    assert len(found) == 1
    segment, trick = found[0]
    assert (trick.kind, trick.written, trick.read) == ("mixed-script", "ІSO", "ISO")
    assert segment.position(trick.start) == (3, _col(md, 3, "ІSO"))
    assert segment.text[trick.start:trick.end] == "ІSO"
    assert clause.tricks == [trick]


def test_word_all_in_lookalikes_imitating_latin_is_read() -> None:
    """Check that a word written entirely in look-alikes amid Latin words ("ІЅО", "ІЕС") is read as Latin."""
    n = normalize("Certified to ІЅО 9001 and ІЕС 27001.")
    assert n.text == "Certified to ISO 9001 and IEC 27001."
    assert [(t.kind, t.written, t.read) for t in n.tricks] == [("lookalike", "ІЅО", "ISO"), ("lookalike", "ІЕС", "IEC")]
    # A whole phrase in look-alikes, next to a word that mixes scripts.
    assert normalize("ТНЕ ІЅО ЅТАNDARD").text == "THE ISO STANDARD"
    # With no Latin text around it, only a known name is read so.
    assert normalize("ІЅО").text == "ІЅО"
    assert normalize("ІЅО", names={"iso"}).text == "ISO"


@pytest.mark.parametrize("text", [
    "Это мой СОК, а стандарт ИСО 9001 описывает систему менеджмента качества.",
    "Стандарт ISO 9001 описывает систему; ТОР и СОК остаются.",
    "Η ΕΤΑΙΡΕΙΑ ΚΑΙ Ο ΦΟΡΕΑΣ ΠΙΣΤΟΠΟΙΗΣΗΣ",
    "Ο οργανισμός ΚΑΙ το πρότυπο ISO 9001 απαιτούν τεκμηρίωση.",
    "The Greek letter Α and the unit 10 µm.",
    "ΚΑΙ ΤΟ",
])
def test_real_russian_and_greek_are_left_alone(text: str) -> None:
    """Check that genuine Russian or Greek text (and a lone Greek letter) is not rewritten nor reported."""
    n = normalize(text)
    assert n.text == unicodedata.normalize("NFKC", text)
    assert n.tricks == []
    parsed = parse(text)
    assert tricks(parsed) == []
    assert all(c.text in unicodedata.normalize("NFKC", text) for c in clauses(parsed))


def test_lookalike_table_maps_cyrillic_and_greek_to_ascii_letters() -> None:
    """Check that the look-alike table holds only Cyrillic and Greek letters, each read as one ASCII letter."""
    for char, latin in LOOKALIKES.items():
        assert unicodedata.name(char).split()[0] in ("CYRILLIC", "GREEK"), char
        assert len(latin) == 1 and latin.isascii() and latin.isalpha(), char
        assert unicodedata.normalize("NFKC", char) == char, char


_ALPHABET = list("ab IS9.,-\n") + sorted(INVISIBLE)[:5] + list("ІЅОСАаеорсΑΟΙρЖЭλΣ") + [
    "\u0301", "\u0308", "ﬁ", "Ｉ", "９", "½", "⑴", "\u1100", "\u1161", "é", "…", "\u00a0", "ﷺ", "\u0345"]


def _reading(text: str) -> str:
    return unicodedata.normalize("NFKC", "".join(c for c in text if c not in INVISIBLE))


@PROPERTY
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join))
def test_every_normalized_offset_maps_back_into_its_source(text: str) -> None:
    """Check that the map back is monotone and every normalized character comes from the source span it maps to."""
    n = normalize(text)
    fold = str.maketrans(LOOKALIKES)
    assert n.text.translate(fold) == _reading(text).translate(fold)
    starts = [n.source(k) for k in range(len(n.text) + 1)]
    ends = [n.source(k, end=True) for k in range(len(n.text) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(0 <= s <= len(text) for s in starts + ends)
    for k, char in enumerate(n.text):
        a, b = starts[k], ends[k + 1]
        assert a < b
        assert char.translate(fold) in _reading(text[a:b]).translate(fold)
    for trick in n.tricks:
        assert text[trick.start:trick.end] == trick.written


# --- the scanners are the regexes they replace ------------------------------------------------

_OLD_QUOTE = re.compile(r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’")
_OLD_MARKUP = re.compile(r"`[^`\n]*`|\[\^[^\]]+\]|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[*_`\[]|\{#[^}]*\}|<!--.*?-->|<[^>]+>")
_OLD_CLAUSE_SPLIT = re.compile(r"\s*;\s+|\s+[—–]\s+")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


@PROPERTY
@given(st.lists(st.sampled_from(list("`[]()!^*_{}#<>-\n a") + ["<!--", "-->", "](", "![", "[^", "{#"]), max_size=40)
       .map("".join))
def test_markup_scanner_blanks_what_the_regex_did(text: str) -> None:
    """Check that the markup scanner, and the regex-or-scanner choice, blank exactly what the former markup regex blanked."""
    expected = _OLD_MARKUP.sub(_blank, text)
    assert _scan_markup(text) == expected
    assert _blank_markup(text) == expected


@PROPERTY
@given(st.lists(st.sampled_from(list("\"“”‘’\na b") + ["x" * 99]), max_size=30).map("".join))
def test_quote_scanner_masks_what_the_regex_did(text: str) -> None:
    """Check that the quote scanner, and the regex-or-scanner choice, mask exactly what the former quote regex masked."""
    expected = _OLD_QUOTE.sub(_blank, text)
    assert _scan_quotes(text) == expected
    assert mask_quotes(text) == expected


@PROPERTY
@given(st.lists(st.sampled_from(list(" ;—–\n\ta")), max_size=40).map("".join))
def test_clause_split_finds_what_the_regex_did(text: str) -> None:
    """Check that the linear clause-split pattern finds exactly the matches of the former one."""
    assert [m.span() for m in _CLAUSE_SPLIT.finditer(text)] == [m.span() for m in _OLD_CLAUSE_SPLIT.finditer(text)]


# --- untrusted page text: linear time ---------------------------------------------------------

HANG = 60
"""Seconds after which a pathological input counts as hung: each takes well under half a second here,
and a regex that backtracks on it would take hours. A bound for a hang, not a measure of speed (speed
is measured by tests/benchmarks/pathological.py, which prints its numbers)."""


def _no_hang(what: str) -> contextlib.AbstractContextManager[None]:
    return no_hang(what, HANG)

PATHOLOGICAL = {
    "200,000 spaces in one line": "ISO 9001 is" + " " * 200_000 + "x.",
    "200,000 spaces before a semicolon": "ISO 9001 is" + " " * 200_000 + "; it is.",
    "200,000 spaces before a dash": "ISO 9001 is" + " " * 200_000 + "— it is.",
    "100,000 [": "[" * 100_000,
    "100,000 (": "(" * 100_000,
    '100,000 "': '"' * 100_000,
    "100,000 “": "“" * 100_000,
    "100,000 ‘ then text": "‘" * 100_000 + "a" * 1000,
    '"a;" repeated': "a;" * 100_000,
    '"a; " repeated': "a; " * 100_000,
    '"— " repeated': "— " * 100_000,
    '". " repeated': ". " * 100_000,
    '"." then 100,000 quotes': "A." + '"' * 100_000 + " b",
    "100,000 backticks": "`" * 100_000,
    "100,000 <": "a <" * 100_000,
    "100,000 <!--": "<!--" * 100_000,
    "100,000 {#": "{#" * 100_000,
    "100,000 ](": "](" * 100_000,
    "30,000 [^": "[^" * 30_000,
    "30,000 ![": "![" * 30_000,
    "heading with 200,000 spaces": "# Title" + " " * 200_000 + "x",
    "heading with 50,000 {#a": "# T " + "{#a " * 50_000,
    "heading attribute list with 200,000 spaces": "# T {" + " " * 200_000 + "x",
    "20,000 lines of [^a": "[^a\n" * 20_000,
    "100,000 zero-width spaces in a word": "IS" + "\u200b" * 100_000 + "O 9001",
    "50,000 mixed-script words": "ІSO 9001 " * 50_000,
    "100,000 combining accents": "e" + "\u0301" * 100_000,
}


class _Parsed:
    """Stands in for markdown-it, giving tokens parsed beforehand: parse() is timed without
    markdown-it-py's own share (about 40 µs per "[" here, linear but slow)."""

    def __init__(self, tokens: list):
        self.tokens = tokens

    def parse(self, _markdown: str) -> list:
        return self.tokens


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_is_read_in_linear_time(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check that parsing (past markdown-it's own share) and splitting into clauses finish: no regex of ours
    backtracks on the input."""
    text = PATHOLOGICAL[name]
    monkeypatch.setattr(markdown_text, "_md", _Parsed(_md.parse(text)))
    with _no_hang("parse"):
        parsed = parse(text)
    with _no_hang("clauses"):
        found = clauses(parsed)
        tricks(parsed)
    for clause in found[:50] + found[-50:]:
        clause.position(0)
        clause.position(len(clause.text), end=True)


@pytest.mark.parametrize("pattern, text", [
    (_ATTR_ID, "Title" + " " * 200_000 + "x"),
    (_ATTR_ID, "T " + "{#a " * 100_000),
    (_ATTR_ID, "T {" + " " * 200_000 + "#" + "a" * 200_000 + " x"),
    (_FOOTNOTE_DEF, "[^a\n" * 200_000),
    (_COMMENT, "<!--" * 200_000),
    (_COMMENT, "<!-- a\n" * 200_000),
], ids=["attr-spaces", "attr-openers", "attr-long-id", "footnote-lines", "comments", "comment-lines"])
def test_page_parser_regexes_are_linear(pattern: re.Pattern[str], text: str) -> None:
    """Check that the page parser's own regexes finish on their worst inputs (no backtracking)."""
    with _no_hang(pattern.pattern[:40]):
        list(pattern.finditer(text))
        pattern.search(text)


def test_page_parser_regexes_keep_their_meaning() -> None:
    """Check that the rewritten heading-id, footnote and comment patterns still find what they are for."""
    assert _ATTR_ID.search("Scope {#scope}").group(1) == "scope"
    assert _ATTR_ID.search("Scope   { : #sc-1.a  .wide }  ").start() == 5
    assert _ATTR_ID.search("Scope {#a} tail") is None
    assert [m.group(1) for m in _FOOTNOTE_DEF.finditer("x\n[^1]: one\n[^note]: two\n")] == ["1", "note"]
    assert [m.group(0) for m in _COMMENT.finditer("a <!-- claims: ignore -->\n<!-- two\nlines --> b")] == [
        "<!-- claims: ignore -->", "<!-- two\nlines -->"]


# --- markdown-it-py's share, and the work a long text costs -------------------------------------

_PLAIN_MD = MarkdownIt("commonmark").enable("table")
"""markdown-it-py as it comes, without the page parser's shortcuts on brackets."""
_OLD_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9#|-])")


def _tokens(tokens: list) -> list:
    return [(t.type, t.tag, t.nesting, t.content, sorted((t.attrs or {}).items()), t.map, t.markup, t.info,
             _tokens(t.children or [])) for t in tokens]


@PROPERTY
@given(st.lists(st.sampled_from(list("[]()!a `<>*_\\\n") + ["](", "![", "[x]", "[x](y)", "<http://x>", "\n[x]: /y\n",
                                                          "\n\n", "[" * 21, "| a |\n|---|\n"]), max_size=40).map("".join))
def test_bracket_shortcuts_give_markdown_its_own_tokens(text: str) -> None:
    """Check that the page parser's shortcuts on brackets give exactly the tokens markdown-it-py gives without them."""
    assert _tokens(_md.parse(text)) == _tokens(_PLAIN_MD.parse(text))


def test_remembered_inline_text_is_read_again_where_a_page_defines_references() -> None:
    """Check that a paragraph parsed before gives the same links again, and that one whose page defines a reference
    is read with that page's references, not with what another page's gave."""
    assert [(link.href, link.line) for link in parse("Intro.\n\nSee [the guide](a.md) and [x].\n").links] == [("a.md", 3)]
    assert [(link.href, link.line) for link in parse("See [the guide](a.md) and [x].\n").links] == [("a.md", 1)]
    assert [link.href for link in parse("See [the guide](a.md) and [x].\n\n[x]: b.md\n").links] == ["a.md", "b.md"]
    assert [link.href for link in parse("See [the guide](a.md) and [x].\n\n[x]: c.md\n").links] == ["a.md", "c.md"]
    assert [link.href for link in parse("See [the guide](a.md) and [x].\n").links] == ["a.md"]


def _old_split(text: str, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    parts, start = [], 0
    for match in pattern.finditer(text):
        parts.append((start, text[start: match.start() + (1 if pattern is _OLD_SENTENCE_END else 0)]))
        start = match.end()
    parts.append((start, text[start:]))
    return [(s, t) for s, t in parts if t.strip()]


@PROPERTY
@given(st.lists(st.sampled_from(list(".!?\"”’')( \nAa0#|-“‘;—–\t") + ["  "]), max_size=40).map("".join))
def test_sentences_and_clauses_are_cut_where_the_regexes_cut(text: str) -> None:
    """Check that sentences (the end mark matched, not looked behind for) and clauses (texts with no ';' or dash not
    searched) are cut exactly where the former patterns cut them."""
    assert _split(text, _SENTENCE_END) == _old_split(text, _OLD_SENTENCE_END)
    assert _split(text, _CLAUSE_SPLIT) == _old_split(text, _OLD_CLAUSE_SPLIT)


def _calls(fn: Callable[[str], object], text: str) -> int:
    """How many Python functions fn(text) calls: the work it does, counted rather than timed."""
    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        fn(text)
    finally:
        sys.setprofile(None)
    return count


FLOODS: dict[str, tuple[Callable[[int], str], int, float | None]] = {
    # name: (text of about n characters, n, Python calls a character at most)
    '"[" on one line': (lambda n: "[" * n, 200_000, 1),
    '"[" on many lines': (lambda n: ("[" * 99 + "\n") * (n // 100), 200_000, 1),
    '"]"': (lambda n: "]" * n, 200_000, 1),
    '"!["': (lambda n: "![" * (n // 2), 200_000, 1),
    '"[a "': (lambda n: "[a " * (n // 3), 200_000, 5),
    # A link after the brackets: markdown-it-py reads ahead from each "[" (about 90 calls a character), linearly.
    '"[" then a link on every line': (lambda n: ("[" * 90 + "[a](b)\n") * (n // 97), 40_000, None),
}


@pytest.mark.parametrize("name", list(FLOODS))
def test_bracket_floods_cost_little_work_a_character(name: str) -> None:
    """Check that parsing a flood of brackets (200 kB), markdown-it-py included, makes a few Python calls a character
    where no link follows (markdown-it-py alone read ahead from every "[": about 90 calls a character, seconds for
    the page), and that four times the text is four times the work."""
    make, n, most = FLOODS[name]
    small, large = _calls(parse, make(n // 4)), _calls(parse, make(n))
    if most is not None:
        assert large < most * n, f"{large:,} calls for {n:,} characters"
    assert large < 4.5 * small, f"{small:,} calls for a quarter of the text, {large:,} for all of it"


def test_mentions_of_a_long_text_are_found_in_n_log_n() -> None:
    """Check that naming thousands of bodies and standards in one text costs work in proportion (each name is tested
    against those found before by a binary search, not against each of them: that was quadratic)."""
    gaz = gazetteer.build(load_site(ROOT))
    text = "ISO 9001 is certified by UKAS, a certification body, and ISO 14001 by ANAB. "
    small, large = (_calls(gaz._find, text * n) for n in (500, 2000))
    assert large < 4.5 * small, f"{small:,} calls for a quarter of the text, {large:,} for all of it"


def _lines(fn: Callable[[], object]) -> int:
    """How many lines of Python fn() runs, loops included: its work, counted rather than timed."""
    count = 0

    def local(_frame: object, event: str, _arg: object):  # a trace function returns itself
        nonlocal count
        if event == "line":
            count += 1
        return local

    sys.settrace(lambda _frame, _event, _arg: local)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def test_a_position_in_a_long_block_is_found_by_binary_search() -> None:
    """Check that finding the line and column of an offset in a block of 160,000 lines runs at most twice the
    lines of Python it runs in a block of 10,000 (a scan of every line ran 16 times as many), and gives what the
    scan gave."""
    def block(n: int) -> Segment:
        return Segment("paragraph", "", 1, [(10 * i, i + 1, 1 + i % 3) for i in range(n)])

    def work(segment: Segment) -> int:
        offsets = range(0, 10 * len(segment.lines), len(segment.lines) // 100 * 10)
        return _lines(lambda: [segment.position(offset) for offset in offsets])

    small, large = block(10_000), block(160_000)
    assert work(large) < 2 * work(small), (work(small), work(large))
    assert [large.position(o) for o in (-2, 0, 9, 10, 15, 1_599_999, 2_000_000)] == [
        (1, -1), (1, 1), (1, 10), (2, 2), (2, 7), (160_000, 10), (160_000, 400_011)]
