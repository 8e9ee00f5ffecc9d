"""Check the fact checker on the labelled corpus, the seed article and a planted copy of it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from corpus_eval import cases, classify

from helpers import ROOT, SEED, check
from hooks.checks.claims import Checker
from hooks.data.model import load_site

CHECK_DATE = dt.date(2026, 12, 5)  # the day the newest sources were read (was 2026-11-24)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_site(ROOT), CHECK_DATE)


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["id"])
def test_corpus_case(checker: Checker, case: dict) -> None:
    """Check that each labelled sentence gets exactly the expected finding codes."""
    assert classify(checker, case["text"]) == set(case["expect"]), case["text"]


def test_corpus_is_balanced_and_covers_every_code() -> None:
    """Check the corpus itself: at least 150 cases, roughly half true, every check covered."""
    all_cases = cases()
    true = [c for c in all_cases if not c["expect"]]
    assert len(all_cases) >= 150
    assert 0.4 <= len(true) / len(all_cases) <= 0.6
    codes = {code for c in all_cases for code in c["expect"]}
    assert {"role-issuer", "role-approver", "role-accreditor", "role-developer", "standard-subject",
            "edition-withdrawn", "edition-unknown", "designation", "cert-validity", "surveillance-frequency",
            "audit-party", "cert-required", "org-succeeded", "misconception", "standard-title"} <= codes
    forms = {c["form"] for c in all_cases}
    assert {"passive", "negation", "quote", "question", "list", "table", "heading", "split"} <= forms


def _seed() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED} (../shared/seed/ beside the checkout)")
    return SEED.read_text("utf-8")


def test_seed_has_no_findings() -> None:
    """Check that the seed article, checked as a page, gives zero errors and zero warnings."""
    _seed()
    proc = check(ROOT, str(SEED), "--format", "json")
    doc = json.loads(proc.stdout)
    seed_findings = [f for f in doc["findings"] if f["file"].endswith(SEED.name)]
    assert seed_findings == []
    assert proc.returncode == 0


PLANTS = [
    ("ISO itself does not issue certificates.", "ISO itself issues certificates.", "role-issuer"),
    ("A company is not “approved by ISO.”", "Our company is an ISO-approved supplier.", "role-approver"),
    ("ISO 14001 is the main environmental management standard", "ISO 14001 is the main quality management standard",
     "standard-subject"),
    ("ISO itself says certification to management system standards is not a requirement.",
     "ISO itself says certification to management system standards is mandatory.", "cert-required"),
    ("ISO 45001 is the occupational health and safety management standard",
     "ISO 45001 is the information security management standard", "standard-subject"),
    ("Independent certification bodies do.", "Independent certification bodies do. UKAS issued our certificate.",
     "role-issuer"),
    ("That distinction is worth keeping straight from the start.",
     "That distinction is worth keeping straight from the start. We are certified to ISO 9001:2008.",
     "edition-withdrawn"),
    ("The first real step is not the certificate.",
     "The first real step is not the certificate. Certificates are valid for five years.", "cert-validity"),
]


def test_planted_claims_give_one_error_each(tmp_path: Path) -> None:
    """Check that a seed with planted false claims gives exactly one error per plant, at its place."""
    text = _seed()
    for old, new, _ in PLANTS:
        assert old in text, old
        text = text.replace(old, new, 1)
    planted = tmp_path / "planted.md"
    planted.write_text(text, "utf-8")
    doc = json.loads(check(ROOT, str(planted), "--format", "json").stdout)
    errors = [f for f in doc["findings"] if f["file"].endswith("planted.md") and f["severity"] == "error"]
    assert sorted(f["code"] for f in errors) == sorted(code for _, _, code in PLANTS)
    for f in errors:
        at = f["column"] - 1
        assert any(text[at:].startswith(new[:4]) or new in text[max(0, at - 200): at + 200] for _, new, _ in PLANTS)
