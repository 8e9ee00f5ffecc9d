"""Helpers that let the guide's prose name standards, organizations, counts and lists from data
instead of typing them: `count(standards)` -> "four", `names(standards)` -> "ISO 9001, ISO 14001,
ISO/IEC 27001 and ISO 45001", `std('iso-9001')` -> the standard. The renderer hands them to every
sandboxed template (Renderer.context), so a fifth standard in data/standards/ changes the prose too.
"""

from __future__ import annotations

from typing import Any

import jinja2

from hooks.data.model import Site

_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number(n: int) -> str:
    """A count as the prose writes it: words for one to nine, digits otherwise ("four", "12", "0")."""
    return _NUMBER_WORDS[n] if 0 < n < len(_NUMBER_WORDS) else str(n)


def count(items: Any) -> str:
    """How many items there are, written as `number` writes it: count(standards) -> "four"."""
    return number(len(list(items)))


def names(items: Any) -> str:
    """A list in prose: "A", "A and B", "A, B and C". Standards give their designation, organizations
    and subjects their name, anything else its text."""
    texts = [str(getattr(item, "designation", None) or getattr(item, "name", None) or item) for item in items]
    if len(texts) < 2:
        return "".join(texts)
    return ", ".join(texts[:-1]) + " and " + texts[-1]


def sentence(text: Any) -> str:
    """Text with its first letter raised and the rest left as written: "annex A controls" -> "Annex A
    controls", "OH&S risk" stays (Jinja's own `capitalize` lowers the rest: "Oh&s", "annex a"; templates'
    `capitalize` filter is this function)."""
    text = str(text)
    return text[:1].upper() + text[1:]


def slug(value: Any) -> str:
    """A readable anchor from a name: "ANSI (US member of ISO)" -> "ansi-us-member-of-iso"."""
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in str(value).lower()).split()
    return "-".join(words) or "x"


def edition(std: Any) -> str:
    """A standard's current edition: "ISO 9001:2015"."""
    return f"{std.designation}:{std.current_edition.year}"


def previous(std: Any) -> Any:
    """A standard's edition before the current one (the latest of its earlier editions), or None."""
    return std.earlier_editions[-1] if std.earlier_editions else None


def helpers(site: Site) -> dict[str, Any]:
    """The prose helpers bound to one site, by the names templates call them."""

    def std(sid: str) -> Any:
        if sid not in site.standards:
            raise jinja2.UndefinedError(f"std(): no standard has the id {sid!r}; "
                                        f"expected one of {sorted(site.standards)}")
        return site.standards[sid]

    def org(oid: str) -> Any:
        if oid not in site.organizations:
            raise jinja2.UndefinedError(f"org(): no organization has the id {oid!r}; "
                                        f"expected one of {sorted(site.organizations)}")
        return site.organizations[oid]

    def editions(items: Any) -> str:
        return names([edition(s) for s in items])

    def subject_names(items: Any) -> str:
        """The subjects of the standards given, each once: "quality management and environmental management"."""
        return names(dict.fromkeys(site.subjects[s.subject].name for s in items))

    return {"std": std, "org": org, "number": number, "count": count, "names": names, "editions": editions,
            "subject_names": subject_names, "sentence": sentence, "previous": previous}


__all__ = ["count", "edition", "helpers", "names", "number", "previous", "sentence", "slug"]
