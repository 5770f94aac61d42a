"""Celery application. Used only in scale mode (``REDIS_URL`` set); in the embedded default
tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``).

Workers run their tasks in threads (``CELERY_WORKER_POOL``): the tasks wait on the database,
the mail server or Redis, and the one heavy job, rendering a package, hands its PDFs to the
worker's render processes, which the worker starts when it is ready.
"""

import contextlib
import logging
import os
import threading
from typing import Any

from celery import Celery
from celery.beat import PersistentScheduler
from celery.signals import before_task_publish, task_postrun, task_prerun, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

app = Celery("amity")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def start_render_processes(**kwargs: Any) -> None:
    from django.conf import settings

    from amity.circulation import package

    if settings.AMITY_RENDER_START == "eager":
        package.start_render_processes()


@worker_ready.connect
def recover_after_start(**kwargs: Any) -> None:
    """A worker that starts resumes what a worker that died left: rendition jobs it was
    running, outbox entries it was delivering (their leases permitting), and whatever is due.
    In a thread: the worker takes tasks meanwhile."""

    def recover() -> None:
        from django.db import close_old_connections

        from amity.circulation import jobs
        from amity.core import outbox

        try:
            jobs.recover()
            outbox.sweep()
        except Exception:  # the database away: beat's sweeps will do it
            logging.getLogger(__name__).exception("recovery at worker start failed")
        finally:
            close_old_connections()

    threading.Thread(target=recover, name="amity-recover", daemon=True).start()


@worker_ready.connect
def start_heartbeat(**kwargs: Any) -> None:
    """The worker's heartbeat, read by ``/readyz`` (amity.core.health)."""
    from amity.core import health

    health.start_heartbeat("worker")


class HeartbeatScheduler(PersistentScheduler):
    """Celery beat's scheduler, noting a heartbeat (amity.core.health) from its loop at most
    every ``AMITY_HEARTBEAT_SECONDS``: a beat whose loop stops stops beating."""

    _beaten = 0.0

    def tick(self, *args: Any, **kwargs: Any) -> float:
        import time

        from amity.core import health

        interval = health.heartbeat_seconds()
        now = time.monotonic()
        if now - self._beaten >= interval:
            self._beaten = now
            health.beat("beat")
        # Wake at least once an interval, to beat even when no task is due for longer.
        return min(float(super().tick(*args, **kwargs)), interval)


# The request id of the request that started a task travels with it (a message header), so
# that the task's log lines carry it too (amity.core.observability).
_task_tokens: dict[str, Any] = {}


@before_task_publish.connect
def send_request_id(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    from amity.core.observability import current_request_id

    if headers is not None and current_request_id():
        headers["amity_request_id"] = current_request_id()


@task_prerun.connect
def receive_request_id(task_id: str = "", task: Any = None, **kwargs: Any) -> None:
    import uuid

    from amity.core.observability import current_request_id, set_request_id

    given = getattr(task.request, "amity_request_id", None) if task is not None else None
    _task_tokens[task_id] = set_request_id(given or current_request_id() or uuid.uuid4().hex)


@task_postrun.connect
def forget_request_id(task_id: str = "", **kwargs: Any) -> None:
    from amity.core.observability import reset_request_id

    token = _task_tokens.pop(task_id, None)
    if token is not None:
        # Set in another context (a thread of the worker): nothing to restore there.
        with contextlib.suppress(ValueError):
            reset_request_id(token)
