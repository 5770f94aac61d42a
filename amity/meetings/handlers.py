"""What the meetings services leave to the outbox (``amity.core.outbox``) after commit: the
notes verbales by e-mail, and the meeting's search entries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.core import outbox


def _describe_emails(payload: dict[str, Any], subject: str) -> str:
    kinds = {
        "invitation": _("The invitations (note verbale) to “%(meeting)s”"),
        "update": _("The notice of changes to “%(meeting)s”"),
        "cancellation": _("The notice of cancellation of “%(meeting)s”"),
    }
    return kinds.get(payload.get("kind", ""), kinds["invitation"]) % {"meeting": subject}


@outbox.register("meetings.emails", in_worker=True, describe=_describe_emails)
def send_emails(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.meetings.services import meeting_emails_send

    meeting_emails_send(meeting_id=payload["meeting_id"], kind=payload["kind"], entry_id=entry_id)


@outbox.register(
    "meetings.search_index",
    describe=lambda payload, subject: (
        _("The search entries of “%(meeting)s”") % {"meeting": subject}
    ),
)
def search_index(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.meetings import search_index as index

    index.meeting_index(payload["meeting_id"])
