"""What MkDocs' Markdown renderer (Python-Markdown with this site's extensions) costs, measured by
tests/benchmarks/markdown_render.py: the one place those numbers live, and the limits a page is held to.
hooks/pages/slow_markdown.py adds up these costs over a page's text."""

from __future__ import annotations

from dataclasses import dataclass

LIMIT_SECONDS = 1.0
"""The most the renderer's rereading of one page may take: this site's pages need a few milliseconds;
a run of 2,700 '[' takes a second."""
MAX_DEPTH = 50
"""Lists, quotes, admonitions and `markdown` elements one inside another: pages use a few levels; the
renderer recurses once per level and fails at about 300 (Python's recursion limit), as the YAML loader
limits data (too-deep)."""


@dataclass(frozen=True)
class Reading:
    """One way the renderer rereads text, and what the message says of it."""

    ns: float
    """Nanoseconds per unit (a character read, unless the comment above it says otherwise), measured."""
    reads: str
    here: str
    """What the error's place is."""
    fix: str


READINGS: dict[str, Reading] = {
    # Link patterns (three per '[': reference, link, short reference) read to the matching ']'.
    "bracket": Reading(275, "from each '[' to its ']', or to the end of its paragraph when there is none",
                       "the '[' here reads furthest", "Close each '[' with ']', or write it as '\\['."),
    # A link's target, `](`, to the matching ')'; a quote inside is taken for a title that may not end.
    "target": Reading(105, "from each link's '(' to its ')', or to the end of its paragraph when there is none or "
                      "a quote comes first", "the '(' here reads furthest", "Close each link's '(' with ')'."),
    # A run of backticks with no run as long after it: a unit is a backtick times a character read.
    "code": Reading(0.5, "from each run of backticks to the next run as long, or to the end of its paragraph",
                    "the backticks here read furthest", "Pair each run of backticks with one as long, or write '\\`'."),
    # The text is copied once per match: a unit is a piece of markup times a character of its paragraph.
    "markup": Reading(0.05, "the whole paragraph once for each piece of inline markup in it (emphasis, code, links, "
                      "escapes, entities, tags)", "the paragraph starting here rereads most",
                      "Split the paragraph with blank lines."),
    # html.parser's start-tag pattern, over the whole page.
    "tag": Reading(54, "from each '<' before a letter to the '>' ending the tag, or to the end of the page",
                   "the '<' here reads furthest", "Write '&lt;' for a '<' that starts no tag, and end each tag with '>'."),
    # fenced_code's pattern, over the whole page.
    "fence": Reading(17, "from each ``` or ~~~ line to the same fence closing it, or to the end of the page",
                     "the fence here reads furthest", "Close each code fence with the same fence."),
    # ... and when it finds no closing fence, or the line opens none, it has tried every way of sharing the
    # spaces after the fence among its parts: a unit is a space times a space.
    "fence-spaces": Reading(20, "the spaces after a code fence that opens nothing or is never closed, once for each "
                            "of them", "the fence here has the most", "Remove the spaces after the fence."),
    # tables pairs the backtick runs of a row, copying the rest of the list per run: a unit is a pair of runs.
    "row": Reading(19, "the runs of backticks of a table row, once for each run in it", "the line here has the most",
                   "Write fewer runs of backticks on one line."),
    # attr_list's pattern for headings and table cells, from each space before a '{'.
    "brace": Reading(7.5, "from each ' {' to the end of its line, once per space before the '{' (headings and table "
                     "cells)", "the '{' here reads furthest", "Keep to one '{: ...}', at the end of the line."),
    # footnotes counts up past every earlier id of the footnote: a unit is a pair of references to one footnote.
    "footnote": Reading(1300, "the earlier references to a footnote, at each reference to it",
                        "the footnote referred to here is referred to most", "Refer to each footnote fewer times."),
    # ... and lists every footnote at each reference: a unit is a reference times a footnote.
    "footnotes": Reading(40, "the list of footnotes, at each reference to one", "the first reference is here",
                         "Use fewer footnotes on one page."),
    # Each list, quote or admonition parses its own lines again: a unit is a level times a character.
    "nesting": Reading(25, "each line once for each list, quote or admonition holding it",
                       "the line here is nested deepest", "Nest less deeply."),
}
