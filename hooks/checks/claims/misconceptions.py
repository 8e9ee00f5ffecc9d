"""Known misconceptions declared in data/misconceptions.yaml: a pattern, the correction,
a source. Editors add one without touching Python; negation and "it is a myth that"
are honoured as for every other claim."""

from __future__ import annotations

import re
from functools import lru_cache

from hooks.data.model import Site

from .clause_reading import asserted_as_written
from .evaluate import Hit
from .sentences import Clause


@lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=8)
def _any(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One search for every myth's patterns: most clauses match none, and one search is cheaper than many."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def check_misconceptions(clause: Clause, site: Site) -> list[Hit]:
    if not _any(tuple(p for myth in site.misconceptions for p in myth.patterns)).search(clause.text):
        return []
    hits = []
    for myth in site.misconceptions:
        for pattern in myth.patterns:
            m = _compile(pattern).search(clause.text)
            if m and asserted_as_written(clause, m.start(), m.end()):
                hits.append(Hit(myth.code, m.start(), m.end(), f"{myth.correction}",
                                expected=myth.correction, source=site.source_url(myth.source), severity=myth.severity))
                break
    return hits
