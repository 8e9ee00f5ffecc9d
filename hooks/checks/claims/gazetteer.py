"""Names the checker recognizes, built from the data: organizations (with their roles),
standards (designations, editions, predecessors) and subjects. A new organization or
standard file is understood the moment it exists; nothing here lists ISO or UKAS by hand.

The few fixed words are English, not facts: generic names of kinds of body ("a
certification body", "registrar") and the people who are not bodies ("customers").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from hooks.data.model import Site

from .word_starts import Scan, WordStarts

# Generic names for a kind of organization; the kind's roles come from the data.
KIND_NAMES = {
    "certification-body": r"(?:independent\s+)?(?:certification|certifying|conformity assessment)\s+bod(?:y|ies)|"
                          r"registrars?|auditors? from (?:a|the) certification body",
    "accreditation-body": r"(?:national\s+)?accreditation\s+bod(?:y|ies)",
    "standards-body": r"(?:international\s+)?standards\s+(?:bod(?:y|ies)|organi[sz]ations?|developers?)|"
                      r"(?:organi[sz]ation|body|one)\s+that\s+(?:writes|publishes|develops)\s+(?:the\s+)?standards",
}
# Not organizations with roles; they stop the search for an agent ("customers approve suppliers").
OTHERS = (r"\b(?:customers?|clients?|buyers?|purchasers?|regulators?|governments?|consultants?|"
          r"organi[sz]ations|companies|businesses|firms|suppliers|our customer|our largest customer)\b")


@dataclass(frozen=True)
class Mention:
    kind: str
    """'org', 'class', 'other', 'standard', 'subject'; 'other-standard' (a standard the data has no
    page for), 'document' (a body's document: IAF MD 5)."""
    ref: str
    """org id, org kind, standard id, subject id."""
    start: int
    end: int
    year: int | None = None
    short: bool = False
    """For standards: written without the joint prefix ('ISO 27001' for 'ISO/IEC 27001')."""
    predecessor: str | None = None


@dataclass
class Gazetteer:
    site: Site
    org_pattern: re.Pattern[str]
    org_names: dict[str, str]
    class_pattern: re.Pattern[str]
    other_pattern: re.Pattern[str]
    standard_pattern: re.Pattern[str]
    standard_numbers: dict[str, str]
    predecessor_pattern: re.Pattern[str] | None
    predecessors: dict[str, tuple[str, dt.date | None]]
    subject_pattern: re.Pattern[str]
    subject_words: dict[str, str]
    title_pattern: re.Pattern[str]
    """A formal title: two or more title parts joined by dashes ("Quality management systems — Requirements")."""
    title_owners: dict[str, str]
    """Normalized full title, and each title's '... management systems' part -> standard id."""
    words: WordStarts
    """Where in a sentence each name pattern can match, by the first words of its names."""
    _found: dict[str, list[Mention]] = field(default_factory=dict)

    def roles(self, mention: Mention, day: dt.date) -> set[str]:
        """The roles the mentioned org (or kind of org) holds on that day."""
        if mention.kind == "org":
            org = self.site.organizations[mention.ref]
            return {r.role for r in org.roles if r.holds_on(day)}
        if mention.kind == "class":
            return ({r.role for org in self.site.organizations.values() if org.kind == mention.ref
                     for r in org.roles if r.holds_on(day)}
                    | {p.id for p in self.site.predicates.values() if mention.ref in p.kinds})
        return set()

    def ever_roles(self, mention: Mention) -> dict[str, dt.date | None]:
        """Roles the org ever held, with the day each ended (None: still holds it)."""
        if mention.kind != "org":
            return {}
        return {r.role: r.until for r in self.site.organizations[mention.ref].roles}

    def label(self, mention: Mention) -> str:
        if mention.kind == "org":
            return self.site.organizations[mention.ref].abbreviation
        if mention.kind == "class":
            return mention.ref.replace("-", " ").replace("body", "bodies")
        return mention.ref

    def holders(self, role: str, day: dt.date) -> list[str]:
        return [o.abbreviation for o in self.site.organizations.values()
                if any(r.role == role and r.holds_on(day) for r in o.roles)]

    def find(self, text: str) -> list[Mention]:
        """Every mention in text (remembered: a checker asks about the same sentence several times)."""
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = self._find(text)
        return found

    def _find(self, text: str) -> list[Mention]:
        """Every mention in text, standards first so 'IEC' inside 'ISO/IEC 27001' is no org."""
        mentions: list[Mention] = []
        taken = _Spans()
        free = taken.free
        scan = self.words.scan(text)

        for m in scan.finditer(self.standard_pattern):
            number = m.group("number")
            sid = self.standard_numbers.get(number)
            if sid is None:
                # A standard the data has no page for (ISO 9000): no checks, but its "ISO" is no org.
                written = " ".join(text[m.start():m.end()].split()).split(":")[0]
                mentions.append(Mention("other-standard", written, m.start(), m.end()))
                taken.add(m.start(), m.end())
                continue
            std = self.site.standards[sid]
            prefix = re.sub(r"\s+", " ", m.group("prefix")).upper().replace(" ", "/")
            expected_prefix = std.designation.rsplit(" ", 1)[0].upper()
            # "ISO27001" glued is a tag or a title's keyword more than a designation written short: read, not warned
            short = prefix != expected_prefix and "/" in expected_prefix and text[m.start("number") - 1].isspace()
            written = m.group("year") or m.group("spaced")
            year = int(written) if written else None
            start = m.start()
            if year is None:  # "the 2013 edition of ISO/IEC 27001": the year belongs to the standard
                edition = _EDITION_OF.search(text, max(0, start - 40), start)
                if edition is not None:
                    year, start = int(edition.group("year")), edition.start("year")
            mentions.append(Mention("standard", sid, start, m.end(), year, short))
            taken.add(start, m.end())
        mentions += _bare_editions(scan, mentions, taken)
        if self.predecessor_pattern:
            for m in scan.finditer(self.predecessor_pattern):
                key = re.sub(r"\s+", " ", m.group(0)).upper()
                name = next((k for k in self.predecessors if key.startswith(k.upper())), None)
                if name:
                    mentions.append(Mention("standard", self.predecessors[name][0], m.start(), m.end(), predecessor=name))
                    taken.add(m.start(), m.end())
        for pattern, kind in ((self.org_pattern, "org"), (self.class_pattern, "class"), (self.other_pattern, "other")):
            for m in scan.finditer(pattern):
                if not free(m.start(), m.end()):
                    continue
                document = _DOCUMENT_CODE.match(text, m.end()) if kind == "org" else None
                if document is not None:  # "IAF MD 5": a body's document, named like a standard, not the body
                    mentions.append(Mention("document", text[m.start():document.end()], m.start(), document.end()))
                    taken.add(m.start(), document.end())
                    continue
                ref = (self.org_names[m.group(0).casefold()] if kind == "org"
                       else _which_class(m.group(0)) if kind == "class" else "other")
                mentions.append(Mention(kind, ref, m.start(), m.end()))
                taken.add(m.start(), m.end())
        for m in scan.finditer(self.subject_pattern):
            if free(m.start(), m.end()):
                mentions.append(Mention("subject", self.subject_words[_norm(m.group(0))], m.start(), m.end()))
        return sorted(mentions, key=lambda x: x.start)


_DOCUMENT_CODE = re.compile(r"[ \t\u00a0]?(?:MD|ML|PL|GD|TB|P|G)[ \t\u00a0]?\d{1,3}(?:[:.]\d{1,4})?\b")
"""A document code after a body's name: IAF MD 5 (a mandatory document), IAF GD 24, ILAC P15, ILAC G8."""


def _bare_editions(scan: Scan, mentions: list[Mention], taken: _Spans) -> list[Mention]:
    """'the 2015 edition', 'its current version dates from 2008': an edition by its year alone, read
    as one of the standard the sentence names, where it names exactly one."""
    named = {m.ref for m in mentions if m.kind == "standard"}
    if len(named) != 1:
        return []
    sid = named.pop()
    found = []
    for m in scan.finditer(_BARE_EDITION):
        group = "year" if m.group("year") else "year2"
        start, end = m.span(group)
        if taken.free(start, end):
            found.append(Mention("standard", sid, start, end, int(m.group(group))))
            taken.add(start, end)
    return found


_BARE_EDITION = re.compile(r"\b(?:the|its|an?|this|that)\s+(?P<year>(?:19|20)\d\d)\s+"
                           r"(?:edition|version|revision|release)\b(?!\s+of\b)|"
                           r"\b(?:edition|version)\s+(?:\w+\s+){0,2}?(?:dates\s+from|is\s+from|was\s+(?:published|released)\s+in|"
                           r"came\s+out\s+in)\s+(?P<year2>(?:19|20)\d\d)\b", re.I)


class _Spans:
    """The spans of a text already named, merged and in order: whether a new span is free (overlaps
    none) is one binary search, so that a long text naming thousands of things is read in n log n."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, a: int, b: int) -> bool:
        """Whether text[a:b] overlaps no span taken."""
        i = bisect_left(self.starts, b) - 1  # the last span starting before b: the furthest end of those
        return i < 0 or self.ends[i] <= a

    def add(self, a: int, b: int) -> None:
        """Take text[a:b], merged with the spans it overlaps or touches."""
        i = bisect_left(self.starts, a)
        if i and self.ends[i - 1] >= a:
            i -= 1
            a = self.starts[i]
        j = i
        while j < len(self.starts) and self.starts[j] <= b:
            b = max(b, self.ends[j])
            j += 1
        self.starts[i:j] = [a]
        self.ends[i:j] = [b]


_EDITION_OF = re.compile(r"\b(?P<year>(?:19|20)\d\d)\s+(?:edition|version|revision|release)\s+of\s+(?:the\s+)?$", re.I)


def _which_class(text: str) -> str:
    low = text.casefold()
    for kind, pattern in KIND_NAMES.items():
        if re.fullmatch(pattern, low, re.I):
            return kind
    return "certification-body"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


TITLE_DASH = re.compile(r"\s*(?:—|–|--)\s*|\s+-\s+")
# English, not facts: how a part of a title the data does not know is shaped.
_GENERIC_HEAD = r"(?:[A-Z][a-z]+(?:,?\s+(?:and\s+)?[a-z]+){0,5}\s+)?management\s+systems?"
_GENERIC_TAIL = r"(?:Requirements|Guidelines|Guidance|Vocabulary|Specification)"


def title_parts(title: str) -> list[str]:
    """A title's dash-separated parts, normalized."""
    return [_norm(part) for part in TITLE_DASH.split(title) if part.strip()]


def title_key(title: str) -> str:
    return " — ".join(title_parts(title))


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(set(names), key=len, reverse=True))


def build(site: Site) -> Gazetteer:
    org_names: dict[str, str] = {}
    case_sensitive: list[str] = []
    case_insensitive: list[str] = []
    for org in site.organizations.values():
        for name in [org.abbreviation, *org.aliases]:
            org_names[name.casefold()] = org.id
            (case_sensitive if name.isupper() else case_insensitive).append(name)
        org_names[org.name.casefold()] = org.id
        case_insensitive.append(org.name)
    org_pattern = re.compile(
        rf"(?<![\w/])(?:{_alternation(case_sensitive)}|(?i:{_alternation(case_insensitive)}))(?![\w/])"
        if case_insensitive else rf"(?<![\w/])(?:{_alternation(case_sensitive)})(?![\w/])")
    class_pattern = re.compile("|".join(rf"\b(?:{p})\b" for p in KIND_NAMES.values()), re.I)
    numbers: dict[str, str] = {}
    prefixes: set[str] = set()
    for sid, std in site.standards.items():
        prefix, number = std.designation.rsplit(" ", 1)
        numbers[number] = sid
        prefixes.update(prefix.split("/"))
    prefix_re = "|".join(sorted(prefixes, key=len, reverse=True))
    standard_pattern = re.compile(
        rf"(?<![\w/])(?P<prefix>(?:{prefix_re})(?:\s*/\s*(?:{prefix_re}))*)[\s\u00a0]*(?P<number>\d+(?:-\d+)?)"
        rf"(?:\s*:\s*(?P<year>\d{{4}})|[\s\u00a0]+(?P<spaced>(?:19|20)\d\d)(?![\d:/-]))?(?![\d])(?!(?<=\d)[A-Za-z])")
    predecessors: dict[str, tuple[str, dt.date | None]] = {}
    for sid, std in site.standards.items():
        for pred in std.predecessors:
            predecessors[pred.designation] = (sid, pred.certificates_valid_until)
    predecessor_pattern = re.compile(
        rf"(?<![\w/])(?:{_alternation(list(predecessors))})(?:\s*:\s*\d{{4}})?", re.I) if predecessors else None
    subject_words: dict[str, str] = {}
    for subject in site.subjects.values():
        for word in [subject.name, subject.system, *subject.keywords]:
            subject_words[_norm(word)] = subject.id
            if word.casefold().endswith("management"):
                continue
    subject_pattern = re.compile(rf"\b(?:{_alternation(list(subject_words))})\b", re.I)
    title_owners: dict[str, str] = {}
    parts: set[str] = set()
    for sid, std in site.standards.items():
        title_owners[title_key(std.title)] = sid
        for part in TITLE_DASH.split(std.title):
            parts.add(part.strip())
            if re.search(r"management\s+systems?$", part.strip(), re.I):
                title_owners.setdefault(_norm(part), sid)
    # Known parts, longest first, then the generic shapes; only capitalized parts start a title.
    part_re = f"(?:{_alternation(sorted(parts))}|{_GENERIC_HEAD}|{_GENERIC_TAIL})"
    title_pattern = re.compile(rf"(?<![\w-]){part_re}(?:(?:\s*(?:—|–|--)\s*|\s+-\s+){part_re})+(?![\w-])")
    other_pattern = re.compile(OTHERS, re.I)
    # Not _BARE_EDITION: it starts with "the" or "a", words of nearly every sentence, and runs where one standard is named.
    words = WordStarts([p for p in (predecessor_pattern, org_pattern, class_pattern, other_pattern, subject_pattern)
                        if p is not None])
    return Gazetteer(site, org_pattern, org_names, class_pattern, other_pattern, standard_pattern,
                     numbers, predecessor_pattern, predecessors, subject_pattern, subject_words,
                     title_pattern, title_owners, words)
