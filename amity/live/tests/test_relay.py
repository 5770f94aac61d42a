"""Scale mode: a change made through one server process reaches a WebSocket client connected
to another, through the Redis channel layer. Runs in the PostgreSQL/Redis pass."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from amity.accounts.services import api_token_create

ROOT = Path(__file__).resolve().parents[3]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(port: int) -> subprocess.Popen[bytes]:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{connection.settings_dict['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "AMITY_SECRET_KEY": "relay-test",
    }
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/uvicorn"),
            "amity.asgi:application",
            "--port",
            str(port),
            "--ws",
            "websockets-sansio",
            "--lifespan",
            "off",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def _wait(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"node on port {port} did not start")


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (the Redis channel layer)")
@pytest.mark.django_db(transaction=True)
def test_change_through_node_a_reaches_client_on_node_b(session, coordinator):
    if connection.vendor != "postgresql":
        pytest.skip("two server processes need a shared PostgreSQL database, not SQLite")
    import websockets
    from websockets.typing import Origin

    raw = _bearer(coordinator)
    port_a, port_b = _port(), _port()
    nodes = [_start(port_a), _start(port_b)]
    try:
        _wait(port_a)
        _wait(port_b)

        async def scenario() -> dict:
            url = f"ws://127.0.0.1:{port_b}/ws/meetings/{session.meeting.pk}/live/"
            # The same origin as the socket (scheme, host and port), as a browser sends it.
            origin = Origin(f"http://127.0.0.1:{port_b}")
            async with websockets.connect(url, origin=origin) as ws:
                first = json.loads(await asyncio.wait_for(ws.recv(), 10))
                assert first["version"] == 1
                body = json.dumps({"registration": session.ataeva.pk, "version": 1}).encode()
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port_a}/api/v1/meetings/{session.meeting.pk}/live/speakers",
                    data=body,
                    method="POST",
                    headers={"Content-Type": "application/json", "Authorization": f"Bearer {raw}"},
                )
                await asyncio.to_thread(urllib.request.urlopen, request, timeout=10)
                return json.loads(await asyncio.wait_for(ws.recv(), 10))

        # In a thread of its own: the session's Playwright may hold an event loop in this one.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            state = pool.submit(asyncio.run, scenario()).result(timeout=60)
        assert state["version"] == 2
        assert [s["name"] for s in state["speakers"]] == ["Ataeva"]
    finally:
        for node in nodes:
            node.terminate()
        for node in nodes:
            node.wait(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def _bearer(user) -> str:
    return api_token_create(user=user, name="relay-test")[1]
