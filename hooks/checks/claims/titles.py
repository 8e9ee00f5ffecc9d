"""A standard's formal title, where a sentence gives one, read against the data: the title of another
standard is an error, another wording of its own title a warning.
"""

from __future__ import annotations

import re

from .evaluate import Context, Hit
from .gazetteer import Mention, title_key, title_parts
from .reading import Reading


def check_titles(reading: Reading, sentence: str, ctx: Context) -> list[Hit]:
    """A standard's formal title, where a sentence gives one, reads as in the data.

    Works on the whole sentence (clauses split at dashes, and titles are written with them);
    offsets are in the sentence. Titles of earlier editions differ, so those are left alone.
    """
    gaz, site = ctx.gaz, ctx.gaz.site
    hits: list[Hit] = []
    standards: list[Mention] | None = None
    for t in gaz.title_pattern.finditer(sentence):
        if standards is None:  # found once per sentence, only where a title is
            standards = [m for m in gaz.find(sentence)
                         if (m.kind == "standard" and not m.predecessor) or m.kind == "other-standard"]
        before = [m for m in standards if m.end <= t.start()]
        owner = before[-1] if before else next((m for m in standards if m.start >= t.end()), None)
        if owner is None or owner.kind == "other-standard":
            hits += _given_another(reading, sentence, t, owner, ctx) if owner is not None else []
            continue
        if not reading.holding_at(t.start()).positive:
            continue
        std = site.standards[owner.ref]
        if owner.year not in (None, std.current_edition.year):
            continue
        written = title_key(t.group(0))
        if written == title_key(std.title):
            continue
        other = next((site.standards[gaz.title_owners[k]] for k in (written, *title_parts(t.group(0)))
                      if gaz.title_owners.get(k, owner.ref) != owner.ref), None)
        said = " ".join(t.group(0).split())
        if other is not None:
            hits.append(Hit("standard-title", t.start(), t.end(),
                            f"the title of {std.designation} is \"{std.title}\"; \"{said}\" is the title of {other.designation}.",
                            expected=std.title, source=site.source_url(std.source)))
        else:
            hits.append(Hit("standard-title", t.start(), t.end(),
                            f"the title of {std.designation}:{std.current_edition.year} is \"{std.title}\"; "
                            f"write it the same way on every page.", expected=std.title,
                                                                     source=site.source_url(std.source), severity="warning"))
    return hits


APPOSED = re.compile(r"\s*[,:]?\s*")


def _given_another(reading: Reading, sentence: str, t: re.Match[str], other: Mention, ctx: Context) -> list[Hit]:
    """'ISO 9000, Quality management systems — Requirements, is ...': a standard the data has no page for,
    given in apposition the full title of one it has, is given another standard's title."""
    site = ctx.gaz.site
    owner = next((sid for sid, std in site.standards.items() if title_key(std.title) == title_key(t.group(0))), None)
    if owner is None or not APPOSED.fullmatch(sentence, other.end, t.start()) or not reading.holding_at(t.start()).positive:
        return []
    if re.match(r"\s*[(\[]\s*(?:ISO|IEC)\b", sentence[t.end():]):
        return []  # "Unlike ISO 9000, Quality management systems — Requirements (ISO 9001) ...": the title's own owner follows
    std, said = site.standards[owner], sentence[other.start:other.end]
    return [Hit("standard-title", other.start, t.end(),
                f"\"{std.title}\" is the title of {std.designation}, not of {said}.",
                expected=std.designation, source=site.source_url(std.source))]
