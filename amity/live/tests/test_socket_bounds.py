"""The live WebSocket's origin check (scheme, host and port) and its rate limits (issue 14)."""

from __future__ import annotations

from typing import Any

import pytest
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from amity.core import ratelimit
from amity.core.errors import TooManyRequests
from amity.core.origins import SameOriginValidator
from amity.live import services
from amity.live.routing import websocket_urlpatterns
from amity.live.tests.test_consumer import run

pytestmark = pytest.mark.django_db(transaction=True)

plain = URLRouter(websocket_urlpatterns)


class _Open(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        await self.accept()


app = SameOriginValidator(_Open.as_asgi())


@pytest.mark.parametrize(
    ("origin", "host", "scheme", "accepted"),
    [
        ("http://localhost:8000", "localhost:8000", "ws", True),
        ("http://localhost:9999", "localhost:8000", "ws", False),  # another port
        ("https://localhost:8000", "localhost:8000", "ws", False),  # another scheme
        ("http://evil.example:8000", "localhost:8000", "ws", False),  # another host
        ("https://amity.example", "amity.example", "wss", True),  # 443 both sides
        ("https://amity.example:8443", "amity.example", "wss", False),
        ("http://amity.example", "amity.example", "ws", True),
        ("http://127.0.0.1:8000", "10.0.0.5:8000", "ws", True),  # CSRF_TRUSTED_ORIGINS
        ("http://attacker.example", "attacker.example", "ws", False),  # not in ALLOWED_HOSTS
        (None, "localhost:8000", "ws", False),  # no Origin header
        ("null", "localhost:8000", "ws", False),
    ],
)
@pytest.mark.django_db
def test_origin_is_compared_by_scheme_host_and_port(settings, origin, host, scheme, accepted):
    settings.ALLOWED_HOSTS = ["localhost", "amity.example", "10.0.0.5", "127.0.0.1"]
    settings.CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1:8000"]
    settings.AMITY_SITE_URL = "https://amity.example"
    headers = [(b"host", host.encode())]
    if origin is not None:
        headers.append((b"origin", origin.encode()))

    async def scenario() -> bool:
        comm = WebsocketCommunicator(app, "/ws/meetings/1/live/", headers=headers)
        comm.scope["scheme"] = scheme
        connected, _ = await comm.connect()
        await comm.disconnect()
        return bool(connected)

    assert run(scenario) is accepted


@pytest.mark.django_db
def test_the_site_wires_the_origin_check(settings):
    """amity.asgi serves WebSockets behind the check: another port is refused there too."""
    from amity.asgi import application

    async def scenario() -> bool:
        comm = WebsocketCommunicator(
            application,
            "/ws/meetings/1/live/",
            headers=[(b"host", b"localhost:8000"), (b"origin", b"http://localhost:9999")],
        )
        connected, _ = await comm.connect()
        await comm.disconnect()
        return bool(connected)

    assert run(scenario) is False


def _communicator(meeting: Any, user: Any, client: str = "10.1.1.1") -> WebsocketCommunicator:
    comm = WebsocketCommunicator(plain, f"/ws/meetings/{meeting.pk}/live/")
    comm.scope["user"] = user or AnonymousUser()
    comm.scope["client"] = (client, 5000)
    return comm


def test_resyncs_are_limited_per_connection(settings, session, focal_point):
    settings.AMITY_LIVE_RESYNC_BURST = 3
    settings.AMITY_LIVE_RESYNC_PER_MINUTE = 0.001  # no refill within the test

    async def scenario() -> list[Any]:
        comm = _communicator(session.meeting, focal_point)
        assert (await comm.connect())[0]
        await comm.receive_json_from(timeout=5)
        answers = []
        for _ in range(5):
            await comm.send_json_to({"type": "resync"})
            answers.append(await comm.receive_json_from(timeout=5))
        await comm.disconnect()
        return answers

    answers = run(scenario)
    assert [a.get("type") for a in answers[:3]] == [None, None, None]
    assert all("version" in a for a in answers[:3])
    refusal = answers[3]
    assert refusal["type"] == "error"
    assert refusal["code"] == "rate_limited"
    assert "Too many requests for the whole state" in refusal["message"]
    assert refusal["retry_after"] > 0
    assert answers[4]["type"] == "error"


def test_resyncs_are_limited_per_user_across_connections(settings, session, focal_point):
    """A fresh connection does not bring fresh tokens: the user's bucket is shared."""
    settings.AMITY_LIVE_RESYNC_USER_BURST = 4
    settings.AMITY_LIVE_RESYNC_USER_PER_MINUTE = 0.001

    async def scenario() -> list[str]:
        kinds = []
        for _ in range(3):
            comm = _communicator(session.meeting, focal_point)
            assert (await comm.connect())[0]
            await comm.receive_json_from(timeout=5)
            for _ in range(2):
                await comm.send_json_to({"type": "resync"})
                kinds.append((await comm.receive_json_from(timeout=5)).get("type", "state"))
            await comm.disconnect()
        return kinds

    assert run(scenario) == ["state"] * 4 + ["error"] * 2


def test_visitors_are_limited_by_address(settings, session):
    """Anonymous sockets of a public meeting share a bucket per client address."""
    from amity.meetings.models import Meeting, Visibility

    Meeting.objects.filter(pk=session.meeting.pk).update(visibility=Visibility.PUBLIC)
    settings.AMITY_LIVE_RESYNC_USER_BURST = 1
    settings.AMITY_LIVE_RESYNC_USER_PER_MINUTE = 0.001

    async def scenario() -> list[str]:
        kinds = []
        for client in ("10.9.9.9", "10.9.9.9", "10.8.8.8"):
            comm = _communicator(session.meeting, None, client=client)
            assert (await comm.connect())[0]
            await comm.receive_json_from(timeout=5)
            await comm.send_json_to({"type": "resync"})
            kinds.append((await comm.receive_json_from(timeout=5)).get("type", "state"))
            await comm.disconnect()
        return kinds

    assert run(scenario) == ["state", "error", "state"]


@pytest.mark.django_db
def test_floor_requests_are_limited_per_user(settings, session, coordinator, focal_point):
    """A delegate asking again and again is told to wait; the chair is never limited."""
    settings.AMITY_LIVE_FLOOR_BURST = 2
    settings.AMITY_LIVE_FLOOR_PER_MINUTE = 0.001
    m = session.meeting
    for registration in (session.bakayev, session.seitkali):
        services.speaker_add(actor=focal_point, meeting=m, registration=registration)
    with pytest.raises(TooManyRequests) as caught:
        services.speaker_add(actor=focal_point, meeting=m, registration=session.bakayev)
    assert "asked for the floor too often" in caught.value.message
    assert caught.value.retry_after > 0
    from django.core.cache import cache

    from amity.live.tests.conftest import version

    services.speaker_add(
        actor=coordinator, meeting=m, registration=session.ataeva, version=version(m)
    )
    assert cache.get(f"amity:bucket:floor:{coordinator.pk}") is None  # the chair is not counted


@pytest.mark.django_db
def test_floor_limit_answers_429_in_the_api(settings, session, focal_point, client):
    settings.AMITY_LIVE_FLOOR_BURST = 1
    settings.AMITY_LIVE_FLOOR_PER_MINUTE = 0.001
    client.force_login(focal_point)
    url = f"/api/v1/meetings/{session.meeting.pk}/live/speakers"
    first = client.post(url, {"registration": session.bakayev.pk}, content_type="application/json")
    assert first.status_code in (200, 201), first.content
    second = client.post(
        url, {"registration": session.seitkali.pk}, content_type="application/json"
    )
    assert second.status_code == 429
    assert "too often" in second.json()["error"]
    assert int(second["Retry-After"]) >= 1


def test_token_bucket_refills_at_its_rate(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(ratelimit, "clock", lambda: now[0])
    bucket = ratelimit.TokenBucket(burst=2, per_minute=60)
    assert [bucket.take(), bucket.take()] == [0, 0]
    assert bucket.take() == pytest.approx(1.0)
    now[0] += 1.0
    assert bucket.take() == 0
    now[0] += 10.0  # refills to the burst, never beyond
    assert [bucket.take(), bucket.take()] == [0, 0]
    assert bucket.take() > 0


def test_a_real_server_checks_the_port_of_the_origin(live_url, session):
    """The issue's probe against uvicorn: the page's own origin opens the socket of a public
    meeting; the same host on another port is refused at the handshake."""
    import asyncio

    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatus

    from amity.meetings.models import Meeting, Visibility

    Meeting.objects.filter(pk=session.meeting.pk).update(visibility=Visibility.PUBLIC)
    ws_url = live_url.replace("http://", "ws://") + f"/ws/meetings/{session.meeting.pk}/live/"
    port = int(live_url.rsplit(":", 1)[1])

    async def attempt(origin: str) -> bool:
        try:
            async with connect(ws_url, origin=origin, open_timeout=10) as socket:  # type: ignore[arg-type]
                return "version" in await asyncio.wait_for(socket.recv(), 10)
        except InvalidStatus:
            return False

    async def both() -> tuple[bool, bool]:
        return (
            await attempt(f"http://127.0.0.1:{port}"),
            await attempt(f"http://127.0.0.1:{port + 1 if port < 65535 else port - 1}"),
        )

    assert run(both) == (True, False)
