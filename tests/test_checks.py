"""Check the fact checks end to end: locations, time, silencing, data-declared myths, data hygiene.

Every test runs on a copy of the fixture site (tests/fixtures/site), whose facts are frozen."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import check, fixture_site, mkdocs_build, no_traceback, run


def _json(proc) -> dict:
    return json.loads(proc.stdout)


def _errors(doc: dict, suffix: str = "") -> list[dict]:
    return [f for f in doc["findings"] if f["severity"] == "error" and f["file"].endswith(suffix)]


def test_content_page_finding_is_at_its_source_line(tmp_path: Path) -> None:
    """Check that a false claim in content/ is reported at its line and column, after front matter."""
    root = fixture_site(tmp_path)
    (root / "content" / "news.md").write_text(
        "---\ntitle: News\n---\n# News\n\nWe are proud of our audit.\nOur registrar is\naccredited by ISO.\n", "utf-8")
    doc = _json(check(root, "--format", "json"))
    [finding] = _errors(doc, "news.md")
    assert (finding["file"], finding["line"], finding["column"], finding["code"]) == \
        ("content/news.md", 8, 1, "role-accreditor")
    assert "UKAS" in finding["expected"] and finding["source"].startswith("https://")


def test_generated_text_is_traced_to_its_yaml_field(tmp_path: Path) -> None:
    """Check that a false claim in a data field is reported at that field's line in the YAML."""
    root = fixture_site(tmp_path)
    std = root / "data" / "standards" / "iso-14001.yaml"
    source = std.read_text("utf-8")
    source = source.replace("suits: Any organization", "suits: Companies that want ISO to certify them, and any organization", 1)
    std.write_text(source, "utf-8")
    line = next(i for i, text in enumerate(source.splitlines(), 1) if text.startswith("suits:"))
    doc = _json(check(root, "--format", "json"))
    [finding] = _errors(doc)
    assert finding["file"] == "data/standards/iso-14001.yaml" and finding["line"] == line
    assert finding["code"] == "role-issuer"


def test_the_check_date_moves_facts(tmp_path: Path) -> None:
    """Check that IAF's role is current before the merger date and an error after it."""
    root = fixture_site(tmp_path / "site")
    page = tmp_path / "iaf.md"
    page.write_text("IAF runs the multilateral recognition arrangement for accreditation bodies.\n", "utf-8")
    before = run(["-m", "hooks", "--root", str(root), "check", str(page), "--date", "2025-06-01", "--format", "json"], root)
    after = check(root, str(page), "--format", "json")
    assert _errors(_json(before), "iaf.md") == []
    assert [f["code"] for f in _errors(_json(after), "iaf.md")] == ["org-succeeded"]


def test_inline_ignore_silences_and_is_counted(tmp_path: Path) -> None:
    """Check that an ignore comment with a reason silences one finding and the summary counts it."""
    root = fixture_site(tmp_path / "site")
    page = tmp_path / "quote.md"
    page.write_text("<!-- factcheck: ignore=role-issuer reason=\"quoting a customer email verbatim\" -->\n"
                    "Our plant was certified by ISO.\n\nUKAS issued our certificate.\n", "utf-8")
    proc = check(root, str(page), "--format", "json")
    doc = _json(proc)
    assert [f["line"] for f in _errors(doc, "quote.md")] == [4]
    assert doc["summary"]["silenced"] == 1
    assert doc["silenced"][0]["silenced"] == "quoting a customer email verbatim"
    assert "1 silenced" in check(root, str(page)).stdout


def test_a_new_misconception_needs_only_data(tmp_path: Path) -> None:
    """Check that a myth added to data/misconceptions.yaml is caught, with its correction."""
    root = fixture_site(tmp_path)
    myths = root / "data" / "misconceptions.yaml"
    myths.write_text(myths.read_text("utf-8") + (
        "\n  - id: certificate-for-sale\n    patterns: ['\\bbuy\\s+(?:an?\\s+)?ISO\\s+certificate\\b']\n"
        "    correction: A certificate cannot be bought; it follows an audit by a certification body.\n"
        "    source: iso-certification\n    verified: 2026-11-24\n"), "utf-8")
    page = tmp_path / "ad.md"
    page.write_text("You can buy an ISO certificate online.\n\nYou cannot buy an ISO certificate.\n", "utf-8")
    [finding] = _errors(_json(check(root, str(page), "--format", "json")), "ad.md")
    assert (finding["line"], finding["code"]) == (1, "misconception")
    assert finding["message"].startswith("A certificate cannot be bought")


def test_stale_facts_are_warnings(tmp_path: Path) -> None:
    """Check that facts verified longer ago than review_days are warnings, located at the date."""
    root = fixture_site(tmp_path / "site")
    proc = run(["-m", "hooks", "--root", str(root), "check", "--date", "2028-06-01", "--format", "json"], root)
    doc = _json(proc)
    stale = [f for f in doc["findings"] if f["code"] == "stale"]
    assert stale and all(f["severity"] == "warning" for f in stale)
    assert any(f["file"] == "data/sources.yaml" for f in stale)


def test_designation_severity_is_configurable(tmp_path: Path) -> None:
    """Check 'ISO 27001' is a warning by default and an error when mkdocs.yml says so."""
    page = tmp_path / "short.md"
    page.write_text("We are ISO 27001 certified.\n", "utf-8")
    doc = _json(check(fixture_site(tmp_path / "default"), str(page), "--format", "json"))
    assert [(f["code"], f["severity"]) for f in doc["findings"] if f["file"].endswith("short.md")] == \
        [("designation", "warning")]
    root = fixture_site(tmp_path / "strict")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("designation: warning", "designation: error"), "utf-8")
    proc = check(root, str(page), "--format", "json")
    assert proc.returncode == 1
    assert [f["severity"] for f in _json(proc)["findings"] if f["file"].endswith("short.md")] == ["error"]


def test_a_typo_in_the_hooks_settings_is_located(tmp_path: Path) -> None:
    """Check that an unknown key under extra.pillar in mkdocs.yml is a located error."""
    root = fixture_site(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("review_days:", "review_dayz:")
    config.write_text(text, "utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "review_dayz" in t)
    proc = check(root)
    no_traceback(proc)
    assert proc.returncode == 1
    assert f"mkdocs.yml:{line}:5: error[unknown-key]: unknown key 'review_dayz'. Did you mean 'review_days'?" in proc.stdout


def test_strict_build_fails_on_a_false_claim(tmp_path: Path) -> None:
    """Check that mkdocs build --strict fails on a content finding and names its location."""
    root = fixture_site(tmp_path / "src")
    (root / "content" / "bad.md").write_text("# Bad\n\nISO issues certificates.\n", "utf-8")
    proc = mkdocs_build(root, tmp_path / "site")
    assert proc.returncode != 0
    assert "content/bad.md:3:1: error[role-issuer]" in proc.stdout + proc.stderr
    relaxed = mkdocs_build(root, tmp_path / "site2", strict=False)
    assert relaxed.returncode != 0  # an error finding fails the build without --strict too
    assert "content/bad.md:3:1: error[role-issuer]" in relaxed.stdout + relaxed.stderr
