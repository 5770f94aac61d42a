"""Where rendition jobs run, and how jobs left behind by a process that died are recovered.

Scale mode (``REDIS_URL`` set): a Celery task. Embedded default: a small executor of
background threads in the server process. Both call ``services.rendition_run``; the page
polls the ``RenditionJob`` for progress. A job is started through the outbox
(``circulation.job_start``), so a job whose hand-over failed (Redis down) is started when the
broker is back.

Recovery (``recover``): at start-up (ASGI lifespan in the embedded default, Celery
``worker_ready`` in scale mode) and then every minute (the server's background thread, or
Celery beat), a running job whose process is gone — dead on this host, or silent for
``AMITY_JOB_STALE_SECONDS`` — is resumed, or failed with a message once it was started
``AMITY_JOB_MAX_STARTS`` times; a queued job nobody took is handed over again. Its page and the
API then offer to start a failed job again.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="amity-render")
        return _executor


def _run(job_id: int) -> None:
    from amity.circulation.services import rendition_run
    from amity.core.audit import audit_source

    close_old_connections()
    try:
        with audit_source("task"):
            rendition_run(job_id=job_id)
    except Exception:
        logger.exception("rendition job %s failed", job_id)
    finally:
        close_old_connections()


def in_celery() -> bool:
    """Whether jobs go to Celery workers (scale mode) rather than this process."""
    return bool(settings.REDIS_URL) and not settings.CELERY_TASK_ALWAYS_EAGER


def start_render_processes() -> None:
    """At server start: start the render processes if packages are built in this process and
    AMITY_RENDER_START is "eager" (else the first package starts them)."""
    if not in_celery() and settings.AMITY_RENDER_START == "eager":
        from amity.circulation import package

        package.start_render_processes()


def enqueue(job_id: int) -> Future[None] | None:
    """Start the job: Celery in scale mode, a background thread otherwise. Raises if the
    broker cannot be reached (the outbox entry that called it is then retried)."""
    if in_celery():
        from amity.circulation.tasks import render_job

        render_job.apply_async((job_id,), retry=False)
        return None
    _submitted.add(job_id)
    return _pool().submit(_run, job_id)


def wait_all(timeout: float = 60) -> None:
    """Wait for the jobs started so far (tests and the command line)."""
    global _executor
    with _lock:
        executor, _executor = _executor, None
    if executor is not None:
        executor.shutdown(wait=True)


# --- who runs a job, and whether it is still alive ------------------------------------------


def _start_ticks(pid: int) -> str:
    """The start time of process ``pid`` (Linux: clock ticks since boot), or "" if unknown;
    with the pid it names one process, even after the pid is reused."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def process_identity() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_ticks(pid)}"


def _alive_here(worker: str) -> bool | None:
    """Whether the process named by ``worker`` is alive, if it ran on this host (None when it
    ran elsewhere: only its silence can tell)."""
    host, _sep, rest = worker.partition(":")
    pid_text, _sep, ticks = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    if ticks and Path("/proc").is_dir():
        return _start_ticks(pid) == ticks
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_abandoned(*, worker: str, touched_at: datetime.datetime | None) -> bool:
    """A running job is abandoned when its process is known dead, or has shown no sign of
    life for ``AMITY_JOB_STALE_SECONDS``."""
    alive = _alive_here(worker) if worker else None
    if alive is not None:
        return not alive
    stale = timezone.now() - datetime.timedelta(seconds=settings.AMITY_JOB_STALE_SECONDS)
    return touched_at is None or touched_at < stale


class Heartbeat:
    """While a job renders, note every few seconds that its process is alive (a package's
    files report progress; one long file would not)."""

    def __init__(self, job_id: int, every: float | None = None) -> None:
        self.job_id = job_id
        self.every = every or max(settings.AMITY_JOB_STALE_SECONDS / 4, 1.0)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name="amity-job-heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(5)

    def _beat(self) -> None:
        from amity.circulation.models import JobStatus, RenditionJob

        try:
            while not self.stop.wait(self.every):
                RenditionJob.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
                    touched_at=timezone.now()
                )
        except Exception:
            logger.exception("heartbeat of rendition job %s failed", self.job_id)
        finally:
            close_old_connections()


def recover() -> int:
    """Resume or fail the running jobs whose process is gone, and hand over again the queued
    jobs that nobody took; returns how many jobs were touched."""
    from amity.circulation import services
    from amity.circulation.models import JobStatus, RenditionJob
    from amity.core.audit import audit_source

    touched = 0
    stale = timezone.now() - datetime.timedelta(seconds=settings.AMITY_JOB_STALE_SECONDS)
    here = not in_celery()  # the embedded default: queued jobs lived in a dead process's pool
    for job_id, status, worker, touched_at in RenditionJob.objects.filter(
        status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
    ).values_list("pk", "status", "worker", "touched_at"):
        try:
            with audit_source("task"):
                if status == JobStatus.RUNNING:
                    if is_abandoned(worker=worker, touched_at=touched_at):
                        services.rendition_recover(job_id=job_id)
                        touched += 1
                elif (
                    (here and job_id not in _submitted) or touched_at is None or touched_at < stale
                ):
                    services.rendition_requeue(job_id=job_id)
                    touched += 1
        except Exception:
            logger.exception("recovering rendition job %s failed", job_id)
    return touched


# Jobs this process has handed to its own pool (embedded default): not orphans.
_submitted: set[int] = set()
