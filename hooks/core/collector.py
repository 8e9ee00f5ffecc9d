"""The cyclic garbage collector, held back where the engine makes many objects that live on.

Reference counting frees nearly everything the engine makes; the cyclic collector, run every 700
new objects by default, then walks everything alive again and again for little gain. Two places
make objects in bulk: judging pages (few_collections) and decoding the cache or unpickling a child's
result, which builds the whole site at once (no_collections: five times quicker at N=1000).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def few_collections() -> Iterator[None]:
    """Judging pages makes millions of small objects, nearly all freed by reference counting as soon
    as they are done with; at the default thresholds the cyclic collector still ran some 2,000 times
    at N=1000, each time through everything alive (the site, the pages, the English pipeline), for
    a sixth of the time. Meanwhile, what exists before is set aside (gc.freeze: never collected, and
    not copied into a forked child by the collector's writes) and a collection waits for 100,000 new
    objects instead of 700. Afterwards everything goes to the oldest generation, collected when it
    next is, not in one long collection of the young ones (half a second) as soon as the thresholds
    are back."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.set_threshold(*thresholds)


@contextmanager
def no_collections() -> Iterator[None]:
    """No cyclic collection while the block runs (a decoding: what it builds all lives on, and
    nothing it makes is garbage); the collector's earlier state is restored after, and what the block
    made goes to the oldest generation, as in few_collections, rather than through every younger one
    at the next allocations."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()
