"""Property-based tests: the loader, the validation and the fact checker never fail with an
unhandled exception; they give a valid model or located errors.

CI runs the short profile; `HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py` runs longer.
The standard and the checker's data come from the fixture site (tests/fixtures/site).
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURE, ROOT, run
from hooks.checks.claims import Checker
from hooks.core.findings import DataError
from hooks.data import schema as data_schema
from hooks.data.loader import parse_yaml
from hooks.data.model import load_site, validate
from hooks.pages.markdown import parse

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

STANDARD_TEXT = (FIXTURE / "data" / "standards" / "iso-9001.yaml").read_text("utf-8")
CORPUS_WORDS = sorted({w for c in yaml.safe_load((ROOT / "tests" / "corpus" / "claims.yaml").read_text("utf-8"))["cases"]
                       for w in c["text"].split()})
YAML_BITS = ["\n", "  ", "- ", ": ", "[", "]", "{", "}", '"', "'", "&a ", "*a", "!!python/object:x ", "<<: ", "\t",
             "#", "|", ">", "---\n", "2026-02-30", "null", "~", "?", ",", "%YAML 1.1\n", "\ufeff", "\x00"]


def _check_located(exc: DataError) -> None:
    assert exc.findings
    for f in exc.findings:
        assert f.file and f.line >= 0 and f.column >= 0 and f.severity == "error" and f.message


@given(st.text(max_size=400))
def test_loader_never_crashes_on_text(text: str) -> None:
    """Check that any text gives a document or located errors."""
    try:
        parse_yaml(text, "fuzz.yaml")
    except DataError as exc:
        _check_located(exc)


@given(st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=8), max_size=60))
def test_loader_never_crashes_on_yaml_like_text(parts: list[str]) -> None:
    """Check YAML-flavoured noise: tags, aliases, merges, tabs, bad dates, BOMs."""
    try:
        parse_yaml("".join(parts), "fuzz.yaml")
    except DataError as exc:
        _check_located(exc)


@given(st.integers(min_value=0, max_value=len(STANDARD_TEXT)), st.sampled_from(YAML_BITS + ["", "x", "9"]),
       st.integers(min_value=0, max_value=20))
def test_mutated_standard_gives_model_or_located_errors(at: int, insert: str, cut: int) -> None:
    """Check a complete standard file with a random cut and insertion: valid, or errors with positions."""
    text = STANDARD_TEXT[:at] + insert + STANDARD_TEXT[at + cut:]
    try:
        doc = parse_yaml(text, "data/standards/iso-9001.yaml")
        validate(doc, data_schema.Standard, doc.data)
    except DataError as exc:
        _check_located(exc)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates(),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                           max_leaves=20)


@given(st.dictionaries(st.sampled_from(list(data_schema.Standard.model_fields) + ["extra", "titel"]), json_values, max_size=12))
def test_validation_never_crashes_on_odd_shapes(data: dict) -> None:
    """Check arbitrary shapes against the standard schema: a model or located errors, nothing else."""
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=False)
    try:
        doc = parse_yaml(text, "data/standards/fuzz.yaml")
        validate(doc, data_schema.Standard, doc.data)
    except DataError as exc:
        _check_located(exc)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_site(FIXTURE), dt.date(2026, 11, 24))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(text=st.lists(st.sampled_from(CORPUS_WORDS + ["\n", "\n\n", "| ", " |", "- ", "# ", "\"", "?", ";", "not"]), max_size=40))
def test_checker_never_crashes_on_word_salad(checker: Checker, text: list[str]) -> None:
    """Check the fact checker on random mixtures of the corpus' words and Markdown syntax."""
    for _, hit in checker.hits(parse(" ".join(text))):
        assert hit.code and hit.start <= hit.end


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(text=st.text(max_size=300))
def test_checker_never_crashes_on_any_text(checker: Checker, text: str) -> None:
    """Check the fact checker on arbitrary Unicode."""
    for _, hit in checker.hits(parse(text)):
        assert hit.code and hit.start <= hit.end


def test_the_environment_chooses_the_long_profile() -> None:
    """Check that HYPOTHESIS_PROFILE=long, as the module says, makes these tests run more examples than
    the CI profile: the profile each setting loads, read in a fresh process."""
    code = "import test_fuzz; from hypothesis import settings; print(settings.default.max_examples)"
    path = os.pathsep.join([str(ROOT), str(ROOT / "tests")])
    examples = {}
    for name in ("ci", "long"):
        proc = run(["-c", code], ROOT / "tests", {"HYPOTHESIS_PROFILE": name, "PYTHONPATH": path})
        assert proc.returncode == 0, proc.stderr
        examples[name] = int(proc.stdout.split()[-1])
    assert examples["ci"] == settings.get_profile("ci").max_examples
    assert examples["long"] == settings.get_profile("long").max_examples > examples["ci"]
