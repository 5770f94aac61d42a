"""Celery application. Used only in scale mode (``REDIS_URL`` set); in the embedded default
tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``).

Workers run their tasks in threads (``CELERY_WORKER_POOL``): the tasks wait on the database,
the mail server or Redis, and the one heavy job, rendering a package, hands its PDFs to the
worker's render processes, which the worker starts when it is ready.
"""

import logging
import os
import threading
from typing import Any

from celery import Celery
from celery.beat import PersistentScheduler
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

app = Celery("amity")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def start_render_processes(**kwargs: Any) -> None:
    from amity.circulation import package

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
