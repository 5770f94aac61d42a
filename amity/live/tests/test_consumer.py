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

from amity.live import fanout, services
from amity.live.consumers import LiveConsumer
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
        try:
            return await coro_fn()
        finally:
            # Back to the pool (PostgreSQL): a connection left checked out in that thread
            # would keep the test database busy at the end of the session.
            await database_sync_to_async(connections.close_all)()

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
        assert first["version"] == 1
        assert first["audience"] == "participant"
        assert isinstance(first["server_time"], int)
        assert first["speakers"] == []
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

    def call() -> Any:
        try:
            return fn()
        finally:
            connections.close_all()  # back to the pool: the thread may end holding it

    return await sync_to_async(call, thread_sensitive=False)()


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
        assert again["version"] == 3
        assert len(again["speakers"]) == 2
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
        assert state["audience"] == "public"
        assert "requests" not in state
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
            assert not connected
            assert code == 4403
        comm = communicator(m, observer)
        connected, _ = await comm.connect()
        assert connected
        assert (await comm.receive_json_from(timeout=5))["audience"] == "participant"
        await comm.disconnect()

    run(scenario)


def test_one_subscription_per_process_feeds_every_local_client(session, coordinator, focal_point):
    """Several clients of a meeting in one process share one subscription to the channel layer
    per audience; each receives its audience's state after a change; when the last client of
    an audience leaves, the process unsubscribes."""
    m = session.meeting

    async def scenario() -> None:
        participants = [communicator(m, focal_point) for _ in range(3)]
        public = communicator(m, None)
        for comm in [*participants, public]:
            assert (await comm.connect())[0]
            assert (await comm.receive_json_from(timeout=5))["version"] == 1
        hub = fanout.hub()
        assert hub is not None
        participant_group = services.group_name(m.pk, "participant")
        public_group = services.group_name(m.pk, "public")
        assert len(hub.members[participant_group]) == 3
        assert len(hub.members[public_group]) == 1
        assert set(hub.subscribed) == {participant_group, public_group}
        await _in_thread(
            lambda: services.speaker_add(
                actor=coordinator, meeting=m, registration=session.ataeva, version=1
            )
        )
        for comm in participants:
            state = await comm.receive_json_from(timeout=5)
            assert state["version"] == 2
            assert state["audience"] == "participant"
        state = await public.receive_json_from(timeout=5)
        assert state["version"] == 2
        assert state["audience"] == "public"
        for comm in participants:
            assert await comm.receive_nothing(timeout=0.1)
        await public.disconnect()
        assert set(hub.subscribed) == {participant_group}
        for comm in participants:
            await comm.disconnect()
        assert hub.members == {}
        assert hub.subscribed == {}

    run(scenario)


def test_a_client_never_receives_an_older_version(session, focal_point):
    """A state older than the one a client has (a late message) is not sent to it; a newer
    one is, with the server's time added."""
    m = session.meeting

    async def scenario() -> None:
        comm = communicator(m, focal_point)
        await comm.connect()
        assert (await comm.receive_json_from(timeout=5))["version"] == 1
        hub = fanout.hub()
        assert hub is not None
        group = services.group_name(m.pk, "participant")
        hub.fan_out(group, 1, json.dumps({"version": 1, "late": True}))
        assert await comm.receive_nothing(timeout=0.2)
        hub.fan_out(group, 3, json.dumps({"version": 3}))
        state = await comm.receive_json_from(timeout=5)
        assert state["version"] == 3
        assert isinstance(state["server_time"], int)
        await comm.disconnect()

    run(scenario)


def test_a_socket_slow_to_drain_holds_up_no_one():
    """While one client's write waits (its socket does not drain), the others receive the next
    states at once; the slow one then receives only the newest of those that waited."""

    def consumer(sent: list[int], gate: asyncio.Event | None = None) -> LiveConsumer:
        c = LiveConsumer()
        c.sent, c.waiting, c.writing = 1, None, asyncio.Lock()

        async def send(message: dict[str, str]) -> None:  # the server's send
            if gate is not None:
                await gate.wait()
            sent.append(json.loads(message["text"])["version"])

        c.base_send = send
        return c

    async def scenario() -> None:
        hub = fanout.Hub(layer=None)
        fast_sent: list[int] = []
        slow_sent: list[int] = []
        gate = asyncio.Event()
        fast, slow = consumer(fast_sent), consumer(slow_sent, gate)
        hub.members["g"] = {fast, slow}
        for v in (2, 3, 4):
            hub.fan_out("g", v, json.dumps({"version": v}))
            await asyncio.sleep(0.01)
        assert fast_sent == [2, 3, 4]
        assert slow_sent == []
        gate.set()
        await asyncio.sleep(0.01)
        assert slow_sent == [2, 4]

    run(scenario)


def test_heartbeat_carries_the_current_version_so_a_lost_broadcast_heals(
    session, coordinator, focal_point, settings, monkeypatch
):
    """A change whose broadcast is lost (the layer away, the process killed after commit)
    reaches the client with the next heartbeat: it carries the current version, and the
    client's resync brings the whole state."""
    settings.AMITY_LIVE_HEARTBEAT_SECONDS = 0.3
    m = session.meeting

    async def scenario() -> None:
        comm = communicator(m, focal_point)
        await comm.connect()
        assert (await comm.receive_json_from(timeout=5))["version"] == 1
        beat = await comm.receive_json_from(timeout=5)
        assert beat["type"] == "heartbeat"
        assert beat["version"] == 1
        assert isinstance(beat["server_time"], int)
        with monkeypatch.context() as patch:
            patch.setattr(services, "live_publish", lambda *, meeting_id: None)
            await _in_thread(
                lambda: services.speaker_add(
                    actor=coordinator, meeting=m, registration=session.ataeva, version=1
                )
            )
        beat = await comm.receive_json_from(timeout=5)
        assert beat == {"type": "heartbeat", "version": 2, "server_time": beat["server_time"]}
        await comm.send_json_to({"type": "resync"})
        state = await comm.receive_json_from(timeout=5)
        while state.get("type") == "heartbeat":
            state = await comm.receive_json_from(timeout=5)
        assert state["version"] == 2
        assert [s["name"] for s in state["speakers"]] == ["Ataeva"]
        await comm.disconnect()

    run(scenario)


def test_clients_connecting_together_read_the_whole_state_once(session, focal_point, monkeypatch):
    """A connection storm (a node restarted, a meeting opening) reads the whole state once per
    process and audience, not once per client: the next clients within seconds get the text
    the first one read, once the version they check is still current."""
    from amity.live import selectors

    m = session.meeting
    reads: list[int] = []
    snapshot = selectors.snapshot

    def counted(meeting: Any) -> Any:
        reads.append(meeting.pk)
        return snapshot(meeting)

    monkeypatch.setattr(selectors, "snapshot", counted)

    async def scenario() -> None:
        comms = [communicator(m, focal_point) for _ in range(5)]
        texts = []
        for comm in comms:
            connected, _ = await comm.connect()
            assert connected
            state = await comm.receive_json_from(timeout=5)
            state.pop("server_time")
            texts.append(state)
        assert all(t == texts[0] for t in texts)
        for comm in comms:
            await comm.disconnect()

    run(scenario)
    assert len(reads) == 1
