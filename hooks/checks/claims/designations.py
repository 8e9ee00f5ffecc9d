"""How a standard is designated: a designation the data does not know is named as unchecked, with
the known one a single edit away as a did-you-mean (ISO 19001 -> ISO 19011); a short designation
("ISO 27001") of a jointly developed standard is given its official form ("ISO/IEC 27001").
"""

from __future__ import annotations

import os

from .evaluate import Context, Hit
from .gazetteer import Mention
from .sentences import Clause


def check_unknown_designations(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    """A designation the data does not know is not checked: say so, with a did-you-mean."""
    known = ctx.known_designations
    hits = []
    for m in mentions:
        if m.kind != "other-standard" or any(_same_designation(m.ref, k) for k in known):
            continue
        nearest = _nearest_designation(m.ref, list(known))
        hint = f" Did you mean {nearest}?" if nearest else ""
        hits.append(Hit("designation-unknown", m.start, m.end,
                        f"{m.ref} is not a standard the data knows, so nothing said of it is checked.{hint} "
                        f"If it is right, add it to data/references.yaml.", expected=None, source=None, severity="info"))
    return hits


def _nearest_designation(written: str, known: list[str]) -> str | None:
    """The known designation one edit away from the written number, the longest shared start first
    (ISO 19001 -> ISO 19011, not ISO 14001)."""
    number = written.rsplit(" ", 1)[-1]
    best: tuple[int, int, str] | None = None
    for designation in known:
        other = designation.split(":")[0].rsplit(" ", 1)[-1]
        distance = _edits(number, other)
        if distance > 1 or len(number) < 4:
            continue
        prefix = len(os.path.commonprefix([number, other]))  # noqa: RUF071 - numbers, compared character by character on purpose
        if best is None or (distance, -prefix) < best[:2]:
            best = (distance, -prefix, designation.split(":")[0])
    return best[2] if best else None


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short strings: designation numbers)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _same_designation(written: str, known: str) -> bool:
    return written.replace(" ", "").casefold() == known.split(":")[0].replace(" ", "").casefold()


def check_designations(clause: Clause, mentions: list[Mention], ctx: Context) -> list[Hit]:
    if ctx.designation_severity == "off":
        return []
    hits = []
    for m in mentions:
        if m.kind == "standard" and m.short:
            std = ctx.gaz.site.standards[m.ref]
            hits.append(Hit("designation", m.start, m.end,
                            f"the official designation is {std.designation!r}: it is developed jointly by "
                            f"{' and '.join(ctx.gaz.site.organizations[d].abbreviation for d in std.developers)}.",
                            expected=std.designation, source=ctx.gaz.site.source_url(std.source),
                            severity=ctx.designation_severity))
    return hits
