"""Background jobs in the scale mode. Thin: each calls a service."""

from celery import shared_task

from amity.core.audit import audit_source


@shared_task
def render_job(job_id: int) -> int:
    from amity.circulation.services import rendition_run

    with audit_source("task"):
        return rendition_run(job_id=job_id).pk


@shared_task
def recover_jobs() -> int:
    """Resume or fail the jobs whose worker died; hand over again the queued jobs nobody took
    (Celery beat, every minute)."""
    from amity.circulation import jobs

    return jobs.recover()
