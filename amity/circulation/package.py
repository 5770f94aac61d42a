"""The circulation package: per language the letter and annex as .docx (for the UN documents
service), the PDF, the Akoma Ntoso file, and a ``manifest.json`` with SHA-256 checksums.
A pure function from plain inputs to the bytes of a .zip.

The PDFs, which take nearly all the time, are rendered in parallel by a pool of worker
processes, one per core, kept for the life of the process; meanwhile the calling thread renders
the .docx and Akoma Ntoso files. A server starts the pool when it starts
(``start_render_processes``), so that no package waits for it; otherwise the first package
starts it. The pool uses the "forkserver" start method: the server's background threads and a
Celery worker are never forked, only a clean server process that has imported the renditions.
With one core, in a daemonic process (a child of Celery's prefork pool, which may not have
children of its own), or when no pool can be started, the files are rendered one after the other
in the calling process; the bytes are the same either way.

The render processes end with the process that started them, on SIGTERM as on SIGKILL: a
thread of the forkserver (``amity.circulation.lifeline``) ends it when its parent is gone, and
each render process asks the kernel (Linux ``PR_SET_PDEATHSIG``) to be killed when the
forkserver, its parent, ends.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from amity.circulation import wording
from amity.circulation.renditions import LetterInput, RenditionInput, akn, docx, file_stem, pdf
from amity.core.languages import CONTENT_LANGUAGES

logger = logging.getLogger(__name__)
Progress = Callable[[int, str], None]
FORMATS = ("docx", "pdf", "akn")
COMPRESSED = {"pdf", "docx"}  # stored in the .zip as they are
# What the forkserver imports once, so that each worker starts with the renditions loaded. (The
# fonts are not warmed there: that would run before the workers, not in parallel in them.)
PRELOAD = [
    "amity.circulation.lifeline",  # first: ends the forkserver when the server is gone
    "amity.circulation.package",
    "weasyprint",
    "docx",
    "lxml.etree",
]

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


def _end_with_server() -> None:
    """Initializer of each render process: die when the parent (the forkserver, which itself
    ends with the server) dies, however it dies. Linux only; elsewhere the forkserver's end
    closes the pool's queues and the processes end on their next read."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) != 0:
            logger.warning("render process: PR_SET_PDEATHSIG failed (%s)", ctypes.get_errno())
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(0)


def render_processes() -> int:
    """How many render processes a package uses: AMITY_RENDER_PROCESSES, else one per core."""
    from django.conf import settings

    return getattr(settings, "AMITY_RENDER_PROCESSES", 0) or cores()


_idle_timer: threading.Timer | None = None
_building = 0  # packages being built now: the idle timer waits for none


def _idle_busy(delta: int) -> None:
    """A package starts (+1) or ends (-1). When none is left, (re)arm the idle timer: the
    render processes stop after AMITY_RENDER_IDLE_SECONDS without a package (0: they stay),
    and start again with the next one."""
    global _idle_timer, _building
    from django.conf import settings

    seconds = getattr(settings, "AMITY_RENDER_IDLE_SECONDS", 0)
    with _pool_lock:
        _building += delta
        if _idle_timer is not None:
            _idle_timer.cancel()
            _idle_timer = None
        if seconds > 0 and _pool is not None and _building == 0:
            _idle_timer = threading.Timer(seconds, shutdown_pool)
            _idle_timer.daemon = True
            _idle_timer.start()


def _render_pool(size: int) -> ProcessPoolExecutor:
    """The shared pool of ``size`` render processes, started on first use."""
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size != size:
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=False)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _pool = ProcessPoolExecutor(
                max_workers=size, mp_context=context, initializer=_end_with_server
            )
            _pool_size = size
        return _pool


def _discard_pool(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def _warm() -> None:
    """Render a short PDF in each language, so that this render process has loaded the fonts,
    the shaping tables and the locale data before a real package needs them."""
    for language in CONTENT_LANGUAGES:
        role = wording.signatory_title(language, "-")
        words = {"role": role}
        pdf.render(
            RenditionInput(
                language=language,
                title=words["role"],
                preamble=[words["role"]],
                operative=[f"<b>{words['role']}</b>"],
                symbol=None,
                date=datetime.date(2000, 1, 1),
                session=77,
                agenda_item_number=1,
                agenda_item_title=words["role"],
                original_language="en",
                joined_states=[],
                document_kind="declaration",
                letter=LetterInput(date=datetime.date(2000, 1, 1), state="-", representative="-"),
            )
        )


def _may_start_pool(processes: int) -> bool:
    """Whether a pool of ``processes`` is worth starting here: more than one, and not in a
    daemonic process. (A child of Celery's prefork pool may not start processes: there the
    worker pool already renders several jobs at once, and each job renders in its child.)"""
    return processes > 1 and not multiprocessing.current_process().daemon


def start_render_processes(*, processes: int | None = None) -> list[Future[None]]:
    """Start the render processes now and warm them, in the background (what a server does when
    it starts, so that no package waits for them). Returns one future per process; nothing
    needs to wait for them. Nothing is started where ``build`` would not use a pool."""
    size = render_processes() if processes is None else processes
    if not _may_start_pool(size):
        return []
    try:
        pool = _render_pool(size)
        return [pool.submit(_warm) for _ in range(size)]
    except (OSError, RuntimeError) as exc:
        logger.warning("render processes not started (%s)", exc)
        return []


def shutdown_pool() -> None:
    """Stop the render processes (they are started again when next needed)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _pdf_weight(data: RenditionInput) -> tuple[bool, int]:
    """How long a PDF will take, roughly, to hand out the longest first: right-to-left text
    costs most to shape; then the length of the text."""
    return data.rtl, sum(map(len, data.preamble)) + sum(map(len, data.operative))


def _submit_pdfs(
    tasks: list[tuple[RenditionInput, str]], processes: int
) -> tuple[ProcessPoolExecutor | None, dict[Future[bytes], int]]:
    """The PDFs handed to the pool, the longest first, as {future: task index}; none when
    there is no pool to use."""
    if len(tasks) < 2 or not _may_start_pool(processes):
        return None, {}
    pdfs = [i for i, (_, fmt) in enumerate(tasks) if fmt == "pdf"]
    pdfs.sort(key=lambda i: _pdf_weight(tasks[i][0]), reverse=True)
    pool: ProcessPoolExecutor | None = None
    try:
        pool = _render_pool(processes)
        return pool, {pool.submit(render_one, *tasks[i]): i for i in pdfs}
    except (BrokenProcessPool, OSError, RuntimeError, AssertionError) as exc:
        logger.warning("render pool unavailable (%s); rendering in this process", exc)
        if pool is not None:
            _discard_pool(pool)
        return None, {}


def _render_all(
    tasks: list[tuple[RenditionInput, str]], processes: int, done: Callable[[int], None]
) -> dict[int, bytes]:
    """Each task's bytes by its index; ``done(index)`` after each. The PDFs in the pool when
    ``processes`` > 1 and it can be used, the rest here meanwhile; otherwise all here, one
    after the other."""
    results: dict[int, bytes] = {}
    pool, futures = _submit_pdfs(tasks, processes)
    pooled = set(futures.values())
    # The other files take a small part of the time: rendered here while the pool works (and,
    # on a first package, while its processes start).
    for index, task in enumerate(tasks):
        if index not in pooled:
            results[index] = render_one(*task)
            done(index)
    try:
        for future in as_completed(futures):
            index = futures[future]
            results[index] = future.result()
            done(index)
    except (BrokenProcessPool, OSError, RuntimeError) as exc:
        # The pool broke on the way (a render process died): render what is left here. An
        # error of the rendering itself is raised again by that.
        logger.warning("render pool failed (%s); rendering the rest in this process", exc)
        if pool is not None:
            _discard_pool(pool)
        for index in sorted(pooled - results.keys()):
            results[index] = render_one(*tasks[index])
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

    _idle_busy(+1)
    try:
        contents = _render_all(tasks, render_processes() if processes is None else processes, done)
    finally:
        _idle_busy(-1)
    files = []
    generated = generated_at or datetime.datetime.now(datetime.UTC)
    # Every entry is dated when the package was generated (UTC), so the same input and time
    # give the same bytes.
    stamp = generated.astimezone(datetime.UTC).timetuple()[:6]

    def entry(name: str, compressed: bool = False) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_STORED if compressed else zipfile.ZIP_DEFLATED
        return info

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (data, fmt) in enumerate(tasks):
            content = contents[index]
            name = _name(data, fmt)
            archive.writestr(entry(name, fmt in COMPRESSED), content)
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
            "generated_at": generated.isoformat(),
            "files": files,
        }
        archive.writestr(entry("manifest.json"), json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()
