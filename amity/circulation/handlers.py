"""What the circulation services leave to the outbox (``amity.core.outbox``) after commit:
starting a rendition job (a Celery task in scale mode, a thread of the server otherwise).
The job's own progress, failure and recovery are the job's (``jobs.py``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.core import outbox


@outbox.register(
    "circulation.job_start",
    describe=lambda payload, subject: _("Starting the rendition job “%(job)s”") % {"job": subject},
)
def job_start(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.circulation import jobs

    jobs.enqueue(payload["job_id"])
