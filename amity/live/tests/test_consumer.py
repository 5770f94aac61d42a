"""The WebSocket of the live session, through Channels' test communicator."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.db import connections

from amity.live import services
from amity.live.routing import websocket_urlpatterns
from amity.meetings import services as meeting_services

pytestmark = pytest.mark.django_db(transaction=True)

app = URLRouter(websocket_urlpatterns)


def communicator(meeting: Any, user: Any) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(app, f"/ws/meetings/{meeting.pk}/live/")
    comm.scope["user"] = user or AnonymousUser()
    return comm


def run(coro_fn: Any) -> Any:
    """Run the scenario in its own thread and event loop (the session's Playwright may hold
    an event loop in this thread)."""

    async def fresh() -> Any:
        # The executor thread of database_sync_to_async outlives a test; a live server's
        # teardown may have ended its PostgreSQL connection.
        await database_sync_to_async(connections.close_all)()
        return await coro_fn()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, fresh()).result(timeout=60)


def test_participant_receives_state_then_each_change(session, coordinator, focal_point):
    """On connect: the whole state with its version and the server's time; after a service
    call: the next version, with the new speaker."""
    m = session.meeting

    async def scenario() -> None:
        comm = communicator(m, focal_point)
        connected, _ = await comm.connect()
        assert connected
        first = await comm.receive_json_from(timeout=5)
        assert first["version"] == 1 and first["audience"] == "participant"
        assert isinstance(first["server_time"], int) and first["speakers"] == []
        await _in_thread(
            lambda: services.speaker_add(
                actor=coordinator, meeting=m, registration=session.ataeva, version=1
            )
        )
        second = await comm.receive_json_from(timeout=5)
        assert second["version"] == 2
        assert [s["name"] for s in second["speakers"]] == ["Ataeva"]
        await comm.disconnect()

    run(scenario)


async def _in_thread(fn: Any) -> Any:
    from asgiref.sync import sync_to_async

    return await sync_to_async(fn, thread_sensitive=False)()


def test_client_that_sees_a_gap_resyncs(session, coordinator, focal_point):
    """A client asks for the whole state again and receives it, at the current version."""
    m = session.meeting
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    services.speaker_add(actor=coordinator, meeting=m, registration=session.seitkali, version=2)

    async def scenario() -> None:
        comm = communicator(m, focal_point)
        await comm.connect()
        first = await comm.receive_json_from(timeout=5)
        assert first["version"] == 3
        await comm.send_json_to({"type": "resync"})
        again = await comm.receive_json_from(timeout=5)
        assert again["version"] == 3 and len(again["speakers"]) == 2
        await comm.disconnect()

    run(scenario)


def test_public_sees_public_state_without_requests(session, coordinator, focal_point):
    m = session.meeting
    services.speaker_add(actor=focal_point, meeting=m, registration=session.bakayev)

    async def scenario() -> None:
        comm = communicator(m, None)
        connected, _ = await comm.connect()
        assert connected
        state = await comm.receive_json_from(timeout=5)
        assert state["audience"] == "public" and "requests" not in state
        assert "requested_by" not in json.dumps(state)
        await comm.disconnect()

    run(scenario)


def test_members_only_meeting_refuses_the_public_and_outsiders(
    session, coordinator, outsider, observer
):
    m = session.meeting
    meeting_services.meeting_update(actor=coordinator, meeting=m, visibility="members")

    async def scenario() -> None:
        for user in (None, outsider):
            comm = communicator(m, user)
            connected, code = await comm.connect()
            assert not connected and code == 4403
        comm = communicator(m, observer)
        connected, _ = await comm.connect()
        assert connected
        assert (await comm.receive_json_from(timeout=5))["audience"] == "participant"
        await comm.disconnect()

    run(scenario)
