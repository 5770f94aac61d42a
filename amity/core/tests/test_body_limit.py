"""The ASGI door bounds every request body: size announced, size sent, time taken."""

from __future__ import annotations

import asyncio
from typing import Any

from amity.core.body_limit import BodyLimit


class _App:
    """Reads the body like Django's ASGI handler: until no more_body, or a disconnect."""

    def __init__(self) -> None:
        self.body = b""
        self.aborted = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                self.aborted = True
                return
            self.body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _run(headers: list[tuple[bytes, bytes]], chunks: list[Any]) -> tuple[_App, list[Any], int]:
    app = _App()
    sent: list[Any] = []
    reads = 0

    async def receive() -> Any:
        nonlocal reads
        reads += 1
        chunk = chunks.pop(0) if chunks else None
        if chunk is None:
            await asyncio.sleep(3600)  # a sender that stopped sending
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "headers": headers}
    asyncio.run(BodyLimit(app)(scope, receive, send))
    return app, sent, reads


def _status(sent: list[Any]) -> int:
    return next(m["status"] for m in sent if m["type"] == "http.response.start")


def _text(sent: list[Any]) -> str:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode()


def test_announced_size_over_the_limit_is_refused_unread(settings):
    settings.AMITY_REQUEST_MAX_MB = 1
    app, sent, reads = _run([(b"content-length", str(2 * 1024 * 1024).encode())], [b"x"])
    assert _status(sent) == 413
    assert reads == 0
    assert app.body == b""
    assert "larger than 1 MB" in _text(sent)


def test_a_body_growing_past_the_limit_is_cut_off(settings):
    settings.AMITY_REQUEST_MAX_MB = 1
    chunk = b"x" * (256 * 1024)
    app, sent, reads = _run([], [chunk] * 10)
    assert app.aborted
    assert len(app.body) == 4 * len(chunk)
    assert _status(sent) == 413
    assert reads == 5


def test_a_slow_sender_is_stopped(settings):
    settings.AMITY_REQUEST_BODY_SECONDS = 0.05
    app, sent, _reads = _run([(b"content-length", b"10")], [b"12345", None])
    assert app.aborted
    assert _status(sent) == 408
    assert "took longer than 0.05 seconds" in _text(sent)


def test_a_normal_request_passes(settings):
    app, sent, _reads = _run([(b"content-length", b"10")], [b"12345", b"67890"])
    assert app.body == b"1234567890"
    assert _status(sent) == 200


def test_the_live_server_refuses_an_oversized_upload(settings, live_url):
    """Wired in amity.asgi: a real uvicorn answers 413 from the Content-Length alone."""
    import http.client
    from urllib.parse import urlsplit

    settings.AMITY_REQUEST_MAX_MB = 1
    address = urlsplit(live_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.putrequest("POST", "/en/")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(50 * 1024 * 1024))
    connection.endheaders()  # not one byte of the 50 MB is sent
    response = connection.getresponse()
    assert response.status == 413
    assert b"larger than 1 MB" in response.read()
    connection.close()
