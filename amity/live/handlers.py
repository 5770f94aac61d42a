"""What the live services leave to the outbox (``amity.core.outbox``): the broadcast of the
live state after each change (not durable: recorded only if the channel layer fails)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.core import outbox
from amity.meetings.models import Meeting


def _describe(payload: dict[str, Any]) -> str:
    meeting = Meeting.objects.filter(pk=payload.get("meeting_id")).first()
    name = str(meeting.title) if meeting else _("a meeting since deleted")
    return _("The live update of “%(meeting)s” to the screens in the room and online") % {
        "meeting": name
    }


@outbox.register("live.publish", max_attempts=6, describe=_describe)
def publish(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.live.services import live_publish

    live_publish(meeting_id=payload["meeting_id"])
