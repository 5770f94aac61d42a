"""The live session's API: read, change with versions, and the error cases."""

from __future__ import annotations

import json

from django.test import Client

from amity.live.models import EntryStatus, SpeakerEntry
from amity.meetings import services as meeting_services


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_anyone_reads_a_public_meeting_participants_see_requests(
    session, focal_client, coordinator_client
):
    url = f"/api/v1/meetings/{session.meeting.pk}/live"
    response = post(focal_client, f"{url}/speakers", {"registration": session.bakayev.pk})
    assert response.status_code == 201
    assert response.json()["status"] == EntryStatus.REQUESTED
    public = Client().get(url).json()
    assert public["version"] == 2
    assert "requests" not in public
    assert "server_time" in public
    assert len(coordinator_client.get(url).json()["requests"]) == 1


def test_chair_runs_the_list_through_the_api(session, coordinator_client):
    base = f"/api/v1/meetings/{session.meeting.pk}/live"
    r = post(
        coordinator_client, f"{base}/speakers", {"registration": session.seitkali.pk, "version": 1}
    )
    assert r.status_code == 201
    r = post(
        coordinator_client, f"{base}/speakers", {"registration": session.ataeva.pk, "version": 2}
    )
    entry = r.json()["entry"]
    r = post(
        coordinator_client, f"{base}/speakers/{entry}/move", {"version": 3, "direction": "down"}
    )
    assert [s["name"] for s in r.json()["speakers"]] == ["Seitkali", "Ataeva"]
    r = post(coordinator_client, f"{base}/next", {"version": 4})
    assert r.json()["current"]["name"] == "Seitkali"
    r = post(coordinator_client, f"{base}/start", {"version": 5})
    assert r.json()["current"]["started_at"] is not None
    assert r.json()["time_limit"] == 120
    r = post(coordinator_client, f"{base}/stop", {"version": 6})
    assert r.json()["current"] is None
    r = coordinator_client.delete(f"{base}/speakers/{entry}?version=7")
    assert r.status_code == 200
    assert r.json()["speakers"] == []
    r = post(coordinator_client, f"{base}/close", {"version": 8})
    assert r.json()["list_closed"] is True
    r = post(coordinator_client, f"{base}/item", {"version": 9, "item": session.items[1].pk})
    assert r.json()["item"]["id"] == session.items[1].pk


def test_stale_version_is_409_and_missing_version_is_400(session, coordinator_client):
    base = f"/api/v1/meetings/{session.meeting.pk}/live"
    post(coordinator_client, f"{base}/speakers", {"registration": session.ataeva.pk, "version": 1})
    assert post(coordinator_client, f"{base}/next", {"version": 1}).status_code == 409
    assert post(coordinator_client, f"{base}/next", {}).status_code == 400
    assert (
        post(
            coordinator_client, f"{base}/speakers", {"registration": session.seitkali.pk}
        ).status_code
        == 400
    )


def test_focal_point_may_not_drive_the_list_or_add_another_state(session, focal_client):
    base = f"/api/v1/meetings/{session.meeting.pk}/live"
    assert post(focal_client, f"{base}/next", {"version": 1}).status_code == 403
    assert (
        post(focal_client, f"{base}/speakers", {"registration": session.ataeva.pk}).status_code
        == 403
    )


def test_anonymous_writes_are_401_and_unknown_things_404(session, coordinator_client):
    base = f"/api/v1/meetings/{session.meeting.pk}/live"
    assert post(Client(), f"{base}/next", {"version": 1}).status_code == 401
    assert (
        post(
            coordinator_client, f"{base}/speakers/999999/move", {"version": 1, "direction": "up"}
        ).status_code
        == 404
    )
    assert coordinator_client.get("/api/v1/meetings/999999/live").status_code == 404
    assert (
        post(
            coordinator_client, f"{base}/speakers", {"registration": 999999, "version": 1}
        ).status_code
        == 404
    )


def test_members_only_meeting_is_hidden_from_the_public(session, coordinator, focal_client):
    meeting_services.meeting_update(
        actor=coordinator, meeting=session.meeting, visibility="members"
    )
    url = f"/api/v1/meetings/{session.meeting.pk}/live"
    assert Client().get(url).status_code == 404
    assert focal_client.get(url).status_code == 200
    assert not SpeakerEntry.objects.exists()


def test_pollers_at_one_version_share_one_read_of_the_state(
    session, focal_client, django_assert_max_num_queries
):
    """Readers polling the state (the live public view without a WebSocket) get the state read
    for the first of them while its version holds, with their own server time; a change is
    seen by the next poll."""
    url = f"/api/v1/meetings/{session.meeting.pk}/live"
    first = Client().get(url).json()
    # The meeting, its version and the reader's roles: not the list, the floor and the agenda.
    with django_assert_max_num_queries(1):
        again = Client().get(url).json()
    assert {**again, "server_time": 0} == {**first, "server_time": 0}
    assert again["server_time"] >= first["server_time"]
    response = post(focal_client, f"{url}/speakers", {"registration": session.bakayev.pk})
    assert response.status_code == 201
    assert Client().get(url).json()["version"] == first["version"] + 1
