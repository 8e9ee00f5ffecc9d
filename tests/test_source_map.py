"""The renderer's source map: each stretch of a generated page that a template printed from data
records the data field it came from, and a finding there is located in that field by lookup."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from helpers import fixture_site
from hooks.data.model import load_site
from hooks.pages import escape
from hooks.pages.origin import Origins
from hooks.pages.render import Renderer
from hooks.publish import engine

DAY = dt.date(2026, 11, 24)


def test_every_span_holds_what_its_field_says(tmp_path: Path) -> None:
    """Check that the text under each span of a standard page is its field's value, escaped as printed."""
    site = load_site(fixture_site(tmp_path))
    page = Renderer(site)._standard("iso-9001")
    assert len(page.spans) > 10
    for span in page.spans:
        shown = page.markdown[span.start:span.end]
        if span.loc[0] == "line":  # a line the template wrote: it is that template line's text as rendered
            assert span.path == "templates/standard.md.j2" and span.loc[1] > 0
            continue
        if span.path.endswith("sources.yaml") and shown.startswith("[^"):
            continue  # a footnote line: it names the source, whose title it holds
        assert shown == str(escape.finalize(span.value)), (span, shown)
        assert site.documents[span.path].get(span.loc) == span.value


def test_a_value_written_in_several_files_maps_to_the_pages_own_file(tmp_path: Path) -> None:
    """Check that a designation printed on a standard's page maps to that standard's file, not another file
    that happens to hold the same words."""
    site = load_site(fixture_site(tmp_path))
    page = Renderer(site)._standard("iso-9001")
    spans = [s for s in page.spans if s.value == "ISO 9001"]
    assert spans and {s.path for s in spans} == {"data/standards/iso-9001.yaml"}


def test_rendered_pages_carry_no_marks(tmp_path: Path) -> None:
    """Check that the private-use marks around printed values never reach a page."""
    site = load_site(fixture_site(tmp_path))
    for page in Renderer(site).pages():
        assert not re.search("[\ue000-\ue002]", page.markdown), page.path


def test_a_false_claim_in_a_field_is_located_in_that_field(tmp_path: Path) -> None:
    """Check that a false claim planted in a standard's summary is reported at its line and column in the YAML."""
    root = fixture_site(tmp_path)
    path = root / "data" / "standards" / "iso-9001.yaml"
    text = path.read_text("utf-8")
    claim = "ISO issues the certificates itself."
    text, n = re.subn(r"(\nsummary: >-?\n  )", r"\1" + claim + " ", text, count=1)
    assert n == 1
    path.write_text(text, "utf-8")
    result = engine.run(root, check_date=DAY)
    found = [f for f in result.findings if f.code == "role-issuer"]
    assert found, [f.code for f in result.findings]
    line = next(i for i, row in enumerate(text.splitlines(), 1) if claim in row)
    assert (found[0].file, found[0].line) == ("data/standards/iso-9001.yaml", line)
    assert found[0].column == text.splitlines()[line - 1].index("ISO issues") + 1


def test_text_a_template_wrote_is_located_on_the_template_line(tmp_path: Path) -> None:
    """Check that a finding on words the template itself writes points at the template's line, by the
    line marks the renderer records (not a search: two identical lines still map to their own)."""
    root = fixture_site(tmp_path)
    template = root / "templates" / "standard.md.j2"
    lines = template.read_text("utf-8").splitlines()
    at = next(i for i, row in enumerate(lines) if row.startswith("## "))
    claim = "ISO audits every applicant before the certificate is printed."
    lines[at:at] = ["", claim, "", claim, ""]
    template.write_text("\n".join(lines) + "\n", "utf-8")
    site = load_site(root)
    page = Renderer(site)._standard("iso-9001")
    rows = [i for i, r in enumerate(page.markdown.splitlines(), 1) if r == claim]
    assert len(rows) == 2
    located = [Origins(site).locate(page, row, 5, "audits every applicant") for row in rows]
    written = [i for i, r in enumerate(template.read_text("utf-8").splitlines(), 1) if r == claim]
    assert located == [("templates/standard.md.j2", line, 5) for line in written]
