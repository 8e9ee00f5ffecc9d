"""Score the fact checker on a labelled split:
`python tests/corpus_eval.py [--heldout | --test | --test2 | ... | --test10] [--show]`.

Prints precision and recall over false claims and every misclassified case. The development
split (claims.yaml, the default) is asserted case by case in tests/test_corpus.py; the former
held-out set and all seven test splits have been tuned on since (after their first measurement, in
tests/corpus/MEASUREMENTS.md; the sixth and seventh from 2026-12-05) and are development data too.
`--test8` scored the eighth split, written blind on 2026-12-05; it is development data since its misses
were read that day. `--test9` scores the frozen ninth split, written blind on 2026-12-05 and never tuned on: its misses are
listed by id and kind only, and their text only with `--show`, so that reading them does not turn it
into development data by accident.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks.checks.claims import Checker
from hooks.data.model import load_site
from hooks.pages.markdown import parse

CORPUS = ROOT / "tests" / "corpus" / "claims.yaml"
HELDOUT = ROOT / "tests" / "corpus" / "heldout.yaml"
TEST_SPLIT = ROOT / "tests" / "corpus" / "test_split.yaml"
"""The first test split: written blind, measured once on 2026-11-25, tuned on since; error codes only."""
TEST_SPLIT_2 = ROOT / "tests" / "corpus" / "test_split_2.yaml"
"""The second test split: written blind, measured once on 2026-12-05, tuned on since; error codes only."""
TEST_SPLIT_3 = ROOT / "tests" / "corpus" / "test_split_3.yaml"
"""The third test split: written blind, measured once on 2026-12-05, tuned on since; error codes only."""
TEST_SPLIT_4 = ROOT / "tests" / "corpus" / "test_split_4.yaml"
"""The fourth test split: written blind, measured once on 2026-12-05, tuned on since; error codes only."""
TEST_SPLIT_5 = ROOT / "tests" / "corpus" / "test_split_5.yaml"
"""The fifth test split: written blind and its labels audited, measured once on 2026-12-05, tuned on since; error codes only."""
TEST_SPLIT_6 = ROOT / "tests" / "corpus" / "test_split_6.yaml"
"""The sixth test split: written blind and its labels audited, measured once on 2026-12-05, tuned on since; error codes only."""
TEST_SPLIT_8 = ROOT / "tests" / "corpus" / "test_split_8.yaml"
"""The eighth test split: written blind and its labels audited, measured on 2026-12-05, tuned on since; error codes only."""
TEST_SPLIT_9 = ROOT / "tests" / "corpus" / "test_split_9.yaml"
"""The ninth test split: written blind and frozen on 2026-12-05, never tuned on; error codes only."""
TEST_SPLIT_10 = ROOT / "tests" / "corpus" / "test_split_10.yaml"
"""The tenth test split: written blind and its labels audited, measured once on 2026-12-05, tuned on since; error codes only."""
TEST_SPLIT_7 = ROOT / "tests" / "corpus" / "test_split_7.yaml"
"""The seventh test split: written blind and its labels audited, measured once on 2026-12-05, tuned on since;
error codes only."""
CHECK_DATE = dt.date(2026, 11, 24)
CHECK_DATE_2 = dt.date(2026, 12, 4)
"""The day the second test split's labels speak of."""
ERRORS_ONLY = (TEST_SPLIT, TEST_SPLIT_2, TEST_SPLIT_3, TEST_SPLIT_4, TEST_SPLIT_5, TEST_SPLIT_6, TEST_SPLIT_7,
               TEST_SPLIT_8, TEST_SPLIT_9, TEST_SPLIT_10)
SPLITS = {"--heldout": (HELDOUT, CHECK_DATE), "--test": (TEST_SPLIT, CHECK_DATE), "--test2": (TEST_SPLIT_2, CHECK_DATE_2),
          "--test3": (TEST_SPLIT_3, CHECK_DATE_2), "--test4": (TEST_SPLIT_4, CHECK_DATE_2),
          "--test5": (TEST_SPLIT_5, CHECK_DATE_2), "--test6": (TEST_SPLIT_6, CHECK_DATE_2),
          "--test7": (TEST_SPLIT_7, CHECK_DATE_2), "--test8": (TEST_SPLIT_8, CHECK_DATE_2),
          "--test9": (TEST_SPLIT_9, CHECK_DATE_2), "--test10": (TEST_SPLIT_10, CHECK_DATE_2)}


def cases(path: Path = CORPUS) -> list[dict]:
    return yaml.safe_load(path.read_text("utf-8"))["cases"]


def classify(checker: Checker, text: str, errors_only: bool = False) -> set[str]:
    """The codes of the errors and warnings the checker reports (notes ask for a look; they claim nothing)."""
    keep = ("error",) if errors_only else ("error", "warning")
    return {hit.code for _, hit in checker.hits(parse(text)) if hit.severity in keep}


def score(checker: Checker, path: Path = CORPUS) -> tuple[dict[str, float], list[tuple[dict, set[str]]]]:
    wrong = []
    tp = fp = fn = tn = 0
    all_cases = cases(path)
    for case in all_cases:
        got = classify(checker, case["text"], errors_only=path in ERRORS_ONLY)
        expected = set(case["expect"])
        if got != expected:
            wrong.append((case, got))
        if expected and got & expected:
            tp += 1
        elif expected:
            fn += 1
        if not expected and got:
            fp += 1
        elif not expected:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    exact = 1 - len(wrong) / len(all_cases)
    return {"cases": len(all_cases), "precision": precision, "recall": recall, "exact": exact}, wrong


def main() -> int:
    path, day = next((SPLITS[a] for a in sys.argv[1:] if a in SPLITS), (CORPUS, CHECK_DATE))
    checker = Checker(load_site(ROOT), day)
    numbers, wrong = score(checker, path)
    for case, got in wrong:
        if path == TEST_SPLIT_9 and "--show" not in sys.argv:
            print(f"{case['id']} ({case.get('kind')}): expected {sorted(case['expect'])}, got {sorted(got)}")
            continue
        print(f"{case['id']}: expected {sorted(case['expect'])}, got {sorted(got)}: {case['text']!r}")
    print(f"cases {numbers['cases']}  precision {numbers['precision']:.3f}  recall {numbers['recall']:.3f}  "
          f"exactly right {numbers['exact']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
