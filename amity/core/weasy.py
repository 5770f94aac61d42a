"""WeasyPrint in a threaded server: one document at a time per process.

Django runs each request's synchronous code in a thread of its own under ASGI, so two PDF
exports asked together rendered at the same time, and Pango, HarfBuzz and fontconfig (through
cffi, without the GIL) are not thread-safe: under load GLib reported "corrupted double-linked
list" and a server died once with "realloc(): invalid next size" (``bench/pages.py``). Every
``write_pdf`` of the application runs inside ``exclusive()``: one at a time in the process,
and with no garbage collection in any thread meanwhile (``core.collector.no_collection``), so
that the finalizers of WeasyPrint's objects never run while its libraries are at work
elsewhere. The circulation package's render processes are separate processes and unaffected.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from amity.core.collector import no_collection

_lock = threading.Lock()


@contextlib.contextmanager
def exclusive() -> Iterator[None]:
    with _lock, no_collection():
        yield
