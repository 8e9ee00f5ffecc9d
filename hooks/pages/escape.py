"""Escaping: every value from data lands in Markdown (and so in HTML) as inert text.

Templates print data through `finalize`, so escaping is the default and a template
author has to do nothing to be safe; Markdown-valued fields (the guide's prose) keep
their Markdown but lose raw HTML and script links.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|{}])")
_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)


def inline(value: Any) -> Markup:
    """Escape a data value for use inside a line of Markdown: no HTML, no Markdown syntax."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def markdown_field(text: str) -> str:
    """Keep a Markdown-valued field's Markdown, but make raw HTML and script links inert."""
    text = str(text).replace("<", "&lt;")
    return _UNSAFE_LINK.sub("](#unsafe-link-removed", text)


def anchor_id(value: str) -> str:
    """An HTML id: only letters, digits, hyphens and underscores survive."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", value)


def url(value: str) -> str:
    """A URL safe to place in a Markdown link destination."""
    return quote(value, safe=":/?#[]@!$&'*+,;=%-._~")


def format_date(value: dt.date | None) -> str:
    if value is None:
        return "not stated"
    return f"{value.day} {value:%B %Y}"


def month(value: dt.date | None) -> str:
    """The month and year of a day ("November 2026"), for a status true "as of" that month."""
    if value is None:
        return "not stated"
    return f"{value:%B %Y}"


def finalize(value: Any) -> Any:
    """Jinja's finalize hook: what every `{{ ... }}` prints passes through here."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, (int, float)):
        return str(value)
    return inline(value)
