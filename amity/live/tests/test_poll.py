"""The polled live state (``GET /api/v1/meetings/<id>/live``, the live public view without a
WebSocket): the state's text kept per audience, language and version, completed with the
server's clock on each answer. Its bytes are what the description says (``LiveStateOut``), each
audience sees its own, a write shows at the next poll, and a poll costs a fixed number of
queries."""

from __future__ import annotations

import json
import time
from typing import Any

import jsonschema_rs
import pytest
from django.test import Client

from amity.core.tests.edge_client import ask, kept_answers, kept_answers_app, signed_in
from amity.live.api import LiveStateOut
from amity.meetings import services as meeting_services

PARTICIPANT_ONLY = {"remote", "moved", "status", "requested_at", "observer_user", "requested_by"}


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    response = client.post(url, data=json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 201), response.content
    return response


def live_url(session: Any) -> str:
    return f"/api/v1/meetings/{session.meeting.pk}/live"


@pytest.fixture
def busy(session: Any, coordinator_client: Client, focal_client: Client) -> Any:
    """Ataeva (an ambassador) has the floor and her time runs, Seitkali waits, Bakayev asked
    for the floor."""
    base = live_url(session)
    post(
        coordinator_client, f"{base}/speakers", {"registration": session.seitkali.pk, "version": 1}
    )
    post(coordinator_client, f"{base}/speakers", {"registration": session.ataeva.pk, "version": 2})
    post(coordinator_client, f"{base}/next", {"version": 3})
    post(coordinator_client, f"{base}/start", {"version": 4})
    post(focal_client, f"{base}/speakers", {"registration": session.bakayev.pk})
    return session


def described(answer: dict[str, Any]) -> dict[str, Any]:
    """``answer`` as the typed API would have given it: validated by ``LiveStateOut`` and
    dumped with ``exclude_unset`` (a key the schema does not know would be dropped)."""
    dumped: dict[str, Any] = LiveStateOut.model_validate(answer).model_dump(
        mode="json", exclude_unset=True
    )
    return dumped


def openapi_validator() -> Any:
    from amity.api.api import api

    spec = dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    answer = spec["paths"]["/api/v1/meetings/{meeting_id}/live"]["get"]["responses"][200]
    schema = answer["content"]["application/json"]["schema"]
    return jsonschema_rs.Draft202012Validator({**schema, "components": spec["components"]})


def test_the_bytes_are_the_described_state_for_each_audience(
    busy: Any, coordinator_client: Client, focal_client: Client, observer_client: Client
) -> None:
    validator = openapi_validator()
    answers = {
        "public": Client().get(live_url(busy)),
        "coordinator": coordinator_client.get(live_url(busy)),
        "focal": focal_client.get(live_url(busy)),
        "observer": observer_client.get(live_url(busy)),
    }
    for who, response in answers.items():
        assert response.status_code == 200, who
        assert response["Content-Type"] == "application/json; charset=utf-8"
        answer = json.loads(response.content)
        validator.validate(answer)
        assert described(answer) == answer, who
        assert answer["version"] == 6
        assert answer["current"]["name"] == "Ataeva"
        assert answer["current"]["started_at"] is not None
        assert [s["name"] for s in answer["speakers"]] == ["Seitkali"]
    public = json.loads(answers["public"].content)
    assert public["audience"] == "public"
    assert "requests" not in public
    for entry in [public["current"], *public["speakers"]]:
        assert not PARTICIPANT_ONLY & set(entry)
    for who in ("coordinator", "focal", "observer"):
        full = json.loads(answers[who].content)
        assert full["audience"] == "participant"
        assert [r["name"] for r in full["requests"]] == ["Bakayev"]
        assert set(full["current"]) >= PARTICIPANT_ONLY


def test_audiences_do_not_share_the_kept_text(
    busy: Any, coordinator_client: Client, outsider: Any
) -> None:
    """A participant's state kept first is not what the public gets next, nor the reverse;
    a signed-in reader with no role in the group is the public."""
    assert "requests" in coordinator_client.get(live_url(busy)).json()
    assert "requests" not in Client().get(live_url(busy)).json()
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(live_url(busy)).json()["audience"] == "public"
    assert coordinator_client.get(live_url(busy)).json()["audience"] == "participant"


def test_every_language_gets_the_same_state(busy: Any) -> None:
    english = Client().get(live_url(busy), HTTP_ACCEPT_LANGUAGE="en").json()
    arabic = Client().get(live_url(busy), HTTP_ACCEPT_LANGUAGE="ar").json()
    assert {**arabic, "server_time": 0} == {**english, "server_time": 0}


def test_server_time_is_the_clock_of_each_answer(session: Any) -> None:
    times = []
    for _ in range(3):
        before = int(time.time() * 1000)
        answer = Client().get(live_url(session)).json()
        after = int(time.time() * 1000)
        assert before <= answer["server_time"] <= after
        times.append(answer["server_time"])
        time.sleep(0.005)
    assert times == sorted(set(times))


def test_a_write_shows_at_the_next_poll_for_every_audience(
    session: Any, coordinator_client: Client
) -> None:
    url = live_url(session)
    assert Client().get(url).json()["version"] == 1
    assert coordinator_client.get(url).json()["version"] == 1
    post(coordinator_client, f"{url}/speakers", {"registration": session.ataeva.pk, "version": 1})
    public = Client().get(url).json()
    assert public["version"] == 2
    assert [s["name"] for s in public["speakers"]] == ["Ataeva"]
    assert coordinator_client.get(url).json()["version"] == 2


def test_a_meeting_made_members_only_is_hidden_at_once(
    session: Any, coordinator: Any, focal_client: Client
) -> None:
    url = live_url(session)
    assert Client().get(url).status_code == 200  # its state is kept now
    meeting_services.meeting_update(
        actor=coordinator, meeting=session.meeting, visibility="members"
    )
    response = Client().get(url)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert focal_client.get(url).status_code == 200


def test_a_poll_costs_one_query_and_the_signed_in_reader_s_session(
    busy: Any, focal_client: Client, coordinator_client: Client, django_assert_num_queries: Any
) -> None:
    """The meeting, its live version and the reader's roles in one query; a signed-in reader's
    session and user are read by the middleware for any page. The state itself is read once
    per version and audience."""
    url = live_url(busy)
    Client().get(url)
    focal_client.get(url)
    with django_assert_num_queries(1):
        assert Client().get(url).status_code == 200
    for reader in (focal_client, coordinator_client):
        with django_assert_num_queries(3):
            assert reader.get(url).json()["audience"] == "participant"


def test_the_poll_s_one_query_lets_in_whom_the_rule_lets_in(
    group: Any,
    coordinator: Any,
    focal_point: Any,
    observer: Any,
    outsider: Any,
    make_user: Any,
) -> None:
    """``meeting_for_poll`` reads the roles with the meeting; the standing and the audience it
    gives are ``permissions.standing`` and ``selectors.audience`` for every kind of reader
    (several roles in the group, a superuser with none) and meeting (public, members-only,
    draft)."""
    from django.contrib.auth.models import AnonymousUser

    from amity.live import selectors
    from amity.meetings.tests.factories import convened_meeting, make_meeting
    from amity.members import permissions
    from amity.members.services import group_role_assign

    both = make_user("both", group=group, role="observer")
    group_role_assign(actor=coordinator, user=both, group=group, role="coordinator")
    admin = make_user("admin")
    admin.is_superuser = True
    admin.save()
    meetings = [
        convened_meeting(group, actor=coordinator),
        convened_meeting(group, actor=coordinator, visibility="members"),
        make_meeting(group, actor=coordinator),
    ]
    readers = [AnonymousUser(), outsider, observer, focal_point, coordinator, both, admin]
    seen = set()
    for meeting in meetings:
        for reader in readers:
            poll = selectors.meeting_for_poll(pk=meeting.pk, user=reader)
            assert poll is not None
            assert poll.meeting.pk == meeting.pk
            assert poll.version == 1
            assert poll.standing == permissions.standing(reader, meeting.group), reader
            got = selectors.audience_at(poll.standing, poll.meeting)
            assert got == selectors.audience(reader, meeting), (reader, meeting.status)
            seen.add(got)
    assert seen == {None, selectors.PUBLIC, selectors.PARTICIPANT}
    assert selectors.meeting_for_poll(pk=999999, user=coordinator) is None


@pytest.fixture
def edge_app() -> Any:
    yield from kept_answers_app()


@pytest.mark.django_db(transaction=True)
def test_polls_are_answered_by_the_edge_each_with_its_clock_until_the_state_changes(
    group: Any, coordinator: Any, edge_app: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Through the ASGI application: the next polls of an anonymous reader, and of a signed-in
    reader's session, are answered before Django, each with the server's clock of its moment;
    a change of the state, or a meeting made members-only, is seen at the next poll."""
    import logging

    from amity.live import services
    from amity.meetings.tests.factories import add_items, convened_meeting

    caplog.set_level(logging.INFO, logger="amity.request")
    meeting = convened_meeting(group, actor=coordinator)
    add_items(meeting, "Membership")
    url = f"/api/v1/meetings/{meeting.pk}/live"

    def poll(*headers: Any) -> dict[str, Any]:
        status, answer_headers, body = ask(edge_app, url, *headers)
        assert status == 200
        assert b"x-amity-keep" not in answer_headers
        assert int(answer_headers[b"content-length"]) == len(body)
        answer: dict[str, Any] = json.loads(body)
        return answer

    first = poll()
    time.sleep(0.01)
    second = poll()
    assert kept_answers(caplog) == 1
    assert second["server_time"] > first["server_time"]
    assert {**second, "server_time": 0} == {**first, "server_time": 0}
    assert list(second)[-1] == "server_time"

    services.speakers_list_close(actor=coordinator, meeting=meeting, version=1, closed=True)
    third = poll()
    assert (third["version"], third["list_closed"]) == (2, True)
    assert "requests" not in third
    assert kept_answers(caplog) == 1

    # A signed-in participant: their own answer, kept for their session only.
    mine = signed_in(coordinator)
    assert poll(mine)["audience"] == "participant"
    assert poll(mine)["audience"] == "participant"
    assert kept_answers(caplog) == 2
    assert poll()["audience"] == "public"

    meeting_services.meeting_update(actor=coordinator, meeting=meeting, visibility="members")
    assert ask(edge_app, url)[0] == 404
    assert ask(edge_app, "/api/v1/meetings/999999/live")[0] == 404
