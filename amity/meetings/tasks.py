"""Background jobs. Thin: each calls a service. In the embedded mode they run inline (after
commit); in the scale mode a Celery worker runs them."""

from celery import shared_task

from amity.core.audit import audit_source


@shared_task
def send_meeting_emails(meeting_id: int, kind: str) -> int:
    from amity.meetings.services import meeting_emails_send

    with audit_source("task"):
        return meeting_emails_send(meeting_id=meeting_id, kind=kind)
