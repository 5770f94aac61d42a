"""Builders for the search tests: meetings with a record, statements, and a search as a user."""

from __future__ import annotations

from typing import Any

from amity.core.actors import SYSTEM
from amity.meetings import services as meeting_services
from amity.meetings.tests.factories import add_items, convened_meeting, make_meeting, upload
from amity.members.models import State
from amity.search import selectors

CHINESE_RECORD = "会议讨论了永久中立政策对地区和平与安全的重要意义。"
ARABIC_RECORD = "أَكَّدَ المُشَارِكُونَ أَهَمِّيَّةَ الْحِيَادِ الدَّائِمِ لِلسَّلَامِ وَالأَمْنِ."


def found(user: Any, q: str, **filters: Any) -> list[str]:
    """The keys of what ``user`` finds for ``q``."""
    return [r.entry.key for r in selectors.search(user=user, q=q, **filters).results]


def recorded_meeting(group: Any, *, summary: dict[str, str], draft: bool = False, **kw: Any) -> Any:
    builder = make_meeting if draft else convened_meeting
    meeting = builder(group, **kw)
    return meeting_services.summary_record_update(actor=SYSTEM, meeting=meeting, summary=summary)


def statement(meeting: Any, text: str, *, language: str = "en", code: str = "KAZ") -> Any:
    (item,) = add_items(meeting, "General debate")
    return meeting_services.statement_upload(
        actor=SYSTEM,
        meeting=meeting,
        agenda_item=item,
        state=State.objects.get(iso3=code),
        file=upload("statement.txt", text.encode()),
        original_language=language,
    )
