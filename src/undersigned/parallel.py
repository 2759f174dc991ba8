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

import functools
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items the pool costs more than it saves (and tests stay in-process).
SERIAL_BELOW = 200
# Chunks per worker: enough to even out unequal items, few enough that each chunk's
# results travel back as one pickle (shared strings stay shared within a chunk).
CHUNKS_PER_WORKER = 4
# Items per chunk when the work runs in this process.
SERIAL_CHUNK = 256


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
    with Chunks(func, items, serial_below, processes) as chunks:
        return [x for part in chunks.rest() for x in part]


# What `map_shared`'s workers read: set before the fork, so it reaches them for free
# (copy-on-write) instead of being pickled with every chunk.
_SHARED: object = None


def _on_shared(func: Callable[[object, Sequence[int]], list[R]], indices: range) -> list[R]:
    return func(_SHARED, indices)


def map_shared(func: Callable[[object, Sequence[int]], list[R]], shared: object, count: int,
               serial_below: int | None = None) -> list[R]:
    """`func(shared, range(count))` computed chunk by chunk like `map_chunks`, for work
    over a big structure already in memory (checking every letter of a loaded archive):
    the workers inherit `shared` at the fork and receive only ranges of indices."""
    global _SHARED
    _SHARED = shared
    try:
        return map_chunks(functools.partial(_on_shared, func), range(count), serial_below)
    finally:
        _SHARED = None


def shared_chunks(func: Callable[[object, Sequence[int]], list[R]], shared: object,
                  count: int, serial_below: int | None = None) -> Chunks:
    """`map_shared` started in the background, as a `Chunks` (use it in a `with`): the
    workers inherit `shared` at the fork; serially, chunks are computed when taken.
    One at a time: `shared` stays reachable until the Chunks is closed."""
    global _SHARED
    if _SHARED is not None:
        raise RuntimeError("shared_chunks: another shared computation is running")
    _SHARED = shared
    try:
        chunks = Chunks(functools.partial(_on_shared, func), range(count), serial_below)
    except BaseException:
        _SHARED = None
        raise
    chunks.shared = True
    return chunks


class Chunks:
    """`map_chunks` started in the background, its results taken chunk by chunk, in
    order: `ready()` those already done (never waits), `rest()` the others (waits).
    The caller works meanwhile and uses each chunk as it comes, so that the results
    are never all held at once. Serially, each chunk is computed when taken.
    `serial_below` defaults to SERIAL_BELOW, `processes` to `workers()`."""

    def __init__(self, func: Callable[[Sequence[T]], list[R]], items: Sequence[T],
                 serial_below: int | None = None, processes: int | None = None):
        n = workers() if processes is None else processes
        limit = SERIAL_BELOW if serial_below is None else serial_below
        self.pool = None
        self.shared = False  # set by shared_chunks: _SHARED is released on close
        if n < 2 or not items or len(items) < limit:
            # In this process, a bounded slice at a time (a single-core machine at
            # 10,000 letters holds one chunk of results, as the pool does).
            self.chunks = [items[i:i + SERIAL_CHUNK] for i in range(0, len(items),
                                                                     SERIAL_CHUNK)]
            self.func = func
            return
        count = min(len(items), n * CHUNKS_PER_WORKER)
        bounds = [len(items) * i // count for i in range(count + 1)]
        self.chunks = [items[bounds[i]:bounds[i + 1]] for i in range(count)]
        gc.freeze()
        try:
            self.pool = multiprocessing.get_context("fork").Pool(n)
        except BaseException:
            gc.unfreeze()
            raise
        self.results = self.pool.imap(func, self.chunks)
        self.taken = 0

    def ready(self) -> Iterator[list[R]]:
        if self.pool is None:
            return
        while self.taken < len(self.chunks):
            try:
                part = self.results.next(timeout=0)
            except multiprocessing.TimeoutError:
                return
            self.taken += 1
            yield part

    def rest(self) -> Iterator[list[R]]:
        if self.pool is None:
            while self.chunks:
                yield self.func(self.chunks.pop(0))
            return
        while self.taken < len(self.chunks):
            part = self.results.next()
            self.taken += 1
            yield part
        self.close()

    def close(self) -> None:
        global _SHARED
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
            gc.unfreeze()
        if self.shared:
            self.shared = False
            _SHARED = None

    def __enter__(self) -> Chunks:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _after(gate, func: Callable[..., object], args: tuple) -> None:
    gate.wait()
    func(*args)


class Background:
    """`func(*args)` in one forked process, for work whose only product is files (the
    site's downloads, written while MkDocs renders on the other core). `wait()` raises
    RuntimeError if it failed. Below `serial_below` items (`size`), with one core or no
    fork, `wait()` runs it here instead.

    With `gated`, the forked process starts `func` only once `open()` is called (the
    downloads go straight into the site MkDocs renders, but only after MkDocs has
    emptied that directory); `wait()` opens the gate if nobody has."""

    def __init__(self, func: Callable[..., object], args: tuple, size: int,
                 serial_below: int | None = None, gated: bool = False):
        limit = SERIAL_BELOW if serial_below is None else serial_below
        self.func, self.args, self.process, self.gate = func, args, None, None
        if size >= limit and workers() > 1:
            context = multiprocessing.get_context("fork")
            target, target_args = func, args
            if gated:
                self.gate = context.Event()
                target, target_args = _after, (self.gate, func, args)
            gc.freeze()  # the child does not copy the parent's objects to collect them
            self.process = context.Process(target=target, args=target_args, daemon=True)
            self.process.start()
            gc.unfreeze()

    @property
    def forked(self) -> bool:
        return self.process is not None

    def open(self) -> None:
        """Let a gated process start its work (nothing to do otherwise)."""
        if self.gate is not None:
            self.gate.set()

    def wait(self) -> None:
        if self.process is None:
            self.func(*self.args)
            return
        self.open()
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError(f"{getattr(self.func, '__name__', 'work')} failed in a "
                               f"worker process (exit code {self.process.exitcode})")

    def cancel(self) -> None:
        """Stop the forked process if it still runs (the build failed meanwhile)."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
