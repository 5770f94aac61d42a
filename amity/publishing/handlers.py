"""What the publishing services leave to the outbox (``amity.core.outbox``) after commit: the
search entries of press releases and initiatives."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.core import outbox


@outbox.register(
    "publishing.press_release_index",
    describe=lambda payload, subject: (
        _("The search entries of the press release “%(title)s”") % {"title": subject}
    ),
)
def press_release_index(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.publishing import search_index

    search_index.press_release_index(payload["key"])


@outbox.register(
    "publishing.initiative_index",
    describe=lambda payload, subject: (
        _("The search entries of the initiative “%(title)s”") % {"title": subject}
    ),
)
def initiative_index(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.publishing import search_index

    search_index.initiative_index(payload["initiative_id"])
