"""Stage timing of live changes, for ``bench/live_fanout.py``: where a change's time goes.

Off unless ``AMITY_LIVE_TRACE_FILE`` names a file. Then each process appends one JSON line
per change and stage group to it (``time.time()`` in seconds, comparable between the processes
of one machine):

- the process that makes the change: ``service`` (the service entered), ``locked`` (the live
  state locked), ``written`` (state and audit entry written, before the commit), ``committed``
  (the after-commit handler started), ``serialized`` (the state read again and turned into
  JSON for both audiences), ``sent`` (handed to the channel layer);
- every process with clients of the meeting: ``received`` (its hub got the message from the
  layer) and ``delivered`` (every local socket has been written to), with ``clients``;
- garbage collections of the oldest generation, with their duration, as ``gc`` lines.

The bench merges the lines by meeting and version. A diagnostic, never for production: it
writes a line per change from the request's thread.
"""

from __future__ import annotations

import gc
import json
import os
import threading
import time
from typing import Any

from django.conf import settings

_local = threading.local()
_lock = threading.Lock()
_gc_started: float | None = None


def enabled() -> bool:
    return bool(getattr(settings, "AMITY_LIVE_TRACE_FILE", ""))


def _write(record: dict[str, Any]) -> None:
    line = json.dumps({"pid": os.getpid(), **record}) + "\n"
    with _lock, open(settings.AMITY_LIVE_TRACE_FILE, "a", encoding="utf-8") as out:
        out.write(line)


def mark(stage: str) -> None:
    """Note ``stage`` of the change this thread is making (before its version is known)."""
    if enabled():
        pending = getattr(_local, "pending", None)
        if pending is None or stage == "service":
            pending = _local.pending = {}
        pending[stage] = time.time()


def bind(*, meeting_id: int, version: int) -> None:
    """The change this thread is making has become ``version`` of ``meeting_id``."""
    if enabled():
        _local.key = (meeting_id, version)


def finish(*, meeting_id: int, version: int, stages: dict[str, float]) -> None:
    """Write the stages of the change made by this thread, with ``stages`` noted after commit."""
    if not enabled():
        return
    pending = getattr(_local, "pending", None) or {}
    if getattr(_local, "key", None) != (meeting_id, version):
        pending = {}  # a publish not made by a change of this thread (a retry, say)
    _local.pending = None
    _local.key = None
    _write({"meeting": meeting_id, "version": version, "stages": {**pending, **stages}})


def fanned_out(
    *, meeting: int | None, group: str, version: int, received: float, clients: int
) -> None:
    """A hub wrote ``version`` to its ``clients`` local sockets of ``group`` (of ``meeting``)."""
    if enabled():
        _write(
            {
                "meeting": meeting,
                "version": version,
                "group": group,
                "clients": clients,
                "stages": {"received": received, "delivered": time.time()},
            }
        )


def _on_gc(phase: str, info: dict[str, Any]) -> None:
    global _gc_started
    if info.get("generation") != 2:
        return
    if phase == "start":
        _gc_started = time.time()
    elif _gc_started is not None:
        started, _gc_started = _gc_started, None
        _write({"gc": 2, "start": started, "ms": (time.time() - started) * 1000})


def install_gc_watch() -> None:
    """Note the oldest generation's collections (called once per process when tracing)."""
    if enabled() and _on_gc not in gc.callbacks:
        gc.callbacks.append(_on_gc)
