"""Check the filters templates print dates and counts with."""

from __future__ import annotations

import datetime as dt

from hooks.pages.escape import format_date, month
from hooks.pages.prose import number as number_words


def test_month_prints_month_and_year() -> None:
    """Check that a status's as-of day prints as "November 2026", and a missing one says so."""
    assert month(dt.date(2026, 11, 24)) == "November 2026"
    assert month(dt.date(2026, 1, 1)) == "January 2026"
    assert month(None) == "not stated"
    assert format_date(dt.date(2026, 11, 24)) == "24 November 2026"


def test_number_words_follow_the_prose_style() -> None:
    """Check that counts below ten are words and larger ones digits, as the style guide asks."""
    assert [number_words(n) for n in (0, 1, 3, 9)] == ["0", "one", "three", "nine"]
    assert number_words(10) == "10"
    assert number_words(36) == "36"
