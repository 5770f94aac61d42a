"""Where rendition jobs run. Scale mode (``REDIS_URL`` set): a Celery task. Embedded default:
a small executor of background threads in the server process. Both call
``services.rendition_run``; the page polls the ``RenditionJob`` for progress.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections

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
    """At server start: start the render processes if packages are built in this process."""
    if not in_celery():
        from amity.circulation import package

        package.start_render_processes()


def enqueue(job_id: int) -> Future[None] | None:
    """Start the job: Celery in scale mode, a background thread otherwise."""
    if in_celery():
        from amity.circulation.tasks import render_job

        render_job.delay(job_id)
        return None
    return _pool().submit(_run, job_id)


def wait_all(timeout: float = 60) -> None:
    """Wait for the jobs started so far (tests and the command line)."""
    global _executor
    with _lock:
        executor, _executor = _executor, None
    if executor is not None:
        executor.shutdown(wait=True)
