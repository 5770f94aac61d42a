"""A convened meeting with two agenda items and three registered participants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from amity.core.actors import SYSTEM
from amity.meetings import services as meeting_services
from amity.meetings.tests.factories import add_items, convened_meeting, person
from amity.members.models import Rank


@dataclass
class Session:
    meeting: Any
    items: list[Any]
    bakayev: Any  # KAZ, deputy minister, head of delegation, remote
    seitkali: Any  # KAZ, counsellor
    ataeva: Any  # TKM, ambassador, head of delegation


@pytest.fixture
def session(group: Any, coordinator: Any, focal_point: Any) -> Session:
    meeting = convened_meeting(group, actor=coordinator)
    items = add_items(meeting, "Membership", "Security strategy")
    for item in items:
        item.speaking_time_limit = 120 if item.position == 1 else None
        item.save()

    def register(code: str, family: str, rank: int, head: bool, mode: str = "in_room") -> Any:
        p = person(group, code, family, rank=rank, title=f"Title of {family}")
        return meeting_services.registration_submit(
            actor=SYSTEM, meeting=meeting, person=p, attendance_mode=mode, is_head=head
        )

    return Session(
        meeting=meeting,
        items=items,
        bakayev=register("KAZ", "Bakayev", Rank.DEPUTY_MINISTER, True, "remote"),
        seitkali=register("KAZ", "Seitkali", Rank.COUNSELLOR, False),
        ataeva=register("TKM", "Ataeva", Rank.AMBASSADOR, True),
    )


def version(meeting: Any) -> int:
    from amity.live.models import LiveState

    live = LiveState.objects.filter(meeting=meeting).first()
    return live.version if live else 1
