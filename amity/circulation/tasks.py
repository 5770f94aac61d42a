"""Background jobs in the scale mode. Thin: each calls a service."""

from celery import shared_task

from amity.core.audit import audit_source


@shared_task
def render_job(job_id: int) -> int:
    from amity.circulation.services import rendition_run

    with audit_source("task"):
        return rendition_run(job_id=job_id).pk
