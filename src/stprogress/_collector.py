"""Pausing Python's cyclic garbage collector around bulk work that makes no garbage cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector for a bulk load, dump or pass over 10⁵–10⁶ tasks, then put it back.

    Such work allocates containers that are not garbage: a document's millions of values, or a
    report's sets of hundreds of thousands of task codes. Each collection the allocations trigger
    traverses the young containers element by element, and the elements (codes, values) lie all over
    memory: at 10⁶ tasks two collections of a few hundred young objects cost half a second. Only a
    collector found enabled is re-enabled, on success and on error alike, so a caller who paused it
    keeps it paused, and concurrent calls in threads leave it enabled once the last one ends.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
