"""The catalogue of bad inputs: each gives one clear error at file:line:col, a non-zero exit and
no traceback, from both `python -m hooks check` and the README's build command, and a failed
build leaves the previous site exactly as it was.

Every case edits a copy of the fixture site (tests/fixtures/site), whose text is frozen, so the
positions below do not move when an editor changes the real data."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import fixture_site, no_traceback, run

STD = "data/standards/iso-9001.yaml"
SRC = "data/sources.yaml"
CERT = "data/certification.yaml"
ORGS = "data/organizations.yaml"
GUIDE = "data/guide.yaml"


@dataclass
class Bad:
    name: str
    file: str
    mutate: Callable[[str], str | bytes]
    code: str
    at: str | tuple[int, int]
    """Where the error must be: the first occurrence of this text in the mutated file, or (line, col)."""


def sub(old: str, new: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return apply


def const(value: str | bytes) -> Callable[[str], str | bytes]:
    return lambda _text: value


BOMB = ("a: &a [x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n")

CASES = [
    # YAML syntax and encoding
    Bad("unclosed bracket", STD, sub("developers: [iso]", "developers: [iso"), "yaml-syntax", "[iso"),
    Bad("tab indentation", "data/subjects.yaml", sub("  - id: quality", "\t- id: quality"), "yaml-syntax", "\t"),
    Bad("unclosed quote", STD, sub("committee: ISO/TC 176/SC 2", 'committee: "ISO/TC 176/SC 2'), "yaml-syntax", '"ISO/TC'),
    Bad("bad indentation", SRC, sub("    publisher: ISO\n", "      publisher: ISO\n"), "yaml-syntax", (8, 16)),
    Bad("empty standard", STD, const(""), "empty", (1, 1)),
    Bad("empty sources", SRC, const("\n\n"), "empty", (1, 1)),
    Bad("comments only", CERT, const("# nothing here yet\n"), "empty", (1, 1)),
    Bad("not utf-8", STD, lambda t: t.encode("utf-8").replace(b"Quality", b"Qualit\xe9", 1), "encoding", "\xe9"),
    Bad("byte-order mark", STD, lambda t: "\ufeff" + t, "bom", (1, 1)),
    Bad("huge file", "data/subjects.yaml", lambda t: t + "#" * (3 * 1024 * 1024), "too-large", (1, 1)),
    Bad("alias bomb", "data/subjects.yaml", lambda t: t + BOMB.replace("a:", "x_a:").replace("b:", "x_b:").replace("c:", "x_c:"),
        "yaml-alias", "&a"),
    Bad("python object tag", STD, sub("committee: ISO/TC 176/SC 2", "committee: !!python/object:os.system ls"),
        "yaml-tag", "!!python"),
    Bad("python name tag", STD, sub("committee: ISO/TC 176/SC 2", "committee: !!python/name:os.system"), "yaml-tag", "!!python"),
    Bad("custom tag", SRC, sub("publisher: ISO\n", "publisher: !include other.yaml\n"), "yaml-tag", "!include"),
    Bad("merge key", ORGS, sub("  - id: iec\n", "  - <<: {a: 1}\n    id: iec\n"), "yaml-merge", "<<"),
    # keys
    Bad("duplicate top-level key", STD, sub("subject: quality\n", "subject: quality\nsubject: quality\n"),
        "duplicate-key", (9, 1)),
    Bad("duplicate nested key", STD, sub("  year: 2015\n", "  year: 2015\n  year: 2015\n"), "duplicate-key", (30, 3)),
    Bad("duplicate key in a list item", SRC, sub("    publisher: ISO\n", "    publisher: ISO\n    publisher: ISO\n"),
        "duplicate-key", (9, 5)),
    Bad("unknown top-level key", STD, sub("committee:", "comittee:"), "unknown-key", "comittee"),
    Bad("unknown nested key", STD, sub("  year: 2015\n", "  year: 2015\n  yeer: 2015\n"), "unknown-key", "yeer"),
    Bad("unknown key in a list item", SRC, sub("    title: Certification\n", "    title: Certification\n    titel: x\n"),
        "unknown-key", "titel"),
    Bad("unknown settings key", "mkdocs.yml", sub("review_days:", "review_dayz:"), "unknown-key", "review_dayz"),
    # types and values
    Bad("year not a number", STD, sub("  year: 2015\n", "  year: twenty-fifteen\n"), "bad-value", "twenty-fifteen"),
    Bad("list expected", STD, sub("developers: [iso]", "developers: 5"), "bad-value", "5\n"),
    Bad("mapping expected", "data/standards/iso-14001.yaml", sub("revision: null", "revision: 2026"),
        "bad-value", "2026\nrelated"),
    Bad("missing required field", STD, sub("committee: ISO/TC 176/SC 2\n", ""), "missing-key", (4, 1)),
    Bad("missing nested field", CERT, sub("  years: 3\n", ""), "missing-key", "source: dnv"),
    Bad("date that does not exist", SRC, sub("verified: 2026-11-24", "verified: 2026-02-30"), "bad-date", "2026-02-30"),
    Bad("date as words", SRC, sub("verified: 2026-11-24", "verified: yesterday"), "bad-date", "yesterday"),
    Bad("invalid url", SRC, sub("url: https://", "url: htps//"), "bad-url", "htps//"),
    Bad("javascript url", SRC, sub("url: https://", "url: javascript:alert(1)//"), "bad-url", "javascript:"),
    Bad("validity out of range", CERT, sub("  years: 3\n", "  years: 0\n"), "bad-value", "0\n"),
    Bad("too few audit parties", CERT, lambda t: re.sub(r"  - party: third\n(?:    .*\n)+", "", t, count=1),
        "bad-value", "- party: first"),
    Bad("unknown organization kind", ORGS, sub("kind: standards-body", "kind: certifier"), "bad-value", "certifier"),
    Bad("unknown role", ORGS, sub("role: develops-standards", "role: certifies-everyone"), "unknown-id", "certifies-everyone"),
    Bad("empty keyword list", "data/subjects.yaml",
        lambda t: re.sub(r"keywords: \[quality\b[^\]]*\]", "keywords: []", t, count=1), "bad-value", "[]"),
    Bad("placeholder left in", STD, sub("committee: ISO/TC 176/SC 2", "committee: TODO"), "bad-value", "TODO"),
    Bad("invalid myth pattern", "data/misconceptions.yaml", sub("      - '\\bdone\\s+with", "      - '(\\bdone\\s+with"),
        "bad-value", "'(\\bdone"),
    Bad("settings of the wrong type", "mkdocs.yml", sub("review_days: 365", "review_days: many"), "bad-value", "many"),
    Bad("broken mkdocs.yml", "mkdocs.yml", sub("site_name: ISO Certification Guide", "site_name: [ISO"), "yaml-syntax", "[ISO"),
    # ids and references
    Bad("organization id missing", STD, sub("developers: [iso]", "developers: [isoo]"), "unknown-id", "isoo"),
    Bad("source id missing", STD, lambda t: re.sub(r"\nsource: \S+", "\nsource: no-such-source", t, count=1),
        "unknown-id", "no-such-source"),
    Bad("related standard missing", STD, sub("related: [", "related: [iso-99999, "), "unknown-id", "iso-99999"),
    Bad("subject missing", STD, sub("subject: quality", "subject: qualty"), "unknown-id", "qualty"),
    Bad("duplicate source id", SRC,
        sub("  - id: iso-help-certification-body\n", "  - id: iso-certification\n    publisher: ISO copy\n"
            "    title: Copy\n    url: https://example.org/\n    verified: 2026-11-24\n"
            "    supports: [{kind: definition, claim: A copy.}]\n  - id: iso-help-certification-body\n"),
        "duplicate-id", "iso-certification\n    publisher: ISO copy"),
    Bad("slug with ../", STD, sub("id: iso-9001", "id: ../iso-9001"), "bad-value", "../iso-9001"),
    Bad("slug unsafe in a URL", STD, sub("id: iso-9001", "id: ISO 9001?"), "bad-value", "ISO 9001?"),
    Bad("file name and id differ", STD, sub("id: iso-9001", "id: iso-9002"), "id-mismatch", "iso-9002"),
    Bad("unknown data file", "data/extras.yaml", const("x: 1\n"), "unknown-file", (1, 1)),
    # templates
    Bad("template syntax error", "templates/standard.md.j2", sub("{% for theme in standard.themes %}", "{% for theme in %}"),
        "template-syntax", (30, 1)),
    Bad("template missing field", "templates/standard.md.j2", sub("{{ standard.suits }}", "{{ standard.suitz }}"),
        "template-error", (36, 1)),
    Bad("template unknown filter", "templates/glossary.md.j2",
        sub("{{ concept.definition }}", "{{ concept.definition | shout }}"), "template-syntax", (11, 1)),
    Bad("guide body syntax error", GUIDE,
        lambda t: re.sub(r"(\n  - id: what-gets-certified\n(?:.*\n)*?    body: \|\n)", r"\1      {% if %}\n", t, count=1),
        "template-syntax", "{% if %}"),
    Bad("guide body missing field", GUIDE,
        lambda t: re.sub(r"(\n  - id: why-it-matters\n(?:.*\n)*?    body: \|\n)", r"\1      {{ cert.nothing_here }}\n", t,
                         count=1),
        "template-error", "{{ cert.nothing_here }}"),
    # content
    Bad("unclosed front matter", "content/about.md", const("---\ntitle: About\n\n# About\n"), "front-matter", (1, 1)),
    Bad("broken front matter yaml", "content/about.md", const("---\ntitle: [About\n---\n# About\n"), "yaml-syntax", "[About"),
    Bad("unknown front matter key", "content/about.md", const("---\ntitel: About\n---\n# About\n"), "unknown-key", "titel"),
    Bad("front matter jinja not a bool", "content/about.md", const("---\njinja: yes please\n---\n# About\n"),
        "bad-value", "yes please"),
    Bad("jinja page syntax error", "content/about.md", const("---\njinja: true\n---\n# About\n\n{{ standards[0].title \n"),
        "template-syntax", (6, 1)),
    Bad("content not utf-8", "content/about.md", const(b"# About\n\ncaf\xe9\n"), "encoding", (3, 4)),
    Bad("content clashes with a generated page", "content/glossary.md", const("# Mine\n"), "page-clash", (1, 1)),
    # the file set: what MkDocs would publish beside a generated page, or unread by the checks
    Bad("content at a generated page's address", "content/standards/iso-9001/index.md", const("# Mine\n"),
        "page-clash", (1, 1)),
    Bad("content differs from a generated page only in case", "content/Glossary.md", const("# Mine\n"),
        "page-clash", (1, 1)),
    Bad("content folder differs from a generated one only in case", "content/Standards/notes.md", const("# Mine\n"),
        "page-clash", (1, 1)),
    Bad("readme beside the generated index", "content/README.md", const("# Mine\n"), "page-clash", (1, 1)),
    Bad("content at the sitemap's address", "content/sitemap.xml", const("<urlset/>\n"), "page-clash", (1, 1)),
    Bad("content at the search index's address", "content/search/search_index.json", const("{}\n"), "page-clash",
        (1, 1)),
    Bad("content at a generated page's card", "content/assets/cards/glossary.png", const("not a card\n"),
        "page-clash", (1, 1)),
    Bad("content at a hand-written page's card", "content/assets/cards/about.png", const("not a card\n"),
        "page-clash", (1, 1)),
    Bad("markdown not named .md", "content/notes.markdown", const("# Notes\n"), "page-suffix", (1, 1)),
    # nesting deep enough to exhaust Python's stack
    Bad("data nested 500 deep", "data/subjects.yaml", lambda t: t + "x_deep: " + "[" * 500 + "]" * 500 + "\n",
        "too-deep", "[" * 450 + "]"),
    Bad("data nested 500 deep in block style", STD, lambda t: t + "".join(f"{' ' * i}k{i}:\n" for i in range(500)),
        "too-deep", "k51:"),
    Bad("front matter nested 999 deep", "content/about.md",
        const("---\nhide: " + "[" * 999 + "]" * 999 + "\n---\n# About\n"), "too-deep", "[" * 949 + "]"),
    # URLs published in links and the search index
    Bad("url with credentials", SRC, sub("url: https://", "url: https://user:secret@"), "bad-url", "https://user:"),
    Bad("url host without a dot", SRC, lambda t: re.sub(r"url: https://[^/\s]+", "url: https://intranet", t, count=1),
        "bad-url", "https://intranet"),
    Bad("url at an ip address", ORGS, sub("url: https://www.iso.org", "url: http://192.168.1.10"), "bad-url",
        "http://192.168"),
]


def _position(text: str, at: str | tuple[int, int]) -> tuple[int, int]:
    if isinstance(at, tuple):
        return at
    index = text.index(at)
    head = text[:index]
    return head.count("\n") + 1, index - (head.rfind("\n") + 1) + 1


def _apply(root: Path, case: Bad) -> str:
    path = root / case.file
    old = path.read_text("utf-8") if path.exists() else ""
    new = case.mutate(old)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(new, bytes):
        path.write_bytes(new)
        return new.decode("latin-1")
    path.write_text(new, "utf-8")
    return new


def test_the_catalogue_is_large_enough() -> None:
    """Check that the catalogue holds at least 50 bad inputs."""
    assert len(CASES) >= 50
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_gives_one_located_error(tmp_path: Path, case: Bad) -> None:
    """Check one located error, exit 1, no traceback from the check; the build fails and keeps the old site."""
    root = fixture_site(tmp_path / "src")
    text = _apply(root, case)
    line, col = _position(text, case.at)
    expected = f"{case.file}:{line}:{col}: error[{case.code}]"
    proc = run(["-m", "hooks", "--root", str(root), "check"], root)
    no_traceback(proc)
    errors = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ": error[" in ln]
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert len(errors) == 1, errors
    assert errors[0].startswith(expected), (errors[0], expected)

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", "utf-8")
    build = run(["-m", "hooks", "--root", str(root), "build", "--site-dir", str(site)], root)
    no_traceback(build)
    assert build.returncode != 0
    assert f"{case.file}:{line}:{col}" in build.stdout + build.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text("utf-8") == "previous build"
