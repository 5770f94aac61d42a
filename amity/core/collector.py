"""Full garbage collections at quiet moments, not in the middle of a live change.

CPython collects its oldest generation when enough objects have survived the younger ones; in a
server holding thousands of WebSocket connections that collection walks every one of their
objects and stops the process for tens of milliseconds (measured by ``bench/live_fanout.py``
through ``AMITY_LIVE_TRACE_FILE``), and it tends to fall during a fan-out, which allocates most.
So in a server process the automatic full collection is switched off and a daemon thread runs
it instead when the process has been quiet for a moment (no live fan-out for ``idle``
seconds), or after ``longest`` seconds whatever happens, and only when the collector would have
run by then (``gc.get_count()[2]`` at its usual threshold). Young collections are unchanged.
"""

from __future__ import annotations

import gc
import threading
import time

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


def _run(check: float, idle: float, longest: float) -> None:
    last_full = time.monotonic()
    while True:
        time.sleep(check)
        now = time.monotonic()
        if due(now=now, last_full=last_full, idle=idle, longest=longest):
            gc.collect()
            last_full = time.monotonic()


def start(*, check: float = 0.5, idle: float = 1.0, longest: float = 60.0) -> None:
    """Take the oldest generation's collections out of the allocation path (once a process)."""
    global _started
    if _started:
        return
    _started = True
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1 << 30)  # never reached: the thread collects instead
    threading.Thread(target=_run, args=(check, idle, longest), name="amity-gc", daemon=True).start()
