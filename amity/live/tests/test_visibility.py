"""Who may follow a meeting live is who may see the meeting (``Meeting.audience``, one rule):
a draft is the coordinator's alone, on its page, its live views, the API and the WebSocket.
Before the rule was written once, a focal point got the live views, API and WebSocket of a
draft meeting whose page was hidden from them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from amity.live.tests.test_consumer import communicator, run
from amity.meetings.tests.factories import make_meeting

LIVE_PAGES = ["live:delegate", "live:projector", "live:public"]


def _urls(meeting):
    return {
        "page": reverse("meetings:detail", kwargs={"pk": meeting.pk}),
        **{name: reverse(name, kwargs={"pk": meeting.pk}) for name in LIVE_PAGES},
        "api meeting": f"/api/v1/meetings/{meeting.pk}",
        "api live": f"/api/v1/meetings/{meeting.pk}/live",
    }


def test_a_draft_is_hidden_from_focal_points_everywhere_over_http(
    group, coordinator, coordinator_client, focal_client, observer
):
    """The focal point and the observer get 404 from the draft's page, each of its live views
    and the API; the coordinator gets the page, the participants' live views and the API."""
    draft = make_meeting(group, actor=coordinator)
    observer_client = Client()
    observer_client.force_login(observer)
    for name, url in _urls(draft).items():
        for who, client in (("focal point", focal_client), ("observer", observer_client)):
            assert client.get(url).status_code == 404, (who, name)
        # The public is told there is no such meeting, or asked to sign in first.
        assert Client().get(url).status_code in (302, 404), ("public", name)
    for name in ("page", "live:delegate", "live:projector", "api meeting", "api live"):
        assert coordinator_client.get(_urls(draft)[name]).status_code == 200, name


def test_once_convened_the_same_people_see_it(group, coordinator, coordinator_client, focal_client):
    """Convening opens the page, the live views and the API to the focal point (and a public
    meeting to the public): the rule hides drafts, not meetings."""
    from amity.meetings import services

    meeting = services.meeting_convene(
        actor=coordinator, meeting=make_meeting(group, actor=coordinator), notify=False
    )
    for name, url in _urls(meeting).items():
        assert focal_client.get(url).status_code == 200, name
    assert Client().get(_urls(meeting)["live:public"]).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_websocket_of_a_draft_refuses_focal_points(group, coordinator, focal_point):
    """The live WebSocket of a draft closes with 4403 for the focal point and the public and
    opens for the coordinator."""
    draft = make_meeting(group, actor=coordinator)

    async def scenario() -> None:
        for user in (focal_point, None):
            connected, code = await communicator(draft, user).connect()
            assert not connected
            assert code == 4403
        comm = communicator(draft, coordinator)
        connected, _ = await comm.connect()
        assert connected
        assert (await comm.receive_json_from(timeout=5))["audience"] == "participant"
        await comm.disconnect()

    run(scenario)
