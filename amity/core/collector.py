"""Full garbage collections at quiet moments, not in the middle of a live change.

CPython collects its oldest generation when enough objects have survived the younger ones; in a
server holding thousands of WebSocket connections that collection walks every one of their
objects and stops the process for tens of milliseconds (measured by ``bench/live_fanout.py``
through ``AMITY_LIVE_TRACE_FILE``), and it tends to fall during a fan-out, which allocates most.
So in a server process the automatic full collection is switched off and a daemon thread runs
it instead when the process has been quiet for a moment (no live fan-out for ``idle``
seconds), or after ``longest`` seconds whatever happens, and only when the collector would have
run by then (``gc.get_count()[2]`` at its usual threshold). Young collections are unchanged.

What survives a full collection is then frozen (``gc.freeze()``): connections live for hours,
and a full collection walking ten thousand of them took 0.5-1.9 s (bench, 10,000 clients on two
nodes); frozen, they are no longer walked, and each full collection sees only what came since.
Objects are still freed by reference counting when frozen; only garbage cycles among them wait,
until every ``refresh`` seconds (an hour) the next quiet collection unfreezes everything first.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Iterator

# Code that holds C objects while it runs without the GIL (WeasyPrint's Pango and fontconfig,
# through cffi) must not see a collection in another thread meanwhile: the finalizers of the
# garbage it frees would call into the same libraries at the same time, and neither is
# thread-safe (a server died with "realloc(): invalid next size" under load while rendering a
# PDF; "GLib: corrupted double-linked list" while PDF exports were asked concurrently).
# ``no_collection()`` holds every collection off for that time, the automatic ones included
# (a young collection triggered by another thread's allocations frees such garbage too).
_cond = threading.Condition()
_holding = 0
_collecting = False

# Full collections happen when this many young-generation (1) collections have run since the
# last one: CPython's own default threshold for the oldest generation.
FULL_AFTER = 10
_last_busy = 0.0
_started = False


def busy() -> None:
    """The process is doing latency-sensitive work now (a live fan-out): collect later."""
    global _last_busy
    _last_busy = time.monotonic()


def due(*, now: float, last_full: float, idle: float, longest: float) -> bool:
    """Whether to run a full collection now."""
    if gc.get_count()[2] < FULL_AFTER:
        return False
    return now - _last_busy >= idle or now - last_full >= longest


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """No garbage collection in any thread while the block runs (it waits for one of this
    module's under way to end): the automatic collector is off meanwhile, and when the last such
    block ends, this thread collects what the libraries left and turns it on again, so that
    their finalizers run here, while no other code of theirs runs."""
    global _holding, _collecting
    if threading.active_count() == 1:  # a render process: no other thread to fear
        yield
        return
    with _cond:
        while _collecting:
            _cond.wait()
        if _holding == 0:
            gc.disable()
        _holding += 1
    try:
        yield
    finally:
        with _cond:
            _holding -= 1
            last = _holding == 0
            if last:
                _collecting = True  # no block starts while this thread collects
        if last:
            try:
                gc.collect()
            finally:
                with _cond:
                    _collecting = False
                    gc.enable()
                    _cond.notify_all()


def collect(*, thaw: bool) -> bool:
    """A full collection, then what survived it frozen; ``thaw``: everything frozen is
    collected again first (garbage cycles among frozen objects are found only then). Not while
    a ``no_collection()`` block runs: False then."""
    global _collecting
    with _cond:
        if _holding:
            return False
        _collecting = True
    try:
        if thaw:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
    finally:
        with _cond:
            _collecting = False
            _cond.notify_all()
    return True


def _run(check: float, idle: float, longest: float, refresh: float) -> None:
    last_full = last_thaw = time.monotonic()
    while True:
        time.sleep(check)
        now = time.monotonic()
        if due(now=now, last_full=last_full, idle=idle, longest=longest):
            thaw = now - last_thaw >= refresh
            if collect(thaw=thaw):
                last_full = time.monotonic()
                if thaw:
                    last_thaw = last_full


def start(
    *, check: float = 0.5, idle: float = 2.0, longest: float = 60.0, refresh: float = 3600.0
) -> None:
    """Take the oldest generation's collections out of the allocation path (once a process)."""
    global _started
    if _started:
        return
    _started = True
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1 << 30)  # never reached: the thread collects instead
    threading.Thread(
        target=_run, args=(check, idle, longest, refresh), name="amity-gc", daemon=True
    ).start()
