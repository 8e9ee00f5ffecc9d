"""What holding.py decides, as a value: how a sentence holds a claim (asserted, negated, asked,
reported or conditional), the time the claim speaks of (the past, a year and how it is named), and the
word that decided it; and the type of the test, given by the caller, of a body the text relies on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Token


Mode = Literal["asserted", "negated", "asked", "reported", "conditional"]


@dataclass(frozen=True)
class Holding:
    mode: Mode
    past: bool = False
    """The claim speaks of the past."""
    year: int | None = None
    """The year the claim speaks of, where the sentence names one."""
    relation: str | None = None
    """How the year is named: 'until', 'in', 'since', 'before', ..."""
    cue: str = ""
    """The word that decided the mode, for messages and notes."""
    wh: bool = False
    """Asked by a wh-question, which presupposes what it names ("What changed in ISO 9001:2010?")."""

    @property
    def judged(self) -> bool:
        """Asserted or negated: the text says the claim is true or false."""
        return self.mode in ("asserted", "negated")

    @property
    def positive(self) -> bool:
        return self.mode == "asserted"


Authority = Callable[["Token"], bool]
"""Does this token name a body the text relies on (an organization in the data)?"""
