"""The year a standard was first published, read from one clause ("ISO 9001 was first published in
1987", "The original ISO 9001 dates from 1987"): the first edition's year is in the data. The
pattern is shared with editions.py, which leaves the years it finds to this check.
"""

from __future__ import annotations

import re

from .clause_reading import holding
from .evaluate import Context, Hit
from .gazetteer import Mention
from .sentences import Clause

_PUBLISHED_FIRST = (r"(?:published|released|issued|brought\s+out)\s+(?:the\s+|its\s+)?(?:very\s+)?"
                    r"(?:first|original|initial)\s+(?:edition|version)")
FIRST = re.compile(r"\b(?:(?:first|originally|initially)\s+"
                   r"(?:published|released|issued|appeared|came\s+out|saw\s+(?:print|the\s+light))|"
                   r"did\s+(?:first|originally|initially)\s+(?:appear|come\s+out|see\s+(?:print|the\s+light))|"
                   r"debut(?:ed|s)?|saw\s+the\s+light\s+of\s+day|made\s+(?:its|their)\s+debut|has\s+been\s+around\s+since|dates?\s+back\s+to|"
                   r"first\s+(?:\w+\s+){0,3}(?:edition|version)\s+(?:of\s+[^.;]{1,30}?\s+)?(?:dates\s+(?:back\s+)?(?:from|to)|"
                   r"appeared|came\s+out|was\s+(?:published|released|issued))|(?:has|have)\s+(?:existed|been\s+around)\s+since)"
                   r"\b[^.;]{0,30}?\b(?P<year>(?:19|20)\d\d)\b|"
                   r"\b(?:(?:was|were)\s+(?:first\s+)?(?:introduced|launched|born)|came\s+into\s+(?:being|existence))\s+in\s+"
                   r"(?P<year2>(?:19|20)\d\d)\b|"
                   r"\bdates\s+(?:back\s+)?(?:from|to)\s+(?P<year3>(?:19|20)\d\d)\b(?=[^.;]{0,30}\bfirst\s+(?:published|released))|"
                   # "was not published until 2020", "wasn't published until 2020"
                   r"(?P<until>\bnot|(?<=\w)n['’]t)\s+(?:(?:first|officially)\s+)?(?:published|released|issued|introduced|launched)"
                   r"\s+until\s+(?P<year4>(?:19|20)\d\d)\b|"
                   # "(Back) in 1994, ISO published the very first edition of ISO 9001", "... the first edition of X in 1994"
                   r"\bin\s+(?P<year5>(?:19|20)\d\d)\b[^.;]{0,40}?\b" + _PUBLISHED_FIRST + r"|"
                   + _PUBLISHED_FIRST + r"\s+of\s+[^.;]{1,30}?\s+in\s+(?P<year6>(?:19|20)\d\d)\b|"
                   # "The very first ISO 9001 was issued in 1987", "The original ISO 9001 dates from 1987": the words between
                   # the adjective and the verb must name the standard alone (see _first_named)
                   r"\b(?:first(?:-ever)?|original|initial|earliest)\s+(?P<named>[^.;,]{1,30}?)\s+(?:was\s+(?:published|issued|"
                   r"released|introduced|launched)|dates\s+(?:back\s+)?(?:from|to)|appeared|came\s+(?:out|into\s+(?:being|existence)))"
                   r"\b[^.;]{0,20}?\b(?P<year7>(?:19|20)\d\d)\b", re.I)
FIRST_YEARS = ("year", "year2", "year3", "year4", "year5", "year6", "year7")
BUT_IN = re.compile(r"\s*,?\s*but\s+(?:(?:only|actually|rather)\s+)?in\s+(?P<year>(?:19|20)\d\d)\b", re.I)
EDITION_WORDS = re.compile(r"(?:\s*\b(?:edition|version|standard|release)\b)*\s*", re.I)


def check_first_published(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    """'ISO 9001 was first published in 2015': the first edition's year is in the data."""
    first = FIRST.search(clause.text)
    standards = [m for m in mentions if m.kind == "standard" and not m.predecessor]
    if first is None or not standards:
        return []
    mode = holding(clause, first.start()).mode
    # "was not first published in 1987 but in 1994", "first published not in 1994 but in 1987": the year after 'but' is said
    contrast = BUT_IN.match(clause.text, first.end())
    if contrast is not None and (mode == "negated" or (
            first.group("year") and re.search(r"\bnot\s+in\s+$", clause.text[:first.start("year")], re.I))):
        said = int(contrast.group("year"))
    elif contrast is not None or mode != ("negated" if first.group("until") else "asserted"):
        return []  # "was not published until 2020" says it first came out in 2020: its own 'not' is part of the claim
    else:
        said = int(next(y for y in first.group(*FIRST_YEARS) if y))
    if first.group("year7"):
        standards = _first_named(clause.text, first, standards)
    if not standards:
        return []
    if standards[0].year is not None and standards[0].start < first.end():
        return []  # "ISO 45001:2018 was introduced in 2018": an edition's own date, not the first one
    if re.search(r"\b(?:certific|registration)", clause.text[standards[0].end:first.start()], re.I):
        return []  # "an ISO 9001:2008 certificate, first issued in 2009": said of the certificate
    std = ctx.site.standards[standards[0].ref]
    years = sorted([std.current_edition.year, *(e.year for e in std.earlier_editions)])
    if said == years[0]:
        return []
    return [Hit("edition-date", first.start(), first.end(),
                f"{std.designation} was first published in {years[0]} (editions in the data: "
                f"{', '.join(str(y) for y in years)}).", expected=str(years[0]), source=ctx.site.source_url(std.source))]


def _first_named(text: str, first: re.Match[str], standards: list[Mention]) -> list[Mention]:
    """The standard 'the first ... was issued' names: the one mention between the adjective and the verb, with
    nothing else there but 'edition' or 'standard' ("The first ISO 9001 certificate was issued in 1988": none)."""
    start, end = first.span("named")
    named = [m for m in standards if start <= m.start and m.end <= end]
    if len(named) != 1 or not EDITION_WORDS.fullmatch(text[start:named[0].start] + " " + text[named[0].end:end]):
        return []
    return named
