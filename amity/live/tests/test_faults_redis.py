"""Degraded, not down (issue 11, items 3, 4 and 8), with real processes: a Redis of the test's
own killed with SIGKILL in the middle of a live session; an app node killed while clients are
connected to it. Throughout the outage the public pages
answer 200 (served uncached), the API answers, the chair's change commits and answers success;
the connected client converges on the latest version (the heartbeat carries it), and once Redis
is back the outbox empties."""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from amity.core.models import OutboxEntry, OutboxStatus
from amity.core.tests.processes import (
    api,
    celery_worker,
    environment,
    free_port,
    redis_server,
    uvicorn_server,
    wait_for,
)
from amity.live.tests.conftest import version


class LiveClient:
    """A WebSocket client that behaves as live.js does: keeps the newest version it received
    and asks for the whole state when a heartbeat carries another."""

    def __init__(self, url: str, *others: str) -> None:
        self.urls = [url, *others]  # the nodes behind the proxy, tried in turn
        self.connected_to = ""
        self.version = 0
        self.heartbeats = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)
        self.thread.start()

    async def _run(self) -> None:
        import websockets
        from websockets.typing import Origin

        attempt = 0
        while not self.stop.is_set():
            url = self.urls[attempt % len(self.urls)]
            attempt += 1
            try:
                async with websockets.connect(url, origin=Origin("http://127.0.0.1")) as ws:
                    self.connected_to = url
                    while not self.stop.is_set():
                        try:
                            raw = await asyncio.wait_for(ws.recv(), 0.5)
                        except TimeoutError:
                            continue
                        data = json.loads(raw)
                        if data.get("type") == "heartbeat":
                            self.heartbeats += 1
                            if data["version"] != self.version:
                                await ws.send(json.dumps({"type": "resync"}))
                        else:
                            self.version = data["version"]
            except (OSError, websockets.exceptions.WebSocketException):
                await asyncio.sleep(0.5)  # reconnect, as live.js does

    def close(self) -> None:
        self.stop.set()
        self.thread.join(10)


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_redis_killed_during_a_live_session_keeps_pages_up_and_clients_converge(
    transactional_db, session, coordinator, group, tmp_path: Path
) -> None:
    from amity.accounts.services import api_token_create

    token = api_token_create(user=coordinator, name="faults")[1]
    meeting = session.meeting
    redis_port, web_port = free_port(), free_port()
    env = environment(
        tmp_path,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        AMITY_CACHE_PREFIX=f"amity-faults-{redis_port}",
        AMITY_OUTBOX_SWEEP_SECONDS="1",
        AMITY_LIVE_HEARTBEAT_SECONDS="1",
    )
    logs = [tmp_path / "redis.log", tmp_path / "worker.log", tmp_path / "web.log"]
    base = f"http://127.0.0.1:{web_port}"
    pages = [f"{base}/en/groups/{group.slug}/", f"{base}/en/meetings/{meeting.pk}/"]
    started: list[Any] = []
    client = None
    try:
        redis = redis_server(redis_port, logs[0])
        started.append(redis)
        beat = ("-B", "--schedule", str(tmp_path / "beat-schedule"))
        started.append(celery_worker(env, logs[1], *beat, one_core=True))
        started.append(uvicorn_server(web_port, env, logs[2]))
        assert [_get(p) for p in pages * 2] == [200] * 4  # the second time from the cache
        client = LiveClient(f"ws://127.0.0.1:{web_port}/ws/meetings/{meeting.pk}/live/")
        wait_for(lambda: client.version == 1, "the live client did not connect", 20, logs)

        redis.kill()
        started.remove(redis)
        assert [_get(p) for p in pages] == [200, 200]
        status, body = api(
            "POST",
            f"{base}/api/v1/meetings/{meeting.pk}/live/speakers",
            token,
            {"registration": session.ataeva.pk, "version": 1},
        )
        assert status == 201, body  # committed, so success, whatever failed after
        assert version(meeting) == 2
        status, body = api("GET", f"{base}/api/v1/meetings/{meeting.pk}/live", token)
        assert status == 200
        assert body["version"] == 2
        assert [_get(p) for p in pages] == [200, 200]
        # The broadcast was lost with Redis; the heartbeat heals it, Redis or not.
        wait_for(lambda: client.version == 2, "the live client did not converge", 20, logs)
        assert (
            OutboxEntry.objects.filter(handler="live.publish")
            .exclude(status=OutboxStatus.DONE)
            .exists()
        )

        redis = redis_server(redis_port, logs[0])
        started.append(redis)
        wait_for(
            lambda: not OutboxEntry.objects.exclude(status=OutboxStatus.DONE).exists(),
            "the outbox did not empty after Redis came back",
            60,
            logs,
        )
        status, body = api(
            "POST",
            f"{base}/api/v1/meetings/{meeting.pk}/live/speakers",
            token,
            {"registration": session.bakayev.pk, "version": 2},
        )
        assert status == 201, body
        wait_for(lambda: client.version == 3, "the client missed a change after Redis", 20, logs)
        assert [_get(p) for p in pages] == [200, 200]
    finally:
        if client is not None:
            client.close()
        for process in reversed(started):
            process.stop()


def test_an_app_node_killed_under_its_clients_they_reconnect_and_converge(
    transactional_db, session, coordinator, tmp_path: Path
) -> None:
    """Two nodes, clients on each; node A is killed (SIGKILL). Its clients reconnect to node B
    (as behind a proxy) and, like B's own, converge on the latest version; a change made after
    reaches them all."""
    from amity.accounts.services import api_token_create

    token = api_token_create(user=coordinator, name="faults")[1]
    meeting = session.meeting
    redis_port, port_a, port_b = free_port(), free_port(), free_port()
    env = environment(
        tmp_path,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        AMITY_CACHE_PREFIX=f"amity-faults-{redis_port}",
        AMITY_LIVE_HEARTBEAT_SECONDS="1",
    )
    logs = [tmp_path / "redis.log", tmp_path / "a.log", tmp_path / "b.log"]
    started: list[Any] = []
    clients: list[LiveClient] = []
    try:
        started.append(redis_server(redis_port, logs[0]))
        node_a = uvicorn_server(port_a, env, logs[1])
        started.append(node_a)
        started.append(uvicorn_server(port_b, env, logs[2]))
        ws_a = f"ws://127.0.0.1:{port_a}/ws/meetings/{meeting.pk}/live/"
        ws_b = f"ws://127.0.0.1:{port_b}/ws/meetings/{meeting.pk}/live/"
        clients = [LiveClient(ws_a, ws_b) for _ in range(3)] + [
            LiveClient(ws_b, ws_a) for _ in range(3)
        ]
        wait_for(
            lambda: all(c.version == 1 for c in clients), "the clients did not connect", 30, logs
        )
        assert sum(c.connected_to == ws_a for c in clients) == 3

        node_a.kill()
        started.remove(node_a)
        base_b = f"http://127.0.0.1:{port_b}"
        status, body = api(
            "POST",
            f"{base_b}/api/v1/meetings/{meeting.pk}/live/speakers",
            token,
            {"registration": session.ataeva.pk, "version": 1},
        )
        assert status == 201, body
        wait_for(
            lambda: all(c.version == 2 and c.connected_to == ws_b for c in clients),
            "the clients did not converge on node B",
            30,
            logs,
        )
        status, body = api(
            "POST",
            f"{base_b}/api/v1/meetings/{meeting.pk}/live/speakers",
            token,
            {"registration": session.bakayev.pk, "version": 2},
        )
        assert status == 201, body
        wait_for(lambda: all(c.version == 3 for c in clients), "a client missed a change", 20, logs)
        assert version(meeting) == 3
    finally:
        for client in clients:
            client.close()
        for process in reversed(started):
            process.stop()
