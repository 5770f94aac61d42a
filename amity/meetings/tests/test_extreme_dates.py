"""A stored extreme datetime (year 1, year 9999) never takes a page down (issue 14): the
group's meeting list, the meeting page, the calendar feed and the API still answer."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from amity.meetings.models import Meeting
from amity.meetings.tests.factories import convened_meeting

UTC = datetime.UTC

EXTREMES = [
    # West of UTC by 11 hours: year 1 would fall before the first day of the calendar.
    pytest.param(
        datetime.datetime(1, 1, 1, tzinfo=UTC),
        datetime.datetime(1, 1, 1, 2, tzinfo=UTC),
        "Pacific/Pago_Pago",
        id="year-1",
    ),
    # East of UTC by 14 hours: year 9999 would run past the last day.
    pytest.param(
        datetime.datetime(9999, 12, 31, 20, tzinfo=UTC),
        datetime.datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
        "Pacific/Kiritimati",
        id="year-9999",
    ),
]


@pytest.mark.parametrize(("starts", "ends", "zone"), EXTREMES)
def test_pages_feed_and_api_answer(group, coordinator, starts, ends, zone):
    meeting = convened_meeting(group, actor=coordinator, time_zone=zone)
    # Written directly, as an old API or a restored backup could have left it.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts, ends_at=ends)
    anonymous = Client()
    clients = {"anonymous": anonymous, "coordinator": Client()}
    clients["coordinator"].force_login(coordinator)
    for who, client in clients.items():
        for url in (
            f"/en/groups/{group.slug}/meetings/",
            f"/en/meetings/{meeting.pk}/",
            f"/fr/meetings/{meeting.pk}/",
            f"/ar/groups/{group.slug}/meetings/",
            f"/calendar/{group.slug}.ics",
            f"/api/v1/groups/{group.slug}/meetings",
            f"/api/v1/meetings/{meeting.pk}",
            f"/en/groups/{group.slug}/",
            f"/en/meetings/{meeting.pk}/live/public/",
            "/en/",
        ):
            response = client.get(url)
            assert response.status_code == 200, (who, url, response.status_code)
    coordinator_pages = (f"/en/meetings/{meeting.pk}/edit/", f"/en/meetings/{meeting.pk}/live/")
    for url in coordinator_pages:
        response = clients["coordinator"].get(url)
        assert response.status_code == 200, (url, response.status_code)
    # The search entry of the meeting is built from the same times.
    from amity.meetings.search_index import meeting_entries

    assert list(meeting_entries(Meeting.objects.get(pk=meeting.pk)))
    body = anonymous.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert str(starts.year) in body
