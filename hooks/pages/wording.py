"""Small wording filters for templates: text from data shaped for a place in a sentence or a heading."""

from __future__ import annotations

from typing import Any


def capitalize(value: Any) -> str:
    """Upper-case the first letter and leave the rest alone: "OH&S risk" stays "OH&S risk", "annex A
    controls" becomes "Annex A controls". (Jinja's own capitalize lowers everything after the first
    letter, which turned acronyms into "Oh&s" and "annex a".)"""
    text = str(value)
    return text[:1].upper() + text[1:]


def slug(value: Any) -> str:
    """A readable anchor from a name: "ANSI (US member of ISO)" -> "ansi-us-member-of-iso"."""
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in str(value).lower()).split()
    return "-".join(words) or "x"
