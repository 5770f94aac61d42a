"""The one door for what happens after a write commits: e-mails, jobs to start, search entries
to refresh, live updates. Services call ``after_commit(name, payload, group_pk=...)`` inside
their transaction; nothing else in Amity calls ``transaction.on_commit``.

A *durable* side effect is an ``OutboxEntry`` row written in the service's own transaction:
if the write commits, so does the entry; if it rolls back, nobody hears of it. After the
commit the entry is delivered at once — in this process (``inline`` handlers, and every
handler in the embedded default), or by a Celery worker (``in_worker`` handlers in scale
mode) — and the row is the safety net: an entry whose delivery failed (SMTP down, Redis down)
is retried with growing delays by the sweep, and one whose process died while delivering it is
taken again when its lease ends. A handler that keeps failing ends ``failed``, shown to the
group's coordinator, who may retry it; nothing is dropped silently.

A *non-durable* side effect (the live broadcast: frequent, wanted within milliseconds, and
self-healing since it always sends the latest state) is attempted at once after commit and
written to the outbox only if it fails.

Nothing here raises into the request that committed: a failure after commit is logged and left
to the retries. Delivery is at least once, so handlers are idempotent; a handler with several
parts (one e-mail per address) records each part done as an ``OutboxReceipt`` (``receipt``)
and skips it when run again.

Handlers register by name (``@register("meetings.emails")``) from their app's ``handlers``
module, imported by the app's ``ready()``: core imports no domain app.
"""

from __future__ import annotations

import datetime
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from amity.core.audit import audit_source
from amity.core.models import OutboxEntry, OutboxReceipt, OutboxStatus

logger = logging.getLogger(__name__)

HandlerFunc = Callable[[dict[str, Any], "int | None"], Any]
F = TypeVar("F", bound=HandlerFunc)


@dataclass(frozen=True)
class Handler:
    name: str
    func: HandlerFunc
    # Delivered by a Celery worker in scale mode (e-mail: slow, and no reason to hold a
    # server's thread); otherwise in the process that committed, right after the commit.
    in_worker: bool
    max_attempts: int
    # What the coordinator reads on the failures page, in the current language, from the
    # payload and the entry's subject (no query).
    describe: Callable[[dict[str, Any], str], str] | None


_handlers: dict[str, Handler] = {}


def register(
    name: str,
    *,
    in_worker: bool = False,
    max_attempts: int | None = None,
    describe: Callable[[dict[str, Any], str], str] | None = None,
) -> Callable[[F], F]:
    """Register ``func(payload, entry_id)`` as the handler called ``name``."""

    def decorate(func: F) -> F:
        _handlers[name] = Handler(
            name=name,
            func=func,
            in_worker=in_worker,
            max_attempts=max_attempts or settings.AMITY_OUTBOX_MAX_ATTEMPTS,
            describe=describe,
        )
        return func

    return decorate


def handler(name: str) -> Handler:
    try:
        return _handlers[name]
    except KeyError:
        raise LookupError(f"No outbox handler is registered as {name!r}.") from None


def describe(entry: OutboxEntry) -> str:
    """The entry in words for the coordinator; the handler's name if it cannot say."""
    found = _handlers.get(entry.handler)
    if found is not None and found.describe is not None:
        try:
            return found.describe(entry.payload, entry.subject)
        except Exception:
            logger.exception("describing outbox entry %s failed", entry.pk)
    return f"{entry.handler} {entry.subject}".strip()


# --- the door -------------------------------------------------------------------------------


def after_commit(
    name: str,
    payload: dict[str, Any] | None = None,
    *,
    group_pk: int | None = None,
    subject: str = "",
    durable: bool = True,
) -> None:
    """Have the handler ``name`` run with ``payload`` once the current transaction commits
    (at once outside a transaction). Durable: recorded now, in the same transaction, and
    delivered at least once. Not durable: tried once after commit, recorded if it fails.
    ``group_pk`` is the group whose coordinator sees it if it fails; ``subject`` names what it
    is about (a meeting's title, a document's name) on that page."""
    found = handler(name)
    data = dict(payload or {})
    subject = subject[:300]
    if not durable:
        transaction.on_commit(partial(_attempt, found, data, group_pk, subject), robust=True)
        return
    entry = OutboxEntry.objects.create(
        handler=name,
        payload=data,
        group_pk=group_pk,
        subject=subject,
        # The committing process delivers it at once: the sweep leaves it alone meanwhile.
        due_at=timezone.now() + datetime.timedelta(seconds=settings.AMITY_OUTBOX_LEASE_SECONDS),
    )
    transaction.on_commit(partial(_dispatch, found, entry.pk, data), robust=True)


def _dispatch(found: Handler, entry_id: int, payload: dict[str, Any]) -> None:
    """Right after commit: hand the entry to a worker, or deliver it here."""
    try:
        if found.in_worker and celery_enabled():
            from amity.core import tasks

            try:
                tasks.outbox_deliver.apply_async((entry_id,), retry=False)
            except Exception as exc:
                # The broker is away (Redis down): the sweep delivers it when it is back.
                logger.warning("outbox entry %s not handed to a worker: %s", entry_id, exc)
                OutboxEntry.objects.filter(
                    pk=entry_id, status=OutboxStatus.PENDING, attempts=0
                ).update(due_at=timezone.now(), last_error=_error_text(exc))
            return
        _deliver_unclaimed(found, entry_id, payload)
    except Exception:  # never into the request that committed
        logger.exception("outbox entry %s: dispatch failed; the sweep will retry it", entry_id)


def _deliver_unclaimed(found: Handler, entry_id: int, payload: dict[str, Any]) -> None:
    """Deliver an entry this process has just committed (and so holds until ``due_at``)."""
    fresh = OutboxEntry.objects.filter(pk=entry_id, status=OutboxStatus.PENDING, attempts=0)
    try:
        _call(found, payload, entry_id)
    except Exception as exc:
        logger.warning("outbox %s #%s failed: %s", found.name, entry_id, exc, exc_info=True)
        fresh.update(**_failure_fields(found, attempts=1, exc=exc))
    else:
        now = timezone.now()
        fresh.update(status=OutboxStatus.DONE, attempts=1, finished_at=now, due_at=now)


def _attempt(found: Handler, payload: dict[str, Any], group_pk: int | None, subject: str) -> None:
    """A non-durable side effect: try it now; if it fails, record it for the retries (once:
    an entry already waiting with the same payload does the same thing)."""
    try:
        _call(found, payload, None)
        return
    except Exception as exc:
        error = exc
    logger.warning("%s failed after commit, recorded for retry: %s", found.name, error)
    try:
        waiting = OutboxEntry.objects.filter(
            handler=found.name, payload=payload, status=OutboxStatus.PENDING
        )
        if not waiting.exists():
            OutboxEntry.objects.create(
                handler=found.name,
                payload=payload,
                group_pk=group_pk,
                subject=subject,
                **_failure_fields(found, attempts=1, exc=error),
            )
    except Exception:
        logger.exception("%s: the failure could not be recorded either", found.name)


def _call(found: Handler, payload: dict[str, Any], entry_id: int | None) -> None:
    with audit_source("task"):
        found.func(payload, entry_id)


# --- delivery by a worker or the sweep ------------------------------------------------------


def _claim(*conditions: Q, **filters: Any) -> OutboxEntry | None:
    """Take one entry for delivery: mark it running for the length of a lease."""
    now = timezone.now()
    with transaction.atomic():
        entry = (
            OutboxEntry.objects.select_for_update(skip_locked=True)
            .filter(*conditions, **filters)
            .order_by("due_at", "id")
            .first()
        )
        if entry is None:
            return None
        entry.status = OutboxStatus.RUNNING
        entry.attempts += 1
        entry.due_at = now + datetime.timedelta(seconds=settings.AMITY_OUTBOX_LEASE_SECONDS)
        entry.save(update_fields=["status", "attempts", "due_at"])
    return entry


def _takeable(now: datetime.datetime) -> Q:
    """Waiting entries, and entries whose deliverer's lease has run out (it died)."""
    return Q(status=OutboxStatus.PENDING) | Q(status=OutboxStatus.RUNNING, due_at__lte=now)


def deliver(entry_id: int) -> bool:
    """Deliver one entry now (a worker's task, or a retry). False if it was not waiting (done
    already, or being delivered by another process)."""
    entry = _claim(_takeable(timezone.now()), pk=entry_id)
    if entry is None:
        return False
    _run_claimed(entry)
    return True


def _run_claimed(entry: OutboxEntry) -> None:
    mine = OutboxEntry.objects.filter(
        pk=entry.pk, status=OutboxStatus.RUNNING, attempts=entry.attempts
    )
    found = _handlers.get(entry.handler)
    if found is None:
        mine.update(
            status=OutboxStatus.FAILED,
            finished_at=timezone.now(),
            last_error=f"No handler is registered as {entry.handler!r}.",
        )
        return
    try:
        _call(found, entry.payload, entry.pk)
    except Exception as exc:
        logger.warning("outbox %s #%s failed: %s", entry.handler, entry.pk, exc, exc_info=True)
        mine.update(**_failure_fields(found, attempts=entry.attempts, exc=exc))
    else:
        now = timezone.now()
        mine.update(status=OutboxStatus.DONE, finished_at=now, due_at=now, last_error="")


def backoff(attempts: int) -> float:
    """Seconds before the next attempt after ``attempts`` failed ones: doubling from the base,
    at most the cap, with a fifth of jitter so that many entries do not retry in step."""
    base = settings.AMITY_OUTBOX_RETRY_SECONDS
    delay = min(base * 2 ** max(attempts - 1, 0), settings.AMITY_OUTBOX_RETRY_MAX_SECONDS)
    return float(delay * random.uniform(0.9, 1.1))  # noqa: S311 - retry jitter, not a secret


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _failure_fields(found: Handler, *, attempts: int, exc: BaseException) -> dict[str, Any]:
    now = timezone.now()
    if attempts >= found.max_attempts:
        return {
            "status": OutboxStatus.FAILED,
            "attempts": attempts,
            "finished_at": now,
            "due_at": now,
            "last_error": _error_text(exc),
        }
    return {
        "status": OutboxStatus.PENDING,
        "attempts": attempts,
        "due_at": now + datetime.timedelta(seconds=backoff(attempts)),
        "last_error": _error_text(exc),
    }


def sweep(*, limit: int = 200, seconds: float = 60.0) -> int:
    """Deliver the entries that are due (waiting, or left by a process that died), at most
    ``limit`` of them or for about ``seconds``; returns how many were taken. Also forgets
    delivered entries older than ``AMITY_OUTBOX_KEEP_DAYS``."""
    taken = 0
    deadline = time.monotonic() + seconds
    while taken < limit and time.monotonic() < deadline:
        now = timezone.now()
        entry = _claim(_takeable(now), due_at__lte=now)
        if entry is None:
            break
        taken += 1
        _run_claimed(entry)
    keep = datetime.timedelta(days=settings.AMITY_OUTBOX_KEEP_DAYS)
    OutboxEntry.objects.filter(status=OutboxStatus.DONE, due_at__lt=timezone.now() - keep).delete()
    return taken


def retry(entry: OutboxEntry) -> bool:
    """Make a failed entry wait again, with its attempts counted afresh, and deliver it once
    the current transaction commits (the sweep would take it anyway); False if it was not
    failed. The caller (a service) checks who may."""
    retried = OutboxEntry.objects.filter(pk=entry.pk, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, attempts=0, due_at=timezone.now(), finished_at=None
    )
    if retried:
        transaction.on_commit(partial(_redeliver, entry.pk), robust=True)
    return bool(retried)


def _redeliver(entry_id: int) -> None:
    """After commit: deliver a retried entry (a worker in scale mode, here otherwise)."""
    try:
        entry = OutboxEntry.objects.filter(pk=entry_id).first()
        found = _handlers.get(entry.handler) if entry is not None else None
        if found is None:
            return
        if found.in_worker and celery_enabled():
            from amity.core import tasks

            tasks.outbox_deliver.apply_async((entry_id,), retry=False)
            return
        deliver(entry_id)
    except Exception:  # never into the request; the sweep takes it
        logger.exception("outbox entry %s: delivery after retry failed", entry_id)


# --- idempotent parts -----------------------------------------------------------------------


def done_parts(entry_id: int | None) -> set[str]:
    """The keys of the parts of this entry already done (none without an entry)."""
    if entry_id is None:
        return set()
    return set(OutboxReceipt.objects.filter(entry_id=entry_id).values_list("key", flat=True))


def receipt(entry_id: int | None, key: str) -> None:
    """Note that the part ``key`` of this entry is done, and that its deliverer is alive: the
    lease is extended, so a long delivery (a note to every member state) is not taken over
    midway by a sweep."""
    if entry_id is None:
        return
    OutboxReceipt.objects.get_or_create(entry_id=entry_id, key=key[:300])
    OutboxEntry.objects.filter(
        pk=entry_id, status__in=(OutboxStatus.PENDING, OutboxStatus.RUNNING)
    ).update(
        due_at=timezone.now() + datetime.timedelta(seconds=settings.AMITY_OUTBOX_LEASE_SECONDS)
    )


# --- where delivery runs --------------------------------------------------------------------


def celery_enabled() -> bool:
    """Whether worker handlers go to Celery (scale mode) rather than run in this process."""
    return bool(settings.REDIS_URL) and not settings.CELERY_TASK_ALWAYS_EAGER


@dataclass
class _Periodic:
    name: str
    func: Callable[[], Any]
    seconds: float
    last: float = float("-inf")


_periodic: dict[str, _Periodic] = {}


def register_periodic(name: str, func: Callable[[], Any], *, seconds: float) -> None:
    """Something the embedded default's background thread runs at its start and then every
    ``seconds`` (scale mode: Celery beat runs the same through ``CELERY_BEAT_SCHEDULE``)."""
    _periodic[name] = _Periodic(name=name, func=func, seconds=seconds)


def run_due_periodic(now: float | None = None) -> None:
    now = time.monotonic() if now is None else now
    for job in list(_periodic.values()):
        if now - job.last >= job.seconds:
            job.last = now
            try:
                job.func()
            except Exception:
                logger.exception("periodic %s failed", job.name)


_background: threading.Thread | None = None
_background_stop = threading.Event()
_background_lock = threading.Lock()


def start_background() -> threading.Thread:
    """Start (once per process) the thread that sweeps the outbox every
    ``AMITY_OUTBOX_SWEEP_SECONDS`` and runs the periodic jobs: the embedded default's stand-in
    for Celery beat. Started by the ASGI lifespan."""
    global _background
    with _background_lock:
        if _background is None or not _background.is_alive():
            _background_stop.clear()
            _background = threading.Thread(target=_loop, name="amity-outbox", daemon=True)
            _background.start()
        return _background


def stop_background(timeout: float = 10) -> None:
    global _background
    with _background_lock:
        thread, _background = _background, None
    if thread is not None:
        _background_stop.set()
        thread.join(timeout)


def _loop() -> None:
    while not _background_stop.is_set():
        try:
            close_old_connections()
            run_due_periodic()
            sweep()
        except Exception:  # the database away for a moment: try again next round
            logger.exception("outbox sweep failed")
        finally:
            close_old_connections()
        _background_stop.wait(settings.AMITY_OUTBOX_SWEEP_SECONDS)
