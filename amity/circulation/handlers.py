"""What the circulation services leave to the outbox (``amity.core.outbox``) after commit:
starting a rendition job (a Celery task in scale mode, a thread of the server otherwise).
The job's own progress, failure and recovery are the job's (``jobs.py``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.circulation.models import RenditionJob
from amity.core import outbox


def _describe(payload: dict[str, Any]) -> str:
    job = RenditionJob.objects.select_related("document").filter(pk=payload.get("job_id")).first()
    if job is None:
        return _("Starting a rendition since deleted")
    return _("Starting the %(kind)s of “%(document)s”") % {
        "kind": job.get_kind_display(),
        "document": job.document.slug,
    }


@outbox.register("circulation.job_start", describe=_describe)
def job_start(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.circulation import jobs

    jobs.enqueue(payload["job_id"])
