"""The circulation package: per language the letter and annex as .docx (for the UN documents
service), the PDF, the Akoma Ntoso file, and a ``manifest.json`` with SHA-256 checksums.
A pure function from plain inputs to the bytes of a .zip.

The files are rendered in parallel by a pool of worker processes, one per core, started the
first time a package is built and kept for the life of the process (so only the first package
pays for starting them). The pool uses the "forkserver" start method: the server's background
threads and a Celery worker are never forked, only a clean server process that has imported the
renditions. With one core, in a daemonic process (a child of Celery's prefork pool, which may not
have children of its own), or when no pool can be started, the files are rendered one after the
other in the calling process; the bytes are the same either way.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
import multiprocessing
import os
import threading
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from amity.circulation.renditions import RenditionInput, akn, docx, file_stem, pdf

logger = logging.getLogger(__name__)
Progress = Callable[[int, str], None]
FORMATS = ("docx", "pdf", "akn")
# What the forkserver imports once, so that each worker starts with the renditions loaded. (The
# fonts are not warmed there: that would run before the workers, not in parallel in them.)
PRELOAD = ["amity.circulation.package", "weasyprint", "docx", "lxml.etree"]

_pool_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pool_size = 0


def _name(data: RenditionInput, fmt: str) -> str:
    stem = file_stem(data)
    if fmt == "docx":
        return f"{data.language}/{stem}-letter-and-annex.docx"
    if fmt == "pdf":
        return f"{data.language}/{stem}.pdf"
    return f"{data.language}/{stem}.akn.xml"


def render_one(data: RenditionInput, fmt: str) -> bytes:
    if fmt == "pdf":
        return pdf.render(data)
    if fmt == "docx":
        return docx.render(data)
    if fmt == "akn":
        return akn.render(data)
    raise ValueError(f"Unknown format {fmt}")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _render_pool(size: int) -> ProcessPoolExecutor:
    """The shared pool of ``size`` render processes, started on first use."""
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size != size:
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=False)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _pool = ProcessPoolExecutor(max_workers=size, mp_context=context)
            _pool_size = size
        return _pool


def _discard_pool(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def shutdown_pool() -> None:
    """Stop the render processes (they are started again when next needed)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _render_all(
    tasks: list[tuple[RenditionInput, str]], processes: int, done: Callable[[int], None]
) -> dict[int, bytes]:
    """Each task's bytes by its index; ``done(index)`` after each. In the pool when
    ``processes`` > 1 and it can be used, otherwise here, one after the other."""
    results: dict[int, bytes] = {}
    # A daemonic process (a child of Celery's prefork pool) may not start processes: there the
    # worker pool already renders several jobs at once, and each job renders here.
    if processes > 1 and len(tasks) > 1 and not multiprocessing.current_process().daemon:
        pool: ProcessPoolExecutor | None = None
        try:
            pool = _render_pool(processes)
            # The PDFs take nearly all the time: hand them out first so the pool stays busy.
            order = sorted(range(len(tasks)), key=lambda i: tasks[i][1] != "pdf")
            futures: dict[Future[bytes], int] = {
                pool.submit(render_one, *tasks[i]): i for i in order
            }
            for future in as_completed(futures):
                index = futures[future]
                results[index] = future.result()
                done(index)
            return results
        except (BrokenProcessPool, OSError, RuntimeError, AssertionError) as exc:
            # No usable pool (a worker died, no processes may be started here): carry on in
            # this process with what is left. Errors of the rendering itself are raised above.
            logger.warning("render pool unavailable (%s); rendering in this process", exc)
            if pool is not None:
                _discard_pool(pool)
    for index, task in enumerate(tasks):
        if index not in results:
            results[index] = render_one(*task)
            done(index)
    return results


def build(
    inputs: Sequence[RenditionInput],
    *,
    progress: Progress | None = None,
    generated_at: datetime.datetime | None = None,
    processes: int | None = None,
) -> bytes:
    """The .zip. ``progress(percent, message)`` is called after each file, in the calling
    thread. ``processes``: how many render processes (default: one per core; 1 renders here)."""
    tasks = [(data, fmt) for data in inputs for fmt in FORMATS]
    finished = 0

    def done(index: int) -> None:
        nonlocal finished
        finished += 1
        if progress is not None:
            data, fmt = tasks[index]
            progress(int(finished * 95 / len(tasks)), _name(data, fmt))

    contents = _render_all(tasks, cores() if processes is None else processes, done)
    files = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, (data, fmt) in enumerate(tasks):
            content = contents[index]
            name = _name(data, fmt)
            archive.writestr(name, content)
            files.append(
                {
                    "name": name,
                    "language": data.language,
                    "format": fmt,
                    "bytes": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                }
            )
        first = inputs[0] if inputs else None
        manifest = {
            "document": first.document_slug if first else "",
            "group": first.group_slug if first else "",
            "symbol": first.symbol if first else None,
            "session": first.session if first else None,
            "agenda_item": first.agenda_item_number if first else None,
            "languages": [d.language for d in inputs],
            "generated_at": (generated_at or datetime.datetime.now(datetime.UTC)).isoformat(),
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()
