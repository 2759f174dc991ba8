"""Embarrassingly parallel stage work on every core: the same results, in the same order.

Loading letter files and converting letter bodies to HTML are independent per item:
`map_chunks(func, items)` runs `func` over contiguous chunks of `items` in a pool of
forked worker processes (one per core) and returns the concatenated results, exactly
what `func(items)` returns in one process. Small inputs (fewer than `SERIAL_BELOW`
items: the seed archive, the tests), a single core, or a platform without `fork` run
serially in this process, so that path stays the simplest one.

Workers are forked (they inherit the loaded modules; nothing is imported again) and
live for one call. `gc.freeze()` before the fork keeps the workers' garbage collector
off the parent's objects, so copy-on-write pages stay shared and the workers do not
duplicate the parent's memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items the pool costs more than it saves (and tests stay in-process).
SERIAL_BELOW = 200
# Chunks per worker: enough to even out unequal items, few enough that each chunk's
# results travel back as one pickle (shared strings stay shared within a chunk).
CHUNKS_PER_WORKER = 4


def workers() -> int:
    """How many worker processes a parallel stage uses: one per core, 1 if no fork."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if hasattr(os, "sched_getaffinity"):  # the cores this process may run on
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def map_chunks(func: Callable[[Sequence[T]], list[R]], items: Sequence[T],
               serial_below: int | None = None, processes: int | None = None) -> list[R]:
    """`func(items)`, computed chunk by chunk in worker processes when worth it.

    `func` takes a contiguous slice of `items` and returns one result per item, in
    order; it must be a module-level function (or a partial of one) and must not
    depend on state the parent changes after the fork.
    """
    return submit_chunks(func, items, serial_below, processes)()


def submit_chunks(func: Callable[[Sequence[T]], list[R]], items: Sequence[T],
                  serial_below: int | None = None,
                  processes: int | None = None) -> Callable[[], list[R]]:
    """`map_chunks` started in the background: returns a function that waits for the
    results (the caller works meanwhile). Serially, the work is done when asked for.
    `serial_below` defaults to SERIAL_BELOW, `processes` to `workers()`."""
    n = workers() if processes is None else processes
    if serial_below is None:
        serial_below = SERIAL_BELOW
    if n < 2 or not items or len(items) < serial_below:
        return lambda: func(items)
    count = min(len(items), n * CHUNKS_PER_WORKER)
    bounds = [len(items) * i // count for i in range(count + 1)]
    chunks = [items[bounds[i]:bounds[i + 1]] for i in range(count)]
    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(n)
    except BaseException:
        gc.unfreeze()
        raise
    pending = pool.map_async(func, chunks, chunksize=1)

    def result() -> list[R]:
        try:
            parts = pending.get()
        finally:
            pool.terminate()
            pool.join()
            gc.unfreeze()
        return [x for part in parts for x in part]

    return result
