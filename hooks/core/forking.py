"""Work in forked processes: a child computes, pickles its result into a pipe and exits.

Used to check while MkDocs renders (background.py) and to split the cold check of a large
site over the machine's cores (checks.py). Where fork is missing, or a child fails, the work
is done in the parent: the result is the same either way, only slower.
"""

from __future__ import annotations

import os
import pickle
import struct
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from .collector import no_collections

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def spawn(fn: Callable[[], S]) -> Callable[[], S]:
    """Start fn() in a child; the returned function waits for its result (or computes it here)."""
    if not hasattr(os, "fork"):
        result = fn()
        return lambda: result
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's cleanup
        code = 0
        try:
            os.close(read_fd)
            result = fn()
            with no_collections():  # a collection while pickling walks all the child holds: half the pickling of the pages
                data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as out:
                out.write(data)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(write_fd)

    def collect() -> S:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return fn()
        with no_collections():
            return pickle.loads(data)

    return collect


def map_chunks(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], workers: int,
               weight: Callable[[T], float] | None = None, rounds: int = 8) -> list[R]:
    """fn over items split over `workers` processes (this one and forked children), results in item order.

    Without `weight`, in `workers` contiguous chunks of equal length, the first done here. With it
    (the expected cost of an item), in batches of consecutive items of about equal weight, `rounds`
    for each of `workers` children, which take them in turn from a shared queue, the heaviest first,
    each the next one left when it is done with its last: a child that meets a costly page, or
    shares its core with another program, takes fewer. A batch a failed child took is done here."""
    if workers <= 1 or len(items) < 2:
        return fn(items)
    if weight is None:
        size = -(-len(items) // workers)
        groups = [list(range(i, min(i + size, len(items)))) for i in range(0, len(items), size)]
        pending = [spawn(partial(fn, [items[i] for i in group])) for group in groups[1:]]
        done = [fn([items[i] for i in groups[0]]), *(collect() for collect in pending)]
        return _in_order(groups, list(enumerate(done)), len(items))
    groups = _batches([weight(item) for item in items], workers * rounds)
    read_fd, write_fd = os.pipe()
    os.write(write_fd, b"".join(struct.pack("I", k) for k in range(len(groups))))  # a few bytes: fits the pipe
    os.close(write_fd)

    def work() -> list[tuple[int, list[R]]]:
        done = []
        while raw := os.read(read_fd, 4):  # reads of 4 bytes from a pipe are whole: each batch goes to one process
            k = struct.unpack("I", raw)[0]
            done.append((k, fn([items[i] for i in groups[k]])))
        return done

    # Every batch in a child: this process only waits, so it ends with none of the garbage the work
    # leaves (collecting it at exit took half a second at N=1000), and a child exits without any.
    children = [spawn(work) for _ in range(workers)]
    results: list[tuple[int, list[R]]] = []
    for child in children:
        results += child()
    os.close(read_fd)
    taken = {k for k, _ in results}
    results += [(k, fn([items[i] for i in group])) for k, group in enumerate(groups) if k not in taken]
    return _in_order(groups, results, len(items))


def _batches(costs: list[float], count: int) -> list[list[int]]:
    """Indices of consecutive items in about `count` batches of about equal cost (an item costlier
    than that a batch of its own), the costliest batch first."""
    share = sum(costs) / count
    groups: list[list[int]] = [[]]
    load = 0.0
    for i, cost in enumerate(costs):
        if groups[-1] and (load + cost > share or cost > share):
            groups.append([])
            load = 0.0
        groups[-1].append(i)
        load += cost
    return sorted(groups, key=lambda group: -sum(costs[i] for i in group))


def _in_order(groups: list[list[int]], done: list[tuple[int, list[R]]], n: int) -> list[R]:
    """The results of each batch (by its number in groups) put back in item order."""
    results: list[R] = [None] * n  # type: ignore[list-item]
    for k, batch_results in done:
        for i, result in zip(groups[k], batch_results, strict=True):
            results[i] = result
    return results
