"""iCalendar output, parsed back with the icalendar package: zone, UID, SEQUENCE, METHOD."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.test import Client

from amity.meetings import ical, services
from amity.meetings.tests.factories import at, convened_meeting, make_meeting, person

pytestmark = pytest.mark.django_db


def _event(data: bytes):
    cal = ical.parse(data)
    (event,) = [c for c in cal.walk("VEVENT")]
    return cal, event


def test_invitation_carries_the_venue_zone_with_its_vtimezone(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator)
    services.agenda_item_add(
        actor=coordinator, meeting=meeting, version=1, titles={"en": "Membership"}
    )
    meeting.refresh_from_db()
    cal, event = _event(
        ical.invitation_ics(
            meeting, method="REQUEST", language="en", attendee=("kaz@example.org", "Bakayev")
        )
    )
    assert cal["METHOD"] == "REQUEST"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Ashgabat"]
    assert event["DTSTART"].params["TZID"] == "Asia/Ashgabat"
    start = event.decoded("DTSTART")
    assert (start.hour, start.utcoffset()) == (15, datetime.timedelta(hours=5))
    assert start.astimezone(zoneinfo.ZoneInfo("America/New_York")).hour == 5
    assert event["UID"] == meeting.ical_uid
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert "Membership" in event["DESCRIPTION"]
    assert "https://meet.example.org/neutrality" in event["DESCRIPTION"]
    assert str(event["ATTENDEE"]) == "mailto:kaz@example.org"
    assert "Ashgabat" in event["LOCATION"]


def test_reschedule_and_cancel_keep_the_uid_and_raise_the_sequence(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator)
    _, first = _event(ical.invitation_ics(meeting, method="REQUEST", language="en"))
    moved = services.meeting_update(
        actor=coordinator,
        meeting=meeting,
        starts_at=at(10),
        ends_at=at(12),
        time_zone="Asia/Ashgabat",
    )
    _, update = _event(ical.invitation_ics(moved, method="REQUEST", language="en"))
    cancelled = services.meeting_cancel(actor=coordinator, meeting=moved, reason="Postponed")
    cal, cancel = _event(ical.invitation_ics(cancelled, method="CANCEL", language="en"))
    assert first["UID"] == update["UID"] == cancel["UID"]
    assert (first["SEQUENCE"], update["SEQUENCE"], cancel["SEQUENCE"]) == (0, 1, 2)
    assert update.decoded("DTSTART").hour == 10
    assert cal["METHOD"] == "CANCEL"
    assert cancel["STATUS"] == "CANCELLED"


def test_a_change_of_zone_gives_the_new_vtimezone(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator)
    ny = zoneinfo.ZoneInfo("America/New_York")
    moved = services.meeting_update(
        actor=coordinator,
        meeting=meeting,
        time_zone="America/New_York",
        starts_at=datetime.datetime(2030, 12, 11, 10, tzinfo=ny),
        ends_at=datetime.datetime(2030, 12, 11, 12, tzinfo=ny),
    )
    cal, event = _event(ical.invitation_ics(moved, method="REQUEST", language="en"))
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    assert event["DTSTART"].params["TZID"] == "America/New_York"


def test_public_feed_has_public_meetings_only_and_no_language_prefix(group, coordinator):
    public = convened_meeting(group, actor=coordinator, titles={"en": "Public meeting"})
    convened_meeting(
        group, actor=coordinator, titles={"en": "Members meeting"}, visibility="members"
    )
    make_meeting(group, actor=coordinator, titles={"en": "Draft meeting"})
    response = Client().get("/calendar/neutrality.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = ical.parse(response.content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Public meeting"]
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [public.ical_uid]
    assert cal["METHOD"] == "PUBLISH"
    assert cal.walk("VTIMEZONE")
    assert Client().get("/calendar/nowhere.ics").status_code == 404


def test_private_feed_adds_members_only_meetings_for_participants(
    group, coordinator, focal_point, outsider
):
    convened_meeting(group, actor=coordinator, titles={"en": "Public meeting"})
    convened_meeting(
        group, actor=coordinator, titles={"en": "Members meeting"}, visibility="members"
    )

    def summaries(user):
        response = Client().get(f"/calendar/neutrality/{user.calendar_token}.ics")
        assert response.status_code == 200
        return sorted(str(e["SUMMARY"]) for e in ical.parse(response.content).walk("VEVENT"))

    assert summaries(focal_point) == ["Members meeting", "Public meeting"]
    assert summaries(outsider) == ["Public meeting"]
    assert Client().get("/calendar/neutrality/not-a-token.ics").status_code == 404


def test_feed_query_count_does_not_grow_with_meetings(
    group, coordinator, django_assert_max_num_queries
):
    person(group, "KAZ", "Bakayev")
    for hour in (9, 12, 15):
        meeting = convened_meeting(
            group, actor=coordinator, starts_at=at(hour), ends_at=at(hour + 2)
        )
        services.agenda_item_add(
            actor=coordinator, meeting=meeting, version=1, titles={"en": "Item"}
        )
    with django_assert_max_num_queries(5):
        Client().get("/calendar/neutrality.ics")
