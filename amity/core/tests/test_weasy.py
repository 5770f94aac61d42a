"""WeasyPrint one document at a time per process, with no garbage collection meanwhile
(``core.weasy``): two PDF exports asked together corrupted GLib's memory before."""

from __future__ import annotations

import gc
import threading
import time

from amity.core import collector, weasy


def test_two_renders_never_overlap_and_no_collection_runs_during_one() -> None:
    inside: list[int] = []
    overlaps: list[bool] = []
    enabled: list[bool] = []

    def render(n: int) -> None:
        with weasy.exclusive():
            overlaps.append(bool(inside))
            inside.append(n)
            enabled.append(gc.isenabled())
            assert collector.collect(thaw=False) is False  # the collector's thread waits too
            time.sleep(0.05)
            inside.remove(n)

    threads = [threading.Thread(target=render, args=(n,)) for n in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
    finally:
        gc.unfreeze()
    assert overlaps == [False] * 4
    assert enabled == [False] * 4
    assert gc.isenabled()
