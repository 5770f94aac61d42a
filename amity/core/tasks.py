"""Celery tasks of the outbox (scale mode). Thin: each calls ``amity.core.outbox``."""

from celery import shared_task

from amity.core import outbox


@shared_task
def outbox_deliver(entry_id: int) -> bool:
    """Deliver one outbox entry handed over right after its commit."""
    return outbox.deliver(entry_id)


@shared_task
def outbox_sweep() -> int:
    """Deliver what is due: entries whose hand-over or delivery failed, or whose worker died
    (run by Celery beat every ``AMITY_OUTBOX_SWEEP_SECONDS``)."""
    return outbox.sweep()
