"""What the live services leave to the outbox (``amity.core.outbox``): the broadcast of the
live state after each change (not durable: recorded only if the channel layer fails)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.core import outbox


@outbox.register(
    "live.publish",
    max_attempts=6,
    describe=lambda payload, subject: (
        _("The live update of “%(meeting)s” to the screens in the room and online")
        % {"meeting": subject}
    ),
)
def publish(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.live.services import live_publish

    live_publish(meeting_id=payload["meeting_id"])
