"""A live session on a meeting that is over asks first, and what it records is kept apart
from the meeting's record."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from amity.core.actors import SYSTEM
from amity.live import services
from amity.live.models import Intervention, SpeakerEntry
from amity.live.tests.conftest import version
from amity.meetings import services as meeting_services
from amity.meetings.tests.factories import add_items, convened_meeting, person
from amity.members.models import Rank


def _past_meeting(group, coordinator):
    start = timezone.now() - datetime.timedelta(days=30)
    meeting = convened_meeting(
        group, actor=coordinator, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    add_items(meeting, "Membership")
    reg = meeting_services.registration_submit(
        actor=SYSTEM,
        meeting=meeting,
        person=person(group, "TKM", "Ataeva", rank=Rank.AMBASSADOR),
        attendance_mode="in_room",
        is_head=True,
    )
    return meeting, reg


def test_console_on_a_past_meeting_asks_first(group, coordinator, coordinator_client):
    meeting, reg = _past_meeting(group, coordinator)
    url = f"/en/meetings/{meeting.pk}/live/console/"
    first = coordinator_client.get(url)
    assert first.status_code == 200
    page = first.content.decode()
    assert 'data-testid="confirm-page"' in page
    assert "recorded apart" in page
    # The chair's buttons do nothing before the confirmation.
    coordinator_client.post(
        f"/en/meetings/{meeting.pk}/live/do/add/",
        {"version": version(meeting), "registration": reg.pk},
    )
    assert not SpeakerEntry.objects.filter(meeting=meeting).exists()
    confirmed = coordinator_client.post(url, {"confirm": "1"})
    assert confirmed.status_code == 302
    console = coordinator_client.get(url).content.decode()
    assert 'data-testid="confirm-page"' not in console


def test_a_session_after_the_meeting_stays_out_of_its_record(group, coordinator):
    meeting, reg = _past_meeting(group, coordinator)
    services.speaker_add(actor=coordinator, meeting=meeting, registration=reg, version=1)
    services.floor_give(actor=coordinator, meeting=meeting, version=2)
    services.timer_start(actor=coordinator, meeting=meeting, version=3)
    services.timer_stop(actor=coordinator, meeting=meeting, version=4)
    assert Intervention.objects.filter(meeting=meeting).count() == 1
    page = Client().get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert 'data-testid="recorded-after"' in page
    assert "Who spoke" not in page  # the meeting's record has nobody
    assert page.index("Recorded after the meeting") < page.index("Ataeva")
    speakers = Client().get(f"/en/meetings/{meeting.pk}/speakers.csv").content.decode("utf-8-sig")
    assert "Ataeva" not in speakers  # the list of speakers is the meeting's record
