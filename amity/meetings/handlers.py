"""What the meetings services leave to the outbox (``amity.core.outbox``) after commit: the
notes verbales by e-mail, and the meeting's search entries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.core import outbox
from amity.core.languages import translated
from amity.meetings.models import Meeting


def _title(payload: dict[str, Any]) -> str:
    meeting = Meeting.objects.filter(pk=payload.get("meeting_id")).first()
    if meeting is None:
        return _("a meeting since deleted")
    return translated(meeting.titles, fallback=meeting.original_language)


def _describe_emails(payload: dict[str, Any]) -> str:
    kinds = {
        "invitation": _("The invitations (note verbale) to “%(meeting)s”"),
        "update": _("The notice of changes to “%(meeting)s”"),
        "cancellation": _("The notice of cancellation of “%(meeting)s”"),
    }
    template = kinds.get(payload.get("kind", ""), kinds["invitation"])
    return template % {"meeting": _title(payload)}


def _describe_index(payload: dict[str, Any]) -> str:
    return _("The search entries of “%(meeting)s”") % {"meeting": _title(payload)}


@outbox.register("meetings.emails", in_worker=True, describe=_describe_emails)
def send_emails(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.meetings.services import meeting_emails_send

    meeting_emails_send(meeting_id=payload["meeting_id"], kind=payload["kind"], entry_id=entry_id)


@outbox.register("meetings.search_index", describe=_describe_index)
def search_index(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.search import indexers

    indexers.meeting_index(payload["meeting_id"])
