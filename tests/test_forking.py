"""Splitting work over forked processes (hooks/core/forking.py): the results are those of doing it all
here, in item order, whichever process did which part and whether or not a child failed."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

import pytest

from hooks.core.forking import _batches, map_chunks

ITEMS = list(range(600))


def _square(chunk: Sequence[int]) -> list[tuple[int, int]]:
    return [(x * x, os.getpid()) for x in chunk]


def _weight(x: int) -> float:
    return 400.0 if x == 7 else 1.0  # one item as costly as two thirds of the rest


@pytest.mark.parametrize("weight", [None, _weight], ids=["contiguous", "shared queue"])
def test_results_come_back_in_item_order(weight) -> None:
    """Check that the results are in item order and the same as computed here, split or not."""
    results = map_chunks(_square, ITEMS, 2, weight=weight)
    assert [r for r, _ in results] == [x * x for x in ITEMS]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_the_shared_queue_is_worked_by_the_children() -> None:
    """Check that with weights every batch is done in a child (this process only waits), by both children."""
    def slow(chunk: Sequence[int]) -> list[tuple[int, int]]:
        time.sleep(0.02)  # long enough for the second child to start before the first has done everything
        return _square(chunk)

    pids = {pid for _, pid in map_chunks(slow, ITEMS, 2, weight=_weight)}
    assert os.getpid() not in pids
    assert len(pids) == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_the_batches_of_a_failed_child_are_done_here() -> None:
    """Check that when a child fails, what it took is done in this process and nothing is lost."""
    parent = os.getpid()

    def fragile(chunk: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() != parent and 300 in chunk:
            raise RuntimeError("a child fails")
        return _square(chunk)

    results = map_chunks(fragile, ITEMS, 2, weight=_weight)
    assert [r for r, _ in results] == [x * x for x in ITEMS]
    assert parent in {pid for _, pid in results}


def test_batches_are_consecutive_and_of_about_equal_cost_the_costliest_first() -> None:
    """Check the batches: every item once, consecutive items together, a costly item alone, costliest first."""
    costs = [_weight(x) for x in ITEMS]
    batches = _batches(costs, 16)
    assert sorted(i for batch in batches for i in batch) == ITEMS
    assert all(batch == list(range(batch[0], batch[-1] + 1)) for batch in batches)
    assert batches[0] == [7]
    loads = [sum(costs[i] for i in batch) for batch in batches]
    assert loads == sorted(loads, reverse=True)
    assert max(loads[1:]) <= 2 * sum(costs) / 16


def test_pages_rendered_in_a_child_while_the_parent_works_are_the_same(fixture_root, tmp_path) -> None:
    """build_pages(meanwhile=...) renders in a forked child while the parent runs `meanwhile` (the
    check loads its English pipeline so); the pages are those rendered here, and bad data still
    raises its located error in the parent."""
    from helpers import fixture_site
    from hooks.core.findings import DataError
    from hooks.publish.engine import build_pages

    ran = []
    site, pages = build_pages(fixture_root, None, meanwhile=lambda: ran.append(os.getpid()))
    _, plain = build_pages(fixture_root)
    assert ran == [os.getpid()]
    assert [(p.path, p.markdown, p.spans) for p in pages] == [(p.path, p.markdown, p.spans) for p in plain]
    assert site.project.root == fixture_root

    broken = fixture_site(tmp_path / "broken")
    standard = next((broken / "data" / "standards").glob("*.yaml"))
    standard.write_text(standard.read_text("utf-8").replace("designation:", "designation: [", 1), "utf-8")
    with pytest.raises(DataError) as caught:
        build_pages(broken, None, meanwhile=lambda: None)
    assert caught.value.findings[0].file.endswith(standard.name)
