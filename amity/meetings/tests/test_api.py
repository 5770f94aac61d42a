"""The meetings API for each role: anonymous public, focal point, observer, coordinator."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from amity.accounts.services import api_token_create
from amity.core.actors import SYSTEM
from amity.meetings import services
from amity.meetings.models import AgendaItem, Meeting, Registration
from amity.meetings.tests.factories import convened_meeting, make_meeting, person
from amity.members.models import Rank

pytestmark = pytest.mark.django_db

NEW = {
    "titles": {"en": "Ambassadors' meeting", "ar": "اجتماع السفراء"},
    "level": "ambassadorial",
    "format": "hybrid",
    "venue_name": "Conference Room 7",
    "venue_city": "New York",
    "venue_country": "USA",
    "time_zone": "America/New_York",
    "starts_at": "2030-06-03T10:00:00-04:00",
    "ends_at": "2030-06-03T12:00:00-04:00",
    "online_url": "https://meet.example.org/amb",
    "ga_session": 85,
    "visibility": "members",
}


def bearer(user) -> dict[str, Any]:
    _token, raw = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, payload, headers):
    return client.post(url, data=json.dumps(payload), content_type="application/json", **headers)


def test_public_lists_and_reads_public_meetings_without_link_or_registrations(group, coordinator):
    public = convened_meeting(group, actor=coordinator, titles={"en": "Public"})
    convened_meeting(group, actor=coordinator, titles={"en": "Members"}, visibility="members")
    make_meeting(group, actor=coordinator, titles={"en": "Draft"})
    listed = Client().get("/api/v1/groups/neutrality/meetings").json()
    assert [m["title"] for m in listed] == ["Public"]
    detail = Client().get(f"/api/v1/meetings/{public.pk}").json()
    assert detail["online_url"] is None
    assert detail["registrations"] is None
    assert detail["time_zone"] == "Asia/Ashgabat"
    assert detail["starts_at"].startswith("2030-12-11T10:00:00")


def test_coordinator_creates_convenes_updates_and_cancels(
    group, coordinator, django_capture_on_commit_callbacks
):
    headers = bearer(coordinator)
    client = Client()
    created = post(client, "/api/v1/groups/neutrality/meetings", NEW, headers)
    assert created.status_code == 201, created.content
    meeting_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert created.json()["venue_country"] == "USA"
    with django_capture_on_commit_callbacks(execute=True):
        convened = post(client, f"/api/v1/meetings/{meeting_id}/convene", {}, headers)
    assert convened.json()["status"] == "convened"
    with django_capture_on_commit_callbacks(execute=True):
        moved = client.patch(
            f"/api/v1/meetings/{meeting_id}",
            data=json.dumps(
                {
                    "version": convened.json()["version"],
                    "starts_at": "2030-06-04T10:00:00-04:00",
                    "ends_at": "2030-06-04T12:00:00-04:00",
                }
            ),
            content_type="application/json",
            **headers,
        )
    assert moved.status_code == 200
    assert moved.json()["ical_sequence"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = post(
            client, f"/api/v1/meetings/{meeting_id}/cancel", {"reason": "Postponed"}, headers
        )
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["ical_sequence"] == 2
    again = post(client, f"/api/v1/meetings/{meeting_id}/convene", {}, headers)
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": "2030-06-03T09:00:00-04:00"}, "ends_at"),
        ({"online_url": "http://meet.example.org/amb"}, "online_url"),
        ({"online_url": ""}, "online_url"),
        ({"time_zone": "America/Gotham"}, "time_zone"),
    ],
)
def test_bad_input_is_400_with_the_field_and_writes_nothing(group, coordinator, changes, field):
    response = post(
        Client(), "/api/v1/groups/neutrality/meetings", {**NEW, **changes}, bearer(coordinator)
    )
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Meeting.objects.exists()


def test_anonymous_focal_point_and_observer_may_not_create(group, focal_point, observer):
    assert post(Client(), "/api/v1/groups/neutrality/meetings", NEW, {}).status_code == 401
    assert (
        post(Client(), "/api/v1/groups/neutrality/meetings", NEW, bearer(focal_point)).status_code
        == 403
    )
    assert (
        post(Client(), "/api/v1/groups/neutrality/meetings", NEW, bearer(observer)).status_code
        == 403
    )
    assert not Meeting.objects.exists()


def test_focal_point_registers_its_delegation(group, coordinator, focal_point):
    meeting = convened_meeting(group, actor=coordinator)
    bakayev = person(group, "KAZ", "Bakayev", rank=Rank.DEPUTY_MINISTER, title="Deputy Minister")
    ataeva = person(group, "TKM", "Ataeva")
    headers = bearer(focal_point)
    url = f"/api/v1/meetings/{meeting.pk}/registrations"
    ok = post(
        Client(),
        url,
        {"person_id": bakayev.pk, "attendance_mode": "remote", "is_head": True},
        headers,
    )
    assert ok.status_code == 201
    assert ok.json() | {"id": 0} == {
        "id": 0,
        "state": "KAZ",
        "person_id": bakayev.pk,
        "name": "Bakayev",
        "title": {"en": "Deputy Minister"},
        "rank": Rank.DEPUTY_MINISTER,
        "role": "delegate",
        "attendance_mode": "remote",
        "is_head": True,
        "presence": "",
    }
    twice = post(Client(), url, {"person_id": bakayev.pk, "attendance_mode": "in_room"}, headers)
    assert twice.status_code == 409
    assert "already registered" in twice.json()["error"]
    other = post(Client(), url, {"person_id": ataeva.pk, "attendance_mode": "in_room"}, headers)
    assert other.status_code == 400
    assert "person" in other.json()["fields"]
    assert Registration.objects.count() == 1


def test_registrations_are_shown_as_permissions_allow(
    group, coordinator, focal_point, observer, make_user
):
    meeting = convened_meeting(group, actor=coordinator)
    services.registration_submit(
        actor=SYSTEM,
        meeting=meeting,
        person=person(group, "KAZ", "Bakayev"),
        attendance_mode="in_room",
    )
    services.registration_submit(
        actor=SYSTEM,
        meeting=meeting,
        person=person(group, "TKM", "Ataeva"),
        attendance_mode="remote",
    )
    url = f"/api/v1/meetings/{meeting.pk}"

    def names(user):
        regs = Client().get(url, **(bearer(user) if user else {})).json()["registrations"]
        return None if regs is None else sorted(r["name"] for r in regs)

    assert names(coordinator) == ["Ataeva", "Bakayev"]
    assert names(focal_point) == ["Bakayev"]  # its own delegation
    assert names(observer) == ["Ataeva", "Bakayev"]
    assert names(None) is None


def test_members_only_meeting_is_404_for_the_public(group, coordinator, observer):
    meeting = convened_meeting(group, actor=coordinator, visibility="members")
    assert Client().get(f"/api/v1/meetings/{meeting.pk}").status_code == 404
    assert Client().get(f"/api/v1/meetings/{meeting.pk}", **bearer(observer)).status_code == 200


def test_agenda_item_on_a_stale_version_is_409(group, coordinator):
    meeting = make_meeting(group, actor=coordinator)
    headers = bearer(coordinator)
    url = f"/api/v1/meetings/{meeting.pk}/agenda"
    assert (
        post(Client(), url, {"version": 1, "titles": {"en": "Membership"}}, headers).status_code
        == 201
    )
    stale = post(Client(), url, {"version": 1, "titles": {"en": "Strategy"}}, headers)
    assert stale.status_code == 409
    assert "Someone else changed the agenda" in stale.json()["error"]
    assert AgendaItem.objects.count() == 1
