"""Work in forked processes: a child computes, pickles its result into a pipe and exits.

Used to check while MkDocs renders (background.py) and to split the cold check of a large
site over the machine's cores (checks.py). Where fork is missing, or a child fails, the work
is done in the parent: the result is the same either way, only slower.
"""

from __future__ import annotations

import os
import pickle
from functools import partial
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def spawn(fn: Callable[[], R]) -> Callable[[], R]:
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
            data = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as out:
                out.write(data)
        except BaseException:  # noqa: BLE001 - any failure: the parent computes it instead
            code = 1
        os._exit(code)
    os.close(write_fd)

    def collect() -> R:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return fn()
        return pickle.loads(data)

    return collect


def map_chunks(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], workers: int,
               weight: Callable[[T], float] | None = None) -> list[R]:
    """fn over items split into `workers` chunks (the first done here), results in item order.

    Without `weight`, the chunks are contiguous and of equal length. With it (the expected cost of
    an item), each item in turn from the heaviest goes to the chunk with the least weight so far,
    so that one large page does not keep one core busy while the other waits; a chunk keeps its
    items in their order."""
    if workers <= 1 or len(items) < 2:
        return fn(items)
    if weight is None:
        size = -(-len(items) // workers)
        groups = [list(range(i, min(i + size, len(items)))) for i in range(0, len(items), size)]
    else:
        costs = [weight(item) for item in items]
        loads = [0.0] * workers
        loads[0] = 0.03 * sum(costs)  # the first chunk's process then collects the others' results
        groups = [[] for _ in range(workers)]
        for i in sorted(range(len(items)), key=lambda i: -costs[i]):
            lightest = loads.index(min(loads))
            groups[lightest].append(i)
            loads[lightest] += costs[i]
        groups = [sorted(group) for group in groups if group]
    chunks = [[items[i] for i in group] for group in groups]
    pending = [spawn(partial(fn, chunk)) for chunk in chunks[1:]]
    done = [fn(chunks[0]), *(collect() for collect in pending)]
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    for group, chunk_results in zip(groups, done, strict=True):
        for i, result in zip(group, chunk_results, strict=True):
            results[i] = result
    return results
