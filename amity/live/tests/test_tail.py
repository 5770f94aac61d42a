"""The live path's edges (issue 18), with a real server process: a burst of changes reaches
every client in order with no gap left unhealed; a client that stops reading is dropped (its
buffer released) and receives the whole state when it connects again. And the two pieces that
keep the tail short or visible: full garbage collections off the fan-out's path, the stage
trace the benchmark reads."""

from __future__ import annotations

import asyncio
import base64
import gc
import json
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from amity.core import collector
from amity.core.tests.processes import api, environment, free_port, uvicorn_server, wait_for
from amity.live import services
from amity.live.tests.conftest import version

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


class Follower:
    """A client as live.js is: keeps every version it receives, asks for the whole state when
    it sees a gap or a heartbeat with another version."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.versions: list[int] = []
        self.resyncs = 0
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)
        self.thread.start()

    async def _run(self) -> None:
        import websockets
        from websockets.typing import Origin

        origin = Origin("http" + self.url.split("/ws/")[0].removeprefix("ws"))
        async with websockets.connect(self.url, origin=origin) as ws:
            self.ready.set()
            while not self.stop.is_set():
                try:
                    data = json.loads(await asyncio.wait_for(ws.recv(), 0.2))
                except TimeoutError:
                    continue
                if data.get("type") == "heartbeat":
                    if self.versions and data["version"] != self.versions[-1]:
                        self.resyncs += 1
                        await ws.send(json.dumps({"type": "resync"}))
                    continue
                if self.versions and data["version"] > self.versions[-1] + 1:
                    self.resyncs += 1
                    await ws.send(json.dumps({"type": "resync"}))
                self.versions.append(data["version"])

    def close(self) -> None:
        self.stop.set()
        self.thread.join(10)


def _server(tmp_path: Path, **extra: str) -> tuple[Any, int, list[Path]]:
    port = free_port()
    log = tmp_path / "web.log"
    env = environment(tmp_path, AMITY_LIVE_HEARTBEAT_SECONDS="1", **extra)
    env.pop("REDIS_URL", None)  # one process, the in-memory layer: the embedded default
    return uvicorn_server(port, env, log), port, [log]


def test_a_burst_of_100_changes_reaches_every_client_in_order(
    transactional_db, session, coordinator, tmp_path: Path
) -> None:
    from amity.accounts.services import api_token_create

    token = api_token_create(user=coordinator, name="burst")[1]
    meeting = session.meeting
    server, port, logs = _server(tmp_path)
    followers: list[Follower] = []
    try:
        url = f"ws://127.0.0.1:{port}/ws/meetings/{meeting.pk}/live/"
        followers = [Follower(url) for _ in range(20)]
        for follower in followers:
            assert follower.ready.wait(30), "a client did not connect"
        wait_for(lambda: all(f.versions for f in followers), "whole states not received", 20, logs)

        base = f"http://127.0.0.1:{port}/api/v1/meetings/{meeting.pk}/live/close"
        now, closed = version(meeting), False
        started = time.monotonic()
        for _ in range(100):
            closed = not closed
            status, body = api("POST", base, token, {"version": now, "closed": closed})
            assert status == 200, body
            now += 1
        burst = time.monotonic() - started

        # Every client ends on the last version (gaps healed by a resync, at the latest on the
        # next heartbeat), and never went back to an older one.
        wait_for(
            lambda: all(f.versions[-1] == now for f in followers),
            f"not every client reached version {now}",
            20,
            logs,
        )
        for follower in followers:
            assert follower.versions == sorted(follower.versions), follower.versions
        received = sum(len(set(f.versions)) for f in followers)
        print(f"burst of 100 changes in {burst:.2f} s; {received} distinct versions received")
    finally:
        for follower in followers:
            follower.close()
        server.stop()


def _handshake(port: int, path: str) -> socket.socket:
    """A WebSocket opened by hand, with a small receive buffer, that then never reads."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: http://127.0.0.1:{port}\r\n\r\n"
        ).encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    assert head.startswith(b"HTTP/1.1 101"), head
    return sock


def _ended(sock: socket.socket) -> bool:
    """Read what the socket holds until the connection ends (True) or 10 s pass (False)."""
    sock.settimeout(10)
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return True


def _metric(port: int, name: str) -> float:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        for line in response.read().decode().splitlines():
            if line.startswith(name + " "):
                return float(line.split()[1])
    return 0.0


def test_a_client_that_stops_reading_is_dropped_and_resyncs_when_back(
    transactional_db, session, coordinator, tmp_path: Path
) -> None:
    from amity.accounts.services import api_token_create

    token = api_token_create(user=coordinator, name="stalled")[1]
    meeting = session.meeting
    # Long titles make each state about 36 KB, so that the kernel's buffers (which grow to a
    # few MB on the loopback) fill within a hundred changes.
    for item in session.items:
        item.titles = {lang: f"{item.position}. " + "Neutrality " * 600 for lang in LANGUAGES}
        item.save()
    server, port, logs = _server(
        tmp_path, AMITY_LIVE_STALLED_SECONDS="1", AMITY_METRICS_ALLOW="127.0.0.1/32"
    )
    stalled = None
    follower = None
    try:
        path = f"/ws/meetings/{meeting.pk}/live/"
        stalled = _handshake(port, path)
        follower = Follower(f"ws://127.0.0.1:{port}{path}")
        assert follower.ready.wait(30)
        base = f"http://127.0.0.1:{port}/api/v1/meetings/{meeting.pk}/live"
        # Changes until the stalled client's buffers are full and it has been dropped; the
        # reading client keeps up all along.
        now, closed = version(meeting), False
        for _ in range(400):
            closed = not closed
            status, body = api("POST", f"{base}/close", token, {"version": now, "closed": closed})
            assert status == 200, body
            now += 1
            if _metric(port, "amity_live_clients_dropped_total") >= 1:
                break
        else:
            pytest.fail("the client that stopped reading was never dropped")
        wait_for(lambda: follower.versions[-1] == now, "the reading client fell behind", 20, logs)
        # Dropped means closed: once it reads again it finds the end of the connection (the
        # server aborted it), and a new connection starts with the whole state.
        assert _ended(stalled), "the dropped connection was still open"
        again = Follower(f"ws://127.0.0.1:{port}{path}")
        try:
            wait_for(lambda: again.versions[:1] == [now], "no whole state after reconnecting", 20)
        finally:
            again.close()
    finally:
        if stalled is not None:
            stalled.close()
        if follower is not None:
            follower.close()
        server.stop()


def test_full_collections_wait_for_a_quiet_moment(monkeypatch) -> None:
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, collector.FULL_AFTER))
    collector.busy()
    now = time.monotonic()
    assert not collector.due(now=now, last_full=now - 5, idle=1.0, longest=60.0)
    assert collector.due(now=now + 1.5, last_full=now - 5, idle=1.0, longest=60.0)
    # A process that never goes quiet still collects, at the longest interval.
    collector.busy()
    assert collector.due(now=time.monotonic(), last_full=now - 61, idle=1.0, longest=60.0)
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 1))
    assert not collector.due(now=now + 100, last_full=now - 100, idle=1.0, longest=60.0)


def test_what_survives_a_full_collection_is_frozen() -> None:
    try:
        collector.collect(thaw=False)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        collector.collect(thaw=True)  # everything looked at again, then frozen anew
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_trace_notes_each_stage_of_a_change(
    db, session, coordinator, settings, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    settings.AMITY_LIVE_TRACE_FILE = str(tmp_path / "trace.jsonl")
    meeting = session.meeting
    with django_capture_on_commit_callbacks(execute=True):
        services.speakers_list_close(
            actor=coordinator, meeting=meeting, version=version(meeting), closed=True
        )
    lines = [json.loads(x) for x in Path(settings.AMITY_LIVE_TRACE_FILE).read_text().splitlines()]
    change = next(x for x in lines if "stages" in x)
    assert change["meeting"] == meeting.pk
    assert change["version"] == version(meeting)
    stages = change["stages"]
    order = ["service", "locked", "written", "committed", "serialized", "sent"]
    assert list(stages) == order
    assert [stages[s] for s in order] == sorted(stages[s] for s in order)
