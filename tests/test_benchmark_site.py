"""The benchmark's synthetic site (tests/benchmarks/synth.py) must stay a valid site, or the speed
figures measure a failing check: its check finds exactly the errors synth.py planted, no more."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import ROOT, check, run


def test_the_synthetic_site_has_only_its_planted_errors(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    proc = run([str(ROOT / "tests" / "benchmarks" / "synth.py"), "30", str(out)], ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    planted = json.loads((out / "planted.json").read_text("utf-8"))
    result = check(out, "--date", planted["check_date"], "--format", "json")
    findings = json.loads(result.stdout)
    findings = findings if isinstance(findings, list) else findings["findings"]
    errors = sorted(f["code"] for f in findings if f["severity"] == "error")
    expected = sorted([link["code"] for link in planted["broken_links"]] + [c["code"] for c in planted["false_claims"]])
    assert errors == expected, [f["message"] for f in findings if f["severity"] == "error"][:5]
