"""Background jobs of outcome documents. Thin: each calls a service. In the embedded mode they
run inline (after commit); in the scale mode a Celery worker runs them, and Celery beat runs
``settle_silence`` periodically (``CELERY_BEAT_SCHEDULE`` in settings)."""

from celery import shared_task

from amity.core.audit import audit_source


@shared_task
def send_silence_notice(procedure_id: int) -> int:
    from amity.documents.services import silence_notice_send

    with audit_source("task"):
        return silence_notice_send(procedure_id=procedure_id)


@shared_task
def settle_silence() -> int:
    """Adopt the texts whose silence deadline has passed unbroken (idempotent)."""
    from amity.documents.services import silence_settle_due

    with audit_source("task"):
        return silence_settle_due()
