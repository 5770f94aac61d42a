"""Periodic job of outcome documents: Celery beat runs ``settle_silence`` in scale mode
(``CELERY_BEAT_SCHEDULE`` in settings). The silence notice is an outbox handler
(``documents/handlers.py``)."""

from celery import shared_task

from amity.core.audit import audit_source


@shared_task
def settle_silence() -> int:
    """Adopt the texts whose silence deadline has passed unbroken (idempotent)."""
    from amity.documents.services import silence_settle_due

    with audit_source("task"):
        return silence_settle_due()
